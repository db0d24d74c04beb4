//! Reading the disk as the world needs it: regular files only, never more than a limit, and
//! the machine's fonts (fontdb scans the system's font folders and `--font-path`).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::fonts::{FaceData, FaceSource, FontBook};
use crate::world::FileError;

/// Fonts may be larger than cards: a CJK family is tens of megabytes.
pub const MAX_FONT_BYTES: u64 = 128 << 20;

/// The bundled family first, then the system's fonts and those of the `--font-path` folders.
pub fn discover_fonts(font_paths: &[PathBuf]) -> FontBook {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    for dir in font_paths {
        db.load_fonts_dir(dir);
    }
    let mut book = FontBook::bundled();
    for face in db.faces() {
        let path = match &face.source {
            fontdb::Source::File(path) => path.clone(),
            fontdb::Source::SharedFile(path, _) => path.clone(),
            fontdb::Source::Binary(_) => continue,
        };
        let Some((family, _)) = face.families.first() else {
            continue;
        };
        book.push(FaceSource {
            family: family.clone(),
            postscript_name: face.post_script_name.clone(),
            weight: face.weight.0,
            italic: face.style != fontdb::Style::Normal,
            normal_width: face.stretch == fontdb::Stretch::Normal,
            data: FaceData::File {
                path,
                index: face.index,
            },
        });
    }
    book
}

pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
    let io = |e: std::io::Error| FileError::from_io(&e);
    let meta = fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(FileError::IsDirectory);
    }
    if !meta.is_file() {
        return Err(FileError::NotRegular);
    }
    if meta.len() > limit {
        return Err(FileError::TooLarge { limit });
    }
    let file = fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the check and the read: never take more than the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge { limit });
    }
    Ok(bytes)
}
