//! What `watch` and `serve` share: a watcher over what the last build read, with a debounce
//! (an editor writes a file several times per save), and Ctrl-C, which waits for a write
//! under way to finish and exits 0, so no temporary file is ever left behind.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use super::common;
use super::interrupt;
use crate::locale::Lang;
use crate::message::Failure;
use crate::preview::WatchSet;

/// A save ends with this much quiet; a stream of events postpones a build at most `AT_MOST`.
const SETTLE: Duration = Duration::from_millis(40);
const AT_MOST: Duration = Duration::from_millis(500);

pub struct Live {
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    set: WatchSet,
    watched: BTreeSet<PathBuf>,
    /// The files the command writes itself.
    outputs: Vec<PathBuf>,
    lang: Lang,
}

impl Live {
    /// A watcher that ignores the command's own `outputs`, already watching the `cards` so
    /// that no save during the first build is missed; from now on Ctrl-C stops the program.
    pub fn new(cards: &[PathBuf], outputs: Vec<PathBuf>, lang: Lang) -> Result<Live, Failure> {
        interrupt::stop_on_interrupt(lang)?;
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })
        .map_err(|e| Failure::Watch {
            detail: e.to_string(),
        })?;
        let (set, watched) = (WatchSet::default(), BTreeSet::new());
        #[rustfmt::skip]
        let mut live = Live { watcher, events, set, watched, outputs, lang };
        live.watch(cards);
        Ok(live)
    }

    /// Watches what a build read (`Project::files_read`) instead of what the one before read.
    /// A file that is a link is watched where it leads as well.
    pub fn watch(&mut self, read: &[PathBuf]) {
        let links = read.iter().filter_map(|p| p.canonicalize().ok());
        let read = read.iter().map(|p| resolve(p)).chain(links);
        let (folders, files): (Vec<_>, Vec<_>) = read.partition(|p| p.is_dir());
        let outputs = self.outputs.iter().map(|p| resolve(p));
        self.set = WatchSet::new(files, folders, outputs);
        let wanted = self.set.folders_to_watch().into_iter();
        let wanted: BTreeSet<PathBuf> = wanted.map(existing).collect();
        for gone in self.watched.difference(&wanted) {
            let _ = self.watcher.unwatch(gone);
        }
        // Watching again is harmless, and renews the watch of a folder removed and made anew.
        for folder in &wanted {
            if let Err(e) = self.watcher.watch(folder, RecursiveMode::NonRecursive) {
                let detail = format!("{}: {e}", folder.display());
                common::fail(&Failure::Watch { detail }, self.lang);
            }
        }
        self.watched = wanted;
    }

    /// Returns once something the build read has changed and the saving is over.
    pub fn wait(&mut self) {
        while let Ok(event) = self.events.recv() {
            if self.matters(event) {
                let start = Instant::now();
                while let Some(left) = AT_MOST.checked_sub(start.elapsed()) {
                    if self.events.recv_timeout(SETTLE.min(left)).is_err() {
                        break;
                    }
                }
                return;
            }
        }
    }

    fn matters(&self, event: notify::Result<notify::Event>) -> bool {
        // An error or an overflowing queue means events were lost: build again to be sure.
        let Ok(event) = event else { return true };
        let changes = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
            EventKind::Other => false,
            _ => true,
        };
        let concerns = |p: &PathBuf| self.set.concerns(p);
        event.need_rescan() || (changes && event.paths.iter().any(concerns))
    }
}

/// An absolute path whose folder is resolved (links, `..`), as the watcher reports paths.
fn resolve(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => (parent.canonicalize())
            .unwrap_or_else(|_| resolve(parent))
            .join(name),
        _ => path.canonicalize().unwrap_or(path),
    }
}

/// The folder itself, or the nearest one above it that exists (its creation is then seen).
fn existing(mut dir: PathBuf) -> PathBuf {
    while !dir.is_dir() && dir.pop() {}
    dir
}
