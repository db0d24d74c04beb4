//! Built-in HTML templates, embedded in the binary, and per-file overrides from a user folder
//! (mdBook's pattern): a file in the folder with a built-in's name replaces that one built-in
//! and leaves the others alone, so a teacher can restyle the page without copying the rest.
//!
//! Templates can only see what is loaded here: tera has no function that reads files, and
//! `{% include %}` resolves only loaded names. So the one place that must keep reads inside the
//! user's folder is [`load`], which reads only regular files directly in that folder and
//! refuses symlinks that lead out of it.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The built-in templates by file name, in the order `eject` writes them.
pub const BUILTINS: &[(&str, &str)] = &[
    ("page.html", include_str!("../templates/page.html")),
    ("table.html", include_str!("../templates/table.html")),
    ("style.css", include_str!("../templates/style.css")),
];

/// A user template larger than this is surely not a template; refusing it keeps a wrong
/// `--templates` folder from being read into memory whole.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// Where a template's text came from, so errors name the file the user has to edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    User(PathBuf),
}

/// One loaded template: the name other templates include it by, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub origin: Origin,
    pub source: String,
}

impl Template {
    /// What to call the template in a message: the user's file path, or the built-in name.
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::Builtin => format!("{} (built-in)", self.name),
            Origin::User(path) => path.display().to_string(),
        }
    }
}

#[derive(Debug)]
pub enum TemplateError {
    /// The folder itself cannot be listed.
    Folder { dir: PathBuf, error: std::io::Error },
    /// A file in the folder cannot be read, is too large, or is not UTF-8.
    File { path: PathBuf, reason: String },
    /// `eject` found files it would overwrite; nothing was written.
    Exists { paths: Vec<PathBuf> },
    /// Writing an ejected template failed.
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Folder { dir, error } => {
                write!(f, "cannot read template folder {}: {error}", dir.display())
            }
            TemplateError::File { path, reason } => {
                write!(f, "cannot use template {}: {reason}", path.display())
            }
            TemplateError::Exists { paths } => {
                write!(f, "not overwriting existing templates:")?;
                for p in paths {
                    write!(f, " {}", p.display())?;
                }
                Ok(())
            }
            TemplateError::Write { path, error } => {
                write!(f, "cannot write template {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for TemplateError {}

impl TemplateError {
    /// The error in the user's language (Display is the English form).
    pub fn describe(&self, lang: crate::locale::Lang) -> String {
        match (self, lang) {
            (_, crate::locale::Lang::En) => self.to_string(),
            (TemplateError::Folder { dir, error }, _) => {
                format!(
                    "не удалось открыть папку шаблонов {}: {}",
                    dir.display(),
                    lang.io_error(error)
                )
            }
            (TemplateError::File { path, reason }, _) => {
                format!("шаблон {} нельзя использовать: {reason}", path.display())
            }
            (TemplateError::Exists { paths }, _) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                format!(
                    "шаблоны уже есть, ничего не записано: {} (добавьте --force, чтобы перезаписать)",
                    names.join(", ")
                )
            }
            (TemplateError::Write { path, error }, _) => {
                format!(
                    "не удалось записать шаблон {}: {}",
                    path.display(),
                    lang.io_error(error)
                )
            }
        }
    }
}

/// The built-ins with any user overrides applied, plus the user's own partials: `.html` or
/// `.css` files whose names start with `_` (`_note.html`), which a user template may include.
/// Other files are ignored, so pointing `--templates` at a folder that also holds built pages
/// does not turn them into templates. Sorted by name so that loading order, and with it every
/// error message, is the same on every machine.
pub fn load(user_dir: Option<&Path>) -> Result<Vec<Template>, TemplateError> {
    let mut templates: Vec<Template> = BUILTINS
        .iter()
        .map(|(name, source)| Template {
            name: (*name).to_string(),
            origin: Origin::Builtin,
            source: (*source).to_string(),
        })
        .collect();
    if let Some(dir) = user_dir {
        for (name, path, source) in read_user_folder(dir)? {
            let user = Template {
                name: name.clone(),
                origin: Origin::User(path),
                source,
            };
            match templates.iter_mut().find(|t| t.name == name) {
                Some(slot) => *slot = user,
                None => templates.push(user),
            }
        }
    }
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(templates)
}

fn is_template_name(name: &str) -> bool {
    BUILTINS.iter().any(|(n, _)| *n == name)
        || (name.starts_with('_') && (name.ends_with(".html") || name.ends_with(".css")))
}

fn read_user_folder(dir: &Path) -> Result<Vec<(String, PathBuf, String)>, TemplateError> {
    let folder_error = |error| TemplateError::Folder {
        dir: dir.to_path_buf(),
        error,
    };
    let root = dir.canonicalize().map_err(folder_error)?;
    let entries = fs::read_dir(&root).map_err(folder_error)?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(folder_error)?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        if !is_template_name(&name) {
            continue;
        }
        let path = dir.join(&name);
        let file_error = |reason: String| TemplateError::File {
            path: path.clone(),
            reason,
        };
        // A symlink inside the folder must not become a way to read a file elsewhere.
        let real = entry
            .path()
            .canonicalize()
            .map_err(|e| file_error(e.to_string()))?;
        if real.parent() != Some(root.as_path()) {
            return Err(file_error(
                "it is a link to a file outside the template folder".into(),
            ));
        }
        let meta = fs::metadata(&real).map_err(|e| file_error(e.to_string()))?;
        if !meta.is_file() {
            continue;
        }
        if meta.len() > MAX_TEMPLATE_BYTES {
            return Err(file_error(format!(
                "it is larger than {MAX_TEMPLATE_BYTES} bytes"
            )));
        }
        let bytes = fs::read(&real).map_err(|e| file_error(e.to_string()))?;
        let source =
            String::from_utf8(bytes).map_err(|_| file_error("it is not UTF-8 text".into()))?;
        out.push((name, path, source));
    }
    Ok(out)
}

/// Writes the built-in templates into `dir` (created if missing) as a starting point for
/// overrides. Refuses, writing nothing, if any of them already exists there.
pub fn eject(dir: &Path) -> Result<Vec<PathBuf>, TemplateError> {
    eject_with(dir, false)
}

/// [`eject`], optionally replacing existing files. Each file is written to a temporary name
/// and renamed, so an interrupted eject never leaves a half-written template.
pub fn eject_with(dir: &Path, overwrite: bool) -> Result<Vec<PathBuf>, TemplateError> {
    let targets: Vec<PathBuf> = BUILTINS.iter().map(|(name, _)| dir.join(name)).collect();
    if !overwrite {
        let existing: Vec<PathBuf> = targets.iter().filter(|p| p.exists()).cloned().collect();
        if !existing.is_empty() {
            return Err(TemplateError::Exists { paths: existing });
        }
    }
    fs::create_dir_all(dir).map_err(|error| TemplateError::Write {
        path: dir.to_path_buf(),
        error,
    })?;
    for ((name, source), target) in BUILTINS.iter().zip(&targets) {
        let write_error = |error| TemplateError::Write {
            path: target.clone(),
            error,
        };
        let tmp = dir.join(format!(".{name}.tmp"));
        let mut file = fs::File::create(&tmp).map_err(write_error)?;
        file.write_all(source.as_bytes()).map_err(write_error)?;
        file.sync_all().map_err(write_error)?;
        drop(file);
        fs::rename(&tmp, target).map_err(write_error)?;
    }
    Ok(targets)
}
