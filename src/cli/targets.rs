//! Which files a build writes: the formats asked for and where each goes, checked before
//! anything is written: `build` and `watch` refuse two cards whose files would take one name.

use std::path::{Path, PathBuf};

use super::build_options::Args;
use super::output;
use crate::message::Failure;
use crate::render::Format;

/// The formats asked for, each once, in a fixed order; all of them when none is named.
pub(super) fn formats(args: &Args) -> Vec<Format> {
    let mut formats = args.format.clone();
    formats.extend(Format::ALL.iter().filter(|_| args.format.is_empty()));
    formats.sort();
    formats.dedup();
    formats
}

/// `OUT/stem.ext`, or beside the card without `-o`; a jury copy is `OUT/001.ext`, by the
/// card's place among the files named.
pub(super) fn target(args: &Args, card: &Path, format: Format) -> PathBuf {
    let beside = || card.parent().map(Path::to_path_buf);
    let dir = args.out_dir.clone().or_else(beside).unwrap_or_default();
    let stem = card
        .file_stem()
        .map_or("card".into(), |s| s.to_string_lossy());
    let place = args
        .files
        .iter()
        .position(|f| f == card)
        .unwrap_or_default();
    let stem = match args.anonymous {
        true => crate::jury::number(place, args.files.len()).into(),
        false => stem,
    };
    dir.join(format!("{stem}.{}", format.extension()))
}

/// Every card with the files it would write.
pub(super) fn all_targets(args: &Args) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let targets = |card| {
        formats(args)
            .iter()
            .map(|&f| target(args, card, f))
            .collect()
    };
    (args.files.iter())
        .map(|card| (card.clone(), targets(card)))
        .collect()
}

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
