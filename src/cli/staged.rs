//! Temporary files beside their targets, renamed over them once complete: a reader never sees
//! a half-written file, and a set of files can be written all or none. A temporary file is
//! `.NAME.RANDOM.tmp`, opened only if no file has that name: a process id alone is not
//! unique between programs that share a folder from different PID namespaces (containers).

use std::collections::hash_map::RandomState;
use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::message::Failure;
use crate::world::FileError;

pub fn failure(path: &Path, e: &std::io::Error) -> Failure {
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

/// A complete temporary file waiting to replace its target; dropped, it is removed.
pub struct Staged {
    tmp: Option<PathBuf>,
    target: PathBuf,
}

impl Staged {
    /// Renames the temporary file over the target.
    pub fn commit(mut self) -> Result<(), Failure> {
        let tmp = self.tmp.take().unwrap_or_default();
        fs::rename(&tmp, &self.target).map_err(|e| {
            let _ = fs::remove_file(&tmp);
            failure(&self.target, &e)
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Writes `bytes` to a new temporary file beside `path`, creating the folder if needed,
/// under the first name no file has yet. The caller holds [`hold_writes`] until the file is
/// committed or dropped.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, Failure> {
    let dir = folder_of(path);
    check_folder(path)?;
    fs::create_dir_all(dir).map_err(|e| failure(dir, &e))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut last = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
    for tmp in temp_names(&name).take(16).map(|n| dir.join(n)) {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(mut file) => {
                let target = path.to_path_buf();
                let staged = Staged {
                    tmp: Some(tmp),
                    target,
                };
                file.write_all(bytes).map_err(|e| failure(path, &e))?;
                return Ok(staged);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(failure(path, &e)),
        }
    }
    Err(failure(path, &last))
}

/// `.NAME.RANDOM.tmp` names, a new one each time: std's `RandomState` is seeded from the
/// system's randomness in every process, and hashes a counter and the process id.
fn temp_names(name: &str) -> impl Iterator<Item = String> + '_ {
    let state = RandomState::new();
    (0u64..).map(move |n| {
        let mut hasher = state.build_hasher();
        hasher.write_u64(n);
        hasher.write_u32(std::process::id());
        format!(".{name}.{:016x}.tmp", hasher.finish())
    })
}

/// The folder a file goes in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Refuses a file where `path`'s folder, or one above it, should be, naming it.
pub fn check_folder(path: &Path) -> Result<(), Failure> {
    let existing = folder_of(path).ancestors().find(|a| a.exists());
    match existing {
        Some(file) if !file.is_dir() => Err(Failure::NotAFolder { path: file.into() }),
        _ => Ok(()),
    }
}
