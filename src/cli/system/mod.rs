//! The world over the real file system and environment: what the library reads, it reads
//! here. Only regular files are read, up to a size limit, so a card pointing at `/dev/zero`,
//! a FIFO or a folder gets a clear message instead of a hang. The machine's fonts are looked
//! up only when a build asks for a family that is not bundled.

mod convert;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::cli::disk::{read_regular, MAX_FONT_BYTES};
use crate::cli::fontscan::{discover_fonts, find_times};
use crate::date::Date;
use crate::fonts::{FaceData, FaceSource, FontBook, FontBytes};
use crate::world::{ConvertError, DirEntry, FileError, OldFormat, World, MAX_INPUT_BYTES};

pub struct SystemWorld {
    fonts: OnceLock<FontBook>,
    font_paths: Vec<PathBuf>,
    /// SOURCE_DATE_EPOCH, when set.
    epoch: Option<i64>,
}

impl SystemWorld {
    pub fn new(epoch: Option<i64>, font_paths: Vec<PathBuf>) -> SystemWorld {
        SystemWorld {
            fonts: OnceLock::new(),
            font_paths,
            epoch,
        }
    }
}

impl World for SystemWorld {
    fn convert_to_docx(&self, bytes: &[u8], from: OldFormat) -> Result<Vec<u8>, ConvertError> {
        convert::to_docx(bytes, from)
    }

    fn read(&self, path: &Path) -> Result<Vec<u8>, FileError> {
        read_regular(path, MAX_INPUT_BYTES)
    }

    fn read_in(&self, dir: &Path, name: &str) -> Result<Vec<u8>, FileError> {
        let io = |e: std::io::Error| FileError::from_io(&e);
        let root = dir.canonicalize().map_err(io)?;
        let real = dir.join(name).canonicalize().map_err(io)?;
        if real.parent() != Some(root.as_path()) {
            return Err(FileError::OutsideFolder);
        }
        read_regular(&real, MAX_INPUT_BYTES)
    }

    fn list(&self, dir: &Path) -> Result<Vec<DirEntry>, FileError> {
        let io = |e: std::io::Error| FileError::from_io(&e);
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            out.push(DirEntry { name, is_dir });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn real_path(&self, path: &Path) -> Option<PathBuf> {
        let path = if path.as_os_str().is_empty() {
            Path::new(".")
        } else {
            path
        };
        path.canonicalize().ok()
    }

    fn fonts(&self) -> &FontBook {
        self.fonts.get_or_init(|| discover_fonts(&self.font_paths))
    }

    fn family_faces(&self, family: &str) -> FontBook {
        match self.fonts.get() {
            None if crate::fonts::family_key(family) == "timesnewroman" => {
                find_times(&self.font_paths)
            }
            _ => self.fonts().only(family),
        }
    }

    fn font_data(&self, face: &FaceSource) -> Result<FontBytes, FileError> {
        match &face.data {
            FaceData::Bundled(bytes) => Ok(FontBytes::Static(bytes)),
            FaceData::File { path, .. } => {
                read_regular(path, MAX_FONT_BYTES).map(|b| FontBytes::Shared(b.into()))
            }
        }
    }

    fn today(&self) -> Date {
        let secs = self.epoch.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
        Date::from_unix(secs)
    }

    fn document_date(&self) -> Option<i64> {
        self.epoch
    }
}
