//! The form the editor shows: every part of the card, in the order of the form, each with
//! its label — the criteria with the form's own wording, as the documents print them — and a
//! hint under it (the criteria's hints that scaffolds and messages give; for the other fields
//! the words file's, else the schema's description). The page's words come from one data
//! file per language (`page/ru.json`, `page/en.json`): adding a language adds a file.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::locale::{Lang, CRITERIA};
use crate::schema;

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One line of text.
    Line,
    /// A whole number (the year).
    Number,
    /// Paragraphs in the card's light markup.
    Text,
    Authors,
    Definitions,
    Participants,
    /// Normative acts: a citation as written, or a structured act.
    Norms,
    /// Sources: a description as written, or a CSL-JSON record.
    Materials,
    /// A text, with dates and school years if she wants them.
    Period,
}

/// One control of the form.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub path: &'static str,
    pub kind: Kind,
    pub section: &'static str,
    /// The criterion's number in the table (the special-needs row has none).
    pub number: Option<u8>,
    pub criterion: bool,
    pub label: String,
    pub hint: String,
    /// Values teachers often write (the schema's examples), offered as suggestions.
    pub examples: Vec<String>,
}

const ABOUT: &[(&str, Kind)] = &[
    ("title", Kind::Line),
    ("authors", Kind::Authors),
    ("organisation", Kind::Line),
    ("locality", Kind::Line),
    ("year", Kind::Number),
    ("form", Kind::Line),
    ("type", Kind::Line),
];

const INTRODUCTION: &[(&str, Kind)] = &[
    ("introduction.text", Kind::Text),
    ("introduction.definitions", Kind::Definitions),
    ("introduction.after_definitions", Kind::Text),
];

/// The kind of a criterion's row by its key; the rest are texts.
fn criterion_kind(key: &str) -> Kind {
    match key {
        "participants" => Kind::Participants,
        "norms" => Kind::Norms,
        "materials" => Kind::Materials,
        "period" => Kind::Period,
        _ => Kind::Text,
    }
}

/// The criteria's paths (`criteria.goal`…), in form order.
fn criterion_paths() -> &'static [String] {
    static PATHS: OnceLock<Vec<String>> = OnceLock::new();
    PATHS.get_or_init(|| {
        CRITERIA
            .iter()
            .map(|c| format!("criteria.{}", c.key))
            .collect()
    })
}

/// Every field's path, in form order.
pub fn paths() -> Vec<&'static str> {
    let about = ABOUT.iter().chain(INTRODUCTION).map(|(p, _)| *p);
    let criteria = criterion_paths().iter().map(String::as_str);
    about.chain(criteria).chain(["conclusion.text"]).collect()
}

/// The page's words in `lang`: id → whole sentence (`{name}` marks a value).
pub fn words(lang: Lang) -> &'static Map<String, Json> {
    static RU: OnceLock<Map<String, Json>> = OnceLock::new();
    static EN: OnceLock<Map<String, Json>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::Ru => (&RU, include_str!("page/ru.json")),
        Lang::En => (&EN, include_str!("page/en.json")),
    };
    cell.get_or_init(|| serde_json::from_str(text).unwrap_or_default())
}

/// One of the page's words; the id itself if a file lacks it (a test keeps both complete).
pub fn word(lang: Lang, id: &str) -> String {
    let found = words(lang).get(id).and_then(Json::as_str);
    found.unwrap_or(id).to_string()
}

/// The schema's description and examples of a field (`criteria.goal` →
/// `/properties/criteria/properties/goal`).
fn schema_entry(path: &str) -> Option<&'static Json> {
    let pointer: String = path
        .split('.')
        .map(|k| format!("/properties/{k}"))
        .collect();
    schema::card_schema().pointer(&pointer)
}

fn examples(path: &str) -> Vec<String> {
    let found = schema_entry(path)
        .and_then(|e| e.get("examples"))
        .and_then(Json::as_array);
    let found = found.into_iter().flatten().filter_map(Json::as_str);
    found.map(str::to_string).collect()
}

/// A hint as a sentence: a capital first letter.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    first.unwrap_or_default() + chars.as_str()
}

/// The whole form in `lang`.
pub fn fields(lang: Lang) -> Vec<Field> {
    let plain = |section: &'static str| {
        move |&(path, kind): &(&'static str, Kind)| {
            // A teacher's hint from the words file; the schema's description (written for
            // the TOML) only where the words have none.
            let described = schema_entry(path).and_then(|e| e.get("description"));
            let described = described.and_then(Json::as_str).map(str::to_string);
            let hint = words(lang)
                .get(&format!("hint.{path}"))
                .and_then(Json::as_str);
            Field {
                path,
                kind,
                section,
                number: None,
                criterion: false,
                label: word(lang, &format!("label.{path}")),
                hint: hint.map(str::to_string).or(described).unwrap_or_default(),
                examples: examples(path),
            }
        }
    };
    let mut out: Vec<Field> = ABOUT.iter().map(plain("about")).collect();
    out.extend(INTRODUCTION.iter().map(plain("introduction")));
    for (info, path) in CRITERIA.iter().zip(criterion_paths()) {
        out.push(Field {
            path,
            kind: criterion_kind(info.key),
            section: "criteria",
            number: info.number,
            criterion: true,
            label: info.label(lang).to_string(),
            hint: sentence(info.hint(lang)),
            examples: Vec::new(),
        });
    }
    out.extend(
        [("conclusion.text", Kind::Text)]
            .iter()
            .map(plain("conclusion")),
    );
    out
}

/// What the page needs to draw the form: the fields, the words, the choices for a
/// participant's role in the pair.
pub fn description(lang: Lang) -> Json {
    serde_json::json!({
        "lang": match lang { Lang::Ru => "ru", Lang::En => "en" },
        "fields": fields(lang),
        "words": words(lang),
        "mentoring": examples("criteria.participants.items.mentoring"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_word() {
        let (ru, en) = (words(Lang::Ru), words(Lang::En));
        assert!(ru.len() > 40, "{}", ru.len());
        let missing = |a: &Map<String, Json>, b: &Map<String, Json>| {
            a.keys()
                .filter(|k| !b.contains_key(*k))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(missing(ru, en), Vec::<String>::new(), "missing in en.json");
        assert_eq!(missing(en, ru), Vec::<String>::new(), "missing in ru.json");
    }

    #[test]
    fn every_field_has_a_label_and_a_hint_in_both_languages() {
        for lang in [Lang::Ru, Lang::En] {
            let fields = fields(lang);
            assert_eq!(fields.len(), paths().len());
            for f in &fields {
                assert!(
                    !f.label.contains('.') || f.criterion,
                    "{lang:?} {}: {}",
                    f.path,
                    f.label
                );
                assert!(!f.hint.starts_with("hint."), "{lang:?} {}", f.path);
            }
        }
        let ru = fields(Lang::Ru);
        let special = ru
            .iter()
            .find(|f| f.path == "criteria.special_needs")
            .unwrap();
        assert_eq!(
            special.label,
            "Применение практики для поддержки обучающихся с особыми образовательными или социальными потребностями"
        );
        let form = ru.iter().find(|f| f.path == "form").unwrap();
        assert!(form.examples.iter().any(|e| e == "учитель – учитель"));
    }
}
