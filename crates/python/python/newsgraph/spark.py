"""The newsgraph backfill job for Apache Spark (PySpark), in the manner of cc-pyspark.

Run it as ``python -m newsgraph.spark --input PATHS.txt --output DIR`` (Spark
local mode with ``--master local[N]``) or through ``spark-submit`` with the same
arguments. ``PATHS.txt`` lists WARC files (local paths, ``file://``,
``s3a://``/``s3://``, ``hdfs://`` or ``http(s)://`` URLs), one a line; one Spark
task reads one WARC. ``--input`` may instead be a directory of ``.jsonl`` ready
texts (one task per file).

Each executor's Python worker loads the pipeline once (a module-level cache)
and streams each file through Rust (``newsgraph._newsgraph.RecordStream``):
records are read one at a time, processed in small batches with the GIL
released, and come back as Arrow batches; they never pass through Python dicts.
Files that are not local are opened in the worker with ``pyarrow.fs`` (S3 and
HDFS need pyarrow's S3 support or libhdfs on the executors) or ``urllib``.

Output, all written by Spark's own writers (a task that fails and is retried
leaves no partial files):

- ``DIR/articles/``, and the other tables of ``newsgraph.to_arrow`` (entities,
  quotes, events...): Parquet with the ``newsgraph export --format parquet``
  schemas, partitioned ``date=YYYY-MM-DD/`` by publication day (``unknown``
  when the article has none);
- ``DIR/gkg/``: GDELT GKG 2.1 rows (tab-separated text, no header, the
  columns of ``newsgraph._newsgraph.GKG_COLUMNS``), partitioned the same way;
- ``DIR/duplicates/``: every article's near-duplicate group (``id``, ``group``:
  the id of the group's first article in input order, ``size``);
- ``DIR/failures/``: one row per input item that could not be read or cleaned
  (``origin``, ``reason``, ``message``, the CLI's error ``record``);
- ``DIR/summary.json`` (local outputs only) and a summary printed at the end;
- with ``--store DATA``, the articles loaded into an embedded store by the same
  ingest run as ``newsgraph ingest`` (``newsgraph.ingest``), ready for ``newsgraph serve``.

The module needs ``pyspark`` and ``pyarrow``; it is not imported by ``newsgraph``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Dict, Iterator, List, Optional, Sequence

# Absolute imports: spark-submit runs this file as a script (``__main__``).
from newsgraph.spark_dedup import duplicate_groups
from newsgraph.spark_inputs import failed_batch, list_inputs, open_input

#: The Spark schema of the rows ``RecordStream`` yields (``RECORD_STREAM_COLUMNS``).
ROW_SCHEMA = (
    "seq long, origin string, status string, reason string, message string, id string, "
    "language string, date string, words long, record string, gkg string, "
    "signature array<long>, band_keys array<long>"
)

STAGES = ("clean", "entities", "said", "events", "all")

# One pipeline per stages value per Python worker: Spark reuses workers across
# tasks (spark.python.worker.reuse), so models load once per worker, not per WARC.
_PIPELINES: Dict[str, object] = {}


def _pipeline(stages: str):
    pipeline = _PIPELINES.get(stages)
    if pipeline is None:
        from newsgraph import Pipeline

        pipeline = Pipeline(stages)
        _PIPELINES[stages] = pipeline
    return pipeline


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m newsgraph.spark",
        description="Backfill: WARC files (or .jsonl ready texts) to partitioned Parquet, GKG and duplicate groups.",
    )
    parser.add_argument("--input", required=True, help="a text file of WARC paths/URLs, one a line, or a directory of .jsonl files")
    parser.add_argument("--output", required=True, help="output directory (local, file://, s3a://, hdfs://)")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    parser.add_argument("--stages", default="all", choices=STAGES, help="run the pipeline up to this layer (as the CLI)")
    parser.add_argument("--limit", type=int, help="keep at most N articles of each input file")
    parser.add_argument("--languages", help="keep only articles in these languages (comma-separated ISO 639-1 codes)")
    parser.add_argument("--threads", type=int, default=1, help="pipeline threads per task (match spark.task.cpus)")
    parser.add_argument("--batch", type=int, default=32, help="records processed together in a task")
    parser.add_argument("--overwrite", action="store_true", help="replace existing output tables")
    parser.add_argument(
        "--store",
        help="afterwards, load DIR/articles into the embedded store in this folder (local output only), "
        "as `newsgraph ingest` does, so `newsgraph serve` can serve the backfill",
    )
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 0:
        parser.error("--limit must be at least 0")
    if args.threads < 1 or args.batch < 1:
        parser.error("--threads and --batch must be at least 1")
    return args


class _Counts:
    """AccumulatorParam for a dict of counters: keys ``max:*`` keep the maximum, the rest add up."""

    def zero(self, value):
        return {}

    def addInPlace(self, a, b):
        for key, value in b.items():
            if key.startswith("max:"):
                a[key] = max(a.get(key, 0), value)
            else:
                a[key] = a.get(key, 0) + value
        return a


def _tally(batch, counts: Dict[str, float]) -> None:
    """Adds one batch of rows to the counters (per-language articles, failures by reason)."""
    import pyarrow.compute as pc

    counts["records"] = counts.get("records", 0) + batch.num_rows
    status = batch.column("status")
    for key, column in (("lang", "language"), ("fail", "reason"), ("filtered", "language")):
        wanted = {"lang": "ok", "fail": "failed", "filtered": "filtered"}[key]
        rows = batch.filter(pc.equal(status, wanted))
        if rows.num_rows == 0:
            continue
        values = pc.fill_null(rows.column(column), "unknown")
        for item in pc.value_counts(values).to_pylist():
            name = f"{key}:{item['values']}"
            counts[name] = counts.get(name, 0) + item["counts"]
        if key == "lang":
            counts["articles"] = counts.get("articles", 0) + rows.num_rows
            counts["words"] = counts.get("words", 0) + pc.sum(rows.column("words")).as_py()


def _peak_rss_bytes() -> int:
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Linux reports KiB, macOS bytes.
        return peak if sys.platform == "darwin" else peak * 1024
    except (ImportError, OSError):
        return 0


def process_inputs(batches, paths, options, accumulator) -> Iterator:
    """mapInArrow body: each row names one input (by index); yields its processed rows."""
    import pyarrow as pa

    from newsgraph._newsgraph import RecordStream

    loaded = options["stages"] in _PIPELINES
    pipeline = _pipeline(options["stages"])
    if not loaded:
        accumulator.add({"pipelines": 1})
    for batch in batches:
        for index in batch.column(0).to_pylist():
            path = paths[index]
            counts: Dict[str, float] = {"inputs": 1}
            started = time.perf_counter()
            first_seq = index << 32
            try:
                source, name = open_input(path)
                stream = RecordStream(
                    pipeline,
                    source,
                    name=name,
                    first_seq=first_seq,
                    batch=options["batch"],
                    threads=options["threads"],
                    limit=options["limit"],
                    languages=options["languages"],
                    fallback_time=options["fallback_time"],
                )
            except Exception as error:  # noqa: BLE001 - any unreadable input is one failure row
                rows = failed_batch(first_seq, path, error)
                _tally(rows, counts)
                yield rows
                continue
            try:
                for ipc in stream:
                    rows = pa.ipc.open_stream(ipc).read_next_batch()
                    _tally(rows, counts)
                    yield rows
            finally:
                close = getattr(source, "close", None)
                if close is not None:
                    close()
                counts["seconds"] = time.perf_counter() - started
                counts["max:worker_rss"] = _peak_rss_bytes()
                accumulator.add(counts)


def table_rows(batches, name: str) -> Iterator:
    """mapInArrow body: (date, record) rows to the rows of one ``to_arrow`` table, with their date."""
    import pyarrow as pa

    from newsgraph import to_arrow

    for batch in batches:
        dates = batch.column("date").to_pylist()
        records = batch.column("record").to_pylist()
        by_date: Dict[str, List[str]] = {}
        for date, record in zip(dates, records):
            by_date.setdefault(date, []).append(record)
        for date, group in by_date.items():
            # JSON text goes to Rust as is: no dict is made of a record.
            table = to_arrow(group, tables=[name])[name]
            if table.num_rows == 0:
                continue
            if name == "articles":
                # The record exactly as the pipeline wrote it: a JSON round trip can move
                # a float's last digit (serde_json's fast float parsing).
                table = table.set_column(table.schema.get_field_index("record"), "record", pa.array(group, pa.string()))
            table = _free_date(table)
            table = table.append_column("date", pa.array([date] * table.num_rows, pa.string()))
            yield from table.to_batches()


def _free_date(table):
    """The table with its own ``date`` column (the events') renamed ``event_date``: ``date`` is the partition."""
    if "date" not in table.schema.names:
        return table
    return table.rename_columns([PARTITION_CLASH.get(n, n) for n in table.schema.names])


#: Columns renamed because the partition column takes their name.
PARTITION_CLASH = {"date": "event_date"}


def table_schemas():
    """The Spark schema of each ``to_arrow`` table, plus its ``date`` partition column."""
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import StringType, StructField

    from newsgraph import to_arrow

    schemas = {}
    for name, table in to_arrow([]).items():
        schema = from_arrow_schema(_free_date(table).schema)
        schemas[name] = schema.add(StructField("date", StringType(), False))
    return schemas


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def _session(args):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsgraph-backfill")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local workers must run this interpreter (the one with newsgraph installed).
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            # One machine: a few shuffle partitions, no web UI or progress bars.
            builder = (
                builder.config("spark.sql.shuffle.partitions", "8")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
            )
    # Records are large (the whole article and its annotations): small Arrow batches
    # keep a worker's memory flat.
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
    return builder.getOrCreate()


def run(args: argparse.Namespace) -> dict:
    """Runs the job; returns the summary (also printed, and written beside local output)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from newsgraph._newsgraph import NEAR_JACCARD

    started = time.time()
    paths = list_inputs(args.input)
    if not paths:
        raise SystemExit(f"newsgraph.spark: no inputs in {args.input}")
    spark = _session(args)
    sc = spark.sparkContext
    accumulator = sc.accumulator({}, _Counts())
    options = {
        "stages": args.stages,
        "batch": args.batch,
        "threads": args.threads,
        "limit": args.limit,
        "languages": [l.strip() for l in args.languages.split(",") if l.strip()] if args.languages else None,
        "fallback_time": int(started),
    }
    mode = "overwrite" if args.overwrite else "errorifexists"
    out = args.output

    # One row, hence one partition and one task, per input file.
    index = spark.range(0, len(paths), 1, numPartitions=len(paths))
    rows = index.mapInArrow(lambda b: process_inputs(b, paths, options, accumulator), ROW_SCHEMA)
    # Persisted: the pipeline runs once per article, whatever the number of tables.
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
    pipeline_started = time.time()
    rows.count()
    pipeline_done = time.time()

    articles = rows.filter(F.col("status") == "ok")
    for name, schema in table_schemas().items():
        table = articles.select("date", "record").mapInArrow(lambda b, n=name: table_rows(b, n), schema)
        table.write.mode(mode).partitionBy("date").parquet(_join(out, name))
    articles.select("gkg", "date").write.mode(mode).partitionBy("date").text(_join(out, "gkg"))
    failures = rows.filter(F.col("status") == "failed").select("origin", "reason", "message", "id", "record")
    failures.write.mode(mode).parquet(_join(out, "failures"))
    duplicate_groups(articles, NEAR_JACCARD).write.mode(mode).parquet(_join(out, "duplicates"))
    rows.unpersist()

    summary = _summary(accumulator.value, len(paths), started, (pipeline_started, pipeline_done), time.time(), args)
    if args.store:
        summary["store"] = _load_store(out, args.store)
    _report(summary, out)
    return summary


def _load_store(out: str, store: str) -> dict:
    """Loads the job's articles into an embedded store through the shared ingest run."""
    local = _local_path(out)
    if local is None:
        raise SystemExit(f"newsgraph.spark: --store needs a local --output (got {out})")
    from newsgraph import ingest

    loaded = ingest([os.path.join(local, "articles")], data=store)
    print(f"newsgraph.spark: store {store}: {loaded['summary']}", file=sys.stderr)
    return {k: loaded[k] for k in ("new", "duplicate", "failed", "stored")}


def _local_path(out: str) -> Optional[str]:
    """The local folder of an output location; None when it lies on another filesystem."""
    return out[len("file://") :] if out.startswith("file://") else (None if "://" in out else out)


def _summary(counts: dict, inputs: int, started: float, pipeline: tuple, ended: float, args) -> dict:
    def section(prefix: str) -> Dict[str, int]:
        return {k[len(prefix) :]: int(v) for k, v in sorted(counts.items()) if k.startswith(prefix)}

    articles = int(counts.get("articles", 0))
    seconds = float(counts.get("seconds", 0.0))
    pipeline_seconds = pipeline[1] - pipeline[0]
    return {
        "inputs": inputs,
        "records": int(counts.get("records", 0)),
        "articles": articles,
        "articles_by_language": section("lang:"),
        "filtered_by_language": section("filtered:"),
        "failures": sum(section("fail:").values()),
        "failures_by_reason": section("fail:"),
        "words": int(counts.get("words", 0)),
        "stages": args.stages,
        "wall_seconds": round(ended - started, 3),
        "pipeline_wall_seconds": round(pipeline_seconds, 3),
        "task_seconds": round(seconds, 3),
        "articles_per_second": round(articles / max(pipeline_seconds, 1e-9), 2),
        "articles_per_task_second": round(articles / seconds, 2) if seconds else 0.0,
        "pipelines_loaded": int(counts.get("pipelines", 0)),
        "peak_worker_rss_mib": round(counts.get("max:worker_rss", 0) / 2**20, 1),
    }


def _report(summary: dict, out: str) -> None:
    lines = [
        f"newsgraph.spark: {summary['articles']} articles from {summary['records']} records in {summary['inputs']} inputs",
        "  by language: " + (", ".join(f"{k} {v}" for k, v in summary["articles_by_language"].items()) or "-"),
        f"  failures: {summary['failures']}"
        + ("" if not summary["failures"] else " (" + ", ".join(f"{k} {v}" for k, v in summary["failures_by_reason"].items()) + ")"),
        f"  rates: {summary['articles_per_second']} articles/s over the pipeline pass "
        f"({summary['pipeline_wall_seconds']} s), {summary['articles_per_task_second']} articles per task-second; "
        f"peak Python worker memory {summary['peak_worker_rss_mib']} MiB",
    ]
    if summary["filtered_by_language"]:
        lines.insert(2, "  other languages (not kept): " + ", ".join(f"{k} {v}" for k, v in summary["filtered_by_language"].items()))
    print("\n".join(lines), file=sys.stderr)
    print(json.dumps(summary, sort_keys=True))
    local = _local_path(out)
    if local is not None:
        with open(os.path.join(local, "summary.json"), "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=1, sort_keys=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    run(args)
    # Failed records are data (counted, and kept in DIR/failures/), not a failed job.
    return 0


if __name__ == "__main__":
    # Run the importable module, not __main__: Spark pickles __main__'s functions by
    # value with a fresh copy of their globals, so workers would lose the pipeline cache.
    from newsgraph.spark import main as _main

    sys.exit(_main())
