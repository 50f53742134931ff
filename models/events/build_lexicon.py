#!/usr/bin/env python3
"""Builds models/events/verbs.tsv: the CAMEO verb dictionary mapped to PLOVER.

Inputs (read-only, from the shared data folder; nothing is downloaded):
  dictionaries/CAMEO.2.0.txt         PETRARCH2 CAMEO verb dictionary (MIT, Open Event Data Alliance)
  plover/CAMEO2PLOVER-2021.txt       CAMEO code -> PLOVER type, mode (CC BY-SA 4.0, OEDA)

Output (tab-separated rows, three kinds):
  S  &NAME  w1|w2|...                       a synonym set: single lower-case words
  V  form  block  cameo  plover  mode  lemma        a verb form ("withdrew", "ask for") of a block,
                                                    with its default code ('-' when none)
  P  block  pre  post  cameo  plover  mode  verb    a pattern of a block (applied to `verb`
                                                    only, '-': to every verb of the block):
                                                    words that must precede
                                             / follow the verb in its clause, slots separated
                                             by spaces, alternatives by '|', '&NAME' for a
                                             synonym set, '-' when none
  plover is '-' when the code has no PLOVER type (public statements, 01x): such a
  pattern blocks a less specific one from coding an event.

Usage: python3 build_lexicon.py [SHARED_DATA_DIR] > verbs.tsv
(default SHARED_DATA_DIR: ../../../shared/data relative to this file).
Run it again and compare: crates/events/tests/lexicon.rs checks the committed file
against a fresh build when the shared data is present.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Verbs whose dictionary sense is mostly not an event in news text (the CAMEO file
# inherits WordNet synonyms: "reside" as "occupy territory", "face" as "meet").
DROP = {
    "reside", "inhabit", "infest", "brave", "face", "encounter", "base", "place", "pose",
    "position", "post", "set", "situate", "format", "look", "seem", "appear", "run into",
    "include", "say", "tell", "add", "believe", "think", "show", "see", "come", "go", "get",
    "make", "take", "give", "have", "be", "do", "know", "put", "keep", "hold",
    "describe", "consider", "view", "expect", "want", "stress", "note",
}

# CAMEO 02x (appeal) is absent from the 2021 mapping; PLOVER folds appeals into REQUEST.
APPEAL = {
    "02": ("REQUEST", ""), "020": ("REQUEST", ""), "021": ("REQUEST", "assist"),
    "022": ("REQUEST", "assist"), "023": ("REQUEST", "assist"), "024": ("REQUEST", "change"),
    "025": ("REQUEST", "yield"), "026": ("REQUEST", "meet"), "027": ("REQUEST", "meet"),
    "028": ("REQUEST", "meet"),
}


def read_mapping(path):
    mapping = dict(APPEAL)
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d+):\s*([A-Z]+)\s*(?:,\s*([^,]*))?", line)
        if m:
            code, plover, mode = m.group(1), m.group(2), (m.group(3) or "").strip()
            mapping.setdefault(code, (plover, mode))
    return mapping


def plover_of(code, mapping):
    """The PLOVER type of a CAMEO code: the longest mapped prefix; 01x has none."""
    if not code or code.startswith("01") or not code.isdigit():
        return None
    for n in range(len(code), 1, -1):
        if code[:n] in mapping:
            return mapping[code[:n]]
    return None


def inflect(verb):
    """Regular forms, as PETRARCH generates them."""
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", verb):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif re.search(r"(s|sh|ch|x|z)$", verb):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", verb) and len(verb) <= 5:
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def read_synsets(lines):
    synsets, name = {}, None
    for line in lines:
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            name = line.strip().upper()
            synsets[name] = []
        elif line.startswith("+") and name:
            synsets[name].append(line[1:].strip())
        elif not line.strip():
            name = None
    return synsets


def slot_words(alternatives):
    """Slot alternatives as single lower-case words (a multi-word member keeps its last word)."""
    out = []
    for a in alternatives:
        words = [w for w in a.lower().replace("_", " ").split() if w]
        if words:
            last = words[-1]
            out.append(last.upper() if last.startswith("&") else last)
    return "|".join(sorted(set(out)))


def parse_side(text, synsets):
    slots = []
    for raw in re.sub(r"[(){}$^%+@]", " ", text).split():
        if raw in ("*",):
            continue
        if raw.startswith("&"):
            if synsets.get(raw.upper()):
                slots.append(raw.upper())
            continue
        word = raw.lower().strip("_")
        if "/" in word:
            parts = [p for p in raw.split("/") if p and not p.startswith("&")]
            if parts:
                slots.append(slot_words(parts))
        elif word:
            slots.append(slot_words([word]))
    return [s for s in slots if s]


def parse_code(text):
    m = re.search(r"\[([^\]]*)\]", text)
    if not m:
        return None
    code = m.group(1).strip()
    if code.startswith(":") or code == "---" or not code:
        return None if code != "---" else "---"
    return code.split(":", 1)[0].strip()


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../shared/data")
    mapping = read_mapping(os.path.join(data, "events/plover/CAMEO2PLOVER-2021.txt"))
    lines = open(os.path.join(data, "events/dictionaries/CAMEO.2.0.txt"), encoding="utf-8").read().splitlines()
    start = next(i for i, l in enumerate(lines) if "VERB PATTERNS" in l)
    synsets = read_synsets(lines[:start])
    vrows, prows = set(), set()
    block_code, verbs, patterns = None, [], []
    block = [0]

    def flush():
        if not verbs:
            return
        block[0] += 1
        for form_set, code, lemma in verbs:
            for form in form_set:
                vrows.add((form, block[0], code or "---", lemma))
        for pre, post, pcode, origin in patterns:
            prows.add((block[0], pre, post, pcode, origin))

    for line in lines[start:] + ["---  END [---] ---"]:
        body = line.split("#", 1)[0].rstrip()
        if body.startswith("---"):
            flush()
            block_code = parse_code(body)
            verbs, patterns = [], []
        elif body.startswith("- "):
            # The comment names the verb the pattern was written for; PETRARCH applies it to
            # the whole synonym block through its parse tree, but without a parser a pattern
            # is only trusted on its own verb.
            comment = line.split("#", 1)[1].split() if "#" in line else []
            origin = comment[0].lower().replace("_", " ") if comment else "-"
            code = parse_code(body)
            if code is None:
                continue
            pattern = re.sub(r"\[[^\]]*\]", "", body[2:])
            pre, _, post = pattern.partition("*")
            pre_s = " ".join(parse_side(pre, synsets)) or "-"
            post_s = " ".join(parse_side(post, synsets)) or "-"
            if pre_s == "-" and post_s == "-":
                continue
            patterns.append((pre_s, post_s, code, origin if re.match(r"^[a-z][a-z' -]*$", origin) else "-"))
        elif body.strip() and not body.startswith("&"):
            own = parse_code(body)
            head = re.sub(r"\[[^\]]*\]", "", body)
            irregular = re.search(r"\{([^}]*)\}", head)
            lemma = re.sub(r"\{[^}]*\}", "", head).strip().lstrip("+").lower().replace("_", " ").strip()
            if not lemma or lemma in DROP or not re.match(r"^[a-z][a-z' -]*$", lemma):
                continue
            forms = set()
            if " " in lemma:
                first, rest = lemma.split(" ", 1)
                forms |= {f + " " + rest for f in inflect(first)}
            else:
                forms |= inflect(lemma)
            if irregular:
                for f in irregular.group(1).split():
                    form = f.lstrip("+").lower().replace("_", " ")
                    if re.match(r"^[a-z][a-z' -]*$", form):
                        forms.add(form)
            code = own or block_code
            verbs.append((forms, code, lemma))

    def typed(code):
        if code == "---":
            return "-", "-", "-"
        mapped = plover_of(code, mapping)
        return (code,) + ((mapped[0], mapped[1] or "-") if mapped else ("-", "-"))

    print("# generated by build_lexicon.py from the CAMEO verb dictionary and CAMEO2PLOVER; CC BY-SA 4.0, see ATTRIBUTION.md")
    used = {slot for _, pre, post, _, _ in prows for slot in (pre + " " + post).split() if slot.startswith("&")}
    for name in sorted(used):
        print(f"S\t{name}\t{slot_words(synsets.get(name, []))}")
    for form, blk, code, lemma in sorted(vrows):
        print("V\t%s\t%d\t%s\t%s\t%s\t%s" % ((form, blk) + typed(code) + (lemma,)))
    for blk, pre, post, code, origin in sorted(prows):
        print("P\t%d\t%s\t%s\t%s\t%s\t%s\t%s" % ((blk, pre, post) + typed(code) + (origin,)))


if __name__ == "__main__":
    main()
