"""newsgraph.Store reads what `newsgraph ingest` stored, as `newsgraph search --json` sees it."""

import json

import pytest

import newsgraph
from conftest import comparable, run_cli

LINES = [
    {"id": "d1", "text": "Wildfires spread across the northern hills on Sunday, forcing villages to evacuate.",
     "published": "2021-08-01"},
    {"id": "d2", "text": "Dockworkers in Rotterdam ended a week-long strike after a new pay offer on Friday.",
     "published": "2021-10-03"},
]


@pytest.fixture(scope="module")
def store_dir(cli, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("store")
    ready = tmp / "ready.jsonl"
    ready.write_text("".join(json.dumps(line) + "\n" for line in LINES))
    run_cli(cli, "ingest", "--data", str(tmp / "data"), str(ready))
    return tmp / "data"


def test_search_returns_what_the_cli_prints(cli, store_dir):
    store = newsgraph.Store(store_dir)
    assert len(store) == 2
    for query in ["strike", "wildfires", ""]:
        expected = json.loads(run_cli(cli, "search", "--data", str(store_dir), "--json", "--limit", "20", query).stdout)
        assert store.search(query) == expected, query
    hits = store.search("strike", limit=5)["hits"]
    assert [h["id"] for h in hits] == ["d2"]
    assert store.search("", from_="2021-09-01")["total"] == 1
    with pytest.raises(ValueError, match="from_"):
        store.search("", from_="last week")


def test_get_returns_the_stored_record(store_dir):
    store = newsgraph.Store(str(store_dir))
    record = store.get("d1")
    assert record["id"] == "d1" and record["text"].startswith("Wildfires")
    assert store.get("nope") is None


def test_a_missing_store_raises(tmp_path):
    with pytest.raises(newsgraph.NewsgraphError, match="no store in"):
        newsgraph.Store(tmp_path / "absent")


def test_ingest_fills_a_store_as_the_cli_does(cli, store_dir, tmp_path):
    ready = tmp_path / "ready.jsonl"
    ready.write_text("".join(json.dumps(line) + "\n" for line in LINES))
    data = tmp_path / "data"
    summary = newsgraph.ingest([str(ready), str(tmp_path / "missing.html")], data=data)
    assert (summary["new"], summary["failed"], summary["stored"]) == (2, 1, 2)
    assert "missing.html" in next(iter(summary["reasons"].values()))[1]
    mine, theirs = newsgraph.Store(data), newsgraph.Store(store_dir)
    for line in LINES:  # the same records, all but `source`, which names each run's file
        assert comparable(mine.get(line["id"])) == comparable(theirs.get(line["id"]))
    # The CLI's Parquet export goes back in through the same run, by day.
    export = tmp_path / "articles.parquet"
    run_cli(cli, "export", "--data", str(data), "--format", "parquet", "--out", str(export))
    again = newsgraph.ingest([str(export)], data=tmp_path / "again", from_="2021-09-01")
    assert (again["new"], again["out_of_range"]) == (1, 1)
    assert newsgraph.Store(tmp_path / "again").get("d2") == mine.get("d2")
    with pytest.raises(ValueError, match="after"):
        newsgraph.ingest([str(export)], data=tmp_path / "x", from_="2021-09-02", to="2021-09-01")
