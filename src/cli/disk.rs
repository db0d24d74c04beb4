//! Reading the disk as the world needs it: regular files only, never more than a limit.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::world::FileError;

/// Fonts may be larger than cards: a CJK family is tens of megabytes.
pub const MAX_FONT_BYTES: u64 = 128 << 20;

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
