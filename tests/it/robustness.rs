//! Bad input of any kind gets diagnostics, never a panic: every prefix of the example, and
//! the example with lines deleted or duplicated, goes through load, check and layout.

use mentorcard::compose::{compose, ComposeOptions};

fn exercise(text: &str) {
    let load = mentorcard::load::load("card.toml", text, None);
    let rendered = mentorcard::diag::render_text(
        &load.source,
        &load.diagnostics,
        mentorcard::locale::Lang::Ru,
    );
    if let Some(card) = &load.card {
        let _ = mentorcard::check::check(card, mentorcard::date::Date::from_unix(0));
        let doc = compose(
            &card.card,
            &ComposeOptions::from_profile(&mentorcard::profile::Profile::gost(), None),
        );
        let _ = mentorcard::render::render_text_format(
            mentorcard::render::Format::Md,
            &doc,
            &mentorcard::render::RenderOptions::default(),
        );
    } else {
        assert!(
            !load.diagnostics.is_empty(),
            "a card that does not load must say why"
        );
        assert!(!rendered.is_empty());
    }
}

#[test]
fn every_prefix_of_the_example_is_handled() {
    let text =
        std::fs::read_to_string(crate::common::root().join("examples/reverse-mentoring.toml"))
            .unwrap();
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(37).collect();
    for end in boundaries {
        exercise(&text[..end]);
    }
}

#[test]
fn deleted_and_doubled_lines_are_handled() {
    let text =
        std::fs::read_to_string(crate::common::root().join("examples/reverse-mentoring.toml"))
            .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for i in 0..lines.len() {
        let mut without = lines.clone();
        without.remove(i);
        exercise(&without.join("\n"));
        let mut doubled = lines.clone();
        doubled.insert(i, lines[i]);
        exercise(&doubled.join("\n"));
    }
}

#[test]
fn odd_inputs() {
    for text in [
        "",
        "\u{feff}",
        "\0",
        "[[[",
        "title = \"\u{1F600}\"",
        "criteria = 5",
        "[criteria]\nname = '''",
        "a=1\r\nb=2\r\n",
    ] {
        exercise(text);
    }
}
