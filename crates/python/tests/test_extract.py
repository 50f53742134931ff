"""One page through newsgraph.extract / Pipeline.process gives the CLI's record."""

import json

import pytest

import newsgraph
from conftest import cli_records, comparable


def test_seed_page_matches_the_cli_byte_for_byte(cli, seed_path):
    [expected] = cli_records(cli, str(seed_path))
    got = newsgraph.extract(seed_path.read_bytes())
    assert comparable(got) == comparable(expected)
    assert got["entities"], "the seed page names people and places"
    # A str is the same page.
    assert comparable(newsgraph.extract(seed_path.read_text(encoding="utf-8"))) == comparable(expected)


def test_pipeline_process_equals_extract(seed_path):
    pipeline = newsgraph.Pipeline()
    assert pipeline.stages == "events"
    assert pipeline.process(seed_path.read_bytes()) == newsgraph.extract(seed_path.read_bytes())


@pytest.mark.parametrize("stages", ["clean", "entities", "said"])
def test_stages_match_the_cli(cli, seed_path, stages):
    [expected] = cli_records(cli, "--stages", stages, str(seed_path))
    got = newsgraph.Pipeline(stages).process(seed_path.read_bytes())
    assert comparable(got) == comparable(expected)
    if stages == "clean":
        assert got["entities"] == []


def test_url_and_published_as_the_cli_gives_them(cli, seed_path):
    url, date = "https://example.com/news/talks", "2022-02-17"
    [expected] = cli_records(cli, "--url", url, "--published", date, str(seed_path))
    got = newsgraph.extract(seed_path.read_bytes(), url=url, published=date)
    assert got["published"]["value"] == date
    assert comparable(got) == comparable(expected)


def test_ready_text_dict_reads_as_a_jsonl_line(cli, tmp_path):
    line = {
        "id": "r1",
        "text": "Dockworkers in Rotterdam ended a week-long strike on Friday, the union said.",
        "published": "2021-10-03",
        "language": "en",
    }
    path = tmp_path / "ready.jsonl"
    path.write_text(json.dumps(line) + "\n")
    [expected] = cli_records(cli, str(path))
    got = newsgraph.Pipeline().process(line)
    assert got["id"] == "r1"
    assert comparable(got) == comparable(expected)


def test_bad_arguments_raise_value_errors(seed_path):
    with pytest.raises(ValueError, match="unknown stages"):
        newsgraph.Pipeline("everything")
    with pytest.raises(ValueError, match="published"):
        newsgraph.extract(seed_path.read_bytes(), published="yesterday")
    with pytest.raises(ValueError, match="threads"):
        newsgraph.Pipeline().process_many([], threads=0)
