//! The library does the whole job: the example built through `Project` over an in-memory
//! world gives the very bytes the binary writes, and the project reports what it read.

use std::path::Path;

use crate::common::*;
use mentorcard::project::{Project, Purpose, Settings};
use mentorcard::render::Format;
use mentorcard::world::MemoryWorld;

fn example() -> Vec<u8> {
    std::fs::read(root().join("examples/reverse-mentoring.toml")).expect("example")
}

#[test]
fn the_library_in_memory_gives_the_bytes_the_binary_writes() {
    let world = MemoryWorld::new().with_file("cards/reverse-mentoring.toml", example());
    let project = Project::new(&world, Settings::default()).expect("project");
    let checked = project
        .check(Path::new("cards/reverse-mentoring.toml"), Purpose::Build)
        .expect("readable");
    assert!(!checked.failed(false), "{:?}", checked.diagnostics);

    let dir = scratch("library-bytes");
    let card = dir.join("reverse-mentoring.toml");
    std::fs::write(&card, example()).expect("write card");
    let r = run(&dir, &["build", "reverse-mentoring.toml", "-o", "out"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for format in Format::ALL {
        let exported = project.export(&checked, format).expect("exports");
        let written = std::fs::read(
            dir.join("out")
                .join(format!("reverse-mentoring.{}", format.extension())),
        )
        .expect("the binary wrote it");
        assert!(
            exported.bytes == written,
            "{format:?}: library and binary differ"
        );
        assert!(exported.diagnostics.is_empty(), "{format:?}");
    }
    assert_eq!(
        project.files_read(),
        [Path::new("cards/reverse-mentoring.toml")]
    );
}

#[test]
fn the_project_lists_every_file_a_build_read() {
    let card = String::from_utf8(example())
        .unwrap()
        .replace("[criteria]", "[criteria]\nmaterials_file = \"zotero.json\"");
    let world = MemoryWorld::new()
        .with_file("c/card.toml", card)
        .with_file("c/zotero.json", "[]")
        .with_file(
            "contest.toml",
            "base = \"gost\"\n[limits]\nmax_pages = 50\n",
        )
        .with_file("tpl/style.css", "body { color: black }\n");
    let settings = Settings {
        profile: Some("contest.toml".into()),
        templates: Some("tpl".into()),
        ..Settings::default()
    };
    let project = Project::new(&world, settings).expect("project");
    let checked = project
        .check(Path::new("c/card.toml"), Purpose::Check)
        .expect("readable");
    project.export(&checked, Format::Html).expect("html");
    let read: Vec<String> = project
        .files_read()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(
        read,
        [
            "c/card.toml",
            "c/zotero.json",
            "contest.toml",
            "tpl",
            "tpl/style.css"
        ]
    );
}

#[test]
fn a_missing_glyph_is_a_warning_located_at_its_criterion() {
    let card = String::from_utf8(example()).unwrap().replacen(
        "problem = \"",
        "problem = \"Символ 字 в тексте. ",
        1,
    );
    let world = MemoryWorld::new().with_file("card.toml", card);
    let project = Project::new(&world, Settings::default()).expect("project");
    let checked = project
        .check(Path::new("card.toml"), Purpose::Build)
        .expect("readable");
    let pdf = project.export(&checked, Format::Pdf).expect("pdf");
    assert_eq!(pdf.diagnostics.len(), 1);
    let text = mentorcard::diag::render_text(
        &checked.source,
        &pdf.diagnostics,
        mentorcard::locale::Lang::Ru,
    );
    assert!(text.contains("нет знака '字'"), "{text}");
    assert!(
        text.contains("«Проблема, на решение которой направлена практика»"),
        "{text}"
    );
    let line = checked
        .source
        .text
        .lines()
        .position(|l| l.starts_with("problem ="))
        .unwrap()
        + 1;
    assert!(
        text.contains(&format!("--> card.toml:{line}:1\n")),
        "{text}"
    );
}

/// A сборник in memory: patterns matched against the world's folder listings, cards in the
/// collection's order, the book composed and rendered without touching the disk; the
/// project reports the folder it listed, so a watcher sees a new card appear.
#[test]
fn a_collection_builds_in_memory() {
    use mentorcard::parallel::Progress;
    let other =
        std::fs::read(root().join("tests/fixtures/collection/contest/cards/02-young-teacher.toml"))
            .expect("second card");
    let collection =
        "[collection]\ntitle = \"Сборник\"\norder = \"title\"\ncards = [\"cards/*.toml\"]\n";
    let world = MemoryWorld::new()
        .with_file("book/сборник.toml", collection)
        .with_file("book/cards/b.toml", example())
        .with_file("book/cards/a.toml", other)
        .with_file("book/cards/notes.txt", "not a card");
    let project = Project::new(&world, Settings::default()).expect("project");
    let path = Path::new("book/сборник.toml");
    assert!(project.is_collection(path).unwrap());
    let progress = Progress::default();
    let book = project
        .check_book(path, Purpose::Build, 2, &progress)
        .expect("readable");
    assert!(book.diagnostics.is_empty(), "{:?}", book.diagnostics);
    let files: Vec<_> = book.entries.iter().map(|e| e.path.clone()).collect();
    // By title: «Реверсивное…» (b.toml) before «Школа…» (a.toml).
    assert_eq!(
        files,
        [
            Path::new("book/cards/b.toml"),
            Path::new("book/cards/a.toml")
        ]
    );
    let composed = project
        .compose_book(&book, false, false, 2, &progress)
        .expect("composes");
    let html = project
        .export_book(&book, &composed, Format::Html, &progress)
        .expect("renders");
    let html = String::from_utf8(html.bytes).unwrap();
    let first = html
        .find("Реверсивное наставничество</a>")
        .expect("in the contents");
    assert!(first < html.find("Школа молодого педагога").unwrap());
    assert!(project
        .files_read()
        .contains(&Path::new("book/cards").to_path_buf()));
}
