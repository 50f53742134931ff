"""Benchmark: newsgraph.Pipeline.process_many against `newsgraph extract` on the same pages.

Prints articles/s of process_many (threads=1 and 2) and of the CLI (RAYON_NUM_THREADS=1
and 2) on the same N HTML pages of ../shared/data/extraction (a fixed choice, spread
over the sorted list, as the pytest suite picks them), the time of
`import newsgraph; newsgraph.Pipeline()` in a fresh interpreter, the first page's
time (models load then; each timed run loads them afresh, as each CLI run does), and the peak RSS of this Python process and of the CLI.

    python crates/python/bench/bench.py [--pages 500] [--bin target/release/newsgraph]

Run it with the venv of crates/python/build-venv.sh (the release wheel). Not a test:
timings depend on what else runs on the machine.
"""

import argparse
import gzip
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def pick_pages(count: int) -> list:
    root = REPO.parent / "shared" / "data" / "extraction"
    pages = sorted(p for p in root.rglob("*.htm*") if p.is_file())
    if len(pages) < count:
        sys.exit(f"bench: fewer than {count} pages under {root}")
    return pages[:: len(pages) // count][:count]


def read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def startup_seconds() -> float:
    code = "import time; t = time.perf_counter(); import newsgraph; newsgraph.Pipeline(); print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def cli_rate(binary: str, paths: list, threads: int) -> float:
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    start = time.perf_counter()
    done = subprocess.run([binary, "extract", *map(str, paths)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    lines = done.stdout.count(b"\n")
    if lines != len(paths):
        sys.exit(f"bench: the CLI printed {lines} records for {len(paths)} pages")
    return len(paths) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    default_bin = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "release" / "newsgraph"
    parser.add_argument("--bin", default=os.environ.get("NEWSGRAPH_BIN", str(default_bin)))
    args = parser.parse_args()

    print(f"import newsgraph; newsgraph.Pipeline(): {startup_seconds():.3f} s (fresh interpreter)")
    import newsgraph

    paths = pick_pages(args.pages)
    pages = [read(p) for p in paths]
    pipeline = newsgraph.Pipeline()
    start = time.perf_counter()
    pipeline.process(pages[0])
    print(f"first page (models load): {time.perf_counter() - start:.2f} s")
    # Warm the CLI's model files in the page cache too, then time both on the same pages.
    cli_rate(args.bin, paths[:5], 1)
    rates = {}
    for threads in (1, 2):
        rates[f"cli {threads}"] = cli_rate(args.bin, paths, threads)
        # A fresh pipeline, so its model loading is timed as the CLI's is.
        start = time.perf_counter()
        records = newsgraph.Pipeline().process_many(pages, threads=threads)
        rates[f"py {threads}"] = len(records) / (time.perf_counter() - start)
        assert len(records) == len(pages)
    print(f"{len(pages)} pages, articles/s:")
    for threads in (1, 2):
        py, cli = rates[f"py {threads}"], rates[f"cli {threads}"]
        print(f"  threads={threads}: process_many {py:.1f}, newsgraph extract {cli:.1f} ({py / cli - 1:+.1%})")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cli_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: Python process {rss:.0f} MiB; newsgraph extract {cli_rss:.0f} MiB")


if __name__ == "__main__":
    main()
