//! CSL-JSON, as Zotero exports it: the keys a card can hold, notes and revisions read into
//! fields, anything else refused with the key that caused it.

use crate::date::Date;
use crate::message::CslError;

use super::model::Entry;

/// The CSL-JSON variables an entry keeps; the rest of a Zotero export (`id`, `abstract`,
/// `language`…) says nothing the record prints. `note` is Zotero's «Extra» field and
/// `version` becomes the revision of an act (see [`csl_note`], [`csl_revision`]).
pub(super) const CSL_KEYS: &[&str] = &[
    "type",
    "author",
    "editor",
    "compiler",
    "title",
    "genre",
    "number",
    "container-title",
    "collection-title",
    "collection-number",
    "publisher",
    "publisher-place",
    "issued",
    "edition",
    "volume",
    "issue",
    "page",
    "number-of-pages",
    "ISBN",
    "DOI",
    "URL",
    "accessed",
    "medium",
    "note",
    "version",
];

/// Zotero's «Extra» field without the lines it keeps for machines (`Citation Key: …`,
/// `PMID: …`, `tex.…: …`): a Latin key and a colon is never a note a ГОСТ record prints.
pub(super) fn csl_note(note: &str) -> Option<String> {
    let machine = |line: &str| {
        line.split_once(':').is_some_and(|(key, _)| {
            !key.is_empty()
                && key.starts_with(|c: char| c.is_ascii_alphabetic())
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_'))
        })
    };
    let lines: Vec<&str> = note
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !machine(l))
        .collect();
    (!lines.is_empty()).then(|| lines.join(". "))
}

/// CSL's `version` of an act (`29.12.2022`, `ред. от 29.12.2022`) as its revision date; a
/// version that is not a date (`2.0.9` of a program) is no revision and is dropped.
pub(super) fn csl_revision(version: &str) -> Option<String> {
    let v = version.trim().trim_start_matches('(').trim_end_matches(')');
    let v = v.strip_prefix("ред. от").unwrap_or(v).trim();
    Date::parse(v).map(|d| d.dotted())
}

/// Reads a Zotero CSL-JSON export (an array of items, or one item) into entries.
/// Errors name the item by position and title so the teacher can find it in Zotero.
pub fn from_csl_json(text: &str) -> Result<Vec<Entry>, CslError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| CslError::Syntax {
        line: e.line(),
        column: e.column(),
    })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        obj @ serde_json::Value::Object(_) => vec![obj],
        _ => return Err(CslError::NotArray),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let serde_json::Value::Object(mut map) = item else {
            return Err(CslError::ItemNotObject(i + 1));
        };
        map.retain(|k, _| CSL_KEYS.contains(&k.as_str()));
        let note = map.remove("note");
        if let Some(n) = note.as_ref().and_then(|n| n.as_str()).and_then(csl_note) {
            map.insert("note".into(), serde_json::Value::String(n));
        }
        let version = map.remove("version");
        if let Some(r) = version
            .as_ref()
            .and_then(|v| v.as_str())
            .and_then(csl_revision)
        {
            map.insert("revision".into(), serde_json::Value::String(r));
        }
        // Zotero puts the ISBN of several bindings in one field: keep the first.
        if let Some(serde_json::Value::String(isbn)) = map.get_mut("ISBN") {
            if let Some(first) = isbn.split_whitespace().next() {
                *isbn = first.to_string();
            }
        }
        let title = map
            .get("title")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string();
        if !map.contains_key("type") {
            map.insert("type".into(), serde_json::Value::String("book".into()));
        }
        let item = |field: Option<&str>, missing, value: &str, detail: String| CslError::Item {
            index: i + 1,
            title: title.clone(),
            field: field.map(String::from),
            missing,
            value: value.chars().take(60).collect(),
            detail,
        };
        if !map.contains_key("title") {
            return Err(item(Some("title"), true, "", String::new()));
        }
        let entry = serde_json::from_value::<Entry>(serde_json::Value::Object(map.clone()));
        let entry = entry.map_err(|e| match culprit(&map) {
            Some((field, value)) => item(Some(field), false, &value.to_string(), e.to_string()),
            None => item(None, false, "", e.to_string()),
        })?;
        out.push(entry);
    }
    Ok(out)
}

/// The field that keeps a CSL-JSON item from being read: the first that fails on its own
/// beside the item's type and title (serde names none in "did not match any variant").
pub(super) fn culprit(
    map: &serde_json::Map<String, serde_json::Value>,
) -> Option<(&str, &serde_json::Value)> {
    map.iter().find_map(|(k, v)| {
        let mut alone = serde_json::Map::new();
        for key in ["type", "title"] {
            if let Some(v) = map.get(key) {
                alone.insert(key.into(), v.clone());
            }
        }
        alone.insert(k.clone(), v.clone());
        serde_json::from_value::<Entry>(serde_json::Value::Object(alone))
            .is_err()
            .then_some((k.as_str(), v))
    })
}
