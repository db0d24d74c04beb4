//! A citation pasted as the teacher has it, shown as the card will print it (ГОСТ Р
//! 7.0.100-2018 for sources, the act's full citation for normative acts), and split into the
//! card's structured fields when the built-in parsers recognise it.

use serde_json::Value as Json;

use crate::{biblio, norms};

/// A normative act — a citation as written or a structured act — as printed, and the
/// structured act when a written citation is recognised.
pub fn norm(item: &Json) -> (Option<String>, Option<Json>) {
    match item {
        Json::String(text) => match norms::recognise(text) {
            Some(act) => {
                let record = norms::cite(&norms::resolve(&act));
                (Some(record), serde_json::to_value(&act).ok())
            }
            None => (Some(text.trim().to_string()), None),
        },
        Json::Object(_) => {
            let act = serde_json::from_value::<norms::Act>(item.clone()).ok();
            (act.map(|a| norms::cite(&norms::resolve(&a))), None)
        }
        _ => (None, None),
    }
}

/// A source — a description as written or a CSL-JSON record — as printed, and the record
/// when a written description is recognised.
pub fn material(item: &Json) -> (Option<String>, Option<Json>) {
    let style = biblio::GostStyle::new();
    match item {
        Json::String(text) => match biblio::parse_plain(text) {
            Some(entry) => {
                let record = biblio::format(&entry, &style);
                (Some(record), serde_json::to_value(&entry).ok())
            }
            None => (Some(text.trim().to_string()), None),
        },
        Json::Object(_) => {
            let entry = serde_json::from_value::<biblio::Entry>(item.clone()).ok();
            (entry.map(|e| biblio::format(&e, &style)), None)
        }
        _ => (None, None),
    }
}

/// The records of a CSL-JSON file (a Zotero export) dropped on the sources; none when it is
/// not one.
pub fn csl(text: &str) -> Vec<Json> {
    let entries = biblio::from_csl_json(text).unwrap_or_default();
    entries
        .iter()
        .filter_map(|e| serde_json::to_value(e).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_law_as_teachers_write_it_becomes_an_act() {
        let (record, fields) = norm(&json!(
            "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
        ));
        assert!(record.unwrap().contains("273-ФЗ"));
        assert_eq!(
            fields.unwrap()["ref"],
            json!("273-ФЗ"),
            "a known act by its short reference"
        );
        let (record, fields) = norm(&json!("что-то своё"));
        assert_eq!((record.as_deref(), fields), (Some("что-то своё"), None));
    }

    #[test]
    fn a_book_as_teachers_write_it_becomes_a_record() {
        let text = "Александров Е.Л. Интернет - легко и просто! СПб: Питер, 2005.- 208с.";
        let (record, fields) = material(&json!(text));
        let record = record.unwrap();
        assert!(record.contains("Александров"), "{record}");
        assert!(fields.is_some(), "{record}");
    }
}
