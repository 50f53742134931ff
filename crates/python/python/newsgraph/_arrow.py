"""Arrow IPC streams from the native module, opened as pyarrow tables.

pyarrow is imported here only, when tables are asked for: the rest of the
package works without it.
"""

from typing import Dict


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.ipc  # noqa: F401
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "newsgraph's Arrow tables need pyarrow: pip install 'newsgraph[arrow]' (or pyarrow)"
        ) from error
    return pyarrow


def tables_from_ipc(streams: Dict[str, bytes]) -> "Dict[str, object]":
    """Opens each table's IPC stream; the buffers are shared, not copied."""
    pa = _pyarrow()
    return {name: pa.ipc.open_stream(pa.py_buffer(data)).read_all() for name, data in streams.items()}
