//! `build` of a сборник: the collection's cards checked side by side, the whole refused if
//! one fails (unless `--skip-invalid`), then every format rendered before any is written.

use std::path::Path;
use std::sync::Arc;

use super::build_options::{Args, Built};
use super::common;
use super::{output, progress, targets};
use crate::book::Book;
use crate::diag;
use crate::message::Failure;
use crate::parallel::Progress;
use crate::project::{Project, Purpose};

/// Prints the collection file's problems and every card's: for `check` on standard output
/// with a count per file, for `build` on standard error.
pub(super) fn print_diagnostics(book: &Book, with_summary: bool) {
    let emit = if with_summary {
        common::out
    } else {
        common::err
    };
    let print = |source, diags: &[_], lang| {
        emit(&diag::render_text(source, diags, lang));
        if with_summary {
            common::out(&(diag::summary(source, diags, lang) + "\n"));
        }
    };
    print(&book.source, &book.diagnostics, book.lang);
    for entry in &book.entries {
        match &entry.checked {
            Ok(c) => print(&c.source, &c.diagnostics, c.lang),
            Err(failure) => drop(common::fail(failure, book.lang)),
        }
    }
}

/// Builds the сборник at `path` in every format asked for, or refuses it.
pub(super) fn build(project: &Project, path: &Path, args: &Args) -> Result<Built, Failure> {
    let progress = Arc::new(Progress::default());
    let line = progress::Line::start(&progress, project.settings().lang.unwrap_or_default());
    let jobs = args.many.jobs();
    let book = project.check_book(path, Purpose::Build, jobs, &progress)?;
    let lang = book.lang;
    print_diagnostics(&book, false);
    let composed =
        match project.compose_book(&book, args.strict, args.skip_invalid, jobs, &progress) {
            Ok(composed) => composed,
            Err(refused @ (Failure::BuildRefused { .. } | Failure::CollectionRefused { .. })) => {
                return Ok(Built::Refused(lang, refused))
            }
            Err(failure) => return Err(failure),
        };
    common::err(&diag::render_text(&book.source, &composed.skipped, lang));
    let mut files = Vec::new();
    for format in targets::formats(args) {
        let exported = project.export_book(&book, &composed, format, &progress)?;
        common::err(&diag::render_text(&book.source, &exported.own, lang));
        for (i, diags) in &exported.cards {
            if let Ok(c) = &book.entries[*i].checked {
                common::err(&diag::render_text(&c.source, diags, c.lang));
            }
        }
        files.push((targets::target(args, path, format), exported.bytes));
    }
    drop(line);
    // A member card never gives way to the сборник's output of the same name.
    let inputs: Vec<&Path> = std::iter::once(path)
        .chain(book.entries.iter().map(|e| e.path.as_path()))
        .collect();
    output::write_all(&inputs, &files, lang)?;
    Ok(Built::Written(lang))
}
