//! The command line's own messages: help and usage errors in Russian by default, in English
//! with `--lang en` or MENTORCARD_LANG=en, with clap's suggestions kept; exit 0 for help and
//! the version, 2 for a usage error, and nothing written.

use crate::common::*;

#[test]
fn help_is_russian_by_default_and_english_on_request() {
    let ru = run(&root(), &["--help"]);
    assert_eq!(ru.code, 0, "{}", ru.stderr);
    for line in [
        "Использование: mentorcard [ПАРАМЕТРЫ] <КОМАНДА>",
        "Команды:",
        "  check        Проверить карточки и сообщить обо всех ошибках сразу",
        "  completions  Напечатать дополнение команд для оболочки (bash, zsh, fish, powershell, elvish)",
        "  help         Показать справку по команде",
        "Параметры:",
        "  -h, --help               Показать эту справку",
        "  -V, --version            Показать версию",
    ] {
        assert!(ru.stdout.contains(line), "{line}:\n{}", ru.stdout);
    }
    let en = run(&root(), &["--lang", "en", "--help"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    for line in [
        "Usage: mentorcard [OPTIONS] <COMMAND>",
        "Commands:",
        "  check        Check cards and report every problem at once",
        "  completions  Print command completion for a shell (bash, zsh, fish, powershell, elvish)",
        "Options:",
        "  -h, --help             Print help",
    ] {
        assert!(en.stdout.contains(line), "{line}:\n{}", en.stdout);
    }
    assert!(!en.stdout.contains("Проверить"), "{}", en.stdout);
    let build = run_env(&root(), &["build", "--help"], &[("MENTORCARD_LANG", "en")]);
    assert_eq!(build.code, 0);
    assert!(
        build
            .stdout
            .contains("Formats, comma-separated: pdf, html, md, docx"),
        "{}",
        build.stdout
    );
    assert!(
        build
            .stdout
            .contains("Arguments:\n  <FILES>...  Card files (.toml)"),
        "{}",
        build.stdout
    );
    let ru_build = run(&root(), &["build", "--help"]);
    assert!(
        ru_build
            .stdout
            .contains("Аргументы:\n  <ФАЙЛЫ>...  Файлы карточек (.toml)"),
        "{}",
        ru_build.stdout
    );
    assert!(
        ru_build.stdout.contains("[допустимо: pdf, html, md, docx]"),
        "{}",
        ru_build.stdout
    );
    let version = run(&root(), &["--version"]);
    assert_eq!(
        (version.code, version.stdout.as_str()),
        (0, "mentorcard 0.1.0\n")
    );
}

/// Runs a wrong command line in a fresh folder in both languages: exit 2, nothing written.
fn usage_error(name: &str, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let dir = scratch(name);
    std::fs::write(dir.join("card.toml"), "title = \"x\"\n").unwrap();
    let ru = run_limited(&dir, args, env, std::time::Duration::from_secs(60));
    let en_args: Vec<&str> = ["--lang", "en"]
        .iter()
        .copied()
        .chain(args.iter().copied())
        .collect();
    let en = run_limited(&dir, &en_args, env, std::time::Duration::from_secs(60));
    for r in [&ru, &en] {
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "");
    }
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["card.toml"], "{args:?} wrote files");
    (ru.stderr, en.stderr)
}

#[test]
fn an_unknown_command_suggests_the_right_one() {
    let (ru, en) = usage_error("usage-command", &["biuld", "card.toml"], &[]);
    assert!(
        ru.starts_with("ошибка: нет такой команды «biuld»\n\n  возможно, имелось в виду «build»?"),
        "{ru}"
    );
    assert!(
        ru.contains("Использование: mentorcard [ПАРАМЕТРЫ] <КОМАНДА>"),
        "{ru}"
    );
    assert!(ru.contains("Подробнее: mentorcard --help"), "{ru}");
    assert!(
        en.starts_with("error: no such command «biuld»\n\n  did you mean «build»?"),
        "{en}"
    );
    let (ru, en) = usage_error("usage-option", &["check", "--strictt", "card.toml"], &[]);
    assert!(
        ru.contains("неизвестный параметр «--strictt»\n\n  возможно, имелось в виду «--strict»?"),
        "{ru}"
    );
    assert!(
        en.contains("unknown option «--strictt»\n\n  did you mean «--strict»?"),
        "{en}"
    );
}

#[test]
fn a_missing_argument_is_named() {
    let (ru, en) = usage_error("usage-missing", &["build"], &[]);
    assert!(
        ru.starts_with("ошибка: не указано обязательное: <ФАЙЛЫ>..."),
        "{ru}"
    );
    assert!(
        ru.contains("Использование: mentorcard build <ФАЙЛЫ>..."),
        "{ru}"
    );
    assert!(
        en.starts_with("error: required but not given: <FILES>..."),
        "{en}"
    );
}

#[test]
fn an_invalid_value_lists_the_allowed_ones() {
    let args = ["build", "card.toml", "-f", "xls", "-o", "out"];
    let (ru, en) = usage_error("usage-value", &args, &[]);
    assert!(ru.starts_with("ошибка: недопустимое значение «xls» для --format <ФОРМАТ>\n  допустимо: pdf, html, md, docx"), "{ru}");
    assert!(
        en.starts_with(
            "error: invalid value «xls» for --format <FORMAT>\n  allowed: pdf, html, md, docx"
        ),
        "{en}"
    );
    let (ru, _) = usage_error(
        "usage-value-lang",
        &["--lang", "fr", "check", "card.toml"],
        &[],
    );
    assert!(
        ru.contains("недопустимое значение «fr» для --lang <ЯЗЫК>\n  допустимо: ru, en"),
        "{ru}"
    );
}

#[test]
fn source_date_epoch_beyond_9999_is_refused_by_every_command_that_reads_it() {
    for command in ["build", "check", "watch", "serve"] {
        let env = [("SOURCE_DATE_EPOCH", "99999999999999")];
        let (ru, en) = usage_error(
            &format!("usage-epoch-{command}"),
            &[command, "card.toml"],
            &env,
        );
        assert!(ru.contains("SOURCE_DATE_EPOCH «99999999999999»: нужно число секунд от 1970-01-01 до 9999-12-31 (годы 1970–9999)"), "{command}: {ru}");
        assert!(
            en.contains(
                "SOURCE_DATE_EPOCH «99999999999999»: must be seconds from 1970-01-01 to 9999-12-31"
            ),
            "{command}: {en}"
        );
    }
    let (ru, _) = usage_error(
        "usage-epoch-negative",
        &["build", "card.toml", "--source-date-epoch=-1"],
        &[],
    );
    assert!(ru.contains("SOURCE_DATE_EPOCH «-1»"), "{ru}");
}

/// Every command's English help is English to the last line, and build and watch say they
/// take a collection too (issue 22, point 13).
#[test]
fn english_help_has_no_russian_line_and_mentions_collections() {
    for command in COMMANDS {
        let en = run(&root(), &["--lang", "en", command, "--help"]);
        assert_eq!(en.code, 0, "{command}: {}", en.stderr);
        let russian: Vec<&str> = en
            .stdout
            .lines()
            .filter(|l| {
                l.chars()
                    .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
            })
            .collect();
        assert!(russian.is_empty(), "{command}: {russian:#?}");
    }
    for command in ["build", "watch"] {
        let en = run(&root(), &["--lang", "en", command, "--help"]);
        assert!(en.stdout.contains("collection"), "{command}: {}", en.stdout);
        let ru = run(&root(), &[command, "--help"]);
        assert!(ru.stdout.contains("сборник"), "{command}: {}", ru.stdout);
    }
}
