//! The PDF renderer, read back: every test renders a hand-built `Document`, parses the bytes
//! with lopdf and asserts on what a reader would get (text in order, fonts, pages, outline,
//! links, metadata). Set `MENTORCARD_PDF_DUMP=dir` to keep the files for looking at them.

use std::collections::BTreeSet;

use lopdf::{Document as Pdf, Object};
use mentorcard::document::{
    Align, Block, Document, FieldRef, Inline, List, ListKind, Meta, Row, Table,
};
use mentorcard::layout;
use mentorcard::locale::Lang;
use mentorcard::profile::{PageNumbers, Profile};
use mentorcard::render::pdf;

const INTRO: &str = "Тема наставничества сегодня наполнена совершенно новым смыслом. Наставник сейчас\u{a0}— это универсальный и разносторонний человек, который мотивирует наставляемых, составляет совместно с\u{a0}ними планы развития, помогает им достичь поставленных целей, а\u{a0}также разделяет положения концепции непрерывного образования.";
const GOAL: &str = "Выяснение профессиональных взаимоотношений, обмен полезной информацией. Пути усвоения свежей информации для устранения пробелов в\u{a0}личностном развитии преподавателей.";

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.to_string())]
}

fn para(s: &str) -> Block {
    Block::Paragraph {
        content: text(s),
        align: Align::Body,
    }
}

fn row(key: &'static str, number: Option<&str>, label: &str, content: Vec<Block>) -> Row {
    Row {
        number: number.map(str::to_string),
        label: label.to_string(),
        content,
        anchor: format!("row-{key}"),
        source: Some(FieldRef { part: 0, key }),
    }
}

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta {
            title_page: false,
            outline_details: Default::default(),
            continued: String::new(),
            title: "Реверсивное наставничество".into(),
            authors: vec!["Иванова А. А.".into(), "Петров Б. Б.".into()],
            lang: "ru".into(),
            keywords: vec!["реверсивное".into()],
            date: None,
        },
        blocks,
    }
}

fn table(rows: Vec<Row>) -> Block {
    Block::Table(Table {
        outline_level: 2,
        header: ["№".into(), "Критерии".into(), "Содержание".into()],
        rows,
    })
}

/// A card shaped like the seed: introduction, the table with lists and several paragraphs
/// per cell, a link, and a conclusion.
fn seed_like() -> Document {
    let mut rows = Vec::new();
    // The 13 numbered rows of the form, labels as the library's locale gives them.
    let labels: Vec<(&str, &str)> = mentorcard::locale::CRITERIA
        .iter()
        .filter(|c| c.number.is_some())
        .map(|c| (c.key, c.ru))
        .collect();
    for (i, (key, label)) in labels.iter().enumerate() {
        let mut content = vec![para(&format!("Строка {} начало. {GOAL}", i + 1))];
        if i % 3 == 1 {
            content.push(Block::List(List {
                kind: ListKind::Bullet,
                items: (1..=3)
                    .map(|k| {
                        vec![para(&format!(
                            "пункт {k} строки {}: повышение цифровой грамотности",
                            i + 1
                        ))]
                    })
                    .collect(),
            }));
        }
        if i == 6 {
            content.push(Block::List(List {
                kind: ListKind::Numbered { start: 1 },
                items: (1..=4)
                    .map(|k| {
                        vec![para(&format!(
                            "Федеральный закон от 29.12.2012 №\u{a0}273-ФЗ, пункт {k}"
                        ))]
                    })
                    .collect(),
            }));
        }
        content.push(Block::Paragraph {
            content: vec![
                Inline::Text("Подробнее: ".into()),
                Inline::Strong(text("важно")),
                Inline::Text(", ".into()),
                Inline::Emph(text("курсив")),
                Inline::Text(format!(" конец строки {}.", i + 1)),
            ],
            align: Align::Body,
        });
        rows.push(row(key, Some(&format!("{}.", i + 1)), label, content));
    }
    rows.push(row(
        "special_needs",
        None,
        "Применение практики для поддержки обучающихся с особыми образовательными или социальными потребностями",
        vec![para("Практика применима для поддержки обучающихся с особыми потребностями.")],
    ));
    let mut blocks = vec![
        Block::Paragraph {
            content: text("Реверсивное наставничество"),
            align: Align::Center,
        },
        Block::Heading {
            level: 1,
            content: text("Введение"),
            anchor: "intro".into(),
        },
    ];
    for _ in 0..4 {
        blocks.push(para(INTRO));
    }
    blocks.push(Block::Paragraph {
        content: vec![
            Inline::Text("Сайт: ".into()),
            Inline::Link {
                url: "https://example.org/practice".into(),
                content: vec![Inline::Code("example.org/practice".into())],
            },
            Inline::Text(" — ссылка.".into()),
        ],
        align: Align::Body,
    });
    blocks.push(table(rows));
    blocks.push(Block::Heading {
        level: 1,
        content: text("Заключение"),
        anchor: "conclusion".into(),
    });
    blocks.push(para(
        "Исходя из выше изложенного, можно сделать вывод о пользе практики. КОНЕЦ.",
    ));
    doc(blocks)
}

/// A laid-out and written PDF, with its warnings in Russian and where each happened.
struct Rendered {
    bytes: Vec<u8>,
    warnings: Vec<String>,
    places: Vec<Option<&'static str>>,
    pages: usize,
}

fn render(d: &Document) -> Rendered {
    render_with(d, Profile::gost())
}

fn render_with(d: &Document, profile: Profile) -> Rendered {
    let fonts = layout::Fonts::bundled();
    let paged = layout::layout(d, &profile, &fonts);
    let out = Rendered {
        bytes: pdf::write(&paged, &d.meta, &fonts, 1).expect("writes"),
        warnings: paged
            .warnings
            .iter()
            .map(|w| w.message.text(Lang::Ru))
            .collect(),
        places: paged
            .warnings
            .iter()
            .map(|w| w.source.map(|s| s.key))
            .collect(),
        pages: paged.page_count(),
    };
    if let Ok(dir) = std::env::var("MENTORCARD_PDF_DUMP") {
        let _ = std::fs::create_dir_all(&dir);
        let name = format!("{dir}/{}.pdf", out.bytes.len());
        let _ = std::fs::write(name, &out.bytes);
    }
    out
}

fn load(bytes: &[u8]) -> Pdf {
    Pdf::load_mem(bytes).expect("lopdf reads the PDF back")
}

fn page_texts(pdf: &Pdf) -> Vec<String> {
    pdf.get_pages()
        .keys()
        .map(|&n| pdf.extract_text(&[n]).expect("text extracts"))
        .collect()
}

/// Words in reading order, whitespace-insensitive.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// Assert `needle`'s words occur in `hay` in order. Whitespace is ignored on both sides:
/// extractors differ on whether a font change (bold → regular) is a word gap.
fn assert_in_order(hay: &[String], needle: &[String]) {
    let hay: String = hay.concat();
    let mut at = 0;
    for w in needle {
        match hay[at..].find(w.as_str()) {
            Some(i) => at += i + w.len(),
            None => panic!("word «{w}» missing or out of order"),
        }
    }
}

fn font_dicts(pdf: &Pdf) -> Vec<lopdf::Dictionary> {
    pdf.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font".as_slice()))
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice()))
        .cloned()
        .collect()
}

#[test]
fn seed_like_card_reads_back_completely_and_in_order() {
    let d = seed_like();
    let out = render(&d);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let pdf = load(&out.bytes);
    let pages = page_texts(&pdf);
    assert!(pages.len() >= 3, "only {} pages", pages.len());
    let all: Vec<String> = pages.iter().flat_map(|p| words(p)).collect();
    // Every word of the document's plain text, in order (page numbers are extra words).
    let expected = words(&d.plain_text().replace('\u{a0}', " "));
    assert_in_order(&all, &expected);
    assert_eq!(all.iter().filter(|w| *w == "КОНЕЦ.").count(), 1);
    // No line drawn twice: each row's unique closing words appear exactly once.
    for i in 1..=13 {
        let tail = format!("{i}.");
        let n = all
            .windows(2)
            .filter(|w| w[0] == "строки" && w[1] == tail)
            .count();
        assert_eq!(n, 1, "row {i} closing line count");
    }
}

#[test]
fn fonts_are_embedded_subset_with_unicode_maps() {
    let out = render(&seed_like());
    let pdf = load(&out.bytes);
    let fonts = font_dicts(&pdf);
    // Regular, bold and italic are used; bold italic is not, so it is not embedded.
    assert_eq!(fonts.len(), 3);
    for f in &fonts {
        let base = f
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .expect("BaseFont");
        let base = String::from_utf8_lossy(base);
        let (tag, name) = base.split_once('+').expect("subset tag");
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
        assert!(name.starts_with("LiberationSerif"));
        assert!(f.has(b"ToUnicode"), "{base} has no ToUnicode");
        let desc = f
            .get(b"DescendantFonts")
            .and_then(Object::as_array)
            .expect("descendants");
        let cid = pdf
            .dereference(&desc[0])
            .expect("cid font")
            .1
            .as_dict()
            .expect("dict");
        let fd = cid
            .get(b"FontDescriptor")
            .and_then(Object::as_reference)
            .expect("descriptor");
        let fd = pdf.get_dictionary(fd).expect("descriptor dict");
        let file = fd
            .get(b"FontFile2")
            .and_then(Object::as_reference)
            .expect("embedded program");
        let stream = pdf
            .get_object(file)
            .and_then(Object::as_stream)
            .expect("font stream");
        let program = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        assert!(
            program.len() < 40_000,
            "{base}: {} bytes is not a subset",
            program.len()
        );
    }
    assert!(out.bytes.len() < 60_000, "PDF is {} bytes", out.bytes.len());
}

#[test]
fn header_is_repeated_on_every_table_page() {
    let out = render(&seed_like());
    let pdf = load(&out.bytes);
    let pages = page_texts(&pdf);
    let table_pages: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("строки") || p.contains("Строка"))
        .collect();
    assert!(table_pages.len() >= 2, "table should span pages");
    for p in table_pages {
        // The header cells come before any row text of that page.
        let at = |s: &str| p.find(s).unwrap_or(usize::MAX);
        let (n, k, c) = (at("№"), at("Критерии"), at("Содержание"));
        assert!(
            n < k && k < c && c < usize::MAX,
            "page without the header: {p}"
        );
        let first_row_text = at("Строка").min(at("строки")).min(at("пункт"));
        assert!(c < first_row_text, "header is not above the rows: {p}");
    }
}

#[test]
fn two_renders_are_byte_identical_and_dates_come_only_from_meta() {
    let d = seed_like();
    let a = render(&d).bytes;
    let b = render(&d).bytes;
    assert!(a == b, "two renders differ");
    let pdf = load(&a);
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("Info");
    let info = pdf.get_dictionary(info).expect("info dict");
    assert!(!info.has(b"CreationDate"));
    assert!(!info.has(b"ModDate"));
    let title = info.get(b"Title").and_then(Object::as_str).expect("title");
    assert_eq!(title[..2], [0xFE, 0xFF]);
    let mut dated = d.clone();
    dated.meta.date = Some(1_700_000_000);
    let pdf = load(&render(&dated).bytes);
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("Info");
    let info = pdf.get_dictionary(info).expect("info dict");
    let date = info
        .get(b"CreationDate")
        .and_then(Object::as_str)
        .expect("date");
    assert_eq!(date, b"D:20231114221320Z");
    // Nothing in the file carries printpdf's default 1970 date.
    assert!(!String::from_utf8_lossy(&a).contains("1970"));
}

#[test]
fn catalog_has_language_outline_and_links() {
    let out = render(&seed_like());
    let pdf = load(&out.bytes);
    let catalog = pdf.catalog().expect("catalog");
    let lang = catalog.get(b"Lang").and_then(Object::as_str).expect("Lang");
    assert_eq!(lang, [0xFE, 0xFF, 0, b'r', 0, b'u']);
    let outlines = catalog
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .expect("outline");
    let root = pdf.get_dictionary(outlines).expect("outline root");
    // Titles in document order, walking First/Next (children too).
    let mut titles = Vec::new();
    let mut stack = vec![root
        .get(b"First")
        .and_then(Object::as_reference)
        .expect("first")];
    while let Some(id) = stack.pop() {
        let item = pdf.get_dictionary(id).expect("item");
        let t = item.get(b"Title").and_then(Object::as_str).expect("title");
        let utf16: Vec<u16> = t[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        titles.push(String::from_utf16_lossy(&utf16));
        if let Ok(next) = item.get(b"Next").and_then(Object::as_reference) {
            stack.push(next);
        }
        if let Ok(first) = item.get(b"First").and_then(Object::as_reference) {
            stack.push(first);
        }
    }
    assert_eq!(titles.first().map(String::as_str), Some("Введение"));
    assert!(titles.iter().any(|t| t == "1. Наименование практики"));
    assert!(titles.iter().any(|t| t == "13. Дополнительные материалы"));
    assert!(titles.iter().any(|t| t.starts_with("Применение практики")));
    assert_eq!(titles.last().map(String::as_str), Some("Заключение"));
    assert_eq!(titles.len(), 2 + 14);

    let mut uris = Vec::new();
    for (_, page) in pdf.get_pages() {
        for a in pdf.get_page_annotations(page).unwrap_or_default() {
            if let Ok(action) = a.get(b"A").and_then(Object::as_dict) {
                if let Ok(uri) = action.get(b"URI").and_then(Object::as_str) {
                    uris.push(String::from_utf8_lossy(uri).to_string());
                }
            }
        }
    }
    assert_eq!(uris, vec!["https://example.org/practice".to_string()]);
}

#[test]
fn a_criterion_three_pages_long_splits_between_lines() {
    let long: Vec<Block> = (0..60)
        .map(|i| para(&format!("Абзац-{i}. {GOAL}")))
        .collect();
    let d = doc(vec![table(vec![row(
        "goal",
        Some("4."),
        "Цель практики",
        long,
    )])]);
    let out = render(&d);
    let pdf = load(&out.bytes);
    let pages = page_texts(&pdf);
    assert!(pages.len() >= 4, "{} pages", pages.len());
    for p in &pages {
        assert!(p.contains("Критерии"), "header missing on a page");
    }
    let all: Vec<String> = pages.iter().flat_map(|p| words(p)).collect();
    for i in 0..60 {
        let n = all.iter().filter(|w| **w == format!("Абзац-{i}.")).count();
        assert_eq!(n, 1, "paragraph {i} appears {n} times");
    }
    assert_in_order(&all, &words(&d.plain_text().replace('\u{a0}', " ")));
}

#[test]
fn a_two_thousand_character_word_is_broken_not_lost() {
    let word: String = "наставничество".chars().cycle().take(2000).collect();
    let d = doc(vec![
        para(&word),
        table(vec![row(
            "name",
            Some("1."),
            "Наименование практики",
            vec![para(&word)],
        )]),
    ]);
    let out = render(&d);
    let pdf = load(&out.bytes);
    // Take away what else is on the pages (header, label, numbers): the word remains, twice.
    let mut rest = page_texts(&pdf).concat();
    for other in ["№", "Критерии", "Содержание", "Наименование", "практики"]
    {
        rest = rest.replace(other, "");
    }
    let rest: String = rest.chars().filter(|c| c.is_alphabetic()).collect();
    assert_eq!(rest, format!("{word}{word}"));
    // Every text position lies inside the page's text area.
    for (_, page) in pdf.get_pages() {
        let content = pdf.get_and_decode_page_content(page).expect("content");
        for op in content.operations {
            if op.operator == "Tm" {
                let x = op.operands[4].as_float().expect("x");
                assert!(x >= 30.0 * 72.0 / 25.4 - 0.5, "x {x} left of the margin");
                assert!(x < 595.0 - 15.0 * 72.0 / 25.4, "x {x} right of the margin");
            }
        }
    }
}

#[test]
fn missing_glyphs_are_substituted_and_named() {
    let d = doc(vec![
        para("Смайлик 😀 в тексте."),
        table(vec![row(
            "goal",
            Some("4."),
            "Цель практики",
            vec![para("Иероглифы 漢字 здесь.")],
        )]),
    ]);
    let out = render(&d);
    let w = out.warnings.join("\n");
    assert!(w.contains("😀") && w.contains("U+1F600"), "{w}");
    assert!(w.contains("漢") && w.contains("«Цель практики»"), "{w}");
    assert!(w.contains("字"));
    assert_eq!(out.warnings.len(), 3, "{w}");
    assert!(w.contains("в шрифте нет знака"), "{w}");
    assert_eq!(
        out.places,
        [None, Some("goal"), Some("goal")],
        "warnings in a row know their criterion"
    );
    let pdf = load(&out.bytes);
    let text = page_texts(&pdf).concat();
    assert!(text.contains("Смайлик □ в"), "{text}");
    assert!(text.contains("Иероглифы □□ здесь"), "{text}");
}

#[test]
fn five_hundred_bullets_all_come_back() {
    let items = (1..=500)
        .map(|i| vec![para(&format!("пункт-{i} списка"))])
        .collect();
    let d = doc(vec![Block::List(List {
        kind: ListKind::Bullet,
        items,
    })]);
    let out = render(&d);
    let pdf = load(&out.bytes);
    let pages = page_texts(&pdf);
    // 500 lines at 24.15 pt on 257 mm of text height: about 30 a page.
    assert!(
        pages.len() >= 16 && pages.len() <= 18,
        "{} pages",
        pages.len()
    );
    let all: Vec<String> = pages.iter().flat_map(|p| words(p)).collect();
    let found: BTreeSet<usize> = all
        .iter()
        .filter_map(|w| w.strip_prefix("пункт-").and_then(|n| n.parse().ok()))
        .collect();
    assert_eq!(found.len(), 500);
    assert_eq!(all.iter().filter(|w| w.starts_with("пункт-")).count(), 500);
    assert_eq!(all.iter().filter(|w| *w == "•").count(), 500);
}

#[test]
fn page_numbers_follow_the_profile() {
    let blocks = (0..40).map(|_| para(INTRO)).collect();
    let d = doc(blocks);
    let last_word = |p: &str| words(p).last().cloned().unwrap_or_default();
    let pages = page_texts(&load(&render(&d).bytes));
    assert!(pages.len() >= 3);
    for (i, p) in pages.iter().enumerate() {
        assert_eq!(last_word(p), (i + 1).to_string());
    }
    let mut profile = Profile::gost();
    profile.number_first_page = false;
    let pages = page_texts(&load(&render_with(&d, profile.clone()).bytes));
    assert_ne!(last_word(&pages[0]), "1");
    assert_eq!(last_word(&pages[1]), "2");
    profile.page_numbers = PageNumbers::None;
    let pages = page_texts(&load(&render_with(&d, profile).bytes));
    assert_ne!(last_word(&pages[1]), "2");
}

#[test]
fn hyphenation_is_off_by_default_and_on_by_profile() {
    let long = "Взаимообогащающее самосовершенствование высококвалифицированных преподавателей "
        .repeat(30);
    let d = doc(vec![para(&long)]);
    let off = page_texts(&load(&render(&d).bytes)).concat();
    // The text has no hyphen of its own, so any hyphen is one the breaker added.
    assert!(
        !off.contains('-') && !off.contains('\u{00AD}'),
        "hyphen without asking"
    );
    let mut profile = Profile::gost();
    profile.hyphenate = true;
    let on = page_texts(&load(&render_with(&d, profile).bytes)).concat();
    // Break hyphens extract as soft hyphens, so readers rejoin the word.
    assert!(on.contains('\u{00AD}'), "no hyphen when asked");
    // Page numbers aside, the words come back whole once the hyphens are taken out.
    let rejoined: String = on
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit() && *c != '\u{00AD}')
        .collect();
    let source: String = long.split_whitespace().collect();
    assert_eq!(rejoined, source);
}

#[test]
fn empty_and_degenerate_input_renders_without_panic() {
    let empty = doc(vec![]);
    let pdf = load(&render(&empty).bytes);
    assert_eq!(pdf.get_pages().len(), 1);

    let odd = doc(vec![
        para(""),
        Block::List(List {
            kind: ListKind::Numbered { start: u32::MAX },
            items: vec![vec![], vec![para("  ")]],
        }),
        table(vec![]),
        table(vec![row("goal", None, "", vec![])]),
        Block::Heading {
            level: 0,
            content: vec![],
            anchor: String::new(),
        },
        para("\n\n\tтабуляция\nи перевод\u{2028}строки\u{00AD}\u{200B}"),
    ]);
    let out = render(&odd);
    let text = page_texts(&load(&out.bytes)).concat();
    assert!(
        text.contains("табуляция") && text.contains("строки"),
        "{text}"
    );

    // Absurd profiles: zero or huge sizes and margins must still give a readable file.
    for (size, pitch, margin) in [
        (0.0, 0.0, 0.0),
        (200.0, 1.0, 0.0),
        (14.0, 24.15, 150.0),
        (-3.0, -1.0, -10.0),
    ] {
        let mut p = Profile::gost();
        p.font_size_pt = size;
        p.table_font_size_pt = size;
        p.line_pitch_pt = pitch;
        p.table_line_pitch_pt = pitch;
        p.margin_left_mm = margin;
        p.margin_right_mm = margin;
        p.margin_top_mm = margin;
        p.margin_bottom_mm = margin;
        let d = seed_like();
        let out = render_with(&d, p);
        // Nothing lost even when words must be cut to fit: every letter comes back.
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
        let back = page_texts(&load(&out.bytes)).concat();
        // Extra letters may only be repeated: the table header on every page, a row's
        // label marked as continued on the pages it goes on to.
        let (got, want) = (letters(&back), letters(&d.plain_text()));
        assert!(got >= want, "size {size}, margin {margin}: {got} vs {want}");
    }
}

/// The bundled example, through the real card loader and layout.
fn example() -> Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/reverse-mentoring.toml"
    );
    let text = std::fs::read_to_string(path).expect("example card");
    let load = mentorcard::load::load("reverse-mentoring.toml", &text, None);
    let card = load.card.expect("example loads");
    mentorcard::compose::compose(
        &card.card,
        &mentorcard::compose::ComposeOptions::from_profile(&Profile::gost(), None),
    )
}

#[test]
fn the_example_card_reads_back_whole_with_fourteen_rows_and_headers() {
    let d = example();
    let out = render(&d);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(out.bytes.len() < 60 * 1024, "{} bytes", out.bytes.len());
    let pdf = load(&out.bytes);
    let pages = page_texts(&pdf);
    assert_eq!(out.pages, pages.len());
    // Page furniture out (the page number, the repeated header), so a word broken at a
    // page end meets its other half; words are compared in pieces split where a line may
    // end inside them (after '/' or '-').
    let all: Vec<String> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let p = p
                .replacen("№", " ", 1)
                .replacen("Критерии", " ", 1)
                .replacen("Содержание", " ", 1);
            let mut w = words(&p);
            if w.last() == Some(&(i + 1).to_string()) {
                w.pop();
            }
            w
        })
        .collect();
    let pieces = |s: &str| -> Vec<String> {
        s.replace('\u{a0}', " ")
            .replace('/', "/ ")
            .replace('-', "- ")
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let plain = |b: &[Block]| pieces(&Block::plain(b));
    // Body text in order; in the table each cell's text in order (a row split across pages
    // continues its label cell after the content cell's first part, so rows are checked
    // per cell).
    let mut body = Vec::new();
    for b in &d.blocks {
        match b {
            Block::Table(t) => {
                for row in &t.rows {
                    assert_in_order(&all, &plain(&row.content));
                    assert_in_order(&all, &pieces(&row.label));
                }
            }
            other => body.extend(plain(std::slice::from_ref(other))),
        }
    }
    assert_in_order(&all, &body);
    // Every page from the table's first to its last starts with the header.
    let first = pages
        .iter()
        .position(|p| p.contains("Критерии"))
        .expect("table");
    let last = pages
        .iter()
        .rposition(|p| p.contains("Критерии"))
        .expect("table");
    assert!(last > first, "the example's table spans pages");
    for p in &pages[first..=last] {
        let (k, c) = (p.find("Критерии"), p.find("Содержание"));
        assert!(k.is_some() && k < c, "a table page without the header");
    }
    // One bookmark per row (13 numbered + the special-needs row).
    let bookmarks = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has(b"Dest") && d.has(b"Parent"))
        .count();
    assert!(bookmarks >= 14, "{bookmarks} bookmarks");
}

/// A word too long for the label column is hyphenated by the Russian patterns, even with
/// hyphenation off for the body: it was cut without a hyphen («с особыми обр | азовательными»,
/// issue 22, point 3).
#[test]
fn a_label_word_too_long_for_its_column_is_hyphenated() {
    use crate::common::{build_with_profile, root, scratch};
    let dir = scratch("pdf-label-hyphen");
    std::fs::copy(
        root().join("examples/reverse-mentoring.toml"),
        dir.join("card.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("narrow.toml"),
        "base = \"gost\"\ntable_label_col_mm = 24.0\n",
    )
    .unwrap();
    let r = build_with_profile(&dir, "card.toml", "narrow.toml", "pdf");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = crate::common::pdf::load(&std::fs::read(dir.join("out/card.pdf")).unwrap());
    let text = crate::common::pdf::page_texts(&pdf).join("\n");
    assert!(text.contains('\u{ad}'), "no hyphen at a label break");
    // the body keeps the profile's word: no hyphen after a body word's letters at a line end
    for cut in [
        "обр\nазовательными",
        "образовательн\nыми",
        "потребност\nями",
    ] {
        assert!(
            !text.contains(cut),
            "a label word cut without a hyphen: {cut:?}"
        );
    }
}
