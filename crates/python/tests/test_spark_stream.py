"""The Rust side of the Spark job without Spark: RecordStream over a path and over a
file object, failures as rows, --limit and --languages, the store's MinHash."""

from __future__ import annotations

import io
import json

import pytest

pa = pytest.importorskip("pyarrow")

from newsgraph import Pipeline  # noqa: E402
from newsgraph import _newsgraph  # noqa: E402

PAGE = (
    "<html><head><title>Council votes on buses {n}</title></head><body><article>"
    "<h1>Council votes on buses {n}</h1>"
    "<p>The city council voted on Tuesday to expand the bus network into the northern suburbs, "
    "a plan that officials said would cost about 40 million dollars over five years.</p>"
    "<p>Residents had asked for better service for a decade, and several spoke at the meeting {n}.</p>"
    "</article></body></html>"
)


def _record(url: str, body: bytes) -> bytes:
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return head + payload + b"\r\n\r\n"


def _warc(n: int) -> bytes:
    return b"".join(_record(f"https://example.test/{i}", PAGE.format(n=i).encode()) for i in range(n))


def _rows(stream) -> list:
    batches = [pa.ipc.open_stream(b).read_next_batch() for b in stream]
    return pa.Table.from_batches(batches).to_pylist() if batches else []


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline("clean")


def test_path_and_file_object_give_the_same_rows(tmp_path, pipeline):
    path = tmp_path / "a.warc"
    path.write_bytes(_warc(5))
    by_path = _rows(_newsgraph.RecordStream(pipeline, str(path), batch=2, first_seq=10))
    with open(path, "rb") as f:
        by_file = _rows(_newsgraph.RecordStream(pipeline, f, name=str(path), batch=3, first_seq=10))
    assert [r["seq"] for r in by_path] == list(range(10, 15))
    assert by_path == by_file
    assert list(by_path[0]) == list(_newsgraph.RECORD_STREAM_COLUMNS)
    first = by_path[0]
    assert first["status"] == "ok" and first["origin"] == f"{path}#1"
    record = json.loads(first["record"])
    assert record["source"]["url"] == "https://example.test/0"
    assert record["text"] == pipeline.process(PAGE.format(n=0).encode())["text"]
    signature, keys = _newsgraph.minhash(record["text"])
    assert first["signature"] == signature and first["band_keys"] == keys
    assert len(first["gkg"].split("\t")) == len(_newsgraph.GKG_COLUMNS)


def test_a_cut_file_keeps_its_good_records_and_ends_with_a_failure(tmp_path, pipeline):
    data = _warc(3)
    rows = _rows(_newsgraph.RecordStream(pipeline, io.BytesIO(data[:-200]), name="cut.warc"))
    assert [r["status"] for r in rows] == ["ok", "ok", "failed"]
    assert rows[2]["reason"] == "source:warc" and rows[2]["origin"] == "cut.warc#3"
    assert "record cut short" in json.loads(rows[2]["record"])["errors"][0]["message"]


def test_limit_and_languages(tmp_path, pipeline):
    data = _warc(6)
    rows = _rows(_newsgraph.RecordStream(pipeline, io.BytesIO(data), name="x.warc", batch=4, limit=3))
    assert [r["status"] for r in rows] == ["ok"] * 3
    rows = _rows(_newsgraph.RecordStream(pipeline, io.BytesIO(data), name="x.warc", languages=["de"]))
    assert {r["status"] for r in rows} == {"filtered"} and rows[0]["language"] == "en"
    assert all(r["record"] is None for r in rows)


def test_minhash_is_the_stores(pipeline):
    text = PAGE.format(n=1)
    a, keys = _newsgraph.minhash(text)
    b, _ = _newsgraph.minhash(text.replace("Tuesday", "Wednesday"))
    assert len(a) == _newsgraph.SIGNATURE_LEN and len(keys) == _newsgraph.SIGNATURE_LEN // 2
    assert _newsgraph.minhash_similarity(a, b) >= _newsgraph.NEAR_JACCARD
    assert _newsgraph.minhash(" ,, ") is None
