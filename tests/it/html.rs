//! The HTML renderer read back: a small tag scanner checks nesting, the table's semantics,
//! escaping of hostile strings, byte-identity and template overrides.

use std::path::{Path, PathBuf};

use crate::docfixture::{seed_like, HOSTILE, LABELS, LONG_WORD};
use mentorcard::cli::SystemWorld;
use mentorcard::document::Document;
use mentorcard::locale::Lang;
use mentorcard::message::Failure;
use mentorcard::render::{html, RenderOptions};
use mentorcard::templates;

/// One tag or text run of the page.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Close(String),
    Text(String),
}

const VOID: &[&str] = &["meta", "br", "img", "link", "hr", "input", "col"];

/// Splits the page into tags and text. Because every `<` in user text must be escaped, any
/// tag this finds is a tag the renderer meant to write.
fn tokens(page: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = page;
    // The style element holds CSS, not markup.
    while let Some(lt) = rest.find('<') {
        if lt > 0 {
            out.push(Token::Text(rest[..lt].to_string()));
        }
        let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
        let inner = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if inner.starts_with('!') {
            continue;
        }
        if let Some(name) = inner.strip_prefix('/') {
            out.push(Token::Close(name.trim().to_string()));
            continue;
        }
        let (name, attr_text) = inner.split_once(' ').unwrap_or((inner, ""));
        out.push(Token::Open {
            name: name.to_string(),
            attrs: attributes(attr_text),
        });
        if name == "style" {
            let end = rest.find("</style>").expect("style closed");
            out.push(Token::Text(rest[..end].to_string()));
            rest = &rest[end..];
        }
    }
    if !rest.is_empty() {
        out.push(Token::Text(rest.to_string()));
    }
    out
}

fn attributes(text: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (name, after) = match rest.find(['=', ' ']) {
            Some(i) if rest.as_bytes()[i] == b'=' => (&rest[..i], &rest[i + 1..]),
            Some(i) => {
                attrs.push((rest[..i].to_string(), String::new()));
                rest = rest[i..].trim_start();
                continue;
            }
            None => {
                attrs.push((rest.to_string(), String::new()));
                break;
            }
        };
        let quoted = after
            .strip_prefix('"')
            .expect("attribute values are double-quoted");
        let end = quoted.find('"').expect("closing quote");
        attrs.push((name.to_string(), quoted[..end].to_string()));
        rest = quoted[end + 1..].trim_start();
    }
    attrs
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// Checks that every element is closed in order and returns the elements with their parents.
fn check_nesting(tokens: &[Token]) -> Vec<(String, Vec<String>)> {
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    for t in tokens {
        match t {
            Token::Open { name, .. } => {
                seen.push((name.clone(), stack.clone()));
                if !VOID.contains(&name.as_str()) {
                    stack.push(name.clone());
                }
            }
            Token::Close(name) => {
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(name.as_str()),
                    "misnested </{name}>"
                );
            }
            Token::Text(_) => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    seen
}

/// The built-in templates with the overrides of a folder, read from the real file system.
fn options_with(dir: Option<&Path>) -> Result<RenderOptions, Failure> {
    let world = SystemWorld::new(None, Vec::new());
    Ok(RenderOptions {
        templates: templates::load(&world, dir)?.0,
        ..RenderOptions::default()
    })
}

fn render(doc: &Document, templates: Option<PathBuf>) -> String {
    let options = options_with(templates.as_deref()).expect("templates load");
    let out = html::render(doc, &options).expect("renders");
    String::from_utf8(out.bytes).expect("utf-8")
}

fn maybe_save(name: &str, page: &str) {
    if let Ok(dir) = std::env::var("MENTORCARD_TEST_OUT") {
        let _ = std::fs::write(Path::new(&dir).join(name), page);
    }
}

/// The text a reader sees, with `<ol>` item numbers as the browser draws them.
fn page_text(tokens: &[Token]) -> String {
    let mut in_style = false;
    let mut text = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    for t in tokens {
        match t {
            Token::Open { name, attrs } if name == "ol" => lists.push(Some(
                attr(attrs, "start")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1),
            )),
            Token::Open { name, .. } if name == "ul" => lists.push(None),
            Token::Close(name) if name == "ol" || name == "ul" => {
                lists.pop();
            }
            Token::Open { name, .. } if name == "li" => {
                if let Some(Some(n)) = lists.last_mut() {
                    text.push_str(&format!("{n}. "));
                    *n += 1;
                }
            }
            Token::Open { name, .. } if name == "style" => in_style = true,
            Token::Close(name) if name == "style" => in_style = false,
            Token::Text(s) if !in_style => text.push_str(&unescape(s)),
            _ => {}
        }
    }
    text
}

#[test]
fn page_is_semantic_and_complete() {
    let doc = seed_like(false);
    let page = render(&doc, None);
    maybe_save("seed.html", &page);
    assert!(page.starts_with("<!DOCTYPE html>"));
    let toks = tokens(&page);
    let elements = check_nesting(&toks);

    let html_attrs = toks
        .iter()
        .find_map(|t| match t {
            Token::Open { name, attrs } if name == "html" => Some(attrs.clone()),
            _ => None,
        })
        .expect("html element");
    assert_eq!(attr(&html_attrs, "lang"), Some("ru"));
    let meta = |wanted: &str| {
        toks.iter().find_map(|t| match t {
            Token::Open { name, attrs }
                if name == "meta" && attr(attrs, "name") == Some(wanted) =>
            {
                attr(attrs, "content").map(unescape)
            }
            _ => None,
        })
    };
    assert_eq!(meta("author").as_deref(), Some("Иванова Мария Петровна"));
    assert!(page.contains("<title>Реверсивное наставничество</title>"));

    // No network: nothing is loaded from anywhere.
    for (name, _) in &elements {
        assert!(
            !["script", "link", "img", "iframe"].contains(&name.as_str()),
            "<{name}>"
        );
    }
    assert!(!page.contains("url("), "CSS must not fetch anything");
    assert!(!page.contains("@import"));

    // Headings never skip a level.
    let levels: Vec<u8> = elements
        .iter()
        .filter_map(|(n, _)| n.strip_prefix('h').and_then(|d| d.parse().ok()))
        .collect();
    assert_eq!(levels, vec![1, 2, 2]);
    let mut prev = 0;
    for l in levels {
        assert!(l <= prev + 1);
        prev = l;
    }

    // The table: a thead with three column headers, 14 body rows, each with a row header.
    let col_headers: Vec<&(String, Vec<String>)> = elements
        .iter()
        .filter(|(n, parents)| n == "th" && parents.contains(&"thead".to_string()))
        .collect();
    assert_eq!(col_headers.len(), 3);
    let scopes: Vec<Option<String>> = toks
        .iter()
        .filter_map(|t| match t {
            Token::Open { name, attrs } if name == "th" => {
                Some(attr(attrs, "scope").map(str::to_string))
            }
            _ => None,
        })
        .collect();
    assert_eq!(scopes.len(), 3 + 14);
    assert!(scopes[..3].iter().all(|s| s.as_deref() == Some("col")));
    assert!(scopes[3..].iter().all(|s| s.as_deref() == Some("row")));
    let body_rows = elements
        .iter()
        .filter(|(n, parents)| n == "tr" && parents.contains(&"tbody".to_string()))
        .count();
    assert_eq!(body_rows, 14);
    // Lists survive inside cells.
    let cell_lists = elements
        .iter()
        .filter(|(n, p)| (n == "ol" || n == "ul") && p.contains(&"td".to_string()))
        .count();
    assert_eq!(cell_lists, 3);

    let text = page_text(&toks);
    for (_, label) in LABELS {
        assert!(text.contains(label), "{label}");
    }
    assert_eq!(text.matches(LONG_WORD).count(), 40);
    assert!(text.contains("978-5-00000-000-0"));
    // The special-needs row has no number; row 13 has.
    assert!(page.contains("<td class=\"num\">13.</td>"));
    assert!(page.contains("<td class=\"num\"></td>"));
    // A link keeps its target, escaped in the attribute.
    assert!(page.contains("href=\"https://example.org/a?b=1&amp;c=%222%22\""));
}

#[test]
fn css_follows_the_profile_for_print() {
    let page = render(&seed_like(false), None);
    assert!(page.contains("size: A4;"));
    assert!(
        page.contains("margin: 20mm 15mm 20mm 30mm;"),
        "GOST margins"
    );
    assert!(page.contains("font-size: 14pt;"));
    assert!(page.contains("line-height: 24.15pt;"));
    assert!(page.contains("display: table-header-group;"));
    assert!(page.contains("@bottom-right { content: counter(page);"));
    assert!(page.contains("\"Times New Roman\", \"Liberation Serif\", Times, serif"));
    assert!(page.contains("hyphens: manual;"));
    assert!(!page.contains("hyphens: auto;"));
    assert!(page.contains("@media screen and (max-width: 40rem)"));

    let mut profile = mentorcard::profile::Profile::compact();
    profile.hyphenate = true;
    profile.number_first_page = false;
    profile.page_numbers = mentorcard::profile::PageNumbers::BottomCenter;
    let options = RenderOptions {
        profile,
        ..RenderOptions::default()
    };
    let out = html::render(&seed_like(false), &options).expect("renders");
    let page = String::from_utf8(out.bytes).expect("utf-8");
    assert!(page.contains("font-size: 12pt;"));
    assert!(page.contains("line-height: 13.8pt;"));
    assert!(page.contains("hyphens: auto;"));
    assert!(page.contains("@page :first { @bottom-center { content: none; } }"));
}

#[test]
fn hostile_strings_stay_text() {
    let doc = seed_like(true);
    let out = html::render(&doc, &RenderOptions::default()).expect("renders");
    let page = String::from_utf8(out.bytes).expect("utf-8");
    maybe_save("hostile.html", &page);
    let toks = tokens(&page);
    let elements = check_nesting(&toks);
    for (name, _) in &elements {
        assert_ne!(name, "script");
        assert_ne!(name, "img");
    }
    for t in &toks {
        if let Token::Open { name, attrs } = t {
            for (a, _) in attrs {
                assert!(!a.starts_with("on"), "<{name} {a}> was injected");
            }
        }
    }
    assert!(
        !page.to_lowercase().contains("javascript:"),
        "the link was dropped"
    );
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert!(out.warnings[0]
        .message
        .text(Lang::En)
        .contains("javascript:alert(3)"));
    // The hostile text is still there, readable, in title, meta, labels, header and body.
    let text = page_text(&toks);
    assert!(
        text.matches(HOSTILE).count() >= 14 + 4,
        "{}",
        text.matches(HOSTILE).count()
    );
    assert!(page.contains("<title>Реверсивное наставничество &lt;script&gt;"));
    // «почта» survives as plain text without its link.
    assert!(text.contains("почта"));
}

#[test]
fn two_builds_are_byte_identical() {
    let doc = seed_like(true);
    let a = html::render(&doc, &RenderOptions::default())
        .expect("renders")
        .bytes;
    let b = html::render(&doc, &RenderOptions::default())
        .expect("renders")
        .bytes;
    assert_eq!(a, b);
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mentorcard-html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn overriding_one_template_changes_only_that_part() {
    let doc = seed_like(false);
    let default = render(&doc, None);
    let dir = temp_dir("override");
    std::fs::write(dir.join("style.css"), "body { color: rebeccapurple; }\n").expect("write");
    let custom = render(&doc, Some(dir.clone()));
    let strip_style = |page: &str| {
        let start = page.find("<style>").expect("style");
        let end = page.find("</style>").expect("style end");
        (
            page[..start].to_string() + &page[end..],
            page[start..end].to_string(),
        )
    };
    let (default_rest, default_css) = strip_style(&default);
    let (custom_rest, custom_css) = strip_style(&custom);
    assert_eq!(default_rest, custom_rest, "only the style changed");
    assert_ne!(default_css, custom_css);
    assert!(custom_css.contains("rebeccapurple"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_user_partial_can_be_included() {
    let dir = temp_dir("partial");
    let table = templates::BUILTINS
        .iter()
        .find(|(n, _)| *n == "table.html")
        .expect("table template")
        .1;
    std::fs::write(
        dir.join("table.html"),
        format!("{{% include \"_note.html\" %}}\n{table}"),
    )
    .expect("write");
    std::fs::write(
        dir.join("_note.html"),
        "<p class=\"note\">Заполнено по форме.</p>",
    )
    .expect("write");
    // A built page lying in the same folder is not a template (its text may contain `{%`).
    std::fs::write(dir.join("card.html"), "{% broken").expect("write");
    let page = render(&seed_like(false), Some(dir.clone()));
    maybe_save("partial.html", &page);
    assert!(page.contains("<p class=\"note\">Заполнено по форме.</p><table class=\"criteria\">"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_template_is_reported_with_its_file_line_and_column() {
    let dir = temp_dir("broken");
    std::fs::write(
        dir.join("table.html"),
        "<table>\n<tr>{{ row.label | nosuchfilter }}</tr>\n",
    )
    .expect("write");
    let options = options_with(Some(&dir)).expect("templates load");
    let err = html::render(&seed_like(false), &options)
        .expect_err("unknown filter is an error")
        .text(Lang::En);
    let path = dir.join("table.html").display().to_string();
    assert!(err.contains(&format!("{path}:2:")), "{err}");
    assert!(err.contains("nosuchfilter"), "{err}");

    std::fs::write(dir.join("table.html"), "ok\n{% for row in table.rows %}\n").expect("write");
    let options = options_with(Some(&dir)).expect("templates load");
    let err = html::render(&seed_like(false), &options)
        .expect_err("unclosed for is an error")
        .text(Lang::En);
    assert!(err.contains(&path), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ejected_templates_reproduce_the_default_output() {
    let dir = temp_dir("eject");
    let written = templates::eject();
    assert_eq!(written, templates::BUILTINS);
    for (name, source) in written {
        std::fs::write(dir.join(name), source).expect("write");
    }
    let doc = seed_like(false);
    assert_eq!(render(&doc, None), render(&doc, Some(dir.clone())));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_template_folder_is_refused() {
    let dir = temp_dir("symlink");
    let outside = temp_dir("outside");
    std::fs::write(outside.join("secret.css"), "SECRET").expect("write");
    std::os::unix::fs::symlink(outside.join("secret.css"), dir.join("style.css")).expect("link");
    let err = options_with(Some(&dir))
        .expect_err("symlink out is refused")
        .text(Lang::En);
    assert!(err.contains("outside the template folder"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
}

#[test]
fn the_example_card_builds_to_a_complete_page() {
    use crate::docfixture::example;
    let dir = example::scratch("html-example");
    let (code, stderr) = example::build("html", &dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(dir.join("reverse-mentoring.html")).expect("page");
    let toks = tokens(&page);
    let elements = check_nesting(&toks);
    let body_rows = elements
        .iter()
        .filter(|(n, parents)| n == "tr" && parents.contains(&"tbody".to_string()))
        .count();
    assert_eq!(body_rows, 14);
    let cell_lists = elements
        .iter()
        .filter(|(n, p)| (n == "ol" || n == "ul") && p.contains(&"td".to_string()))
        .count();
    assert!(cell_lists >= 2, "norms and participants keep their lists");
    let missing = crate::docfixture::example::missing_seed_words(&page_text(&toks));
    assert!(missing.is_empty(), "seed words lost: {missing:?}");

    // A rebuild is byte-identical.
    let again = example::scratch("html-example-again");
    assert_eq!(example::build("html", &again, &[]).0, 0);
    assert_eq!(
        std::fs::read(again.join("reverse-mentoring.html")).expect("page"),
        page.as_bytes()
    );
}

#[test]
fn the_cli_reports_a_broken_user_template_by_file_and_line() {
    use crate::docfixture::example;
    let dir = example::scratch("html-broken-template");
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).expect("dir");
    std::fs::write(
        templates.join("page.html"),
        "<html>\n{{ title | nosuchfilter }}\n",
    )
    .expect("write");
    let (code, stderr) = example::build(
        "html",
        &dir,
        &["--templates", templates.to_str().expect("utf-8 path")],
    );
    assert_ne!(code, 0);
    let located = format!("{}:2:", templates.join("page.html").display());
    assert!(stderr.contains(&located), "{stderr}");
    assert!(
        !dir.join("reverse-mentoring.html").exists(),
        "no output from a broken template"
    );
}

#[test]
fn any_document_renders_to_well_nested_html() {
    for seed in 0..300 {
        let doc = crate::docfixture::random::document(seed);
        let out = html::render(&doc, &RenderOptions::default()).expect("renders");
        let page = String::from_utf8(out.bytes).expect("utf-8");
        if let (Ok(dir), true) = (std::env::var("MENTORCARD_TEST_OUT"), seed < 40) {
            let _ = std::fs::write(Path::new(&dir).join(format!("random-{seed}.html")), &page);
        }
        let toks = tokens(&page);
        let mut ids = std::collections::BTreeSet::new();
        for t in &toks {
            if let Token::Open { attrs, .. } = t {
                if let Some(id) = attr(attrs, "id") {
                    assert!(ids.insert(id.to_string()), "duplicate id {id}, seed {seed}");
                }
            }
        }
        let elements = check_nesting(&toks);
        for (name, parents) in &elements {
            assert_ne!(name, "script", "seed {seed}");
            if name == "a" {
                assert!(
                    !parents.contains(&"a".to_string()),
                    "nested link, seed {seed}"
                );
            }
        }
        assert!(
            !page.contains('\u{0}') && !page.contains('\u{fffe}'),
            "seed {seed}"
        );
    }
}
