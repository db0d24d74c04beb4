//! Finding the cards a collection lists: paths and patterns (`cards/*.toml`, `**/*.toml`)
//! relative to the collection file, matched against folder listings from the world, so a
//! watcher learns which folders to watch and a test can do it all in memory. Its mistakes
//! (a pattern that matches nothing, a card that is not there, the same card twice) are
//! diagnostics at the pattern that made them.

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

/// The cards, in the order the patterns list them (a pattern's matches by name).
pub fn gather(
    world: &dyn World,
    base: &Path,
    spec: &Collection,
    spans: &SourceMap,
) -> (Vec<Member>, Vec<Diagnostic>) {
    let mut members: Vec<Member> = Vec::new();
    let mut diagnostics = Vec::new();
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
            let found = expand(world, base, pattern);
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
        for path in found {
            if members.iter().any(|m| same(&m.path, &path)) {
                diagnostics.push(
                    Diagnostic::new(Message::CollectionCardTwice {
                        path: path.display().to_string(),
                    })
                    .at(span),
                );
                continue;
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

/// `a/./b` and `a/b` name one card.
fn same(a: &Path, b: &Path) -> bool {
    let clean = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    clean(a) == clean(b)
}

fn exists(world: &dyn World, path: &Path) -> bool {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    world.list(dir).is_ok_and(|entries| {
        entries
            .iter()
            .any(|e| !e.is_dir && std::ffi::OsStr::new(&e.name) == name)
    })
}

/// The files under `base` a pattern matches, sorted by path.
fn expand(world: &dyn World, base: &Path, pattern: &str) -> Vec<PathBuf> {
    let segments: Vec<&str> = pattern
        .split(['/', '\\'])
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let mut out = Vec::new();
    walk(world, base, &segments, &mut out, 0);
    out.sort();
    out.dedup();
    out
}

/// Deep enough for any folder of entries, shallow enough that a link loop ends.
const MAX_DEPTH: usize = 16;

fn walk(world: &dyn World, dir: &Path, segs: &[&str], out: &mut Vec<PathBuf>, depth: usize) {
    let Some((first, rest)) = segs.split_first() else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    if *first == "**" {
        // Zero folders, or one more and `**` again.
        walk(world, dir, rest, out, depth + 1);
        let Ok(entries) = world.list(dir) else {
            return;
        };
        for e in entries
            .iter()
            .filter(|e| e.is_dir && !e.name.starts_with('.'))
        {
            walk(world, &dir.join(&e.name), segs, out, depth + 1);
        }
        return;
    }
    if !is_pattern(first) {
        let next = dir.join(first);
        if rest.is_empty() {
            if exists(world, &next) {
                out.push(next);
            }
        } else {
            walk(world, &next, rest, out, depth + 1);
        }
        return;
    }
    let Ok(entries) = world.list(dir) else {
        return;
    };
    for e in entries {
        if e.name.starts_with('.') || !matches(first, &e.name) {
            continue;
        }
        match (rest.is_empty(), e.is_dir) {
            (true, false) => out.push(dir.join(&e.name)),
            (false, true) => walk(world, &dir.join(&e.name), rest, out, depth + 1),
            _ => {}
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
            expand(&w, Path::new("c"), p)
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
