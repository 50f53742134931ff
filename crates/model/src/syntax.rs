//! Sentence syntax as the English tagger and dependency parser give it: a Penn Treebank
//! tag, a head and a ClearNLP dependency label per token (the label sets of spaCy's
//! `en_core_web_sm` 3.8). Plain data: the models that fill it live in `newsgraph-nlp`.

use std::fmt;

macro_rules! labels {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant,)* }

        impl $name {
            /// Every label, in the model's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The label as the treebank writes it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// The label of the treebank's text, `None` for an unknown one.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

labels! {
    /// A Penn Treebank part-of-speech tag (OntoNotes 5 variant, as spaCy's English tagger).
    Tag {
        Dollar = "$", CloseQuote = "''", Comma = ",", LeftBracket = "-LRB-", RightBracket = "-RRB-",
        Period = ".", Colon = ":", Add = "ADD", Afx = "AFX", Cc = "CC", Cd = "CD", Dt = "DT",
        Ex = "EX", Fw = "FW", Hyph = "HYPH", In = "IN", Jj = "JJ", Jjr = "JJR", Jjs = "JJS",
        Ls = "LS", Md = "MD", Nfp = "NFP", Nn = "NN", Nnp = "NNP", Nnps = "NNPS", Nns = "NNS",
        Pdt = "PDT", Pos = "POS", Prp = "PRP", PrpDollar = "PRP$", Rb = "RB", Rbr = "RBR",
        Rbs = "RBS", Rp = "RP", Sym = "SYM", To = "TO", Uh = "UH", Vb = "VB", Vbd = "VBD",
        Vbg = "VBG", Vbn = "VBN", Vbp = "VBP", Vbz = "VBZ", Wdt = "WDT", Wp = "WP",
        WpDollar = "WP$", Wrb = "WRB", Xx = "XX", Space = "_SP", OpenQuote = "``",
    }
}

labels! {
    /// A ClearNLP dependency label (spaCy's English parser).
    Dep {
        Root = "ROOT", Acl = "acl", Acomp = "acomp", Advcl = "advcl", Advmod = "advmod",
        Agent = "agent", Amod = "amod", Appos = "appos", Attr = "attr", Aux = "aux",
        Auxpass = "auxpass", Case = "case", Cc = "cc", Ccomp = "ccomp", Compound = "compound",
        Conj = "conj", Csubj = "csubj", Csubjpass = "csubjpass", Dative = "dative", Dep = "dep",
        Det = "det", Dobj = "dobj", Expl = "expl", Intj = "intj", Mark = "mark", Meta = "meta",
        Neg = "neg", Nmod = "nmod", Npadvmod = "npadvmod", Nsubj = "nsubj",
        Nsubjpass = "nsubjpass", Nummod = "nummod", Oprd = "oprd", Parataxis = "parataxis",
        Pcomp = "pcomp", Pobj = "pobj", Poss = "poss", Preconj = "preconj", Predet = "predet",
        Prep = "prep", Prt = "prt", Punct = "punct", Quantmod = "quantmod", Relcl = "relcl",
        Xcomp = "xcomp",
    }
}

impl Tag {
    /// Any verb form (VB, VBD, VBG, VBN, VBP, VBZ); modals are [`Tag::Md`].
    pub fn is_verb(self) -> bool {
        matches!(self, Tag::Vb | Tag::Vbd | Tag::Vbg | Tag::Vbn | Tag::Vbp | Tag::Vbz)
    }

    /// A common or proper noun, singular or plural.
    pub fn is_noun(self) -> bool {
        matches!(self, Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Nnps)
    }
}

/// One token's syntax within the sentence it was parsed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSyntax {
    pub tag: Tag,
    /// Index of the head token in the token slice that was parsed; a root is its own head.
    pub head: u32,
    pub dep: Dep,
}

/// Something that tags and parses a run of tokens: the English model in `newsgraph-nlp`,
/// or any other parser a caller plugs in (the event stage takes one).
pub trait SentenceParser: Send + Sync {
    /// The syntax of each of `tokens` (spans of `text`), parsed as one run: heads index
    /// into `tokens`, and the result has one entry per token.
    fn parse(&self, text: &str, tokens: &[crate::Token]) -> Vec<TokenSyntax>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_their_text() {
        for &tag in Tag::ALL {
            assert_eq!(Tag::parse(tag.as_str()), Some(tag));
        }
        for &dep in Dep::ALL {
            assert_eq!(Dep::parse(dep.as_str()), Some(dep));
        }
        assert_eq!(Tag::ALL.len(), 50);
        assert_eq!(Dep::ALL.len(), 45);
        assert_eq!(Dep::parse("nsubj:pass"), None);
    }
}
