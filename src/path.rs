//! Paths into a card (`criteria.norms[2]`): how the span map is keyed and how messages name a
//! field. A leaf module, so the card model, the schema validator and the message catalogue can
//! all speak of fields without importing one another.

use std::fmt;

/// One segment of a path into the card: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

/// A path into the card, as the TOML tree spells it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FieldPath(pub Vec<PathSeg>);

impl FieldPath {
    pub fn new(segments: &[PathSeg]) -> FieldPath {
        FieldPath(segments.to_vec())
    }

    /// `criteria.goal` → `FieldPath([Key(criteria), Key(goal)])`; indices as `[2]`.
    pub fn parse(text: &str) -> FieldPath {
        let mut segs = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (key, rest) = part.split_once('[').unwrap_or((part, ""));
            if !key.is_empty() {
                segs.push(PathSeg::Key(key.to_string()));
            }
            for index in rest.split('[') {
                if let Ok(i) = index.trim_end_matches(']').parse() {
                    segs.push(PathSeg::Index(i));
                }
            }
        }
        FieldPath(segs)
    }

    pub fn segments(&self) -> &[PathSeg] {
        &self.0
    }

    /// The path without its last segment.
    pub fn parent(&self) -> FieldPath {
        FieldPath(self.0[..self.0.len().saturating_sub(1)].to_vec())
    }

    /// The key under `criteria` this path lies in (`goal` for `criteria.goal.text`).
    pub fn criterion_key(&self) -> Option<&str> {
        match self.0.as_slice() {
            [PathSeg::Key(a), PathSeg::Key(b), ..] if a == "criteria" => Some(b),
            _ => None,
        }
    }

    /// The last key of the path, if the path ends in a key.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(PathSeg::Key(k)) => Some(k),
            _ => None,
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&path_string(&self.0))
    }
}

/// Renders a path as `criteria.norms[2]`, the form used in messages and span look-ups.
pub fn path_string(path: &[PathSeg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            PathSeg::Index(i) => {
                s.push('[');
                s.push_str(&i.to_string());
                s.push(']');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_it_prints() {
        for text in ["criteria.goal", "criteria.norms[2]", "a.b[0][1].c", "title"] {
            assert_eq!(FieldPath::parse(text).to_string(), text);
        }
        assert_eq!(
            FieldPath::parse("criteria.period.text").criterion_key(),
            Some("period")
        );
    }
}
