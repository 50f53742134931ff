"""Throughput of the Spark backfill job against `newsgraph extract` on the same WARCs.

    python crates/python/bench/bench_spark.py [--aeb 181] [--trafilatura 300] [--files 4]

Builds WARC files from pages of ../shared/data/extraction (as the Spark test
does, without the truncated file), then times:

- `newsgraph extract` on them with 1 and 2 rayon threads (NEWSGRAPH_BIN, default
  <repo>/target/release/newsgraph);
- the job (`python -m newsgraph.spark`) in local[1] and local[2]: the pipeline
  pass (JVM already up, models loaded lazily by each worker, as the CLI loads
  them) and the whole run with the writes.

Prints articles/s per core for each, the Spark overhead per article (the
pipeline pass's core-seconds minus the CLI's, per article; and the task
seconds minus the one-thread CLI's), and the peak resident memory of a Python
worker. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
import test_spark_warcs as warc_files  # noqa: E402


def cli(binary: Path, warcs, threads: int):
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    started = time.perf_counter()
    run = subprocess.run([str(binary), "extract", *map(str, warcs)], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    records = [json.loads(line) for line in run.stdout.splitlines()]
    good = [r for r in records if not any(e.get("stage") in ("source", "clean") for e in r.get("errors") or [])]
    return len(good), seconds


def spark(paths_file: Path, out: Path, cores: int):
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1")
    args = ["--input", str(paths_file), "--output", str(out), "--master", f"local[{cores}]"]
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "newsgraph.spark", *args], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(run.stderr[-3000:])
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    return summary, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", type=int, default=181)
    parser.add_argument("--trafilatura", type=int, default=300)
    parser.add_argument("--files", type=int, default=4)
    args = parser.parse_args()
    binary = Path(os.environ.get("NEWSGRAPH_BIN", warc_files.REPO / "target" / "release" / "newsgraph"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pages = warc_files.pages(args.aeb, args.trafilatura)
        warcs, _ = warc_files.build(tmp, pages, args.files, twice=0, truncated=False)
        paths_file = tmp / "paths.txt"
        paths_file.write_text("".join(f"{p}\n" for p in warcs))
        print(f"{len(pages)} pages in {len(warcs)} WARC files ({sum(p.stat().st_size for p in warcs) / 2**20:.1f} MiB)")
        base = {}
        for threads in (1, 2):
            articles, seconds = cli(binary, warcs, threads)
            base[threads] = seconds
            print(f"CLI extract, {threads} thread(s): {articles} articles in {seconds:.1f} s = {articles / seconds / threads:.1f} articles/s per core")
        for cores in (1, 2):
            summary, seconds = spark(paths_file, tmp / f"out-{cores}", cores)
            articles, passed = summary["articles"], summary["pipeline_wall_seconds"]
            overhead_ms = (passed * cores - base[cores] * cores) / max(articles, 1) * 1000
            in_tasks_ms = (summary["task_seconds"] - base[1]) / max(articles, 1) * 1000
            print(
                f"Spark local[{cores}]: {articles} articles, pipeline pass {passed:.1f} s = "
                f"{articles / passed / cores:.1f} articles/s per core; inside tasks "
                f"{summary['articles_per_task_second']:.1f} articles per task-second; whole run {seconds:.1f} s "
                f"(JVM start and writes included); overhead against the CLI: {overhead_ms:.1f} ms per article "
                f"over the pass, {in_tasks_ms:.1f} ms inside tasks; pipelines loaded {summary['pipelines_loaded']}; "
                f"peak Python worker memory {summary['peak_worker_rss_mib']} MiB"
            )


if __name__ == "__main__":
    main()
