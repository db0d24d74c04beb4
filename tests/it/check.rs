//! `mentorcard check` on broken cards: whole diagnostic texts compared with reference files.
//! Each case is a folder under tests/fixtures/check/ with `card.toml` and the expected output;
//! cases cover every class of problem, with Cyrillic at varied columns.

use crate::common::*;

/// Runs `check card.toml` in a scratch copy of a fixture folder, with the flags of its
/// `args.txt` (one per line) and a fixed "today" (2026-01-01) for reproducible date checks.
fn run_case(name: &str) -> Run {
    let src = root().join("tests/fixtures/check").join(name);
    // Each run gets its own folder: the discovery test and the targeted ones run in parallel.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = scratch(&format!("check-{name}-{n}"));
    for entry in std::fs::read_dir(&src).expect("fixture folder") {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap();
        if file != "expected.txt" && file != "args.txt" && path.is_file() {
            std::fs::copy(&path, dir.join(file)).expect("fixture file");
        }
    }
    let extra = std::fs::read_to_string(src.join("args.txt")).unwrap_or_default();
    let mut args = vec!["check", "card.toml"];
    args.extend(extra.lines().map(str::trim).filter(|l| !l.is_empty()));
    run_env(&dir, &args, &[("SOURCE_DATE_EPOCH", "1767225600")])
}

/// The whole report and exit code, as compared with `expected.txt`.
fn report(run: &Run) -> String {
    format!("{}[exit {}]\n", run.stdout, run.code)
}

/// Every folder under tests/fixtures/check/ is a case: nobody registers it by hand, and a
/// folder whose `expected.txt` is wrong or missing fails the suite.
#[test]
fn every_fixture_gives_its_expected_report() {
    let base = root().join("tests/fixtures/check");
    let mut names: Vec<String> = std::fs::read_dir(&base)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 20, "fixture folders: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let run = run_case(name);
        let golden = base.join(name).join("expected.txt");
        if let Err(diff) = check_golden(&golden, &report(&run)) {
            failures.push(diff);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn misspelt_key_suggests_the_right_one() {
    assert_eq!(run_case("misspelt-key").code, 1);
}

#[test]
fn missing_criterion_points_at_its_table() {
    let run = run_case("missing-criterion");
    assert_eq!(run.code, 1);
    assert!(
        !run.stdout.contains(":1:1\n"),
        "never located at 1:1:\n{}",
        run.stdout
    );
}

#[test]
fn many_problems_reported_at_once() {
    let run = run_case("many-problems");
    assert_eq!(run.code, 1);
    assert!(run.stdout.matches("ошибка:").count() >= 4, "{}", run.stdout);
}

#[test]
fn warnings_fail_only_with_strict() {
    assert_eq!(run_case("short-criterion").code, 0);
    let dir = root().join("tests/fixtures/check/short-criterion");
    let strict = run(&dir, &["check", "card.toml", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
}

#[test]
fn english_messages_on_request() {
    let dir = root().join("tests/fixtures/check/misspelt-key");
    let en = run(&dir, &["--lang", "en", "check", "card.toml"]);
    assert_eq!(en.code, 1);
    assert!(
        en.stdout
            .contains("error: unknown field «problm» in section [criteria]"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout.contains("did you mean «problem»"),
        "{}",
        en.stdout
    );
}

#[test]
fn json_report_has_positions_in_characters() {
    let dir = root().join("tests/fixtures/check/wrong-type");
    let r = run(&dir, &["check", "card.toml", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let first = &v[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "wrong-type");
    assert!(first["start"]["line"].as_u64().unwrap() > 1);
}

#[test]
fn example_is_clean() {
    let r = run(&root(), &["check", "examples/reverse-mentoring.toml"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn unreadable_file_is_exit_2() {
    let dir = scratch("check-missing-file");
    let r = run(&dir, &["check", "nope.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("файл не найден"), "{}", r.stderr);
    std::fs::write(dir.join("latin1.toml"), b"title = \"\xe9\"\n").unwrap();
    let r = run(&dir, &["check", "latin1.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("UTF-8"), "{}", r.stderr);
}

#[test]
fn cyrillic_key_is_explained() {
    let run = run_case("cyrillic-key");
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("латиницей"), "{}", run.stdout);
}

#[test]
fn domain_warnings_for_reverse_mentoring_participants_and_sources() {
    let run = run_case("domain-warnings");
    assert_eq!(run.code, 0, "warnings only");
    for code in [
        "кто кого наставляет",
        "не сказано, чем он делится",
        "нужна дата обращения",
        "ещё не наступила",
    ] {
        assert!(run.stdout.contains(code), "{code}:\n{}", run.stdout);
    }
}

#[test]
fn contest_profile_limits_report_count_and_limit() {
    let run = run_case("contest-limits");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("больше допустимых 100"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("конкурс требует заполнить: строка «Применение практики"),
        "{}",
        run.stdout
    );
}

#[test]
fn materials_from_a_zotero_csl_json_file() {
    assert_eq!(run_case("materials-file").code, 0);
    let dir = root().join("tests/fixtures/check/materials-file");
    let out = scratch("materials-file-build");
    let r = run(
        &dir,
        &[
            "build",
            "card.toml",
            "-f",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = std::fs::read_to_string(out.join("card.md"))
        .unwrap()
        .replace('\u{a0}', " ");
    assert!(
        md.contains("Александров, Е. Л. Интернет — легко и просто!"),
        "{md}"
    );
    assert!(md.contains("(дата обращения: 26.06.2019)"), "{md}");
}

#[test]
fn missing_materials_file_is_located() {
    let run = run_case("materials-file-missing");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("materials_file = \"нет-такого.json\""),
        "{}",
        run.stdout
    );
}

#[test]
fn period_dates_that_contradict_each_other() {
    let run = run_case("period-dates");
    assert_eq!(run.code, 1, "the bad school year is an error");
    assert!(
        run.stdout.contains("неверный учебный год «2023/2025»"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("раньше даты начала"), "{}", run.stdout);
    let future = run_case("period-future");
    assert_eq!(future.code, 0);
    assert!(
        future
            .stdout
            .contains("дата окончания 31.05.2027 ещё не наступила"),
        "{}",
        future.stdout
    );
}

#[test]
fn syntax_errors_underline_what_to_fix() {
    // An unclosed string: from its opening quote to the end of the Cyrillic line.
    let run = run_case("unclosed-string");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(" --> card.toml:8:11\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("|           {}\n", "^".repeat(41))),
        "{}",
        run.stdout
    );
    // Text without quotes, and a stray backslash with the letter after it.
    assert!(run_case("unquoted-text")
        .stdout
        .contains("текст нужно взять в кавычки"));
    let bs = run_case("bad-backslash");
    assert!(bs.stdout.contains(" --> card.toml:9:23\n"), "{}", bs.stdout);
    assert!(
        bs.stdout.contains("|                       ^^\n"),
        "{}",
        bs.stdout
    );
}

#[test]
fn typography_hints_show_ellipses_and_word_ranges() {
    let run = run_case("typography-hints");
    assert_eq!(run.code, 0, "{}", run.stdout);
    for hint in [
        "Многоточие одним знаком",
        "«...» → «…»",
        "Диапазон: короткое тире без пробелов",
        "card.toml:17:19",
    ] {
        assert!(run.stdout.contains(hint), "{hint}:\n{}", run.stdout);
    }
}
