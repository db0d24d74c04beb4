//! Writing outputs so that a user's file is replaced only by a complete new one: write to a
//! temporary file beside the target, then rename it over the target (`staged`). The rename
//! is atomic, so no reader ever sees a half-written file. Outputs are not fsynced: they can
//! always be rebuilt from the card, and the sync cost more than the whole PDF layout
//! (measured with hyperfine when the PDF writer was added). A write holds
//! [`staged::hold_writes`] while its temporary files exist, and Ctrl-C takes it before
//! exiting (`interrupt`), so an interrupt never leaves one behind.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::common;
use super::staged::{self, failure, hold_writes};
use crate::locale::Lang;
use crate::message::{Failure, Status};
use crate::world::FileError;

/// Replaces `path` with `bytes`, creating the folder it goes in if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let _writing = hold_writes();
    staged::stage(path, bytes)?.commit()
}

/// Writes every file of one card's build or none: all targets are checked before the first
/// byte (not the card, not a folder, in a folder that is one), all are written to temporary
/// files, and only then renamed; a failure before the renames leaves nothing new. Says
/// what it wrote.
/// `inputs` are the files the build read as cards (a сборник's file and every member card):
/// no output may replace one.
pub fn write_all(
    inputs: &[&Path],
    files: &[(PathBuf, Vec<u8>)],
    lang: Lang,
) -> Result<(), Failure> {
    for (target, _) in files {
        if inputs.iter().any(|input| same_file(target, input)) {
            return Err(Failure::OutputIsCard {
                path: target.clone(),
            });
        }
        staged::check_folder(target)?;
        if target.is_dir() {
            let error = FileError::IsDirectory;
            return Err(Failure::Write {
                path: target.clone(),
                error,
            });
        }
    }
    let _writing = hold_writes();
    let staged: Vec<_> =
        (files.iter().map(|(t, bytes)| staged::stage(t, bytes))).collect::<Result<_, _>>()?;
    staged.into_iter().try_for_each(staged::Staged::commit)?;
    for (target, _) in files {
        common::say(&Status::Written(target.clone()), lang);
    }
    Ok(())
}

/// Creates a new file, refusing to touch an existing one: the user's card is never overwritten.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    staged::check_folder(path)?;
    let dir = staged::folder_of(path);
    fs::create_dir_all(dir).map_err(|e| failure(dir, &e))?;
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
pub fn schema_beside(card: &Path) -> Result<Option<PathBuf>, Failure> {
    let schema = staged::folder_of(card).join(crate::scaffold::SCHEMA_FILE);
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
