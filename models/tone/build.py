#!/usr/bin/env python3
"""Builds models/tone/vader_lexicon.tsv from the VADER lexicon of the PyPI package vaderSentiment.

Source: vaderSentiment 3.3.2 (MIT License, (c) 2016 C.J. Hutto), file vaderSentiment/vader_lexicon.txt.
Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text. ICWSM-14.

Output: one `word<TAB>mean valence` row per lexicon entry that is a plain word (letters, apostrophes,
hyphens), lowercase, sorted; emoticons are dropped because the tone scorer counts words only. The
package's LICENSE.txt is copied to LICENSE beside it.

Usage: python3 models/tone/build.py [--wheel-dir DIR]   (downloads the wheel with pip unless DIR has it)
       python3 models/tone/build.py --check             (rebuilds into a temp dir and compares)
"""
import argparse, glob, os, re, subprocess, sys, tempfile, zipfile

VERSION = "3.3.2"
HERE = os.path.dirname(os.path.abspath(__file__))
WORD = re.compile(r"^[a-z][a-z'-]*$")


def wheel(wheel_dir):
    found = glob.glob(os.path.join(wheel_dir, f"vaderSentiment-{VERSION}-*.whl"))
    if not found:
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", f"vaderSentiment=={VERSION}", "-d", wheel_dir])
        found = glob.glob(os.path.join(wheel_dir, f"vaderSentiment-{VERSION}-*.whl"))
    return found[0]


def build(wheel_path, out_dir):
    with zipfile.ZipFile(wheel_path) as z:
        lexicon = z.read("vaderSentiment/vader_lexicon.txt").decode("utf-8")
        licence = z.read(f"vaderSentiment-{VERSION}.dist-info/LICENSE.txt").decode("utf-8")
    rows = {}
    for line in lexicon.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and WORD.match(parts[0]):
            rows[parts[0]] = float(parts[1])
    with open(os.path.join(out_dir, "vader_lexicon.tsv"), "w", encoding="utf-8") as f:
        f.write(f"# VADER lexicon words from vaderSentiment {VERSION} (MIT, C.J. Hutto); built by build.py\n")
        for word in sorted(rows):
            f.write(f"{word}\t{rows[word]}\n")
    with open(os.path.join(out_dir, "LICENSE"), "w", encoding="utf-8") as f:
        f.write(licence.rstrip() + "\n")
    return len(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheel-dir", default=None)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = wheel(a.wheel_dir or tmp)
        if a.check:
            out = os.path.join(tmp, "out")
            os.makedirs(out)
            build(path, out)
            for name in ("vader_lexicon.tsv", "LICENSE"):
                if open(os.path.join(out, name), "rb").read() != open(os.path.join(HERE, name), "rb").read():
                    sys.exit(f"{name} differs from a fresh build")
            print("models/tone matches a fresh build")
        else:
            print(build(path, HERE), "words written to", HERE)


if __name__ == "__main__":
    main()
