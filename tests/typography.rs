//! Russian typography as the composed document carries it: rules see the paragraph's text
//! across bold, italic and links, and every character is compared exactly (U+00A0 where a
//! line must not break).

mod common;

use common::*;
use mentorcard::compose::{compose, ComposeOptions};
use mentorcard::document::{Block, Document, Inline};
use mentorcard::profile::Profile;

const NB: char = '\u{a0}';

fn example_card() -> String {
    std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap()
}

/// The example card with its introduction's text replaced by `intro`.
fn document_with_intro(intro: &str) -> Document {
    let text = example_card();
    let opening = "[introduction]\ntext = '''\n";
    let body = text.find(opening).expect("the example has an introduction") + opening.len();
    let end = body + text[body..].find("'''").unwrap();
    compose_card(&format!("{}{intro}\n{}", &text[..body], &text[end..]))
}

fn compose_card(toml_text: &str) -> Document {
    let load = mentorcard::load::load("card.toml", toml_text, None);
    assert!(load.diagnostics.is_empty(), "{:?}", load.diagnostics);
    let card = load.card.expect("the card loads");
    compose(
        &card.card,
        &ComposeOptions::from_profile(&Profile::gost(), None),
    )
}

fn example_document() -> Document {
    compose_card(&example_card())
}

/// The inlines of the first body paragraph whose plain text starts with `start`.
fn paragraph<'d>(doc: &'d Document, start: &str) -> &'d [Inline] {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph { content, .. } if Inline::plain(content).starts_with(start) => {
                Some(content.as_slice())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no paragraph starting with {start:?}"))
}

#[test]
fn a_dash_after_a_bold_term_is_bound_to_it() {
    let doc = document_with_intro("**Наставничество** - это технология.");
    let p = paragraph(&doc, "Наставничество");
    assert_eq!(
        p,
        [
            Inline::Strong(vec![Inline::Text("Наставничество".into())]),
            Inline::Text(format!("{NB}— это технология.")),
        ]
    );
}

#[test]
fn the_example_definitions_bind_the_dash_after_the_term() {
    let doc = example_document();
    for term in ["Наставничество", "Наставник", "Наставляемый"] {
        let p = paragraph(&doc, &format!("{term}{NB}— "));
        assert_eq!(p[0], Inline::Strong(vec![Inline::Text(term.into())]));
    }
}

#[test]
fn quotes_pair_across_styles() {
    let doc = document_with_intro("Тема \"**Реверсивное** наставничество\" и *\"учитель\"*.");
    let p = paragraph(&doc, "Тема");
    assert_eq!(
        Inline::plain(p),
        "Тема «Реверсивное наставничество» и\u{a0}«учитель»."
    );
    assert_eq!(p[0], Inline::Text("Тема «".into()));
}
