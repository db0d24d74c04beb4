//! Built-in HTML templates, embedded in the binary, and per-file overrides from a user folder
//! (mdBook's pattern): a file in the folder with a built-in's name replaces that one built-in
//! and leaves the others alone, so a teacher can restyle the page without copying the rest.
//!
//! Templates can only see what is loaded here: tera has no function that reads files, and
//! `{% include %}` resolves only loaded names. So the one place that must keep reads inside the
//! user's folder is [`load`], which reads only files directly in that folder, through the
//! world's [`read_in`](World::read_in), which refuses links that lead out of it.

use std::path::{Path, PathBuf};

use crate::message::{Failure, TemplateReason};
use crate::world::{FileError, World};

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

/// The built-in templates alone, sorted by name.
pub fn builtins() -> Vec<Template> {
    let mut templates: Vec<Template> = BUILTINS
        .iter()
        .map(|(name, source)| Template {
            name: (*name).to_string(),
            origin: Origin::Builtin,
            source: (*source).to_string(),
        })
        .collect();
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    templates
}

/// The built-ins with any user overrides applied, plus the user's own partials: `.html` or
/// `.css` files whose names start with `_` (`_note.html`), which a user template may include.
/// Other files are ignored, so pointing `--templates` at a folder that also holds built pages
/// does not turn them into templates. Sorted by name so that loading order, and with it every
/// error message, is the same on every machine. Returns the files it read too.
pub fn load(
    world: &dyn World,
    user_dir: Option<&Path>,
) -> Result<(Vec<Template>, Vec<PathBuf>), Failure> {
    let mut templates = builtins();
    let mut read = Vec::new();
    if let Some(dir) = user_dir {
        for (name, path, source) in read_user_folder(world, dir)? {
            read.push(path.clone());
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
    Ok((templates, read))
}

fn is_template_name(name: &str) -> bool {
    BUILTINS.iter().any(|(n, _)| *n == name)
        || (name.starts_with('_') && (name.ends_with(".html") || name.ends_with(".css")))
}

fn read_user_folder(
    world: &dyn World,
    dir: &Path,
) -> Result<Vec<(String, PathBuf, String)>, Failure> {
    let entries = world.list(dir).map_err(|error| Failure::TemplateFolder {
        dir: dir.to_path_buf(),
        error,
    })?;
    let mut out = Vec::new();
    for entry in entries {
        if entry.is_dir || !is_template_name(&entry.name) {
            continue;
        }
        let path = dir.join(&entry.name);
        let failure = |reason| Failure::TemplateFile {
            path: path.clone(),
            reason,
        };
        let bytes = match world.read_in(dir, &entry.name) {
            Ok(b) => b,
            // A folder or a device named like a template is not one: skip it, as before.
            Err(FileError::IsDirectory | FileError::NotRegular) => continue,
            Err(FileError::TooLarge { .. }) => {
                return Err(failure(TemplateReason::TooLarge(MAX_TEMPLATE_BYTES)))
            }
            Err(FileError::OutsideFolder) => return Err(failure(TemplateReason::LinkOutside)),
            Err(e) => return Err(failure(TemplateReason::Io(e))),
        };
        if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
            return Err(failure(TemplateReason::TooLarge(MAX_TEMPLATE_BYTES)));
        }
        let source = String::from_utf8(bytes).map_err(|_| failure(TemplateReason::NotUtf8))?;
        out.push((entry.name, path, source));
    }
    Ok(out)
}

/// The built-in templates as (file name, text), for `templates --eject` to write.
pub fn eject() -> Vec<(&'static str, &'static str)> {
    BUILTINS.to_vec()
}
