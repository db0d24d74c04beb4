//! What every command shares: exit codes, printing that survives a closed pipe, and how a
//! failure is reported.

use std::path::PathBuf;

use crate::locale::{self, Lang};
use crate::message::{Failure, Status};

/// Exit status: everything fine.
pub const EXIT_OK: i32 = 0;
/// Exit status: the card has problems (or a build was refused because of them).
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit status: wrong command-line usage, or a file could not be read or written.
pub const EXIT_USAGE: i32 = 2;

/// Writes to standard output, ignoring a closed pipe (`mentorcard check … | head`) instead
/// of panicking as `print!` would. Control characters from a card or a file name are shown,
/// not sent to the terminal (`diag::visible`).
pub fn out(text: &str) {
    use std::io::Write;
    let text = crate::diag::visible(text);
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Writes to standard error, ignoring a closed pipe; control characters shown as in `out`.
pub fn err(text: &str) {
    use std::io::Write;
    let text = crate::diag::visible(text);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// One status line on standard output.
pub fn say(status: &Status, lang: Lang) {
    out(&(status.text(lang) + "\n"));
}

/// Prints a failure as «ошибка: …» and returns its exit status: 1 when the user's own input
/// is at fault (a refused build, a broken template, a document with no criteria table or
/// that cannot be read), 2 for files and usage.
pub fn fail(failure: &Failure, lang: Lang) -> i32 {
    err(&format!(
        "{}: {}\n",
        locale::error_word(lang),
        failure.text(lang)
    ));
    match failure {
        Failure::BuildRefused { .. }
        | Failure::CollectionRefused { .. }
        | Failure::Template { .. }
        | Failure::TemplateTooLarge { .. }
        | Failure::ImportNoTable { .. }
        | Failure::ImportBroken { .. } => EXIT_PROBLEMS,
        _ => EXIT_USAGE,
    }
}

/// What every command may need besides its own arguments.
pub struct Globals {
    pub lang: Option<Lang>,
    pub font_paths: Vec<PathBuf>,
}

/// A `--font-path` folder that is not there is said once: the build goes on with the fonts
/// it has, but the teacher expected hers.
pub fn warn_missing_font_paths(globals: &Globals) {
    let lang = globals.lang.unwrap_or_default();
    for dir in globals.font_paths.iter().filter(|d| !d.is_dir()) {
        err(&(locale::font_path_missing(dir, lang) + "\n"));
    }
}
