//! Finding the cards a collection lists: paths and patterns (`cards/*.toml`, `**/*.toml`)
//! relative to the collection file, matched against folder listings from the world, so a
//! watcher learns which folders to watch and a test can do it all in memory. Its mistakes
//! (a pattern that matches nothing, a card that is not there, the same card twice) are
//! diagnostics at the pattern that made them.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::card::SourceMap;
use crate::collection::Collection;
use crate::diag::Diagnostic;
use crate::message::Message;
use crate::world::World;

/// One card of a collection and the section it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub path: PathBuf,
    pub section: Option<usize>,
}

/// The cards, in the order the patterns list them (a pattern's matches by name), for the
/// collection file at `collection`; patterns are relative to its folder.
pub fn gather(
    world: &dyn World,
    collection: &Path,
    spec: &Collection,
    spans: &SourceMap,
) -> (Vec<Member>, Vec<Diagnostic>) {
    let base = collection.parent().unwrap_or(Path::new(""));
    let mut members: Vec<Member> = Vec::new();
    let mut diagnostics = Vec::new();
    // Where each card really is (links followed), so a card reached twice counts once;
    // looked up in a set, not against every card so far.
    let real = |p: &Path| world.real_path(p).map_or_else(|| clean(p), |r| clean(&r));
    let base_real = real(base);
    let collection_real = real(collection);
    let mut seen: HashSet<PathBuf> = HashSet::from([collection_real.clone()]);
    let mut walker = Walker::new(world);
    let mut index_in = std::collections::BTreeMap::<Option<usize>, usize>::new();
    for (section, pattern) in spec.patterns() {
        let k = index_in.entry(section).or_default();
        let span_path = match section {
            None => format!("collection.cards[{k}]"),
            Some(s) => format!("collection.sections[{s}].cards[{k}]"),
        };
        *k += 1;
        let span = spans.value(&span_path);
        let pattern = pattern.trim();
        let found = if is_pattern(pattern) {
            let found = walker.expand(base, pattern);
            if found.is_empty() {
                diagnostics.push(
                    Diagnostic::new(Message::CollectionNoMatch {
                        pattern: pattern.to_string(),
                    })
                    .at(span),
                );
            }
            found
        } else {
            let path = base.join(pattern);
            if exists(world, &path) {
                vec![path]
            } else {
                diagnostics.push(
                    Diagnostic::new(Message::CollectionCardMissing {
                        path: pattern.to_string(),
                    })
                    .at(span),
                );
                Vec::new()
            }
        };
        let mut warned_outside = false;
        for path in found {
            let key = real(&path);
            if !seen.insert(key.clone()) {
                // the collection file itself, matched by its own `*.toml`, is no card
                if key != collection_real {
                    diagnostics.push(
                        Diagnostic::new(Message::CollectionCardTwice {
                            path: path.display().to_string(),
                        })
                        .at(span),
                    );
                }
                continue;
            }
            // Only a .toml file is read as a card: another file (a document, a password
            // file a `*` caught) is named, never read, so none of its lines is printed.
            let is_toml = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
            if !is_toml {
                diagnostics.push(
                    Diagnostic::new(Message::CollectionNotACard {
                        path: path.display().to_string(),
                    })
                    .at(span),
                );
                continue;
            }
            // once per pattern: `../cards/*.toml` is one decision of the organiser's
            if !key.starts_with(&base_real) && !std::mem::replace(&mut warned_outside, true) {
                diagnostics.push(
                    Diagnostic::new(Message::CollectionCardOutside {
                        path: path.display().to_string(),
                    })
                    .at(span),
                );
            }
            members.push(Member { path, section });
        }
    }
    if spec.title.trim().is_empty() {
        let span = spans.value("collection.title").or(spans.key("collection"));
        diagnostics.push(Diagnostic::new(Message::CollectionNoTitle).at(span));
    }
    if members.is_empty() && diagnostics.is_empty() {
        diagnostics.push(Diagnostic::new(Message::CollectionEmpty).at(spans.key("collection")));
    }
    (members, diagnostics)
}

fn is_pattern(p: &str) -> bool {
    p.contains(['*', '?', '['])
}

/// A path with `.` dropped and `..` taken back where it can be: `a/./b/../c` is `a/c`.
fn clean(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// A folder to list: the empty path of a bare file name is the current folder.
fn folder(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

fn exists(world: &dyn World, path: &Path) -> bool {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    world.list(folder(dir)).is_ok_and(|entries| {
        entries
            .iter()
            .any(|e| !e.is_dir && std::ffi::OsStr::new(&e.name) == name)
    })
}

/// Deep enough for any folder of entries, shallow enough that a link loop ends.
const MAX_DEPTH: usize = 16;

/// Walks folders for patterns, listing each folder once and visiting each (folder, place in
/// the pattern) once: `**/**/…/*.toml` would otherwise walk a tree once per way of splitting
/// it between the `**`s.
struct Walker<'w> {
    world: &'w dyn World,
    listings: HashMap<PathBuf, Option<Vec<crate::world::DirEntry>>>,
    visited: HashSet<(PathBuf, usize)>,
}

impl<'w> Walker<'w> {
    fn new(world: &'w dyn World) -> Self {
        Walker {
            world,
            listings: HashMap::new(),
            visited: HashSet::new(),
        }
    }

    /// The files under `base` a pattern matches, sorted by path.
    fn expand(&mut self, base: &Path, pattern: &str) -> Vec<PathBuf> {
        let segments: Vec<&str> = pattern
            .split(['/', '\\'])
            .filter(|s| !s.is_empty() && *s != ".")
            .collect();
        self.visited.clear();
        let mut out = Vec::new();
        self.walk(base, &segments, 0, &mut out, 0);
        out.sort();
        out.dedup();
        out
    }

    fn list(&mut self, dir: &Path) -> Option<Vec<crate::world::DirEntry>> {
        if let Some(known) = self.listings.get(dir) {
            return known.clone();
        }
        let listed = self.world.list(folder(dir)).ok();
        self.listings.insert(dir.to_path_buf(), listed.clone());
        listed
    }

    fn walk(&mut self, dir: &Path, segs: &[&str], at: usize, out: &mut Vec<PathBuf>, depth: usize) {
        if at >= segs.len() || depth > MAX_DEPTH || !self.visited.insert((dir.to_path_buf(), at)) {
            return;
        }
        let (first, last) = (segs[at], at + 1 == segs.len());
        if first == "**" {
            // Zero folders, or one more and `**` again.
            self.walk(dir, segs, at + 1, out, depth + 1);
            let Some(entries) = self.list(dir) else {
                return;
            };
            for e in entries
                .iter()
                .filter(|e| e.is_dir && !e.name.starts_with('.'))
            {
                self.walk(&dir.join(&e.name), segs, at, out, depth + 1);
            }
            return;
        }
        if !is_pattern(first) {
            let next = dir.join(first);
            if !last {
                self.walk(&next, segs, at + 1, out, depth + 1);
            } else if exists(self.world, &next) {
                out.push(next);
            }
            return;
        }
        let Some(entries) = self.list(dir) else {
            return;
        };
        for e in entries {
            if e.name.starts_with('.') || !matches(first, &e.name) {
                continue;
            }
            match (last, e.is_dir) {
                (true, false) => out.push(dir.join(&e.name)),
                (false, true) => self.walk(&dir.join(&e.name), segs, at + 1, out, depth + 1),
                _ => {}
            }
        }
    }
}

/// `*` any run, `?` one character, `[абв]` one of a set; everything else itself.
pub fn matches(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Classic two-pointer wildcard matching with one backtrack point for `*`.
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
            continue;
        }
        if i < p.len() {
            if let Some((ok, len)) = one(&p[i..], n[j]) {
                if ok {
                    i += len;
                    j += 1;
                    continue;
                }
            }
        }
        match star {
            Some((si, sj)) => {
                i = si + 1;
                j = sj + 1;
                star = Some((si, sj + 1));
            }
            None => return false,
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

/// Whether the pattern's first item matches `c`, and how many pattern characters it took.
fn one(p: &[char], c: char) -> Option<(bool, usize)> {
    match p.first()? {
        '?' => Some((true, 1)),
        '[' => {
            let close = p.iter().position(|x| *x == ']')?;
            Some((p[1..close].contains(&c), close + 1))
        }
        x => Some((*x == c, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_names() {
        assert!(matches("*.toml", "иванова.toml"));
        assert!(!matches("*.toml", "иванова.toml.bak"));
        assert!(matches("card-?.toml", "card-1.toml"));
        assert!(matches("[аб]*.toml", "бета.toml"));
        assert!(!matches("[аб]*.toml", "вега.toml"));
        assert!(matches("*", "anything"));
    }

    #[test]
    fn patterns_walk_folders_through_the_world() {
        let w = crate::world::MemoryWorld::new()
            .with_file("c/cards/b.toml", "")
            .with_file("c/cards/a.toml", "")
            .with_file("c/cards/deep/x.toml", "")
            .with_file("c/cards/notes.txt", "");
        let names = |p| {
            Walker::new(&w)
                .expand(Path::new("c"), p)
                .into_iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("cards/*.toml"), ["c/cards/a.toml", "c/cards/b.toml"]);
        assert_eq!(
            names("**/*.toml"),
            ["c/cards/a.toml", "c/cards/b.toml", "c/cards/deep/x.toml"]
        );
        assert!(names("nothing/*.toml").is_empty());
    }
}
