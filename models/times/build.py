#!/usr/bin/env python3
"""Builds models/times/cldr.tsv: month and weekday names and number separators from CLDR.

Source: the CLDR locale data shipped in the PyPI package babel (BABEL_VERSION below), read through
babel's own API (babel.Locale). CLDR is (c) Unicode, Inc., under the Unicode License v3: the
package's babel/locale-data/LICENSE.unicode is copied to LICENSE.unicode beside the table.

Output rows, tab-separated, one per name, sorted by language then field then index:
    lang  month    1..12  name     (wide and abbreviated, format and stand-alone contexts: every
                                    grammatical form CLDR has, e.g. Russian "января" and "январь")
    lang  weekday  1..7   name     (ISO numbering, Monday 1; wide and abbreviated, both contexts)
    lang  decimal  0      U+XXXX   (the decimal separator of the latn number system)
    lang  group    0      U+XXXX   (the grouping separator)
Names are lower-cased with a trailing period removed ("janv." -> "janv"); the Rust side marks which
names are abbreviations by the `abbr` column (1 for abbreviated-only forms, 0 otherwise).

Usage: python3 models/times/build.py [--cache-dir DIR]   (pip download --no-deps babel==VERSION
       unless DIR already holds the wheel)
       python3 models/times/build.py --check [--cache-dir DIR]   (rebuilds into a temp dir, compares)
"""
import argparse, filecmp, glob, os, subprocess, sys, tempfile, zipfile

BABEL_VERSION = "2.19.0"
LANGUAGES = ["de", "fr", "es", "it", "pt", "nl", "pl", "ru"]
HERE = os.path.dirname(os.path.abspath(__file__))
FILES = ["cldr.tsv", "LICENSE.unicode"]


def wheel(cache_dir):
    pattern = os.path.join(cache_dir, f"babel-{BABEL_VERSION}-*.whl")
    found = glob.glob(pattern)
    if not found:
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", f"babel=={BABEL_VERSION}", "-d", cache_dir])
        found = glob.glob(pattern)
    return found[0]


def clean(name):
    name = name.strip().lower()
    return name[:-1] if name.endswith(".") else name


def build(wheel_path, out_dir):
    with tempfile.TemporaryDirectory() as unpacked:
        with zipfile.ZipFile(wheel_path) as z:
            z.extractall(unpacked)
        sys.path.insert(0, unpacked)
        try:
            from babel import Locale
            rows = set()
            for lang in LANGUAGES:
                loc = Locale(lang)
                for field, table in (("month", loc.months), ("weekday", loc.days)):
                    wide = set()
                    for context in ("format", "stand-alone"):
                        for n, name in table[context]["wide"].items():
                            wide.add(clean(name))
                    for context in ("format", "stand-alone"):
                        for width in ("wide", "abbreviated"):
                            for n, name in table[context][width].items():
                                index = n if field == "month" else n + 1  # babel: Monday 0
                                name = clean(name)
                                abbr = 0 if name in wide else 1
                                rows.add((lang, field, index, name, abbr))
                symbols = loc.number_symbols["latn"]
                rows.add((lang, "decimal", 0, "U+%04X" % ord(symbols["decimal"]), 0))
                rows.add((lang, "group", 0, "U+%04X" % ord(symbols["group"]), 0))
            with open(os.path.join(unpacked, "babel", "locale-data", "LICENSE.unicode"), encoding="utf-8") as f:
                licence = f.read()
        finally:
            sys.path.remove(unpacked)
            for mod in [m for m in sys.modules if m == "babel" or m.startswith("babel.")]:
                del sys.modules[mod]
    order = {lang: i for i, lang in enumerate(LANGUAGES)}
    with open(os.path.join(out_dir, "cldr.tsv"), "w", encoding="utf-8") as f:
        f.write(f"# CLDR month/weekday names and number separators from babel {BABEL_VERSION} (Unicode License v3); built by build.py\n")
        f.write("# lang\tfield\tindex\tname\tabbr\n")
        for lang, field, index, name, abbr in sorted(rows, key=lambda r: (order[r[0]], r[1], r[2], r[3])):
            f.write(f"{lang}\t{field}\t{index}\t{name}\t{abbr}\n")
    with open(os.path.join(out_dir, "LICENSE.unicode"), "w", encoding="utf-8") as f:
        f.write(licence.rstrip() + "\n")
    return len(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache-dir", default=os.path.join(tempfile.gettempdir(), "newsgraph-times-build"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.cache_dir, exist_ok=True)
    path = wheel(args.cache_dir)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(path, tmp)
            bad = [f for f in FILES if not filecmp.cmp(os.path.join(tmp, f), os.path.join(HERE, f), shallow=False)]
            if bad:
                sys.exit(f"models/times differs from a rebuild: {', '.join(bad)}")
            print("models/times matches a rebuild")
        return
    n = build(path, HERE)
    print(f"wrote {n} rows to models/times/cldr.tsv")


if __name__ == "__main__":
    main()
