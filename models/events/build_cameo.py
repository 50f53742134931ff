#!/usr/bin/env python3
"""Builds models/events/cameo.tsv: the PETRARCH2 CAMEO verb dictionary as a compact table.

Input (read-only, from the shared data folder; nothing is downloaded):
  dictionaries/CAMEO.2.0.txt   PETRARCH2 CAMEO verb dictionary (MIT, Open Event Data Alliance)

The dictionary groups verbs in blocks (`--- NAME [code] ---`), lists each verb's forms
(irregular ones in `{...}`; regular ones are generated as PETRARCH does) and the block's
phrase patterns (`- pre * post [code]`). This script resolves what PETRARCH resolves at
load time: synonym sets (`&NAME`) are expanded, markers of the parse tree (`$` source,
`+` target, `%` compound, `^` skip, brackets) are dropped, words are lower-cased, and
PETRARCH's "first code of `a:b`" convention is applied.

Output (tab-separated, one row per line):
  V  form  block  code        a verb form (words separated by spaces); code '-' when the
                              verb has none of its own and the block none either
  P  block  code  pre  post   a pattern: slots separated by spaces, each slot's
                              alternatives by '|', the words of a multi-word alternative
                              (consecutive words: PETRARCH's 'DEATH_TOLL') by '_'; '-'
                              for an empty side

crates/events/src/cameo.rs reads it (and can read a raw PETRARCH verb dictionary the same
way, for the PETRARCH2 suite's own dictionary). crates/events/tests/cameo.rs checks the
committed file against a fresh build when the shared data is present.

Usage: python3 build_cameo.py [SHARED_DATA_DIR] > cameo.tsv
(default SHARED_DATA_DIR: ../../../shared/data relative to this file).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MARKERS = re.compile(r"[(){}$+%^<>\[\]]")


def inflect(verb):
    """Regular forms of a verb, as PETRARCH generates them."""
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", verb):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif re.search(r"(s|sh|ch|x|z)$", verb):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
    return forms


def clean(word):
    return MARKERS.sub("", word).strip("_").lower()


def word_ok(word):
    return bool(re.match(r"^[a-z0-9'.-]+$", word))


def read_synsets(lines):
    synsets, name = {}, None
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if body.startswith("&"):
            name = body.split()[0].upper()
            synsets[name] = []
        elif body.startswith("+") and name:
            synsets[name].append(body[1:].strip())
        elif not line.strip() or body.startswith("---"):
            # Only a blank line ends a set (a comment line inside one does not).
            name = None
    return synsets


def expand(member, synsets, depth=0):
    """A synonym-set member (maybe itself a set) as multi-word alternatives 'a_b'."""
    member = member.strip()
    if member.startswith("&"):
        if depth > 4:
            return []
        return [x for m in synsets.get(member.split()[0].upper(), []) for x in expand(m, synsets, depth + 1)]
    words = [clean(w) for w in re.split(r"[_ ]+", member)]
    words = [w for w in words if word_ok(w)]
    return ["_".join(words)] if words else []


def slots(text, synsets):
    """One side of a pattern as slots; '&SET' is one slot of its members."""
    out = []
    for raw in text.split():
        raw = raw.strip()
        if raw in ("*", "-") or not raw:
            continue
        if "&" in raw:
            # 'NEW_&TIETYPES_RELATIONS': the set is one slot among plain word slots.
            for part in raw.split("_"):
                if part.lstrip("({$+%^").startswith("&"):
                    alts = expand(part.lstrip("({$+%^").rstrip(")}"), synsets)
                    if alts:
                        out.append("|".join(sorted(set(alts))))
                else:
                    w = clean(part)
                    if word_ok(w):
                        out.append(w)
            continue
        # Words joined by '_' are one phrase: consecutive words, one slot.
        words = [w for w in (clean(part) for part in raw.split("_")) if word_ok(w)]
        if words:
            out.append("_".join(words))
    return out


def code_of(text):
    m = re.search(r"\[([^\]]*)\]", text)
    if not m:
        return None
    code = m.group(1).strip().split(":", 1)[0].strip()
    return code or None


def compile_dictionary(text):
    lines = text.splitlines()
    start = next((i for i, l in enumerate(lines) if l.startswith("---")), len(lines))
    synsets = read_synsets(lines)
    verbs, patterns = [], []
    block, block_code, in_set = -1, None, False
    for line in lines[start:]:
        body = line.split("#", 1)[0].rstrip()
        if not line.strip():
            in_set = False
        if body.startswith("&"):
            # A synonym set defined between blocks: its '+' members are no verbs.
            in_set = True
        if not body.strip() or body.startswith("&") or (body.startswith("+") and (in_set or block < 0)):
            continue
        if body.startswith("---"):
            block += 1
            block_code = code_of(body)
        elif body.startswith("-"):
            code = code_of(body)
            if code is None:
                continue
            pattern = re.sub(r"\[[^\]]*\]", "", body[1:])
            pre, star, post = pattern.partition("*")
            if not star:
                pre, post = "", pre
            pre_s, post_s = slots(pre, synsets), slots(post, synsets)
            if pre_s or post_s:
                patterns.append((block, code, " ".join(pre_s) or "-", " ".join(post_s) or "-"))
        elif block >= 0 and not body.startswith("<"):
            own = code_of(body)
            head = re.sub(r"\[[^\]]*\]", "", body)
            irregular = re.search(r"\{([^}]*)\}", head)
            phrase = re.sub(r"\{[^}]*\}", "", head).strip().lstrip("+")
            words = [w.lower() for w in re.split(r"[_ ]+", phrase) if w]
            if not words or any("+" in w for w in words) or not all(re.match(r"^[a-z][a-z'-]*$", w) for w in words):
                # A phrase whose verb is not its first word ('KLM_NOP_+RST'): skipped.
                continue
            verb, rest = words[0], words[1:]
            forms = {" ".join([f] + rest) for f in inflect(verb)}
            if irregular:
                for f in irregular.group(1).split():
                    f = f.lstrip("+").lower().replace("_", " ")
                    if re.match(r"^[a-z][a-z' -]*$", f):
                        # An irregular form of the head verb; one with spaces is a whole phrase.
                        forms.add(f if " " in f else " ".join([f] + rest))
            code = own or block_code
            if code == "---":
                code = None
            for form in forms:
                verbs.append((form, block, code or "-"))
    return sorted(set(verbs)), patterns


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../shared/data")
    path = os.path.join(data, "events/dictionaries/CAMEO.2.0.txt")
    verbs, patterns = compile_dictionary(open(path, encoding="utf-8").read())
    print("# generated by build_cameo.py from the PETRARCH2 CAMEO verb dictionary CAMEO.2.0.txt (MIT); see ATTRIBUTION.md")
    for form, block, code in verbs:
        print(f"V\t{form}\t{block}\t{code}")
    for block, code, pre, post in patterns:
        print(f"P\t{block}\t{code}\t{pre}\t{post}")


if __name__ == "__main__":
    main()
