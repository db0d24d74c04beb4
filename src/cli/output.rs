//! Writing outputs so that a user's file is replaced only by a complete new one: write to a
//! temporary file beside the target, then rename it over the target. The rename is atomic,
//! so no reader ever sees a half-written file. Outputs are not fsynced: they can always be
//! rebuilt from the card, and the sync cost more than the whole PDF layout (measured with
//! hyperfine when the PDF writer was added). A write holds [`WRITING`] while its temporary
//! file exists, and Ctrl-C takes it before exiting, so an interrupt never leaves one behind.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use super::common::{self, EXIT_OK};
use crate::locale::Lang;
use crate::message::{Failure, Status};
use crate::world::FileError;

fn failure(path: &Path, e: &std::io::Error) -> Failure {
    Failure::Write {
        path: path.to_path_buf(),
        error: FileError::from_io(e),
    }
}

/// Held from a temporary file's creation to its rename.
static WRITING: Mutex<()> = Mutex::new(());

/// Waits for a write under way to finish and keeps new ones from starting.
pub fn hold_writes() -> MutexGuard<'static, ()> {
    WRITING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

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

/// Replaces `path` with `bytes`, creating the folder it goes in if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| failure(dir, &e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _writing = hold_writes();
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(failure(path, &e));
    }
    Ok(())
}

/// Creates a new file, refusing to touch an existing one: the user's card is never overwritten.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Failure::Exists {
                path: path.to_path_buf(),
            },
            _ => failure(path, &e),
        })?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| failure(path, &e))
}

/// Writes the card schema beside a card unless one is there, so the card's `#:schema`
/// directive works offline; the path written, if any.
pub fn schema_beside(card: &Path) -> Result<Option<std::path::PathBuf>, Failure> {
    let dir = match card.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let schema = dir.join(crate::scaffold::SCHEMA_FILE);
    if schema.exists() {
        return Ok(None);
    }
    write_new(&schema, crate::schema::schema_text().as_bytes())?;
    Ok(Some(schema))
}

/// Whether two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
