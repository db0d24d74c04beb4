//! What `check` prints for many cards: every card's diagnostics, then the summary table of
//! each collection (and of the loose cards, with `--summary`), as text or one JSON document;
//! and the summary as an HTML page with `--report`.

use std::path::{Path, PathBuf};

use super::{collection, common, output};
use crate::book::{Book, Entry};
use crate::diag;
use crate::locale::Lang;
use crate::message::{Failure, Status};
use crate::project::Checked;
use crate::report::{self, Summary};

/// How `check` reports.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
}

/// A collection (or, `None`, the loose cards), its entries and their summary.
pub type Group<'a> = (Option<&'a Book>, &'a [Entry], Summary);

pub fn print(format: ReportFormat, books: &[Book], loose: &[Entry], groups: &[Group], l: Lang) {
    if format == ReportFormat::Json {
        let mut docs: Vec<_> = groups
            .iter()
            .map(|(b, e, s)| report::json(s, *b, e))
            .collect();
        let tabled = !groups.is_empty();
        if !tabled {
            let checked = loose.iter().flat_map(|e| e.checked.iter());
            docs = checked.flat_map(json_of).collect();
        }
        let doc = match docs.len() {
            1 if tabled => docs.remove(0),
            _ => serde_json::Value::Array(docs),
        };
        common::out(&(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"));
        return;
    }
    for book in books {
        collection::print_diagnostics(book, true);
    }
    for entry in loose {
        match &entry.checked {
            Ok(c) => {
                common::out(&diag::render_text(&c.source, &c.diagnostics, c.lang));
                common::out(&(diag::summary(&c.source, &c.diagnostics, c.lang) + "\n"));
            }
            Err(failure) => drop(common::fail(failure, l)),
        }
    }
    for (_, _, summary) in groups {
        common::out(&report::text(summary));
    }
}

fn json_of(c: &Checked) -> Vec<serde_json::Value> {
    diag::to_json(&c.source, &c.diagnostics, c.lang)
}

/// All groups' rows as one page; never over one of the inputs.
pub fn write_report(
    target: &Path,
    inputs: &[PathBuf],
    groups: &[Group],
    title: &str,
    force: bool,
    l: Lang,
) -> Result<(), Failure> {
    let Some((_, _, first)) = groups.first() else {
        return Ok(());
    };
    let summary = Summary {
        rows: groups
            .iter()
            .flat_map(|g| g.2.rows.iter().cloned())
            .collect(),
        ..first.clone()
    };
    let page = report::html(&summary, title)?;
    if let Some(input) = inputs.iter().find(|f| output::same_file(target, f)) {
        return Err(Failure::OutputIsCard {
            path: input.clone(),
        });
    }
    // A report replaces the report of the last run, never a card or another file.
    if !force && target.exists() && !is_report(target) {
        return Err(Failure::Exists {
            path: target.to_path_buf(),
        });
    }
    output::write_atomic(target, page.as_bytes())?;
    common::say(&Status::Written(target.to_path_buf()), l);
    Ok(())
}

/// Whether the file is a page mentorcard wrote (its generator line), so a run may replace it.
fn is_report(path: &Path) -> bool {
    let head = std::fs::File::open(path).and_then(|f| {
        use std::io::Read;
        let mut head = Vec::new();
        f.take(4096).read_to_end(&mut head).map(|_| head)
    });
    head.is_ok_and(|h| {
        String::from_utf8_lossy(&h).contains("<meta name=\"generator\" content=\"mentorcard\">")
    })
}
