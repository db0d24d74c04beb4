//! `mentorcard serve` through the binary: it prints its address, listens on 127.0.0.1 only,
//! answers its own four paths and nothing else (no file of the folder, nothing outside it,
//! whatever the URL), serves exactly what `build` writes plus the preview block, shows the
//! diagnostics `check` prints over the last good page, and survives any card.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::common::*;
use crate::live::*;
use mentorcard::preview::page::strip;

const TITLE: &str = "title = \"Реверсивное наставничество\"";

fn card_in(name: &str) -> PathBuf {
    let dir = scratch(name);
    let example = root().join("examples/reverse-mentoring.toml");
    std::fs::copy(example, dir.join("card.toml")).unwrap();
    std::fs::write(dir.join("secret.txt"), "SECRET-CONTENT").unwrap();
    dir
}

/// `serve card.toml` in `dir`; it prints the address once the first build is done.
fn serve(dir: &Path) -> (Running, u16) {
    let mut server = Running::start(dir, &["serve", "card.toml"]);
    let port = port_of(&server.line_with("http://127.0.0.1:", DEADLINE));
    assert!(
        server.seen.iter().any(|l| l.starts_with("пересобрано за")),
        "{:?}",
        server.seen
    );
    (server, port)
}

fn version(page: &str) -> u64 {
    let at = page.rfind("data-version=\"").expect("the script tag") + 14;
    page[at..].split('"').next().unwrap().parse().unwrap()
}

/// The page once the server holds a build newer than `than`.
fn page_after(port: u16, than: u64) -> String {
    eventually(DEADLINE, "a new build", || {
        let page = get(port, "/").text();
        (version(&page) > than).then_some(page)
    })
}

fn escaped(text: &str) -> String {
    let mut out = String::new();
    mentorcard::render::markup::escape_into(&mut out, text);
    out
}

#[test]
fn serve_answers_its_own_paths_and_no_file_whatever_the_url() {
    let dir = card_in("serve-paths");
    let (_server, port) = serve(&dir);
    let page = get(port, "/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type").unwrap(),
        "text/html; charset=utf-8"
    );
    assert!(page
        .text()
        .contains("<h1 id=\"title\">Реверсивное наставничество</h1>"));
    let pdf = get(port, "/preview.pdf");
    assert_eq!(
        (pdf.status, pdf.header("content-type").unwrap().as_str()),
        (200, "application/pdf")
    );
    assert!(pdf.body.starts_with(b"%PDF-"));
    let script = get(port, "/live.js");
    assert_eq!(script.status, 200);
    assert!(script.text().contains("new EventSource('/events')"));

    let card = std::fs::read_to_string(dir.join("card.toml")).unwrap();
    let refused = [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/etc/passwd",
        "/card.toml",
        "/./card.toml",
        "/%63ard.toml",
        "/secret.txt",
        "/preview.pdf/../card.toml",
        "/live.js/..%2fsecret.txt",
        "/index.html",
        "/C:/Windows/win.ini",
        "/%",
        "/%00",
    ];
    for path in refused {
        let reply = get(port, path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(reply.body.is_empty(), "{path}: {}", reply.text());
    }
    // The request target sent as it is, not as a client would normalise it.
    for target in [
        "../../etc/passwd",
        "/etc/passwd",
        "card.toml",
        "http://127.0.0.1/card.toml",
        "*",
    ] {
        let reply = send(
            port,
            &format!(
                "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            ),
        );
        assert_ne!(reply.status, 200, "{target}");
        let text = reply.text();
        assert!(
            !text.contains("root:") && !text.contains("SECRET") && !text.contains(TITLE),
            "{target}: {text}"
        );
    }
    let post = send(port, &format!("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    assert_eq!((post.status, post.body.len()), (404, 0));
    // A page elsewhere whose name was made to point at 127.0.0.1 sends its own Host.
    let rebound = send(
        port,
        &format!("GET / HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!((rebound.status, rebound.body.len()), (404, 0));
    let no_host = send(port, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!((no_host.status, no_host.body.len()), (404, 0));
    assert!(!card.is_empty());
}

#[test]
fn serve_listens_on_loopback_only() {
    let dir = card_in("serve-loopback");
    let (_server, port) = serve(&dir);
    let Ok(tcp) = std::fs::read_to_string("/proc/net/tcp") else {
        return; // not Linux: nothing to read the sockets from
    };
    let hex = format!(":{port:04X}");
    let listening = |table: &str| -> Vec<String> {
        table
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .filter(|f| f.len() > 3 && f[1].ends_with(&hex) && f[3] == "0A")
            .map(|f| f[1].to_string())
            .collect()
    };
    assert_eq!(listening(&tcp), [format!("0100007F{hex}")]);
    let tcp6 = std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    assert!(listening(&tcp6).is_empty(), "no IPv6 listener");
    if let Ok(ss) = std::process::Command::new("ss").arg("-ltn").output() {
        let ss = String::from_utf8_lossy(&ss.stdout).into_owned();
        let ours: Vec<&str> = ss
            .lines()
            .filter(|l| l.contains(&format!(":{port} ")))
            .collect();
        assert!(
            !ours.is_empty()
                && ours
                    .iter()
                    .all(|l| l.contains(&format!("127.0.0.1:{port}"))),
            "{ss}"
        );
    }
}

#[test]
fn the_page_is_what_build_writes_plus_the_preview_block() {
    let dir = card_in("serve-same-html");
    let (_server, port) = serve(&dir);
    let page = get(port, "/").text();
    let r = run(&dir, &["build", "card.toml", "-f", "html", "-o", "out"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let built = std::fs::read_to_string(dir.join("out/card.html")).unwrap();
    assert_ne!(page, built, "the page has the preview block");
    assert_eq!(strip(&page), built);
}

#[test]
fn a_broken_save_shows_what_check_prints_over_the_last_good_page_until_fixed() {
    let dir = card_in("serve-broken");
    let card = dir.join("card.toml");
    let (_server, port) = serve(&dir);
    let good = get(port, "/").text();
    let text = std::fs::read_to_string(&card).unwrap();
    std::fs::write(&card, text.replacen(TITLE, &TITLE[..TITLE.len() - 1], 1)).unwrap();
    let broken = page_after(port, version(&good));
    let check = run(&dir, &["check", "card.toml"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains("--> card.toml:6:9"),
        "{}",
        check.stdout
    );
    assert!(
        broken.contains("<section id=\"mentorcard-problems\""),
        "{broken}"
    );
    assert!(
        broken.contains(&escaped(&check.stdout)),
        "{broken}\n---\n{}",
        check.stdout
    );
    assert_eq!(
        strip(&broken),
        strip(&good),
        "the last good page stays under the panel"
    );

    std::fs::write(
        &card,
        text.replacen("наставничество\"", "наставничество: новое\"", 1),
    )
    .unwrap();
    let fixed = page_after(port, version(&broken));
    assert!(
        !fixed.contains("mentorcard-problems\""),
        "fixing removes the panel"
    );
    assert!(fixed.contains("<h1 id=\"title\">Реверсивное наставничество: новое</h1>"));
}

/// Reads the stream until it holds `needle`.
fn read_until(stream: &mut TcpStream, got: &mut String, needle: &str) {
    let end = Instant::now() + DEADLINE;
    let mut buf = [0u8; 4096];
    while !got.contains(needle) {
        assert!(Instant::now() < end, "no «{needle}» in {got:?}");
        let n = stream.read(&mut buf).expect("read the event stream");
        assert!(n > 0, "the stream closed: {got:?}");
        got.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}

#[test]
fn the_event_stream_announces_each_build() {
    let dir = card_in("serve-events");
    let (_server, port) = serve(&dir);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    let mut got = String::new();
    read_until(&mut stream, &mut got, "event: build\ndata: 1\n\n");
    assert!(
        got.starts_with("HTTP/1.1 200 OK\r\n") && got.contains("text/event-stream"),
        "{got}"
    );
    assert!(!got.to_ascii_lowercase().contains("chunked"), "{got}");
    let card = dir.join("card.toml");
    let text = std::fs::read_to_string(&card).unwrap();
    std::fs::write(&card, text.replacen(TITLE, "title = \"Другое\"", 1)).unwrap();
    read_until(&mut stream, &mut got, "event: build\ndata: 2\n\n");
}

#[test]
fn huge_half_saved_and_unreadable_cards_only_give_diagnostics() {
    let dir = card_in("serve-robust");
    let card = dir.join("card.toml");
    let (mut server, port) = serve(&dir);
    let text = std::fs::read_to_string(&card).unwrap();
    let paragraph = "Наставник и наставляемый учатся друг у друга. ".repeat(40);
    let huge = text.replacen(
        "[introduction]\ntext = '''",
        &format!(
            "[introduction]\ntext = '''\n{}\n",
            [paragraph.as_str(); 500].join("\n\n")
        ),
        1,
    );
    assert!(huge.len() > 1 << 20);
    let half = &text.as_bytes()[..text.len() / 2 + 1];
    let cases: [(&str, Vec<u8>); 6] = [
        ("half-saved", half.to_vec()),
        ("empty", Vec::new()),
        ("binary", vec![0xff, 0xfe, 0, 1, 2, 0x80]),
        ("over the size limit", vec![b'#'; 17 << 20]),
        ("a megabyte card", huge.into_bytes()),
        ("the good card again", text.clone().into_bytes()),
    ];
    let mut seen = version(&get(port, "/").text());
    for (what, bytes) in cases {
        std::fs::write(&card, &bytes).unwrap();
        let page = page_after(port, seen);
        seen = version(&page);
        assert!(page.contains("</html>"), "{what}: {page}");
        assert_eq!(get(port, "/live.js").status, 200, "{what}");
    }
    assert!(!get(port, "/").text().contains("mentorcard-problems\""));
    std::fs::remove_file(&card).unwrap();
    let gone = page_after(port, seen);
    assert!(gone.contains("mentorcard-problems\""), "{gone}");
    assert_eq!(server.interrupt(), Some(0), "{}", server.stderr());
}

#[test]
fn a_port_in_use_is_a_usage_error_in_words() {
    let dir = card_in("serve-port-taken");
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let r = run(&dir, &["serve", "card.toml", "--port", &port]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "127.0.0.1:{port}: порт уже занят другой программой"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn a_card_that_is_not_there_is_a_usage_error_at_once() {
    let dir = scratch("serve-missing");
    let r = run(&dir, &["serve", "nope.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("не удалось прочитать файл nope.toml"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stdout.contains("http://"),
        "no address for a server that is not there"
    );
}

/// A сборник of the example and a card with errors, in `dir`.
fn book_with_a_broken_card(name: &str) -> PathBuf {
    let dir = card_in(name);
    let broken = "title = \"Неготовая практика\"\n[criteria]\nname = \"x\"\n";
    std::fs::write(dir.join("broken.toml"), broken).unwrap();
    let book =
        "[collection]\ntitle = \"Сборник практик\"\ncards = [\"card.toml\", \"broken.toml\"]\n";
    std::fs::write(dir.join("book.toml"), book).unwrap();
    dir
}

#[test]
fn a_book_with_a_broken_card_shows_the_rest_names_it_and_serves_its_pdf() {
    let dir = book_with_a_broken_card("serve-book-broken");
    let mut server = Running::start(&dir, &["serve", "book.toml"]);
    let port = port_of(&server.line_with("http://127.0.0.1:", DEADLINE));
    let page = eventually(DEADLINE, "the book's page", || {
        let page = get(port, "/").text();
        page.contains("Реверсивное наставничество").then_some(page)
    });
    let panel = &page[page.find("mentorcard-problems").expect("a panel")..];
    assert!(panel.contains("не вошли в предпросмотр"), "{panel}");
    assert!(
        panel.contains("broken.toml"),
        "the broken card is named: {panel}"
    );
    assert!(
        panel.contains("критерий 2"),
        "with its first errors: {panel}"
    );
    assert!(
        !panel.contains("--skip-invalid"),
        "no advice serve cannot take: {panel}"
    );
    let pdf = eventually(DEADLINE, "the PDF", || {
        let pdf = get(port, "/preview.pdf");
        (pdf.status == 200).then_some(pdf)
    });
    assert_eq!(
        pdf.header("Content-Type").as_deref(),
        Some("application/pdf")
    );
    assert!(pdf.body.starts_with(b"%PDF-"));
    std::fs::copy(dir.join("card.toml"), dir.join("broken.toml")).unwrap();
    eventually(DEADLINE, "the panel gone", || {
        let page = get(port, "/").text();
        (!page.contains("id=\"mentorcard-problems\"")).then_some(())
    });
    assert_eq!(server.interrupt(), Some(0));
}

#[test]
fn before_any_build_the_pdf_address_says_so_and_the_panel_claims_no_last_version() {
    let dir = card_in("serve-never-built");
    std::fs::write(
        dir.join("card.toml"),
        "title = \"Т\"\n[criteria]\nname = \"x\"\n",
    )
    .unwrap();
    let mut server = Running::start(&dir, &["serve", "card.toml"]);
    let port = port_of(&server.line_with("http://127.0.0.1:", DEADLINE));
    let page = get(port, "/").text();
    assert!(page.contains("показать пока нечего"), "{page}");
    assert!(!page.contains("последний удачный вариант"), "{page}");
    let pdf = get(port, "/preview.pdf");
    assert_eq!(pdf.status, 404);
    assert!(pdf.text().contains("PDF ещё нет"), "{}", pdf.text());
    assert_eq!(server.interrupt(), Some(0));
}
