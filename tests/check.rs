//! `mentorcard check` on broken cards: whole diagnostic texts compared with reference files.
//! Each case is a folder under tests/fixtures/check/ with `card.toml` and the expected output;
//! cases cover every class of problem, with Cyrillic at varied columns.

mod common;

use common::*;

fn case(name: &str, extra: &[&str]) -> Run {
    let src = root().join("tests/fixtures/check").join(name);
    let dir = scratch(&format!("check-{name}"));
    for entry in std::fs::read_dir(&src).expect("fixture folder") {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "expected.txt" {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).expect("fixture file");
        }
    }
    let mut args = vec!["check", "card.toml"];
    args.extend_from_slice(extra);
    // A fixed "today" (2026-01-01) keeps date checks reproducible.
    let run = run_env(&dir, &args, &[("SOURCE_DATE_EPOCH", "1767225600")]);
    let mut report = run.stdout.clone();
    report.push_str(&format!("[exit {}]\n", run.code));
    assert_golden(&src.join("expected.txt"), &report);
    run
}

#[test]
fn misspelt_key_suggests_the_right_one() {
    assert_eq!(case("misspelt-key", &[]).code, 1);
}

#[test]
fn missing_criterion_points_at_its_table() {
    let run = case("missing-criterion", &[]);
    assert_eq!(run.code, 1);
    assert!(
        !run.stdout.contains(":1:1\n"),
        "never located at 1:1:\n{}",
        run.stdout
    );
}

#[test]
fn syntax_error_inside_a_cyrillic_line() {
    assert_eq!(case("syntax-cyrillic", &[]).code, 1);
}

#[test]
fn number_where_text_belongs() {
    assert_eq!(case("wrong-type", &[]).code, 1);
}

#[test]
fn empty_and_whitespace_only_criteria() {
    assert_eq!(case("empty-criterion", &[]).code, 1);
}

#[test]
fn impossible_dates_in_text_and_toml_forms() {
    assert_eq!(case("bad-date", &[]).code, 1);
    assert_eq!(case("bad-date-toml", &[]).code, 1);
}

#[test]
fn structured_entries_missing_required_fields() {
    assert_eq!(case("entry-missing-field", &[]).code, 1);
}

#[test]
fn many_problems_reported_at_once() {
    let run = case("many-problems", &[]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.matches("ошибка:").count() >= 4, "{}", run.stdout);
}

#[test]
fn warnings_fail_only_with_strict() {
    assert_eq!(case("short-criterion", &[]).code, 0);
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
    let run = case("cyrillic-key", &[]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("латиницей"), "{}", run.stdout);
}

#[test]
fn domain_warnings_for_reverse_mentoring_participants_and_sources() {
    let run = case("domain-warnings", &[]);
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
    let run = case("contest-limits", &["--profile", "contest.toml"]);
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
    assert_eq!(case("materials-file", &[]).code, 0);
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
    let run = case("materials-file-missing", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("materials_file = \"нет-такого.json\""),
        "{}",
        run.stdout
    );
}

#[test]
fn period_dates_that_contradict_each_other() {
    let run = case("period-dates", &[]);
    assert_eq!(run.code, 1, "the bad school year is an error");
    assert!(
        run.stdout.contains("неверный учебный год «2023/2025»"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("раньше даты начала"), "{}", run.stdout);
    let future = case("period-future", &[]);
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
    let run = case("unclosed-string", &[]);
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
    assert!(case("unquoted-text", &[])
        .stdout
        .contains("текст нужно взять в кавычки"));
    let bs = case("bad-backslash", &[]);
    assert!(bs.stdout.contains(" --> card.toml:9:23\n"), "{}", bs.stdout);
    assert!(
        bs.stdout.contains("|                       ^^\n"),
        "{}",
        bs.stdout
    );
}
