//! Which file events call for a rebuild. A build reports what it read
//! (`Project::files_read`: files, and folders it listed for a collection's globs); the
//! watcher watches the folders those are in — editors often save by writing a new file and
//! renaming it over the old one, which a watch on the file itself would lose — and asks this
//! set whether an event there matters. Paths are as the watcher reports them: absolute, with
//! the folders resolved.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct WatchSet {
    files: BTreeSet<PathBuf>,
    folders: BTreeSet<PathBuf>,
    /// What the tool writes itself: its own writes must not start another build.
    outputs: BTreeSet<PathBuf>,
}

impl WatchSet {
    pub fn new(
        files: impl IntoIterator<Item = PathBuf>,
        folders: impl IntoIterator<Item = PathBuf>,
        outputs: impl IntoIterator<Item = PathBuf>,
    ) -> WatchSet {
        WatchSet {
            files: files.into_iter().collect(),
            folders: folders.into_iter().collect(),
            outputs: outputs.into_iter().collect(),
        }
    }

    /// The folders to watch: each file's folder, and each listed folder itself.
    pub fn folders_to_watch(&self) -> BTreeSet<PathBuf> {
        let parents = self.files.iter().filter_map(|f| f.parent());
        parents
            .chain(self.folders.iter().map(PathBuf::as_path))
            .map(Path::to_path_buf)
            .collect()
    }

    /// Whether something happening at `path` may change what a build reads: an input itself,
    /// a new or removed entry of a listed folder (a card that a glob now matches), or a
    /// folder on the way to an input (created, removed or renamed).
    pub fn concerns(&self, path: &Path) -> bool {
        if self.outputs.contains(path) || is_temporary(path) {
            return false;
        }
        let mut inputs = self.files.iter().chain(&self.folders);
        inputs.any(|input| input.starts_with(path))
            || path.parent().is_some_and(|p| self.folders.contains(p))
    }

    pub fn len(&self) -> usize {
        self.files.len() + self.folders.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `.NAME.RANDOM.tmp`: what an atomic write keeps for an instant beside its target.
fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> WatchSet {
        WatchSet::new(
            ["/w/card.toml".into(), "/w/refs/zotero.json".into()],
            ["/w/cards".into()],
            ["/w/card.html".into(), "/w/cards/all.pdf".into()],
        )
    }

    #[test]
    fn watches_the_folders_inputs_are_in() {
        let folders: Vec<PathBuf> = set().folders_to_watch().into_iter().collect();
        assert_eq!(
            folders,
            [Path::new("/w"), "/w/cards".as_ref(), "/w/refs".as_ref()]
        );
    }

    #[test]
    fn inputs_and_new_entries_of_listed_folders_matter() {
        let s = set();
        for yes in [
            "/w/card.toml",
            "/w/refs/zotero.json",
            "/w/cards/new.toml",
            "/w/cards",
            "/w/refs",
            "/w",
        ] {
            assert!(s.concerns(Path::new(yes)), "{yes}");
        }
    }

    #[test]
    fn other_files_own_outputs_and_temporary_files_do_not() {
        let s = set();
        for no in [
            "/w/card.html",
            "/w/.card.html.4242.tmp",
            "/w/cards/all.pdf",
            "/w/cards/.all.pdf.1.tmp",
            "/w/.card.toml.swp",
            "/w/notes.txt",
            "/w/refs/other.json",
            "/other/card.toml",
        ] {
            assert!(!s.concerns(Path::new(no)), "{no}");
        }
    }
}
