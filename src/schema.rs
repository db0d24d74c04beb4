//! The card's JSON Schema, generated from the Rust types, and a validator that checks the
//! spanned TOML tree against it. One source of truth: the schema editors use (Taplo, Even
//! Better TOML) is the one `check` enforces, with every problem located and explained.

use std::sync::OnceLock;

use serde_json::Value as Json;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::card::Card;
use crate::diag::{Diagnostic, SourceFile, Span};
use crate::locale;
use crate::message::{Message, Section, SyntaxKind, TypeHint, ValueKind};
use crate::path::{FieldPath, PathSeg};

/// The schema of the card, draft-07 (the newest draft Taplo supports).
pub fn card_schema() -> &'static Json {
    static SCHEMA: OnceLock<Json> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft07().into_generator();
        let mut schema = generator.into_root_schema_for::<Card>().to_value();
        if let Some(obj) = schema.as_object_mut() {
            obj.insert(
                "title".into(),
                "Карточка практики наставничества (mentorcard)".into(),
            );
            obj.insert(
                "$id".into(),
                "https://mentorcard.invalid/card.schema.json".into(),
            );
        }
        schema
    })
}

/// The schema of a collection file (`[collection]`), validated by the same machinery.
pub fn collection_schema() -> &'static Json {
    static SCHEMA: OnceLock<Json> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft07().into_generator();
        generator
            .into_root_schema_for::<crate::collection::CollectionFile>()
            .to_value()
    })
}

/// The schema as pretty JSON text, as `mentorcard schema` prints it.
pub fn schema_text() -> String {
    serde_json::to_string_pretty(card_schema()).unwrap_or_default() + "\n"
}

/// A TOML syntax error as a diagnostic; `more` is how many further errors the parser found.
pub fn syntax_error(e: &toml::de::Error, source: &SourceFile, more: usize) -> Diagnostic {
    let raw = e.message().trim();
    let span = e
        .span()
        .map(Span::from)
        .map(|s| syntax_span(raw, s, source));
    Diagnostic::new(Message::Syntax {
        kind: classify_syntax(raw),
        raw: raw.to_string(),
        more,
    })
    .at(span)
}

/// Where to underline a syntax error so the caret covers what the user must fix: an unclosed
/// string from its opening quote to the line end, a bad escape with its backslash, and never a
/// zero-width point past the end of a line.
fn syntax_span(raw: &str, s: Span, source: &SourceFile) -> Span {
    let text = &source.text;
    let start = s.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_end = if text[..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    };
    if raw.contains("must be quoted") {
        // An unquoted value: underline it from after `=` to the line end.
        let line = &text[line_start..line_end];
        if let Some(eq) = line.find('=') {
            let value = line[eq + 1..].trim_start();
            let open = line_end - value.len();
            if open < line_end {
                return Span::new(open, line_end);
            }
        }
    }
    if raw.contains("basic string") || raw.contains("literal string") {
        // The opening quote is the first quote after `=` on this line.
        let line = &text[line_start..line_end];
        if let Some(eq) = line.find('=') {
            if let Some(q) = line[eq..].find(['"', '\'']) {
                let open = line_start + eq + q;
                if open < line_end {
                    return Span::new(open, line_end);
                }
            }
        }
    }
    if raw.contains("escape") && start > 0 && text.as_bytes()[start - 1] == b'\\' {
        let next = text[start..].chars().next().map_or(0, char::len_utf8);
        return Span::new(start - 1, (start + next).min(line_end.max(start)));
    }
    if s.start == s.end && start > 0 && text[..start].ends_with('\n') {
        return Span::new(start - 1, start - 1);
    }
    s
}

/// What kind of syntax error the parser's (English) message describes.
fn classify_syntax(raw: &str) -> SyntaxKind {
    let has = |s: &str| raw.contains(s);
    if has("must be quoted") {
        SyntaxKind::MustBeQuoted
    } else if has("duplicate key") {
        SyntaxKind::DuplicateKey
    } else if has("invalid basic string")
        || has("unclosed") && has("string")
        || has("missing closing quote")
        || has("invalid string")
    {
        SyntaxKind::UnclosedString
    } else if has("escape") {
        SyntaxKind::BadEscape
    } else if has("multi-line") {
        SyntaxKind::UnclosedMultiline
    } else if has("missing assignment") || has("missing value") || has("expected `=`") {
        SyntaxKind::MissingAssignment
    } else if has("unclosed table") || has("unclosed array table") || has("missing table") {
        SyntaxKind::UnclosedHeader
    } else if has("array") && (has("comma") || has("unclosed") || has("opening")) {
        SyntaxKind::BadArray
    } else if has("inline table") {
        SyntaxKind::BadInlineTable
    } else if has("date") {
        SyntaxKind::BadDate
    } else if has("expected newline") {
        SyntaxKind::TrailingText
    } else if has("invalid unquoted key") || has("invalid key") {
        SyntaxKind::NonLatinKey
    } else if has("key") {
        SyntaxKind::BadKey
    } else {
        SyntaxKind::Other
    }
}

/// Checks the parsed tree against the card schema and returns every breach, located.
pub fn validate_card(root: &Spanned<DeTable>, source: &SourceFile) -> Vec<Diagnostic> {
    validate(root, source, card_schema())
}

/// Checks a parsed tree against a schema and returns every breach, located.
pub fn validate(
    root: &Spanned<DeTable>,
    source: &SourceFile,
    schema: &'static Json,
) -> Vec<Diagnostic> {
    let mut v = Validator {
        root: schema,
        source,
        out: Vec::new(),
    };
    let span: Span = root.span().into();
    v.object(root.get_ref(), span, schema, &mut Vec::new(), true);
    v.out
}

struct Validator<'a> {
    root: &'a Json,
    source: &'a SourceFile,
    out: Vec<Diagnostic>,
}

/// The TOML kind of a value, for "expected X, found Y" messages.
fn kind_of(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "number",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "object",
    }
}

/// A JSON Schema type name as the kind messages speak of.
fn value_kind(kind: &str) -> ValueKind {
    match kind {
        "string" => ValueKind::String,
        "integer" => ValueKind::Integer,
        "number" => ValueKind::Number,
        "boolean" => ValueKind::Boolean,
        "datetime" | "date" => ValueKind::Date,
        "array" => ValueKind::Array,
        "object" => ValueKind::Object,
        _ => ValueKind::Value,
    }
}

impl<'a> Validator<'a> {
    fn resolve(&self, mut schema: &'a Json) -> &'a Json {
        for _ in 0..16 {
            // Draft-07 output wraps a described `$ref` as `allOf: [{$ref}]`.
            if let Some([only]) = schema
                .get("allOf")
                .and_then(Json::as_array)
                .map(Vec::as_slice)
            {
                schema = only;
                continue;
            }
            match schema.get("$ref").and_then(Json::as_str) {
                Some(r) => {
                    let pointer = r.trim_start_matches('#');
                    match self.root.pointer(pointer) {
                        Some(s) => schema = s,
                        None => return schema,
                    }
                }
                None => return schema,
            }
        }
        schema
    }

    fn value(&mut self, value: &Spanned<DeValue>, schema: &'a Json, path: &mut Vec<PathSeg>) {
        let schema = self.resolve(schema);
        let span: Span = value.span().into();
        if let Some(alts) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Json::as_array)
        {
            self.alternatives(value, alts, path);
            return;
        }
        let kind = kind_of(value.get_ref());
        if let Some(expected) = schema.get("type") {
            let allowed: Vec<&str> = match expected {
                Json::String(s) => vec![s.as_str()],
                Json::Array(a) => a.iter().filter_map(Json::as_str).collect(),
                _ => vec![],
            };
            let is_date = schema.get("format").and_then(Json::as_str) == Some("date");
            let ok = allowed.iter().any(|t| {
                *t == kind
                    || (*t == "number" && kind == "integer")
                    || (is_date && kind == "datetime")
            });
            if !ok {
                let want = allowed
                    .iter()
                    .find(|t| **t != "null")
                    .copied()
                    .unwrap_or("value");
                let expected = if is_date { "date" } else { want };
                let scalar = matches!(kind, "integer" | "number" | "boolean" | "datetime");
                let hint = match path.last() {
                    Some(PathSeg::Key(key)) if want == "string" && scalar && !is_date => {
                        TypeHint::Quote {
                            key: key.clone(),
                            raw: self.raw(span),
                        }
                    }
                    _ => TypeHint::Kind {
                        want: value_kind(want),
                        found: value_kind(kind),
                        date: is_date,
                    },
                };
                self.out.push(
                    Diagnostic::new(Message::WrongType {
                        field: FieldPath::new(path),
                        expected: vec![value_kind(expected)],
                        found: value_kind(kind),
                        hint,
                    })
                    .at(span),
                );
                return;
            }
            if is_date {
                self.date(value, path);
            }
        }
        if let Some(options) = schema.get("enum").and_then(Json::as_array) {
            if let DeValue::String(s) = value.get_ref() {
                if !options.iter().any(|o| o.as_str() == Some(s)) {
                    let allowed = options
                        .iter()
                        .filter_map(Json::as_str)
                        .map(String::from)
                        .collect();
                    self.out.push(
                        Diagnostic::new(Message::UnknownValue {
                            field: FieldPath::new(path),
                            value: s.to_string(),
                            allowed,
                        })
                        .at(span),
                    );
                }
            }
        }
        match value.get_ref() {
            DeValue::Table(t) => self.object(t, span, schema, path, false),
            DeValue::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        path.push(PathSeg::Index(i));
                        self.value(item, item_schema, path);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// The value as written in the source, for hints that show how to rewrite it.
    fn raw(&self, span: Span) -> String {
        self.source
            .text
            .get(span.start..span.end)
            .unwrap_or("")
            .trim()
            .to_string()
    }

    fn date(&mut self, value: &Spanned<DeValue>, path: &[PathSeg]) {
        let span: Span = value.span().into();
        let bad = match value.get_ref() {
            DeValue::String(s) => crate::date::Date::parse(s).is_none().then(|| s.to_string()),
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => crate::date::Date::new(i32::from(d.year), d.month, d.day)
                    .is_none()
                    .then(|| dt.to_string()),
                _ => Some(dt.to_string()),
            },
            _ => None,
        };
        if let Some(text) = bad {
            self.out.push(
                Diagnostic::new(Message::InvalidDate {
                    field: FieldPath::new(path),
                    text,
                })
                .at(span),
            );
        }
    }

    /// `anyOf`: accept if any alternative fits; otherwise report against the alternative of
    /// the value's own kind (a table is checked as the structured form), or say what fits.
    fn alternatives(
        &mut self,
        value: &Spanned<DeValue>,
        alts: &'a [Json],
        path: &mut Vec<PathSeg>,
    ) {
        let kind = kind_of(value.get_ref());
        let mut best: Option<(&'a Json, Vec<Diagnostic>)> = None;
        for alt in alts {
            let alt_schema = self.resolve(alt);
            if alt_schema.get("type").and_then(Json::as_str) == Some("null") {
                continue;
            }
            let saved = std::mem::take(&mut self.out);
            self.value(value, alt, path);
            let errs = std::mem::replace(&mut self.out, saved);
            if errs.is_empty() {
                return;
            }
            let same_kind = schema_kind(alt_schema)
                .is_some_and(|k| k == kind || (k == "string" && kind == "datetime"));
            if same_kind && best.is_none() {
                best = Some((alt, errs));
            }
        }
        match best {
            Some((_, errs)) => self.out.extend(errs),
            None => {
                let raw_kinds: Vec<&str> = alts
                    .iter()
                    .filter_map(|a| schema_kind(self.resolve(a)))
                    .filter(|k| *k != "null")
                    .collect();
                let span = Span::from(value.span());
                let hint = match (raw_kinds.contains(&"string"), path.last()) {
                    (true, Some(PathSeg::Key(key))) => TypeHint::QuoteIfText {
                        key: key.clone(),
                        raw: self.raw(span),
                    },
                    _ => TypeHint::None,
                };
                let d = Diagnostic::new(Message::WrongType {
                    field: FieldPath::new(path),
                    expected: raw_kinds.iter().map(|k| value_kind(k)).collect(),
                    found: value_kind(kind),
                    hint,
                })
                .at(span);
                self.out.push(d);
            }
        }
    }

    fn object(
        &mut self,
        table: &DeTable,
        span: Span,
        schema: &'a Json,
        path: &mut Vec<PathSeg>,
        is_root: bool,
    ) {
        let schema = self.resolve(schema);
        let props = schema.get("properties").and_then(Json::as_object);
        let closed = schema.get("additionalProperties") == Some(&Json::Bool(false));
        if let Some(props) = props {
            for (k, v) in table.iter() {
                let key = k.get_ref().as_ref();
                path.push(PathSeg::Key(key.to_string()));
                match props.get(key) {
                    Some(prop_schema) => self.value(v, prop_schema, path),
                    None if closed => self.unknown_key(key, k.span().into(), props, path),
                    None => {}
                }
                path.pop();
            }
        }
        // A misspelt key already names the missing one in its hint; do not report it twice.
        let misspelt: Vec<&str> = match props {
            Some(props) if closed => table
                .iter()
                .map(|(k, _)| k.get_ref().as_ref())
                .filter(|k| !props.contains_key(*k))
                .filter_map(|k| suggest(k, props.keys().map(String::as_str)))
                .collect(),
            _ => Vec::new(),
        };
        if let Some(required) = schema.get("required").and_then(Json::as_array) {
            for name in required.iter().filter_map(Json::as_str) {
                if table.get(name).is_none() && !misspelt.contains(&name) {
                    path.push(PathSeg::Key(name.to_string()));
                    self.missing(name, span, table, path, is_root);
                    path.pop();
                }
            }
        }
    }

    fn unknown_key(
        &mut self,
        key: &str,
        span: Span,
        props: &serde_json::Map<String, Json>,
        path: &[PathSeg],
    ) {
        let parent = &path[..path.len() - 1];
        let section = match parent.split_last() {
            None => Section::Top,
            Some((PathSeg::Index(i), table)) => Section::Entry(FieldPath::new(table), *i),
            Some(_) => Section::Table(FieldPath::new(parent)),
        };
        let suggestion = suggest(key, props.keys().map(String::as_str));
        let in_criteria = parent == [PathSeg::Key("criteria".into())];
        self.out.push(
            Diagnostic::new(Message::UnknownKey {
                key: key.to_string(),
                section,
                suggestion_is_criterion: in_criteria
                    && suggestion.and_then(locale::criterion).is_some(),
                suggestion: suggestion.map(String::from),
                allowed: props.keys().cloned().collect(),
            })
            .at(span),
        );
    }

    fn missing(
        &mut self,
        name: &str,
        span: Span,
        table: &DeTable,
        path: &[PathSeg],
        is_root: bool,
    ) {
        // Point at the table's header line, or for the top level at its first line of content,
        // never at 1:1 of an unrelated comment.
        let at = if is_root {
            let first = table.iter().map(|(k, _)| k.span().start).min();
            let end = self.source.text.trim_end().len();
            Span::new(first.unwrap_or(end), first.map(|s| s + 1).unwrap_or(end))
        } else {
            header_span(self.source, span)
        };
        let info = match path {
            [PathSeg::Key(a), PathSeg::Key(b)] if a == "criteria" => locale::criterion(b),
            _ => None,
        };
        let message = match info {
            Some(info) => Message::MissingCriterion { key: info.key },
            None if name == "criteria" => Message::MissingSection,
            None => Message::MissingField {
                name: name.to_string(),
                parent: FieldPath::new(&path[..path.len() - 1]),
            },
        };
        self.out.push(Diagnostic::new(message).at(at));
    }
}

/// The header of a table (`[criteria]`, `[[criteria.participants]]`) when the span starts at
/// one, so that "missing" errors point where the user would add the line.
pub fn header_span(source: &SourceFile, span: Span) -> Span {
    let pos = source.position(span.start);
    let line = source.line_text(pos.line);
    let start = source.line_start(pos.line);
    let trimmed = line.trim_start();
    if trimmed.starts_with('[') {
        let lead = line.len() - trimmed.len();
        let end = trimmed.find(']').map(|i| i + 1).unwrap_or(trimmed.len());
        let extra = usize::from(trimmed[end..].starts_with(']'));
        Span::new(start + lead, start + lead + end + extra)
    } else if source.position(span.end).line == pos.line {
        span
    } else {
        Span::new(span.start, span.start + 1)
    }
}

fn schema_kind(schema: &Json) -> Option<&str> {
    match schema.get("type") {
        Some(Json::String(s)) => Some(s.as_str()),
        Some(Json::Array(a)) => a.iter().filter_map(Json::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

/// The closest known name to a misspelt key, if it is close enough to be a likely typo.
pub fn suggest<'k>(key: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let key_l = key.to_lowercase();
    known
        .map(|k| (edit_distance(&key_l, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["problem", "goal", "participants", "special_needs"];
        assert_eq!(suggest("problm", keys.iter().copied()), Some("problem"));
        assert_eq!(
            suggest("particpants", keys.iter().copied()),
            Some("participants")
        );
        assert_eq!(suggest("xyzzy", keys.iter().copied()), None);
    }

    #[test]
    fn schema_is_draft07_with_russian_descriptions() {
        let s = card_schema();
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        let desc = s
            .pointer("/definitions/Criteria/properties/goal/description")
            .and_then(Json::as_str);
        assert_eq!(desc, Some("4. Цель практики."));
    }
}
