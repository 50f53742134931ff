//! GDELT compatibility: CAMEO root code, QuadClass and Goldstein score of an event.
//!
//! | PLOVER type | CAMEO root | QuadClass | Goldstein |
//! |---|---|---|---|
//! | AGREE | 03 intent to cooperate | 1 verbal cooperation | +4.0 |
//! | CONSULT | 04 consult | 1 | +1.0 |
//! | SUPPORT | 05 diplomatic cooperation | 1 | +3.5 |
//! | COOPERATE | 06 material cooperation | 2 material cooperation | +6.0 |
//! | AID | 07 provide aid | 2 | +7.0 |
//! | CONCEDE, RETREAT | 08 yield | 2 | +5.0 |
//! | ACCUSE (mode investigate) | 09 investigate | 3 verbal conflict | -2.0 |
//! | REQUEST | 10 demand | 3 | -5.0 |
//! | ACCUSE | 11 disapprove | 3 | -2.0 |
//! | REJECT | 12 reject | 3 | -4.0 |
//! | THREATEN | 13 threaten | 3 | -6.0 |
//! | PROTEST | 14 protest | 4 material conflict | -6.5 |
//! | MOBILIZE | 15 exhibit force posture | 4 | -7.2 |
//! | SANCTION | 16 reduce relations | 4 | -4.0 |
//! | COERCE | 17 coerce | 4 | -7.0 |
//! | COERCE (modes seize, restrict with a military context: occupy, blockade) | 19 fight | 4 | -10.0 |
//! | ASSAULT | 18 assault | 4 | -9.0 |
//! | ASSAULT (modes firearms, heavy-weapons) | 19 fight | 4 | -10.0 |
//! | ASSAULT (modes massacre, cleansing, unconventional) | 20 mass violence | 4 | -10.0 |
//!
//! When the trigger came with its own CAMEO code (the verb dictionary) of the type's
//! family, that full code is kept ([`full_code`]); otherwise the type's root with a `0`
//! (`180`). The Goldstein score is the full code's, from the CAMEO Goldstein scale in
//! `models/events/goldstein.tsv` (Parus Analytics' CAMEO.SCALE.txt, see ATTRIBUTION.md; a
//! code not listed takes its longest listed prefix's score), and the QuadClass follows
//! the root as in GDELT.

use newsgraph_model::EventType;

/// The CAMEO root (two digits) of a PLOVER type and mode.
pub fn cameo_root(kind: EventType, mode: Option<&str>) -> &'static str {
    match (kind, mode) {
        (EventType::Agree, _) => "03",
        (EventType::Consult, _) => "04",
        (EventType::Support, _) => "05",
        (EventType::Cooperate, _) => "06",
        (EventType::Aid, _) => "07",
        (EventType::Concede | EventType::Retreat, _) => "08",
        (EventType::Accuse, Some("investigate")) => "09",
        (EventType::Request, _) => "10",
        (EventType::Accuse, _) => "11",
        (EventType::Reject, _) => "12",
        (EventType::Threaten, _) => "13",
        (EventType::Protest, _) => "14",
        (EventType::Mobilize, _) => "15",
        (EventType::Sanction, _) => "16",
        (EventType::Coerce, _) => "17",
        (EventType::Assault, Some("firearms" | "heavy-weapons")) => "19",
        (EventType::Assault, Some("massacre" | "cleansing" | "unconventional")) => "20",
        (EventType::Assault, _) => "18",
    }
}

/// The PLOVER type of a CAMEO root (CAMEO2PLOVER at root level; 02x appeals are
/// requests); `None` for 01x statements and codes outside CAMEO.
pub fn plover_of_root(code: &str) -> Option<EventType> {
    Some(match code.get(..2)? {
        "02" | "10" => EventType::Request,
        "03" => EventType::Agree,
        "04" => EventType::Consult,
        "05" => EventType::Support,
        "06" => EventType::Cooperate,
        "07" => EventType::Aid,
        "08" => EventType::Concede,
        "09" | "11" => EventType::Accuse,
        "12" => EventType::Reject,
        "13" => EventType::Threaten,
        "14" => EventType::Protest,
        "15" => EventType::Mobilize,
        "16" => EventType::Sanction,
        "17" => EventType::Coerce,
        "18" | "19" | "20" => EventType::Assault,
        _ => return None,
    })
}

/// The root of a CAMEO code from the dictionary, if it agrees with the PLOVER type's family;
/// otherwise the type's own root (a pattern mapped across families keeps PLOVER's view).
pub fn root_for(kind: EventType, mode: Option<&str>, cameo: &str) -> String {
    let own = cameo_root(kind, mode);
    match cameo.get(..2) {
        Some(root) if root.chars().all(|c| c.is_ascii_digit()) && compatible(kind, root) => root.to_string(),
        _ => own.to_string(),
    }
}

fn compatible(kind: EventType, root: &str) -> bool {
    match kind {
        EventType::Request => matches!(root, "02" | "10"),
        EventType::Accuse => matches!(root, "09" | "11"),
        EventType::Coerce => matches!(root, "16" | "17" | "19"),
        EventType::Assault => matches!(root, "17" | "18" | "19" | "20"),
        EventType::Concede | EventType::Retreat => root == "08",
        EventType::Agree => root == "03",
        _ => cameo_root(kind, None) == root,
    }
}

/// The full CAMEO code of an event: the dictionary's code when it is a CAMEO code of the
/// type's family (see [`root_for`]), else the type's root code (`"180"`).
pub fn full_code(kind: EventType, mode: Option<&str>, cameo: &str) -> String {
    let digits = (2..=4).contains(&cameo.len()) && cameo.chars().all(|c| c.is_ascii_digit());
    if digits && root_for(kind, mode, cameo) == cameo[..2] {
        return cameo.to_string();
    }
    format!("{}0", cameo_root(kind, mode))
}

/// GDELT QuadClass of a CAMEO code (its root decides): 1 verbal cooperation, 2 material cooperation,
/// 3 verbal conflict, 4 material conflict.
pub fn quad_class(code: &str) -> u8 {
    match code.get(..2).unwrap_or(code) {
        "01" | "02" | "03" | "04" | "05" => 1,
        "06" | "07" | "08" => 2,
        "09" | "10" | "11" | "12" | "13" => 3,
        _ => 4,
    }
}

const GOLDSTEIN_TABLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/events/goldstein.tsv"));

/// Goldstein score of a CAMEO code (root or full): the scale's value for the longest listed
/// prefix of the code; -10 (the scale's floor) for a code outside CAMEO.
pub fn goldstein(code: &str) -> f32 {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, f32)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut rows: Vec<(&str, f32)> = GOLDSTEIN_TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (code, score) = l.split_once('\t')?;
                Some((code, score.trim().parse().ok()?))
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        rows
    });
    (2..=code.len().min(4))
        .rev()
        .filter_map(|n| code.get(..n))
        .find_map(|prefix| table.binary_search_by(|(c, _)| c.cmp(&prefix)).ok().map(|i| table[i].1))
        .unwrap_or(-10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_consistent_row() {
        for kind in EventType::ALL {
            let root = cameo_root(kind, None);
            let quad = quad_class(root);
            let score = goldstein(root);
            assert!((1..=4).contains(&quad));
            assert_eq!(score > 0.0, quad <= 2 && root != "01", "{kind:?}");
        }
        assert_eq!(root_for(EventType::Coerce, Some("seize"), "192"), "19");
        assert_eq!(root_for(EventType::Request, None, "020"), "02");
        assert_eq!(root_for(EventType::Consult, None, "112"), "04");
    }

    #[test]
    fn full_codes_score_on_their_own() {
        // Full codes of one root differ (CAMEO Goldstein scale): 0311 vs 030, 1823 vs 180.
        assert_eq!(goldstein("030"), 4.0);
        assert_eq!(goldstein("0311"), 5.2);
        assert_eq!(goldstein("1823"), -10.0);
        assert_eq!(goldstein("182"), -9.5);
        assert_eq!(goldstein("193"), -10.0);
        assert_eq!(goldstein("1122"), -2.0);
        // Not listed: the longest listed prefix ("0314" -> "031").
        assert_eq!(goldstein("0314"), 5.2);
        assert_eq!(quad_class("1122"), 3);
        assert_eq!(quad_class("0314"), 1);
        assert_eq!(quad_class("193"), 4);
        assert_eq!(full_code(EventType::Assault, Some("firearms"), "193"), "193");
        assert_eq!(full_code(EventType::Consult, None, "112"), "040");
        assert_eq!(full_code(EventType::Agree, None, "0314"), "0314");
        assert_eq!(full_code(EventType::Assault, None, "BOMB"), "180");
    }
}
