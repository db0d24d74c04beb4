//! Pandoc Markdown output, written so that `pandoc card.md -o card.docx` gives a Word file
//! whose criteria table keeps its paragraphs and lists.
//!
//! Two rules drive everything here. First, the table is a *grid table*: it is the only pandoc
//! table whose cells may hold several paragraphs and lists. Second, user text must never turn
//! into markup, so every character pandoc could read as syntax is escaped, and a word that
//! lands at the start of a line is checked again (`1.`, `-`, `a)` there would start a list).
//!
//! A table line is as long as its longest unbreakable run, so no run in a cell is longer than
//! [`LONGEST_UNBROKEN`]: a longer word is broken by an HTML comment across the line end
//! (`abc<!--` / `-->def`), which pandoc reads as nothing between two halves of one word and
//! no format prints; a longer link target moves to a reference definition after the table;
//! longer verbatim text is written as text. The file stays proportional to the card.
//!
//! Paragraphs with `Align::Center` / `Align::Right` become fenced divs with
//! `custom-style="Center"` / `"Right"`: pandoc turns them into Word paragraph styles of those
//! names, so alignment survives whenever the reference document (`--reference-doc`) defines
//! them, and without one the paragraphs simply fall back to the normal style. Plain paragraphs
//! would lose the intent for good.

use std::cell::RefCell;

use unicode_width::UnicodeWidthChar;

use super::common::{RenderOptions, Rendered, Warning};
use super::markup::{allowed_char, safe_link_target};
use crate::date::Date;
use crate::document::{Align, Block, Document, FieldRef, Inline, List, ListKind, Meta, Table};
use crate::message::{Failure, LinkFormat};

/// Content widths (in characters) of the table's three columns. With one space of padding on
/// each side and the four `+` the border line is 100 characters: 6 % / 24 % / 70 %, the
/// proportions pandoc passes on to Word.
const COLUMN_WIDTHS: [usize; 3] = [4, 22, 66];

/// A column widens to fit a word up to this many characters (a long URL stays whole); a
/// longer word is broken. Link targets and verbatim runs longer than half of it take another
/// form (see the module comment), so that glued to their neighbours they still fit.
const LONGEST_UNBROKEN: usize = 200;

/// Renders the whole document as pandoc Markdown (UTF-8, ending with a newline).
pub fn render(doc: &Document, _options: &RenderOptions) -> Result<Rendered, Failure> {
    let (text, notes) = write(doc);
    Ok(Rendered {
        bytes: text.into_bytes(),
        warnings: notes.warnings,
    })
}

/// The Markdown text itself; `render` only wraps it into bytes, with the warnings.
pub fn to_markdown(doc: &Document) -> String {
    write(doc).0
}

fn write(doc: &Document) -> (String, Notes) {
    let mut lines = yaml_header(&doc.meta);
    let notes = RefCell::new(Notes::default());
    let body = render_blocks(&doc.blocks, Ctx::top(&notes));
    if !lines.is_empty() && !body.is_empty() {
        lines.push(String::new());
    }
    lines.extend(body);
    let mut out = lines.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    (out, notes.into_inner())
}

// ---------------------------------------------------------------------------------------------
// Metadata

/// Only metadata pandoc never prints. The body already shows the title (its heading) and
/// the authors (their line), as every other format does; `title`, `author` and `date` would
/// make pandoc print them again above it as a title block, in Word and in `pandoc -s` HTML.
/// `pagetitle`, `author-meta` and `date-meta` still fill HTML's `<head>`; Word's document
/// properties get no title or author, since pandoc sets those only with the title block.
fn yaml_header(meta: &Meta) -> Vec<String> {
    let mut lines = Vec::new();
    if !meta.title.trim().is_empty() {
        lines.push(format!("pagetitle: {}", yaml_value(&meta.title)));
    }
    push_yaml_list(&mut lines, "author-meta", &meta.authors);
    if !meta.lang.trim().is_empty() {
        lines.push(format!("lang: {}", yaml_value(&meta.lang)));
    }
    push_yaml_list(&mut lines, "keywords", &meta.keywords);
    if let Some(secs) = meta.date {
        let d = Date::from_unix(secs);
        lines.push(format!(
            "date-meta: \"{:04}-{:02}-{:02}\"",
            d.year, d.month, d.day
        ));
    }
    if lines.is_empty() {
        return lines;
    }
    lines.insert(0, "---".to_string());
    lines.push("---".to_string());
    lines
}

fn push_yaml_list(lines: &mut Vec<String>, key: &str, values: &[String]) {
    let values: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    if values.is_empty() {
        return;
    }
    lines.push(format!("{key}:"));
    for v in values {
        lines.push(format!("- {}", yaml_value(v)));
    }
}

/// Pandoc reads metadata strings as Markdown, so a value is Markdown-escaped first and then
/// written as a double-quoted YAML scalar, which can hold any character through escapes.
fn yaml_value(text: &str) -> String {
    let mut words = Words::default();
    push_plain_text(&mut words, text);
    let md = wrap(&words.finish(), None, usize::MAX).join(" ");
    let mut out = String::with_capacity(md.len() + 2);
    out.push('"');
    for c in md.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\u{feff}' => out.push_str("\\uFEFF"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// Blocks

/// What writing the document collects besides its lines.
#[derive(Debug, Default)]
struct Notes {
    /// Link targets too long for a table line, written as `[link-N]: <…>` after the table;
    /// `N` is the position here plus one.
    references: Vec<String>,
    /// Links refused by the shared policy (`markup::safe_link_target`), written as text.
    warnings: Vec<Warning>,
    /// The card field being written, for warnings.
    source: Option<FieldRef>,
}

/// Where blocks are being written: at the top of the document, or inside a list item or a
/// table cell, with an optional wrap width (only table cells need wrapping) and the longest
/// word a line may hold there.
#[derive(Debug, Clone, Copy)]
struct Ctx<'a> {
    width: Option<usize>,
    longest: usize,
    top: bool,
    notes: &'a RefCell<Notes>,
}

impl<'a> Ctx<'a> {
    fn top(notes: &'a RefCell<Notes>) -> Ctx<'a> {
        Ctx {
            width: None,
            longest: usize::MAX,
            top: true,
            notes,
        }
    }

    /// A table cell `width` characters wide.
    fn cell(width: usize, notes: &'a RefCell<Notes>) -> Ctx<'a> {
        Ctx {
            width: Some(width),
            longest: LONGEST_UNBROKEN,
            top: false,
            notes,
        }
    }

    fn inner(self, indent: usize) -> Ctx<'a> {
        Ctx {
            width: self.width.map(|w| w.saturating_sub(indent).max(1)),
            longest: self.longest.saturating_sub(indent).max(1),
            top: false,
            ..self
        }
    }

    /// Whether lines are wrapped here, so that a long run needs a breakable form.
    fn wrapped(self) -> bool {
        self.width.is_some()
    }
}

fn render_blocks(blocks: &[Block], ctx: Ctx) -> Vec<String> {
    render_blocks_with(blocks, ctx, false)
}

/// `tight`: inside a tight list item a nested list follows its paragraph without a blank line
/// (a blank line would make pandoc's list loose and add paragraph spacing in Word).
fn render_blocks_with(blocks: &[Block], ctx: Ctx, tight: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut prev: Option<&Block> = None;
    for block in blocks {
        let rendered = render_block(block, ctx);
        if rendered.is_empty() {
            continue;
        }
        if let Some(p) = prev {
            let same_kind_lists = matches!((p, block), (Block::List(a), Block::List(b))
                if std::mem::discriminant(&a.kind) == std::mem::discriminant(&b.kind));
            if same_kind_lists {
                // Two lists of one kind in a row would merge into one; an empty HTML comment
                // keeps them apart and never reaches Word.
                lines.extend([String::new(), "<!-- -->".to_string(), String::new()]);
            } else if !(tight && matches!(block, Block::List(_))) {
                lines.push(String::new());
            }
        }
        lines.extend(rendered);
        prev = Some(block);
    }
    lines
}

fn render_block(block: &Block, ctx: Ctx) -> Vec<String> {
    match block {
        Block::Heading {
            level,
            content,
            anchor,
        } => {
            if !ctx.top {
                // A heading cannot live in a cell or an item; bold keeps it recognisable.
                return paragraph(&[Inline::Strong(content.clone())], ctx);
            }
            let hashes = "#".repeat(usize::from((*level).clamp(1, 6)));
            let text = wrap(&inline_words(content, ctx), None, usize::MAX).join(" ");
            let anchor: String = anchor
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
                .collect();
            let mut line = hashes;
            if !text.is_empty() {
                line.push(' ');
                line.push_str(&text);
            }
            if !anchor.is_empty() {
                line.push_str(&format!(" {{#{anchor}}}"));
            }
            vec![line]
        }
        Block::Paragraph { content, align } => {
            let lines = paragraph(content, ctx);
            let style = match align {
                Align::Body => None,
                Align::Center => Some("Center"),
                Align::Right => Some("Right"),
            };
            match style {
                Some(style) if ctx.top && !lines.is_empty() => {
                    let mut out = vec![format!("::: {{custom-style=\"{style}\"}}")];
                    out.extend(lines);
                    out.push(":::".to_string());
                    out
                }
                _ => lines,
            }
        }
        Block::List(list) => render_list(list, ctx),
        // pandoc passes a raw OOXML block on to Word; other writers drop it.
        Block::PageBreak if ctx.top => vec![
            "```{=openxml}".to_string(),
            "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>".to_string(),
            "```".to_string(),
        ],
        Block::PageBreak => Vec::new(),
        Block::TitlePage(t) => {
            let centred = |content: Vec<Inline>| Block::Paragraph {
                content,
                align: Align::Center,
            };
            let text = |s: &String| vec![Inline::Text(s.clone())];
            let mut blocks: Vec<Block> = t.top.iter().map(|l| centred(text(l))).collect();
            blocks.push(centred(vec![Inline::Strong(text(&t.title))]));
            blocks.extend(t.subtitle.iter().map(|l| centred(text(l))));
            blocks.extend(t.credits.iter().map(|l| centred(text(l))));
            blocks.extend(t.bottom.iter().map(|l| centred(text(l))));
            blocks.push(Block::PageBreak);
            render_blocks(&blocks, ctx)
        }
        Block::Contents(c) => {
            let items = c
                .entries
                .iter()
                .map(|e| {
                    let mut content = Vec::new();
                    let link = |anchor: &String, label: &String| Inline::Link {
                        url: format!("#{anchor}"),
                        content: vec![Inline::Text(label.clone())],
                    };
                    if e.labels.is_empty() {
                        content.extend(e.anchors.first().map(|a| link(a, &e.title)));
                    } else {
                        // an index entry: the name, then each of its practices by title
                        content.push(Inline::Text(e.title.clone()));
                        for (i, (anchor, label)) in e.anchors.iter().zip(&e.labels).enumerate() {
                            content.push(Inline::Text(if i == 0 { " — " } else { "; " }.into()));
                            content.push(link(anchor, label));
                        }
                    }
                    if !e.detail.is_empty() {
                        content.push(Inline::Text(" — ".into()));
                        content.push(Inline::Emph(vec![Inline::Text(e.detail.clone())]));
                    }
                    vec![Block::Paragraph {
                        content,
                        align: Align::Body,
                    }]
                })
                .collect();
            let blocks = [
                // the level of the book's other parts («Предисловие», the practices)
                Block::Heading {
                    level: 1,
                    content: vec![Inline::Text(c.title.clone())],
                    anchor: c.anchor.clone(),
                },
                Block::List(List {
                    kind: ListKind::Bullet,
                    items,
                }),
            ];
            render_blocks(&blocks, ctx)
        }
        Block::Table(table) if ctx.top => grid_table(table, ctx.notes),
        Block::Table(table) => {
            // A table inside a cell is not something layout produces; flatten it readably.
            let mut blocks = Vec::new();
            for row in &table.rows {
                let label = match &row.number {
                    Some(n) => format!("{n} {}", row.label),
                    None => row.label.clone(),
                };
                blocks.push(Block::Paragraph {
                    content: vec![Inline::Strong(vec![Inline::Text(label)])],
                    align: Align::Body,
                });
                blocks.extend(row.content.iter().cloned());
            }
            render_blocks(&blocks, ctx)
        }
    }
}

fn paragraph(content: &[Inline], ctx: Ctx) -> Vec<String> {
    wrap(&inline_words(content, ctx), ctx.width, ctx.longest)
}

fn render_list(list: &List, ctx: Ctx) -> Vec<String> {
    // Tight (no blank lines) unless an item holds a second paragraph, which needs one.
    let tight = list.items.iter().all(|item| {
        item.iter()
            .enumerate()
            .all(|(i, b)| i == 0 || matches!(b, Block::List(_)))
            && !item
                .windows(2)
                .any(|w| matches!((&w[0], &w[1]), (Block::List(_), Block::List(_))))
    });
    let mut lines = Vec::new();
    for (i, item) in list.items.iter().enumerate() {
        let marker = match list.kind {
            ListKind::Bullet => "- ".to_string(),
            ListKind::Numbered { start } => format!("{}. ", u64::from(start) + i as u64),
        };
        let indent = marker.chars().count();
        let content = render_blocks_with(item, ctx.inner(indent), tight);
        if i > 0 && !tight {
            lines.push(String::new());
        }
        if content.is_empty() {
            lines.push(marker.trim_end().to_string());
            continue;
        }
        for (k, line) in content.into_iter().enumerate() {
            if k == 0 {
                lines.push(format!("{marker}{line}"));
            } else if line.is_empty() {
                lines.push(line);
            } else {
                lines.push(format!("{}{line}", " ".repeat(indent)));
            }
        }
    }
    lines
}

// ---------------------------------------------------------------------------------------------
// The criteria table

fn grid_table(table: &Table, notes: &RefCell<Notes>) -> Vec<String> {
    let first_reference = notes.borrow().references.len();
    let cell = |text: &str, width: usize| -> Vec<String> {
        let mut words = Words::default();
        push_plain_text(&mut words, text);
        wrap(&words.finish(), Some(width), LONGEST_UNBROKEN)
    };
    let header: Vec<Vec<String>> = table
        .header
        .iter()
        .zip(COLUMN_WIDTHS)
        .map(|(h, w)| cell(h, w))
        .collect();
    let rows: Vec<Vec<Vec<String>>> = table
        .rows
        .iter()
        .map(|row| {
            let content_ctx = Ctx::cell(COLUMN_WIDTHS[2], notes);
            notes.borrow_mut().source = row.source;
            let content = render_blocks(&row.content, content_ctx);
            notes.borrow_mut().source = None;
            vec![
                cell(row.number.as_deref().unwrap_or(""), COLUMN_WIDTHS[0]),
                cell(&row.label, COLUMN_WIDTHS[1]),
                content,
            ]
        })
        .collect();

    // A word longer than its column (a URL) widens the column, up to LONGEST_UNBROKEN.
    let mut widths = COLUMN_WIDTHS;
    for cells in std::iter::once(&header).chain(rows.iter()) {
        for (w, lines) in widths.iter_mut().zip(cells) {
            for line in lines {
                *w = (*w).max(line.chars().count());
            }
        }
    }

    let border = |fill: char| -> String {
        let mut s = String::from("+");
        for w in widths {
            s.extend(std::iter::repeat_n(fill, w + 2));
            s.push('+');
        }
        s
    };
    let row_lines = |cells: &[Vec<String>]| -> Vec<String> {
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        (0..height)
            .map(|k| {
                let mut s = String::from("|");
                for (lines, w) in cells.iter().zip(widths) {
                    let text = lines.get(k).map(String::as_str).unwrap_or("");
                    s.push(' ');
                    s.push_str(text);
                    s.extend(std::iter::repeat_n(' ', w - text.chars().count() + 1));
                    s.push('|');
                }
                s
            })
            .collect()
    };

    let mut out = vec![border('-')];
    out.extend(row_lines(&header));
    out.push(border('='));
    for cells in &rows {
        out.extend(row_lines(cells));
        out.push(border('-'));
    }
    let notes = notes.borrow();
    let references = notes.references.iter().enumerate().skip(first_reference);
    for (i, (n, target)) in references.enumerate() {
        if i == 0 {
            out.push(String::new());
        }
        out.push(format!("[link-{}]: <{target}>", n + 1));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Inlines

/// A word of Markdown and the byte offsets inside it where a comment may break it, should it
/// be too long for its line: between two characters of text (never inside an escape, nor
/// before a combining mark), before a style or link opens and after it closes.
#[derive(Debug, Default)]
struct Word {
    text: String,
    breaks: Vec<usize>,
}

/// Words of Markdown, built so that a line may only break where the source had a space:
/// code spans and link targets stay whole.
#[derive(Default)]
struct Words {
    done: Vec<Word>,
    cur: Word,
    /// No break right after what was just glued (an opening `**`, `*` or `[`).
    hold: bool,
}

impl Words {
    fn glue(&mut self, s: &str) {
        self.cur.text.push_str(s);
        self.hold = false;
    }

    /// Glues an opening marker: the word may break before it but not right after it.
    fn open(&mut self, s: &str) {
        self.may_break();
        self.glue(s);
        self.hold = true;
    }

    /// Glues a closing marker, after which the word may break.
    fn close(&mut self, s: &str) {
        self.glue(s);
        self.may_break();
    }

    fn may_break(&mut self) {
        let at = self.cur.text.len();
        if at > 0 && !self.hold && self.cur.breaks.last() != Some(&at) {
            self.cur.breaks.push(at);
        }
    }

    fn no_break(&mut self) {
        if self.cur.breaks.last() == Some(&self.cur.text.len()) {
            self.cur.breaks.pop();
        }
    }

    fn space(&mut self) {
        self.no_break();
        self.hold = false;
        if !self.cur.text.is_empty() {
            self.done.push(std::mem::take(&mut self.cur));
        }
    }

    fn finish(mut self) -> Vec<Word> {
        self.space();
        self.done
    }
}

fn inline_words(content: &[Inline], ctx: Ctx) -> Vec<Word> {
    let mut words = Words::default();
    push_inlines(&mut words, &normalize(content, Within::default()), ctx);
    words.finish()
}

/// Which styles enclose the inlines being normalized.
#[derive(Debug, Clone, Copy, Default)]
struct Within {
    strong: bool,
    emph: bool,
    link: bool,
}

/// Brings inlines into a shape Markdown can say unambiguously:
/// whitespace at the edges of a styled run moves outside it (`** x**` is not bold, ` **x**`
/// is); empty runs disappear; a style nested in the same style is dissolved (`*a *b* c*` can
/// only be written as two runs, and Word shows italic inside italic as italic anyway); a link
/// inside a link keeps only its text, since Markdown links cannot nest.
fn normalize(content: &[Inline], within: Within) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    fn push_text(out: &mut Vec<Inline>, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Inline::Text(last)) = out.last_mut() {
            last.push_str(s);
        } else {
            out.push(Inline::Text(s.to_string()));
        }
    }
    for inline in content {
        match inline {
            Inline::Text(s) => push_text(&mut out, s),
            Inline::WeakTie => push_text(&mut out, "\u{a0}"),
            Inline::Code(s) => out.push(Inline::Code(s.clone())),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                let (dissolve, inner_within) = match inline {
                    Inline::Strong(_) => (
                        within.strong,
                        Within {
                            strong: true,
                            ..within
                        },
                    ),
                    Inline::Emph(_) => (
                        within.emph,
                        Within {
                            emph: true,
                            ..within
                        },
                    ),
                    _ => (
                        within.link,
                        Within {
                            link: true,
                            ..within
                        },
                    ),
                };
                let mut inner = normalize(c, inner_within);
                if dissolve {
                    for i in inner {
                        match i {
                            Inline::Text(s) => push_text(&mut out, &s),
                            other => out.push(other),
                        }
                    }
                    continue;
                }
                let mut lead = false;
                let mut trail = false;
                if let Some(Inline::Text(first)) = inner.first_mut() {
                    if first.starts_with(char::is_whitespace) {
                        lead = true;
                        *first = first.trim_start().to_string();
                    }
                }
                if let Some(Inline::Text(last)) = inner.last_mut() {
                    if last.ends_with(char::is_whitespace) {
                        trail = true;
                        *last = last.trim_end().to_string();
                    }
                }
                inner.retain(|i| !matches!(i, Inline::Text(s) if s.is_empty()));
                if lead {
                    push_text(&mut out, " ");
                }
                match inline {
                    Inline::Link { url, .. } => out.push(Inline::Link {
                        url: url.clone(),
                        content: inner,
                    }),
                    _ if inner.is_empty() => {}
                    // Two runs of one style side by side (`*a**b*`) are one run to the eye
                    // and in Word, and only as one run can Markdown write them.
                    Inline::Strong(_) => match out.last_mut() {
                        Some(Inline::Strong(prev)) => append_inlines(prev, inner),
                        _ => out.push(Inline::Strong(inner)),
                    },
                    _ => match out.last_mut() {
                        Some(Inline::Emph(prev)) => append_inlines(prev, inner),
                        _ => out.push(Inline::Emph(inner)),
                    },
                }
                if trail {
                    push_text(&mut out, " ");
                }
            }
        }
    }
    out
}

fn append_inlines(to: &mut Vec<Inline>, more: Vec<Inline>) {
    for inline in more {
        match (to.last_mut(), inline) {
            (Some(Inline::Text(last)), Inline::Text(s)) => last.push_str(&s),
            (_, other) => to.push(other),
        }
    }
}

/// Writes normalized inlines. `*` and `**` serve every case once same-style nesting is gone:
/// pandoc reads `***a* b**`, `**a *b***` and `***a***` as intended, while `_` would fail next to
/// a letter (`**_a_b**` stays literal).
fn push_inlines(words: &mut Words, content: &[Inline], ctx: Ctx) {
    let long = |run: &str| ctx.wrapped() && run.chars().count() > LONGEST_UNBROKEN / 2;
    for inline in content {
        match inline {
            Inline::Text(s) => push_plain_text(words, s),
            Inline::WeakTie => push_plain_text(words, "\u{a0}"),
            // Verbatim text cannot be broken; too long for a line, it is written as text.
            Inline::Code(code) if long(code) => push_plain_text(words, code),
            Inline::Code(code) => {
                words.may_break();
                words.close(&code_span(code));
            }
            Inline::Strong(c) | Inline::Emph(c) => {
                let marker = if matches!(inline, Inline::Strong(_)) {
                    "**"
                } else {
                    "*"
                };
                words.open(marker);
                push_inlines(words, c, ctx);
                words.close(marker);
            }
            Inline::Link { url, content } => {
                let Some(target) = safe_link_target(url) else {
                    refuse_link(url, ctx.notes);
                    match content.is_empty() {
                        true => push_plain_text(words, url),
                        false => push_inlines(words, content, ctx),
                    }
                    continue;
                };
                if is_autolink(&target, url, content) && !long(&target) {
                    // `<url>` instead of `[url](<url>)`: half the width in a narrow column.
                    words.may_break();
                    words.close(&format!("<{target}>"));
                    continue;
                }
                words.open("[");
                if content.is_empty() || is_autolink(&target, url, content) {
                    push_plain_text(words, &target);
                } else {
                    push_inlines(words, content, ctx);
                }
                let target = link_target(&target);
                if long(&target) {
                    words.close(&format!("][link-{}]", reference(ctx.notes, target)));
                } else {
                    words.close(&format!("](<{target}>)"));
                }
            }
        }
    }
}

/// A link the shared policy refuses is written as its text, with the warning HTML and DOCX give.
fn refuse_link(url: &str, notes: &RefCell<Notes>) {
    let mut notes = notes.borrow_mut();
    let warning = Warning::link_refused(url, LinkFormat::Markdown, notes.source);
    Rendered::warn_once(&mut notes.warnings, warning);
}

/// The number of the reference definition for `target`, added unless the document has it.
fn reference(notes: &RefCell<Notes>, target: String) -> usize {
    let mut notes = notes.borrow_mut();
    let known = notes.references.iter().position(|t| *t == target);
    known.unwrap_or_else(|| {
        notes.references.push(target);
        notes.references.len() - 1
    }) + 1
}

/// A link whose text is its own address can be a pandoc autolink, which needs an absolute
/// URI without spaces or angle brackets: `target` (the safe form of `url`) as written.
fn is_autolink(target: &str, url: &str, content: &[Inline]) -> bool {
    let absolute = ["http://", "https://", "ftp://", "mailto:"]
        .iter()
        .any(|scheme| target.starts_with(scheme) && target.len() > scheme.len());
    let plain = content.len() == 1 && matches!(&content[0], Inline::Text(t) if t == url);
    absolute
        && plain
        && target == url
        && !target
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '\\'))
}

/// The target inside `<…>`: only the characters that could end or break it are encoded.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if matches!(c, '<' | '>' | '\\') || (c.is_whitespace() && c != ' ') || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A code span fenced with one backtick more than the longest run inside it.
fn code_span(code: &str) -> String {
    let code: String = (code.chars().filter(|&c| allowed_char(c)))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if code.trim().is_empty() {
        // Pandoc drops an empty or blank code span; keep the spaces' meaning as nothing.
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// Characters escaped wherever they occur. Beyond Markdown syntax this covers pandoc's
/// extensions (`$` math, `^`/`~` super/subscript, `@` citations, `{}` attributes, `&` entities)
/// and its "smart" punctuation (`"`, `'`), which would otherwise rewrite quotes the layout
/// already typeset.
const ESCAPE_ALWAYS: &[char] = &[
    '\\', '*', '_', '[', ']', '`', '<', '>', '#', '$', '^', '~', '|', '@', '{', '}', '"', '\'', '&',
];

/// Splits text into words and escapes each; whitespace (but not NBSP) is where lines break.
/// Characters the shared policy refuses (controls, noncharacters) are dropped, as in HTML.
fn push_plain_text(words: &mut Words, text: &str) {
    let mut prev: Option<char> = None;
    for c in text.chars().filter(|&c| allowed_char(c)) {
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
            words.space();
            prev = None;
            continue;
        }
        if c.width() == Some(0) {
            words.no_break();
        } else {
            words.may_break();
        }
        // `--` and `...` become dashes and ellipses under pandoc's smart extension.
        let smart = (c == '-' && prev == Some('-')) || (c == '.' && prev == Some('.'));
        if ESCAPE_ALWAYS.contains(&c) || smart {
            words.cur.text.push('\\');
        }
        words.cur.text.push(c);
        words.hold = false;
        prev = Some(c);
    }
}

/// Greedy word wrap (widths in characters). A word longer than `width` gets a line of its
/// own, and the table widens the column; a word longer than `longest` is broken.
fn wrap(words: &[Word], width: Option<usize>, longest: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0;
    for word in words {
        let len = word.text.chars().count();
        if !cur.is_empty() {
            if width.is_some_and(|w| cur_len + 1 + len > w) {
                lines.push(std::mem::take(&mut cur));
            } else {
                cur.push(' ');
                cur.push_str(&word.text);
                cur_len += 1 + len;
                continue;
            }
        }
        let mut pieces = if len > longest {
            break_word(word, longest)
        } else {
            vec![word.text.clone()]
        };
        pieces[0] = line_start(&pieces[0]);
        cur = pieces.pop().unwrap_or_default();
        cur_len = cur.chars().count();
        lines.extend(pieces);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Breaks a word into lines of at most `longest` characters at its break points: each line
/// but the last ends with `<!--`, each but the first starts with `-->`. A stretch with no
/// break point (a link target) stays whole and makes its line longer.
fn break_word(word: &Word, longest: usize) -> Vec<String> {
    const OPEN: &str = "<!--";
    const CLOSE: &str = "-->";
    // Room for both markers and at least one character.
    let longest = longest.max(OPEN.len() + CLOSE.len() + 1);
    let mut chars_at = Vec::with_capacity(word.breaks.len());
    let mut breaks = word.breaks.iter().peekable();
    let mut total = 0;
    for (i, _) in word.text.char_indices() {
        while breaks.next_if(|&&b| b <= i).is_some() {
            chars_at.push(total);
        }
        total += 1;
    }
    chars_at.resize(word.breaks.len(), total);
    let (mut pieces, mut from, mut from_chars, mut next) = (Vec::new(), 0, 0, 0);
    loop {
        let lead = if pieces.is_empty() { "" } else { CLOSE };
        if total - from_chars + lead.len() <= longest || next == chars_at.len() {
            pieces.push(format!("{lead}{}", &word.text[from..]));
            return pieces;
        }
        // The furthest break that fits, or the nearest one when none does.
        let fits = |k: usize| chars_at[k] - from_chars + lead.len() + OPEN.len() <= longest;
        let mut at = next;
        while at + 1 < chars_at.len() && fits(at + 1) {
            at += 1;
        }
        let to = word.breaks[at];
        pieces.push(format!("{lead}{}{OPEN}", &word.text[from..to]));
        (from, from_chars, next) = (to, chars_at[at], at + 1);
    }
}

/// Escapes a word that begins a line where pandoc would read a block marker: a list marker
/// (`1.`, `2)`, `a.`, `iv)`, `(1)`, `-`, `+`), a definition (`:`), a setext underline (`===`).
fn line_start(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let Some(&first) = chars.first() else {
        return String::new();
    };
    if matches!(first, '-' | '+' | ':' | '=') && chars.iter().all(|&c| c == first) {
        return format!("\\{word}");
    }
    // The candidate marker ends at a space-like character (pandoc treats NBSP there as text,
    // but escaping is harmless and keeps us on the safe side).
    let marker: Vec<char> = chars
        .iter()
        .copied()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let body_start = usize::from(marker.first() == Some(&'('));
    if marker.len() >= 2 + body_start {
        let last = marker[marker.len() - 1];
        let body = &marker[body_start..marker.len() - 1];
        let numeric = body.iter().all(char::is_ascii_digit);
        let alpha = body.iter().all(char::is_ascii_alphabetic);
        if matches!(last, '.' | ')') && !body.is_empty() && (numeric || alpha) {
            let cut = word
                .char_indices()
                .nth(marker.len() - 1)
                .map_or(word.len(), |(i, _)| i);
            return format!("{}\\{}", &word[..cut], &word[cut..]);
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline_words_top(content: &[Inline]) -> Vec<String> {
        let words = inline_words(content, Ctx::top(&RefCell::default()));
        words.into_iter().map(|w| w.text).collect()
    }

    fn words(s: &str) -> String {
        let mut w = Words::default();
        push_plain_text(&mut w, s);
        wrap(&w.finish(), None, usize::MAX).join(" ")
    }

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            words(r"a*b_c [d](e) `f` <g> #h $i ^j ~k |l @m \n {o} &p"),
            r"a\*b\_c \[d\](e) \`f\` \<g\> \#h \$i \^j \~k \|l \@m \\n \{o\} \&p"
        );
        assert_eq!(words("\"да\" it's -- ..."), r#"\"да\" it\'s -\- .\.\."#);
    }

    #[test]
    fn line_start_markers_are_escaped() {
        assert_eq!(words("1. текст"), r"1\. текст");
        assert_eq!(words("12) текст"), r"12\) текст");
        assert_eq!(words("a. b"), r"a\. b");
        assert_eq!(words("(iv) b"), r"(iv\) b");
        assert_eq!(words("- b"), r"\- b");
        assert_eq!(words("+ b"), r"\+ b");
        assert_eq!(words(": b"), r"\: b");
        assert_eq!(words("==="), r"\===");
        assert_eq!(words("1.5 и 2023. год"), "1.5 и 2023. год");
        assert_eq!(words("В. В. Воскобович"), "В. В. Воскобович");
    }

    #[test]
    fn wrap_escapes_every_line_start() {
        let mut w = Words::default();
        push_plain_text(&mut w, "слово 1. слово - слово");
        assert_eq!(
            wrap(&w.finish(), Some(6), usize::MAX),
            vec!["слово", r"1\.", "слово", r"\-", "слово"]
        );
    }

    #[test]
    fn yaml_values_are_quoted_and_escaped() {
        assert_eq!(yaml_value("Заголовок"), "\"Заголовок\"");
        assert_eq!(
            yaml_value("1. «Кавычки» \"x\" \\ *"),
            r#""1\\. «Кавычки» \\\"x\\\" \\\\ \\*""#
        );
        // Controls are dropped, as every format drops them.
        assert_eq!(yaml_value("a\u{7}b"), "\"ab\"");
    }

    #[test]
    fn styles_move_whitespace_out_and_never_nest_in_themselves() {
        let content = vec![
            Inline::Text("a".into()),
            Inline::Strong(vec![Inline::Text(" b ".into())]),
            Inline::Text("c ".into()),
            Inline::Strong(vec![Inline::Emph(vec![Inline::Text("d".into())])]),
            Inline::Emph(vec![]),
        ];
        assert_eq!(inline_words_top(&content).join(" "), "a **b** c ***d***");
        // Same style inside itself dissolves; a link inside a link keeps its text.
        let nested = vec![
            Inline::Emph(vec![
                Inline::Text("a ".into()),
                Inline::Emph(vec![Inline::Text("b".into())]),
            ]),
            Inline::Text(" ".into()),
            Inline::Link {
                url: "u".into(),
                content: vec![Inline::Link {
                    url: "v".into(),
                    content: vec![Inline::Strong(vec![Inline::Text("c".into())])],
                }],
            },
        ];
        assert_eq!(inline_words_top(&nested).join(" "), "*a b* [**c**](<u>)");
        let adjacent = vec![
            Inline::Emph(vec![Inline::Text("a".into())]),
            Inline::Emph(vec![Inline::Text("b".into())]),
            Inline::Strong(vec![Inline::Text("c".into())]),
        ];
        assert_eq!(inline_words_top(&adjacent).join(" "), "*ab***c**");
    }

    #[test]
    fn links_and_code() {
        let content = vec![
            Inline::Link {
                url: "https://a.ru/x y<z>".into(),
                content: vec![Inline::Text("сайт школы".into())],
            },
            Inline::Text(" ".into()),
            Inline::Code("a`b c".into()),
            Inline::Text(" ".into()),
            Inline::Link {
                url: "u".into(),
                content: vec![],
            },
        ];
        assert_eq!(
            inline_words_top(&content),
            vec![
                "[сайт",
                "школы](<https://a.ru/x%20y%3Cz%3E>)",
                "``a`b c``",
                "[u](<u>)"
            ]
        );
        let auto = Inline::Link {
            url: "https://a.ru/b_c".into(),
            content: vec![Inline::Text("https://a.ru/b_c".into())],
        };
        assert_eq!(inline_words_top(&[auto]), vec!["<https://a.ru/b_c>"]);
    }

    fn p(s: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text(s.into())],
            align: Align::Body,
        }
    }

    fn list(kind: ListKind, items: Vec<Vec<Block>>) -> Block {
        Block::List(List { kind, items })
    }

    #[test]
    fn lists_tight_loose_nested_and_separated() {
        let blocks = vec![
            list(
                ListKind::Numbered { start: 9 },
                vec![
                    vec![
                        p("девять"),
                        list(ListKind::Bullet, vec![vec![p("вложенный")]]),
                    ],
                    vec![p("десять")],
                ],
            ),
            list(ListKind::Numbered { start: 1 }, vec![vec![p("снова")]]),
            list(
                ListKind::Bullet,
                vec![vec![p("а"), p("второй абзац")], vec![p("б")]],
            ),
        ];
        assert_eq!(
            render_blocks(&blocks, Ctx::top(&RefCell::default())).join("\n"),
            "9. девять\n   - вложенный\n10. десять\n\n<!-- -->\n\n1. снова\n\n\
             - а\n\n  второй абзац\n\n- б"
        );
    }

    #[test]
    fn numbering_never_overflows() {
        let blocks = vec![list(
            ListKind::Numbered { start: u32::MAX },
            vec![vec![p("a")], vec![p("b")]],
        )];
        assert_eq!(
            render_blocks(&blocks, Ctx::top(&RefCell::default())),
            vec!["4294967295. a", "4294967296. b"]
        );
    }

    #[test]
    fn long_words_break_only_between_characters_of_text() {
        let content = vec![
            Inline::Text("ab*c".into()),
            Inline::Strong(vec![Inline::Text("de\u{301}f".into())]),
            Inline::Code("g".into()),
        ];
        let words = inline_words(&content, Ctx::top(&RefCell::default()));
        let word = &words[0];
        assert_eq!(word.text, "ab\\*c**de\u{301}f**`g`");
        let at: Vec<&str> = word.breaks.iter().map(|&b| &word.text[b..]).collect();
        // Not inside `\*`, not right after the opening `**`, not before the accent, not
        // before the closing `**`, and not at the end.
        assert_eq!(
            at,
            [
                "b\\*c**de\u{301}f**`g`",
                "\\*c**de\u{301}f**`g`",
                "c**de\u{301}f**`g`",
                "**de\u{301}f**`g`",
                "e\u{301}f**`g`",
                "f**`g`",
                "`g`"
            ]
        );
        let pieces = break_word(word, 12);
        assert_eq!(pieces, ["ab\\*c**d<!--", "-->e\u{301}f**`g`"]);
        assert!(pieces.iter().all(|p| p.chars().count() <= 12));
    }

    #[test]
    fn cell_wrapping_indents_list_continuations() {
        let blocks = vec![list(ListKind::Bullet, vec![vec![p("один два три четыре")]])];
        let notes = RefCell::default();
        let ctx = Ctx {
            width: Some(12),
            ..Ctx::cell(12, &notes)
        };
        assert_eq!(
            render_blocks(&blocks, ctx),
            vec!["- один два", "  три четыре"]
        );
    }
}
