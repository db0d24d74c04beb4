//! One rebuild of `serve`'s preview, of a card or a сборник: its page first (so the browser
//! shows the change before the PDF is laid out), then its PDF; or, when it has errors, their
//! report in the page's panel over the last good page.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use super::collection;
use super::common;
use super::server::Shared;
use crate::diag::{self, Severity};
use crate::message::{Failure, Status};
use crate::parallel::{self, Progress};
use crate::project::{Project, Purpose};
use crate::render::Format;

pub fn publish(project: &Project, path: &Path, shared: &Shared) -> Result<(), Failure> {
    let started = Instant::now();
    if project.is_collection(path)? {
        return publish_book(project, path, shared, started);
    }
    let checked = project.check(path, Purpose::Build)?;
    let (source, lang) = (&checked.source, checked.lang);
    let text = diag::render_text(source, &checked.diagnostics, lang);
    common::err(&text);
    if checked.failed(false) {
        let text = text + &diag::summary(source, &checked.diagnostics, lang) + "\n";
        shared.update(|p| p.report(text, lang));
        common::say(&Status::KeptLastGood(path.to_path_buf()), lang);
        return Ok(());
    }
    let html = project.export(&checked, Format::Html)?;
    let page = String::from_utf8_lossy(&html.bytes).into_owned();
    shared.update(|p| p.show(page, lang));
    let pdf = project.export(&checked, Format::Pdf)?;
    let found = [html.diagnostics, pdf.diagnostics].concat();
    common::err(&diag::render_text(source, &found, lang));
    shared.update(|p| p.show_pdf(pdf.bytes));
    let millis = started.elapsed().as_millis();
    common::say(&Status::Rebuilt { millis }, lang);
    Ok(())
}

/// A сборник's preview: refused, as `build` refuses it, while any card fails its check; the
/// panel then shows every failing card's problems.
fn publish_book(
    project: &Project,
    path: &Path,
    shared: &Shared,
    started: Instant,
) -> Result<(), Failure> {
    let progress = Arc::new(Progress::default());
    let jobs = parallel::default_jobs();
    let book = project.check_book(path, Purpose::Build, jobs, &progress)?;
    let lang = book.lang;
    collection::print_diagnostics(&book, false);
    // As with `--skip-invalid`: the preview shows all that builds and names the rest.
    let composed = match project.compose_book(&book, false, true, jobs, &progress) {
        Ok(composed) => composed,
        Err(refused @ (Failure::BuildRefused { .. } | Failure::CollectionRefused { .. })) => {
            let mut text = diag::render_text(&book.source, &book.diagnostics, lang);
            let failing = book.entries.iter().filter_map(|e| e.checked.as_ref().ok());
            for c in failing.filter(|c| c.failed(false)) {
                text.push_str(&diag::render_text(&c.source, &c.diagnostics, c.lang));
            }
            text.push_str(&(refused.text(lang) + "\n"));
            shared.update(|p| p.report(text, lang));
            common::say(&Status::KeptLastGood(path.to_path_buf()), lang);
            return Ok(());
        }
        Err(failure) => return Err(failure),
    };
    let html = project.export_book(&book, &composed, Format::Html, &progress)?;
    let page = String::from_utf8_lossy(&html.bytes).into_owned();
    let left_out = left_out(&book);
    shared.update(|p| p.show_without(page, left_out, lang));
    let pdf = project.export_book(&book, &composed, Format::Pdf, &progress)?;
    shared.update(|p| p.show_pdf(pdf.bytes));
    let millis = started.elapsed().as_millis();
    common::say(&Status::Rebuilt { millis }, lang);
    Ok(())
}

/// The cards a preview of the сборник leaves out, each with its first errors as `check`
/// prints them; `None` when every card is in.
fn left_out(book: &crate::book::Book) -> Option<String> {
    const FIRST: usize = 3;
    let mut text = String::new();
    for entry in book.entries.iter().filter(|e| e.failed(false)) {
        match &entry.checked {
            Ok(c) => {
                let errors = c
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error);
                let errors: Vec<_> = errors.take(FIRST).cloned().collect();
                text.push_str(&diag::render_text(&c.source, &errors, c.lang));
            }
            Err(failure) => text.push_str(&format!(
                "{}: {}\n",
                entry.path.display(),
                failure.text(book.lang)
            )),
        }
    }
    (!text.is_empty()).then_some(text)
}
