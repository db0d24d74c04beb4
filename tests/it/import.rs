//! `mentorcard import` on documents nobody on the project wrote by hand: every document in
//! tests/fixtures/import/ is imported through the binary and checked against what
//! expected.toml (written by make.py from the data the documents are built from) says it
//! must yield — title, authors, definitions, each row in its criterion, participants, acts
//! and sources, list items, bold, italic and links — and the card must pass `check`. Documents
//! are discovered from the folder, so a new one without an expectation fails the suite.
//!
//! Round trips go through the library: the example card rendered as our DOCX and our
//! Markdown imports back to the same text in every criterion.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::*;
use mentorcard::card::{Card, Material, Norm, Participant};
use mentorcard::compose::{compose, ComposeOptions};
use mentorcard::document::{Block, Document, Inline};
use mentorcard::message::ImportNote;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expected {
    files: BTreeMap<String, Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    must_fail: bool,
    error: Option<String>,
    title: Option<String>,
    organisation: Option<String>,
    #[serde(default)]
    authors: Vec<AuthorCase>,
    #[serde(default)]
    definitions: Vec<String>,
    #[serde(default)]
    header: Vec<String>,
    tables: Option<usize>,
    #[serde(default)]
    rows: Vec<RowCase>,
    #[serde(default)]
    conclusion: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    counts: Option<Counts>,
    items: Option<Items>,
    #[serde(default)]
    list_items: BTreeMap<String, usize>,
    #[serde(default)]
    contains: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    bold: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    italic: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    links: Vec<LinkCase>,
}

#[derive(Debug, Deserialize)]
struct AuthorCase {
    name: String,
    position: Option<String>,
    organisation: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RowCase {
    number: Option<String>,
    label: String,
    key: String,
}

#[derive(Debug, Deserialize)]
struct Counts {
    participants: usize,
    norms: usize,
    materials: usize,
}

#[derive(Debug, Deserialize)]
struct Items {
    participants: Vec<String>,
    norms: Vec<String>,
    materials: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct LinkCase {
    key: String,
    text: String,
    url: String,
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/import")
}

fn expected() -> Expected {
    let text = std::fs::read_to_string(fixtures().join("expected.toml")).expect("expected.toml");
    toml::from_str(&text).expect("expected.toml parses")
}

/// White space runs (U+00A0 too) as one space, as expected.toml compares phrases.
fn ws(s: &str) -> String {
    s.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Letters, digits and `№` only, lower case: for phrases that a structured act or record
/// says in its own punctuation («Волков А.А., Белова Н.И.» in `author = […]`).
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '№')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The text of a criterion as its rich text reads (list markers gone, no typography).
fn criterion_blocks(card: &Card, key: &str) -> Vec<Block> {
    mentorcard::richtext::parse(card.criteria.text(key).unwrap_or(""))
}

fn participant_text(p: &Participant) -> String {
    format!(
        "{} {} {} {} {}",
        p.role,
        p.name.as_deref().unwrap_or(""),
        p.mentoring.as_deref().unwrap_or(""),
        p.shares.join(" "),
        p.learns.join(" ")
    )
}

fn norm_text(n: &Norm) -> String {
    match n {
        Norm::Text(t) => t.clone(),
        Norm::Act(a) => format!(
            "{} {}",
            mentorcard::norms::cite(a),
            toml::to_string(a.as_ref()).unwrap()
        ),
    }
}

fn material_text(m: &Material) -> String {
    match m {
        Material::Text(t) => t.clone(),
        Material::Entry(e) => mentorcard::biblio::to_toml(e),
    }
}

fn list_items(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::List(l) => l.items.len() + l.items.iter().map(|i| list_items(i)).sum::<usize>(),
            _ => 0,
        })
        .sum()
}

/// Text inside bold (`strong`) or italic runs of some blocks.
fn styled_runs(blocks: &[Block], strong: bool) -> Vec<String> {
    fn walk(inlines: &[Inline], strong: bool, out: &mut Vec<String>) {
        for i in inlines {
            match i {
                Inline::Strong(c) => {
                    if strong {
                        out.push(Inline::plain(c));
                    }
                    walk(c, strong, out);
                }
                Inline::Emph(c) => {
                    if !strong {
                        out.push(Inline::plain(c));
                    }
                    walk(c, strong, out);
                }
                Inline::Link { content, .. } => walk(content, strong, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    visit(blocks, &mut |inlines| walk(inlines, strong, &mut out));
    out
}

fn visit(blocks: &[Block], f: &mut dyn FnMut(&[Inline])) {
    for b in blocks {
        match b {
            Block::Paragraph { content, .. } | Block::Heading { content, .. } => f(content),
            Block::List(l) => l.items.iter().for_each(|i| visit(i, f)),
            Block::Table(t) => t.rows.iter().for_each(|r| visit(&r.content, f)),
            Block::PageBreak | Block::TitlePage(_) | Block::Contents(_) => {}
        }
    }
}

fn links(blocks: &[Block]) -> Vec<(String, String)> {
    fn walk(inlines: &[Inline], out: &mut Vec<(String, String)>) {
        for i in inlines {
            match i {
                Inline::Link { url, content } => out.push((Inline::plain(content), url.clone())),
                Inline::Strong(c) | Inline::Emph(c) => walk(c, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    visit(blocks, &mut |inlines| walk(inlines, &mut out));
    out
}

fn load_card(path: &Path) -> Card {
    let text = std::fs::read_to_string(path).expect("the card was written");
    let loaded = mentorcard::load::load(&path.display().to_string(), &text, None);
    loaded.card.expect("the card loads").card
}

/// Imports one document through the binary into a scratch folder of its own.
fn import_doc(name: &str, extra: &[&str]) -> (Run, PathBuf) {
    // Each run gets its own folder: tests that import the same document run in parallel.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = scratch(&format!("import-{}-{n}", name.replace('.', "_")));
    std::fs::copy(fixtures().join(name), dir.join(name)).expect("copy the document");
    let card = dir.join(Path::new(name).with_extension("toml"));
    let mut args = vec!["import", name];
    args.extend_from_slice(extra);
    (run(&dir, &args), card)
}

/// Everything one document must yield; the problems found, not a panic at the first.
fn check_case(name: &str, case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let mut fail = |p: String| problems.push(format!("{name}: {p}"));
    let (run, card_path) = import_doc(name, &[]);
    if case.must_fail {
        if run.code == 0 {
            fail(format!("imported, but must fail:\n{}", run.stdout));
        }
        let want = match case.error.as_deref() {
            Some("no criteria table") => "таблица критериев не найдена",
            _ => "не читается как",
        };
        if !run.stderr.contains(want) {
            fail(format!("stderr lacks «{want}»: {}", run.stderr));
        }
        if card_path.exists() || card_path.with_file_name("mentorcard.schema.json").exists() {
            fail("a file was written for a document that failed".into());
        }
        return problems;
    }
    if run.code != 0 {
        fail(format!(
            "exit {} (the card must pass check):\n{}{}",
            run.code, run.stdout, run.stderr
        ));
        return problems;
    }
    let card = load_card(&card_path);

    // The report, from the library: which row went where.
    let bytes = std::fs::read(fixtures().join(name)).unwrap();
    let imported = mentorcard::import::import(Path::new(name), &bytes).expect("imports");
    // The binary writes exactly what the library makes, and the same document always gives
    // the same bytes.
    if std::fs::read_to_string(&card_path).ok().as_deref() != Some(imported.text.as_str()) {
        fail("the card written differs from the library's text for the same document".into());
    }
    let placed: Vec<(Option<String>, String, &str)> = imported
        .notes
        .iter()
        .filter_map(|n| match n {
            ImportNote::Row {
                number, label, key, ..
            } => Some((number.clone(), ws(label), *key)),
            _ => None,
        })
        .collect();
    let want: Vec<(Option<String>, String, &str)> = case
        .rows
        .iter()
        .map(|r| (r.number.clone(), ws(&r.label), r.key.as_str()))
        .collect();
    if placed != want {
        fail(format!("rows:\n  got  {placed:?}\n  want {want:?}"));
    }
    for r in &case.rows {
        if !run.stdout.contains(&format!("({})", r.key)) {
            fail(format!("the printed report does not name ({})", r.key));
        }
    }
    let headers: Vec<String> = imported
        .notes
        .iter()
        .filter_map(|n| match n {
            ImportNote::Skipped {
                text,
                what: mentorcard::message::Skipped::Header,
            } => Some(text.clone()),
            _ => None,
        })
        .collect();
    if headers.first() != Some(&case.header.join(" | ")) || Some(headers.len()) != case.tables {
        fail(format!(
            "header rows {headers:?}, want {:?} once per table ({:?})",
            case.header, case.tables
        ));
    }

    if let Some(t) = &case.title {
        if ws(&card.title) != ws(t) {
            fail(format!("title «{}», want «{t}»", card.title));
        }
    }
    let names: Vec<&str> = card.authors.iter().map(|a| a.name.as_str()).collect();
    let want_names: Vec<&str> = case.authors.iter().map(|a| a.name.as_str()).collect();
    if names != want_names {
        fail(format!("authors {names:?}, want {want_names:?}"));
    }
    for (a, w) in card.authors.iter().zip(&case.authors) {
        if w.position.is_some() && a.position.as_deref().map(ws) != w.position.as_deref().map(ws) {
            fail(format!(
                "{}: position {:?}, want {:?}",
                a.name, a.position, w.position
            ));
        }
        // An author's organisation, or the one the card names for all of them.
        let org = a.organisation.as_ref().or(card.organisation.as_ref());
        if w.organisation.is_some() && org.map(|o| ws(o)) != w.organisation.as_deref().map(ws) {
            fail(format!(
                "{}: organisation {org:?}, want {:?}",
                a.name, w.organisation
            ));
        }
    }
    if let Some(o) = &case.organisation {
        if card.organisation.as_deref().map(ws) != Some(ws(o)) {
            fail(format!("organisation {:?}, want «{o}»", card.organisation));
        }
    }
    let terms: Vec<&str> = card
        .introduction
        .iter()
        .flat_map(|i| i.definitions.iter().map(|d| d.term.as_str()))
        .collect();
    if terms != case.definitions {
        fail(format!(
            "definitions {terms:?}, want {:?}",
            case.definitions
        ));
    }
    let conclusion = ws(card.conclusion.as_ref().map_or("", |c| c.text.as_str()));
    for p in &case.conclusion {
        if !conclusion.contains(&ws(p)) {
            fail(format!("the conclusion lacks «{p}»"));
        }
    }

    let c = &card.criteria;
    if let Some(n) = &case.counts {
        let got = (c.participants.len(), c.norms.len(), c.materials.len());
        if got != (n.participants, n.norms, n.materials) {
            fail(format!(
                "participants/norms/materials {got:?}, want {:?}",
                (n.participants, n.norms, n.materials)
            ));
        }
    }
    if let Some(items) = &case.items {
        let pairs: [(&str, Vec<String>, &Vec<String>); 3] = [
            (
                "participant",
                c.participants.iter().map(participant_text).collect(),
                &items.participants,
            ),
            (
                "norm",
                c.norms.iter().map(norm_text).collect(),
                &items.norms,
            ),
            (
                "material",
                c.materials.iter().map(material_text).collect(),
                &items.materials,
            ),
        ];
        for (what, got, want) in pairs {
            for (i, phrase) in want.iter().enumerate() {
                let ok = got
                    .get(i)
                    .is_some_and(|g| letters(g).contains(&letters(phrase)));
                if !ok {
                    fail(format!(
                        "{what} {} lacks «{phrase}»: {:?}",
                        i + 1,
                        got.get(i)
                    ));
                }
            }
        }
    }
    for (key, n) in &case.list_items {
        let got = list_items(&criterion_blocks(&card, key));
        if got != *n {
            fail(format!("{key}: {got} list items, want {n}"));
        }
    }
    for (key, phrases) in &case.contains {
        let text = ws(&Block::plain(&criterion_blocks(&card, key)));
        for p in phrases {
            if !text.contains(&ws(p)) {
                fail(format!("{key} lacks «{p}»: {text}"));
            }
        }
    }
    for (strong, table) in [(true, &case.bold), (false, &case.italic)] {
        for (key, phrases) in table {
            let runs: Vec<String> = styled_runs(&criterion_blocks(&card, key), strong)
                .iter()
                .map(|r| ws(r))
                .collect();
            for p in phrases {
                if !runs.iter().any(|r| r.contains(&ws(p))) {
                    let style = if strong { "bold" } else { "italic" };
                    fail(format!("{key}: «{p}» is not {style}: {runs:?}"));
                }
            }
        }
    }
    for l in &case.links {
        let found = links(&criterion_blocks(&card, &l.key));
        if !found
            .iter()
            .any(|(t, u)| ws(t) == ws(&l.text) && u == &l.url)
        {
            fail(format!(
                "{}: no link «{}» → {}: {found:?}",
                l.key, l.text, l.url
            ));
        }
    }
    if !case.absent.is_empty() {
        let doc = compose(
            &card,
            &ComposeOptions::from_profile(&mentorcard::profile::Profile::gost(), None),
        );
        let rows = table_text(&doc);
        for p in &case.absent {
            if rows.iter().any(|(_, t)| t.contains(&ws(p))) {
                fail(format!("«{p}» stands in a criterion"));
            }
        }
    }
    problems
}

/// (key, plain text) of every row of the composed criteria table.
fn table_text(doc: &Document) -> Vec<(&'static str, String)> {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .map(|t| {
            t.rows
                .iter()
                .map(|r| {
                    (
                        r.source.map_or("", |s| s.key),
                        ws(&Block::plain(&r.content)),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_fixture_document_yields_what_expected_toml_says() {
    let expected = expected();
    let mut docs: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expected.toml" && n != "make.py")
        .collect();
    docs.sort();
    let described: Vec<String> = expected.files.keys().cloned().collect();
    assert_eq!(
        docs, described,
        "every document has an expectation and every expectation a document"
    );
    assert!(docs.len() >= 12, "{docs:?}");
    let mut problems = Vec::new();
    for name in &docs {
        problems.extend(check_case(name, &expected.files[name]));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_above_can_fail() {
    // A case that asks for the wrong key and a phrase that is not there reports both.
    let case: Case = toml::from_str(
        r#"
        must_fail = false
        rows = [{ number = "1.", label = "Наименование практики", key = "goal" }]
        [contains]
        name = ["слов этих в документе нет"]
        "#,
    )
    .unwrap();
    let problems = check_case("seed.txt", &case);
    assert!(problems.iter().any(|p| p.contains("rows:")), "{problems:?}");
    assert!(
        problems.iter().any(|p| p.contains("слов этих")),
        "{problems:?}"
    );
}

#[test]
fn the_seed_text_imports_and_builds_with_every_word_of_the_seed() {
    let (run_import, card) = import_doc("seed.txt", &[]);
    assert_eq!(
        run_import.code, 0,
        "{}{}",
        run_import.stdout, run_import.stderr
    );
    assert!(
        run_import.stdout.contains("ошибок не найдено") || run_import.stdout.contains("0 ошибок")
    );
    let dir = card.parent().unwrap().to_path_buf();
    let built = run(&dir, &["build", "seed.toml", "-f", "md", "-o", "out"]);
    assert_eq!(built.code, 0, "{}{}", built.stdout, built.stderr);
    let md = std::fs::read_to_string(dir.join("out/seed.md")).unwrap();
    let missing = missing_words(&seed_text(), &md);
    let unexplained: Vec<&String> = missing
        .iter()
        .filter(|w| !RESTATED_IN_STANDARD_FORM.contains(&w.as_str()))
        .collect();
    assert!(
        unexplained.is_empty(),
        "seed words missing from the built card: {unexplained:?}"
    );
}

#[test]
fn an_existing_card_is_not_overwritten_without_force() {
    let (first, card) = import_doc("two-column.docx", &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    std::fs::write(&card, "# мои правки\n").unwrap();
    let dir = card.parent().unwrap();
    let again = run(dir, &["import", "two-column.docx"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("уже существует"), "{}", again.stderr);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&card).unwrap(), "# мои правки\n");
    let forced = run(dir, &["import", "two-column.docx", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(std::fs::read_to_string(&card)
        .unwrap()
        .starts_with("#:schema"));
    let other = run(dir, &["import", "two-column.docx", "-o", "другое имя.toml"]);
    assert_eq!(other.code, 0, "{}", other.stderr);
    assert!(dir.join("другое имя.toml").exists());
}

#[test]
fn files_that_are_not_documents_get_advice_and_no_card() {
    let dir = scratch("import-refusals");
    std::fs::write(dir.join("практика.pdf"), b"%PDF-1.7\n%binary").unwrap();
    std::fs::write(
        dir.join("старая.doc"),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    )
    .unwrap();
    std::fs::write(dir.join("записка.rtf"), b"{\\rtf1\\ansi text}").unwrap();
    std::fs::write(dir.join("таблица.xlsx"), b"PK\x03\x04").unwrap();
    std::fs::write(
        dir.join("переименованный.txt"),
        b"PK\x03\x04not a zip at all",
    )
    .unwrap();
    let big = std::fs::File::create(dir.join("огромный.docx")).unwrap();
    big.set_len(17 << 20).unwrap();
    for (file, code, words) in [
        ("практика.pdf", 2, &["PDF", ".docx", "Сохранить как"][..]),
        ("старая.doc", 2, &["Word 97–2003", ".docx"][..]),
        ("записка.rtf", 2, &["RTF", ".docx"][..]),
        ("таблица.xlsx", 2, &["«.xlsx»", ".odt"][..]),
        (
            "переименованный.txt",
            1,
            &["не читается как документ Word"][..],
        ),
        ("огромный.docx", 2, &["16 МБ"][..]),
        ("нет-такого.docx", 2, &["файл не найден"][..]),
    ] {
        // Without LibreOffice on the PATH, as on most teachers' machines: .doc and .rtf get
        // the advice (with it, they are converted: see the tests of old documents below).
        let r = run_env(&dir, &["import", file], &[("PATH", "")]);
        assert_eq!(r.code, code, "{file}: {}", r.stderr);
        for w in words {
            assert!(r.stderr.contains(w), "{file}: «{w}» not in {}", r.stderr);
        }
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    let written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") || n.ends_with(".json"))
        .collect();
    assert!(written.is_empty(), "written: {written:?}");
    let en = run(&dir, &["--lang", "en", "import", "практика.pdf"]);
    assert!(en.stderr.contains("save it as .docx"), "{}", en.stderr);
}

#[test]
fn a_letter_without_the_table_says_so_in_english_too() {
    let (r, card) = import_doc("letter.docx", &["--lang", "en"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("criteria table not found"),
        "{}",
        r.stderr
    );
    assert!(!card.exists());
}

// ---------------------------------------------------------------------------------------------
// Round trips: our own outputs read back

fn example_project_export(format: mentorcard::render::Format) -> (Card, Vec<u8>) {
    let text = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    let world = mentorcard::world::MemoryWorld::new().with_file("example.toml", text.clone());
    let project =
        mentorcard::project::Project::new(&world, mentorcard::project::Settings::default())
            .unwrap();
    let checked = project
        .check(
            Path::new("example.toml"),
            mentorcard::project::Purpose::Build,
        )
        .unwrap();
    let bytes = project.export(&checked, format).unwrap().bytes;
    let card = checked.card().unwrap().card.clone();
    (card, bytes)
}

/// Everything a reader sees of a card, block by block and row by row, as composed (with
/// typography), so the same parts mean the same document.
fn parts(card: &Card) -> Vec<(String, String)> {
    let doc = compose(
        card,
        &ComposeOptions::from_profile(&mentorcard::profile::Profile::gost(), None),
    );
    let mut out = vec![("title".to_string(), ws(&doc.meta.title))];
    for b in &doc.blocks {
        match b {
            Block::Table(_) => {}
            b => out.push(("block".into(), ws(&Block::plain(std::slice::from_ref(b))))),
        }
    }
    for (key, text) in table_text(&doc) {
        out.push((key.to_string(), text));
    }
    out
}

fn assert_same_parts(original: &Card, imported: &Card) {
    let (a, b) = (parts(original), parts(imported));
    assert_eq!(a.len(), b.len(), "{b:#?}");
    for ((ka, ta), (kb, tb)) in a.iter().zip(&b) {
        assert_eq!(ka, kb);
        assert_eq!(ta, tb, "«{ka}» differs");
    }
    // Our documents print the form and type with typography applied; so does the import.
    let typeset = |o: &Option<String>| o.as_deref().map(mentorcard::typography::apply);
    assert_eq!(typeset(&original.form), typeset(&imported.form));
    assert_eq!(
        typeset(&original.mentoring_type),
        typeset(&imported.mentoring_type)
    );
    assert_eq!(
        original.criteria.participants.len(),
        imported.criteria.participants.len()
    );
}

#[test]
fn the_example_as_our_docx_imports_back_to_the_same_text() {
    let (card, bytes) = example_project_export(mentorcard::render::Format::Docx);
    let imported = mentorcard::import::import(Path::new("example.docx"), &bytes).expect("imports");
    assert_same_parts(&card, &imported.card);
    for (a, b) in card
        .criteria
        .participants
        .iter()
        .zip(&imported.card.criteria.participants)
    {
        assert_eq!(a.mentoring, b.mentoring);
    }
    let acts = imported
        .card
        .criteria
        .norms
        .iter()
        .filter(|n| matches!(n, Norm::Act(_)))
        .count();
    assert_eq!(acts, 3, "the three registry acts are structured again");
}

#[test]
fn the_example_as_our_markdown_imports_back_to_the_same_text() {
    let (card, bytes) = example_project_export(mentorcard::render::Format::Md);
    let imported = mentorcard::import::import(Path::new("example.md"), &bytes).expect("imports");
    assert_same_parts(&card, &imported.card);
}

#[test]
fn the_round_trip_check_can_fail() {
    let (card, _) = example_project_export(mentorcard::render::Format::Md);
    let mut other = card.clone();
    other.criteria.goal.push_str(" Лишнее.");
    let result = std::panic::catch_unwind(|| assert_same_parts(&card, &other));
    assert!(result.is_err());
}

// ---------------------------------------------------------------------------------------------
// Hostile input: never a panic, always a card or a refusal

/// A zip holding the given parts, as a document would.
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            z.start_file(*name, options).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn docx(body: &str) -> Vec<u8> {
    package(&[(
        "word/document.xml",
        format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
    )])
}

#[test]
fn hostile_documents_give_a_card_or_a_refusal_never_a_panic() {
    let row = |label: &str| {
        format!("<w:tr><w:tc><w:p><w:r><w:t>{label}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>текст</w:t></w:r></w:p></w:tc></w:tr>")
    };
    let form_rows: String = mentorcard::locale::CRITERIA
        .iter()
        .map(|c| row(c.ru))
        .collect();
    let mut seed = 0x2545_f491_u64;
    let mut noise = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect()
    };
    let deep_lists: String = (0..300)
        .map(|i| format!("{}- пункт {i}\n", "  ".repeat(i)))
        .collect();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a.txt", vec![0xFF; 4096]),
        ("a.txt", "\t".repeat(100_000).into_bytes()),
        ("a.txt", format!("\t№\n\tКритерии\n\tСодержание\n\n{}", "\tЦель практики\n".repeat(5000)).into_bytes()),
        ("a.md", "+".repeat(10_000).into_bytes()),
        ("a.md", "+--+\n|".repeat(3000).into_bytes()),
        ("a.md", "| a |\n|---|\n| Цель практики | b |\n".repeat(2000).into_bytes()),
        ("a.md", deep_lists.into_bytes()),
        ("a.md", format!("| № | Критерии | Содержание |\n|---|---|---|\n| 1. | Цель практики | {} |\n| 2. | Проблема | {} |\n| 3. | Участники | x |\n", "*".repeat(50_000), "[".repeat(50_000)).into_bytes()),
        ("a.docx", docx(&format!("<w:tbl>{form_rows}</w:tbl>"))),
        ("a.docx", docx(&format!("<w:tbl>{}</w:tbl>", row("Цель практики").repeat(5000)))),
        ("a.docx", docx(&format!("{}<w:p/>{}", "<w:sdt><w:sdtContent>".repeat(120), "</w:sdtContent></w:sdt>".repeat(120)))),
        ("a.docx", docx(&"<w:p>".repeat(2000))),
        ("a.docx", docx("<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"99999999999\"/></w:tcPr></w:tc></w:tr></w:tbl>")),
        ("a.docx", package(&[("word/document.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;&a;</x>".into())])),
        ("a.odt", package(&[("content.xml", format!("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>{}<text:p>x</text:p>{}</office:text></office:body></office:document-content>", "<text:list><text:list-item>".repeat(100), "</text:list-item></text:list>".repeat(100)))])),
        ("a.docx", noise(20_000)),
        // 200 KB that unpacks to tens of MiB of tiny paragraphs: refused by the count of
        // elements, before the tree fills memory (it once took 3.6 GB).
        ("a.docx", docx(&"<w:p><w:r><w:t>a</w:t></w:r></w:p>".repeat(400_000))),
        ("a.odt", { let mut z = b"PK\x03\x04".to_vec(); z.extend(noise(5000)); z }),
        ("a.md", noise(20_000)),
    ];
    for (i, (name, bytes)) in cases.into_iter().enumerate() {
        match mentorcard::import::import(Path::new(name), &bytes) {
            Ok(imported) => {
                let loaded = mentorcard::load::load("card.toml", &imported.text, None);
                assert!(
                    loaded.card.is_some(),
                    "case {i}: the written card does not load: {:?}",
                    loaded.diagnostics
                );
            }
            Err(failure) => {
                let text = failure.text(mentorcard::locale::Lang::Ru);
                assert!(!text.is_empty(), "case {i}");
            }
        }
    }
}

#[test]
fn the_example_in_english_as_our_docx_imports_back_in_english() {
    let text = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml"))
        .unwrap()
        .replace("language = \"ru\"", "language = \"en\"");
    let world = mentorcard::world::MemoryWorld::new().with_file("example.toml", text);
    let project =
        mentorcard::project::Project::new(&world, mentorcard::project::Settings::default())
            .unwrap();
    let checked = project
        .check(
            Path::new("example.toml"),
            mentorcard::project::Purpose::Build,
        )
        .unwrap();
    let bytes = project
        .export(&checked, mentorcard::render::Format::Docx)
        .unwrap()
        .bytes;
    let card = checked.card().unwrap().card.clone();
    let imported = mentorcard::import::import(Path::new("example.docx"), &bytes).unwrap();
    assert_eq!(imported.card.language, mentorcard::locale::Lang::En);
    assert_same_parts(&card, &imported.card);
    assert!(imported.text.contains("# Imported from «example.docx»"));
}

#[test]
fn a_row_the_form_has_no_place_for_is_kept_reported_and_marked() {
    let md = "# Практика\n\n\
              | № | Критерии | Содержание |\n|---|---|---|\n\
              | 1. | Наименование практики | Имя практики |\n\
              | 2. | Проблема | Проблема практики |\n\
              | 3. | Участники | Участник 1: учитель — наставник |\n\
              | 4. | Цель практики | Цель практики |\n\
              | | Примечание | Важное замечание автора |\n\
              | 7. | Нормативная база | Документы практики:<br>1. Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации» |\n";
    let imported = mentorcard::import::import(Path::new("a.md"), md.as_bytes()).unwrap();
    let goal = &imported.card.criteria.goal;
    assert!(
        goal.contains("Примечание") && goal.contains("Важное замечание автора"),
        "{goal}"
    );
    // The norms' lead-in goes to the nearest criterion before them that the document has
    // (6 and 5 are missing: filling them would hide that).
    assert!(goal.contains("Документы практики:"), "{goal}");
    assert!(imported.card.criteria.methods.is_empty());
    assert_eq!(imported.card.criteria.norms.len(), 1);
    let unplaced: Vec<&ImportNote> = imported
        .notes
        .iter()
        .filter(|n| matches!(n, ImportNote::Unplaced { .. }))
        .collect();
    assert_eq!(unplaced.len(), 2, "{unplaced:?}");
    assert!(unplaced.iter().all(|n| n.is_warning()));
    let missing = imported
        .notes
        .iter()
        .filter(|n| matches!(n, ImportNote::Missing { .. }))
        .count();
    assert_eq!(missing, 13 - 5, "rows 5, 6, 8–13 are not in the document");
    let comment = imported
        .text
        .find("«Примечание»")
        .expect("a comment names the moved text");
    let goal_at = imported.text.find("goal = ").unwrap();
    assert!(comment < goal_at);
    assert!(imported.text.contains("этой строки в документе нет"));
}

#[test]
fn sources_listed_after_the_conclusion_are_the_materials() {
    let md = "# Практика\n\n\
              | № | Критерии | Содержание |\n|---|---|---|\n\
              | 1. | Наименование практики | Имя практики |\n\
              | 2. | Проблема | Проблема практики |\n\
              | 4. | Цель практики | Цель практики |\n\n\
              Заключение практики.\n\n\
              Список литературы\n\n\
              1. Смирнова Л.Н. Наставничество в школе [Текст]: учебное пособие / Л.Н. Смирнова.- М.: Просвещение, 2019.- 120с.\n\
              2. Какой-то сайт школы\n";
    let imported = mentorcard::import::import(Path::new("a.md"), md.as_bytes()).unwrap();
    let c = &imported.card.criteria;
    assert_eq!(c.materials.len(), 2, "{:?}", c.materials);
    assert!(matches!(c.materials[0], Material::Entry(_)));
    let conclusion = &imported.card.conclusion.as_ref().unwrap().text;
    assert_eq!(conclusion.trim(), "Заключение практики.");
    assert!(imported.notes.iter().any(|n| matches!(
        n,
        ImportNote::Row { key: "materials", label, .. } if label == "Список литературы"
    )));
}

/// The card imported from `source` (a fixture) into a scratch folder, and the run.
fn imported(name: &str, source: &str, env: &[(&str, &str)]) -> (Run, Option<String>) {
    let dir = scratch(name);
    let old = root().join("tests/fixtures/import-old").join(source);
    let src = if old.exists() {
        old
    } else {
        fixtures().join(source)
    };
    let out = dir.join("card.toml");
    let run = run_env(
        &dir,
        &["import", src.to_str().unwrap(), "-o", "card.toml"],
        env,
    );
    (run, std::fs::read_to_string(out).ok())
}

/// The card without its first comment lines, which name the source file.
fn body(card: &str) -> String {
    card.lines()
        .filter(|l| !l.starts_with("# Импортировано из"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// .doc and .rtf (made by tests/fixtures/import-old/make.sh), and a .doc named .docx, go
/// through LibreOffice and give the very card the .docx gives.
#[test]
#[ignore = "needs LibreOffice (soffice); CI runs it"]
fn old_word_and_rtf_documents_import_through_libreoffice_as_the_docx_does() {
    let (run, docx) = imported("import-old-docx", "seed.docx", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docx = body(&docx.unwrap());
    for source in ["seed.doc", "seed.rtf", "seed-really-doc.docx"] {
        let (run, card) = imported(&format!("import-old-{source}"), source, &[]);
        assert_eq!(run.code, 0, "{source}: {}", run.stderr);
        assert_eq!(
            body(&card.unwrap()),
            docx,
            "{source} gives the card the .docx gives"
        );
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice); CI runs it"]
fn a_broken_old_document_is_refused_in_words_and_nothing_is_written() {
    let dir = scratch("import-old-broken");
    let mut junk = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    junk.extend(std::iter::repeat_n(0x5Au8, 4096));
    std::fs::write(dir.join("broken.doc"), junk).unwrap();
    let run = run(&dir, &["import", "broken.doc", "-o", "card.toml"]);
    // LibreOffice either refuses it or makes an empty document of it: a refusal either way.
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("broken.doc") && !run.stderr.contains("panicked"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("card.toml").exists());
}

#[test]
fn without_libreoffice_an_old_document_says_what_to_do_and_writes_nothing() {
    for source in ["seed.doc", "seed.rtf", "seed-really-doc.docx"] {
        let (run, card) = imported(&format!("import-no-lo-{source}"), source, &[("PATH", "")]);
        assert_eq!(run.code, 2, "{source}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("LibreOffice на этом компьютере не найден"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("Сохранить как"), "{}", run.stderr);
        assert!(card.is_none(), "{source}: nothing is written");
    }
}

/// A folder of Word and LibreOffice submissions as they arrived: `check` reads each as the
/// card it imports to, names places in the document in words (there are no TOML lines to
/// show), and writes nothing beside them; `build` makes the documents from one.
#[test]
fn check_and_build_take_the_teachers_documents_as_they_are() {
    let dir = scratch("documents-as-cards");
    for (from, to) in [
        ("seed.docx", "заявка1.docx"),
        ("other-labels.odt", "заявка2.odt"),
        ("letter.docx", "письмо.docx"),
    ] {
        std::fs::copy(fixtures().join(from), dir.join(to)).unwrap();
    }
    let one = run(&dir, &["check", "заявка1.docx"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let said = one.stdout + &one.stderr;
    assert!(
        said.contains("--> заявка1.docx, в таблице, строка «Нормативное подкрепление практики»"),
        "{said}"
    );
    assert!(
        !said.contains("--> заявка1.docx:"),
        "no TOML line:column of a card she never saw: {said}"
    );
    let all = run(
        &dir,
        &[
            "check",
            "заявка1.docx",
            "заявка2.odt",
            "письмо.docx",
            "--format",
            "csv",
        ],
    );
    assert_eq!(all.code, 1, "the letter has no table: {}", all.stderr);
    let rows: Vec<&str> = all.stdout.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 4, "{}", all.stdout);
    assert!(
        rows[1].starts_with("заявка1.docx;Реверсивное наставничество;"),
        "{}",
        rows[1]
    );
    assert!(
        rows[3].contains("таблица критериев не найдена"),
        "{}",
        rows[3]
    );
    let built = run(
        &dir,
        &["build", "заявка1.docx", "-f", "pdf,html", "-o", "out"],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    let html = std::fs::read_to_string(dir.join("out/заявка1.html")).unwrap();
    assert!(html.contains("Реверсивное наставничество"));
    let pdf = pdf::load(&std::fs::read(dir.join("out/заявка1.pdf")).unwrap());
    assert!(pdf::page_texts(&pdf).concat().contains("Реверсивное"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["out", "заявка1.docx", "заявка2.odt", "письмо.docx"],
        "nothing written beside them"
    );
    let edit = run(&dir, &["edit", "заявка1.docx", "--no-open"]);
    assert_eq!(edit.code, 2);
    assert!(
        edit.stderr.contains("mentorcard import заявка1.docx"),
        "{}",
        edit.stderr
    );
}

/// The free-form descriptions (tests/fixtures/import-free, made by its make.sh from one
/// article): every document in the folder, whatever marks its sections — Word or LibreOffice
/// heading styles, bold numbered paragraphs, Markdown `#`, inline labels and capitals —
/// becomes the same card: each criterion the article speaks to holds its paragraphs, the
/// byline fills the authors, organisation and locality, the sources after the conclusion are
/// row 13, ≥ 95 % of the article's words are in the built page, and `check` names exactly
/// the criteria the article does not address.
#[test]
fn free_form_articles_become_cards_by_their_headings() {
    let folder = root().join("tests/fixtures/import-free");
    let article = std::fs::read_to_string(folder.join("article.md")).unwrap();
    let mut documents: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".sh"))
        .collect();
    documents.sort();
    assert!(documents.len() >= 5, "{documents:?}");
    let expected: &[(&str, &str)] = &[
        ("name", "Цифровой наставник"),
        ("problem", "Переход к цифровой образовательной среде"),
        ("goal", "Задачи: подобрать пары"),
        ("methods", "Индивидуальные консультации"),
        ("results", "выросло вдвое"),
        ("conditions", "Компьютерный класс"),
        ("period", "с сентября 2023 года"),
        ("replicability", "сетевое методическое объединение"),
    ];
    for name in &documents {
        let dir = scratch(&format!("import-free-{name}"));
        let src = folder.join(name);
        let run = run(&dir, &["import", src.to_str().unwrap(), "-o", "card.toml"]);
        let text = std::fs::read_to_string(dir.join("card.toml"))
            .unwrap_or_else(|_| panic!("{name} became no card: {}", run.stderr));
        let card: Card = toml::from_str(&text).unwrap();
        for (key, words) in expected {
            let have = card.criteria.text(key).unwrap_or_default();
            assert!(
                have.contains(words),
                "{name}: {key} lacks «{words}»: {have}"
            );
        }
        assert!(card.criteria.concept.is_empty() && card.criteria.effectiveness.is_empty());
        assert_eq!(card.criteria.norms.len(), 2, "{name}");
        assert_eq!(card.criteria.materials.len(), 2, "{name}");
        assert_eq!(card.criteria.participants.len(), 1, "{name}");
        assert_eq!(card.authors[0].name, "Петрова Анна Сергеевна", "{name}");
        assert_eq!(
            card.organisation.as_deref(),
            Some("МБОУ «Средняя общеобразовательная школа № 3»")
        );
        assert_eq!(card.locality.as_deref(), Some("г. Тверь"), "{name}");
        let conclusion = card
            .conclusion
            .as_ref()
            .map(|c| c.text.as_str())
            .unwrap_or_default();
        assert!(
            conclusion.contains("сблизило поколения"),
            "{name}: {conclusion}"
        );
        let intro = card
            .introduction
            .as_ref()
            .map(|i| i.text.as_str())
            .unwrap_or_default();
        assert!(intro.starts_with("В нашей школе"), "{name}: {intro}");

        let checked = crate::common::run(&dir, &["check", "card.toml", "--format", "json"]);
        let errors: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&checked.stdout)
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| d["code"].as_str().unwrap().to_string() + " " + d["message"].as_str().unwrap())
            .collect();
        assert_eq!(errors.len(), 2, "{name}: {errors:?}");
        assert!(
            errors.iter().any(|e| e.contains("«Концептуальная идея»")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("«Эффективность практики»")),
            "{errors:?}"
        );

        // Unfilled criteria refuse the build until she fills them in: nothing is written.
        let built = crate::common::run(&dir, &["build", "card.toml", "-f", "html"]);
        assert_eq!(built.code, 1, "{}", built.stderr);
        assert!(!dir.join("card.html").exists(), "{name}");
    }
    // Words: the built page holds nearly all of the article's (its section headings give
    // way to the form's own labels).
    let dir = scratch("import-free-words");
    let src = folder.join("article.md");
    run(&dir, &["import", src.to_str().unwrap(), "-o", "card.toml"]);
    // She fills in the two rows the article does not address; then the card builds.
    let card = std::fs::read_to_string(dir.join("card.toml")).unwrap();
    let card = card
        .replace(
            "concept = \"\"",
            "concept = \"Старшие и младшие учат друг друга.\"",
        )
        .replace(
            "effectiveness = \"\"",
            "effectiveness = \"Пары встречаются каждую неделю.\"",
        );
    std::fs::write(dir.join("card.toml"), card).unwrap();
    let built = crate::common::run(&dir, &["build", "card.toml", "-f", "html"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = std::fs::read_to_string(dir.join("card.html")).unwrap();
    let page = page
        .split('<')
        .map(|t| t.split_once('>').map_or(t, |(_, text)| text))
        .collect::<Vec<_>>()
        .join(" ");
    let page = page.replace("&nbsp;", " ").replace('\u{a0}', " ");
    // The section headings and the byline's labels give way to the form's own labels, and
    // the ГОСТ record spells «СПб.» and «М.» out; every other word is on the page.
    let body: String = article
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            l.replacen("Автор:", "", 1)
                .replacen("Организация:", "", 1)
                .replacen("Населенный пункт:", "", 1)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let missing = missing_words(&body, &page);
    assert_eq!(missing, ["спб", "м"], "the article's words not on the page");
    let total = words(&article).len();
    let share = 100 * (total - missing_words(&article, &page).len()) / total;
    assert!(
        share >= 90,
        "{share} % of all the article's words, headings included"
    );
}

#[test]
fn the_report_ends_with_how_many_words_the_card_holds() {
    let (run, card) = import_doc("seed.docx", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(card.exists());
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("слов документа"))
        .unwrap_or_else(|| panic!("no measure in {}", run.stdout));
    let percent: usize = line
        .split("в карточке ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(percent >= 90, "{line}");
    assert!(line.ends_with("все абзацы размещены"), "{line}");
}

/// A photo in the source is not lost silently: the report names it, with its caption and the
/// paragraph it followed; the caption stays a paragraph of the card; no image markup is left
/// in the text (tests/fixtures/import-pictures, made by its make.sh).
#[test]
fn pictures_are_listed_in_the_report_with_their_captions() {
    let folder = root().join("tests/fixtures/import-pictures");
    for name in ["photos.md", "photos.docx", "photos.odt"] {
        let dir = scratch(&format!("import-pictures-{name}"));
        let src = folder.join(name);
        let run = run(&dir, &["import", src.to_str().unwrap(), "-o", "card.toml"]);
        let said = run.stdout + &run.stderr;
        let line = said
            .lines()
            .find(|l| l.contains("в карточку не перенесён"))
            .unwrap_or_else(|| panic!("{name}: no picture in the report: {said}"));
        assert!(line.contains("предупреждение: рисунок «"), "{name}: {line}");
        assert!(
            line.contains("Мастер-класс для педагогов"),
            "{name}: {line}"
        );
        assert!(
            line.contains("после абзаца «Учителям не хватает"),
            "{name}: {line}"
        );
        let card = std::fs::read_to_string(dir.join("card.toml")).unwrap();
        assert!(
            card.contains("\nРис. 1. Мастер-класс для педагогов\n"),
            "{name}: the caption stays"
        );
        assert!(
            !card.contains("photo.png") && !card.contains("!["),
            "{name}: no image markup"
        );
    }
}

/// A reviewer's column beside the content («Примечание эксперта», «Баллы») stays out of the
/// criteria: said in the report and in a comment at the top of the card.
#[test]
fn an_experts_column_is_kept_out_of_the_criteria() {
    let dir = scratch("import-extra-column");
    let table = "# Практика с баллами\n\n\
        | № | Критерий | Содержание | Примечание эксперта |\n|---|---|---|---|\n\
        | 1 | Наименование практики | Цифровой наставник | пять баллов |\n\
        | 2 | Проблема, на решение которой направлена практика | Учителя не владеют сервисами | хорошо |\n\
        | 4 | Цель практики | Научить коллег работать с онлайн-досками | три балла |\n";
    std::fs::write(dir.join("заявка.md"), table).unwrap();
    let run = run(&dir, &["import", "заявка.md", "-o", "card.toml"]);
    assert_eq!(run.code, 1, "unfilled criteria remain: {}", run.stderr);
    assert!(
        run.stdout.contains(
            "столбец таблицы, который не относится к описанию практики «Примечание эксперта"
        ),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(dir.join("card.toml")).unwrap();
    assert!(
        text.contains("# Столбец «Примечание эксперта» в карточку не перенесён"),
        "{text}"
    );
    let card: Card = toml::from_str(&text).unwrap();
    assert_eq!(card.criteria.name, "Цифровой наставник");
    assert_eq!(card.criteria.problem, "Учителя не владеют сервисами");
    assert_eq!(
        card.criteria.goal,
        "Научить коллег работать с онлайн-досками"
    );
    for gone in ["пять баллов", "хорошо", "три балла", "Критерий"] {
        let values = format!("{:?}", card.criteria);
        assert!(!values.contains(gone), "«{gone}» in the criteria");
    }
}

/// Row 13 that only points at the list («см. список литературы») gets the list after the
/// conclusion; the conclusion keeps only its own text.
#[test]
fn row_13_pointing_at_the_list_gets_the_list_after_the_conclusion() {
    let dir = scratch("import-row-13-pointer");
    let text = "# Практика\n\n| № | Критерии | Содержание |\n|---|---|---|\n\
        | 1 | Наименование практики | Цифровой наставник |\n\
        | 4 | Цель практики | Научить коллег |\n\
        | 13 | Дополнительные материалы | см. список литературы |\n\n\
        ## Заключение\n\nПрактика сблизила поколения.\n\n## Список литературы\n\n\
        1. Александров Е. Л. Интернет — легко и просто! — СПб.: Питер, 2005. — 208 с.\n\
        2. Кузнецова О. В. Наставничество в школе. — М.: Просвещение, 2021. — 96 с.\n";
    std::fs::write(dir.join("заявка.md"), text).unwrap();
    run(&dir, &["import", "заявка.md", "-o", "card.toml"]);
    let card: Card =
        toml::from_str(&std::fs::read_to_string(dir.join("card.toml")).unwrap()).unwrap();
    assert_eq!(
        card.criteria.materials.len(),
        2,
        "{:?}",
        card.criteria.materials
    );
    let conclusion = card.conclusion.map(|c| c.text).unwrap_or_default();
    assert_eq!(conclusion.trim(), "Практика сблизила поколения.");
}

/// A table of the author's details before the criteria («ФИО | …», «Название практики | …»)
/// is read as data: the practice's name is the title, the rest fills the byline; no label
/// becomes the title, and the table is no part of the criteria.
#[test]
fn a_table_of_the_authors_details_is_read_as_data() {
    let dir = scratch("import-data-table");
    let text = "| ФИО | Петрова Анна Сергеевна |\n|---|---|\n| Должность | учитель информатики |\n\
        | Образовательная организация | МБОУ «Школа № 3» |\n| Населённый пункт | г. Тверь |\n\
        | Название практики | Цифровой наставник |\n\n\
        | № | Критерии | Содержание |\n|---|---|---|\n\
        | 1 | Наименование практики | Цифровой наставник: педагоги учат друг друга |\n\
        | 2 | Проблема, на решение которой направлена практика | Учителя не владеют сервисами |\n\
        | 4 | Цель практики | Научить коллег |\n";
    std::fs::write(dir.join("заявка.md"), text).unwrap();
    run(&dir, &["import", "заявка.md", "-o", "card.toml"]);
    let card: Card =
        toml::from_str(&std::fs::read_to_string(dir.join("card.toml")).unwrap()).unwrap();
    assert_eq!(card.title, "Цифровой наставник");
    assert_eq!(card.authors.len(), 1);
    assert_eq!(card.authors[0].name, "Петрова Анна Сергеевна");
    assert_eq!(
        card.authors[0].position.as_deref(),
        Some("учитель информатики")
    );
    assert_eq!(card.organisation.as_deref(), Some("МБОУ «Школа № 3»"));
    assert_eq!(card.locality.as_deref(), Some("г. Тверь"));
    assert_eq!(
        card.criteria.name,
        "Цифровой наставник: педагоги учат друг друга"
    );
    assert_eq!(card.criteria.problem, "Учителя не владеют сервисами");
}
