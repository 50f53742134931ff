#!/usr/bin/env python3
"""htmldate's publication dates for the pages `newsgraph eval extraction` scores dates on.

    python3 py_htmldate.py MANIFEST.json OUT.json

MANIFEST.json: {"pages": [{"key", "url", "file"}]}, `file` a gzipped page. For each page
OUT.json gets {"original": find_date(original_date=True), "default": find_date()} (both
with htmldate's default extensive search and the page URL), plus "version" and the
seconds spent inside find_date. Pages are decoded as UTF-8 with replacement, as
`../shared/peers/extraction_eval.py` hands WCXB pages to trafilatura (whose dates are
htmldate's). Exits with status 3 when htmldate is not installed.
"""
import gzip
import json
import sys
import time


def main():
    try:
        import htmldate
        from htmldate import find_date
    except ImportError:
        sys.exit(3)
    manifest_path, out_path = sys.argv[1:3]
    pages = json.load(open(manifest_path, encoding="utf-8"))["pages"]
    out, spent = {}, 0.0
    for page in pages:
        with gzip.open(page["file"]) as f:
            html = f.read().decode("utf-8", "replace")
        dates = {}
        for name, original in (("original", True), ("default", False)):
            started = time.perf_counter()
            try:
                dates[name] = find_date(html, url=page.get("url"), original_date=original)
            except Exception:  # a peer's crash on one page is a miss, not a failed run
                dates[name] = None
            spent += time.perf_counter() - started
        out[page["key"]] = dates
    json.dump({"version": getattr(htmldate, "__version__", "?"), "seconds": spent, "pages": out},
              open(out_path, "w", encoding="utf-8"))


if __name__ == "__main__":
    main()
