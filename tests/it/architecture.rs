//! The shape of the source, checked: no module imports one that imports it back (counting
//! `crate::`, `super::`, `self::` paths and a parent's use of its own children), the CLI is
//! thin, and nothing outside it reads the environment.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`layout::flow`; `crate` for lib.rs) → source text, tests stripped.
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let src = crate::common::root().join("src");
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().map(String::as_str) == Some("mod") {
                parts.pop();
            }
            let name = match parts.as_slice() {
                [one] if one == "lib" || one == "main" => "crate".to_string(),
                _ => parts.join("::"),
            };
            let text = std::fs::read_to_string(&path).expect("read");
            let text = match text.find("#[cfg(test)]\nmod tests") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            out.insert(name, text);
        }
    }
    out
}

/// The paths after `head::` in `text`: `crate::a::b` gives ["a", "b"], and a group
/// `super::{a, b::c}` gives ["a"] and ["b", "c"].
fn paths_after<'t>(text: &'t str, head: &str) -> Vec<Vec<&'t str>> {
    let mut out = Vec::new();
    let needle = format!("{head}::");
    let mut rest = text;
    while let Some(i) = rest.find(&needle) {
        let before = rest[..i].chars().next_back();
        let tail = &rest[i + needle.len()..];
        rest = tail;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        match tail.strip_prefix('{') {
            Some(group) => {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let segs = segments(item.trim());
                    if !segs.is_empty() {
                        out.push(segs);
                    }
                }
            }
            None => out.push(segments(tail)),
        }
    }
    out
}

/// The leading `a::b::c` of a text, as identifiers.
fn segments(mut t: &str) -> Vec<&str> {
    let mut segs = Vec::new();
    loop {
        let end = t
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(t.len());
        if end == 0 {
            break;
        }
        segs.push(&t[..end]);
        match t[end..].strip_prefix("::") {
            Some(next) => t = next,
            None => break,
        }
    }
    segs
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules();
    let resolve = |base: &[&str], segs: &[&str]| -> Option<String> {
        for n in (1..=segs.len()).rev() {
            let cand: Vec<&str> = base.iter().chain(&segs[..n]).copied().collect();
            let cand = cand.join("::");
            if mods.contains_key(&cand) {
                return Some(cand);
            }
        }
        (!base.is_empty()).then(|| base.join("::"))
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, text) in &mods {
        let me: Vec<&str> = if name == "crate" {
            Vec::new()
        } else {
            name.split("::").collect()
        };
        let mut targets = BTreeSet::new();
        for segs in paths_after(text, "crate") {
            targets.extend(resolve(&[], &segs));
        }
        for mut segs in paths_after(text, "super") {
            let mut base = me[..me.len().saturating_sub(1)].to_vec();
            while segs.first() == Some(&"super") {
                base.pop();
                segs.remove(0);
            }
            targets.extend(resolve(&base, &segs));
        }
        for segs in paths_after(text, "self") {
            targets.extend(resolve(&me, &segs));
        }
        // A parent that calls into a child (`flow::body`) depends on it.
        for line in text.lines() {
            let line = line.trim_start().trim_start_matches("pub ");
            if let Some(child) = line.strip_prefix("mod ").and_then(|l| l.strip_suffix(';')) {
                let child_path = format!(
                    "{}{child}",
                    if me.is_empty() {
                        String::new()
                    } else {
                        format!("{name}::")
                    }
                );
                if text.contains(&format!("{child}::")) {
                    targets.insert(child_path);
                }
            }
        }
        targets.remove(name);
        targets.remove("crate");
        edges.insert(name.clone(), targets);
    }
    edges
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let edges = graph();
    assert!(edges.len() > 30, "modules found: {}", edges.len());
    assert!(edges["project"].contains("load"), "the graph sees imports");
    // Depth-first search for a back edge; report the cycle it closes.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == node) {
            return Some(stack[i..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        let cycle = visit(node, &edges, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "import cycle: {:?}", cycle.unwrap());
    }
}

#[test]
fn the_cli_is_thin_and_alone_reads_the_environment() {
    for (name, text) in modules() {
        let in_cli = name == "crate" || name == "cli" || name.starts_with("cli::");
        if name.starts_with("cli") {
            let lines = text.lines().count();
            assert!(
                lines <= 120,
                "src/{name}: {lines} lines (the CLI only gathers and prints)"
            );
        }
        if !in_cli {
            for needle in ["std::env", "env::var", "SystemTime::now"] {
                assert!(!text.contains(needle), "{name} reads {needle}");
            }
        }
    }
    assert!(Path::new(&crate::common::root().join("src/cli/mod.rs")).exists());
}

/// Layout is a stage of its own: it turns the document into pages and knows nothing of the
/// renderers that write them (what both need — warnings, the link policy — is `warning`).
#[test]
fn layout_does_not_reach_into_the_renderers() {
    for (name, text) in modules() {
        if name == "layout" || name.starts_with("layout::") {
            assert!(!text.contains("crate::render"), "{name} imports a renderer");
        }
    }
}
