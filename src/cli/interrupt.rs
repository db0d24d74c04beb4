//! Ctrl-C (and SIGTERM, SIGHUP) between writes: the handler takes the write lock
//! ([`staged::hold_writes`]), so it waits for a set of files under way to be renamed and no
//! temporary file or half-replaced set is ever left behind.

use super::common::{self, EXIT_OK};
use super::staged::hold_writes;
use crate::locale::Lang;
use crate::message::{Failure, Status};

/// From now on Ctrl-C (and SIGTERM, SIGHUP) waits for a write under way to finish, says so
/// and exits 0, instead of killing the program between a temporary file and its rename.
pub fn stop_on_interrupt(lang: Lang) -> Result<(), Failure> {
    ctrlc::set_handler(move || {
        let _no_more_writes = hold_writes();
        common::say(&Status::Stopped, lang);
        std::process::exit(EXIT_OK);
    })
    .map_err(|e| Failure::Watch {
        detail: e.to_string(),
    })
}

/// For `build`: Ctrl-C (and SIGTERM, SIGHUP) waits for the set of files being written to be
/// complete, says so and exits 130, so an interrupt leaves each card's files all old or all
/// new and no temporary file.
pub fn finish_writes_on_interrupt(lang: Lang) {
    // Without a handler (one is set already, say) the default applies; nothing to report.
    let _ = ctrlc::set_handler(move || {
        let _no_more_writes = hold_writes();
        common::err(&(Status::Interrupted.text(lang) + "\n"));
        std::process::exit(EXIT_INTERRUPTED);
    });
}

/// Exit status after Ctrl-C, as shells report a program killed by SIGINT.
const EXIT_INTERRUPTED: i32 = 130;
