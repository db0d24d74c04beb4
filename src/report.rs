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
                    errors: 1,
                    warnings: 0,
                    pages: None,
                    characters: None,
                    limits: vec![failure.text(lang)],
                    failed: true,
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
        let characters = doc.map(|d| {
            let text = d.plain_text();
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .count()
        });
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
        }
    }
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
            "page_limit": words.page_limit,
        },
        "totals": locale::report_totals(summary.lang, summary.rows.len(), summary.failed()),
        "rows": rows,
        "max_pages": summary.max_pages,
        "limit_at": summary.max_pages.map(percent),
    });
    let context = tera::Context::from_serialize(&context).map_err(template_failure)?;
    let mut tera = tera::Tera::new();
    tera.add_raw_template("report.html", REPORT)
        .map_err(template_failure)?;
    tera.render("report.html", &context)
        .map_err(template_failure)
}

const REPORT: &str = include_str!("../templates/report.html");

fn template_failure(e: tera::Error) -> crate::message::Failure {
    crate::message::Failure::Internal {
        detail: format!("report.html: {e}"),
    }
}
