#!/usr/bin/env python3
"""Builds the sourced tables of newsgraph's knowledge base: people.tsv (US Congress
members and the US executive), companies.tsv (S&P 500) and parties.tsv (Party Facts
core parties), from the source files in ../shared/data/kb (or $KB_SOURCES).

Sources (see ATTRIBUTION.md; what each holds is in ../shared/data/kb/README.md):
  - congress/legislators-current.yaml.gz, congress/executive.yaml
    (unitedstates/congress-legislators, CC0): names, nicknames, terms, bioguide,
    Wikidata and English Wikipedia ids. Kept: every current member, and presidents
    and vice presidents with a term ending in 2015 or later.
  - sp500/constituents.csv (datasets/s-and-p-500-companies, ODC-PDDL): name,
    tickers, GICS sector, headquarters. No Wikidata or Wikipedia ids: left empty.
  - curated/people.tsv: people none of the sources has (hand-curated).
  - partyfacts/partyfacts-core-parties.csv.gz, partyfacts/wikidata.csv (Party Facts,
    MIT): names, short names, years, vote share, Wikipedia URL, Wikidata QID. Kept:
    parties (not the technical rows) last seen in 2000 or later, or still active,
    with a vote share of 1% or more.

Aliases never take a name another curated table (orgs.tsv, leaders.tsv, countries,
regions) has, unless it is the same entry (same Wikidata id): the curated entry wins.
A short form that is one ordinary English word (models/names/common_words.tsv) is
not an alias. Lone surnames are never aliases: the crate links a surname only to a
full name the article wrote.

Usage: python3 models/kb/build_sourced.py           rewrite the three tables and their CHECKSUMS lines
       python3 models/kb/build_sourced.py --check   exit 1 if the committed tables differ
build.py calls `build()` too. Needs PyYAML (requirements.txt).
"""
import csv
import gzip
import io
import os
import re
import sys
import unicodedata
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.environ.get("KB_SOURCES") or os.path.join(HERE, "..", "..", "..", "shared", "data", "kb")
OUTPUTS = ["people.tsv", "companies.tsv", "parties.tsv"]
PEOPLE_HEADER = ["bioguide", "name", "aliases", "wikidata", "wikipedia", "party", "tenures", "src"]
# Executive terms ending before this are dropped (the last ten years or so).
RECENT = "2015-01-01"


def _build_module():
    sys.path.insert(0, HERE)
    import build  # the name key, FNV hash and curated-table reader are shared

    return build


def curated_keys(b):
    """Name key -> Wikidata ids ('' when none) of every curated org, leader, country and region name."""
    owners = {}

    def claim(name, qid):
        k = b.name_key(name)
        if k:
            owners.setdefault(k, set()).add(qid)

    for r in b.read_curated("orgs.tsv"):
        for n in [r["name"], r["key"]] + r["aliases"].split(";"):
            claim(n, r.get("wikidata", ""))
    for r in b.read_curated("leaders.tsv"):
        for n in [r["name"]] + r["aliases"].split(";"):
            claim(n, r.get("wikidata", ""))
    for table, cols in (("countries.tsv", (4, 11, 12)), ("regions.tsv", (0, 1))):
        with open(os.path.join(HERE, table), encoding="utf-8") as f:
            for line in f.read().split("\n")[1:]:
                cells = line.split("\t")
                for c in cols:
                    if c < len(cells):
                        for n in cells[c].replace(",", ";").split(";"):
                            claim(n, "place")
    return owners


def big_place_keys(b):
    """Keys of places of 15,000+ people: a company short form spelt so is not an alias."""
    keys = set()
    with open(os.path.join(HERE, "places.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            cells = line.split("\t")
            if len(cells) > 6 and int(cells[6] or 0) >= 15000:
                keys.add(b.name_key(cells[1]))
    return keys


def common_words(floor=0):
    """Words written in lower case at least as often as Capitalised (ratio >= floor)."""
    words = set()
    with open(os.path.join(HERE, "..", "names", "common_words.tsv"), encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cells) < 2:
                continue
            try:
                if int(cells[1]) >= floor:
                    words.add(cells[0])
            except ValueError:
                pass
    return words


class Aliases:
    """Aliases of one entry, without repeats by key and without names a curated entry owns."""

    def __init__(self, b, owners, qid, primary):
        self.b, self.owners, self.qid = b, owners, qid
        self.keys = {b.name_key(primary)}
        self.out = []

    def add(self, name):
        name = " ".join(name.replace("\u00a0", " ").split()).strip(" ,")
        k = self.b.name_key(name)
        if not k or k in self.keys:
            return
        owner = self.owners.get(k)
        if owner is not None and (not self.qid or owner != {self.qid}):
            return
        self.keys.add(k)
        self.out.append(name)


def latin(name):
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


# --- people -----------------------------------------------------------------------------

OFFICES = {"sen": "Senator", "rep": "Representative", "prez": "President", "viceprez": "Vice President"}


def load_yaml(path):
    import yaml

    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def tenures(terms):
    """Terms merged into tenures: one per office and unbroken run (House terms are two years)."""
    out = []
    for t in sorted(terms, key=lambda t: str(t["start"])):
        office = OFFICES.get(t.get("type"))
        if not office:
            continue
        start, end = str(t["start"]), str(t.get("end") or "")
        if out and out[-1][0] == office and out[-1][2] and start <= day_after(out[-1][2], 10):
            out[-1][2] = max(out[-1][2], end) if end else ""
            continue
        out.append([office, start, end])
    return out


def day_after(day, n):
    import datetime

    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=n)).isoformat()


def person_row(b, owners, p, src, today):
    ids, name = p.get("id", {}), p.get("name", {})
    qid = ids.get("wikidata") or ""
    first, last = name.get("first", ""), name.get("last", "")
    middle, nick, suffix = name.get("middle") or "", name.get("nickname") or "", name.get("suffix") or ""
    primary = name.get("official_full") or f"{nick or first} {last}"
    al = Aliases(b, owners, qid, primary)
    # The primary name may be a curated leader's own: then the row merges with it.
    for n in [f"{first} {last}", f"{nick} {last}" if nick else "", f"{first} {middle} {last}" if middle else "",
              f"{first} {middle[:1]}. {last}" if middle and not middle.endswith(".") else "",
              f"{first} {last} {suffix}" if suffix else "", f"{first} {last}, {suffix}" if suffix else ""]:
        if n:
            al.add(n)
    for other in name.get("other_names", []) or []:
        if other.get("first") and other.get("last"):
            al.add(f"{other['first']} {other['last']}")
    t = tenures(p.get("terms", []))
    party = next((x.get("party", "") for x in reversed(p.get("terms", [])) if x.get("party")), "")
    cell = ";".join(f"{o},US,{s},{e}" for o, s, e in t)
    # Presidents before the House existed have no bioguide: the Wikidata id or name stands in.
    return [ids.get("bioguide") or qid or primary, primary, ";".join(al.out), qid, ids.get("wikipedia") or "", party, cell, src]


def build_people(b, owners):
    rows = []
    for p in load_yaml(os.path.join(SOURCES, "congress", "legislators-current.yaml.gz")):
        rows.append(person_row(b, owners, p, "congress-legislators", None))
    for p in load_yaml(os.path.join(SOURCES, "congress", "executive.yaml")):
        if any(str(t.get("end") or "9999") >= RECENT for t in p.get("terms", [])):
            rows.append(person_row(b, owners, p, "congress-executive", None))
    # People the sources lack (curated/people.tsv is already in the output format).
    rows += [[r[h] for h in PEOPLE_HEADER] for r in b.read_curated("people.tsv")]
    # One row per person: the executive's terms join a legislator's row (same bioguide).
    merged = {}
    for r in rows:
        if r[0] in merged:
            m = merged[r[0]]
            m[6] = ";".join(sorted(set(m[6].split(";")) | set(r[6].split(";")), key=lambda x: x.split(",")[2]))
            m[2] = ";".join(dict.fromkeys([a for a in (m[2] + ";" + r[2]).split(";") if a]))
            m[7] = m[7] + "," + r[7]
        else:
            merged[r[0]] = r
    return sorted(merged.values(), key=lambda r: r[0])


# --- companies --------------------------------------------------------------------------

SUFFIXES = re.compile(r",?\s+(Inc\.?|Incorporated|Corp\.?|Corporation|Company|Co\.|plc|PLC|Ltd\.?|Limited|N\.V\.|S\.A\.|AG|SE|L\.P\.)$")


def short_forms(name):
    """'Apple Inc.' -> ['Apple']; 'ExxonMobil' -> ['Exxon Mobil'] (camel case, both halves 4+ letters)."""
    out = []
    base = re.sub(r"\s*\(Class [A-Z]\)$", "", name)
    s = base
    while True:
        t = SUFFIXES.sub("", s)
        if t == s:
            break
        s = t
    if s.startswith("The "):
        s = s[4:]
    out.append(s)
    m = re.fullmatch(r"([A-Z][a-z]{3,})([A-Z][a-z]{3,})", s)
    if m:
        out.append(f"{m.group(1)} {m.group(2)}")
    return base, out


def build_companies(b, owners, words, places, iso_by_name):
    by_cik = {}
    with open(os.path.join(SOURCES, "sp500", "constituents.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            base, shorts = short_forms(r["Security"])
            hq = r["Headquarters Location"].rsplit(",", 1)[-1].strip()
            country = iso_by_name.get(b.name_key(hq), "US")
            row = by_cik.get(r["CIK"])
            if row:
                row[0] += ";" + r["Symbol"]
                continue
            al = Aliases(b, owners, "", base)
            for s in shorts:
                k = b.name_key(s)
                single = " " not in k
                # A short form of one word: not an ordinary word, a big town, nor too short.
                if single and (k in words or k in places or len(k) < 3):
                    continue
                al.add(s)
            if b.name_key(base) in owners:
                continue  # a curated organisation has the name
            by_cik[r["CIK"]] = [r["Symbol"], base, ";".join(al.out), "", "", country, r["GICS Sector"], "sp500"]
    return sorted(by_cik.values(), key=lambda r: r[1])


# --- parties ----------------------------------------------------------------------------


def wiki_title(url):
    """The English Wikipedia title of a URL, or '' (section links and other wikis give '')."""
    prefix = "https://en.wikipedia.org/wiki/"
    if not url.startswith(prefix) and url.startswith("http://en.wikipedia.org/wiki/"):
        url = "https://" + url[len("http://"):]
    if not url.startswith(prefix) or "#" in url:
        return ""
    return urllib.parse.unquote(url[len(prefix):]).replace("_", " ")


def acronym_ok(short, words, owners, b):
    """A short name worth indexing: 3+ letters, capitals, no ordinary word or curated name."""
    letters = [c for c in short if c.isalpha()]
    k = b.name_key(short)
    return (len(letters) >= 3 and sum(c.isupper() for c in letters) >= 2 and k not in words and k not in owners
            and all(c.isalnum() or c in "()-.&" for c in short))


def build_parties(b, owners, words, iso3, iso_by_name):
    any_word = common_words(-1000)
    qids = {}
    with open(os.path.join(SOURCES, "partyfacts", "wikidata.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            qids.setdefault(r["partyfacts_id"], r["wikidata_id"])
    rows = []
    with gzip.open(os.path.join(SOURCES, "partyfacts", "partyfacts-core-parties.csv.gz"), "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["technical"] or r["country"] not in iso3:
                continue
            recent = not r["year_last"] or int(r["year_last"]) >= 2000
            try:
                share = float(r["share"] or 0)
            except ValueError:
                share = 0.0
            if not recent or share < 1.0:
                continue
            qid = qids.get(r["partyfacts_id"], "")
            title = wiki_title(r["wikipedia"])
            # The Wikipedia title less its "(Country)" is the name English news uses ("Bharatiya Janata Party").
            # Only a country, a year or "political party" is stripped: "Janata Dal (United)" is not "Janata Dal".
            m = re.fullmatch(r"(.*?)\s*\((.*)\)", title)
            strip = m and (b.name_key(m.group(2)) in iso_by_name or re.search(r"\d{4}|party", m.group(2)))
            titled = [m.group(1) if strip else title] if title else []
            english = [n.strip() for n in re.split(r" / | – ", r["name_english"]) if n.strip()]
            native = [n.strip() for n in re.split(r" / | – ", r["name"]) if n.strip()]
            names = [n for n in titled + english + native if latin(n)]
            if not names:
                continue
            primary = names[0]
            if " " not in b.name_key(primary) and b.name_key(primary) in any_word:
                continue
            al = Aliases(b, owners, qid, primary)
            if b.name_key(primary) in owners and owners[b.name_key(primary)] != {qid}:
                continue
            for n in names[1:]:
                # One English word ("Apple" for Yabluko, "alliance") is no party name.
                if " " in b.name_key(n) or b.name_key(n) not in any_word:
                    al.add(n)
            acronyms = [r["name_short"]] if acronym_ok(r["name_short"], words, owners, b) else []
            rows.append([r["partyfacts_id"], primary, ";".join(al.out), ";".join(acronyms), qid,
                         title, iso3[r["country"]], r["share"], r["year_last"], "partyfacts"])
    return sorted(rows, key=lambda r: int(r[0]))


def build(b=None):
    b = b or _build_module()
    owners = curated_keys(b)
    words = common_words()
    iso3, iso_by_name = {}, {}
    with open(os.path.join(HERE, "countries.tsv"), encoding="utf-8") as f:
        for line in f.read().split("\n")[1:]:
            c = line.split("\t")
            if len(c) > 11:
                iso3[c[1]] = c[0]
                for n in [c[4]] + c[11].split(";"):
                    iso_by_name[b.name_key(n)] = c[0]
    out = {}
    out["people.tsv"] = b.table(PEOPLE_HEADER,
                                build_people(b, owners))
    out["companies.tsv"] = b.table(["tickers", "name", "aliases", "wikidata", "wikipedia", "country", "sector", "src"],
                                   build_companies(b, owners, words, big_place_keys(b), iso_by_name))
    out["parties.tsv"] = b.table(["partyfacts", "name", "aliases", "acronyms", "wikidata", "wikipedia", "country", "share",
                                  "year_last", "src"], build_parties(b, owners, words, iso3, iso_by_name))
    return out


def main():
    b = _build_module()
    out = build(b)
    if "--check" in sys.argv:
        bad = [n for n in OUTPUTS if not os.path.exists(os.path.join(HERE, n)) or open(os.path.join(HERE, n), "rb").read() != out[n]]
        if bad:
            sys.exit(f"tables differ from build_sourced.py output: {', '.join(bad)}")
        print("sourced tables match build_sourced.py output")
        return
    path = os.path.join(HERE, "CHECKSUMS")
    lines = [l for l in open(path, encoding="utf-8").read().split("\n") if l and l.split()[-1] not in OUTPUTS]
    lines += [f"{b.fnv1a64(out[n]):016x}  {n}" for n in OUTPUTS]
    for n in OUTPUTS:
        with open(os.path.join(HERE, n), "wb") as f:
            f.write(out[n])
        print(n, len(out[n]), "bytes")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
