//! The one seam through which the library meets the outside world, modelled on typst's
//! `World`: files by path (the card, its `materials_file`, profiles, templates), the fonts
//! available, and today's date. The CLI implements it over the file system and the
//! environment; tests and fuzzers implement it in memory ([`MemoryWorld`]). Nothing else in
//! the library reads a file, a font, the clock or an environment variable.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::fonts::{FaceData, FaceSource, FontBook, FontBytes};

/// Why a file could not be read, in terms the message catalogue can explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    NotFound,
    PermissionDenied,
    IsDirectory,
    /// A FIFO, a device, a socket: something that is not a regular file.
    NotRegular,
    /// Larger than the limit a card, profile or sources file may have (0: larger than the
    /// file system takes).
    TooLarge {
        limit: u64,
    },
    NotUtf8,
    AlreadyExists,
    /// A link inside a folder that leads out of it.
    OutsideFolder,
    /// Another program holds the file open and will not let it be replaced (Windows: a PDF
    /// open in a viewer).
    InUse,
    /// No space left on the disk.
    DiskFull,
    /// A part of the path is a file where a folder should be.
    NotAFolder,
    /// A name the file system does not take (too long, a forbidden character).
    BadName,
    /// Links that lead round in a circle.
    LinkLoop,
    /// A network drive that did not answer.
    NetworkDrive,
    /// The disk or folder is read-only.
    ReadOnly,
    Other(String),
}

impl FileError {
    pub fn from_io(e: &std::io::Error) -> FileError {
        use std::io::ErrorKind::*;
        match e.kind() {
            NotFound => FileError::NotFound,
            PermissionDenied => FileError::PermissionDenied,
            IsADirectory => FileError::IsDirectory,
            InvalidData => FileError::NotUtf8,
            AlreadyExists => FileError::AlreadyExists,
            StorageFull | QuotaExceeded => FileError::DiskFull,
            ReadOnlyFilesystem => FileError::ReadOnly,
            NotADirectory => FileError::NotAFolder,
            InvalidFilename => FileError::BadName,
            FileTooLarge => FileError::TooLarge { limit: 0 },
            // ELOOP, which std leaves uncategorised on stable
            _ if cfg!(target_os = "linux") && e.raw_os_error() == Some(40) => FileError::LinkLoop,
            ResourceBusy | ExecutableFileBusy => FileError::InUse,
            TimedOut
            | NetworkDown
            | NetworkUnreachable
            | HostUnreachable
            | StaleNetworkFileHandle
            | ConnectionReset
            | ConnectionAborted => FileError::NetworkDrive,
            // ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION, which std leaves uncategorised.
            _ if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) => FileError::InUse,
            _ => FileError::Other(e.to_string()),
        }
    }
}

/// One entry of a folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    pub name: String,
    pub is_dir: bool,
}

/// Everything the library needs from outside.
pub trait World: Sync {
    /// The bytes of a regular file. Implementations refuse folders, devices and FIFOs, and
    /// files over [`MAX_INPUT_BYTES`], so no input can hang a build or exhaust memory.
    fn read(&self, path: &Path) -> Result<Vec<u8>, FileError>;

    /// A file directly inside `dir`, refusing a link that leads out of the folder (user
    /// templates must not become a way to read a file elsewhere).
    fn read_in(&self, dir: &Path, name: &str) -> Result<Vec<u8>, FileError> {
        self.read(&dir.join(name))
    }

    /// The entries of a folder, sorted by name.
    fn list(&self, dir: &Path) -> Result<Vec<DirEntry>, FileError>;

    /// Where a path really leads, links followed (`None` when it cannot be told): a
    /// collection notices a card reached through a link out of its folder, or twice.
    fn real_path(&self, path: &Path) -> Option<PathBuf> {
        Some(path.to_path_buf())
    }

    /// The fonts the PDF may embed: the bundled family and whatever else the machine has.
    fn fonts(&self) -> &FontBook;

    /// The faces of one family. A world may look only where that family can be, which is
    /// cheaper than reading every font of the machine; by default it asks `fonts()`.
    fn family_faces(&self, family: &str) -> FontBook {
        self.fonts().only(family)
    }

    /// The bytes of one face of the font book.
    fn font_data(&self, face: &FaceSource) -> Result<FontBytes, FileError> {
        match &face.data {
            FaceData::Bundled(bytes) => Ok(FontBytes::Static(bytes)),
            FaceData::File { path, .. } => self.read(path).map(|b| FontBytes::Shared(b.into())),
        }
    }

    /// Today, for the checks that compare dates with it (access dates, a period's end).
    fn today(&self) -> Date;

    /// The date written into documents (SOURCE_DATE_EPOCH, seconds since 1970); `None`
    /// writes no date, so the same card always gives byte-identical files.
    fn document_date(&self) -> Option<i64>;

    /// An old Word (.doc) or RTF document as .docx, by a converter the machine has
    /// (LibreOffice); a world without one says so, and `import` tells the teacher what to do.
    fn convert_to_docx(&self, _bytes: &[u8], _from: OldFormat) -> Result<Vec<u8>, ConvertError> {
        Err(ConvertError::NoConverter)
    }
}

/// A document format read only through a converter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OldFormat {
    /// Word 97–2003.
    Doc,
    Rtf,
}

impl OldFormat {
    /// What the bytes are, whatever the file is called.
    pub fn of(bytes: &[u8]) -> Option<OldFormat> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            Some(OldFormat::Doc)
        } else if bytes.starts_with(b"{\\rtf") {
            Some(OldFormat::Rtf)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            OldFormat::Doc => "doc",
            OldFormat::Rtf => "rtf",
        }
    }
}

/// Why a conversion gave no document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConvertError {
    /// No converter on this machine.
    NoConverter,
    /// It ran longer than it may (seconds).
    TimedOut(u64),
    /// It ran and gave no document; what it said.
    Failed(String),
}

/// The most any one input file may hold: a card is a few dozen kilobytes, a Zotero export a
/// few hundred.
pub const MAX_INPUT_BYTES: u64 = 16 << 20;

/// Inputs held in memory: files by path, a fixed date. For tests, fuzzing and benchmarks.
#[derive(Default)]
pub struct MemoryWorld {
    files: BTreeMap<PathBuf, Vec<u8>>,
    fonts: FontBook,
    today: Option<Date>,
    document_date: Option<i64>,
}

impl MemoryWorld {
    /// An empty world with the bundled fonts; today is 2026-01-01 unless set.
    pub fn new() -> MemoryWorld {
        MemoryWorld {
            fonts: FontBook::bundled(),
            ..MemoryWorld::default()
        }
    }

    pub fn with_file(mut self, path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.insert(path.into(), bytes.into());
        self
    }

    pub fn add_file(&mut self, path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn with_today(mut self, today: Date) -> Self {
        self.today = Some(today);
        self
    }

    pub fn with_document_date(mut self, epoch: Option<i64>) -> Self {
        self.document_date = epoch;
        self
    }

    pub fn with_fonts(mut self, fonts: FontBook) -> Self {
        self.fonts = fonts;
        self
    }
}

/// `a/./b` and `a/b` are one file in memory, as on disk.
fn normal(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

impl World for MemoryWorld {
    fn read(&self, path: &Path) -> Result<Vec<u8>, FileError> {
        let path = normal(path);
        if let Some(bytes) = self.files.get(&path) {
            if bytes.len() as u64 > MAX_INPUT_BYTES {
                return Err(FileError::TooLarge {
                    limit: MAX_INPUT_BYTES,
                });
            }
            return Ok(bytes.clone());
        }
        if self.files.keys().any(|p| p.starts_with(&path)) {
            return Err(FileError::IsDirectory);
        }
        Err(FileError::NotFound)
    }

    fn list(&self, dir: &Path) -> Result<Vec<DirEntry>, FileError> {
        let dir = normal(dir);
        let mut out: BTreeMap<String, bool> = BTreeMap::new();
        for path in self.files.keys() {
            let Ok(rest) = path.strip_prefix(&dir) else {
                continue;
            };
            let mut parts = rest.components();
            if let Some(first) = parts.next() {
                let name = first.as_os_str().to_string_lossy().into_owned();
                let is_dir = parts.next().is_some();
                *out.entry(name).or_default() |= is_dir;
            }
        }
        if out.is_empty() {
            return Err(FileError::NotFound);
        }
        Ok(out
            .into_iter()
            .map(|(name, is_dir)| DirEntry { name, is_dir })
            .collect())
    }

    fn fonts(&self) -> &FontBook {
        &self.fonts
    }

    fn today(&self) -> Date {
        self.today.unwrap_or(Date {
            year: 2026,
            month: 1,
            day: 1,
        })
    }

    fn document_date(&self) -> Option<i64> {
        self.document_date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_files_and_folders() {
        let w = MemoryWorld::new()
            .with_file("cards/a.toml", "a")
            .with_file("cards/sub/b.toml", "b");
        assert_eq!(w.read(Path::new("./cards/a.toml")), Ok(b"a".to_vec()));
        assert_eq!(w.read(Path::new("cards")), Err(FileError::IsDirectory));
        assert_eq!(w.read(Path::new("nope")), Err(FileError::NotFound));
        let names: Vec<(String, bool)> = w
            .list(Path::new("cards"))
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.is_dir))
            .collect();
        assert_eq!(names, [("a.toml".into(), false), ("sub".into(), true)]);
    }
}
