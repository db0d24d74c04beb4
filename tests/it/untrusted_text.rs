//! A card is untrusted input, and one policy holds for every format and for the terminal:
//! control characters are never written (Markdown, HTML, DOCX) nor drawn (PDF), a link whose
//! scheme is not allowed is plain text everywhere with the same warning, and a diagnostic
//! shows a control character of the card visibly instead of sending it to the terminal.

use std::time::Duration;

use crate::common::*;

const LIMIT: Duration = Duration::from_secs(60);

/// The example with escape sequences, NUL, BEL, a C1 CSI and a `javascript:` link in one
/// criterion, written as TOML escapes (TOML allows no raw control character in a string).
fn hostile_card() -> String {
    let example = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    example.replacen(
        "concept = \"",
        "concept = \"\\u001B[2J\\u0000\\u0007\\u009B31m [нажми](javascript:alert(1)) ",
        1,
    )
}

/// A C0 or C1 control other than a line break or tab.
fn control_in(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
}

fn docx_part(path: &std::path::Path, name: &str) -> String {
    zip_part(&std::fs::read(path).expect("the DOCX"), name)
}

#[test]
fn no_format_writes_control_characters_or_a_refused_link() {
    let dir = scratch("untrusted-formats");
    std::fs::write(dir.join("card.toml"), hostile_card()).unwrap();
    let r = run_limited(&dir, &["build", "card.toml"], &[], LIMIT);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let read = |ext: &str| std::fs::read_to_string(dir.join(format!("card.{ext}"))).unwrap();
    let docx = dir.join("card.docx");
    let texts = [
        ("md", read("md")),
        ("html", read("html")),
        ("docx", docx_part(&docx, "word/document.xml")),
        (
            "docx rels",
            docx_part(&docx, "word/_rels/document.xml.rels"),
        ),
    ];
    for (what, text) in &texts {
        assert_eq!(control_in(text), None, "{what} has a control character");
        assert!(
            !text.to_lowercase().contains("javascript"),
            "{what} kept the link"
        );
        let has_text = *what == "docx rels" || text.contains("нажми");
        assert!(has_text, "{what} lost the link's text");
    }
    // The PDF draws no substitute for a control character, and links only what is allowed.
    let pdf = std::fs::read(dir.join("card.pdf")).unwrap();
    assert!(!String::from_utf8_lossy(&pdf)
        .to_lowercase()
        .contains("javascript"));
    for code in ["U+001B", "U+0000", "U+0007", "U+009B"] {
        assert!(
            !r.stderr.contains(code),
            "the PDF drew {code}:\n{}",
            r.stderr
        );
    }
    // Every format says the same about the link, at the criterion it is in.
    for format in ["PDF", "HTML", "Markdown", "DOCX"] {
        let said = format!("{format}: ссылка \"javascript:alert(1)\" записана простым текстом");
        assert!(
            r.stderr.contains(&said),
            "no warning for {format}:\n{}",
            r.stderr
        );
    }
    assert_eq!(
        control_in(&r.stderr),
        None,
        "the terminal got a control character"
    );
}

#[test]
fn diagnostics_show_control_characters_visibly_with_carets_in_place() {
    let dir = scratch("untrusted-terminal");
    std::fs::write(
        dir.join("card.toml"),
        "title = \"Новая\u{1b}[31m практика\"\n",
    )
    .unwrap();
    let r = run_limited(&dir, &["check", "card.toml"], &[], LIMIT);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let shown = r.stdout + &r.stderr;
    assert_eq!(control_in(&shown), None, "{shown:?}");
    assert!(
        // The caret stands under the control character itself, shown as ␛.
        shown.contains("\n1 | title = \"Новая␛[31m практика\"\n  |               ^\n"),
        "{shown}"
    );

    // A key written with escapes reaches the message text: it is shown visibly too, and so is
    // a right-to-left override, which would reorder what the terminal shows.
    std::fs::write(
        dir.join("card.toml"),
        "\"\\u001b[32mключ\\u202e\" = 1\ntitle = \"x\"\n",
    )
    .unwrap();
    let r = run_limited(&dir, &["check", "card.toml"], &[], LIMIT);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let shown = r.stdout + &r.stderr;
    assert_eq!(control_in(&shown), None, "{shown:?}");
    assert!(!shown.contains('\u{202e}'), "{shown:?}");
    assert!(shown.contains("«␛[32mключ\\u{202e}»"), "{shown}");
}

/// A file name is the user's too: a failure naming it does not send its escape either.
#[test]
fn a_failure_naming_a_file_shows_its_control_characters_visibly() {
    let dir = scratch("untrusted-file-name");
    let r = run_limited(&dir, &["check", "нет\u{1b}[2J.toml"], &[], LIMIT);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(control_in(&r.stderr), None, "{:?}", r.stderr);
    assert!(r.stderr.contains("нет␛[2J.toml"), "{}", r.stderr);
}
