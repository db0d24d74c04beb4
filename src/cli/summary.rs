//! What `check` prints for many cards: every card's diagnostics, then the summary table of
//! each collection (and of the loose cards, with `--summary`), as text, one JSON document or
//! the CSV register; and the summary as a page, a spreadsheet or a CSV file with `--report`.

use std::path::{Path, PathBuf};

use super::{collection, common, disk, output};
use crate::book::{Book, Entry};
use crate::diag;
use crate::locale::Lang;
use crate::message::{Failure, Status};
use crate::project::Checked;
use crate::report::{self, ReportKind, Summary};

/// How `check` reports.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    /// The register, a row per card, for a spreadsheet.
    Csv,
}

/// A collection (or, `None`, the loose cards), its entries and their summary.
pub type Group<'a> = (Option<&'a Book>, &'a [Entry], Summary);

/// Prints the check; `quiet` leaves out every card's own diagnostics (the summary says
/// what matters, and the report holds the rest).
pub fn print(
    (format, quiet): (ReportFormat, bool),
    books: &[Book],
    loose: &[Entry],
    groups: &[Group],
    l: Lang,
) {
    if format == ReportFormat::Csv {
        // As it is: its line ends are CRLF, which `common::out` would show as symbols.
        let all = all_rows(groups)
            .map(|s| report::csv(&s))
            .unwrap_or_default();
        let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), all.as_bytes());
        return;
    }
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
    for book in books.iter().filter(|_| !quiet) {
        collection::print_diagnostics(book, true);
    }
    for entry in loose.iter().filter(|_| !quiet) {
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
    if let Some(all) = all_rows(groups).filter(|_| quiet) {
        common::out(&report::shared_text(&all));
    }
}

fn all_rows(groups: &[Group]) -> Option<Summary> {
    Summary::merged(groups.iter().map(|g| &g.2))
}

fn json_of(c: &Checked) -> Vec<serde_json::Value> {
    diag::to_json(&c.source, &c.diagnostics, c.lang)
}

/// All groups' rows as one page; never over one of the inputs.
pub fn write_report(
    target: &Path,
    inputs: &[PathBuf],
    groups: &[Group],
    (title, created): (&str, Option<i64>),
    force: bool,
    l: Lang,
) -> Result<(), Failure> {
    let Some(summary) = all_rows(groups) else {
        return Ok(());
    };
    let kind = ReportKind::of(target);
    let bytes = kind.render(&summary, title, created)?;
    if let Some(input) = inputs.iter().find(|f| output::same_file(target, f)) {
        return Err(Failure::OutputIsCard {
            path: input.clone(),
        });
    }
    // A report replaces the report of the last run, never a card or another file.
    let ours = || disk::read_regular(target, 64 << 20).is_ok_and(|b| kind.is_ours(&b));
    if !force && target.exists() && !ours() {
        return Err(Failure::Exists {
            path: target.to_path_buf(),
        });
    }
    output::write_atomic(target, &bytes)?;
    common::say(&Status::Written(target.to_path_buf()), l);
    Ok(())
}
