"""The Spark backfill job in Spark local mode, against the CLI and the embedded store.

WARC files are built from pages of ../shared/data/extraction (a fixed, sorted
choice; a few pages twice under other URLs, in other files; one WARC cut short
inside a record). The job runs in local[2]; its tables must hold one row per
article the CLI extracts from the same WARCs, with the CLI's record (all but
``source``), keep the truncated WARC's good records and count its failure, and
give the same near-duplicate groups as ``newsgraph ingest``.

Needs pyspark, java, ../shared and the release binary (NEWSGRAPH_BIN, default
<repo>/target/release/newsgraph): without them the test is skipped with a
message, and fails under CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import newsgraph

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_spark_warcs as warc_files  # noqa: E402
from test_spark_warcs import EXTRACTION, REPO  # noqa: E402
#: Pages per source set (sorted names): a few hundred records in all.
AEB_PAGES = 150
TRAFILATURA_PAGES = 70
#: Pages stored a second time under another URL, in another WARC.
TWICE = 6
WARC_FILES = 4


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the Spark test must run)")
    pytest.skip(f"SKIPPED (this test did not run): {reason}")


def _prerequisites() -> Path:
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as error:
        _missing(f"pyspark/pyarrow not installed: {error}")
    if shutil.which("java") is None:
        _missing("java is not on PATH (Spark needs Java 17)")
    if not EXTRACTION.is_dir():
        _missing(f"{EXTRACTION} is missing (../shared beside the checkout)")
    binary = Path(os.environ.get("NEWSGRAPH_BIN", REPO / "target" / "release" / "newsgraph"))
    if not binary.is_file():
        _missing(f"{binary} is missing: build it with cargo build --release, or set NEWSGRAPH_BIN")
    return binary


def _without_source(record: dict) -> str:
    return json.dumps({k: v for k, v in record.items() if k != "source"}, sort_keys=True)


def _is_failure(record: dict) -> bool:
    return any(e.get("stage") in ("source", "clean") for e in record.get("errors") or [])


def _store_groups(data: Path):
    with sqlite3.connect(data / "records.sqlite") as db:
        rows = db.execute("SELECT id, dup_group FROM articles").fetchall()
    groups = {}
    for article, group in rows:
        groups.setdefault(group, set()).add(article)
    return {frozenset(g) for g in groups.values() if len(g) > 1}


def test_backfill_matches_cli_and_store(tmp_path):
    binary = _prerequisites()
    import pyarrow.parquet as pq

    pages = warc_files.pages(AEB_PAGES, TRAFILATURA_PAGES)
    warcs, complete = warc_files.build(tmp_path, pages, WARC_FILES, TWICE)
    paths_file = tmp_path / "paths.txt"
    paths_file.write_text("".join(f"{p.name}\n" for p in warcs))  # relative to the list's folder
    out = tmp_path / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1")
    job = subprocess.run(
        [sys.executable, "-m", "newsgraph.spark", "--input", str(paths_file), "--output", str(out), "--master", "local[2]",
         "--store", str(tmp_path / "served")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert job.returncode == 0, job.stderr[-4000:]
    summary = json.loads(job.stdout.strip().splitlines()[-1])

    cli = subprocess.run([str(binary), "extract", *map(str, warcs)], capture_output=True, text=True, timeout=600)
    records = [json.loads(line) for line in cli.stdout.splitlines()]
    good = {r["source"]["url"]: r for r in records if not _is_failure(r)}
    failed = [r for r in records if _is_failure(r)]
    assert failed, "the truncated WARC gives the CLI an error record"
    assert len(good) >= 200, f"only {len(good)} good records"

    articles = pq.read_table(out / "articles").to_pylist()
    by_url = {}
    for row in articles:
        record = json.loads(row["record"])
        by_url.setdefault(record["source"]["url"], []).append(record)
    assert {u: len(v) for u, v in by_url.items() if len(v) > 1} == {}, "one row per article"
    assert sorted(by_url) == sorted(good), "the articles are those the CLI extracts"
    mismatched = [u for u, r in good.items() if _without_source(by_url[u][0]) != _without_source(r)]
    assert mismatched == [], f"records differ from the CLI's: {mismatched[:5]}"
    dates = {str(row["date"]) for row in articles}
    assert all(d == "unknown" or (len(d) == 10 and d[4] == "-") for d in dates), dates

    # The truncated WARC: its complete records are kept, its cut record counted.
    kept = [u for u in complete if "/truncated/" in u]
    assert all(u in by_url for u in kept if u in good), "the truncated file's good records are kept"
    assert summary["failures_by_reason"].get("source:warc", 0) >= 1, summary
    assert summary["articles"] == len(articles), summary
    assert summary["failures"] == len(failed), (summary, [f["errors"] for f in failed])
    assert sum(summary["articles_by_language"].values()) == len(articles)
    failures = pq.read_table(out / "failures").to_pylist()
    assert any("part-truncated.warc" in f["origin"] for f in failures)

    # --store: the articles went into an embedded store through the shared ingest run.
    ids = {json.loads(row["record"])["id"] for row in articles}
    loaded = summary["store"]
    assert loaded["new"] == len(ids) and loaded["new"] + loaded["duplicate"] == len(articles), loaded
    assert loaded["failed"] == 0, loaded
    served = newsgraph.Store(tmp_path / "served")
    assert len(served) == len(ids) and all(served.get(i) for i in sorted(ids)[:20])

    # GKG: one 27-column row per article.
    gkg_rows = [line for f in (out / "gkg").rglob("part-*") for line in f.read_text().splitlines()]
    assert len(gkg_rows) == len(articles) and all(len(r.split("\t")) == 27 for r in gkg_rows)

    # Near-duplicate groups equal the embedded store's on the same WARCs.
    data = tmp_path / "store"
    ingest = subprocess.run(
        [str(binary), "ingest", "--data", str(data), "--stages", "clean", *map(str, warcs)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (data / "records.sqlite").is_file(), ingest.stderr[-2000:]
    store = _store_groups(data)
    groups = {}
    for row in pq.read_table(out / "duplicates").to_pylist():
        groups.setdefault(row["group"], set()).add(row["id"])
    spark_groups = {frozenset(g) for g in groups.values() if len(g) > 1}
    assert len(store) >= TWICE, f"the planted copies form groups in the store: {len(store)}"
    assert spark_groups == store
