//! `mentorcard build` on the bundled example: outputs compared with reference files, written
//! atomically, byte-identical across runs.

mod common;

use common::*;

fn build_example(name: &str, formats: &str) -> std::path::PathBuf {
    let out = scratch(name);
    let r = run(
        &root(),
        &[
            "build",
            "examples/reverse-mentoring.toml",
            "-f",
            formats,
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    out
}

#[test]
fn example_markdown_matches_reference() {
    let out = build_example("build-md", "md");
    let md = std::fs::read_to_string(out.join("reverse-mentoring.md")).unwrap();
    assert_golden(&root().join("tests/golden/reverse-mentoring.md"), &md);
    // Every word of the seed outside the restated citations is in the Markdown too.
    let missing = missing_words(&seed_text(), &md.replace('\\', ""));
    let unexplained: Vec<_> = missing
        .iter()
        .filter(|w| !RESTATED_IN_STANDARD_FORM.contains(&w.as_str()))
        .collect();
    assert!(unexplained.is_empty(), "{unexplained:?}");
}

#[test]
fn build_warns_about_outdated_norms_but_builds() {
    let out = scratch("build-warnings");
    let r = run(
        &root(),
        &[
            "build",
            "examples/reverse-mentoring.toml",
            "-f",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0);
    assert!(
        r.stderr
            .contains("№ 204 ставил национальные цели на период до 2024 года"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("«Современная школа»"), "{}", r.stderr);
    assert!(r.stdout.contains("reverse-mentoring.md"), "{}", r.stdout);
}

#[test]
fn two_builds_are_byte_identical() {
    let a = build_example("build-same-a", "md");
    let b = build_example("build-same-b", "md");
    assert_eq!(
        std::fs::read(a.join("reverse-mentoring.md")).unwrap(),
        std::fs::read(b.join("reverse-mentoring.md")).unwrap()
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let dir = scratch("build-keeps-old");
    std::fs::copy(
        root().join("tests/fixtures/check/misspelt-key/card.toml"),
        dir.join("card.toml"),
    )
    .unwrap();
    std::fs::write(dir.join("card.md"), "старая версия").unwrap();
    let r = run(&dir, &["build", "card.toml", "-f", "md"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        std::fs::read_to_string(dir.join("card.md")).unwrap(),
        "старая версия"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn output_next_to_the_card_by_default() {
    let dir = scratch("build-default-dir");
    std::fs::copy(
        root().join("examples/reverse-mentoring.toml"),
        dir.join("практика.toml"),
    )
    .unwrap();
    let r = run(&dir, &["build", "практика.toml", "-f", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = std::fs::read_to_string(dir.join("практика.md")).unwrap();
    assert!(
        md.starts_with("---\ntitle: \"Реверсивное наставничество\""),
        "{md}"
    );
}

/// `pandoc NAME.md -o NAME.docx` gives a Word table of 14 rows under a header whose cells keep
/// their paragraphs and lists. Needs pandoc: CI installs it and runs the ignored tests.
#[test]
#[ignore = "needs pandoc"]
fn pandoc_turns_the_example_markdown_into_a_word_table_with_lists() {
    use std::io::Read;
    let out = build_example("build-pandoc", "md");
    let docx = out.join("via-pandoc.docx");
    let status = std::process::Command::new("pandoc")
        .arg(out.join("reverse-mentoring.md"))
        .arg("-o")
        .arg(&docx)
        .status()
        .expect("pandoc on PATH");
    assert!(status.success());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let rows: Vec<&str> = xml
        .split("<w:tr>")
        .skip(1)
        .map(|r| r.split("</w:tr>").next().unwrap())
        .collect();
    assert_eq!(rows.len(), 15, "header + 14 rows");
    let cells = |row: &str| -> Vec<String> {
        row.split("<w:tc>")
            .skip(1)
            .map(|c| c.split("</w:tc>").next().unwrap().to_string())
            .collect()
    };
    // Row 4 «Цель практики»: four paragraphs in the content cell.
    let goal = &cells(rows[4])[2];
    assert_eq!(
        goal.matches("<w:p>").count() + goal.matches("<w:p ").count(),
        4,
        "{goal}"
    );
    // Row 8 «Результативность»: a lead paragraph and three list items (numbering properties).
    let results = &cells(rows[8])[2];
    assert_eq!(results.matches("<w:numPr>").count(), 3, "{results}");
    // Row 13: six numbered sources; the special-needs row has an empty № cell.
    assert_eq!(cells(rows[13])[2].matches("<w:numPr>").count(), 6);
    let number_cell = &cells(rows[14])[0];
    assert!(
        !number_cell.contains("<w:t>") && !number_cell.contains("<w:t "),
        "the unnumbered row has no number"
    );
}
