"""process_many on 200 shared pages gives the CLI's records, in input order."""

import newsgraph
from conftest import cli_records, comparable, page_bytes, shared_pages


def same_record(got: dict, expected: dict, path) -> bool:
    """The CLI's record, all but `source`; an error record also names its input by its
    origin (the file on the CLI, `-` from Python), in its message and the id derived from it."""
    if expected["errors"] and not expected["text"]:
        def failure(record, origin):
            return [(e["stage"], e["message"].replace(origin, "<origin>", 1)) for e in record["errors"]]

        return not got["text"] and failure(got, "-") == failure(expected, str(path))
    return comparable(got) == comparable(expected)


def test_200_pages_match_the_cli_in_order(cli):
    paths = shared_pages(200)
    expected = cli_records(cli, *map(str, paths))
    assert len(expected) == len(paths)
    pipeline = newsgraph.Pipeline()
    # A generator: process_many reads it in batches, not all at once.
    got = pipeline.process_many((page_bytes(p) for p in paths), threads=2)
    assert len(got) == len(paths)
    mismatched = [str(p) for p, g, e in zip(paths, got, expected) if not same_record(g, e, p)]
    assert not mismatched, f"{len(mismatched)} records differ from the CLI's, first: {mismatched[:3]}"
    assert sum(1 for e in expected if e["text"] and e["entities"]) > 150, "most pages give text and entities"


def test_threads_do_not_change_records(seed_path):
    pages = [seed_path.read_bytes()] * 3 + [b"<html><body><p>Talks ended.</p></body></html>"]
    one = newsgraph.Pipeline().process_many(pages, threads=1)
    two = newsgraph.Pipeline().process_many(pages, threads=2)
    assert one == two
    assert one[0] == one[1] == one[2]
    assert one[3]["text"].startswith("Talks ended")
