//! The summary over many cards a contest committee reads: a row per card with its title,
//! authors, how many errors and warnings it has, its pages and characters, and the
//! contest's rules it breaks. The same rows print as a table, as one JSON document and as a
//! page with a bar per card for its pages against the limit.

use serde::Serialize;

use crate::book::{Book, Entry};
use crate::diag::{self, Severity};
use crate::document::Inline;
use crate::locale::{self, Lang};
use crate::parallel::{self, Progress, Stage};
use crate::project::Project;
use crate::richtext;

/// One card's line of the summary.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub file: String,
    pub title: String,
    pub authors: Vec<String>,
    pub organisation: String,
    pub locality: String,
    pub errors: usize,
    pub warnings: usize,
    /// Pages of its PDF; `None` when the card cannot be composed.
    pub pages: Option<usize>,
    /// Characters with spaces, as the contest's volume limits count them.
    pub characters: Option<usize>,
    /// The contest's rules it breaks, in words.
    pub limits: Vec<String>,
    /// Whether it fails the check (an error, or a warning under `--strict`).
    pub failed: bool,
    /// What is wrong first: the first error's words (under `--strict`, else the first
    /// warning's), so a register says why a card fails, not only that it does.
    pub reason: Option<String>,
    /// Its warnings by code, each with its first words, for the warnings many cards share.
    #[serde(skip)]
    pub warning_codes: Vec<(&'static str, String)>,
}

/// The rows, and the page limits the bars are drawn against.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub rows: Vec<Row>,
    pub max_pages: Option<usize>,
    pub min_pages: Option<usize>,
    #[serde(skip)]
    pub lang: Lang,
}

impl Summary {
    pub fn failed(&self) -> usize {
        self.rows.iter().filter(|r| r.failed).count()
    }

    /// Many summaries' rows in one (a register has one header); the first one's limits.
    pub fn merged<'s>(mut summaries: impl Iterator<Item = &'s Summary>) -> Option<Summary> {
        let first = summaries.next()?;
        let mut all = first.clone();
        all.rows
            .extend(summaries.flat_map(|s| s.rows.iter().cloned()));
        Some(all)
    }
}

impl Project<'_> {
    /// The summary of checked cards; pages are laid out side by side where the check has
    /// not already done it.
    pub fn summarise(
        &self,
        entries: &[Entry],
        strict: bool,
        lang: Lang,
        jobs: usize,
        progress: &Progress,
    ) -> Summary {
        progress.start(Stage::Layout, entries.len());
        let rows = parallel::map(entries, jobs, |entry| {
            let row = self.row(entry, strict, lang);
            progress.tick();
            row
        });
        let limits = &self.profile().limits;
        Summary {
            rows,
            max_pages: limits.max_pages,
            min_pages: limits.min_pages,
            lang,
        }
    }

    fn row(&self, entry: &Entry, strict: bool, lang: Lang) -> Row {
        let file = entry.path.display().to_string();
        let checked = match &entry.checked {
            Ok(c) => c,
            Err(failure) => {
                return Row {
                    file,
                    title: locale::report_words(lang).unreadable.to_string(),
                    authors: Vec::new(),
                    organisation: String::new(),
                    locality: String::new(),
                    errors: 1,
                    warnings: 0,
                    pages: None,
                    characters: None,
                    limits: vec![failure.text(lang)],
                    failed: true,
                    reason: Some(failure.text(lang)),
                    warning_codes: Vec::new(),
                }
            }
        };
        let count = |s| {
            checked
                .diagnostics
                .iter()
                .filter(|d| d.severity == s)
                .count()
        };
        let card = checked.card();
        let doc = self.document(checked);
        let pages = doc.and_then(|d| self.paged(checked, d).ok().map(|p| p.page_count()));
        let characters = doc.map(|d| crate::check::chars_with_spaces(&d.plain_text()));
        let said = |s| checked.diagnostics.iter().find(|d| d.severity == s);
        let first = said(Severity::Error).or_else(|| said(Severity::Warning).filter(|_| strict));
        let plain = |v: &Option<String>| crate::card::filled(v).unwrap_or_default().to_string();
        let warnings = checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning);
        Row {
            file,
            title: card
                .map(|c| Inline::plain(&richtext::parse_inline(&c.card.title)))
                .unwrap_or_default(),
            authors: card
                .map(|c| {
                    c.card
                        .authors
                        .iter()
                        .map(|a| a.name.trim().to_string())
                        .collect()
                })
                .unwrap_or_default(),
            organisation: card
                .map(|c| plain(&c.card.organisation))
                .unwrap_or_default(),
            locality: card.map(|c| plain(&c.card.locality)).unwrap_or_default(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            pages,
            characters,
            limits: checked
                .diagnostics
                .iter()
                .filter(|d| d.message.is_limit())
                .map(|d| d.text(checked.lang))
                .collect(),
            failed: checked.failed(strict),
            reason: first.map(|d| d.text(checked.lang)),
            warning_codes: warnings.map(|d| (d.code(), d.text(checked.lang))).collect(),
        }
    }
}

/// The warnings two cards or more share: each said once, with how many cards have it and
/// the words of its first one, most shared first.
pub fn shared_warnings(summary: &Summary) -> Vec<(usize, String)> {
    let mut by_code: Vec<(&str, usize, &str)> = Vec::new();
    for row in &summary.rows {
        let mut seen: Vec<&str> = Vec::new();
        for (code, text) in &row.warning_codes {
            if seen.contains(code) {
                continue;
            }
            seen.push(code);
            match by_code.iter_mut().find(|(c, _, _)| c == code) {
                Some(entry) => entry.1 += 1,
                None => by_code.push((code, 1, text)),
            }
        }
    }
    by_code.retain(|(_, n, _)| *n > 1);
    by_code.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let words = by_code
        .into_iter()
        .map(|(_, n, text)| (n, text.to_string()));
    words.collect()
}

/// The shared warnings as lines after the table (nothing when no warning is shared).
pub fn shared_text(summary: &Summary) -> String {
    let shared = shared_warnings(summary);
    let words = locale::report_words(summary.lang);
    let mut out = String::new();
    if !shared.is_empty() {
        out.push_str(&format!("\n{}\n", words.shared));
    }
    for (cards, text) in shared {
        out.push_str(&format!("— {text} ({}: {cards})\n", words.cards));
    }
    out
}

/// The register as CSV that Russian Excel opens in columns (`csv::document`).
pub fn csv(summary: &Summary) -> String {
    let words = locale::report_words(summary.lang);
    let rows = summary
        .rows
        .iter()
        .map(|r| register_cells(r).into_iter().map(Cell::text).collect());
    crate::csv::document(&register_head(&words), rows)
}

/// The register's columns, in order.
fn register_head(words: &locale::ReportWords) -> [&'static str; 11] {
    [
        words.file,
        words.title,
        words.authors,
        words.organisation,
        words.locality,
        words.pages,
        words.characters,
        words.errors,
        words.warnings,
        words.limits,
        words.reason,
    ]
}

/// A cell of the register: numbers stay numbers in a spreadsheet.
enum Cell {
    Text(String),
    Number(Option<usize>),
}

impl Cell {
    fn text(self) -> String {
        match self {
            Cell::Text(t) => t,
            Cell::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        }
    }
}

fn register_cells(r: &Row) -> Vec<Cell> {
    vec![
        Cell::Text(r.file.clone()),
        Cell::Text(r.title.clone()),
        Cell::Text(r.authors.join(", ")),
        Cell::Text(r.organisation.clone()),
        Cell::Text(r.locality.clone()),
        Cell::Number(r.pages),
        Cell::Number(r.characters),
        Cell::Number(Some(r.errors)),
        Cell::Number(Some(r.warnings)),
        Cell::Text(r.limits.join("; ")),
        Cell::Text(r.reason.clone().unwrap_or_default()),
    ]
}

/// The register as a spreadsheet: a bold header that stays in view, a filter on every
/// column, widths that fit their text (long ones wrap), numbers as numbers, and a failed
/// card's row filled red. `created` is the file's date (seconds since 1970; none: 1980-01-01,
/// so the same check writes the same bytes).
pub fn xlsx(summary: &Summary, created: Option<i64>) -> Result<Vec<u8>, crate::message::Failure> {
    use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};
    let failure = |e: rust_xlsxwriter::XlsxError| crate::message::Failure::Internal {
        detail: format!("xlsx: {e}"),
    };
    let words = locale::report_words(summary.lang);
    let head = register_head(&words);
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_timestamp(created.unwrap_or(315_532_800)).map_err(failure)?;
    let properties = DocProperties::new()
        .set_author("mentorcard")
        .set_title(words.heading)
        .set_creation_datetime(&date);
    book.set_properties(&properties);
    let sheet = book.add_worksheet();
    sheet.set_name(words.sheet).map_err(failure)?;
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE8E8E8))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let plain = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let red = plain
        .clone()
        .set_background_color(Color::RGB(0xFFC7CE))
        .set_font_color(Color::RGB(0x9C0006));
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for (c, h) in head.iter().enumerate() {
        sheet
            .write_with_format(0, c as u16, *h, &bold)
            .map_err(failure)?;
    }
    for (i, r) in summary.rows.iter().enumerate() {
        let row = i as u32 + 1;
        let format = if r.failed { &red } else { &plain };
        for (c, cell) in register_cells(r).into_iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Number(Some(n)) => {
                    widths[c] = widths[c].max(n.to_string().len());
                    sheet.write_number_with_format(row, col, n as f64, format)
                }
                Cell::Number(None) => sheet.write_blank(row, col, format),
                Cell::Text(t) => {
                    widths[c] = widths[c].max(t.chars().count());
                    sheet.write_string_with_format(row, col, &t, format)
                }
            }
            .map_err(failure)?;
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let width = (*w).clamp(6, 60) as f64 + 2.0;
        sheet.set_column_width(c as u16, width).map_err(failure)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failure)?;
    let last = summary.rows.len() as u32;
    sheet
        .autofilter(0, 0, last, head.len() as u16 - 1)
        .map_err(failure)?;
    book.save_to_buffer().map_err(failure)
}

/// The summary as a table for the terminal: long titles are cut to keep a row on a line.
pub fn text(summary: &Summary) -> String {
    let words = locale::report_words(summary.lang);
    let head = [
        words.file,
        words.title,
        words.authors,
        words.errors,
        words.warnings,
        words.pages,
        words.characters,
        words.limits,
    ];
    let number = |n: Option<usize>| n.map_or("—".to_string(), |n| n.to_string());
    let mut table: Vec<[String; 8]> = vec![head.map(String::from)];
    for r in &summary.rows {
        table.push([
            cut_start(&r.file, 40),
            cut(&r.title, 40),
            cut(&r.authors.join(", "), 28),
            r.errors.to_string(),
            r.warnings.to_string(),
            number(r.pages),
            number(r.characters),
            r.limits.join("; "),
        ]);
    }
    let width = |c: usize| table.iter().map(|row| row[c].chars().count()).max();
    let widths: Vec<usize> = (0..8).map(|c| width(c).unwrap_or(0)).collect();
    let mut out = format!("\n{}\n", words.heading);
    for row in table.iter().filter(|_| !summary.rows.is_empty()) {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.chars().count());
            match c {
                3..=6 => line.push_str(&format!("{}{cell}", " ".repeat(pad))),
                7 => line.push_str(cell),
                _ => line.push_str(&format!("{cell}{}", " ".repeat(pad))),
            }
            if c < 7 {
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let totals = locale::report_totals(summary.lang, summary.rows.len(), summary.failed());
    out.push_str(&(totals + "\n"));
    out
}

/// A path keeps its end, where the file's name is.
fn cut_start(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        return text.to_string();
    }
    let tail: String = text.chars().skip(n - (max - 1)).collect();
    format!("…{tail}")
}

fn cut(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// The whole check as one JSON document: the collection file's own diagnostics (if there is
/// one), then every card with its row of the summary and its diagnostics.
pub fn json(summary: &Summary, book: Option<&Book>, entries: &[Entry]) -> serde_json::Value {
    let cards: Vec<serde_json::Value> = summary
        .rows
        .iter()
        .zip(entries)
        .map(|(row, entry)| {
            let mut value = serde_json::to_value(row).unwrap_or_default();
            let diagnostics = match &entry.checked {
                Ok(c) => diag::to_json(&c.source, &c.diagnostics, c.lang),
                Err(_) => Vec::new(),
            };
            value["diagnostics"] = diagnostics.into();
            value
        })
        .collect();
    let mut doc = serde_json::json!({
        "cards": cards,
        "max_pages": summary.max_pages,
        "min_pages": summary.min_pages,
        "failed": summary.failed(),
    });
    if let Some(book) = book {
        doc["collection"] = serde_json::json!({
            "file": book.path.display().to_string(),
            "title": book.spec.as_ref().map(|s| s.title.clone()),
            "diagnostics": diag::to_json(&book.source, &book.diagnostics, book.lang),
        });
    }
    doc
}

/// The summary as a standalone page: the table, and a bar per card for its pages against
/// the contest's limit.
pub fn html(summary: &Summary, title: &str) -> Result<String, crate::message::Failure> {
    let words = locale::report_words(summary.lang);
    let longest = summary
        .rows
        .iter()
        .filter_map(|r| r.pages)
        .max()
        .unwrap_or(0);
    let scale = summary.max_pages.unwrap_or(0).max(longest).max(1) as f64;
    let percent = |n: usize| format!("{:.1}", n as f64 / scale * 100.0);
    let rows: Vec<serde_json::Value> = summary
        .rows
        .iter()
        .map(|r| {
            let over = match (r.pages, summary.max_pages, summary.min_pages) {
                (Some(p), Some(max), _) if p > max => "over",
                (Some(p), _, Some(min)) if p < min => "under",
                _ => "",
            };
            serde_json::json!({
                "row": r,
                "bar": r.pages.map(percent),
                "state": over,
            })
        })
        .collect();
    let context = serde_json::json!({
        "lang": summary.lang.code(),
        "title": title,
        "words": {
            "heading": words.heading, "file": words.file, "title": words.title,
            "authors": words.authors, "errors": words.errors, "warnings": words.warnings,
            "pages": words.pages, "characters": words.characters, "limits": words.limits,
            "page_limit": words.page_limit, "min_page_limit": words.min_page_limit,
            "reason": words.reason, "within": words.within, "outside": words.outside,
        },
        "totals": locale::report_totals(summary.lang, summary.rows.len(), summary.failed()),
        "rows": rows,
        "max_pages": summary.max_pages,
        "limit_at": summary.max_pages.map(percent),
        "min_pages": summary.min_pages,
        "min_at": summary.min_pages.map(percent),
    });
    let context = tera::Context::from_serialize(&context).map_err(template_failure)?;
    let mut tera = tera::Tera::new();
    tera.add_raw_template("report.html", REPORT)
        .map_err(template_failure)?;
    tera.render("report.html", &context)
        .map_err(template_failure)
}

const REPORT: &str = include_str!("../templates/report.html");

/// What `check --report FILE` writes, by the file's extension: `.xlsx` a spreadsheet, `.csv`
/// the register as text, anything else the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Html,
    Csv,
    Xlsx,
}

impl ReportKind {
    pub fn of(path: &std::path::Path) -> ReportKind {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        match ext.as_deref() {
            Some("xlsx") => ReportKind::Xlsx,
            Some("csv") => ReportKind::Csv,
            _ => ReportKind::Html,
        }
    }

    /// The report's bytes.
    pub fn render(
        self,
        summary: &Summary,
        title: &str,
        created: Option<i64>,
    ) -> Result<Vec<u8>, crate::message::Failure> {
        match self {
            ReportKind::Html => html(summary, title).map(String::into_bytes),
            ReportKind::Csv => Ok(csv(summary).into_bytes()),
            ReportKind::Xlsx => xlsx(summary, created),
        }
    }

    /// Whether a file's bytes are a report mentorcard wrote, which a new run may replace: the
    /// page's generator line, the register's own header, the spreadsheet's author.
    pub fn is_ours(self, bytes: &[u8]) -> bool {
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        match self {
            ReportKind::Html => text(&bytes[..bytes.len().min(4096)])
                .contains("<meta name=\"generator\" content=\"mentorcard\">"),
            ReportKind::Csv => [Lang::Ru, Lang::En].iter().any(|l| {
                let head = register_head(&locale::report_words(*l)).join(";");
                text(bytes).starts_with(&format!("\u{feff}{head}\r\n"))
            }),
            ReportKind::Xlsx => {
                let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes));
                let core = zip.ok().and_then(|mut z| {
                    let mut out = String::new();
                    let file = z.by_name("docProps/core.xml").ok()?;
                    std::io::Read::read_to_string(
                        &mut std::io::Read::take(file, 1 << 16),
                        &mut out,
                    )
                    .ok()?;
                    Some(out)
                });
                core.is_some_and(|c| c.contains("<dc:creator>mentorcard</dc:creator>"))
            }
        }
    }
}

fn template_failure(e: tera::Error) -> crate::message::Failure {
    crate::message::Failure::Internal {
        detail: format!("report.html: {e}"),
    }
}
