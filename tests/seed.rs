//! The bundled example holds the whole seed practice: every word of the seed (introduction,
//! definitions, all 14 rows, conclusion) is in the rendered document.

mod common;

use common::*;
use mentorcard::layout::{layout, LayoutOptions};

fn example_document() -> mentorcard::document::Document {
    let text = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let load = mentorcard::card::load("reverse-mentoring.toml", &text, None);
    assert!(load.diagnostics.is_empty(), "{:?}", load.diagnostics);
    let card = load.card.expect("example loads");
    layout(
        &card.card,
        &LayoutOptions {
            typography: true,
            date: None,
        },
    )
}

#[test]
fn example_document_holds_every_word_of_the_seed() {
    let doc = example_document();
    let missing = missing_words(&seed_text(), &doc.plain_text());
    assert!(
        missing.is_empty(),
        "words of the seed missing from the example: {missing:?}"
    );
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
            mentorcard::document::Block::CriteriaTable(t) => Some(t),
            _ => None,
        })
        .expect("a criteria table");
    let keys: Vec<&str> = table.rows.iter().map(|r| r.key).collect();
    let form: Vec<&str> = mentorcard::locale::CRITERIA.iter().map(|c| c.key).collect();
    assert_eq!(keys, form);
    assert_eq!(table.rows[12].number.as_deref(), Some("13."));
    assert_eq!(table.rows[13].number, None);
    assert_eq!(
        table.header,
        ["№", "Критерии", "Содержание"].map(String::from)
    );
}
