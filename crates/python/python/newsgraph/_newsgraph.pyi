"""Type stubs of the native module newsgraph._newsgraph."""

import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Union

Stages = Literal["clean", "entities", "said", "events", "all"]
#: A raw page (str or bytes, as a file holds it) or ready text {"id", "text", "published"?, "language"?}.
Page = Union[str, bytes, bytearray, Dict[str, Any]]
Record = Dict[str, Any]

__version__: str

class NewsgraphError(Exception):
    """A page, record or store newsgraph could not handle; the message is the CLI's."""

class Pipeline:
    """The stages up to ``stages`` (as the CLI's --stages); models load on first use."""

    def __init__(self, stages: Stages = "all") -> None: ...
    @property
    def stages(self) -> Literal["clean", "entities", "said", "events"]: ...
    def load(self) -> None:
        """Loads the models now rather than on the first page."""
    def process(self, page: Page, url: Optional[str] = None, published: Optional[str] = None) -> Record:
        """One page to its record; raises NewsgraphError when it cannot be read or cleaned."""
    def process_many(
        self,
        pages: Iterable[Page],
        threads: Optional[int] = None,
        as_arrow: bool = False,
        url: Optional[str] = None,
        published: Optional[str] = None,
    ) -> Any:
        """Records in input order (a failed page gives its error record), or with
        as_arrow=True a dict of pyarrow tables as to_arrow gives."""

class Store:
    """An embedded store (newsgraph ingest --data DIR), opened for reading."""

    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None: ...
    @property
    def notices(self) -> List[str]: ...
    def search(
        self,
        query: str = "",
        limit: int = 20,
        offset: int = 0,
        *,
        from_: Optional[str] = None,
        to: Optional[str] = None,
        entity: Optional[str] = None,
        country: Optional[str] = None,
        site: Optional[str] = None,
        event_type: Optional[str] = None,
        speaker: Optional[str] = None,
        language: Optional[str] = None,
        facets: bool = False,
    ) -> Dict[str, Any]:
        """{"total", "hits", "facets"}, as `newsgraph search --json` prints."""
    def get(self, id: str) -> Optional[Record]: ...
    def __len__(self) -> int: ...

def ingest(
    inputs: Sequence[str],
    data: Union[str, "os.PathLike[str]"] = "newsgraph-data",
    stages: Stages = "all",
    from_: Optional[str] = None,
    to: Optional[str] = None,
) -> Dict[str, Any]:
    """`newsgraph ingest --data DATA INPUTS...` (pages, WARCs, feeds, URLs, Parquet output); the summary as a dict."""

def extract(
    page: Page, url: Optional[str] = None, published: Optional[str] = None, stages: Stages = "all"
) -> Record:
    """One page to its record (a pipeline per stages is kept for the process)."""

def arrow_ipc(records: Iterable[Union[Record, str]], tables: Optional[Sequence[str]] = None) -> Dict[str, bytes]: ...
def table_names() -> List[str]: ...


