//! The card's text seen as the form's values, and the form's changes written back into that
//! text. Writing goes through `toml_edit`, which keeps the teacher's file as she wrote it:
//! comments, key order, blank lines and the quoting of every value she did not touch stay
//! byte for byte; only an edited value's own lines change. A text of several lines is
//! written as a `'''` block, the way the scaffold and the examples write them.

use std::ops::Range;

use serde_json::{Map, Value as Json};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

/// Why a value cannot go into the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A control character (other than a tab or a line break), at this character index.
    ControlCharacter { at: usize },
    /// The path is not a field of the form.
    NotAField,
    /// The card's text is not TOML, so nothing can be written into it.
    Unreadable,
}

/// A field's path split into keys: `criteria.goal` → `["criteria", "goal"]`.
fn keys(path: &str) -> Vec<&str> {
    path.split('.').filter(|k| !k.is_empty()).collect()
}

/// The value at `path` in a parsed card, as JSON; `None` where the card has no such key.
pub fn value_at(root: &Item, path: &str) -> Option<Json> {
    let mut item = root;
    for key in keys(path) {
        item = item.get(key)?;
    }
    item_json(item)
}

/// The values of `paths` in the card's text (absent keys are left out); `None` when the text
/// is not TOML.
pub fn values(text: &str, paths: &[&str]) -> Option<Map<String, Json>> {
    let doc: DocumentMut = text.parse().ok()?;
    let found = paths
        .iter()
        .filter_map(|p| Some((p.to_string(), value_at(doc.as_item(), p)?)));
    Some(found.collect())
}

fn item_json(item: &Item) -> Option<Json> {
    match item {
        Item::None => None,
        Item::Value(v) => Some(value_json(v)),
        Item::Table(t) => Some(Json::Object(
            t.iter()
                .filter_map(|(k, v)| Some((k.to_string(), item_json(v)?)))
                .collect(),
        )),
        Item::ArrayOfTables(a) => Some(Json::Array(
            a.iter()
                .filter_map(|t| item_json(&Item::Table(t.clone())))
                .collect(),
        )),
    }
}

fn value_json(value: &Value) -> Json {
    match value {
        Value::String(s) => Json::String(s.value().clone()),
        Value::Integer(i) => Json::from(*i.value()),
        Value::Float(f) => Json::from(*f.value()),
        Value::Boolean(b) => Json::Bool(*b.value()),
        Value::Datetime(d) => Json::String(d.value().to_string()),
        Value::Array(a) => Json::Array(a.iter().map(value_json).collect()),
        Value::InlineTable(t) => Json::Object(
            t.iter()
                .map(|(k, v)| (k.to_string(), value_json(v)))
                .collect(),
        ),
    }
}

/// Two values the same for the form: a text's trailing line breaks and spaces do not count
/// (a `'''` block ends with one; a text area may not).
pub fn same(a: Option<&Json>, b: Option<&Json>) -> bool {
    fn norm(v: Option<&Json>) -> Json {
        match v {
            None | Some(Json::Null) => Json::String(String::new()),
            Some(Json::String(s)) => Json::String(s.trim_end().to_string()),
            Some(Json::Array(items)) => Json::Array(items.iter().map(|i| norm(Some(i))).collect()),
            Some(Json::Object(map)) => Json::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), norm(Some(v))))
                    .filter(|(_, v)| v != &Json::String(String::new()))
                    .collect(),
            ),
            Some(other) => other.clone(),
        }
    }
    norm(a) == norm(b)
}

/// The first control character a TOML value could hold only as an escape the teacher would
/// never recognise (tabs and line breaks are text); anywhere inside a JSON value.
pub fn control_character(value: &Json) -> Option<usize> {
    match value {
        Json::String(s) => s
            .chars()
            .position(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
        Json::Array(items) => items.iter().find_map(control_character),
        Json::Object(map) => map.values().find_map(control_character),
        _ => None,
    }
}

/// The card's text with each `(path, value)` written in; everything else stays as it was.
/// A value equal to the card's ([`same`]) is not touched; an empty text or list whose key is
/// absent is not added. All or nothing: one refused value writes none.
pub fn apply(text: &str, changes: &[(String, Json)]) -> Result<String, Vec<(String, Refusal)>> {
    let mut doc: DocumentMut = match text.parse() {
        Ok(doc) => doc,
        Err(_) => return Err(vec![(String::new(), Refusal::Unreadable)]),
    };
    let mut refused = Vec::new();
    for (path, value) in changes {
        if let Some(at) = control_character(value) {
            refused.push((path.clone(), Refusal::ControlCharacter { at }));
            continue;
        }
        let old = value_at(doc.as_item(), path);
        let unchanged = old.is_some() && same(old.as_ref(), Some(value));
        if unchanged || (old.is_none() && is_empty(value)) {
            continue;
        }
        if !set(doc.as_table_mut(), &keys(path), value) {
            refused.push((path.clone(), Refusal::NotAField));
        }
    }
    match refused.is_empty() {
        true => Ok(doc.to_string()),
        false => Err(refused),
    }
}

fn is_empty(value: &Json) -> bool {
    match value {
        Json::Null => true,
        Json::String(s) => s.trim().is_empty(),
        Json::Array(a) => a.is_empty(),
        Json::Object(o) => o.values().all(is_empty),
        _ => false,
    }
}

/// Writes `value` at `keys` under `table`, making the tables on the way.
fn set(table: &mut Table, keys: &[&str], value: &Json) -> bool {
    let Some((last, parents)) = keys.split_last() else {
        return false;
    };
    let mut table = table;
    for key in parents {
        let entry = table.entry(key).or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        });
        table = match entry.as_table_mut() {
            Some(t) => t,
            None => return false,
        };
    }
    let old = table.get(last);
    match json_item(value, old) {
        Some(item) => {
            match table.get_mut(last) {
                Some(slot) => {
                    let decor = slot.as_value().map(|v| v.decor().clone());
                    *slot = item;
                    if let (Some(decor), Some(v)) = (decor, slot.as_value_mut()) {
                        *v.decor_mut() = decor;
                    }
                }
                None => {
                    table.insert(last, item);
                }
            }
            true
        }
        None => false,
    }
}

/// The TOML item for a JSON value: a list of tables is written as `[[…]]` sections (a table
/// the form did not change is kept with its comments), other lists and tables inline.
fn json_item(value: &Json, old: Option<&Item>) -> Option<Item> {
    match value {
        Json::Array(items) if !items.is_empty() && items.iter().all(Json::is_object) => {
            let was = old.and_then(Item::as_array_of_tables);
            let inline_before = old.is_some_and(|o| o.as_array().is_some());
            if inline_before {
                return Some(Item::Value(json_value(value)?));
            }
            let mut tables = ArrayOfTables::new();
            for (i, item) in items.iter().enumerate() {
                let kept = was
                    .and_then(|w| w.get(i))
                    .filter(|t| same(item_json(&Item::Table((*t).clone())).as_ref(), Some(item)));
                match kept {
                    Some(t) => tables.push(t.clone()),
                    None => tables.push(json_table(item.as_object()?)?),
                }
            }
            Some(Item::ArrayOfTables(tables))
        }
        Json::Object(map) if old.is_none_or(|o| o.is_table()) => {
            Some(Item::Table(json_table(map)?))
        }
        _ => Some(Item::Value(json_value(value)?)),
    }
}

/// The keys of a record in the order the form shows them (and the scaffold writes them);
/// others after them, in the order of their names.
const KEY_ORDER: &[&str] = &[
    "name",
    "position",
    "organisation",
    "term",
    "definition",
    "role",
    "mentoring",
    "shares",
    "learns",
    "text",
    "start",
    "end",
    "school_years",
];

fn ordered(map: &Map<String, Json>) -> Vec<(&String, &Json)> {
    let mut entries: Vec<_> = map.iter().filter(|(_, v)| !is_empty(v)).collect();
    let rank = |k: &str| {
        KEY_ORDER
            .iter()
            .position(|o| *o == k)
            .unwrap_or(KEY_ORDER.len())
    };
    entries.sort_by_key(|(k, _)| rank(k));
    entries
}

fn json_table(map: &Map<String, Json>) -> Option<Table> {
    let mut table = Table::new();
    for (key, value) in ordered(map) {
        table.insert(key, Item::Value(json_value(value)?));
    }
    Some(table)
}

fn json_value(value: &Json) -> Option<Value> {
    Some(match value {
        Json::Null => return None,
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::from(i),
            None => Value::from(n.as_f64()?),
        },
        Json::String(s) => text_value(s),
        Json::Array(items) => {
            let mut array = Array::new();
            for item in items.iter().filter(|i| !is_empty(i)) {
                array.push(json_value(item)?);
            }
            if items.len() > 1 && array.to_string().chars().count() > 60 {
                for v in array.iter_mut() {
                    v.decor_mut().set_prefix("\n  ");
                }
                array.set_trailing("\n");
                array.set_trailing_comma(true);
            }
            Value::Array(array)
        }
        Json::Object(map) => {
            let mut table = InlineTable::new();
            for (key, value) in ordered(map) {
                table.insert(key, json_value(value)?);
            }
            Value::InlineTable(table)
        }
    })
}

/// A text as TOML: one line as a quoted string; several as a `'''` block starting on the
/// line after the key (the quotes' own line break is not part of the value), unless the text
/// holds `'''` itself, when the block is a `"""` one with escapes.
fn text_value(text: &str) -> Value {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if !text.contains('\n') {
        return Value::from(text);
    }
    let body = text.trim_end_matches([' ', '\n']);
    if !body.contains("'''") && !body.ends_with('\'') {
        if let Ok(value) = format!("'''\n{body}\n'''").parse::<Value>() {
            return value;
        }
    }
    Value::from(format!("{body}\n"))
}

/// Where each form field stands in the card's text: for a key and value, from the key to the
/// end of the value; for each `[[…]]` section, from its header to the next header. A field is
/// the longest of `paths` that is a prefix of the key's own path.
pub fn field_spans(text: &str, paths: &[&str]) -> Vec<(String, Range<usize>)> {
    let Ok(doc) = toml_edit::Document::parse(text) else {
        return Vec::new();
    };
    let mut anchors = Vec::new();
    walk(doc.as_table(), &mut String::new(), &mut anchors);
    anchors.sort_by_key(|(_, span)| span.start);
    let field_of = |path: &str| {
        let prefix = |p: &&&str| path == **p || path.starts_with(&format!("{p}."));
        paths
            .iter()
            .filter(prefix)
            .max_by_key(|p| p.len())
            .map(|p| p.to_string())
    };
    anchors
        .into_iter()
        .filter_map(|(path, span)| Some((field_of(&path)?, span)))
        .collect()
}

fn walk(table: &Table, path: &mut String, out: &mut Vec<(String, Range<usize>)>) {
    let base = path.len();
    for (key, item) in table.iter() {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        match item {
            Item::Table(t) => {
                if let Some(span) = t.span() {
                    out.push((path.clone(), span));
                }
                walk(t, path, out);
            }
            Item::ArrayOfTables(a) => {
                for t in a.iter() {
                    if let Some(span) = t.span() {
                        out.push((path.clone(), span));
                    }
                    walk(t, path, out);
                }
            }
            _ => {
                let start = table.key(key).and_then(|k| k.span()).map(|s| s.start);
                let end = item.span().map(|s| s.end);
                if let (Some(start), Some(end)) = (start, end) {
                    out.push((path.clone(), start..end));
                }
            }
        }
        path.truncate(base);
    }
}

/// The field a place in the text belongs to: the last field that starts at or before it.
pub fn field_at(spans: &[(String, Range<usize>)], offset: usize) -> Option<&str> {
    let i = spans.partition_point(|(_, s)| s.start <= offset);
    i.checked_sub(1).map(|i| spans[i].0.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CARD: &str = "# Карточка\ntitle = \"Старое\"  # заголовок\n\n[criteria]\n# цель\ngoal = '''\nПервый абзац.\n\nВторой.\n'''\nproblem = \"П\"\n\n[[criteria.participants]]\nrole = \"Учитель\" # кто\n\n[[criteria.participants]]\nrole = \"Ученик\"\n";

    fn change(path: &str, value: Json) -> Vec<(String, Json)> {
        vec![(path.to_string(), value)]
    }

    #[test]
    fn an_edit_changes_only_its_own_lines() {
        let out = apply(CARD, &change("criteria.problem", json!("Новая проблема"))).unwrap();
        assert_eq!(
            out,
            CARD.replace("problem = \"П\"", "problem = \"Новая проблема\"")
        );
        let out = apply(CARD, &change("title", json!("Новое"))).unwrap();
        assert_eq!(
            out,
            CARD.replace("\"Старое\"", "\"Новое\""),
            "the comment stays"
        );
    }

    #[test]
    fn several_lines_are_a_literal_block() {
        let out = apply(
            CARD,
            &change("criteria.problem", json!("Один.\n\nДва \"в\" \\ н")),
        )
        .unwrap();
        assert!(
            out.contains("problem = '''\nОдин.\n\nДва \"в\" \\ н\n'''\n"),
            "{out}"
        );
        let back = values(&out, &["criteria.problem"]).unwrap();
        assert_eq!(back["criteria.problem"], json!("Один.\n\nДва \"в\" \\ н\n"));
        let out = apply(CARD, &change("criteria.problem", json!("a '''\nb'"))).unwrap();
        let back = values(&out, &["criteria.problem"]).unwrap();
        assert_eq!(back["criteria.problem"], json!("a '''\nb'\n"));
    }

    #[test]
    fn an_unchanged_value_keeps_its_spelling() {
        let out = apply(
            CARD,
            &change("criteria.goal", json!("Первый абзац.\n\nВторой.")),
        )
        .unwrap();
        assert_eq!(out, CARD);
    }

    #[test]
    fn new_keys_go_into_their_section_and_new_files_get_sections() {
        let out = apply(CARD, &change("criteria.concept", json!("Идея"))).unwrap();
        let concept = out.find("concept = \"Идея\"").unwrap();
        assert!(
            concept < out.find("[[criteria.participants]]").unwrap(),
            "{out}"
        );
        let out = apply("", &change("criteria.goal", json!("Цель"))).unwrap();
        assert_eq!(out, "[criteria]\ngoal = \"Цель\"\n");
        assert_eq!(apply("", &change("criteria.goal", json!(""))).unwrap(), "");
        assert!(
            same(None, Some(&Json::Null)),
            "an absent key is what a new page starts from"
        );
    }

    #[test]
    fn lists_of_tables_keep_the_tables_left_alone() {
        let people = json!([{"role": "Учитель"}, {"role": "Студент", "mentoring": "наставник"}]);
        let out = apply(CARD, &change("criteria.participants", people)).unwrap();
        assert!(out.contains("role = \"Учитель\" # кто"), "{out}");
        assert!(
            out.contains("role = \"Студент\"\nmentoring = \"наставник\""),
            "{out}"
        );
        assert!(!out.contains("Ученик"));
    }

    #[test]
    fn control_characters_are_refused_and_nothing_is_written() {
        let changes = vec![
            ("title".to_string(), json!("Хорошо")),
            ("criteria.goal".to_string(), json!("а\u{7}б")),
        ];
        let refused = apply(CARD, &changes).unwrap_err();
        assert_eq!(
            refused,
            vec![("criteria.goal".into(), Refusal::ControlCharacter { at: 1 })]
        );
    }

    #[test]
    fn places_in_the_text_belong_to_fields() {
        let paths = [
            "title",
            "criteria.goal",
            "criteria.problem",
            "criteria.participants",
        ];
        let spans = field_spans(CARD, &paths);
        let at = |needle: &str| field_at(&spans, CARD.find(needle).unwrap());
        assert_eq!(at("Старое"), Some("title"));
        assert_eq!(at("Второй"), Some("criteria.goal"));
        assert_eq!(at("Ученик"), Some("criteria.participants"));
        assert_eq!(field_at(&spans, 0), None);
    }
}
