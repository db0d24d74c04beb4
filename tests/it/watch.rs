//! `mentorcard watch` through the binary: a save rebuilds, a broken save keeps the previous
//! files byte for byte, what the build read besides the card is watched too, its own outputs
//! never start another build, and Ctrl-C exits 0 leaving no temporary file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::*;
use crate::live::*;

const TITLE: &str = "title = \"Реверсивное наставничество\"";

fn card_in(name: &str) -> PathBuf {
    let dir = scratch(name);
    let example = root().join("examples/reverse-mentoring.toml");
    std::fs::copy(example, dir.join("card.toml")).unwrap();
    dir
}

fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in walk(dir) {
        if entry
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".tmp"))
        {
            found.push(entry);
        }
    }
    found
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.extend(walk(&path));
        }
        all.push(path);
    }
    all
}

#[test]
fn a_save_rebuilds_and_a_broken_one_keeps_the_last_good_files() {
    let dir = card_in("watch-save");
    let (card, html) = (dir.join("card.toml"), dir.join("out/card.html"));
    let mut watch = Running::start(&dir, &["watch", "card.toml", "-f", "html,md", "-o", "out"]);
    watch.line_with("слежу за изменениями", DEADLINE);
    let first = std::fs::read(&html).unwrap();
    let text = std::fs::read_to_string(&card).unwrap();

    std::fs::write(&card, text.replacen(TITLE, "title = \"Новое название\"", 1)).unwrap();
    // A deadline, not a timing claim: the tests share one process and the machine's cores
    // (how fast a save is rebuilt is scripts/bench-preview.mjs's to measure).
    watch.line_with("пересобрано за", DEADLINE);
    let rebuilt = std::fs::read_to_string(&html).unwrap();
    assert!(rebuilt.contains("<h1 id=\"title\">Новое название</h1>"));
    assert_ne!(rebuilt.as_bytes(), first);
    let md = std::fs::read(dir.join("out/card.md")).unwrap();

    std::fs::write(&card, text.replacen(TITLE, "title = \"не закрыта", 1)).unwrap();
    watch.line_with("есть ошибки", DEADLINE);
    assert_eq!(
        std::fs::read(&html).unwrap(),
        rebuilt.as_bytes(),
        "kept byte for byte"
    );
    assert_eq!(std::fs::read(dir.join("out/card.md")).unwrap(), md);
    let stderr = watch.stderr_with("--> card.toml:6:9", DEADLINE);
    assert!(stderr.contains("--> card.toml:6:9"), "{stderr}");

    assert_eq!(watch.interrupt(), Some(0), "{}", watch.stderr());
    assert!(watch.drain().iter().any(|l| l == "остановлено"));
    assert_eq!(temporary_files(&dir), Vec::<PathBuf>::new());
}

#[test]
fn what_the_build_read_is_watched_and_a_save_by_rename_is_seen() {
    let dir = card_in("watch-inputs");
    std::fs::write(dir.join("look.toml"), "base = \"gost\"\n").unwrap();
    let args = [
        "watch",
        "card.toml",
        "-f",
        "html",
        "-o",
        "out",
        "--profile",
        "look.toml",
    ];
    let mut watch = Running::start(&dir, &args);
    watch.line_with("слежу за изменениями", DEADLINE);
    let before = std::fs::read_to_string(dir.join("out/card.html")).unwrap();

    std::fs::write(dir.join("look.toml"), "base = \"compact\"\n").unwrap();
    watch.line_with("пересобрано за", DEADLINE);
    let compact = std::fs::read_to_string(dir.join("out/card.html")).unwrap();
    assert_ne!(before, compact, "the profile is an input");

    // An editor's save: a new file renamed over the card.
    let text = std::fs::read_to_string(dir.join("card.toml")).unwrap();
    let saved = text.replacen(TITLE, "title = \"Сохранено переименованием\"", 1);
    std::fs::write(dir.join(".card.toml.swp"), &saved).unwrap();
    std::fs::rename(dir.join(".card.toml.swp"), dir.join("card.toml")).unwrap();
    watch.line_with("пересобрано за", DEADLINE);
    let html = std::fs::read_to_string(dir.join("out/card.html")).unwrap();
    assert!(html.contains("Сохранено переименованием"));
    assert_eq!(watch.interrupt(), Some(0));
}

#[test]
fn its_own_outputs_beside_the_card_never_start_another_build() {
    let dir = card_in("watch-quiet");
    let mut watch = Running::start(&dir, &["watch", "card.toml"]);
    watch.line_with("слежу за изменениями", DEADLINE);
    // Four formats were just written beside the card, in the watched folder.
    std::thread::sleep(Duration::from_millis(1500));
    let builds = watch
        .drain()
        .iter()
        .filter(|l| l.contains("пересобрано"))
        .count();
    assert_eq!(builds, 1, "{:?}", watch.seen);
    assert_eq!(watch.interrupt(), Some(0));
    assert_eq!(temporary_files(&dir), Vec::<PathBuf>::new());
}

#[test]
fn a_card_that_is_not_there_is_a_usage_error_at_once() {
    let dir = scratch("watch-missing");
    let r = run(&dir, &["watch", "nope.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("nope.toml"), "{}", r.stderr);
}

#[test]
fn a_book_is_watched_without_its_broken_cards_which_are_named() {
    let dir = card_in("watch-book-broken");
    std::fs::write(
        dir.join("broken.toml"),
        "title = \"Неготовая\"\n[criteria]\nname = \"x\"\n",
    )
    .unwrap();
    let book =
        "[collection]\ntitle = \"Сборник практик\"\ncards = [\"card.toml\", \"broken.toml\"]\n";
    std::fs::write(dir.join("book.toml"), book).unwrap();
    let mut watch = Running::start(&dir, &["watch", "book.toml", "-f", "html", "-o", "out"]);
    watch.line_with("слежу за изменениями", DEADLINE);
    let html = std::fs::read_to_string(dir.join("out/book.html")).expect("the book is written");
    assert!(html.contains("Реверсивное наставничество"));
    assert!(!html.contains("Неготовая"));
    let said = watch.stderr_with("broken.toml", DEADLINE);
    assert!(said.contains("broken.toml"), "{said}");
    assert_eq!(watch.interrupt(), Some(0));
}
