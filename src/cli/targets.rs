//! Where a build writes, checked before anything is written: `build` and `watch` refuse two
//! cards whose files would take one name.

use std::path::{Path, PathBuf};

use super::output;
use crate::message::Failure;

/// Refuses two cards whose files would have one name (`a/card.toml` and `b/card.toml` into
/// one `-o` folder) before anything is written: one would silently replace the other. The
/// same card named twice is one card.
pub fn distinct(built: &[(PathBuf, Vec<PathBuf>)]) -> Result<(), Failure> {
    let mut seen = std::collections::HashMap::<PathBuf, &Path>::new();
    for (card, targets) in built {
        for target in targets {
            let first = *seen.entry(where_written(target)).or_insert(card);
            if first != card.as_path() && !output::same_file(first, card) {
                return Err(Failure::SameOutput {
                    path: target.clone(),
                    first: first.to_path_buf(),
                    second: card.clone(),
                });
            }
        }
    }
    Ok(())
}

/// A path as the file system will take it: the folder resolved when it exists.
fn where_written(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (
        absolute.parent().map(Path::canonicalize),
        absolute.file_name(),
    ) {
        (Some(Ok(dir)), Some(name)) => dir.join(name),
        _ => absolute,
    }
}
