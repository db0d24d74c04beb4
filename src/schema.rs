//! The card's JSON Schema, generated from the Rust types, and a validator that checks the
//! spanned TOML tree against it. One source of truth: the schema editors use (Taplo, Even
//! Better TOML) is the one `check` enforces, with every problem located and explained.

use std::sync::OnceLock;

use serde_json::Value as Json;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::card::{path_string, Card, PathSeg};
use crate::diag::{Diagnostic, SourceFile, Span};
use crate::locale::{self, capitalise, Lang};

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

/// The schema as pretty JSON text, as `mentorcard schema` prints it.
pub fn schema_text() -> String {
    serde_json::to_string_pretty(card_schema()).unwrap_or_default() + "\n"
}

/// Explains a TOML syntax error in words a teacher understands.
pub fn syntax_error(e: &toml::de::Error, source: &SourceFile, lang: Lang) -> Diagnostic {
    let raw = e.message().trim();
    let (ru, en, hint_ru, hint_en) = explain_syntax(raw);
    let mut d = Diagnostic::error(
        "syntax",
        format!(
            "{}: {}",
            lang.t("ошибка записи TOML", "TOML syntax error"),
            lang.t(ru, en)
        ),
    )
    .with_hint(lang.t(hint_ru, hint_en).to_string());
    if ru == "ошибка в записи" || std::env::var_os("MENTORCARD_DEBUG").is_some() {
        d.message.push_str(&format!(" ({raw})"));
    }
    let span = e
        .span()
        .map(Span::from)
        .map(|s| syntax_span(raw, s, source));
    d.at(span)
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

fn explain_syntax(raw: &str) -> (&'static str, &'static str, &'static str, &'static str) {
    let has = |s: &str| raw.contains(s);
    if has("must be quoted") {
        ("текст нужно взять в кавычки", "text must be put in quotes",
         "пишите так: goal = \"текст\"; если в тексте есть кавычки \" или несколько строк, берите его в '''…'''",
         "write it as: goal = \"text\"; for text with quotes \" or several lines use '''…'''")
    } else if has("duplicate key") {
        (
            "этот ключ уже встречался выше",
            "this key was already given above",
            "оставьте ключ один раз: объедините тексты или удалите повтор",
            "keep the key once: merge the texts or delete the repeat",
        )
    } else if has("invalid basic string")
        || has("unclosed") && has("string")
        || has("missing closing quote")
        || has("invalid string")
    {
        ("строка не закрыта или содержит недопустимый символ", "the string is not closed or contains an invalid character",
         "закройте текст той же кавычкой, которой открыли; для текста в несколько строк используйте три кавычки \"\"\"…\"\"\"; обратную косую черту \\ пишите как \\\\ или берите текст в '''…'''",
         "close the text with the quote it was opened with; for several lines use triple quotes \"\"\"…\"\"\"; write a backslash as \\\\ or use '''…'''")
    } else if has("escape") {
        ("недопустимая обратная косая черта \\ в строке", "invalid backslash \\ in a string",
         "напишите \\\\ вместо \\ или возьмите текст в тройные апострофы '''…''', где \\ разрешена",
         "write \\\\ instead of \\ or put the text in triple apostrophes '''…''' where \\ is allowed")
    } else if has("multi-line") {
        (
            "многострочный текст не закрыт",
            "a multi-line text is not closed",
            "закончите текст теми же тремя кавычками, которыми он начат",
            "end the text with the same three quotes it began with",
        )
    } else if has("missing assignment") || has("missing value") || has("expected `=`") {
        (
            "после названия поля нужен знак = и значение",
            "a field name must be followed by = and a value",
            "пишите так: goal = \"текст\"",
            "write it as: goal = \"text\"",
        )
    } else if has("unclosed table") || has("unclosed array table") || has("missing table") {
        (
            "заголовок раздела не закрыт",
            "a section header is not closed",
            "заголовок раздела пишется в квадратных скобках: [criteria]",
            "a section header is written in square brackets: [criteria]",
        )
    } else if has("array") && (has("comma") || has("unclosed") || has("opening")) {
        (
            "ошибка в списке […]",
            "error in a list […]",
            "элементы списка разделяются запятыми, список закрывается ]",
            "separate list items with commas and close the list with ]",
        )
    } else if has("inline table") {
        (
            "ошибка во встроенной таблице {…}",
            "error in an inline table {…}",
            "пишите так: { term = \"…\", definition = \"…\" } — всё на одной строке, через запятые",
            "write it as: { term = \"…\", definition = \"…\" } on one line, separated by commas",
        )
    } else if has("date") {
        (
            "неверная дата: такого дня нет в календаре или дата записана не так",
            "invalid date: no such day, or written wrongly",
            "дата пишется как 2023-09-01 (год-месяц-день) или в кавычках \"01.09.2023\"",
            "write a date as 2023-09-01 (year-month-day) or in quotes \"01.09.2023\"",
        )
    } else if has("expected newline") {
        ("после значения в той же строке стоит лишний текст", "unexpected text after the value on the same line",
         "каждое поле пишется на своей строке; если внутри текста есть кавычка \", напишите её как \\\" или возьмите весь текст в '''…'''",
         "each field goes on its own line; a quote \" inside the text is written \\\" or put the whole text in '''…'''")
    } else if has("invalid unquoted key") || has("invalid key") {
        ("название поля должно быть латиницей", "a field name must be in Latin letters",
         "названия полей пишутся латиницей без пробелов, как в образце (goal, problem); русский текст — только в кавычках после =",
         "field names are Latin letters without spaces, as in the sample (goal, problem); text goes in quotes after =")
    } else if has("key") {
        (
            "недопустимое название поля",
            "invalid field name",
            "названия полей пишутся латиницей без пробелов (goal, problem); текст берите в кавычки",
            "field names are Latin letters without spaces (goal, problem); put text in quotes",
        )
    } else {
        ("ошибка в записи", "syntax error",
         "текст пишется в кавычках: goal = \"…\"; многострочный текст — в тройных кавычках \"\"\"…\"\"\"",
         "text goes in quotes: goal = \"…\"; multi-line text in triple quotes \"\"\"…\"\"\"")
    }
}

/// Checks the parsed tree against the card schema and returns every breach, located.
pub fn validate_card(root: &Spanned<DeTable>, source: &SourceFile, lang: Lang) -> Vec<Diagnostic> {
    let schema = card_schema();
    let mut v = Validator {
        root: schema,
        source,
        lang,
        out: Vec::new(),
    };
    let span: Span = root.span().into();
    v.object(root.get_ref(), span, schema, &mut Vec::new(), true);
    v.out
}

struct Validator<'a> {
    root: &'a Json,
    source: &'a SourceFile,
    lang: Lang,
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

fn kind_words(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "string" => lang.t("текст в кавычках", "text in quotes"),
        "integer" => lang.t("целое число", "a whole number"),
        "number" => lang.t("число", "a number"),
        "boolean" => lang.t("true или false", "true or false"),
        "datetime" | "date" => lang.t("дата", "a date"),
        "array" => lang.t("список […]", "a list […]"),
        "object" => lang.t("таблица (раздел)", "a table (section)"),
        _ => lang.t("значение", "a value"),
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

    /// What a field is called in messages: the form's label for criteria, else its path.
    fn field_name(&self, path: &[PathSeg]) -> String {
        if let [PathSeg::Key(a), PathSeg::Key(b), ..] = path {
            if a == "criteria" {
                if let Some(info) = locale::criterion(b) {
                    let rest = path_string(path);
                    let cap = capitalise(&info.describe(self.lang));
                    return if path.len() == 2 {
                        format!("{cap} (`{rest}`)")
                    } else {
                        format!("{cap}: `{rest}`")
                    };
                }
            }
        }
        format!("`{}`", path_string(path))
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
                let want_words = if is_date {
                    kind_words("date", self.lang)
                } else {
                    kind_words(want, self.lang)
                };
                let mut d = Diagnostic::error(
                    "wrong-type",
                    format!(
                        "{}: {} {}, {} {}",
                        self.field_name(path),
                        self.lang.t("ожидается", "expected"),
                        want_words,
                        self.lang.t("а написано:", "found"),
                        kind_words(kind, self.lang)
                    ),
                )
                .at(span);
                let scalar = matches!(kind, "integer" | "number" | "boolean" | "datetime");
                let hint = match path.last() {
                    Some(PathSeg::Key(key)) if want == "string" && scalar && !is_date => {
                        let raw = self
                            .source
                            .text
                            .get(span.start..span.end)
                            .unwrap_or("")
                            .trim();
                        format!(
                            "{} {key} = \"{raw}\"",
                            self.lang
                                .t("возьмите значение в кавычки:", "put the value in quotes:")
                        )
                    }
                    _ => self.type_hint(want, kind, is_date).to_string(),
                };
                d = d.with_hint(hint);
                self.out.push(d);
                return;
            }
            if is_date {
                self.date(value, path);
            }
        }
        if let Some(options) = schema.get("enum").and_then(Json::as_array) {
            if let DeValue::String(s) = value.get_ref() {
                if !options.iter().any(|o| o.as_str() == Some(s)) {
                    let list: Vec<&str> = options.iter().filter_map(Json::as_str).collect();
                    self.out.push(
                        Diagnostic::error(
                            "unknown-value",
                            format!(
                                "{}: {} «{s}»",
                                self.field_name(path),
                                self.lang.t("недопустимое значение", "value not allowed")
                            ),
                        )
                        .at(span)
                        .with_hint(format!(
                            "{} {}",
                            self.lang.t("допустимо:", "allowed:"),
                            list.join(", ")
                        )),
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

    fn type_hint(&self, want: &str, found: &str, is_date: bool) -> &'static str {
        match (want, found) {
            _ if is_date => self.lang.t("дату пишите как 2023-09-01 или \"01.09.2023\"", "write a date as 2023-09-01 or \"01.09.2023\""),
            ("string", "array") => self.lang.t(
                "здесь нужен один текст, а не список; пункты списка пишите внутри текста с новой строки, начиная с «- »",
                "one text is expected, not a list; write list items inside the text, each on a new line starting with \"- \"",
            ),
            ("array", _) => self.lang.t(
                "перечислите значения в квадратных скобках: [\"первое\", \"второе\"]",
                "list the values in square brackets: [\"first\", \"second\"]",
            ),
            ("object", _) => self.lang.t(
                "здесь нужен раздел с полями, например [[criteria.participants]] с role = \"…\"",
                "a section with fields is expected, e.g. [[criteria.participants]] with role = \"…\"",
            ),
            ("integer" | "number", _) => self.lang.t("напишите число без кавычек: 2024", "write a number without quotes: 2024"),
            _ => self.lang.t("исправьте значение по образцу из `mentorcard new`", "fix the value after the sample from `mentorcard new`"),
        }
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
                Diagnostic::error(
                    "invalid-date",
                    format!("{}: {} «{text}»", self.field_name(path), self.lang.t("неверная дата", "invalid date")),
                )
                .at(span)
                .with_hint(self.lang.t(
                    "такой даты нет в календаре или она записана не так; пишите 2023-09-01 или \"01.09.2023\"",
                    "no such calendar date, or it is written wrongly; write 2023-09-01 or \"01.09.2023\"",
                ).to_string()),
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
                let kinds: Vec<&str> = raw_kinds.iter().map(|k| kind_words(k, self.lang)).collect();
                let span = Span::from(value.span());
                let mut d = Diagnostic::error(
                    "wrong-type",
                    format!(
                        "{}: {} {}, {} {}",
                        self.field_name(path),
                        self.lang.t("ожидается", "expected"),
                        kinds.join(self.lang.t(" или ", " or ")),
                        self.lang.t("а написано:", "found"),
                        kind_words(kind, self.lang)
                    ),
                )
                .at(span);
                if let (true, Some(PathSeg::Key(key))) =
                    (raw_kinds.contains(&"string"), path.last())
                {
                    let raw = self
                        .source
                        .text
                        .get(span.start..span.end)
                        .unwrap_or("")
                        .trim();
                    d = d.with_hint(format!(
                        "{} {key} = \"{raw}\"",
                        self.lang.t(
                            "если это текст, возьмите его в кавычки:",
                            "if this is text, put it in quotes:"
                        )
                    ));
                }
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
        let place = if parent.is_empty() {
            self.lang
                .t("в начале карточки", "at the top of the card")
                .to_string()
        } else {
            section_words(parent, self.lang)
        };
        let mut d = Diagnostic::error(
            "unknown-key",
            format!(
                "{} «{key}» {place}",
                self.lang.t("неизвестное поле", "unknown field")
            ),
        )
        .at(span);
        match suggest(key, props.keys().map(String::as_str)) {
            Some(best) => {
                let label = if parent == [PathSeg::Key("criteria".into())] {
                    locale::criterion(best)
                        .map(|c| format!(" — {}", c.label(self.lang)))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                d = d.with_hint(format!(
                    "{} «{best}»{label}?",
                    self.lang.t("возможно, имелось в виду", "did you mean")
                ));
            }
            None => {
                let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
                names.sort_unstable();
                d = d.with_hint(format!(
                    "{} {}",
                    self.lang.t("здесь допустимы поля:", "fields allowed here:"),
                    names.join(", ")
                ));
            }
        }
        self.out.push(d);
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
        let parent = path_string(&path[..path.len() - 1]);
        let d = match info {
            Some(info) => Diagnostic::error(
                "missing-criterion",
                format!(
                    "{} {}",
                    self.lang.t("нет строки таблицы:", "missing table row:"),
                    info.describe(self.lang)
                ),
            )
            .with_hint(format!(
                "{} [criteria]: {name} = \"…\" ({})",
                self.lang.t("добавьте в раздел", "add to section"),
                info.hint(self.lang)
            )),
            None if name == "criteria" => Diagnostic::error(
                "missing-section",
                self.lang.t(
                    "в карточке нет раздела [criteria] с таблицей критериев",
                    "the card has no [criteria] section with the criteria table",
                ),
            )
            .with_hint(
                self.lang
                    .t(
                        "добавьте раздел [criteria]; образец даёт команда `mentorcard new`",
                        "add a [criteria] section; `mentorcard new` writes a sample",
                    )
                    .to_string(),
            ),
            None => Diagnostic::error(
                "missing-field",
                format!(
                    "{} «{name}»{}",
                    self.lang
                        .t("не хватает обязательного поля", "missing required field"),
                    if parent.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", self.field_name(&path[..path.len() - 1]))
                    }
                ),
            )
            .with_hint(format!(
                "{} {name} = \"…\"",
                self.lang.t("добавьте поле:", "add the field:")
            )),
        };
        self.out.push(d.at(at));
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

/// «в разделе [criteria]», or for an entry of an array of tables «в разделе
/// [[criteria.participants]] № 2», the way the user sees it in the file.
fn section_words(path: &[PathSeg], lang: Lang) -> String {
    match path.split_last() {
        Some((PathSeg::Index(i), table)) => format!(
            "{} [[{}]] № {}",
            lang.t("в разделе", "in section"),
            path_string(table),
            i + 1
        ),
        _ => format!(
            "{} [{}]",
            lang.t("в разделе", "in section"),
            path_string(path)
        ),
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
