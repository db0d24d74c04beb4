//! Which files a build writes: the formats asked for, where each goes, and writing them all
//! or none.

use std::path::{Path, PathBuf};

use super::build_options::Args;
use super::{common, output};
use crate::locale::Lang;
use crate::message::{Failure, Status};
use crate::render::Format;

/// The formats asked for, each once, in a fixed order; all of them when none is named.
pub(super) fn formats(args: &Args) -> Vec<Format> {
    let mut formats = args.format.clone();
    formats.extend(Format::ALL.iter().filter(|_| args.format.is_empty()));
    formats.sort();
    formats.dedup();
    formats
}

/// `OUT/stem.ext`, or beside the card without `-o`.
pub(super) fn target(args: &Args, card: &Path, format: Format) -> PathBuf {
    let beside = || card.parent().map(Path::to_path_buf);
    let dir = args.out_dir.clone().or_else(beside).unwrap_or_default();
    let stem = card
        .file_stem()
        .map_or("card".into(), |s| s.to_string_lossy());
    dir.join(format!("{stem}.{}", format.extension()))
}

/// Writes every file or none: targets are checked before the first write.
pub(super) fn write_all(
    card: &Path,
    files: &[(PathBuf, Vec<u8>)],
    lang: Lang,
) -> Result<(), Failure> {
    if let Some((target, _)) = files.iter().find(|(t, _)| output::same_file(t, card)) {
        return Err(Failure::OutputIsCard {
            path: target.clone(),
        });
    }
    for (target, bytes) in files {
        output::write_atomic(target, bytes)?;
        common::say(&Status::Written(target.clone()), lang);
    }
    Ok(())
}
