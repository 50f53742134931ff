use super::*;

const SMALL: &str = "\
&TIETYPES
+MILITARY
+ECONOMIC

--- RESTORE  [---]  ---
RESTORE
- * TIES  [050]
- * DIPLOMATIC TIES [064]
- * &TIETYPES TIES [062]

--- BREAK  [1717]  ---
BREAK {BROKE BROKEN}
BREAK_DOWN [161]
- * (WITH LIBYA) [170]

--- ATTACK  [190]  ---
ATTACK
- $ BOMBERS * [195]
";

fn words(text: &str) -> Vec<&str> {
    text.split(' ').collect()
}

fn code(d: &Dictionary, text: &str, at: usize) -> Option<String> {
    let w = words(text);
    d.lookup_words(&w, at, 0, w.len()).map(|m| m.code)
}

#[test]
fn most_specific_pattern_wins() {
    let d = Dictionary::from_petrarch(SMALL);
    assert_eq!(code(&d, "arnor restores ties with gondor", 1).as_deref(), Some("050"));
    assert_eq!(code(&d, "arnor restored full diplomatic ties with gondor", 1).as_deref(), Some("064"));
    // A synonym set is one slot.
    assert_eq!(code(&d, "arnor restored economic ties", 1).as_deref(), Some("062"));
    // A pattern word before the verb.
    assert_eq!(code(&d, "bombers attacked the town", 1).as_deref(), Some("195"));
}

#[test]
fn default_code_and_verbs_without_one() {
    let d = Dictionary::from_petrarch(SMALL);
    // No pattern: the block's default; an irregular form listed in braces.
    assert_eq!(code(&d, "rebels attacked the town", 1).as_deref(), Some("190"));
    assert_eq!(code(&d, "ethiopia broke relations", 1).as_deref(), Some("1717"));
    // A block coded [---] codes nothing without a pattern.
    assert_eq!(code(&d, "arnor restored order", 1), None);
    // The longer form wins with its own code; its patterns are the block's.
    let w = words("ethiopia breaks down talks");
    assert_eq!(d.lookup_words(&w, 1, 0, w.len()), Some(Match { code: "161".into(), end: 3, specificity: 0 }));
    assert_eq!(code(&d, "ethiopia broke with libya", 1).as_deref(), Some("170"));
    // Patterns stay inside the clause bounds given.
    let w = words("arnor restored . ties");
    assert_eq!(d.lookup_words(&w, 1, 0, 2), None);
}

#[test]
fn product_dictionary_codes_full_codes() {
    let d = Dictionary::load().unwrap();
    assert!(d.knows("attacked") && d.knows("welcomed"));
    let c = |text: &str, at: usize| code(&d, text, at).unwrap_or_default();
    assert_eq!(c("police arrested the opposition leader", 1), "173");
    assert_eq!(c("the army shelled the city", 2), "190");
    assert_eq!(c("arnor restored diplomatic ties with gondor", 1), "050");
    assert_eq!(c("russia welcomed the decision", 1).get(..2), Some("05"));
}
