//! Hostile inputs whose messages were the libraries' English: each runs through the binary
//! with a time limit, and must give its exit code, a Russian message at the right place, and
//! write nothing.

use crate::common::*;

/// A hang fails the test after a minute instead of stalling the suite.
fn limited(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    run_limited(dir, args, env, std::time::Duration::from_secs(60))
}

fn example() -> String {
    std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap()
}

/// `check` and `build` of `card` in a fresh folder: the check's output, after asserting
/// that both fail with 1 and the build writes nothing.
fn refused(name: &str, card: &str, extra: &[(&str, &[u8])]) -> String {
    let dir = scratch(name);
    std::fs::write(dir.join("card.toml"), card).unwrap();
    for (file, bytes) in extra {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    let check = limited(&dir, &["check", "card.toml"], &[]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    let build = limited(&dir, &["build", "card.toml", "-o", "out"], &[]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!dir.join("out").exists(), "build wrote files");
    check.stdout
}

#[test]
fn a_huge_year_is_out_of_range_in_russian() {
    let card = example().replace(
        "type = \"реверсивное\"\n",
        "type = \"реверсивное\"\nyear = 99999999999\n",
    );
    let out = refused("msg-year", &card, &[]);
    assert!(
        out.contains("`year`: значение 99999999999 вне допустимых пределов"),
        "{out}"
    );
    assert!(out.contains("card.toml:10:8"), "{out}");
    assert!(out.contains("напишите число от 1900 до 2100"), "{out}");
    assert!(!out.contains("expected i32"), "{out}");
}

#[test]
fn a_bad_csl_json_item_names_its_field_in_russian() {
    let card = example().replace(
        "special_needs = ",
        "materials_file = \"zotero.json\"\nspecial_needs = ",
    );
    assert_ne!(card, example());
    let json = br#"[{"type": "book", "title": "Verno"},
        {"type": "book", "title": "Pochvovedenie", "issued": {"date-parts": "2001"}}]"#;
    let out = refused("msg-csl", &card, &[("zotero.json", json)]);
    assert!(
        out.contains("файл источников «zotero.json»: запись 2 «Pochvovedenie»: поле «issued» записано неверно"),
        "{out}"
    );
    assert!(!out.contains("untagged"), "{out}");
    let broken = refused(
        "msg-csl-syntax",
        &card,
        &[("zotero.json", b"[{\"type\": }]")],
    );
    assert!(
        broken.contains("это не JSON: ошибка записи в строке 1, столбце 11"),
        "{broken}"
    );
    let no_title = refused(
        "msg-csl-title",
        &card,
        &[("zotero.json", b"[{\"type\": \"book\"}]")],
    );
    assert!(
        no_title.contains("запись 1: нет обязательного поля «title»"),
        "{no_title}"
    );
}

#[test]
fn a_control_character_in_a_multiline_string_is_named_where_it_is() {
    let card = example().replacen("Тема наставничества", "Тема\u{1}наставничества", 1);
    let out = refused("msg-control", &card, &[]);
    assert!(
        out.contains("невидимый управляющий символ (U+0001)"),
        "{out}"
    );
    assert!(out.contains("card.toml:13:5"), "{out}");
    assert!(!out.contains("не закрыт"), "{out}");
}

#[test]
fn old_mac_line_breaks_are_read_as_line_breaks() {
    let dir = scratch("msg-cr");
    let card = example().replace('\n', "\r");
    std::fs::write(dir.join("card.toml"), &card).unwrap();
    let check = limited(&dir, &["check", "card.toml"], &[]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    // A mistake in such a file is reported on its own line.
    let broken = card.replacen("problem = ", "problm = ", 1);
    std::fs::write(dir.join("card.toml"), &broken).unwrap();
    let check = limited(&dir, &["check", "card.toml"], &[]);
    assert_eq!(check.code, 1);
    assert!(
        check
            .stdout
            .contains("неизвестное поле «problm» в разделе [criteria]"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("card.toml:48:1"), "{}", check.stdout);
}

/// `check --profile` and `build --profile` with a profile file: both refuse with 2, say
/// where in the profile the problem is, and build writes nothing.
fn profile_refused(name: &str, profile: &str) -> String {
    let dir = scratch(name);
    std::fs::write(dir.join("card.toml"), example()).unwrap();
    std::fs::write(dir.join("contest.toml"), profile).unwrap();
    let check = limited(
        &dir,
        &["check", "card.toml", "--profile", "contest.toml"],
        &[],
    );
    assert_eq!(check.code, 2, "{}{}", check.stdout, check.stderr);
    let build = limited(
        &dir,
        &[
            "build",
            "card.toml",
            "--profile",
            "contest.toml",
            "-o",
            "out",
        ],
        &[],
    );
    assert_eq!(build.code, 2, "{}", build.stderr);
    assert!(!dir.join("out").exists(), "build wrote files");
    assert_eq!(check.stderr, build.stderr);
    check.stderr
}

#[test]
fn impossible_profile_sizes_are_refused_where_they_are_written() {
    let err = profile_refused(
        "msg-profile-sizes",
        "base = \"gost\"\nfont_size_pt = 0\ntable_font_size_pt = -3\nline_pitch_pt = nan\n",
    );
    assert!(
        err.contains("профиль оформления не принят contest.toml"),
        "{err}"
    );
    assert!(
        err.contains("`font_size_pt`: значение 0 вне допустимых пределов\n --> contest.toml:2:16"),
        "{err}"
    );
    assert!(
        err.contains(
            "`table_font_size_pt`: значение -3 вне допустимых пределов\n --> contest.toml:3:22"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "`line_pitch_pt`: значение nan вне допустимых пределов\n --> contest.toml:4:17"
        ),
        "{err}"
    );
    assert!(err.contains("напишите число от 4 до 72"), "{err}");
    let margins = profile_refused(
        "msg-profile-margins",
        "margin_left_mm = 110\nmargin_right_mm = 60\n",
    );
    assert!(
        margins.contains("поля слева и справа оставляют для текста 40 мм\n --> contest.toml:2:1"),
        "{margins}"
    );
}

#[test]
fn a_misspelt_name_in_a_profile_is_an_error_with_a_suggestion() {
    let err = profile_refused(
        "msg-profile-names",
        "[limits]\nrequired_rows = [\"special_need\"]\nrequired_metadata = [\"autors\"]\n",
    );
    assert!(err.contains("`limits.required_rows[0]`: недопустимое значение «special_need»\n --> contest.toml:2:18"), "{err}");
    assert!(
        err.contains("возможно, имелось в виду «special_needs»?"),
        "{err}"
    );
    assert!(
        err.contains(
            "`limits.required_metadata[0]`: недопустимое значение «autors»\n --> contest.toml:3:22"
        ),
        "{err}"
    );
    assert!(err.contains("возможно, имелось в виду «authors»?"), "{err}");
    let key = profile_refused("msg-profile-key", "font_sise_pt = 12\n");
    assert!(
        key.contains("неизвестное поле «font_sise_pt» в профиле\n --> contest.toml:1:1"),
        "{key}"
    );
    assert!(
        key.contains("возможно, имелось в виду «font_size_pt»?"),
        "{key}"
    );
}
