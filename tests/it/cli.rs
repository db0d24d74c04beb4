//! `new`, `schema` and `build` run as the real binary on real cards.

use crate::common::*;

#[test]
fn new_scaffold_then_check_names_every_unfilled_criterion_in_russian() {
    let dir = scratch("new-scaffold");
    let r = run(&dir, &["new", "моя-практика.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(dir.join("моя-практика.toml")).unwrap();
    assert!(
        text.starts_with("#:schema ./mentorcard.schema.json\n"),
        "{text}"
    );
    assert!(dir.join("mentorcard.schema.json").exists());
    let check = run(&dir, &["check", "моя-практика.toml"]);
    assert_eq!(check.code, 1);
    for info in mentorcard::locale::CRITERIA {
        if info.key == "participants" {
            continue;
        }
        assert!(
            check.stdout.contains(&format!("«{}» не заполнен", info.ru)),
            "no message for {}:\n{}",
            info.key,
            check.stdout
        );
    }
    assert!(
        check.stdout.contains("участник 1: не указана должность"),
        "{}",
        check.stdout
    );
}

#[test]
fn new_never_overwrites_without_force() {
    let dir = scratch("new-refuses");
    std::fs::write(dir.join("practice.toml"), "мой текст").unwrap();
    let r = run(&dir, &["new"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("уже существует"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("practice.toml")).unwrap(),
        "мой текст"
    );
    let r = run(&dir, &["new", "--force"]);
    assert_eq!(r.code, 0);
    assert!(std::fs::read_to_string(dir.join("practice.toml"))
        .unwrap()
        .contains("[criteria]"));
}

#[test]
fn new_example_is_the_bundled_example_and_checks_clean() {
    let dir = scratch("new-example");
    assert_eq!(run(&dir, &["new", "--example", "пример.toml"]).code, 0);
    let written = std::fs::read_to_string(dir.join("пример.toml")).unwrap();
    let bundled = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    assert_eq!(
        written.lines().skip(1).collect::<Vec<_>>(),
        bundled.lines().skip(1).collect::<Vec<_>>()
    );
    let check = run(&dir, &["check", "пример.toml"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn english_scaffold_on_request() {
    let dir = scratch("new-en");
    assert_eq!(run(&dir, &["--lang", "en", "new", "card.toml"]).code, 0);
    let text = std::fs::read_to_string(dir.join("card.toml")).unwrap();
    assert!(text.contains("language = \"en\""));
    let check = run(&dir, &["check", "card.toml"]);
    assert!(
        check.stdout.contains("Criterion 4 “Goal” is empty"),
        "{}",
        check.stdout
    );
}

#[test]
fn schema_is_valid_and_the_example_validates_against_it() {
    let r = run(&root(), &["schema"]);
    assert_eq!(r.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&r.stdout).expect("schema is JSON");
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
    let validator = jsonschema::draft7::new(&schema).expect("schema compiles");
    let example: toml::Value = toml::from_str(
        &std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap(),
    )
    .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&toml_to_json(&example))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And a broken card does not validate: the test can fail.
    let mut broken = toml_to_json(&example);
    broken["criteria"]["problm"] = "x".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn build_refuses_a_broken_card_and_writes_nothing() {
    let dir = scratch("build-refuses");
    std::fs::copy(
        root().join("tests/fixtures/check/misspelt-key/card.toml"),
        dir.join("card.toml"),
    )
    .unwrap();
    let r = run(&dir, &["build", "card.toml", "--format", "md", "-o", "out"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("сборка отменена"), "{}", r.stderr);
    assert!(r.stderr.contains("problm"), "{}", r.stderr);
    assert!(!dir.join("out").exists());
}

#[test]
fn unknown_profile_is_a_usage_error() {
    let dir = scratch("build-profile");
    let r = run(
        &root(),
        &[
            "build",
            "examples/reverse-mentoring.toml",
            "--profile",
            "нет-такого",
            "-o",
            dir.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("встроенные профили: gost, compact"),
        "{}",
        r.stderr
    );
}

#[test]
fn templates_eject_then_a_broken_template_is_a_located_error() {
    let dir = scratch("templates-eject");
    let r = run(&dir, &["templates", "--eject", "мои-шаблоны"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let table = dir.join("мои-шаблоны/table.html");
    assert!(std::fs::read_to_string(&table).unwrap().contains("<table"));
    // A second eject refuses to overwrite the user's edits.
    std::fs::write(&table, "{% if %}\n").unwrap();
    let again = run(&dir, &["templates", "--eject", "мои-шаблоны"]);
    assert_eq!(again.code, 2);
    assert_eq!(std::fs::read_to_string(&table).unwrap(), "{% if %}\n");
    let card = root().join("examples/reverse-mentoring.toml");
    let b = run(
        &dir,
        &[
            "build",
            card.to_str().unwrap(),
            "-f",
            "html",
            "-o",
            "out",
            "--templates",
            "мои-шаблоны",
        ],
    );
    assert_eq!(b.code, 1, "{}", b.stderr);
    assert!(
        b.stderr.contains("мои-шаблоны/table.html:1:"),
        "{}",
        b.stderr
    );
    // tera's own words are English; the teacher is told in Russian what to do.
    assert!(
        b.stderr
            .contains("= подсказка: исправьте шаблон в месте, на которое указывает стрелка"),
        "{}",
        b.stderr
    );
    assert!(!dir.join("out/reverse-mentoring.html").exists());
}

#[test]
fn contest_page_limit_counts_the_pages_the_pdf_would_have() {
    let dir = scratch("check-pages");
    std::fs::write(
        dir.join("contest.toml"),
        "base = \"gost\"\n[limits]\nmax_pages = 3\n",
    )
    .unwrap();
    let card = root().join("examples/reverse-mentoring.toml");
    let r = run(
        &dir,
        &["check", card.to_str().unwrap(), "--profile", "contest.toml"],
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("в PDF получится 8 страниц — больше допустимых 3"),
        "{}",
        r.stdout
    );
    // The shipped example profile (4–8 pages) accepts the example's length but wants authors.
    let shipped = run(
        &root(),
        &[
            "check",
            "examples/reverse-mentoring.toml",
            "--profile",
            "examples/contest-profile.toml",
        ],
    );
    assert!(
        !shipped.stdout.contains("в PDF получится"),
        "{}",
        shipped.stdout
    );
    assert!(
        shipped
            .stdout
            .contains("конкурс требует указать поле «authors»"),
        "{}",
        shipped.stdout
    );
}
