//! The card schema as an editor sees it: validated by an independent implementation (the
//! `jsonschema` crate, the engine Taplo / Even Better TOML use), with TOML turned into JSON
//! the way Taplo does (dates become text). A mistake must give one error where it is, every
//! field must have a Russian description, and `check` and the schema must agree on dates.

use crate::common::*;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value as Json;

fn schema() -> Json {
    let r = run(&root(), &["schema"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("schema is JSON")
}

fn example() -> Json {
    let text = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    toml_to_json(&toml::from_str(&text).unwrap())
}

/// Where an editor puts each error: Taplo underlines the value at the error's path, and for
/// an unknown key the key itself (since Taplo 0.10). Returned as `path: keyword`.
fn editor_errors(schema: &Json, card: &Json) -> Vec<String> {
    let validator = jsonschema::draft7::new(schema).expect("schema compiles");
    validator
        .iter_errors(card)
        .map(|e| {
            let mut at = e.instance_path().as_str().to_string();
            if let ValidationErrorKind::AdditionalProperties { unexpected } = e.kind() {
                at = format!("{at}/{}", unexpected.join(","));
            }
            format!("{at}: {}", e.kind().keyword())
        })
        .collect()
}

#[test]
fn the_example_validates_and_the_schema_is_draft07() {
    let schema = schema();
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
    assert_eq!(editor_errors(&schema, &example()), Vec::<String>::new());
}

#[test]
fn a_misspelt_key_in_criteria_is_one_error_at_that_key() {
    let mut card = example();
    let criteria = card["criteria"].as_object_mut().unwrap();
    let text = criteria.remove("problem").unwrap();
    criteria.insert("problm".into(), text);
    assert_eq!(
        editor_errors(&schema(), &card),
        ["/criteria/problm: additionalProperties"]
    );
}

#[test]
fn an_unknown_top_level_key_is_one_error_at_that_key() {
    let mut card = example();
    let top = card.as_object_mut().unwrap();
    let title = top.remove("title").unwrap();
    top.insert("titel".into(), title);
    top.insert("autor".into(), "Иванова".into());
    assert_eq!(
        editor_errors(&schema(), &card),
        ["/autor,titel: additionalProperties"]
    );
    // A required key that is simply missing is still reported.
    card.as_object_mut().unwrap().remove("titel");
    card.as_object_mut().unwrap().remove("autor");
    assert_eq!(editor_errors(&schema(), &card), [": required"]);
}

#[test]
fn a_misspelt_key_inside_a_norm_or_a_period_table_is_one_error_there() {
    let mut card = example();
    card["criteria"]["norms"][1]
        .as_object_mut()
        .unwrap()
        .insert("nmber".into(), "94".into());
    card["criteria"]["period"] =
        serde_json::json!({ "text": "С 2023 года.", "strat": "2023-09-01" });
    card["criteria"]["materials"][0]
        .as_object_mut()
        .unwrap()
        .insert("titel".into(), "x".into());
    assert_eq!(
        editor_errors(&schema(), &card),
        [
            "/criteria/materials/0/titel: additionalProperties",
            "/criteria/norms/1/nmber: additionalProperties",
            "/criteria/period/strat: additionalProperties",
        ]
    );
}

/// Every description an editor can show, with its place in the schema.
fn descriptions(schema: &Json, at: &str, out: &mut Vec<(String, String)>) {
    match schema {
        Json::Object(obj) => {
            if let Some(props) = obj.get("properties").and_then(Json::as_object) {
                for (key, prop) in props {
                    let text = prop.get("description").and_then(Json::as_str);
                    out.push((format!("{at}/{key}"), text.unwrap_or("").to_string()));
                }
            }
            if let Some(Json::String(text)) = obj.get("description") {
                out.push((at.to_string(), text.clone()));
            }
            for (k, v) in obj {
                if !matches!(k.as_str(), "enum" | "const" | "examples" | "default") {
                    descriptions(v, &format!("{at}/{k}"), out);
                }
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                descriptions(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_property_and_definition_has_a_russian_description() {
    let mut all = Vec::new();
    descriptions(&schema(), "", &mut all);
    let cyrillic = |s: &str| {
        s.chars()
            .any(|c| ('а'..='я').contains(&c.to_ascii_lowercase()))
    };
    let not_russian: Vec<_> = all
        .iter()
        .filter(|(_, text)| !text.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')))
        .collect();
    assert!(not_russian.is_empty(), "{not_russian:#?}");
    assert!(all.iter().all(|(_, t)| cyrillic(t)));
    // The keys inside [[…]] entries and inline tables are among them.
    for key in [
        "/properties/criteria/properties/participants/items/properties/role",
        "/properties/criteria/properties/participants/items/properties/mentoring",
        "/properties/introduction/properties/definitions/items/properties/term",
        "/properties/criteria/properties/norms/items/properties/ref",
    ] {
        assert!(
            all.iter().any(|(at, _)| at == key),
            "no description at {key}"
        );
    }
}

/// What Taplo shows on hover over a key: the descriptions of the schemas it finds at the
/// key's path, following `$ref` (ignoring what stands beside it), `anyOf`, `oneOf`, `allOf`
/// (without the schema around an `allOf`), `properties` and `items`
/// (taplo-common `Schemas::collect_schemas`). The path is the one Taplo 0.10 builds (see
/// [`taplo_path`]).
fn hover(root: &Json, schema: &Json, path: &[&str], out: &mut Vec<String>) {
    if !schema.is_object() {
        return;
    }
    if let Some(r) = schema.get("$ref").and_then(Json::as_str) {
        let target = root.pointer(r.trim_start_matches('#')).unwrap();
        return hover(root, target, path, out);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for alt in schema
            .get(key)
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            hover(root, alt, path, out);
        }
    }
    let Some((first, rest)) = path.split_first() else {
        if schema.get("allOf").is_none() {
            let text = schema.get("description").and_then(Json::as_str);
            out.push(text.unwrap_or("").to_string());
        }
        return;
    };
    match first.parse::<usize>() {
        Ok(_) => hover(root, &schema["items"], rest, out),
        Err(_) => hover(root, &schema["properties"][*first], rest, out),
    }
}

/// taplo-lsp's hover runs `lookup_keys` over a key's path, which adds an array's last index
/// after the array even when the path already has the entry's index:
/// `criteria.participants.0.role` is looked up as `criteria.participants.N.0.role`.
fn taplo_path(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in path.split('.') {
        if key.parse::<usize>().is_ok() {
            out.push("1".to_string());
        }
        out.push(key.to_string());
    }
    out
}

#[test]
fn hover_over_a_key_shows_its_own_description_once() {
    let schema = schema();
    let cases = [
        ("criteria", "Таблица «№ | Критерии | Содержание»."),
        ("language", "Язык карточки и подписей: ru или en."),
        ("criteria.period", "11. Период реализации практики"),
        ("criteria.period.start", "Дата начала."),
        ("criteria.participants.0.role", "Должность или роль"),
        ("criteria.participants.0.mentoring", "Роль в паре"),
        ("introduction.definitions.0.term", "Термин"),
        ("criteria.norms.0.ref", "Краткая ссылка на акт"),
        ("criteria.materials.0.issued", "Год издания"),
    ];
    for (path, want) in cases {
        let mut shown = Vec::new();
        let keys = taplo_path(path);
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        hover(&schema, &schema, &keys, &mut shown);
        shown.retain(|s| !s.is_empty());
        assert_eq!(shown.len(), 1, "{path}: {shown:#?}");
        assert!(shown[0].starts_with(want), "{path}: {shown:#?}");
    }
}

/// The dates `check` accepts are the ones the schema accepts, as text and as TOML dates.
#[test]
fn check_and_the_schema_agree_on_dates() {
    let schema = schema();
    let dir = scratch("schema-dates");
    let samples = [
        ("\"02.03.2018\"", true),
        ("\"2.3.2018\"", true),
        ("\"2018-03-02\"", true),
        ("2018-03-02", true),
        ("\"29.02.2024\"", true),
        ("\"29.02.2000\"", true),
        ("2024-02-29", true),
        ("\"29.02.2023\"", false),
        ("\"29.02.1900\"", false),
        ("\"31.04.2023\"", false),
        ("\"30.02.2023\"", false),
        ("\"00.01.2023\"", false),
        ("\"2023-13-01\"", false),
        ("\"02.03.18\"", false),
        ("\"2 марта 2018\"", false),
        ("\"02/03/2018\"", false),
        ("2018-03-02T10:00:00", false),
    ];
    let example = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    for (written, valid) in samples {
        let card = example.replace(
            "ref = \"Указ № 94\"\n",
            &format!("ref = \"Указ № 94\"\ndate = {written}\n"),
        );
        assert_ne!(card, example, "the example cites Указ № 94");
        std::fs::write(dir.join("card.toml"), &card).unwrap();
        let check = run(&dir, &["check", "card.toml"]);
        let json = toml_to_json(&toml::from_str(&card).unwrap());
        let errors = editor_errors(&schema, &json);
        assert_eq!(
            check.code == 0,
            valid,
            "check on {written}:\n{}",
            check.stdout
        );
        assert_eq!(errors.is_empty(), valid, "schema on {written}: {errors:?}");
        if !valid {
            assert!(check.stdout.contains("неверная дата"), "{}", check.stdout);
            assert_eq!(errors, ["/criteria/norms/1/date: pattern"], "{written}");
        }
    }
}

#[test]
fn new_example_writes_the_schema_its_directive_names_beside_it() {
    let dir = scratch("schema-new-example");
    let r = run(&dir, &["new", "--example", "папка/пример.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let card = std::fs::read_to_string(dir.join("папка/пример.toml")).unwrap();
    let directive = card.lines().next().unwrap();
    let target = directive
        .strip_prefix("#:schema ")
        .expect("a #:schema line");
    assert_eq!(target, "./mentorcard.schema.json");
    let beside = dir.join("папка").join(target);
    assert_eq!(
        std::fs::read_to_string(beside).unwrap(),
        run(&dir, &["schema"]).stdout
    );
}

#[test]
fn the_shipped_example_finds_its_schema_beside_it() {
    // A teacher copies the examples folder: the directive must resolve there, not above it.
    let example = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let directive = example.lines().next().unwrap();
    let target = directive
        .strip_prefix("#:schema ")
        .expect("a #:schema line");
    assert_eq!(target, "./mentorcard.schema.json");
    let committed = std::fs::read_to_string(root().join("examples").join(target)).unwrap();
    assert_eq!(
        committed,
        run(&root(), &["schema"]).stdout,
        "run `mentorcard schema -o examples/mentorcard.schema.json`"
    );
}
