//! The machine's fonts, found with fontdb in the system's font folders and `--font-path`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::fonts::{FaceData, FaceSource, FontBook};

/// The bundled family first, then the system's fonts and those of the `--font-path` folders.
pub fn discover_fonts(font_paths: &[PathBuf]) -> FontBook {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    for dir in font_paths {
        db.load_fonts_dir(dir);
    }
    book_of(&db)
}

/// Times New Roman, the family every contest names and the default profile asks for, found
/// by its files' names in the usual font folders: reading every font on the machine would
/// double the time of a default build (a few ms here, tens where many fonts are installed).
pub fn find_times(font_paths: &[PathBuf]) -> FontBook {
    let mut db = fontdb::Database::new();
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
    ]
    .iter()
    .chain(&["/System/Library/Fonts", "C:\\Windows\\Fonts"])
    .map(PathBuf::from)
    .collect();
    for (var, sub) in [("HOME", ".fonts"), ("HOME", ".local/share/fonts")]
        .into_iter()
        .chain([("HOME", "Library/Fonts"), ("SYSTEMROOT", "Fonts")])
        .chain([("LOCALAPPDATA", "Microsoft\\Windows\\Fonts")])
    {
        if let Some(base) = std::env::var_os(var) {
            dirs.push(PathBuf::from(base).join(sub));
        }
    }
    let mut candidates = Vec::new();
    for dir in &dirs {
        times_files(dir, 4, &mut candidates);
    }
    for file in candidates {
        let _ = db.load_font_file(file);
    }
    for dir in font_paths {
        db.load_fonts_dir(dir);
    }
    book_of(&db).only("Times New Roman")
}

fn times_files(dir: &Path, depth: u8, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            if depth > 0 {
                times_files(&path, depth - 1, out);
            }
        } else if name.starts_with("times") || name.contains("times_new") {
            out.push(path);
        }
    }
}

fn book_of(db: &fontdb::Database) -> FontBook {
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
