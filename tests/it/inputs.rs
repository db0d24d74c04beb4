//! What a card makes mentorcard read: `materials_file` (and the card and profile themselves)
//! pointing at `/dev/zero`, a FIFO, a folder, a link to a device or a file over the limit is
//! refused at once with the reason, never read until memory runs out or waited on for ever;
//! a Zotero export saved with a BOM is read. Through the binary, each run killed after 10 s
//! so that a regression fails instead of hanging the suite.

use std::path::Path;
use std::time::Duration;

use crate::common::*;

const LIMIT: Duration = Duration::from_secs(10);

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/check/materials-file")
}

/// The fixture card whose `materials_file` is `target`, in a fresh folder.
fn card_reading(name: &str, target: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let card = std::fs::read_to_string(fixture().join("card.toml")).unwrap();
    let card = card.replace(
        "materials_file = \"zotero.json\"",
        &format!("materials_file = \"{target}\""),
    );
    std::fs::write(dir.join("card.toml"), card).unwrap();
    dir
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

/// Builds `card.toml` in `dir` into `out` and checks it was refused for `reason` at the
/// `materials_file` line, with nothing written.
fn assert_refused(dir: &Path, shown: &str, reason: &str) {
    let r = run_limited(
        dir,
        &["build", "card.toml", "-f", "md", "-o", "out"],
        &[],
        LIMIT,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let said = format!("не удалось прочитать файл источников «{shown}»: {reason}");
    assert!(r.stderr.contains(&said), "{}", r.stderr);
    assert!(r.stderr.contains("--> card.toml:19:18"), "{}", r.stderr);
    assert!(
        !dir.join("out").exists(),
        "{:?}",
        files_in(&dir.join("out"))
    );
}

const NOT_REGULAR: &str = "это не обычный файл (канал или устройство)";

#[test]
fn a_device_is_refused_not_read_for_ever() {
    let dir = card_reading("inputs-dev-zero", "/dev/zero");
    assert_refused(&dir, "/dev/zero", NOT_REGULAR);
}

#[test]
fn a_link_to_a_device_is_refused() {
    let dir = card_reading("inputs-link", "zotero.json");
    std::os::unix::fs::symlink("/dev/zero", dir.join("zotero.json")).unwrap();
    assert_refused(&dir, "zotero.json", NOT_REGULAR);
}

#[test]
fn a_fifo_is_refused_not_waited_on() {
    let dir = card_reading("inputs-fifo", "zotero.json");
    mkfifo(&dir.join("zotero.json"));
    assert_refused(&dir, "zotero.json", NOT_REGULAR);
}

#[test]
fn a_folder_is_refused() {
    let dir = card_reading("inputs-folder", "zotero.json");
    std::fs::create_dir(dir.join("zotero.json")).unwrap();
    assert_refused(&dir, "zotero.json", "это папка, а не файл");
}

/// Over the limit the file is not read at all, and the reason fits a sources file (it used to
/// say the file did not look like a card).
#[test]
fn a_file_over_the_limit_is_refused_with_the_limit() {
    let dir = card_reading("inputs-large", "zotero.json");
    let file = std::fs::File::create(dir.join("zotero.json")).unwrap();
    file.set_len(17 << 20).unwrap();
    assert_refused(
        &dir,
        "zotero.json",
        "файл больше 16 МБ: mentorcard не читает таких больших файлов (проверьте, тот ли это файл)",
    );
}

/// Windows programs save UTF-8 with a byte order mark; the export is read all the same.
#[test]
fn a_zotero_export_with_a_bom_is_read() {
    let dir = card_reading("inputs-bom", "zotero.json");
    let export = std::fs::read(fixture().join("zotero.json")).unwrap();
    std::fs::write(
        dir.join("zotero.json"),
        [b"\xef\xbb\xbf".as_slice(), &export].concat(),
    )
    .unwrap();
    let r = run_limited(
        &dir,
        &["build", "card.toml", "-f", "md", "-o", "out"],
        &[],
        LIMIT,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = std::fs::read_to_string(dir.join("out/card.md")).unwrap();
    let without = card_reading("inputs-no-bom", "zotero.json");
    std::fs::copy(fixture().join("zotero.json"), without.join("zotero.json")).unwrap();
    let r = run_limited(
        &without,
        &["build", "card.toml", "-f", "md", "-o", "out"],
        &[],
        LIMIT,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        md,
        std::fs::read_to_string(without.join("out/card.md")).unwrap()
    );
}

/// The card and the profile go through the same reading: a FIFO card and a `/dev/zero`
/// profile are refused too.
#[test]
fn a_fifo_card_and_a_device_profile_are_refused() {
    let dir = scratch("inputs-card-fifo");
    mkfifo(&dir.join("card.toml"));
    let r = run_limited(&dir, &["check", "card.toml"], &[], LIMIT);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("card.toml: {NOT_REGULAR}")),
        "{}",
        r.stderr
    );

    let dir = card_reading("inputs-profile", "zotero.json");
    std::fs::copy(fixture().join("zotero.json"), dir.join("zotero.json")).unwrap();
    let args = ["build", "card.toml", "--profile", "/dev/zero", "-o", "out"];
    let r = run_limited(&dir, &args, &[], LIMIT);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("«/dev/zero»: {NOT_REGULAR}")),
        "{}",
        r.stderr
    );
    assert!(!dir.join("out").exists());
}

/// Thousands of warnings on one long line: each shows a window of the line around its
/// place, not the whole line, and one run prints a bounded number of them (issue 22,
/// point 17: 3 000 warnings on one line printed 650 MB before).
#[test]
fn thousands_of_warnings_on_one_line_print_a_bounded_report() {
    let dir = scratch("warnings-one-line");
    let card = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let norms: Vec<&str> = std::iter::repeat_n("\"Закон об образовании\"", 3000).collect();
    // the list is the card's only norms: the example's [[criteria.norms]] entries go
    let mut kept = Vec::new();
    let mut skipping = false;
    for l in card.lines() {
        if l.starts_with('[') {
            skipping = l == "[[criteria.norms]]";
        }
        if !skipping {
            kept.push(l);
        }
    }
    let card = kept.join("\n").replacen(
        "[criteria]\n",
        &format!("[criteria]\nnorms = [{}]\n", norms.join(", ")),
        1,
    );
    std::fs::write(dir.join("card.toml"), &card).unwrap();
    let line = card.lines().find(|l| l.starts_with("norms = [")).unwrap();
    assert!(line.len() > 100_000, "one long line");
    let r = run_limited(
        &dir,
        &["check", "card.toml"],
        &[],
        std::time::Duration::from_secs(60),
    );
    assert!(r.stdout.len() < 200_000, "{} bytes printed", r.stdout.len());
    assert!(
        r.stdout.contains("не показано"),
        "{}",
        &r.stdout[r.stdout.len().saturating_sub(2000)..]
    );
    assert!(r.stdout.contains("…"), "a window, not the line");
    assert!(!r.stdout.contains(line), "the whole line was printed");
    let summary = r.stdout.lines().last().unwrap_or_default();
    assert!(summary.contains("предупрежден"), "{summary}");
}

/// A user template that loops without end is stopped at a bounded size with a message, and
/// nothing is written (issue 22, point 23: it grew until memory ran out).
#[test]
fn a_template_that_never_stops_writing_is_stopped() {
    let dir = scratch("template-bomb");
    std::fs::copy(
        root().join("examples/reverse-mentoring.toml"),
        dir.join("card.toml"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    // Tera caps one range at 100 000 elements; nested, they still make 40 GB of text
    let page = "{% for a in range(end=1000) %}{% for b in range(end=1000) %}{% for c in range(end=1000) %}\
                0123456789012345678901234567890123456789{% endfor %}{% endfor %}{% endfor %}";
    std::fs::write(dir.join("tpl/page.html"), page).unwrap();
    let r = run_limited(
        &dir,
        &[
            "build",
            "card.toml",
            "-f",
            "html",
            "--templates",
            "tpl",
            "-o",
            "out",
        ],
        &[],
        std::time::Duration::from_secs(60),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("больше 256 МБ"), "{}", r.stderr);
    assert!(!dir.join("out").exists(), "nothing written");
}

/// Typography is linear in the number of fixes in a field: a 2 MiB criterion full of them is
/// checked well within the bound (quadratic before: 1 MiB 3.7 s, 4 MiB 66 s in a release build;
/// issue 22, point 18).
#[test]
fn a_field_full_of_typography_fixes_is_checked_in_linear_time() {
    let dir = scratch("typography-linear");
    let card = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let unit = "Мы в доме - сад 2012-2015 и т.д. «цитата» ... ";
    let text = unit.repeat((2 << 20) / unit.len());
    let at = card
        .find("\nproblem = ")
        .expect("the example has a problem");
    let end = at + 1 + card[at + 1..].find('\n').unwrap();
    let card = format!(
        "{}\nproblem = '''\n{text}\n'''{}",
        &card[..at],
        &card[end..]
    );
    std::fs::write(dir.join("card.toml"), card).unwrap();
    let r = run_limited(
        &dir,
        &["check", "card.toml"],
        &[],
        std::time::Duration::from_secs(60),
    );
    assert!(r.stdout.contains("card.toml:"), "{}", r.stderr);
}
