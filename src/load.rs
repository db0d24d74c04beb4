//! Loading a card: TOML text → the typed [`Card`] with every value's source span.
//!
//! Three steps, so that *all* problems are reported at once: parse TOML with recovery into a
//! spanned tree; validate that tree against the JSON Schema generated from the card's own
//! types (unknown keys, wrong types, missing fields, bad dates) and find what is left
//! unfilled; only then hand the text to serde.

use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::biblio;
use crate::card::{Card, LoadedCard, Material, SourceMap};
use crate::collection::{Collection, CollectionFile};
use crate::diag::{Diagnostic, SourceFile, Span};
use crate::locale::{self, Lang};
use crate::message::{MaterialsProblem, Message, Unfilled};
use crate::path::PathSeg;
use crate::world::World;

/// Result of loading: the card if it could be built, and every problem found on the way.
pub struct Load {
    pub card: Option<LoadedCard>,
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// Language for messages: the override, else the card's `language` key, else Russian.
    pub lang: Lang,
}

/// Whether a file's text is a collection (it has a `[collection]` table), not a card.
pub fn is_collection(text: &str) -> bool {
    let (root, _) = DeTable::parse_recoverable(text);
    root.get_ref().contains_key("collection")
}

/// Whether bytes are a card's TOML (a `title` or `[criteria]` at the top), whatever the
/// file is called: a card named `.txt` or `.md` is still read as the card it is.
pub fn is_card_text(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let (root, _) = DeTable::parse_recoverable(text);
    let root = root.get_ref();
    root.contains_key("title") || root.contains_key("criteria")
}

/// A loaded collection file with its source and span map.
pub struct LoadedCollection {
    /// `None` when the file has errors that keep it from being read.
    pub spec: Option<Collection>,
    pub source: SourceFile,
    pub spans: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub lang: Lang,
}

/// Parses and validates a collection file as a card is: every problem located.
pub fn load_collection(name: &str, text: &str, lang_override: Option<Lang>) -> LoadedCollection {
    let text: &str = &old_mac_line_breaks(text);
    let source = SourceFile::new(name, text);
    let (root, mut parse_errors) = DeTable::parse_recoverable(text);
    let mut diagnostics: Vec<Diagnostic> = first_syntax_error(&mut parse_errors, &source)
        .into_iter()
        .collect();
    let spans = spans_of(&root);
    if diagnostics.is_empty() {
        let schema = crate::schema::collection_schema();
        diagnostics.extend(crate::schema::validate(&root, &source, schema));
    }
    let mut spec = None;
    if diagnostics.is_empty() {
        match toml::from_str::<CollectionFile>(text) {
            Ok(file) => spec = Some(file.collection),
            Err(e) => diagnostics.push(
                Diagnostic::new(Message::InvalidCard {
                    detail: e.message().to_string(),
                })
                .at(e.span().map(Span::from)),
            ),
        }
    }
    let lang = lang_override
        .or(spec.as_ref().map(|s| s.language))
        .unwrap_or_default();
    LoadedCollection {
        spec,
        source,
        spans,
        diagnostics,
        lang,
    }
}

fn spans_of(root: &Spanned<DeTable>) -> SourceMap {
    let mut spans = SourceMap::default();
    spans.record(&[], None, root.span().into());
    for (k, v) in root.get_ref().iter() {
        let mut path = vec![PathSeg::Key(k.get_ref().to_string())];
        collect_spans(v, &mut path, Some(k.span().into()), &mut spans);
    }
    spans
}

/// The earliest syntax error, the only one shown: later ones are often consequences of it,
/// and after one the parser's recovery often misreads the rest of the file (an unclosed
/// ''' swallows everything). A control character is named as such.
fn first_syntax_error(errors: &mut [toml::de::Error], source: &SourceFile) -> Option<Diagnostic> {
    errors.sort_by_key(|e| e.span().map(|s| s.start).unwrap_or(usize::MAX));
    let first = errors.first()?;
    let more = errors.len() - 1;
    Some(
        crate::schema::control_char(source, more)
            .unwrap_or_else(|| crate::schema::syntax_error(first, source, more)),
    )
}

/// Parses and validates a card's text; never panics, whatever the input.
pub fn load(name: &str, text: &str, lang_override: Option<Lang>) -> Load {
    let text: &str = &old_mac_line_breaks(text);
    let source = SourceFile::new(name, text);
    let (root, mut parse_errors) = DeTable::parse_recoverable(text);
    let card_lang = root
        .get_ref()
        .get("language")
        .and_then(|v| match v.get_ref() {
            DeValue::String(s) => Lang::from_code(s),
            _ => None,
        });
    let lang = lang_override.or(card_lang).unwrap_or_default();
    let mut diagnostics: Vec<Diagnostic> = first_syntax_error(&mut parse_errors, &source)
        .into_iter()
        .collect();
    let spans = spans_of(&root);
    let mut card = None;
    if diagnostics.is_empty() {
        diagnostics.extend(crate::schema::validate_card(&root, &source));
    }
    // Unfilled criteria are errors, but the card still loads so its other checks can run too.
    let unfilled = unfilled(&root, &source);
    if diagnostics.is_empty() {
        match toml::from_str::<Card>(text) {
            Ok(c) => {
                card = Some(LoadedCard {
                    card: c,
                    source: source.clone(),
                    spans,
                })
            }
            Err(e) => diagnostics.push(
                Diagnostic::new(Message::InvalidCard {
                    detail: e.message().to_string(),
                })
                .at(e.span().map(Span::from)),
            ),
        }
    }
    if parse_errors.is_empty() {
        diagnostics.extend(unfilled);
    }
    Load {
        card,
        source,
        diagnostics,
        lang,
    }
}

/// Line breaks as old Mac editors wrote them, a lone CR, read as LF. One byte for one, so
/// every span still points at the same place of the file.
pub fn old_mac_line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    let lone_cr = |(i, b): (usize, &u8)| *b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n');
    if !text.as_bytes().iter().enumerate().any(lone_cr) {
        return text.into();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let lone = c == '\r' && bytes.get(i + 1) != Some(&b'\n');
        out.push(if lone { '\n' } else { c });
    }
    out.into()
}

fn collect_spans(
    value: &Spanned<DeValue>,
    path: &mut Vec<PathSeg>,
    key: Option<Span>,
    map: &mut SourceMap,
) {
    map.record(path, key, value.span().into());
    match value.get_ref() {
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                path.push(PathSeg::Key(k.get_ref().to_string()));
                collect_spans(v, path, Some(k.span().into()), map);
                path.pop();
            }
        }
        DeValue::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(PathSeg::Index(i));
                collect_spans(v, path, None, map);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Reads `materials_file` (a Zotero CSL-JSON export, relative to `base_dir`) through the
/// world and appends its entries to the materials. Problems are located at the
/// `materials_file` line. Returns the path it read, if any.
pub fn include_materials(
    loaded: &mut LoadedCard,
    world: &dyn World,
    base_dir: &Path,
) -> (Vec<Diagnostic>, Option<std::path::PathBuf>) {
    let Some(file) = loaded.card.criteria.materials_file.clone() else {
        return (Vec::new(), None);
    };
    let span = loaded.span("criteria.materials_file");
    let path = base_dir.join(&file);
    let problem = |problem| {
        vec![Diagnostic::new(Message::MaterialsFile {
            file: file.clone(),
            problem,
        })
        .at(span)]
    };
    let bytes = match world.read(&path) {
        Ok(b) => b,
        Err(e) => return (problem(MaterialsProblem::Unreadable(e)), Some(path)),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return (
            problem(MaterialsProblem::Unreadable(
                crate::world::FileError::NotUtf8,
            )),
            Some(path),
        );
    };
    // A BOM is how Windows Notepad marks UTF-8; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match biblio::from_csl_json(text) {
        Ok(entries) => {
            loaded
                .card
                .criteria
                .materials
                .extend(entries.into_iter().map(|e| Material::Entry(Box::new(e))));
            (Vec::new(), Some(path))
        }
        Err(e) => (problem(MaterialsProblem::Invalid(e)), Some(path)),
    }
}

/// Unfilled title and criteria, found on the parsed tree so that they are reported together
/// with schema errors (a misspelt key elsewhere must not hide an empty criterion).
fn unfilled(root: &Spanned<DeTable>, source: &SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let blank = |v: &Spanned<DeValue>| match v.get_ref() {
        DeValue::String(s) => s.trim().is_empty(),
        DeValue::Array(a) => a.is_empty(),
        _ => false,
    };
    if let Some(title) = root.get_ref().get("title").filter(|v| blank(v)) {
        out.push(
            Diagnostic::new(Message::EmptyField {
                what: Unfilled::Title,
            })
            .at(Span::from(title.span())),
        );
    }
    let Some(DeValue::Table(criteria)) = root.get_ref().get("criteria").map(Spanned::get_ref)
    else {
        return out;
    };
    if criteria.get("materials").is_none() && criteria.get("materials_file").is_none() {
        if let Some(table) = root.get_ref().get("criteria") {
            out.push(
                Diagnostic::new(Message::MissingCriterion { key: "materials" })
                    .at(crate::schema::header_span(source, Span::from(table.span()))),
            );
        }
    }
    for info in locale::CRITERIA {
        let Some(value) = criteria.get(info.key) else {
            continue;
        };
        let value = match value.get_ref() {
            DeValue::Table(t) if info.key == "period" => match t.get("text") {
                Some(text) => text,
                None => continue,
            },
            _ => value,
        };
        let from_file = info.key == "materials" && criteria.get("materials_file").is_some();
        if blank(value) && !from_file {
            out.push(
                Diagnostic::new(Message::EmptyCriterion { key: info.key })
                    .at(Span::from(value.span())),
            );
        } else if let Some(text) = placeholder(value.get_ref()) {
            out.push(
                Diagnostic::new(Message::PlaceholderCriterion {
                    key: info.key,
                    text,
                })
                .at(Span::from(value.span())),
            );
        }
    }
    out
}

/// What people type where text is still to come; a criterion holding only this (or a list of
/// only these) is as unfilled as an empty one, though it is not blank.
const PLACEHOLDERS: &[&str] = &[
    "…",
    "...",
    "..",
    ".",
    "-",
    "--",
    "—",
    "–",
    "?",
    "??",
    "???",
    "!",
    "*",
    "x",
    "xx",
    "xxx",
    "нет",
    "todo",
    "tbd",
    "n/a",
    "н/д",
    "текст",
    "text",
];

/// Whether a text is only a stand-in for text still to come: `check` reports the criterion
/// as unfilled and says nothing else about it.
pub(crate) fn is_placeholder(text: &str) -> bool {
    let s = text.trim().trim_end_matches(['.', '!']).trim();
    let s = if s.is_empty() && !text.trim().is_empty() {
        "."
    } else {
        s
    };
    PLACEHOLDERS.contains(&s.to_lowercase().as_str())
}

/// The placeholder a value holds instead of text, as written (trimmed).
fn placeholder(value: &DeValue) -> Option<String> {
    let is = |s: &str| is_placeholder(s);
    match value {
        DeValue::String(s) if is(s) => Some(s.trim().to_string()),
        DeValue::Array(items) if !items.is_empty() => {
            let texts: Vec<&str> = items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(s) if is(s) => Some(s.as_ref()),
                    _ => None,
                })
                .collect::<Option<_>>()?;
            Some(texts[0].trim().to_string())
        }
        _ => None,
    }
}
