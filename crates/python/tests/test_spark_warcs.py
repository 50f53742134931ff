"""Helpers, not tests: WARC files built from the HTML pages of ../shared/data/extraction, for the Spark
test and benchmark: a fixed, sorted choice of pages, some stored twice under
other URLs (in other files), one file cut short inside a record."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path
from typing import List, Tuple

REPO = Path(__file__).resolve().parents[3]
EXTRACTION = REPO.parent / "shared" / "data" / "extraction"


def pages(aeb: int, trafilatura: int) -> List[Tuple[str, bytes]]:
    """(url, html) of the first pages (by name) of the AEB and trafilatura-eval sets."""
    chosen = sorted((EXTRACTION / "aeb" / "html").glob("*.html.gz"))[:aeb]
    chosen += sorted((EXTRACTION / "trafilatura-eval" / "eval").glob("*.html.gz"))[:trafilatura]
    return [(f"https://example.test/{p.parent.parent.name}/{p.name[:-3]}", gzip.decompress(p.read_bytes())) for p in chosen]


def record(url: str, body: bytes) -> bytes:
    """One WARC/1.0 response record holding an HTTP 200 text/html response."""
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    head = (
        "WARC/1.0\r\n"
        "WARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return head + payload + b"\r\n\r\n"


def build(folder: Path, chosen: List[Tuple[str, bytes]], files: int, twice: int, truncated: bool = True):
    """Writes the WARC files; returns (paths, urls of the complete records).

    Pages are dealt to ``files`` files (the second one gzipped record by record);
    the first ``twice`` pages are stored again under mirror.test URLs in the next
    file; with ``truncated``, one more file holds three good records of the last
    pages and a fourth cut in the middle of its payload.
    """
    shards = [chosen[i::files] for i in range(files)]
    for n, (url, body) in enumerate(chosen[:twice]):
        shards[(n % files + 1) % files].append((url.replace("example.test", "mirror.test"), body))
    paths, complete = [], []
    for n, shard in enumerate(shards):
        records = [record(url, body) for url, body in shard]
        if n == 1:
            path = folder / f"part-{n}.warc.gz"
            path.write_bytes(b"".join(gzip.compress(r) for r in records))
        else:
            path = folder / f"part-{n}.warc"
            path.write_bytes(b"".join(records))
        paths.append(path)
        complete += [url for url, _ in shard]
    if truncated:
        tail = [(f"https://example.test/truncated/{i}", body) for i, (_, body) in enumerate(chosen[-4:])]
        cut = record(*tail[3])
        path = folder / "part-truncated.warc"
        path.write_bytes(b"".join(record(u, b) for u, b in tail[:3]) + cut[: len(cut) // 2])
        paths.append(path)
        complete += [u for u, _ in tail[:3]]
    return paths, complete
