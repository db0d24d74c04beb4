//! What the packages install and what a Windows teacher's files look like: completions and
//! the man page from the binary itself, in the help's language; a card saved by Notepad
//! (UTF-8 with BOM, CRLF) in a folder with Cyrillic and spaces builds exactly as the plain one.

use crate::common::*;

#[test]
fn completions_name_every_command_in_the_help_language() {
    let dir = scratch("completions");
    for shell in ["bash", "zsh", "fish"] {
        let r = run(&dir, &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        for command in COMMANDS {
            assert!(r.stdout.contains(command), "{shell} lacks {command}");
        }
        // the man page is a hidden value for the packages (bash's script lists it anyway)
        if shell != "bash" {
            assert!(
                !r.stdout.contains("elvish man"),
                "{shell} offers the man page"
            );
        }
    }
    let bash = run(&dir, &["completions", "bash"]).stdout;
    assert!(bash.contains("complete -F _mentorcard"), "{bash}");
    let zsh = run(&dir, &["completions", "zsh"]).stdout;
    assert!(zsh.starts_with("#compdef mentorcard"), "{zsh}");
    assert!(zsh.contains("(bash zsh fish powershell elvish)"), "{zsh}");
    assert!(zsh.contains("Проверить карточки"), "{zsh}");
    let fish = run(&dir, &["--lang", "en", "completions", "fish"]).stdout;
    assert!(fish.contains("Check cards"), "{fish}");
    assert!(!fish.contains("Проверить карточки"), "{fish}");
}

#[test]
fn an_unknown_shell_is_refused_in_russian() {
    let dir = scratch("completions-unknown");
    let r = run(&dir, &["completions", "cmd"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("ошибка"), "{}", r.stderr);
    assert!(r.stderr.contains("bash"), "{}", r.stderr);
}

#[test]
fn the_man_page_has_a_section_per_command_with_russian_headings() {
    let dir = scratch("manual");
    let ru = run(&dir, &["completions", "man"]);
    assert_eq!(ru.code, 0, "{}", ru.stderr);
    assert!(
        ru.stdout.starts_with(".ie") || ru.stdout.starts_with(".TH"),
        "{}",
        ru.stdout
    );
    for heading in [".SH ИМЯ\n", ".SH ОБЗОР\n", ".SH ПАРАМЕТРЫ\n"] {
        assert!(ru.stdout.contains(heading), "no {heading:?}");
    }
    assert!(!ru.stdout.contains(".SH NAME"), "{}", ru.stdout);
    assert!(!ru.stdout.contains("Possible values"), "{}", ru.stdout);
    for command in COMMANDS {
        let section = format!(".SH \"MENTORCARD {}\"", command.to_uppercase());
        assert!(ru.stdout.contains(&section), "no section {section}");
    }
    assert!(ru.stdout.contains("Собрать документы"));
    let en = run(&dir, &["--lang", "en", "completions", "man"]);
    assert!(en.stdout.contains(".SH NAME\n"), "{}", en.stdout);
    assert!(en.stdout.contains("Build the documents"), "{}", en.stdout);
}

#[test]
fn a_notepad_card_in_a_cyrillic_folder_builds_byte_identical_files() {
    let dir = scratch("notepad-card");
    let folder = dir.join("Мои документы");
    std::fs::create_dir_all(&folder).unwrap();
    let card = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let notepad = format!("\u{feff}{}", card.replace('\n', "\r\n"));
    std::fs::write(folder.join("Моя практика.toml"), notepad).unwrap();
    std::fs::write(folder.join("plain.toml"), &card).unwrap();

    let check = run(&folder, &["check", "Моя практика.toml"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("Моя практика.toml:"),
        "{}",
        check.stdout
    );
    // A line of a CRLF card is shown without its carriage return.
    assert!(!check.stdout.contains('\r'), "{:?}", check.stdout);
    assert!(!check.stdout.contains("\\r"), "{}", check.stdout);

    let built = run(
        &dir,
        &["build", "Мои документы/Моя практика.toml", "-o", "out"],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(
        run(&dir, &["build", "Мои документы/plain.toml", "-o", "out"]).code,
        0
    );
    for ext in ["pdf", "html", "md", "docx"] {
        let notepad = std::fs::read(dir.join(format!("out/Моя практика.{ext}"))).unwrap();
        let plain = std::fs::read(dir.join(format!("out/plain.{ext}"))).unwrap();
        assert!(notepad == plain, "the Notepad card's {ext} differs");
    }
}
