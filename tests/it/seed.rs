//! The bundled example holds the whole seed practice: every word of the seed (introduction,
//! definitions, all 14 rows, conclusion) is in the rendered document.

use crate::common::*;
use mentorcard::compose::{compose, ComposeOptions};

fn example_document() -> mentorcard::document::Document {
    let text = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let load = mentorcard::load::load("reverse-mentoring.toml", &text, None);
    assert!(load.diagnostics.is_empty(), "{:?}", load.diagnostics);
    let card = load.card.expect("example loads");
    compose(
        &card.card,
        &ComposeOptions::from_profile(&mentorcard::profile::Profile::gost(), None),
    )
}

#[test]
fn example_document_holds_every_word_of_the_seed() {
    let doc = example_document();
    let missing = missing_words(&seed_text(), &doc.plain_text());
    let unexplained: Vec<&String> = missing
        .iter()
        .filter(|w| !RESTATED_IN_STANDARD_FORM.contains(&w.as_str()))
        .collect();
    assert!(
        unexplained.is_empty(),
        "words of the seed missing from the example: {unexplained:?}"
    );
}

#[test]
fn outside_norms_and_materials_every_seed_word_is_kept_verbatim() {
    // The seed without rows 7 and 13: every word, repeats counted, must be in the document.
    let seed = seed_text();
    let row7 = seed.find("\t7.\n").unwrap();
    let row8 = seed.find("\t8.\n").unwrap();
    let row13 = seed.find("\t13.\n").unwrap();
    let special = seed.find("\tПрименение практики").unwrap();
    let rest = format!(
        "{}{}{}",
        &seed[..row7],
        &seed[row8..row13],
        &seed[special..]
    );
    let missing = missing_words(&rest, &example_document().plain_text());
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn norms_and_materials_come_out_as_standard_citations() {
    let text = example_document().plain_text().replace('\u{a0}', " ");
    for expected in [
        "1. Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации» (с изм. и доп. от 24.04.2020 № 147-ФЗ)",
        "Указ Президента Российской Федерации от 02.03.2018 № 94 «Об учреждении знака отличия „За наставничество“»",
        "1. Александров, Е. Л. Интернет — легко и просто! : популярный самоучитель : методическое пособие / Е. Л. Александров. — Санкт-Петербург : Питер, 2005. — 208 с. : ил. — Текст : непосредственный.",
        "Кузнецов, М. В. PHP. Практика создания Web-сайтов : учебное пособие / М. В. Кузнецов, И. В. Симдянов. — 2-е изд. — Санкт-Петербург : БХВ-Петербург, 2009. — 1264 с. — Текст : непосредственный.",
        "Нартова-Бочавер, С. Психология личности и межличностных отношений / С. Нартова-Бочавер. — Москва : ЭКСМО-Пресс, 2001. — Текст : непосредственный.",
    ] {
        assert!(text.contains(expected), "missing: {expected}\n\n{text}");
    }
}

#[test]
fn the_word_check_can_fail() {
    let missing = missing_words("наставник наставник Padlet", "наставник Padlet");
    assert_eq!(missing, vec!["наставник".to_string()]);
}

#[test]
fn example_table_has_the_fourteen_rows_in_form_order() {
    let doc = example_document();
    let table = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            mentorcard::document::Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("a criteria table");
    let keys: Vec<&str> = table
        .rows
        .iter()
        .map(|r| r.source.map(|s| s.key).unwrap_or_default())
        .collect();
    let form: Vec<&str> = mentorcard::locale::CRITERIA.iter().map(|c| c.key).collect();
    assert_eq!(keys, form);
    assert_eq!(table.rows[12].number.as_deref(), Some("13."));
    assert_eq!(table.rows[13].number, None);
    assert_eq!(
        table.header,
        ["№", "Критерии", "Содержание"].map(String::from)
    );
}
