//! `mentorcard edit` through the binary: it prints its address on a line of its own, serves
//! the form, saves into the card changing only the edited value's lines, refuses what does
//! not come from its own page, and Ctrl-C exits 0 leaving no temporary file. (The form in a
//! real browser: tests/browser/editor.mjs.)

use std::path::PathBuf;

use crate::common::*;
use crate::live::*;

fn card_in(name: &str) -> PathBuf {
    let dir = scratch(name);
    let example = root().join("examples/reverse-mentoring.toml");
    std::fs::copy(example, dir.join("card.toml")).unwrap();
    dir
}

fn post(port: u16, path: &str, origin: &str, token: &str, body: &str) -> Reply {
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\n\
         X-Mentorcard-Token: {token}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    send(port, &(head + body))
}

#[test]
fn the_form_saves_into_the_card_and_refuses_other_pages() {
    let dir = card_in("edit-save");
    let card = dir.join("card.toml");
    let before = std::fs::read_to_string(&card).unwrap();
    let mut edit = Running::start(&dir, &["edit", "card.toml", "--no-open"]);
    let line = edit.line_with("http://127.0.0.1:", DEADLINE);
    assert!(
        line.starts_with("http://") && line.trim_end().ends_with('/'),
        "{line}"
    );
    let port = port_of(&line);

    let page = get(port, "/");
    assert_eq!(page.status, 200);
    let text = page.text();
    let at = text.find("name=\"mentorcard-token\" content=\"").unwrap() + 33;
    let token = &text[at..at + 32];
    assert!(page
        .header("Content-Security-Policy")
        .unwrap()
        .contains("default-src 'self'"));
    assert_eq!(get(port, "/card.toml").status, 404);
    assert_eq!(get(port, "/api/card").status, 403, "no token, no card");

    let own = format!("http://127.0.0.1:{port}");
    let old = "Усовершенствование личных знаний более опытных преподавателей, с точки зрения современности, усваивание новых тенденций и технологий.";
    let body = format!(
        r#"{{"changes": {{"criteria.problem": {{"base": "{old}", "value": "Первый абзац.\n\nВторой абзац."}}}}}}"#
    );
    for (origin, token) in [("http://evil.example", token), (own.as_str(), "0")] {
        assert_eq!(post(port, "/api/save", origin, token, &body).status, 403);
    }
    assert_eq!(std::fs::read_to_string(&card).unwrap(), before);

    let saved = post(port, "/api/save", &own, token, &body);
    assert_eq!(saved.status, 200, "{}", saved.text());
    let after = std::fs::read_to_string(&card).unwrap();
    let problem = format!("problem = \"{old}\"");
    let block = "problem = '''\nПервый абзац.\n\nВторой абзац.\n'''";
    assert_eq!(after, before.replace(&problem, block));
    let checked = run(&dir, &["check", "card.toml"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);

    assert_eq!(edit.interrupt(), Some(0));
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("card.toml")]);
}

#[test]
fn a_card_that_cannot_be_read_is_refused_at_once() {
    let dir = scratch("edit-folder");
    std::fs::create_dir_all(dir.join("folder.toml")).unwrap();
    let out = run(&dir, &["edit", "folder.toml", "--no-open"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("folder.toml"), "{}", out.stderr);
}

#[test]
fn a_collection_is_refused_with_what_to_open_instead() {
    let dir = scratch("edit-collection");
    std::fs::write(
        dir.join("book.toml"),
        "[collection]\ntitle = \"Сборник\"\ncards = [\"*.toml\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["edit", "book.toml", "--no-open"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("файл сборника") && out.stderr.contains("mentorcard edit"),
        "{}",
        out.stderr
    );
}
