//! Jury copies through the binary: `build --anonymous -o DIR` writes each card under its
//! number in every format with no author, position, organisation or locality anywhere —
//! text, PDF Info, DOCX core properties, HTML `<meta>` — and a key from numbers to cards;
//! where a card's own text names an author or the organisation, the place is shown.

use std::path::PathBuf;

use crate::common::*;

const AUTHOR: &str = "Иванова Ольга Петровна";
const POSITION: &str = "учитель информатики";
const SCHOOL: &str = "МБОУ «Гимназия № 7»";
const TOWN: &str = "Вышний Волочёк";

fn entries(name: &str) -> PathBuf {
    let dir = scratch(name);
    let example = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let signed = example.replacen(
        "language = \"ru\"",
        &format!("language = \"ru\"\norganisation = \"{SCHOOL}\"\nlocality = \"{TOWN}\""),
        1,
    ) + &format!("\n[[authors]]\nname = \"{AUTHOR}\"\nposition = \"{POSITION}\"\n");
    std::fs::write(dir.join("clean.toml"), &signed).unwrap();
    let named = signed.replacen(
        "Тема наставничества",
        "Опыт Ивановой О. П. Тема наставничества",
        1,
    );
    std::fs::write(dir.join("named.toml"), named).unwrap();
    dir
}

/// Every format's text and metadata, by name.
fn all_text(dir: &std::path::Path, stem: &str) -> Vec<(&'static str, String)> {
    let html = std::fs::read_to_string(dir.join(format!("{stem}.html"))).unwrap();
    let md = std::fs::read_to_string(dir.join(format!("{stem}.md"))).unwrap();
    let docx = std::fs::read(dir.join(format!("{stem}.docx"))).unwrap();
    let parts = ["word/document.xml", "docProps/core.xml", "docProps/app.xml"];
    let docx: String = parts.iter().map(|p| zip_part(&docx, p)).collect();
    let pdf = pdf::load(&std::fs::read(dir.join(format!("{stem}.pdf"))).unwrap());
    let pages = pdf::page_texts(&pdf).concat();
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .and_then(|r| pdf.get_dictionary(r))
        .map(|d| {
            d.iter()
                .filter_map(|(_, v)| v.as_str().ok().map(pdf_string))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .join("\n");
    vec![
        ("html", html),
        ("md", md),
        ("docx", docx),
        ("pdf", pages),
        ("pdf info", info),
    ]
}

/// A PDF text string: UTF-16BE after its byte-order mark, else one byte a character.
fn pdf_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| b as char).collect(),
    }
}

#[test]
fn jury_copies_carry_no_author_anywhere_and_the_key_maps_every_number() {
    let dir = entries("jury-copies");
    // The same card built as usual names its author in every format and in the metadata,
    // so the checks below can fail.
    let usual = run(&dir, &["build", "clean.toml", "-o", "usual"]);
    assert_eq!(usual.code, 0, "{}", usual.stderr);
    for (part, text) in all_text(&dir.join("usual"), "clean") {
        assert!(text.contains(AUTHOR), "the usual {part} names the author");
    }
    let out = run(
        &dir,
        &[
            "build",
            "clean.toml",
            "named.toml",
            "--anonymous",
            "-o",
            "jury",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let jury = dir.join("jury");
    for stem in ["001", "002"] {
        let parts = all_text(&jury, stem);
        assert!(
            parts[0].1.contains("Реверсивное наставничество"),
            "{stem}: the copy has its text"
        );
        for (part, text) in parts {
            for gone in [AUTHOR, "Иванова", POSITION, SCHOOL, "Гимназия № 7", TOWN]
            {
                assert!(
                    !text.contains(gone),
                    "{stem}: «{gone}» is in the jury copy's {part}"
                );
            }
        }
    }
    let mut names: Vec<String> = std::fs::read_dir(&jury)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "001.docx", "001.html", "001.md", "001.pdf", "002.docx", "002.html", "002.md",
            "002.pdf", "key.csv"
        ]
    );
    let key = std::fs::read_to_string(jury.join("key.csv")).unwrap();
    let lines: Vec<&str> = key
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(lines.len(), 3, "{key}");
    assert!(
        lines[1].starts_with("001;clean.toml;Реверсивное наставничество;Иванова Ольга Петровна;"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("002;named.toml;"), "{}", lines[2]);
    assert!(
        out.stdout.contains("только для организатора"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("фамилия автора «Ивановой»"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("--> named.toml:"),
        "the place is shown: {}",
        out.stderr
    );
    // Only the card whose text names its author is warned about; diagnostics are blocks
    // separated by a blank line.
    let leaks: Vec<&str> = out
        .stderr
        .split("\n\n")
        .filter(|d| d.contains("копия для жюри"))
        .collect();
    assert_eq!(leaks.len(), 1, "{leaks:?}");
    assert!(leaks[0].contains("--> named.toml:"), "{}", leaks[0]);
}

#[test]
fn jury_copies_need_a_folder_and_single_cards() {
    let dir = entries("jury-refusals");
    let out = run(&dir, &["build", "clean.toml", "--anonymous"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--out-dir"), "{}", out.stderr);
    std::fs::write(
        dir.join("book.toml"),
        "[collection]\ntitle = \"С\"\ncards = [\"clean.toml\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["build", "book.toml", "--anonymous", "-o", "jury"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("файл сборника"), "{}", out.stderr);
    assert!(!dir.join("jury").exists());
}
