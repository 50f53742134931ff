"""newsgraph: turn news pages into structured, evidence-linked records.

The pipeline is the same Rust code as the ``newsgraph`` command line; records
are exactly the JSON records ``newsgraph extract`` prints (as dicts).

>>> import newsgraph
>>> record = newsgraph.extract("<html><body><p>Talks were underway Thursday.</p></body></html>")
>>> pipeline = newsgraph.Pipeline(stages="all")      # models load on first use
>>> records = pipeline.process_many(pages, threads=2)  # input order, GIL released
>>> tables = newsgraph.to_arrow(records)                # {"articles": pyarrow.Table, ...}

A page is ``str`` or ``bytes`` (the raw page, as a file holds it) or a dict of
ready text in the ``.jsonl`` form ``{"id", "text", "published"?, "language"?}``
(then the clean stage is skipped). A page that cannot be read or cleaned raises
:class:`NewsgraphError` with the CLI's message (``process_many`` puts the CLI's
error record, with ``errors``, in its slot instead); a wrong type raises
``TypeError``. pyarrow is needed only for Arrow tables.
"""

from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from ._newsgraph import (
    NewsgraphError,
    Pipeline,
    Store,
    __version__,
    extract,
    ingest,
)
from . import _newsgraph

Record = Dict[str, Any]

#: The tables of :func:`to_arrow`, ``articles`` first.
TABLES: List[str] = list(_newsgraph.table_names())


def to_arrow(
    records: Iterable[Union[Record, str]], tables: Optional[Sequence[str]] = None
) -> "Dict[str, Any]":
    """Records (dicts as the pipeline returns them, or their JSON text) as pyarrow tables.

    Returns ``{name: pyarrow.Table}`` for ``tables`` (default: all of
    :data:`TABLES`): ``articles`` (one row per article, the schema of
    ``newsgraph export --format parquet``), ``entities`` (one row per entity
    mention), ``quotes``, ``events`` and ``places``, each keyed by
    ``article_id``. The columns are built in Rust and handed over as Arrow IPC,
    not row by row. Needs pyarrow (``pip install 'newsgraph[arrow]'``).
    """
    from ._arrow import _pyarrow, tables_from_ipc

    _pyarrow()  # fail before the work when pyarrow is missing
    names = list(tables) if tables is not None else None
    return tables_from_ipc(_newsgraph.arrow_ipc(list(records), names))


__all__ = [
    "NewsgraphError",
    "Pipeline",
    "Record",
    "Store",
    "TABLES",
    "__version__",
    "extract",
    "ingest",
    "to_arrow",
]
