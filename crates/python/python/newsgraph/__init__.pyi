from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from ._newsgraph import NewsgraphError as NewsgraphError
from ._newsgraph import Page as Page
from ._newsgraph import Pipeline as Pipeline
from ._newsgraph import Stages as Stages
from ._newsgraph import Store as Store
from ._newsgraph import __version__ as __version__
from ._newsgraph import extract as extract
from ._newsgraph import ingest as ingest

Record = Dict[str, Any]
TABLES: List[str]

def to_arrow(records: Iterable[Union[Record, str]], tables: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    """Records as {table name: pyarrow.Table}: articles, entities (one row per mention), quotes, events, places."""
