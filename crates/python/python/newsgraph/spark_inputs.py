"""Inputs of the Spark job: listing them on the driver, opening them in a worker.

Local paths are made absolute on the driver, so executors on the same machine
(local mode) or with the same mounts read them. Other files are opened in the
worker as streams: ``s3a://``/``s3n://``/``s3://`` and ``hdfs://`` through
``pyarrow.fs`` (the executors need pyarrow's S3 support or libhdfs and the
usual credentials in their environment), ``http(s)://`` through ``urllib``.
Nothing is downloaded whole: the Rust reader pulls the stream record by record.
"""

from __future__ import annotations

import os
from typing import List, Tuple

#: File names a directory input yields: ready texts, as the CLI reads them.
READY_SUFFIXES = (".jsonl", ".jsonl.gz")


def _is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def _local(path: str) -> str:
    return path[len("file://") :] if path.startswith("file://") else path


def _filesystem(uri: str):
    import pyarrow.fs as pafs

    # Hadoop's s3a/s3n names are S3 to pyarrow.
    for scheme in ("s3a://", "s3n://"):
        if uri.startswith(scheme):
            uri = "s3://" + uri[len(scheme) :]
    return pafs.FileSystem.from_uri(uri)


def list_inputs(spec: str) -> List[str]:
    """The input files: the lines of a paths file, or the ``.jsonl`` files under a directory (sorted)."""
    if _is_remote(spec):
        import pyarrow.fs as pafs

        fs, inner = _filesystem(spec)
        info = fs.get_file_info(inner)
        if info.type == pafs.FileType.Directory:
            scheme = spec.split("://", 1)[0]
            found = fs.get_file_info(pafs.FileSelector(inner, recursive=True))
            return sorted(f"{scheme}://{f.path}" for f in found if f.path.lower().endswith(READY_SUFFIXES))
        with fs.open_input_stream(inner) as f:
            text = f.read().decode("utf-8")
        base = None
    else:
        local = _local(spec)
        if os.path.isdir(local):
            found = []
            for root, dirs, files in os.walk(local):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(root, f) for f in files if f.lower().endswith(READY_SUFFIXES)]
            return sorted(os.path.abspath(p) for p in found)
        with open(local, encoding="utf-8") as f:
            text = f.read()
        base = os.path.dirname(os.path.abspath(local))
    paths = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if base is not None and not _is_remote(line):
            # Relative paths in a local list are relative to the list's folder.
            line = os.path.join(base, _local(line))
        paths.append(line)
    return paths


def open_input(path: str) -> Tuple[object, str]:
    """(source, name) for ``RecordStream``: a local path as is, else a binary file object."""
    if not _is_remote(path):
        local = _local(path)
        return local, local
    if path.startswith(("http://", "https://")):
        import urllib.request

        return urllib.request.urlopen(path, timeout=60), path.split("?", 1)[0]
    fs, inner = _filesystem(path)
    return fs.open_input_stream(inner), path


def failed_batch(first_seq: int, path: str, error: BaseException):
    """One failure row (the job's row schema) for an input that could not be opened at all."""
    import json

    import pyarrow as pa

    message = f"{path}: cannot read: {error}"
    record = {"id": None, "source": {"path": path}, "errors": [{"stage": "source", "message": message}]}
    columns = {
        "seq": pa.array([first_seq], pa.int64()),
        "origin": pa.array([path]),
        "status": pa.array(["failed"]),
        "reason": pa.array(["source:io"]),
        "message": pa.array([message]),
        "id": pa.array([None], pa.string()),
        "language": pa.array([None], pa.string()),
        "date": pa.array(["unknown"]),
        "words": pa.array([0], pa.int64()),
        "record": pa.array([json.dumps(record)]),
        "gkg": pa.array([None], pa.string()),
        "signature": pa.array([None], pa.list_(pa.int64())),
        "band_keys": pa.array([None], pa.list_(pa.int64())),
    }
    return pa.RecordBatch.from_pydict(columns)
