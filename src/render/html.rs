//! HTML renderer: one standalone page (CSS inline, no network requests) from tera templates
//! that users can override file by file (see [`crate::templates`]).
//!
//! The split of work: body blocks and cell contents are turned into HTML here, in Rust, where
//! every user string passes through one escaping function; the page skeleton, the criteria
//! table and the CSS live in templates, because those are what users want to restyle. Values
//! handed to templates are escaped by tera's autoescape, except the `*_html` fields built here
//! and the CSS values, which are computed from numbers and sanitised names.

use serde::Serialize;

use super::common::{RenderOptions, Rendered, Warning};
use super::markup::{allowed_char, escape_into, safe_link_target};
use crate::date::Date;
use crate::document::{
    Align, Block, ContentsKind, Document, FieldRef, Inline, ListKind, Row, Table,
};
use crate::message::{Failure, LinkFormat};
use crate::profile::{PageNumbers, Profile};
use crate::templates::{Origin, Template};

/// The template every page starts from.
const ENTRY: &str = "page.html";

pub fn render(doc: &Document, options: &RenderOptions) -> Result<Rendered, Failure> {
    let loaded = &options.templates;
    let mut tera = tera::Tera::new();
    tera.add_raw_templates(loaded.iter().map(|t| (t.name.as_str(), t.source.as_str())))
        .map_err(|e| template_error(&e, loaded))?;

    let mut writer = Writer::default();
    let page = writer.page(doc, &options.profile);
    let context = tera::Context::from_serialize(&page).map_err(|e| Failure::Internal {
        detail: format!("preparing the page: {e}"),
    })?;
    let mut bytes = Vec::new();
    let bounded = Bounded {
        out: &mut bytes,
        left: MAX_PAGE_BYTES,
    };
    match tera.render_to(ENTRY, &context, bounded) {
        Ok(()) => {}
        Err(_) if bytes.len() >= MAX_PAGE_BYTES => {
            return Err(Failure::TemplateTooLarge {
                limit_mb: MAX_PAGE_BYTES >> 20,
            })
        }
        Err(e) => return Err(template_error(&e, loaded)),
    }
    let mut html = String::from_utf8(bytes).map_err(|_| Failure::Internal {
        detail: "the template wrote bytes that are not UTF-8".into(),
    })?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(Rendered {
        bytes: html.into_bytes(),
        warnings: writer.warnings,
    })
}

/// The most one page may grow to: far beyond any сборник, and a bound on a user template
/// that would otherwise loop until memory runs out.
const MAX_PAGE_BYTES: usize = 256 << 20;

/// A writer that takes at most `left` more bytes, then fails, which stops the render.
struct Bounded<'a> {
    out: &'a mut Vec<u8>,
    left: usize,
}

impl std::io::Write for Bounded<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.left {
            let fits = self.left;
            self.out.extend_from_slice(&buf[..fits]);
            self.left = 0;
            return Err(std::io::Error::other("the page grew past its limit"));
        }
        self.out.extend_from_slice(buf);
        self.left -= buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Tera's message already carries `--> name:line:col` and the offending line; for a user's
/// override the name is replaced by the file path, since that is the file to fix.
fn template_error(err: &tera::Error, loaded: &[Template]) -> Failure {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str("\ncaused by: ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    for t in loaded {
        if let Origin::User(path) = &t.origin {
            message = message.replace(
                &format!("--> {}:", t.name),
                &format!("--> {}:", path.display()),
            );
        }
    }
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    Failure::Template {
        detail: message.to_string(),
    }
}

#[derive(Serialize)]
struct Page {
    lang: String,
    title: String,
    authors: Vec<String>,
    author: String,
    keywords: String,
    date: Option<String>,
    body: Vec<BodyPart>,
    css: Css,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum BodyPart {
    Html { html: String },
    Table { table: TableCtx },
}

#[derive(Serialize)]
struct TableCtx {
    header: [String; 3],
    rows: Vec<RowCtx>,
}

#[derive(Serialize)]
struct RowCtx {
    key: String,
    number: String,
    label: String,
    anchor: String,
    content_html: String,
}

/// Profile values as CSS text. Numbers are formatted here so a profile cannot inject CSS.
#[derive(Serialize)]
struct Css {
    font_stack: String,
    font_size_pt: String,
    line_pitch_pt: String,
    line_height: String,
    table_font_size_pt: String,
    table_line_pitch_pt: String,
    table_line_height: String,
    margin_top_mm: String,
    margin_right_mm: String,
    margin_bottom_mm: String,
    margin_left_mm: String,
    indent_mm: String,
    num_col_mm: String,
    label_col_mm: String,
    text_align: String,
    table_text_align: String,
    hyphens: String,
    page_number_box: String,
    number_first_page: bool,
}

impl Css {
    fn from_profile(p: &Profile) -> Css {
        let ratio = |pitch: f32, size: f32| {
            if size > 0.0 {
                css_number(pitch / size)
            } else {
                "1.5".into()
            }
        };
        Css {
            font_stack: font_stack(&p.font_family),
            font_size_pt: css_number(p.font_size_pt),
            line_pitch_pt: css_number(p.line_pitch_pt),
            line_height: ratio(p.line_pitch_pt, p.font_size_pt),
            table_font_size_pt: css_number(p.table_font_size_pt),
            table_line_pitch_pt: css_number(p.table_line_pitch_pt),
            table_line_height: ratio(p.table_line_pitch_pt, p.table_font_size_pt),
            margin_top_mm: css_number(p.margin_top_mm),
            margin_right_mm: css_number(p.margin_right_mm),
            margin_bottom_mm: css_number(p.margin_bottom_mm),
            margin_left_mm: css_number(p.margin_left_mm),
            indent_mm: css_number(p.first_line_indent_mm),
            num_col_mm: css_number(p.table_number_col_mm),
            label_col_mm: css_number(p.table_label_col_mm),
            text_align: if p.justify { "justify" } else { "left" }.into(),
            table_text_align: if p.table_justify { "justify" } else { "left" }.into(),
            hyphens: if p.hyphenate { "auto" } else { "manual" }.into(),
            page_number_box: match p.page_numbers {
                PageNumbers::None => "",
                PageNumbers::BottomRight => "bottom-right",
                PageNumbers::BottomCenter => "bottom-center",
            }
            .into(),
            number_first_page: p.number_first_page,
        }
    }
}

/// A non-negative number with at most three decimals and no exponent, valid in any CSS
/// context; NaN and negatives (a broken profile) become 0.
fn css_number(x: f32) -> String {
    let x = if x.is_finite() && x > 0.0 {
        x.min(10_000.0)
    } else {
        0.0
    };
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() {
        "0".into()
    } else {
        s.to_string()
    }
}

/// The profile's font first, then metric-compatible fallbacks that every system has one of.
/// The name keeps only letters, digits, spaces and hyphens, so it cannot close the string or
/// the `<style>` element.
fn font_stack(family: &str) -> String {
    let clean: String = family
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut stack = Vec::new();
    if !clean.is_empty() && clean != "Times New Roman" {
        stack.push(format!("\"{clean}\""));
    }
    stack.push("\"Times New Roman\", \"Liberation Serif\", Times, serif".to_string());
    stack.join(", ")
}

/// A user string made safe for tera: forbidden characters dropped (tera escapes the rest).
fn clean(text: &str) -> String {
    text.chars().filter(|c| allowed_char(*c)).collect()
}

#[derive(Default)]
struct Writer {
    warnings: Vec<Warning>,
    /// The card field being written, for warnings.
    source: Option<FieldRef>,
    /// The deepest heading level written so far, so levels never skip (h1 → h3).
    last_heading: u8,
    /// Inside an `<a>`: HTML forbids nesting links, so an inner link keeps only its text.
    in_link: bool,
    /// Ids already given out: a repeated anchor gets a suffix, since ids must be unique.
    ids: std::collections::BTreeSet<String>,
}

impl Writer {
    /// A unique id from an anchor, or `None` when the anchor has no usable characters.
    fn unique_id(&mut self, anchor: &str) -> Option<String> {
        let base = anchor_id(anchor);
        if base.is_empty() {
            return None;
        }
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        Some(id)
    }

    fn page(&mut self, doc: &Document, profile: &Profile) -> Page {
        let mut body = Vec::new();
        let mut html = String::new();
        for block in &doc.blocks {
            if let Block::Table(table) = block {
                if !html.is_empty() {
                    body.push(BodyPart::Html {
                        html: std::mem::take(&mut html),
                    });
                }
                body.push(BodyPart::Table {
                    table: self.table(table),
                });
            } else {
                self.block(&mut html, block);
            }
        }
        if !html.is_empty() {
            body.push(BodyPart::Html { html });
        }

        let meta = &doc.meta;
        let mut title = clean(&meta.title).trim().to_string();
        if title.is_empty() {
            title = doc
                .blocks
                .iter()
                .find_map(|b| match b {
                    Block::Heading { content, .. } => {
                        Some(clean(&Inline::plain(content)).trim().to_string())
                    }
                    _ => None,
                })
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "mentorcard".into());
        }
        let authors: Vec<String> = meta.authors.iter().map(|a| clean(a)).collect();
        Page {
            lang: language(&meta.lang),
            title,
            author: authors.join(", "),
            authors,
            keywords: clean(&meta.keywords.join(", ")),
            date: meta.date.map(|secs| {
                let d = Date::from_unix(secs);
                format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
            }),
            body,
            css: Css::from_profile(profile),
        }
    }

    fn table(&mut self, table: &Table) -> TableCtx {
        TableCtx {
            header: table.header.clone().map(|h| clean(&h)),
            rows: table.rows.iter().map(|row| self.row(row)).collect(),
        }
    }

    fn row(&mut self, row: &Row) -> RowCtx {
        let mut content_html = String::new();
        self.source = row.source;
        // Headings inside a cell would break the page outline; they are set as bold paragraphs.
        for block in &row.content {
            self.cell_block(&mut content_html, block);
        }
        self.source = None;
        RowCtx {
            key: row.source.map(|s| s.key).unwrap_or_default().to_string(),
            number: clean(row.number.as_deref().unwrap_or("")),
            label: clean(&row.label),
            anchor: self.unique_id(&row.anchor).unwrap_or_default(),
            content_html,
        }
    }

    fn cell_block(&mut self, out: &mut String, block: &Block) {
        match block {
            Block::Heading { content, .. } => {
                out.push_str("<p><strong>");
                self.inlines(out, content);
                out.push_str("</strong></p>\n");
            }
            other => self.block(out, other),
        }
    }

    fn block(&mut self, out: &mut String, block: &Block) {
        match block {
            Block::Heading {
                level,
                content,
                anchor,
            } => {
                let level = (*level).clamp(1, 6).min(self.last_heading + 1);
                self.last_heading = level;
                out.push_str(&format!("<h{level}"));
                if let Some(id) = self.unique_id(anchor) {
                    out.push_str(" id=\"");
                    out.push_str(&id);
                    out.push('"');
                }
                out.push('>');
                self.inlines(out, content);
                out.push_str(&format!("</h{level}>\n"));
            }
            Block::Paragraph { content, align } => {
                out.push_str(match align {
                    Align::Body => "<p>",
                    Align::Center => "<p class=\"center\">",
                    Align::Right => "<p class=\"right\">",
                });
                self.inlines(out, content);
                out.push_str("</p>\n");
            }
            Block::List(list) => {
                let close = match list.kind {
                    ListKind::Bullet => {
                        out.push_str("<ul>\n");
                        "</ul>\n"
                    }
                    ListKind::Numbered { start } => {
                        if start == 1 {
                            out.push_str("<ol>\n");
                        } else {
                            out.push_str(&format!("<ol start=\"{start}\">\n"));
                        }
                        "</ol>\n"
                    }
                };
                for item in &list.items {
                    out.push_str("<li>");
                    // A one-paragraph item is written bare: `<li><p>` would add spacing.
                    match item.as_slice() {
                        [Block::Paragraph { content, .. }] => self.inlines(out, content),
                        blocks => {
                            out.push('\n');
                            for b in blocks {
                                self.cell_block(out, b);
                            }
                        }
                    }
                    out.push_str("</li>\n");
                }
                out.push_str(close);
            }
            Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
            Block::TitlePage(t) => {
                out.push_str("<header class=\"title-page\">\n");
                let line = |out: &mut String, class: &str, text: &str| {
                    out.push_str(&format!("<p class=\"{class}\">"));
                    escape_into(out, &clean(text));
                    out.push_str("</p>\n");
                };
                for l in &t.top {
                    line(out, "organisation", l);
                }
                out.push_str("<h1>");
                escape_into(out, &clean(&t.title));
                out.push_str("</h1>\n");
                self.last_heading = 1;
                if let Some(sub) = &t.subtitle {
                    line(out, "subtitle", sub);
                }
                for l in &t.credits {
                    line(out, "credits", l);
                }
                for l in &t.bottom {
                    line(out, "place", l);
                }
                out.push_str("</header>\n");
            }
            Block::Contents(c) => {
                let class = match c.kind {
                    ContentsKind::Contents => "contents",
                    ContentsKind::Authors => "authors-index",
                };
                out.push_str(&format!("<nav class=\"{class}\">\n<h2"));
                if let Some(id) = self.unique_id(&c.anchor) {
                    out.push_str(&format!(" id=\"{id}\""));
                }
                out.push('>');
                escape_into(out, &clean(&c.title));
                out.push_str("</h2>\n<ul>\n");
                self.last_heading = self.last_heading.max(2);
                for e in &c.entries {
                    out.push_str(&format!("<li class=\"level-{}\">", e.level.min(3)));
                    if e.labels.is_empty() {
                        for anchor in e.anchors.iter().take(1) {
                            out.push_str(&format!("<a href=\"#{}\">", anchor_id(anchor)));
                            escape_into(out, &clean(&e.title));
                            out.push_str("</a>");
                        }
                    } else {
                        // an index entry: the name, then each of its practices by title
                        escape_into(out, &clean(&e.title));
                        for (i, (anchor, label)) in e.anchors.iter().zip(&e.labels).enumerate() {
                            out.push_str(if i == 0 { " — " } else { "; " });
                            out.push_str(&format!("<a href=\"#{}\">", anchor_id(anchor)));
                            escape_into(out, &clean(label));
                            out.push_str("</a>");
                        }
                    }
                    if !e.detail.is_empty() {
                        out.push_str(" <span class=\"authors\">");
                        escape_into(out, &clean(&e.detail));
                        out.push_str("</span>");
                    }
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n</nav>\n");
            }
            Block::Table(table) => {
                // Only the body-level table goes through table.html; one nested in a cell
                // (which layout does not produce) is kept as plain paragraphs.
                for row in &table.rows {
                    out.push_str("<p><strong>");
                    escape_into(out, &row.label);
                    out.push_str("</strong></p>\n");
                    for b in &row.content {
                        self.cell_block(out, b);
                    }
                }
            }
        }
    }

    fn inlines(&mut self, out: &mut String, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(out, inline);
        }
    }

    fn inline(&mut self, out: &mut String, inline: &Inline) {
        match inline {
            Inline::Text(text) => text_with_breaks(out, text),
            Inline::WeakTie => out.push('\u{a0}'),
            Inline::Code(text) => {
                out.push_str("<code>");
                text_with_breaks(out, text);
                out.push_str("</code>");
            }
            Inline::Strong(content) => {
                out.push_str("<strong>");
                self.inlines(out, content);
                out.push_str("</strong>");
            }
            Inline::Emph(content) => {
                out.push_str("<em>");
                self.inlines(out, content);
                out.push_str("</em>");
            }
            Inline::Link { content, .. } if self.in_link => self.inlines(out, content),
            Inline::Link { url, content } => match safe_link_target(url) {
                Some(target) => {
                    out.push_str("<a href=\"");
                    escape_into(out, &target);
                    out.push_str("\">");
                    if content.is_empty() {
                        escape_into(out, &target);
                    } else {
                        self.in_link = true;
                        self.inlines(out, content);
                        self.in_link = false;
                    }
                    out.push_str("</a>");
                }
                None => {
                    let warning = Warning::link_refused(url, LinkFormat::Html, self.source);
                    Rendered::warn_once(&mut self.warnings, warning);
                    // As in every format: the link's text, or its address when it has none.
                    match content.is_empty() {
                        true => text_with_breaks(out, url),
                        false => self.inlines(out, content),
                    }
                }
            },
        }
    }
}

/// A line break typed inside a paragraph (the seed's cells have them) stays a line break.
fn text_with_breaks(out: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        escape_into(out, line);
    }
}

/// The page language: the card's tag when it is a well-formed BCP 47 tag, else `ru` (a wrong
/// `lang` makes screen readers pick the wrong voice and fails the HTML checker).
pub fn language(tag: &str) -> String {
    let tag = tag.trim();
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    let rest_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if primary_ok && rest_ok {
        tag.to_string()
    } else {
        "ru".into()
    }
}

/// An id attribute from a layout anchor: ASCII letters, digits, `-` and `_` only.
fn anchor_id(anchor: &str) -> String {
    anchor
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_policy() {
        assert_eq!(
            safe_link_target("https://example.org/a?b#c").as_deref(),
            Some("https://example.org/a?b#c")
        );
        assert!(safe_link_target("javascript:alert(1)").is_none());
        assert!(safe_link_target(" JavaScript:alert(1)").is_none());
        assert!(safe_link_target("java\tscript:alert(1)").is_none());
        assert!(safe_link_target("data:text/html,<script>").is_none());
        assert!(safe_link_target("").is_none());
        assert_eq!(
            safe_link_target("http://[::1]:8080/a[1]%zz%41").as_deref(),
            Some("http://[::1]:8080/a%5B1%5D%25zz%41")
        );
        assert_eq!(language("en"), "en");
        assert_eq!(language("ru-RU"), "ru-RU");
        assert_eq!(language("javascript"), "ru");
        assert_eq!(language("r\u{0}u"), "ru");
        assert_eq!(
            safe_link_target("https://x.ru/a b?q=\"<>\"").as_deref(),
            Some("https://x.ru/a%20b?q=%22%3C%3E%22")
        );
        assert_eq!(safe_link_target("#row-goal").as_deref(), Some("#row-goal"));
        assert_eq!(
            safe_link_target("docs/a:b").as_deref(),
            Some("docs/a:b"),
            "a colon after a slash is not a scheme"
        );
        assert_eq!(
            safe_link_target("MAILTO:a@b.ru").as_deref(),
            Some("MAILTO:a@b.ru")
        );
    }

    #[test]
    fn css_values_cannot_escape_their_context() {
        assert_eq!(css_number(24.15), "24.15");
        assert_eq!(css_number(14.0), "14");
        assert_eq!(css_number(f32::NAN), "0");
        assert_eq!(css_number(-3.0), "0");
        assert_eq!(
            font_stack("Arial\"; } </style><script>"),
            "\"Arial stylescript\", \"Times New Roman\", \"Liberation Serif\", Times, serif"
        );
        assert_eq!(
            font_stack("Times New Roman"),
            "\"Times New Roman\", \"Liberation Serif\", Times, serif"
        );
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        let mut out = String::new();
        escape_into(&mut out, "a\u{0}b\u{7}c\u{85}d\u{FFFE}e\tf<");
        assert_eq!(out, "abcde\tf&lt;");
    }
}
