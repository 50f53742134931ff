//! Picture captions and credits standing as paragraphs in the body: "Foto: Jo Roe",
//! "Abbildung 4: ...", "... (REUTERS/Jo Roe)". The reader keeps them as image captions,
//! not as text; this module only tells them from sentences.

/// Longest paragraph (bytes) read as a picture credit.
const CREDIT_MAX_BYTES: usize = 240;

/// A short paragraph that credits or captions a picture: "Foto: Jo Roe", "Titelbild: ...",
/// "(Credit: Jo Roe / Agency)", or a sentence that ends in a "© Agency" credit.
pub(super) fn is_credit(text: &str) -> bool {
    if text.len() > CREDIT_MAX_BYTES {
        return false;
    }
    const PREFIXES: [&str; 14] = [
        "foto:",
        "fotos:",
        "photo:",
        "photos:",
        "bild:",
        "titelbild:",
        "beitragsbild:",
        "abbildung:",
        "crédits photos",
        "crédit photo",
        "image illustrative",
        "credit:",
        "(credit:",
        "(foto:",
    ];
    // Only a paragraph starting with a letter that opens a prefix is lowercased.
    let first = text.as_bytes().first().map_or(0, |b| b | 0x20);
    if matches!(first, b'f' | b'p' | b'b' | b't' | b'a' | b'c' | b'i' | b'(') {
        let head_end = text.char_indices().nth(24).map_or(text.len(), |(i, _)| i);
        let head = text[..head_end].to_lowercase();
        if PREFIXES.iter().any(|p| head.starts_with(p)) {
            return true;
        }
    }
    // "... in Wengen. © AFP / Jo Roe": a credit after the caption, not a footer line.
    if !text.starts_with('©')
        && text.rsplit_once('©').is_some_and(|(_, credit)| credit.len() < 60 && !credit.contains(". "))
    {
        return true;
    }
    numbered_figure(text) || ends_with_credit(text)
}

/// "Abbildung 4: ...", "Abb. 2: ...", "Figure 3: ...", "Fig. 1 ...": a numbered figure's caption.
fn numbered_figure(text: &str) -> bool {
    // Most paragraphs start with none of the labels' letters: they stop at the first byte.
    if !matches!(text.as_bytes().first().map_or(0, |b| b | 0x20), b'a' | b'f' | b'g' | b't') {
        return false;
    }
    let Some(first) = text.split_whitespace().next() else { return false };
    let label = first.trim_end_matches('.');
    if !["abbildung", "abb", "figure", "fig", "grafik", "tabelle"].iter().any(|l| label.eq_ignore_ascii_case(l)) {
        return false;
    }
    let rest = text[first.len()..].trim_start();
    let number: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    !number.is_empty() && rest[number.len()..].starts_with([':', '.', ' '])
}

/// A caption closing with its picture's credit: "... el lunes (REUTERS/Jo Roe)",
/// "... en marzo. Foto: Agencia Ejemplo", "(Quelle: Foto Jo Roe)".
fn ends_with_credit(text: &str) -> bool {
    let text = text.trim_end();
    // A parenthesised agency credit: "(REUTERS/Jo Roe)", "(AP Photo/Jo Roe)", "(Quelle: Jo Roe)".
    if let Some(inner) = text.strip_suffix(')').and_then(|t| t.rsplit_once('(')).map(|(_, c)| c) {
        if inner.len() < 60 && !inner.contains(". ") {
            let lower = inner.to_lowercase();
            let labelled = ["foto", "photo", "bild", "quelle:", "credit", "source:", "imagen:"]
                .iter()
                .any(|p| lower.starts_with(p));
            let agency = inner.split_once('/').is_some_and(|(head, _)| {
                let word = head.split_whitespace().next().unwrap_or("");
                word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
            });
            if labelled || agency {
                return true;
            }
        }
    }
    // ". Foto: Jo Roe" after a caption sentence: one byte search for the last colon, then
    // its label (a credit's own text has no colon).
    let Some(colon) = text.rfind(':') else { return false };
    let Some(credit) = text[colon + 1..].strip_prefix(' ') else { return false };
    let before = &text[..colon];
    let (sentence, label) = before.rsplit_once(' ').unwrap_or(("", before));
    matches!(label, "Foto" | "Fotos" | "Photo" | "Bild")
        && sentence.trim_end().ends_with(['.', '!', '?'])
        && credit.len() < 50
        && !credit.contains(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picture_credits_are_told_from_sentences() {
        assert!(is_credit("Foto: Jo Roe"));
        assert!(is_credit("(Credit: Ann Lee / Example News)"));
        assert!(is_credit("Die Läuferin im Ziel von Bern. © AFP / JO ROE"));
        assert!(!is_credit("© 2019 Associated Press. All rights reserved."));
        assert!(!is_credit("The photographer said the picture was taken on Tuesday, before the storm."));
        assert!(is_credit("Abbildung 4: Der Damm im Herbst. Die Steine sind größer."));
        assert!(is_credit("La alcaldesa en el puerto, el lunes (REUTERS/Jo Roe)"));
        assert!(is_credit("(Quelle: Foto Ann Lee)"));
        assert!(is_credit("Los alumnos vuelven a clase en marzo. Foto: Agencia Ejemplo"));
        assert!(!is_credit("Abbildungen zeigen, wie die Körner wachsen."));
        assert!(!is_credit("The agency said it would respond (via its lawyers) next week."));
        assert!(!is_credit("The law was passed by the Senate (S/2019) last year."));
    }
}
