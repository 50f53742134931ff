#!/usr/bin/env python3
"""Builds wikinews.jsonl, the demo corpus, from the Wikinews CSVs in ../shared/data/demo.

Each CSV row (url,date,title,text) becomes one line of ready text for
`newsgraph ingest`: {"url", "title", "published", "language": "en", "text"}.
Wikinews's two test pages are left out. The text is kept as Wikinews gave it, except that non-breaking spaces become
spaces and runs of blank lines become one (so offsets refer to this file's text).

    python3 examples/wikinews/build.py [../shared/data/demo/wikinews]
"""
import csv
import json
import re
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
source = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parents[2] / "shared" / "data" / "demo" / "wikinews"
rows = []
for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
    with open(source / name, newline="", encoding="utf-8") as f:
        rows.extend(csv.DictReader(f))
# Two rows are Wikinews's own test pages ("TEST PAGE:Self-publish today"), not news.
rows = [r for r in rows if not r["title"].startswith("TEST PAGE:")]
rows.sort(key=lambda r: (r["date"], r["url"]))

with open(here / "wikinews.jsonl", "w", encoding="utf-8") as out:
    for row in rows:
        text = row["text"].replace("\u00a0", " ")
        text = "\n".join(line.rstrip() for line in text.splitlines())
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
        # Wikinews URLs carry a doubled slash before "wiki/"; the single-slash form is the page's address.
        url = row["url"].replace("wikinews.org//wiki/", "wikinews.org/wiki/")
        record = {"url": url, "title": row["title"].strip(), "published": row["date"], "language": "en", "text": text}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
print(f"wrote {len(rows)} articles to {here / 'wikinews.jsonl'}")
