//! The card's JSON Schema, generated from the Rust types, and a validator that checks the
//! spanned TOML tree against it. One source of truth: the schema editors use (Taplo, Even
//! Better TOML) is the one `check` enforces, with every problem located and explained.

use std::sync::OnceLock;

use serde_json::Value as Json;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::card::Card;
use crate::date::DATE_PATTERN;
use crate::diag::{Diagnostic, SourceFile, Span};
use crate::locale;
use crate::message::{Message, Section, SyntaxKind, TypeHint, ValueKind};
use crate::path::{FieldPath, PathSeg};

/// The schema of the card, draft-07 (the newest draft Taplo supports).
pub fn card_schema() -> &'static Json {
    static SCHEMA: OnceLock<Json> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft07().into_generator();
        let mut schema = for_editors(generator.into_root_schema_for::<Card>().to_value());
        // A collection file (`[collection]`) takes the same schema file: the key is known,
        // and as it is not among the card's own keys, a card's required keys are not asked.
        let collection = collection_schema()
            .pointer("/properties/collection")
            .cloned();
        if let (Some(props), Some(collection)) = (
            schema.get_mut("properties").and_then(Json::as_object_mut),
            collection,
        ) {
            props.insert("collection".into(), collection);
        }
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
        let schema = generator.into_root_schema_for::<crate::collection::CollectionFile>();
        for_editors(schema.to_value())
    })
}

/// The generated schema shaped so that an editor's validator (Taplo's is the `jsonschema`
/// crate) reports one error where the card is wrong and shows every field's description:
/// definitions are written in place, since Taplo shows the description of a `$ref`'s target
/// and drops the one beside it; an `anyOf` whose branches differ by type becomes one schema
/// with a list of types, so the validator picks the branch by the value's type and reports
/// inside it instead of "not valid under any"; and a closed table asks for its required
/// keys only when it has no unknown key, so a misspelt key is one error, not also a
/// "missing" one for the key it was meant to be. `check` validates against this same shape.
pub fn for_editors(mut schema: Json) -> Json {
    let definitions = schema
        .as_object_mut()
        .and_then(|o| o.remove("definitions"))
        .unwrap_or_default();
    inline(&mut schema, &definitions, 0);
    reshape(&mut schema);
    entries_answer_an_index(&mut schema, String::new());
    if schema.to_string().contains("\"#/definitions/") {
        // A type that contains itself cannot be written in place: keep its definition.
        if let Some(obj) = schema.as_object_mut() {
            obj.insert("definitions".into(), definitions);
        }
    }
    schema
}

/// Replaces every `$ref` (and a one-item `allOf` around it) by the definition, with the
/// use site's description, default and examples over the definition's own.
fn inline(schema: &mut Json, definitions: &Json, depth: usize) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if depth < 32 {
        let target = match (obj.get("$ref"), obj.get("allOf").and_then(Json::as_array)) {
            (Some(Json::String(r)), _) => r
                .strip_prefix("#/definitions/")
                .and_then(|name| definitions.get(name))
                .cloned(),
            (None, Some(only)) if only.len() == 1 => obj.get("allOf").map(|a| a[0].clone()),
            _ => None,
        };
        if let Some(mut target) = target {
            inline(&mut target, definitions, depth + 1);
            obj.remove("$ref");
            obj.remove("allOf");
            if let Some(t) = target.as_object_mut() {
                for (k, v) in std::mem::take(obj) {
                    t.insert(k, v);
                }
            }
            *schema = target;
            return;
        }
    }
    for_each_subschema(schema, |s| inline(s, definitions, depth + 1));
}

/// Taplo's hover looks a key inside an array entry up with the entry's index twice
/// (`criteria.participants.1.0.role`: taplo-lsp `lookup_keys` adds the last index after an
/// array its path already indexes), so it finds nothing for `role`, `term` or a norm's `ref`.
/// An entry's schema also answers an index with itself (`items` pointing back at it): that
/// keyword applies to arrays only, so it changes nothing a validator accepts.
fn entries_answer_an_index(schema: &mut Json, at: String) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    for (key, value) in obj.iter_mut() {
        match (key.as_str(), value) {
            ("properties", Json::Object(props)) => {
                for (name, prop) in props.iter_mut() {
                    let name = name.replace('~', "~0").replace('/', "~1");
                    entries_answer_an_index(prop, format!("{at}/properties/{name}"));
                }
            }
            ("items", item @ Json::Object(_)) => {
                let here = format!("{at}/items");
                entries_answer_an_index(item, here.clone());
                let is_table = match item.get("type") {
                    Some(Json::String(t)) => t == "object",
                    Some(Json::Array(a)) => a.iter().any(|t| t == "object"),
                    _ => false,
                };
                if is_table && item.get("items").is_none() {
                    item["items"] = serde_json::json!({ "$ref": format!("#{here}") });
                }
            }
            _ => {}
        }
    }
}

/// Applies `f` to every schema directly inside this one.
fn for_each_subschema(schema: &mut Json, mut f: impl FnMut(&mut Json)) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    for (key, value) in obj.iter_mut() {
        match (key.as_str(), value) {
            ("properties", Json::Object(props)) => props.values_mut().for_each(&mut f),
            ("anyOf" | "oneOf" | "allOf", Json::Array(alts)) => alts.iter_mut().for_each(&mut f),
            ("items" | "additionalProperties" | "if" | "then" | "else" | "not", v) => match v {
                Json::Array(items) => items.iter_mut().for_each(&mut f),
                v => f(v),
            },
            _ => {}
        }
    }
}

/// Keywords that apply to one type only, so schemas of different types can share an object.
fn keyword_type(keyword: &str) -> Option<&'static [&'static str]> {
    Some(match keyword {
        "minLength" | "maxLength" | "pattern" => &["string"],
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            &["integer", "number"]
        }
        "properties"
        | "required"
        | "additionalProperties"
        | "patternProperties"
        | "propertyNames"
        | "minProperties"
        | "maxProperties"
        | "if"
        | "then" => &["object"],
        "x-taplo" => &["object"],
        "items" | "minItems" | "maxItems" | "uniqueItems" | "contains" => &["array"],
        "format" => &["string"],
        _ => return None,
    })
}

/// Bottom up: merges `anyOf` branches of distinct types, then guards `required`.
fn reshape(schema: &mut Json) {
    for_each_subschema(schema, reshape);
    integer_range(schema);
    if let Some(merged) = merge_by_type(schema) {
        *schema = merged;
    }
    guard_required(schema);
}

/// `anyOf: [{type: string}, {type: object, properties…}]` → `{type: [string, object],
/// properties…}`, when the branches' types differ and no keyword of a branch applies to a
/// type of another.
fn merge_by_type(schema: &Json) -> Option<Json> {
    let obj = schema.as_object()?;
    let alts = obj.get("anyOf")?.as_array()?;
    let types_of = |alt: &Json| -> Option<Vec<String>> {
        match alt.get("type")? {
            Json::String(t) => Some(vec![t.clone()]),
            Json::Array(a) => Some(
                a.iter()
                    .filter_map(Json::as_str)
                    .map(String::from)
                    .collect(),
            ),
            _ => None,
        }
    };
    let all: Vec<Vec<String>> = alts.iter().map(types_of).collect::<Option<_>>()?;
    let mut types: Vec<Json> = Vec::new();
    let mut merged = serde_json::Map::new();
    for (alt, own) in alts.iter().zip(&all) {
        let others: Vec<&String> = all.iter().flatten().filter(|t| !own.contains(t)).collect();
        if others.len() + own.len() != all.iter().map(Vec::len).sum::<usize>() {
            return None; // two branches share a type
        }
        for (k, v) in alt.as_object()? {
            if matches!(
                k.as_str(),
                "type" | "description" | "title" | "default" | "examples"
            ) {
                continue;
            }
            let applies = keyword_type(k)?;
            if others.iter().any(|t| applies.contains(&t.as_str())) {
                return None;
            }
            if merged.insert(k.clone(), v.clone()).is_some() {
                return None;
            }
        }
        types.extend(own.iter().cloned().map(Json::from));
    }
    for (k, v) in obj.iter().filter(|(k, _)| *k != "anyOf") {
        merged.insert(k.clone(), v.clone());
    }
    merged.insert("type".into(), Json::Array(types));
    Some(Json::Object(merged))
}

/// schemars marks integer widths with a `format` no validator knows (`int32`); the range it
/// means is written as `minimum` and `maximum`, which editors and `check` both enforce.
fn integer_range(schema: &mut Json) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let range: Option<(i64, i64)> = match obj.get("format").and_then(Json::as_str) {
        Some("int8") => Some((i8::MIN.into(), i8::MAX.into())),
        Some("int16") => Some((i16::MIN.into(), i16::MAX.into())),
        Some("int32") => Some((i32::MIN.into(), i32::MAX.into())),
        Some("uint8") => Some((0, u8::MAX.into())),
        Some("uint16") => Some((0, u16::MAX.into())),
        Some("uint32") => Some((0, u32::MAX.into())),
        Some("int64" | "uint64" | "uint" | "int" | "float" | "double") => None,
        _ => return,
    };
    obj.remove("format");
    if let Some((min, max)) = range {
        obj.entry("minimum").or_insert(min.into());
        obj.entry("maximum").or_insert(max.into());
    }
}

/// A closed table asks for its required keys only when every key it has is known (`if`
/// all property names are known, `then` required). Taplo fills a new inline table with the
/// keys its extension `initKeys` names, as it did with `required`.
fn guard_required(schema: &mut Json) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if obj.get("additionalProperties") != Some(&Json::Bool(false)) {
        return;
    }
    let (Some(required), Some(props)) = (obj.remove("required"), obj.get("properties")) else {
        return;
    };
    let known: Vec<Json> = props
        .as_object()
        .map_or(Vec::new(), |p| p.keys().cloned().map(Json::from).collect());
    obj.insert(
        "if".into(),
        serde_json::json!({ "propertyNames": { "enum": known } }),
    );
    obj.insert("then".into(), serde_json::json!({ "required": required }));
    obj.insert(
        "x-taplo".into(),
        serde_json::json!({ "initKeys": required }),
    );
}

/// The keys a table must have: `required`, or those its `then` asks for (see
/// [`guard_required`]).
fn required_keys(schema: &Json) -> impl Iterator<Item = &str> {
    let list = schema
        .get("required")
        .or_else(|| schema.pointer("/then/required"))
        .and_then(Json::as_array);
    list.into_iter().flatten().filter_map(Json::as_str)
}

/// The schema as pretty JSON text, as `mentorcard schema` prints it.
pub fn schema_text() -> String {
    serde_json::to_string_pretty(card_schema()).unwrap_or_default() + "\n"
}

/// A TOML syntax error as a diagnostic; `more` is how many further errors the parser found.
pub fn syntax_error(e: &toml::de::Error, source: &SourceFile, more: usize) -> Diagnostic {
    let raw = e.message().trim();
    if let Some((kind, typed, span)) = e.span().and_then(|s| typed_value(s.start, source)) {
        return Diagnostic::new(Message::Syntax {
            kind,
            raw: typed,
            more,
        })
        .at(span);
    }
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

/// What the value on the error's line says about the mistake, where the parser's words would
/// mislead: `12.05.2025` is «invalid float» to it, a date to the teacher; “…” from Word is
/// «must be quoted», though she did quote it. The kind, what she typed, and the value's span.
fn typed_value(at: usize, source: &SourceFile) -> Option<(SyntaxKind, String, Span)> {
    let text = &source.text;
    let at = at.min(text.len());
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    // the value the error is in: after the last `=` before it (inline tables hold several)
    let upto = (at - line_start).min(line.len());
    let eq = line.get(..upto)?.rfind('=')?;
    let rest = line[eq + 1..].trim_start();
    let value_start = line_start + eq + 1 + (line[eq + 1..].len() - rest.len());
    let end = rest.find([',', '}', ']']).unwrap_or(rest.len());
    let value = rest[..end].split(" #").next().unwrap_or("").trim_end();
    let span = Span::new(value_start, value_start + value.len());
    let first = value.chars().next()?;
    if matches!(first, '“' | '”' | '„' | '«' | '»' | '‘' | '’') {
        return Some((SyntaxKind::CurlyQuotes, first.to_string(), span));
    }
    let parts: Vec<&str> = value.split('.').collect();
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    match parts.as_slice() {
        [d, m, y] if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) => {
            Some((SyntaxKind::DottedDate, value.to_string(), span))
        }
        _ => None,
    }
}

/// The first control character in the text, as the syntax error it causes: the parser
/// reports it as whatever it was reading (an unclosed multi-line string), far from the
/// character, which the terminal does not even show.
pub fn control_char(source: &SourceFile, more: usize) -> Option<Diagnostic> {
    let text = &source.text;
    let (at, c) = text.char_indices().find(|&(i, c)| {
        let line_break = c == '\n' || (c == '\r' && text[i + 1..].starts_with('\n'));
        (c.is_ascii_control() && c != '\t' && !line_break) || c == '\u{7f}'
    })?;
    Some(
        Diagnostic::new(Message::Syntax {
            kind: SyntaxKind::ControlChar,
            raw: format!("U+{:04X}", u32::from(c)),
            more,
        })
        .at(Span::new(at, at + c.len_utf8())),
    )
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
        top: Section::Top,
    };
    let span: Span = root.span().into();
    v.object(root.get_ref(), span, schema, &mut Vec::new(), true);
    v.out
}

struct Validator<'a> {
    root: &'a Json,
    source: &'a SourceFile,
    out: Vec<Diagnostic>,
    /// What the file's top level is called in messages (a card, a profile).
    top: Section,
}

/// The schema of a profile file: the profile's fields, `base`, and the names
/// `required_rows` and `required_metadata` may hold.
pub fn profile_schema() -> &'static Json {
    static SCHEMA: OnceLock<Json> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft07().into_generator();
        let root = generator.into_root_schema_for::<crate::profile::Profile>();
        let mut schema = for_editors(root.to_value());
        let names = |list: Vec<&str>| serde_json::json!({ "type": "string", "enum": list });
        if let Some(props) = schema["properties"].as_object_mut() {
            let base = names(crate::profile::Profile::NAMES.to_vec());
            props.insert("base".into(), base);
        }
        let rows = locale::CRITERIA.iter().map(|c| c.key).collect();
        schema["properties"]["limits"]["properties"]["required_rows"]["items"] = names(rows);
        let fields = crate::profile::METADATA.to_vec();
        schema["properties"]["limits"]["properties"]["required_metadata"]["items"] = names(fields);
        schema
    })
}

/// Checks a profile file as a card is checked: syntax, unknown keys (with the closest
/// name), types, names in lists, and sizes in their ranges, every problem located.
pub fn validate_profile(source: &SourceFile) -> Vec<Diagnostic> {
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    if let Some(e) = errors.first() {
        let more = errors.len() - 1;
        return vec![control_char(source, more).unwrap_or_else(|| syntax_error(e, source, more))];
    }
    let schema = profile_schema();
    let mut v = Validator {
        root: schema,
        source,
        out: Vec::new(),
        top: Section::Profile,
    };
    v.object(
        root.get_ref(),
        root.span().into(),
        schema,
        &mut Vec::new(),
        true,
    );
    v.out.sort_by_key(|d| d.span.map(|s| s.start));
    v.out
}

/// The span of the first of `keys` the file's top level has.
pub fn key_span(source: &SourceFile, keys: &[&str]) -> Option<Span> {
    let (root, _) = DeTable::parse_recoverable(&source.text);
    let table = root.get_ref();
    keys.iter()
        .find_map(|k| table.get_key_value(*k))
        .map(|(k, _)| Span::from(k.span()))
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
            let is_date = schema.get("pattern").and_then(Json::as_str) == Some(DATE_PATTERN);
            let ok = allowed.iter().any(|t| {
                *t == kind
                    || (*t == "number" && kind == "integer")
                    || (is_date && kind == "datetime")
            });
            let kinds: Vec<&str> = allowed.iter().copied().filter(|t| *t != "null").collect();
            if !ok && kinds.len() > 1 {
                // A value that may be of several kinds, like a text or a table.
                self.none_fits(value, kinds, path);
                return;
            }
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
        self.range(value, schema, path);
        if let Some(options) = schema.get("enum").and_then(Json::as_array) {
            if let DeValue::String(s) = value.get_ref() {
                if !options.iter().any(|o| o.as_str() == Some(s)) {
                    let allowed = options
                        .iter()
                        .filter_map(Json::as_str)
                        .map(String::from)
                        .collect();
                    let suggestion = suggest(s, options.iter().filter_map(Json::as_str));
                    self.out.push(
                        Diagnostic::new(Message::UnknownValue {
                            field: FieldPath::new(path),
                            value: s.to_string(),
                            allowed,
                            suggestion: suggestion.map(String::from),
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

    /// `minimum` and `maximum` of a number; NaN is in no range.
    fn range(&mut self, value: &Spanned<DeValue>, schema: &Json, path: &[PathSeg]) {
        let number = match value.get_ref() {
            DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => return,
        };
        let min = schema.get("minimum").and_then(Json::as_f64);
        let max = schema.get("maximum").and_then(Json::as_f64);
        let inside = number.is_some_and(|n| {
            !n.is_nan() && min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)
        });
        if !inside && (min.is_some() || max.is_some() || number.is_none_or(f64::is_nan)) {
            let span: Span = value.span().into();
            self.out.push(
                Diagnostic::new(Message::OutOfRange {
                    field: FieldPath::new(path),
                    value: self.raw(span),
                    min,
                    max,
                })
                .at(span),
            );
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
                self.none_fits(value, raw_kinds, path);
            }
        }
    }

    /// The value is of none of the kinds a field may have.
    fn none_fits(&mut self, value: &Spanned<DeValue>, kinds: Vec<&str>, path: &[PathSeg]) {
        let span = Span::from(value.span());
        let hint = match (kinds.contains(&"string"), path.last()) {
            (true, Some(PathSeg::Key(key))) => TypeHint::QuoteIfText {
                key: key.clone(),
                raw: self.raw(span),
            },
            _ => TypeHint::None,
        };
        let d = Diagnostic::new(Message::WrongType {
            field: FieldPath::new(path),
            expected: kinds.iter().map(|k| value_kind(k)).collect(),
            found: value_kind(kind_of(value.get_ref())),
            hint,
        })
        .at(span);
        self.out.push(d);
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
        for name in required_keys(schema) {
            if table.get(name).is_none() && !misspelt.contains(&name) {
                path.push(PathSeg::Key(name.to_string()));
                self.missing(name, span, table, path, is_root);
                path.pop();
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
            None => self.top.clone(),
            Some((PathSeg::Index(i), table)) => Section::Entry(FieldPath::new(table), *i),
            Some(_) => Section::Table(FieldPath::new(parent)),
        };
        let suggestion = suggest(key, props.keys().map(String::as_str));
        let in_criteria = parent == [PathSeg::Key("criteria".into())];
        let top_keys = self.root.get("properties").and_then(Json::as_object);
        let belongs_at_top =
            !parent.is_empty() && top_keys.is_some_and(|top| top.contains_key(key));
        self.out.push(
            Diagnostic::new(Message::UnknownKey {
                key: key.to_string(),
                section,
                suggestion_is_criterion: in_criteria
                    && suggestion.and_then(locale::criterion).is_some(),
                suggestion: suggestion.map(String::from),
                allowed: props.keys().cloned().collect(),
                belongs_at_top,
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
        .map(|k| (crate::similar::edit_distance(&key_l, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
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
            .pointer("/properties/criteria/properties/goal/description")
            .and_then(Json::as_str);
        assert_eq!(desc, Some("4. Цель практики."));
    }
}
