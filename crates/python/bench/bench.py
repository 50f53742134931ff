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


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed(run, who: int) -> tuple:
    """(wall seconds, CPU seconds) of run(): CPU is this process's or its children's."""
    cpu, start = cpu_seconds(who), time.perf_counter()
    run()
    return time.perf_counter() - start, cpu_seconds(who) - cpu


def run_cli(binary: str, paths: list, threads: int) -> None:
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    done = subprocess.run([binary, "extract", *map(str, paths)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines = done.stdout.count(b"\n")
    if lines != len(paths):
        sys.exit(f"bench: the CLI printed {lines} records for {len(paths)} pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--runs", type=int, default=2)
    default_bin = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "release" / "newsgraph"
    parser.add_argument("--bin", default=os.environ.get("NEWSGRAPH_BIN", str(default_bin)))
    args = parser.parse_args()

    print(f"import newsgraph; newsgraph.Pipeline(): {startup_seconds():.3f} s (fresh interpreter)")
    import newsgraph

    paths = pick_pages(args.pages)
    pages = [read(p) for p in paths]
    start = time.perf_counter()
    newsgraph.Pipeline().process(pages[0])
    print(f"first page (models load): {time.perf_counter() - start:.2f} s")
    # Warm the CLI's model files in the page cache too, then time both on the same pages,
    # alternating, best of --runs (other work on the machine only slows a run down).
    run_cli(args.bin, paths[:5], 1)
    best = {}
    for _ in range(args.runs):
        for threads in (1, 2):
            cli = timed(lambda: run_cli(args.bin, paths, threads), resource.RUSAGE_CHILDREN)
            # A fresh pipeline, so its model loading is timed as the CLI's is.
            py = timed(lambda: newsgraph.Pipeline().process_many(pages, threads=threads), resource.RUSAGE_SELF)
            for name, (wall, cpu) in ((f"cli {threads}", cli), (f"py {threads}", py)):
                if name not in best or wall < best[name][0]:
                    best[name] = (wall, cpu)
    n = len(pages)
    print(f"{n} pages, articles/s (best of {args.runs}) and CPU ms per article:")
    for threads in (1, 2):
        (pw, pc), (cw, cc) = best[f"py {threads}"], best[f"cli {threads}"]
        print(
            f"  threads={threads}: process_many {n / pw:.1f}/s {1000 * pc / n:.1f} ms, "
            f"newsgraph extract {n / cw:.1f}/s {1000 * cc / n:.1f} ms ({cw / pw - 1:+.1%} rate)"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cli_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: Python process {rss:.0f} MiB; newsgraph extract {cli_rss:.0f} MiB")


if __name__ == "__main__":
    main()
