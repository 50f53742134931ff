//! Writing systems, coarsely: enough to tell a page's own script from injected keywords.

/// Writing systems, coarsely: enough to tell a page's own script from injected keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Cjk,
    Thai,
    Indic,
    Other,
}

impl Script {
    pub(super) fn of(c: char) -> Option<Script> {
        // Most text is ASCII: skip the Unicode tables for it.
        if c.is_ascii() {
            return c.is_ascii_alphabetic().then_some(Script::Latin);
        }
        if !c.is_alphabetic() {
            return None;
        }
        Some(match c as u32 {
            0x0000..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
            0x0400..=0x052F => Script::Cyrillic,
            0x0590..=0x05FF => Script::Hebrew,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFEFF => Script::Arabic,
            0x0900..=0x0DFF => Script::Indic,
            0x0E00..=0x0E7F => Script::Thai,
            0x1100..=0x11FF
            | 0x3040..=0x30FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF => Script::Cjk,
            _ => Script::Other,
        })
    }

    /// The script of most letters, if it clearly dominates (four in five letters).
    pub(super) fn dominant(text: &str) -> Option<Script> {
        let mut counts = [0usize; 9];
        for s in text.chars().filter_map(Script::of) {
            counts[s as usize] += 1;
        }
        let total: usize = counts.iter().sum();
        let (best, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
        const ALL: [Script; 9] = [
            Script::Latin,
            Script::Cyrillic,
            Script::Greek,
            Script::Arabic,
            Script::Hebrew,
            Script::Cjk,
            Script::Thai,
            Script::Indic,
            Script::Other,
        ];
        (total > 0 && n * 5 >= total * 4).then_some(ALL[best])
    }
}
