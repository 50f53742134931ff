//! Words that qualify, introduce and classify counts.

use newsgraph_model::{CountKind, CountQualifier};

/// Qualifier phrases before a number, longest first within each word.
pub(crate) const QUALIFIERS: &[(&[&str], CountQualifier)] = &[
    (&["more", "than"], CountQualifier::AtLeast),
    (&["at", "least"], CountQualifier::AtLeast),
    (&["no", "fewer", "than"], CountQualifier::AtLeast),
    (&["no", "less", "than"], CountQualifier::AtLeast),
    (&["upwards", "of"], CountQualifier::AtLeast),
    (&["in", "excess", "of"], CountQualifier::AtLeast),
    (&["over"], CountQualifier::AtLeast),
    (&["nearly"], CountQualifier::AtMost),
    (&["almost"], CountQualifier::AtMost),
    (&["up", "to"], CountQualifier::AtMost),
    (&["at", "most"], CountQualifier::AtMost),
    (&["fewer", "than"], CountQualifier::AtMost),
    (&["less", "than"], CountQualifier::AtMost),
    (&["no", "more", "than"], CountQualifier::AtMost),
    (&["as", "many", "as"], CountQualifier::AtMost),
    (&["under"], CountQualifier::AtMost),
    (&["close", "to"], CountQualifier::AtMost),
    (&["some"], CountQualifier::About),
    (&["about"], CountQualifier::About),
    (&["around"], CountQualifier::About),
    (&["roughly"], CountQualifier::About),
    (&["approximately"], CountQualifier::About),
    (&["an", "estimated"], CountQualifier::About),
    (&["estimated"], CountQualifier::About),
    (&["approx"], CountQualifier::About),
];

/// Vague amounts ("dozens of", "tens of thousands of") and a representative value for each.
pub(crate) const VAGUE: &[(&[&str], f64)] = &[
    (&["tens", "of", "thousands"], 20_000.0),
    (&["hundreds", "of", "thousands"], 200_000.0),
    (&["tens", "of", "millions"], 20_000_000.0),
    (&["hundreds", "of", "millions"], 200_000_000.0),
    (&["dozens"], 24.0),
    (&["scores"], 40.0),
    (&["hundreds"], 200.0),
    (&["thousands"], 2_000.0),
    (&["millions"], 2_000_000.0),
    (&["billions"], 2_000_000_000.0),
];

/// The first words of [`QUALIFIERS`], matched without walking the table.
pub(crate) fn is_qualifier_start(w: &str) -> bool {
    matches!(
        w,
        "more"
            | "at"
            | "no"
            | "upwards"
            | "in"
            | "over"
            | "nearly"
            | "almost"
            | "up"
            | "fewer"
            | "less"
            | "as"
            | "under"
            | "close"
            | "some"
            | "about"
            | "around"
            | "roughly"
            | "approximately"
            | "an"
            | "estimated"
            | "approx"
    )
}

/// The first words of [`VAGUE`].
pub(crate) fn is_vague_start(w: &str) -> bool {
    matches!(w, "tens" | "hundreds" | "dozens" | "scores" | "thousands" | "millions" | "billions")
}

/// Fractions written as words ("a third", "two-thirds").
pub(crate) fn fraction(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" => 4.0,
        "fifth" | "fifths" => 5.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

/// Currency words and signs: a number next to one is money, not a count.
pub(crate) fn is_money(w: &str) -> bool {
    matches!(
        w,
        "$" | "\u{20ac}"
            | "\u{a3}"
            | "\u{a5}"
            | "dollars"
            | "dollar"
            | "dlrs"
            | "euros"
            | "euro"
            | "pounds"
            | "yen"
            | "rubles"
            | "roubles"
            | "yuan"
            | "francs"
            | "cents"
            | "pence"
            | "usd"
            | "eur"
            | "gbp"
            | "rupees"
            | "hryvnias"
    )
}

/// Words that end a counted noun phrase: function words, auxiliaries, common verbs.
pub(crate) fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "of" | "from"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "near"
            | "into"
            | "across"
            | "since"
            | "during"
            | "after"
            | "before"
            | "over"
            | "under"
            | "than"
            | "as"
            | "per"
            | "and"
            | "or"
            | "but"
            | "who"
            | "which"
            | "that"
            | "while"
            | "because"
            | "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "are"
            | "were"
            | "is"
            | "was"
            | "have"
            | "has"
            | "had"
            | "be"
            | "been"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "said"
            | "say"
            | "says"
            | "remain"
            | "remained"
            | "more"
            | "less"
            | "each"
            | "a.m."
            | "p.m."
            | "percent"
            | "times"
            | "if"
            | "when"
            | "where"
            | "this"
            | "these"
            | "those"
            | "still"
            | "also"
            | "not"
            | "out"
            | "up"
            | "down"
            | "off"
            | "about"
            | "around"
            | "between"
            | "against"
            | "among"
            | "through"
            | "per-cent"
            | "other"
            | "others"
            | "them"
            | "there"
            | "here"
            | "so"
            | "too"
            | "apiece"
            | "now"
            | "then"
            | "ago"
            | "yet"
            | "only"
            | "just"
            | "us"
            | "you"
            | "we"
            | "they"
            | "it"
    )
}

/// The kind a counted noun gives by itself ("troops", "refugees", "dead").
pub(crate) fn kind_of_object(w: &str) -> Option<CountKind> {
    Some(match w {
        "dead" | "deaths" | "fatalities" | "bodies" | "corpses" | "victims" => CountKind::Kill,
        "wounded" | "injured" | "injuries" => CountKind::Wound,
        "detainees" | "prisoners" | "arrests" | "detentions" => CountKind::Arrest,
        "hostages" | "abductees" | "captives" => CountKind::Kidnap,
        "refugees" | "evacuees" | "displaced" | "homeless" => CountKind::Displaced,
        "protesters" | "protestors" | "demonstrators" | "marchers" | "strikers" | "rioters" => CountKind::Protest,
        "troops" | "soldiers" | "forces" | "servicemen" | "servicemembers" | "marines" | "sailors" | "paratroopers"
        | "reservists" | "conscripts" => CountKind::Military,
        _ => return None,
    })
}

/// The kind a verb or noun near a count gives ("were killed", "killing 12", "claimed ... lives").
pub(crate) fn kind_of_cue(w: &str) -> Option<CountKind> {
    Some(match w {
        "killed" | "kill" | "killing" | "kills" | "died" | "dead" | "deaths" | "slain" | "massacred" | "executed"
        | "perished" | "murdered" => CountKind::Kill,
        "wounded" | "injured" | "injuring" | "wounding" | "hurt" => CountKind::Wound,
        "arrested" | "detained" | "arresting" | "detaining" | "jailed" | "imprisoned" => CountKind::Arrest,
        "kidnapped" | "abducted" | "kidnapping" | "abducting" => CountKind::Kidnap,
        "displaced" | "evacuated" | "fled" | "fleeing" | "uprooted" => CountKind::Displaced,
        "protested" | "protesting" | "demonstrated" | "rallied" | "marched" => CountKind::Protest,
        _ => return None,
    })
}

/// Verbs that make "lives" a death toll ("has claimed more than 14,000 lives").
pub(crate) fn takes_lives(w: &str) -> bool {
    matches!(w, "claimed" | "claiming" | "claims" | "claim" | "lost" | "cost" | "costing" | "took" | "taken" | "taking")
}
