//! The document as every reader hands it on: paragraphs and tables in reading order, each
//! paragraph with its inline formatting, its list membership and how it sits on the page.
//! Whatever the format (Word, LibreOffice, text, Markdown), the rest of the import only ever
//! sees this.

use crate::document::Inline;

/// A whole source document in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub nodes: Vec<Node>,
    /// The pictures, which the card has no place for: the report lists them.
    pub pictures: Vec<Picture>,
}

/// A picture of the document, as the report names it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Picture {
    /// The paragraph under it (or its own) that reads as a caption.
    pub caption: Option<String>,
    /// Its alternative text or name, for a picture without a caption.
    pub description: String,
    /// The text of the paragraph it followed ("" at the start).
    pub after: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
}

/// One cell as it stands in the grid: `span` columns wide; `continues_above` when it is the
/// lower part of a cell merged across rows (its text, if any, belongs to the cell above).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    pub span: usize,
    pub continues_above: bool,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            paras: Vec::new(),
            span: 1,
            continues_above: false,
        }
    }
}

impl Cell {
    pub fn text(&self) -> String {
        self.paras
            .iter()
            .map(Para::text)
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// How a paragraph sits on the page: what tells a title or a byline from body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    #[default]
    Body,
    Title,
    Heading(u8),
    Center,
    Right,
}

/// A list paragraph: Word's or LibreOffice's own numbering, or a marker typed by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// 0 for a top-level item.
    pub level: usize,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Bullet,
    Number(u32),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub content: Vec<Inline>,
    pub item: Option<Item>,
    pub style: Style,
}

impl Para {
    pub fn plain(text: &str) -> Para {
        Para {
            content: if text.is_empty() {
                Vec::new()
            } else {
                vec![Inline::Text(text.to_string())]
            },
            ..Para::default()
        }
    }

    /// A paragraph of bold text: a heading or a label kept as text.
    pub fn bold(text: &str) -> Para {
        Para {
            content: vec![Inline::Strong(vec![Inline::Text(text.to_string())])],
            ..Para::default()
        }
    }

    /// The text without formatting, white space as written.
    pub fn text(&self) -> String {
        Inline::plain(&self.content)
    }

    pub fn is_blank(&self) -> bool {
        self.text().trim().is_empty()
    }

    /// Every letter of the paragraph is bold (a title or a term typed in bold).
    pub fn all_bold(&self) -> bool {
        fn walk(inlines: &[Inline], bold: bool, seen: &mut bool) -> bool {
            inlines.iter().all(|i| match i {
                Inline::Text(t) | Inline::Code(t) => {
                    let letters = t.chars().any(char::is_alphanumeric);
                    *seen |= letters;
                    bold || !letters
                }
                Inline::Strong(c) => walk(c, true, seen),
                Inline::Emph(c) | Inline::Link { content: c, .. } => walk(c, bold, seen),
                Inline::WeakTie => true,
            })
        }
        let mut seen = false;
        walk(&self.content, false, &mut seen) && seen
    }
}

/// Removes the first `n` characters of a paragraph's text, across its styled runs.
pub fn drop_chars(content: &mut Vec<Inline>, n: usize) {
    fn walk(content: &mut Vec<Inline>, n: &mut usize) {
        while *n > 0 && !content.is_empty() {
            match &mut content[0] {
                Inline::Text(t) | Inline::Code(t) => {
                    let count = t.chars().count();
                    if count <= *n {
                        *n -= count;
                        content.remove(0);
                    } else {
                        let cut = t.char_indices().nth(*n).map_or(t.len(), |(i, _)| i);
                        t.replace_range(..cut, "");
                        *n = 0;
                    }
                }
                Inline::WeakTie => {
                    *n -= 1;
                    content.remove(0);
                }
                Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                    walk(c, n);
                    if c.is_empty() {
                        content.remove(0);
                    }
                }
            }
        }
    }
    let mut n = n;
    walk(content, &mut n);
}

/// A cell's blocks as paragraphs: a table inside a cell gives its cells' paragraphs in order.
pub fn flatten(nodes: Vec<Node>) -> Vec<Para> {
    let mut out = Vec::new();
    for n in nodes {
        match n {
            Node::Para(p) => out.push(p),
            Node::Table(t) => {
                for row in t.rows {
                    for cell in row.cells {
                        out.extend(cell.paras);
                    }
                }
            }
        }
    }
    out
}

/// A run of text with its formatting, as Word and LibreOffice store it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<String>,
}

/// Runs become inline trees: neighbours with the same formatting merge, bold wraps italic,
/// and a link holds the runs that point at it.
pub fn inlines(runs: &[Run]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        match &runs[i].link {
            Some(url) => {
                let mut j = i;
                while j < runs.len() && runs[j].link.as_ref() == Some(url) {
                    j += 1;
                }
                let content = styled(&runs[i..j]);
                if !content.is_empty() {
                    out.push(Inline::Link {
                        url: url.clone(),
                        content,
                    });
                }
                i = j;
            }
            None => {
                let mut j = i;
                while j < runs.len() && runs[j].link.is_none() {
                    j += 1;
                }
                for inline in styled(&runs[i..j]) {
                    push(&mut out, inline);
                }
                i = j;
            }
        }
    }
    out
}

fn styled(runs: &[Run]) -> Vec<Inline> {
    let mut out = Vec::new();
    for run in runs.iter().filter(|r| !r.text.is_empty()) {
        let mut node = Inline::Text(run.text.clone());
        if run.italic {
            node = Inline::Emph(vec![node]);
        }
        if run.bold {
            node = Inline::Strong(vec![node]);
        }
        push(&mut out, node);
    }
    out
}

/// Appends an inline, merging it into the last one when both have the same style.
pub fn push(out: &mut Vec<Inline>, inline: Inline) {
    match (out.last_mut(), inline) {
        (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(&b),
        (Some(Inline::Strong(a)), Inline::Strong(b)) | (Some(Inline::Emph(a)), Inline::Emph(b)) => {
            for i in b {
                push(a, i);
            }
        }
        (_, inline) => out.push(inline),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, bold: bool, italic: bool) -> Run {
        Run {
            text: text.into(),
            bold,
            italic,
            link: None,
        }
    }

    #[test]
    fn runs_merge_into_styled_inlines() {
        let got = inlines(&[
            run("Наставни", true, false),
            run("чество", true, false),
            run(" – ", false, false),
            run("это", false, true),
            run(" ", false, false),
            run("важно", true, true),
        ]);
        assert_eq!(
            got,
            vec![
                Inline::Strong(vec![Inline::Text("Наставничество".into())]),
                Inline::Text(" – ".into()),
                Inline::Emph(vec![Inline::Text("это".into())]),
                Inline::Text(" ".into()),
                Inline::Strong(vec![Inline::Emph(vec![Inline::Text("важно".into())])]),
            ]
        );
    }

    #[test]
    fn a_link_holds_its_runs() {
        let mut a = run("страни", false, false);
        a.link = Some("https://a.ru".into());
        let mut b = run("це", true, false);
        b.link = Some("https://a.ru".into());
        let got = inlines(&[run("на ", false, false), a, b]);
        assert_eq!(
            got[1],
            Inline::Link {
                url: "https://a.ru".into(),
                content: vec![
                    Inline::Text("страни".into()),
                    Inline::Strong(vec![Inline::Text("це".into())])
                ]
            }
        );
    }

    #[test]
    fn bold_title_is_all_bold() {
        let p = Para {
            content: inlines(&[run("«Шаг»", true, false), run(" ", false, false)]),
            ..Para::default()
        };
        assert!(p.all_bold());
        assert!(!Para::plain("текст").all_bold());
    }
}
