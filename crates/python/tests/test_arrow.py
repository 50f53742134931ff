"""Arrow tables: the export's schema, and the right row counts in DuckDB."""

import duckdb
import pyarrow.parquet as pq

import newsgraph
from conftest import run_cli


def pages(seed_path):
    return [
        seed_path.read_bytes(),
        {"id": "r1", "text": "Protesters marched in Paris on Saturday against the pension reform.", "language": "en"},
        b"<html><body><p>The minister said on Tuesday that fares will fall.</p></body></html>",
    ]



def test_tables_open_in_duckdb_with_the_records_row_counts(seed_path):
    pipeline = newsgraph.Pipeline()
    records = pipeline.process_many(pages(seed_path), threads=2)
    tables = newsgraph.to_arrow(records)
    assert list(tables) == newsgraph.TABLES == ["articles", "entities", "quotes", "events", "places"]
    expected = {
        "articles": len(records),
        "entities": sum(len(e["mentions"]) for r in records for e in r["entities"]),
        "quotes": sum(len(r["quotes"]) for r in records),
        "events": sum(len(r["events"]) for r in records),
        "places": sum(len(r["places"]) for r in records),
    }
    assert expected["entities"] > 0 and expected["quotes"] > 0
    con = duckdb.connect()
    for name, table in tables.items():
        con.register(name, table)
        (n,) = con.execute(f"select count(*) from {name}").fetchall()[0]
        assert n == expected[name], name
    ids = {r["id"] for r in records}
    (orphans,) = con.execute("select count(*) from entities where article_id not in (select id from articles)").fetchall()[0]
    assert orphans == 0 and len(ids) == len(records)
    # as_arrow=True gives the same tables without dicts in between.
    direct = pipeline.process_many(pages(seed_path), as_arrow=True)
    assert {k: v.num_rows for k, v in direct.items()} == {k: v.num_rows for k, v in tables.items()}
    assert direct["articles"].equals(tables["articles"])


def test_articles_schema_is_the_parquet_exports(cli, seed_path, tmp_path):
    data, out = tmp_path / "data", tmp_path / "export.parquet"
    run_cli(cli, "ingest", "--data", str(data), str(seed_path))
    run_cli(cli, "export", "--data", str(data), "--format", "parquet", "--out", str(out))
    [record] = newsgraph.Pipeline().process_many([seed_path.read_bytes()])
    articles = newsgraph.to_arrow([record], tables=["articles"])["articles"]
    assert articles.schema.remove_metadata() == pq.read_schema(out).remove_metadata()
    exported = pq.read_table(out)
    for column in ("id", "title", "persons", "countries", "quotes", "words"):
        assert articles.column(column).to_pylist() == exported.column(column).to_pylist(), column


def test_to_arrow_rejects_what_is_not_a_record():
    import pytest

    with pytest.raises(TypeError):
        newsgraph.to_arrow([42])
    with pytest.raises(newsgraph.NewsgraphError, match="record 0"):
        newsgraph.to_arrow([{"id": ["not", "an", "id"]}])
    with pytest.raises(ValueError, match="unknown table"):
        newsgraph.to_arrow([], tables=["mentions"])
