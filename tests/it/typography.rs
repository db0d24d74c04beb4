//! Russian typography as the composed document carries it: rules see the paragraph's text
//! across bold, italic and links, and every character is compared exactly (U+00A0 where a
//! line must not break).

use crate::common::*;
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

#[test]
fn a_short_word_is_a_weak_tie_and_a_number_sign_a_strong_one() {
    let doc = document_with_intro("В данной работе № 5 и т. д.");
    let p = paragraph(&doc, "В");
    assert_eq!(
        p.to_vec(),
        [
            Inline::Text("В".into()),
            Inline::WeakTie,
            Inline::Text(format!("данной работе №{NB}5 и")),
            Inline::WeakTie,
            Inline::Text(format!("т.{NB}д.")),
        ]
    );
    assert_eq!(
        Inline::plain(p),
        format!("В{NB}данной работе №{NB}5 и{NB}т.{NB}д.")
    );
}

#[test]
fn pdf_html_and_markdown_keep_every_tie() {
    let dir = scratch("ties-every-format");
    let card = dir.join("card.toml");
    std::fs::write(&card, example_card()).unwrap();
    let r = run(&dir, &["build", "card.toml", "-f", "html,md", "-o", "out"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for file in ["card.html", "card.md"] {
        let text = std::fs::read_to_string(dir.join("out").join(file)).unwrap();
        assert!(
            text.contains(&format!("В{NB}данной работе мы{NB}постараемся")),
            "{file}"
        );
    }
}

/// The items of the materials row, as plain text.
fn materials(doc: &Document) -> Vec<String> {
    let table = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the criteria table");
    let row = table
        .rows
        .iter()
        .find(|r| r.source.is_some_and(|s| s.key == "materials"))
        .expect("the materials row");
    match &row.content[..] {
        [Block::List(list)] => list.items.iter().map(|i| Block::plain(i)).collect(),
        other => panic!("materials are a list: {other:?}"),
    }
}

/// ГОСТ's prescribed « : » and « ; » never start a line: the space before them is bound,
/// while the area dash after «Александров.» keeps its binding before the dash.
#[test]
fn a_record_never_starts_a_line_with_its_colon() {
    let items = materials(&example_document());
    assert_eq!(
        items[0],
        format!(
            "Александров, Е.{NB}Л.{NB}Интернет{NB}— легко и{NB}просто!{NB}: популярный \
             самоучитель{NB}: методическое пособие / Е.{NB}Л.{NB}Александров.{NB}— \
             Санкт-Петербург{NB}: Питер, 2005.{NB}— 208{NB}с.{NB}: ил.{NB}— Текст{NB}: \
             непосредственный.\n"
        )
    );
    // a record typed as text is a record too
    let card =
        std::fs::read_to_string(root().join("tests/fixtures/check/short-criterion/card.toml"))
            .unwrap();
    let items = materials(&compose_card(&card));
    assert!(
        items[0].contains(&format!("Санкт-Петербург{NB}: Питер, 2005.")),
        "{:?}",
        items[0]
    );
}
