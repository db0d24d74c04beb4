//! `mentorcard build` on the bundled example: outputs compared with reference files, written
//! atomically, byte-identical across runs.

use crate::common::*;

fn build_example(name: &str, formats: &str) -> std::path::PathBuf {
    let out = scratch(name);
    let r = run(
        &root(),
        &[
            "build",
            "examples/reverse-mentoring.toml",
            "-f",
            formats,
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    out
}

#[test]
fn example_markdown_matches_reference() {
    let out = build_example("build-md", "md");
    let md = std::fs::read_to_string(out.join("reverse-mentoring.md")).unwrap();
    assert_golden(&root().join("tests/golden/reverse-mentoring.md"), &md);
    // Every word of the seed outside the restated citations is in the Markdown too.
    let missing = missing_words(&seed_text(), &md.replace('\\', ""));
    let unexplained: Vec<_> = missing
        .iter()
        .filter(|w| !RESTATED_IN_STANDARD_FORM.contains(&w.as_str()))
        .collect();
    assert!(unexplained.is_empty(), "{unexplained:?}");
}

#[test]
fn build_warns_about_outdated_norms_but_builds() {
    let out = scratch("build-warnings");
    let r = run(
        &root(),
        &[
            "build",
            "examples/reverse-mentoring.toml",
            "-f",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0);
    assert!(
        r.stderr
            .contains("№ 204 ставил национальные цели на период до 2024 года"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("«Современная школа»"), "{}", r.stderr);
    assert!(r.stdout.contains("reverse-mentoring.md"), "{}", r.stdout);
}

#[test]
fn two_builds_are_byte_identical() {
    let a = build_example("build-same-a", "md");
    let b = build_example("build-same-b", "md");
    assert_eq!(
        std::fs::read(a.join("reverse-mentoring.md")).unwrap(),
        std::fs::read(b.join("reverse-mentoring.md")).unwrap()
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let dir = scratch("build-keeps-old");
    std::fs::copy(
        root().join("tests/fixtures/check/misspelt-key/card.toml"),
        dir.join("card.toml"),
    )
    .unwrap();
    std::fs::write(dir.join("card.md"), "старая версия").unwrap();
    let r = run(&dir, &["build", "card.toml", "-f", "md"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        std::fs::read_to_string(dir.join("card.md")).unwrap(),
        "старая версия"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn output_next_to_the_card_by_default() {
    let dir = scratch("build-default-dir");
    std::fs::copy(
        root().join("examples/reverse-mentoring.toml"),
        dir.join("практика.toml"),
    )
    .unwrap();
    let r = run(&dir, &["build", "практика.toml", "-f", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = std::fs::read_to_string(dir.join("практика.md")).unwrap();
    assert!(
        md.starts_with("---\npagetitle: \"Реверсивное наставничество\""),
        "{md}"
    );
}

/// `pandoc NAME.md -o NAME.docx` gives a Word table of 14 rows under a header whose cells keep
/// their paragraphs and lists. Needs pandoc: CI installs it and runs the ignored tests.
#[test]
#[ignore = "needs pandoc"]
fn pandoc_turns_the_example_markdown_into_a_word_table_with_lists() {
    use std::io::Read;
    let out = build_example("build-pandoc", "md");
    let docx = out.join("via-pandoc.docx");
    let status = std::process::Command::new("pandoc")
        .arg(out.join("reverse-mentoring.md"))
        .arg("-o")
        .arg(&docx)
        .status()
        .expect("pandoc on PATH");
    assert!(status.success());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let rows: Vec<&str> = xml
        .split("<w:tr>")
        .skip(1)
        .map(|r| r.split("</w:tr>").next().unwrap())
        .collect();
    assert_eq!(rows.len(), 15, "header + 14 rows");
    let cells = |row: &str| -> Vec<String> {
        row.split("<w:tc>")
            .skip(1)
            .map(|c| c.split("</w:tc>").next().unwrap().to_string())
            .collect()
    };
    // Row 4 «Цель практики»: four paragraphs in the content cell.
    let goal = &cells(rows[4])[2];
    assert_eq!(
        goal.matches("<w:p>").count() + goal.matches("<w:p ").count(),
        4,
        "{goal}"
    );
    // Row 8 «Результативность»: a lead paragraph and three list items (numbering properties).
    let results = &cells(rows[8])[2];
    assert_eq!(results.matches("<w:numPr>").count(), 3, "{results}");
    // Row 13: six numbered sources; the special-needs row has an empty № cell.
    assert_eq!(cells(rows[13])[2].matches("<w:numPr>").count(), 6);
    let number_cell = &cells(rows[14])[0];
    assert!(
        !number_cell.contains("<w:t>") && !number_cell.contains("<w:t "),
        "the unnumbered row has no number"
    );
}

/// Hard cards through the real binary, every format: a criterion three pages long, a
/// 2,000-character word, emoji and CJK, 500 bullet items. All build, and the PDF and DOCX
/// read back complete.
#[test]
fn stress_cards_build_in_every_format_and_read_back() {
    use std::io::Read;
    let base =
        std::fs::read_to_string(root().join("tests/fixtures/check/contest-limits/card.toml"))
            .unwrap();
    let long_word: String = "абвгдежзиклмнопрстуфхцчшщэюя"
        .chars()
        .cycle()
        .take(2000)
        .collect();
    let three_pages =
        "Наставник и наставляемый встречаются каждую неделю и обсуждают занятия. ".repeat(120);
    let bullets: String = (1..=500).map(|i| format!("- пункт {i}\n")).collect();
    let card = base
        .replace(
            "goal = \"Обмен опытом между поколениями педагогов: каждый учит другого тому, что знает лучше.\"",
            &format!("goal = '''\n{three_pages}\n'''"),
        )
        .replace("name = \"Практика «Педагог – педагог»\"", &format!("name = \"Практика {long_word}\""))
        .replace("concept = \"Наставник", "concept = \"😀 漢字 Наставник")
        .replace(
            "results = \"\"\"\nПоказатели результативности:",
            &format!("results = \"\"\"\nПоказатели результативности:\n{bullets}"),
        );
    let dir = scratch("build-stress");
    std::fs::write(dir.join("card.toml"), card).unwrap();
    let r = run(&dir, &["build", "card.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("U+1F600") && r.stderr.contains("«Концептуальная идея»"),
        "{}",
        r.stderr
    );

    let pdf = lopdf::Document::load_mem(&std::fs::read(dir.join("card.pdf")).unwrap()).unwrap();
    let text: String = pdf
        .get_pages()
        .keys()
        .map(|&n| pdf.extract_text(&[n]).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let flat: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{ad}' | '-' | '\u{2010}'))
        .collect();
    // The word crosses a page: drop the page number, the repeated header and the row's
    // number and label repeated as continued between.
    let mut flat = flat
        .replace("№КритерииСодержание", "")
        .replace(|c: char| c.is_ascii_digit(), "");
    for info in mentorcard::locale::CRITERIA {
        let label: String = info.ru.chars().filter(|c| !c.is_whitespace()).collect();
        flat = flat.replace(&format!(".{label}(продолжение)"), "");
        flat = flat.replace(&format!("{label}(продолжение)"), "");
    }
    assert!(
        flat.contains(&long_word),
        "the 2,000-character word comes back whole"
    );
    for i in [1, 250, 500] {
        assert!(text.contains(&format!("пункт {i}")), "bullet {i} missing");
    }
    // Each sentence of the long criterion once: none lost or repeated across its pages.
    for word in ["встречаются", "обсуждают", "занятия."] {
        assert_eq!(text.matches(word).count(), 120, "{word}");
    }
    assert!(pdf.get_pages().len() >= 8);

    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(dir.join("card.docx")).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("пункт 500") && xml.contains(&long_word) && xml.contains("😀"));
    let html = std::fs::read_to_string(dir.join("card.html")).unwrap();
    assert!(html.contains("пункт 500") && html.contains("漢字"));
}

/// The example with an author, built as Markdown into a scratch folder.
fn example_with_author_md(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let card = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap()
        + "\n[[authors]]\nname = \"Иванова Мария Петровна\"\nposition = \"воспитатель\"\n";
    std::fs::write(dir.join("card.toml"), card).unwrap();
    let r = run(&dir, &["build", "card.toml", "-f", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    dir.join("card.md")
}

fn pandoc(args: &[&str], file: &std::path::Path) -> (String, String) {
    let out = std::process::Command::new("pandoc")
        .args(args)
        .arg(file)
        .output()
        .expect("pandoc on PATH");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (text(out.stdout), text(out.stderr))
}

/// `pandoc card.md -o card.docx` shows the title once and the authors once: the card's body
/// has them (the heading and the author line), so the YAML block must not add pandoc's title
/// block on top. `pandoc -s` HTML likewise, with the title and author still in its `<head>`.
#[test]
#[ignore = "needs pandoc"]
fn pandoc_shows_the_title_and_the_authors_once() {
    use std::io::Read;
    let md = example_with_author_md("build-pandoc-title");
    let docx = md.with_extension("docx");
    pandoc(&["-o", docx.to_str().unwrap()], &md);
    let mut xml = String::new();
    (zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap())
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let paragraphs: Vec<String> = (xml.split("</w:p>"))
        .map(|p| {
            let runs = p
                .split("<w:t")
                .skip(1)
                .filter(|t| t.starts_with(['>', ' ']));
            let texts = runs.filter_map(|t| t.split_once('>').map(|(_, rest)| rest));
            texts.map(|t| t.split("</w:t>").next().unwrap()).collect()
        })
        .collect();
    let count = |f: &dyn Fn(&String) -> bool| paragraphs.iter().filter(|p| f(p)).count();
    assert_eq!(
        count(&|p| p == "Реверсивное наставничество"),
        1,
        "{paragraphs:#?}"
    );
    assert_eq!(
        count(&|p| p.contains("Иванова Мария Петровна")),
        1,
        "{paragraphs:#?}"
    );

    let (html, warnings) = pandoc(&["-s", "-t", "html"], &md);
    assert_eq!(warnings, "", "pandoc -s warned");
    assert_eq!(
        html.matches("Реверсивное наставничество</h1>").count(),
        1,
        "{html}"
    );
    assert_eq!(html.matches("Иванова Мария Петровна").count(), 2, "{html}");
    assert!(
        html.contains("<title>Реверсивное наставничество</title>"),
        "{html}"
    );
    assert!(html.contains("<meta name=\"author\" content=\"Иванова Мария Петровна\" />"));
}

/// A criterion holding a 2 MB base64 string (a picture pasted as text) once gave a 306 MB
/// `.md`: every table line was padded to the word. The Markdown stays proportional to the card.
#[test]
fn a_2_mb_word_gives_markdown_proportional_to_the_card() {
    let dir = scratch("build-2mb-word");
    let mut state: u64 = 1;
    let word: String = (0..2_000_000)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            char::from(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                    [(state >> 58) as usize],
            )
        })
        .collect();
    let card = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml"))
        .unwrap()
        .replacen("concept = \"", &format!("concept = \"{word} "), 1);
    std::fs::write(dir.join("card.toml"), &card).unwrap();
    let limit = std::time::Duration::from_secs(60);
    let r = run_limited(&dir, &["build", "card.toml", "-f", "md"], &[], limit);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = std::fs::metadata(dir.join("card.md")).unwrap().len() as usize;
    assert!(
        md < 2 * card.len(),
        "{md} bytes of Markdown for a {} byte card",
        card.len()
    );
}

/// A contest profile's limits refuse a build as they fail a check: the example is 8 pages
/// and has no organisation, so `max_pages = 3` and the required metadata stop it, and
/// nothing is written (issue 22, point 5).
#[test]
fn build_with_a_profile_is_refused_by_its_limits_as_check_is() {
    let dir = scratch("build-profile-limits");
    std::fs::copy(
        root().join("examples/reverse-mentoring.toml"),
        dir.join("card.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("contest.toml"),
        "base = \"gost\"\n[limits]\nmax_pages = 3\nrequired_metadata = [\"organisation\"]\n",
    )
    .unwrap();
    let check = run(&dir, &["check", "card.toml", "--profile", "contest.toml"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    let build = run(
        &dir,
        &[
            "build",
            "card.toml",
            "--profile",
            "contest.toml",
            "-o",
            "out",
        ],
    );
    assert_eq!(build.code, 1, "{}", build.stderr);
    for line in ["больше допустимых 3", "«organisation»"] {
        assert!(
            check.stdout.contains(line),
            "check lacks {line}:\n{}",
            check.stdout
        );
        assert!(
            build.stderr.contains(line),
            "build lacks {line}:\n{}",
            build.stderr
        );
    }
    assert!(!dir.join("out").exists(), "a refused build wrote files");
    // without the profile the same card builds
    assert_eq!(run(&dir, &["build", "card.toml", "-o", "out"]).code, 0);
}

/// `[сайт](www.school.ru/…)` was a link to a file beside the document in every format; now
/// every format links to https://… and check says so at the address (issue 22, point 9).
#[test]
fn a_link_without_a_scheme_becomes_https_in_every_format() {
    let dir = scratch("link-scheme");
    let card = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let card = card.replacen(
        "conditions = '''",
        "conditions = '''\nСм. [сайт школы](www.school.ru/mentor) и [отчёт](отчёт.docx).\n",
        1,
    );
    assert!(
        card.contains("www.school.ru"),
        "the example changed: no conditions block"
    );
    std::fs::write(dir.join("card.toml"), card).unwrap();
    let check = run(&dir, &["check", "card.toml"]);
    assert!(
        check
            .stdout
            .contains("ссылка «www.school.ru/mentor» без https://"),
        "{}",
        check.stdout
    );
    assert_eq!(run(&dir, &["build", "card.toml", "-o", "out"]).code, 0);
    let html = std::fs::read_to_string(dir.join("out/card.html")).unwrap();
    assert!(
        html.contains("href=\"https://www.school.ru/mentor\""),
        "html"
    );
    assert!(html.contains("href=\"отчёт.docx\""), "a file stays a file");
    let md = std::fs::read_to_string(dir.join("out/card.md")).unwrap();
    assert!(md.contains("(<https://www.school.ru/mentor>)"), "md");
    let docx = std::fs::read(dir.join("out/card.docx")).unwrap();
    let rels = zip_part(&docx, "word/_rels/document.xml.rels");
    assert!(
        rels.contains("Target=\"https://www.school.ru/mentor\""),
        "{rels}"
    );
    let pdf = crate::common::pdf::load(&std::fs::read(dir.join("out/card.pdf")).unwrap());
    fn uris_in(o: &lopdf::Object, out: &mut Vec<String>) {
        match o {
            lopdf::Object::Dictionary(d) => {
                if let Ok(u) = d.get(b"URI").and_then(lopdf::Object::as_str) {
                    out.push(String::from_utf8_lossy(u).into_owned());
                }
                d.iter().for_each(|(_, v)| uris_in(v, out));
            }
            lopdf::Object::Array(a) => a.iter().for_each(|v| uris_in(v, out)),
            _ => {}
        }
    }
    let mut uris = Vec::new();
    pdf.objects.values().for_each(|o| uris_in(o, &mut uris));
    assert!(
        uris.iter().any(|u| u == "https://www.school.ru/mentor"),
        "{uris:?}"
    );
    assert!(!uris.iter().any(|u| u.starts_with("www.")), "{uris:?}");
}

/// The example in every format against its golden files (tests/golden): the whole HTML page,
/// the DOCX body (word/document.xml) and the PDF's text page by page. A change that moves
/// a byte of any of them shows as a diff; `UPDATE_GOLDEN=1 cargo test` rewrites them, and the
/// diff is reviewed like code.
#[test]
fn example_in_every_format_matches_its_golden_files() {
    let out = build_example("build-golden", "pdf,html,docx");
    let golden = |name: &str| root().join("tests/golden").join(name);
    let html = std::fs::read_to_string(out.join("reverse-mentoring.html")).unwrap();
    assert_golden(&golden("reverse-mentoring.html"), &html);
    let docx = std::fs::read(out.join("reverse-mentoring.docx")).unwrap();
    let body = zip_part(&docx, "word/document.xml");
    // one element a line, so a diff points at the paragraph that changed
    assert_golden(
        &golden("reverse-mentoring.document.xml"),
        &body.replace("><", ">\n<"),
    );
    let pdf = crate::common::pdf::load(&std::fs::read(out.join("reverse-mentoring.pdf")).unwrap());
    let pages = crate::common::pdf::page_texts(&pdf);
    let text: String = pages
        .iter()
        .enumerate()
        .map(|(i, t)| format!("--- page {} ---\n{t}\n", i + 1))
        .collect();
    assert_golden(&golden("reverse-mentoring.pdf.txt"), &text);
}
