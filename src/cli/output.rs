//! Writing outputs so that a user's file is replaced only by a complete new one: write to a
//! temporary file beside the target, then rename it over the target. The rename is atomic,
//! so no reader ever sees a half-written file. Outputs are not fsynced: they can always be
//! rebuilt from the card, and the sync cost more than the whole PDF layout (measured with
//! hyperfine when the PDF writer was added).

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::message::Failure;
use crate::world::FileError;

fn failure(path: &Path, e: &std::io::Error) -> Failure {
    Failure::Write {
        path: path.to_path_buf(),
        error: FileError::from_io(e),
    }
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
