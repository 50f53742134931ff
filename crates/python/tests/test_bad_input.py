"""Bad input raises clear exceptions (the CLI's messages) and the interpreter goes on."""

import os

import pytest

import newsgraph
from conftest import cli_records

JUNK = bytes(range(256)) * 64


def still_works(seed_path):
    assert newsgraph.extract(seed_path.read_bytes())["entities"]


def message_of(record):
    """The CLI error record's message without its origin (the file name on the CLI)."""
    [error] = record["errors"]
    return error["stage"], error["message"].split(": ", 1)[1]


def test_binary_junk_raises_the_clis_message(cli, seed_path, tmp_path):
    path = tmp_path / "junk.html"
    path.write_bytes(JUNK)
    [expected] = cli_records(cli, str(path))
    with pytest.raises(newsgraph.NewsgraphError) as raised:
        newsgraph.extract(JUNK)
    stage, message = message_of(expected)
    assert str(raised.value) == f"-: {message}"
    assert "control or undecodable bytes" in message
    still_works(seed_path)


def test_process_many_keeps_a_failed_pages_slot(cli, seed_path, tmp_path):
    path = tmp_path / "junk.html"
    path.write_bytes(JUNK)
    [expected] = cli_records(cli, str(path))
    records = newsgraph.Pipeline().process_many([seed_path.read_bytes(), JUNK, b"   ", seed_path.read_bytes()])
    assert len(records) == 4
    assert records[0] == records[3] and not records[0]["errors"]
    assert message_of(records[1]) == message_of(expected)
    assert records[2]["errors"][0]["stage"] == "clean"
    assert records[1]["text"] == "" and records[1]["source"]["path"] == "-"


def test_a_50_mb_page_is_read_and_the_interpreter_survives(seed_path):
    # 50 MB is under the CLI's 64 MiB page limit: the page is cleaned (or refused
    # with a message), never a crash.
    page = b"<html><body>" + b"<p>" + b"The council met again and again. " * (50_000_000 // 33) + b"</p></body></html>"
    assert len(page) > 50_000_000
    try:
        record = newsgraph.Pipeline("clean").process(page)
        assert record["text"].startswith("The council met")
    except newsgraph.NewsgraphError as error:
        assert str(error).startswith("-: ")
    still_works(seed_path)


def test_a_page_over_the_limit_raises_page_too_large(seed_path):
    page = b"x" * (64 * 1024 * 1024 + 1)
    with pytest.raises(newsgraph.NewsgraphError, match="page too large"):
        newsgraph.extract(page)
    [record] = newsgraph.Pipeline().process_many([page])
    assert record["errors"][0]["stage"] == "source"
    still_works(seed_path)


@pytest.mark.parametrize("page", [42, None, 3.5, ["<p>a list</p>"], object()])
def test_wrong_types_raise_type_error(seed_path, page):
    with pytest.raises(TypeError, match="a page is str or bytes"):
        newsgraph.extract(page)
    with pytest.raises(TypeError):
        newsgraph.Pipeline().process_many([seed_path.read_bytes(), page])
    still_works(seed_path)


def test_bad_ready_text_dicts(seed_path):
    with pytest.raises(newsgraph.NewsgraphError, match="bad JSON Lines record"):
        newsgraph.extract({"id": "x"})  # no text
    with pytest.raises(newsgraph.NewsgraphError, match="must be a string or a number"):
        newsgraph.extract({"id": [1], "text": "a"})
    with pytest.raises(TypeError):
        newsgraph.extract({"id": "x", "text": object()})  # not JSON
    with pytest.raises(TypeError):
        newsgraph.Pipeline().process_many(42)  # not iterable
    still_works(seed_path)


def test_an_empty_page_raises(seed_path):
    with pytest.raises(newsgraph.NewsgraphError, match=r"^-: "):
        newsgraph.extract("")
    still_works(seed_path)
