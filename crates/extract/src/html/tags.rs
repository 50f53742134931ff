//! The tag table: which HTML elements the tree keeps, as what, and which it skips.
//!
//! [`classify`] maps a start tag's name to what the tree builder does with it:
//! keep it as a [`Tag`] (block, inline, heading, list, table part, media), skip
//! it with everything inside (scripts, styles, SVG, form controls), read it into
//! the page's head data (`<title>`, `<meta>`, `<link>`), or ignore it. Unknown
//! names become inline elements, or block containers when custom (`x-body`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Root,
    A,
    Abbr,
    Address,
    Article,
    Aside,
    B,
    Blockquote,
    Br,
    Caption,
    Center,
    Cite,
    Code,
    Dd,
    Details,
    Div,
    Dl,
    Dt,
    Em,
    Figcaption,
    Figure,
    Font,
    Footer,
    Form,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Header,
    Hr,
    I,
    Img,
    Input,
    Label,
    Li,
    Main,
    Mark,
    Nav,
    Ol,
    P,
    Picture,
    Pre,
    Q,
    S,
    Section,
    Small,
    Source,
    Span,
    Strong,
    Sub,
    Summary,
    Sup,
    Table,
    Tbody,
    Td,
    Tfoot,
    Th,
    Thead,
    Time,
    Tr,
    U,
    Ul,
    /// An unknown element rendered inline (`font`-like legacy tags).
    Inline,
    /// A custom element (`<x-article-body>`): treated as a block container.
    Custom,
    /// Media and controls (`video`, `audio`, `object`, `button`, ...): their text is
    /// fallback or a label, unless an unclosed tag swallowed real content.
    Media,
}

impl Tag {
    /// Elements whose text flows into the surrounding paragraph.
    pub fn is_inline(self) -> bool {
        matches!(
            self,
            Tag::A
                | Tag::Abbr
                | Tag::B
                | Tag::Br
                | Tag::Cite
                | Tag::Code
                | Tag::Em
                | Tag::Font
                | Tag::I
                | Tag::Img
                | Tag::Input
                | Tag::Label
                | Tag::Mark
                | Tag::Picture
                | Tag::Q
                | Tag::S
                | Tag::Small
                | Tag::Source
                | Tag::Span
                | Tag::Strong
                | Tag::Sub
                | Tag::Sup
                | Tag::Time
                | Tag::U
                | Tag::Inline
        )
    }

    pub fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }

    pub(super) fn is_void(self) -> bool {
        matches!(self, Tag::Br | Tag::Hr | Tag::Img | Tag::Input | Tag::Source)
    }
}

/// What a start tag means to the tree builder.
pub(super) enum Kind {
    Element(Tag),
    /// Not content; skip the element and everything inside it.
    Skip,
    /// `html`, `head`, `body`: structure the tree does not need.
    Transparent,
    Title,
    Meta,
    Link,
    Script,
    /// Void elements with nothing to keep (`wbr`, `col`, `area`, ...).
    Ignore,
    Noscript,
}

pub(super) fn classify(name: &str) -> Kind {
    let mut buf = [0u8; 12];
    if name.len() > buf.len() {
        return if name.contains('-') { Kind::Element(Tag::Custom) } else { Kind::Element(Tag::Inline) };
    }
    for (slot, b) in buf.iter_mut().zip(name.bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    let tag = match &buf[..name.len()] {
        b"a" => Tag::A,
        b"abbr" | b"acronym" | b"dfn" | b"kbd" | b"samp" | b"var" | b"tt" | b"bdi" | b"bdo" | b"nobr" | b"ins"
        | b"del" | b"strike" | b"big" => Tag::Abbr,
        b"address" => Tag::Address,
        b"article" => Tag::Article,
        b"aside" => Tag::Aside,
        b"b" => Tag::B,
        b"blockquote" => Tag::Blockquote,
        b"br" => Tag::Br,
        b"caption" => Tag::Caption,
        b"center" => Tag::Center,
        b"cite" => Tag::Cite,
        b"code" => Tag::Code,
        b"dd" => Tag::Dd,
        b"details" => Tag::Details,
        b"div" => Tag::Div,
        b"dl" => Tag::Dl,
        b"dt" => Tag::Dt,
        b"em" => Tag::Em,
        b"figcaption" => Tag::Figcaption,
        b"figure" => Tag::Figure,
        b"font" => Tag::Font,
        b"footer" => Tag::Footer,
        b"form" => Tag::Form,
        b"h1" => Tag::H1,
        b"h2" => Tag::H2,
        b"h3" => Tag::H3,
        b"h4" => Tag::H4,
        b"h5" => Tag::H5,
        b"h6" => Tag::H6,
        b"header" | b"hgroup" => Tag::Header,
        b"hr" => Tag::Hr,
        b"i" => Tag::I,
        b"img" | b"image" | b"amp-img" => Tag::Img,
        b"input" => Tag::Input,
        b"label" => Tag::Label,
        b"li" => Tag::Li,
        b"main" => Tag::Main,
        b"mark" => Tag::Mark,
        b"nav" | b"menu" => Tag::Nav,
        b"ol" => Tag::Ol,
        b"p" => Tag::P,
        b"picture" => Tag::Picture,
        b"pre" | b"listing" => Tag::Pre,
        b"q" => Tag::Q,
        b"s" => Tag::S,
        b"section" => Tag::Section,
        b"small" => Tag::Small,
        b"source" => Tag::Source,
        b"span" => Tag::Span,
        b"strong" => Tag::Strong,
        b"sub" => Tag::Sub,
        b"summary" => Tag::Summary,
        b"sup" => Tag::Sup,
        b"table" => Tag::Table,
        b"tbody" => Tag::Tbody,
        b"td" => Tag::Td,
        b"tfoot" => Tag::Tfoot,
        b"th" => Tag::Th,
        b"thead" => Tag::Thead,
        b"time" => Tag::Time,
        b"tr" => Tag::Tr,
        b"u" => Tag::U,
        b"ul" | b"dir" => Tag::Ul,
        b"html" | b"head" | b"body" => return Kind::Transparent,
        b"title" => return Kind::Title,
        b"meta" => return Kind::Meta,
        b"link" => return Kind::Link,
        b"script" => return Kind::Script,
        b"object" | b"canvas" | b"button" | b"audio" | b"video" | b"map" | b"dialog" => Tag::Media,
        b"style" | b"noscript" | b"template" | b"svg" | b"math" | b"iframe" | b"embed" | b"select" | b"textarea"
        | b"datalist" | b"xmp" | b"noembed" | b"noframes" | b"frameset" | b"plaintext" => return Kind::Skip,
        b"wbr" | b"col" | b"colgroup" | b"area" | b"base" | b"param" | b"track" | b"keygen" => return Kind::Ignore,
        other if other.contains(&b'-') => Tag::Custom,
        _ => Tag::Inline,
    };
    Kind::Element(tag)
}
