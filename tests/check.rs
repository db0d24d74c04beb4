//! `mentorcard check` on broken cards: whole diagnostic texts compared with reference files.
//! Each case is a folder under tests/fixtures/check/ with `card.toml` and the expected output;
//! cases cover every class of problem, with Cyrillic at varied columns.

mod common;

use common::*;

fn case(name: &str, extra: &[&str]) -> Run {
    let src = root().join("tests/fixtures/check").join(name);
    let dir = scratch(&format!("check-{name}"));
    std::fs::copy(src.join("card.toml"), dir.join("card.toml")).expect("fixture card");
    let mut args = vec!["check", "card.toml"];
    args.extend_from_slice(extra);
    let run = run(&dir, &args);
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
