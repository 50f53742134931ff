"""Shared fixtures: the CLI to compare against, the seed page and the shared pages.

What lies outside the repository (../shared, the release binary) is skipped
with a message when missing, and fails the test when CI=true, as the Rust
tests do (crates/testkit).
"""

import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"


def under_ci() -> bool:
    return os.environ.get("CI", "").strip() not in ("", "0", "false")


def missing(what: str) -> None:
    """Fails under CI, skips loudly elsewhere."""
    if under_ci():
        pytest.fail(f"prerequisite missing under CI: {what}")
    pytest.skip(f"SKIPPED (this test did not run): {what}")


def comparable(record: dict) -> str:
    """A record as compared with the CLI's: all but `source`, which names the file on the CLI."""
    record = dict(record)
    record.pop("source", None)
    return json.dumps(record, sort_keys=True)


@pytest.fixture(scope="session")
def cli() -> Path:
    default = os.environ.get("CARGO_TARGET_DIR", str(REPO / "target"))
    path = Path(os.environ.get("NEWSGRAPH_BIN", Path(default) / "release" / "newsgraph"))
    if not path.exists():
        missing(f"the newsgraph binary at {path} (cargo build --release, or set NEWSGRAPH_BIN)")
    return path


def run_cli(cli: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(cli), *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"newsgraph {' '.join(args)} failed: {done.stderr}")
    return done


def cli_records(cli: Path, *args: str) -> list:
    """`newsgraph extract ARGS` as records, whatever its exit status."""
    done = run_cli(cli, "extract", *args, check=False)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return REPO / "examples" / "seed-article.txt"


def shared_pages(count: int) -> list:
    """`count` HTML pages of ../shared/data/extraction: a fixed choice, spread over the sorted list."""
    root = SHARED / "data" / "extraction"
    if not root.is_dir():
        missing(f"{root} not found")
    pages = sorted(p for p in root.rglob("*.htm*") if p.is_file())
    if len(pages) < count:
        missing(f"fewer than {count} pages under {root}")
    step = len(pages) // count
    return pages[::step][:count]


def page_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data
