//! The one format-neutral document model. Every renderer (PDF, HTML, Markdown, DOCX) reads
//! only this, so the content cannot drift between formats.
//!
//! It is not shaped like one card: a document is blocks in reading order, the criteria
//! table is a table block with rows, anchors are unique within the document, and each row
//! remembers which card field it came from, so renderer warnings can point back at the card
//! and many cards can share one document.

/// A whole document: metadata for file properties plus the body in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

/// What goes into file properties (PDF Info, DOCX core.xml, HTML `<meta>`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    pub authors: Vec<String>,
    /// BCP 47 tag: `ru` or `en`.
    pub lang: String,
    /// Keywords for file properties: the form and type of mentoring.
    pub keywords: Vec<String>,
    /// Seconds since the Unix epoch, from SOURCE_DATE_EPOCH; `None` keeps dates out of the
    /// output so that builds stay byte-identical.
    pub date: Option<i64>,
    /// The first page is a title page: counted, never numbered.
    pub title_page: bool,
    /// Words added to a heading's entry in the PDF outline, by its anchor: the authors of
    /// practices whose titles are alike, so the outline tells them apart.
    pub outline_details: std::collections::BTreeMap<String, String>,
    /// The word that marks a table row continued on a new page («продолжение»).
    pub continued: String,
}

/// Block-level content. Table cells hold the same blocks as the body, so a cell can carry
/// paragraphs and lists exactly as the body does.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; `anchor` is a stable ASCII id for outlines, bookmarks and HTML links.
    Heading {
        level: u8,
        content: Vec<Inline>,
        anchor: String,
    },
    Paragraph {
        content: Vec<Inline>,
        align: Align,
    },
    List(List),
    Table(Table),
    /// What follows starts a new page (each practice of a сборник).
    PageBreak,
    /// A book's title page, a page of its own.
    TitlePage(TitlePage),
    /// Contents or an index: entries pointing at anchors, with the pages they are on once
    /// the document is paginated.
    Contents(Contents),
}

/// The title page of a сборник: organisation at the top, title and subtitle in the middle,
/// who compiled it below, place and year at the foot.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TitlePage {
    pub top: Vec<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub credits: Vec<String>,
    pub bottom: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentsKind {
    /// «Содержание»: a practice (or a section) per entry, one page each.
    Contents,
    /// «Указатель авторов»: a name per entry, every page it is on.
    Authors,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contents {
    pub kind: ContentsKind,
    pub title: String,
    /// The heading's anchor, for the outline and links.
    pub anchor: String,
    pub entries: Vec<ContentsEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContentsEntry {
    /// 1 for a section, 2 for a practice under it (1 when there are no sections).
    pub level: u8,
    /// A section's entry (set apart, in bold), not a practice's.
    pub section: bool,
    pub title: String,
    /// Authors under a practice's title; empty for sections and index entries.
    pub detail: String,
    /// Where the entry points; an index entry may point at several places.
    pub anchors: Vec<String>,
    /// The printed page numbers of `anchors`, once known (filled in after pagination).
    pub pages: Vec<usize>,
    /// What each of `anchors` is called where no page numbers are (HTML, Markdown): an
    /// index entry's practice titles; empty for a contents entry, whose title is its link.
    pub labels: Vec<String>,
}

/// The card field a piece of the document came from: which card of the document (0 for a
/// single card) and which criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRef {
    pub part: usize,
    pub key: &'static str,
}

/// How a paragraph sits on the line. Body text is justified with a first-line indent;
/// the title block is centred, the author line is set flush right as Russian articles do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Body,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub kind: ListKind,
    /// Each item is a sequence of blocks (a paragraph, possibly followed by a nested list).
    pub items: Vec<Vec<Block>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Bullet,
    /// Numbered from `start`; every numbered list restarts at its own start.
    Numbered {
        start: u32,
    },
}

/// Inline content. Typography (quotes, dashes, non-breaking spaces) has already been applied
/// to `Text`; `Code` and link targets are left exactly as written.
///
/// Two strengths of binding: a U+00A0 inside `Text` is a line break that would be an error
/// (`№ 5`, `А. С. Пушкин`, `208 с.`, before a dash); [`Inline::WeakTie`] is a space only
/// nicer not to break (after a short word, before a particle).
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    /// A space better not broken: PDF, HTML and Markdown write a non-breaking space; DOCX an
    /// ordinary one unless the profile binds short words, because Word and LibreOffice do not
    /// stretch U+00A0 in justified text and many of them make a line look glued.
    WeakTie,
    Strong(Vec<Inline>),
    Emph(Vec<Inline>),
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// Verbatim text that typography must not touch (URLs, DOI, ISBN written inline).
    Code(String),
}

/// A table of rows «number | label | content»: the criteria table «№ | Критерии | Содержание».
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column headings, localised.
    pub header: [String; 3],
    pub rows: Vec<Row>,
    /// The outline level of the rows: one below the heading they stand under.
    pub outline_level: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// `Some("1.")` for numbered criteria; `None` for the unnumbered special-needs row.
    pub number: Option<String>,
    pub label: String,
    pub content: Vec<Block>,
    /// A stable ASCII id, unique in the document, for HTML links.
    pub anchor: String,
    /// The card field the row shows, for warnings and contest limits.
    pub source: Option<FieldRef>,
}

/// Hands out anchors unique within one document: a repeated base gets `-2`, `-3`…; the
/// cards of a сборник each get a prefix of their own (`p3-`), so they can be composed apart.
#[derive(Debug, Default)]
pub struct Anchors {
    used: std::collections::HashSet<String>,
    prefix: String,
}

impl Anchors {
    pub fn with_prefix(prefix: &str) -> Anchors {
        Anchors {
            prefix: prefix.to_string(),
            ..Anchors::default()
        }
    }

    pub fn unique(&mut self, base: &str) -> String {
        let base = format!("{}{base}", self.prefix);
        let base = base.as_str();
        let mut candidate = base.to_string();
        let mut n = 1;
        while !self.used.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        candidate
    }
}

impl Inline {
    /// The plain text of a run of inlines, for word counts, outlines and tests.
    pub fn plain(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            inline.push_plain(&mut out);
        }
        out
    }

    fn push_plain(&self, out: &mut String) {
        match self {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::WeakTie => out.push('\u{a0}'),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                for i in c {
                    i.push_plain(out);
                }
            }
        }
    }
}

impl Block {
    /// Plain text of a block, paragraphs separated by newlines.
    pub fn plain(blocks: &[Block]) -> String {
        let mut out = String::new();
        for b in blocks {
            b.push_plain(&mut out);
        }
        out
    }

    fn push_plain(&self, out: &mut String) {
        match self {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                out.push_str(&Inline::plain(content));
                out.push('\n');
            }
            Block::List(list) => {
                for (i, item) in list.items.iter().enumerate() {
                    if let ListKind::Numbered { start } = list.kind {
                        out.push_str(&format!("{}. ", start as usize + i));
                    }
                    for b in item {
                        b.push_plain(out);
                    }
                }
            }
            Block::PageBreak => {}
            Block::TitlePage(t) => {
                let lines = t.top.iter().chain([&t.title]).chain(&t.subtitle);
                for line in lines.chain(&t.credits).chain(&t.bottom) {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Block::Contents(c) => {
                out.push_str(&c.title);
                out.push('\n');
                for e in &c.entries {
                    out.push_str(&e.title);
                    out.push('\n');
                    if !e.detail.is_empty() {
                        out.push_str(&e.detail);
                        out.push('\n');
                    }
                }
            }
            Block::Table(t) => {
                out.push_str(&t.header.join(" "));
                out.push('\n');
                for row in &t.rows {
                    if let Some(n) = &row.number {
                        out.push_str(n);
                        out.push(' ');
                    }
                    out.push_str(&row.label);
                    out.push('\n');
                    for b in &row.content {
                        b.push_plain(out);
                    }
                }
            }
        }
    }
}

impl Document {
    /// The whole document as plain text in reading order.
    pub fn plain_text(&self) -> String {
        Block::plain(&self.blocks)
    }

    /// Writes the printed page number of every anchor into the contents and indexes.
    pub fn fill_pages(&mut self, page_of: &std::collections::BTreeMap<String, usize>) {
        for block in &mut self.blocks {
            if let Block::Contents(c) = block {
                for e in &mut c.entries {
                    e.pages = e
                        .anchors
                        .iter()
                        .filter_map(|a| page_of.get(a).copied())
                        .collect();
                    e.pages.dedup();
                }
            }
        }
    }

    /// Whether any contents or index waits for page numbers.
    pub fn has_contents(&self) -> bool {
        self.blocks.iter().any(|b| matches!(b, Block::Contents(_)))
    }
}
