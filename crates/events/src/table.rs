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
//! When the trigger came with its own CAMEO code (the verb dictionary), that code's
//! root is kept; the Goldstein score is the CAMEO root's (the Goldstein scale as GDELT
//! applies it to root codes), and the QuadClass follows the root as in GDELT.

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

/// GDELT QuadClass of a CAMEO root: 1 verbal cooperation, 2 material cooperation,
/// 3 verbal conflict, 4 material conflict.
pub fn quad_class(root: &str) -> u8 {
    match root {
        "01" | "02" | "03" | "04" | "05" => 1,
        "06" | "07" | "08" => 2,
        "09" | "10" | "11" | "12" | "13" => 3,
        _ => 4,
    }
}

/// Goldstein score of a CAMEO root (the root-level values of the Goldstein scale).
pub fn goldstein(root: &str) -> f32 {
    match root {
        "01" => 0.0,
        "02" => 3.0,
        "03" => 4.0,
        "04" => 1.0,
        "05" => 3.5,
        "06" => 6.0,
        "07" => 7.0,
        "08" => 5.0,
        "09" => -2.0,
        "10" => -5.0,
        "11" => -2.0,
        "12" => -4.0,
        "13" => -6.0,
        "14" => -6.5,
        "15" => -7.2,
        "16" => -4.0,
        "17" => -7.0,
        "18" => -9.0,
        _ => -10.0,
    }
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
}
