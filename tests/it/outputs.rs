//! What the commands write: a build writes all of a card's files or none, never one card's
//! files over another's, never over the card; `schema -o` never replaces a file without
//! `--force`; `-o` naming a file says so; temporary files never collide. Through the binary,
//! with a time limit, checking the exit code, the message and what is on disk afterwards.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::*;

const LIMIT: Duration = Duration::from_secs(60);

fn example() -> String {
    std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap()
}

fn card_in(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, example()).unwrap();
    path
}

fn build(dir: &Path, args: &[&str]) -> Run {
    let args: Vec<&str> = ["build"].iter().chain(args).copied().collect();
    run_limited(dir, &args, &[], LIMIT)
}

/// A card named `card.md` built beside itself: its Markdown would be the card. Refused before
/// anything is written, not after the PDF and the HTML.
#[test]
fn a_card_named_like_its_markdown_is_refused_with_nothing_written() {
    let dir = scratch("outputs-card-md");
    card_in(&dir, "card.md");
    let r = build(&dir, &["card.md"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("совпадает с карточкой: card.md"),
        "{}",
        r.stderr
    );
    assert_eq!(files_in(&dir), ["card.md"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("card.md")).unwrap(),
        example()
    );
}

/// The last file cannot be written (a folder has its name): the PDF and the HTML that could
/// be are not written either, and no temporary file is left.
#[test]
fn a_build_that_fails_mid_way_writes_nothing() {
    let dir = scratch("outputs-mid-way");
    card_in(&dir, "card.toml");
    std::fs::create_dir_all(dir.join("out/card.md")).unwrap();
    let r = build(&dir, &["card.toml", "-o", "out"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("out/card.md"), "{}", r.stderr);
    assert!(r.stderr.contains("это папка"), "{}", r.stderr);
    assert_eq!(files_in(&dir.join("out")), ["card.md"]);
    assert!(!r.stdout.contains("записан"), "{}", r.stdout);
}

/// `a/card.toml` and `b/card.toml` into one folder would give one `card.pdf`: refused before
/// either is built, naming both cards. Built beside themselves they do not clash.
#[test]
fn two_cards_of_one_name_into_one_folder_are_refused_before_writing() {
    let dir = scratch("outputs-same-name");
    card_in(&dir, "a/card.toml");
    card_in(&dir, "b/card.toml");
    let r = build(
        &dir,
        &["a/card.toml", "b/card.toml", "-o", "out", "-f", "md,html"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("a/card.toml") && r.stderr.contains("b/card.toml"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("out/card.html"), "{}", r.stderr);
    assert!(
        !dir.join("out").exists(),
        "{:?}",
        files_in(&dir.join("out"))
    );

    let r = build(&dir, &["a/card.toml", "b/card.toml", "-f", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.join("a/card.md").is_file() && dir.join("b/card.md").is_file());
    // The same card named twice is one card.
    let r = build(&dir, &["a/card.toml", "./a/../a/card.toml", "-f", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// `watch` writes the same files as `build`, so it refuses the same clash at once.
#[test]
fn watch_refuses_two_cards_of_one_name_into_one_folder() {
    let dir = scratch("outputs-watch-same-name");
    card_in(&dir, "a/card.toml");
    card_in(&dir, "b/card.toml");
    let args = ["watch", "a/card.toml", "b/card.toml", "-o", "out"];
    let r = run_limited(&dir, &args, &[], Duration::from_secs(10));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("b/card.toml"), "{}", r.stderr);
    assert!(!dir.join("out").exists());
}

/// `-o` naming a file, not a folder: the message names it and says what to do, and neither
/// it nor anything else is touched.
#[test]
fn an_output_folder_that_is_a_file_is_named() {
    let dir = scratch("outputs-o-file");
    card_in(&dir, "card.toml");
    std::fs::write(dir.join("notes.txt"), "заметки").unwrap();
    for out in ["notes.txt", "notes.txt/sub"] {
        let r = build(&dir, &["card.toml", "-o", out]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains("notes.txt — это файл, а не папка"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("os error"), "{}", r.stderr);
        assert_eq!(files_in(&dir), ["card.toml", "notes.txt"]);
        assert_eq!(
            std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
            "заметки"
        );
    }
}

/// `schema -o FILE` replaces nothing without `--force`, as `new` and `import` do.
#[test]
fn schema_never_overwrites_a_file_without_force() {
    let dir = scratch("outputs-schema");
    card_in(&dir, "card.toml");
    let r = run_limited(&dir, &["schema", "-o", "card.toml"], &[], LIMIT);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("card.toml уже существует") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("card.toml")).unwrap(),
        example()
    );

    let r = run_limited(&dir, &["schema", "-o", "editor/new.json"], &[], LIMIT);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let schema = std::fs::read_to_string(dir.join("editor/new.json")).unwrap();
    assert!(schema.contains("\"$schema\""));
    std::fs::write(dir.join("old.json"), "{}").unwrap();
    let r = run_limited(&dir, &["schema", "-o", "old.json", "--force"], &[], LIMIT);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("old.json")).unwrap(),
        schema
    );
}

/// Two programs sharing a folder from different PID namespaces can have the same process id;
/// a temporary file named by it would be another program's. Run in a new PID namespace the
/// build is process 1, and a `.card.md.1.tmp` another one is writing stays as it was.
#[test]
#[ignore = "needs unshare: a PID namespace (root or user namespaces)"]
fn temporary_files_do_not_collide_across_pid_namespaces() {
    let dir = scratch("outputs-pid-namespace");
    card_in(&dir, "card.toml");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let foreign = dir.join("out/.card.md.1.tmp");
    std::fs::write(&foreign, "another program is writing this").unwrap();
    let status = std::process::Command::new("unshare")
        .args(["--pid", "--fork"])
        .arg(bin())
        .args(["build", "card.toml", "-f", "md", "-o", "out"])
        .current_dir(&dir)
        .env_remove("MENTORCARD_LANG")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("unshare");
    assert!(status.success());
    assert!(dir.join("out/card.md").is_file());
    assert_eq!(
        std::fs::read_to_string(&foreign).unwrap(),
        "another program is writing this"
    );
    assert_eq!(files_in(&dir.join("out")), [".card.md.1.tmp", "card.md"]);
}

/// `check --report` replaces the last run's report but no other file (a card, a document)
/// unless --force; a сборник's output never replaces one of its cards (issue 22, point 20).
#[test]
fn a_report_or_a_collection_never_replaces_a_card_or_a_foreign_file() {
    let dir = scratch("report-overwrite");
    let example = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    std::fs::write(dir.join("card.toml"), &example).unwrap();
    std::fs::write(dir.join("other.toml"), &example).unwrap();
    std::fs::write(dir.join("notes.html"), "мои заметки").unwrap();
    let r = run(&dir, &["check", "card.toml", "--report", "other.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("уже существует"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("other.toml")).unwrap(),
        example
    );
    let r = run(&dir, &["check", "card.toml", "--report", "notes.html"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.html")).unwrap(),
        "мои заметки"
    );
    // the report of the last run is replaced without asking
    for _ in 0..2 {
        assert_eq!(
            run(&dir, &["check", "card.toml", "--report", "report.html"]).code,
            0
        );
    }
    let r = run(
        &dir,
        &["check", "card.toml", "--report", "notes.html", "--force"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(dir.join("notes.html"))
        .unwrap()
        .contains("<html"));

    std::fs::create_dir_all(dir.join("cards")).unwrap();
    std::fs::write(dir.join("cards/book.md"), &example).unwrap();
    std::fs::write(
        dir.join("book.toml"),
        "[collection]\ntitle = \"Сборник\"\ncards = [\"cards/book.md\"]\n",
    )
    .unwrap();
    // a member that is not .toml is named and never read, so never replaced either
    let r = run(&dir, &["build", "book.toml", "-o", "cards"]);
    assert_ne!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("не карточка"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("cards/book.md")).unwrap(),
        example
    );
    assert!(!dir.join("cards/book.pdf").exists(), "all or nothing");
}

/// Ctrl-C at any moment of a build leaves every card's files all old or all new and no
/// temporary file (issue 22, point 21: a mix and `.tmp` files were left).
#[test]
fn ctrl_c_during_a_build_leaves_each_cards_files_all_old_or_all_new() {
    use std::process::{Command, Stdio};
    let dir = scratch("build-interrupted");
    let example = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let cards: Vec<String> = (1..=4).map(|i| format!("card{i}.toml")).collect();
    let formats = ["pdf", "html", "md", "docx"];
    let outputs = |name: &str| -> Vec<Option<Vec<u8>>> {
        let stem = name.trim_end_matches(".toml");
        let read = |f: &str| std::fs::read(dir.join(format!("out/{stem}.{f}"))).ok();
        formats.iter().map(|f| read(f)).collect()
    };
    let mut args: Vec<&str> = vec!["build"];
    args.extend(cards.iter().map(String::as_str));
    args.extend(["-o", "out"]);
    let mut interrupted = 0;
    for (round, delay_ms) in [5u64, 40, 80, 120, 160, 200, 260, 330]
        .into_iter()
        .enumerate()
    {
        // old files from the last state, new cards that change every output
        for c in &cards {
            std::fs::write(dir.join(c), &example).unwrap();
        }
        assert_eq!(run(&dir, &args).code, 0);
        let old: Vec<_> = cards.iter().map(|c| outputs(c)).collect();
        let title = format!("title = \"Раунд {round}\"");
        let changed = example.replacen(
            example.lines().find(|l| l.starts_with("title = ")).unwrap(),
            &title,
            1,
        );
        for c in &cards {
            std::fs::write(dir.join(c), &changed).unwrap();
        }
        let mut child = Command::new(bin())
            .current_dir(&dir)
            .args(&args)
            .env_remove("MENTORCARD_LANG")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        // killed by the signal only before the handler is set, when nothing is written yet
        assert!(matches!(status.code(), Some(0 | 130) | None), "{status:?}");
        interrupted += usize::from(status.code() == Some(130));
        let left = files_in(&dir.join("out"));
        assert!(
            !left.iter().any(|f| f.ends_with(".tmp")),
            "round {round}: {left:?}"
        );
        for (c, old) in cards.iter().zip(&old) {
            let now = outputs(c);
            let all_old = &now == old;
            let all_new = now.iter().zip(old).all(|(n, o)| n.is_some() && n != o);
            assert!(
                all_old || all_new,
                "round {round}, {c}: a mix of old and new files"
            );
        }
    }
    assert!(
        interrupted > 0,
        "no build heard Ctrl-C and finished its writes"
    );
}
