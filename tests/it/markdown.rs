//! The Markdown renderer on a hand-built, seed-like document: a golden file for the whole
//! output (refresh with `UPDATE_GOLDEN=1 cargo test --test markdown`, then review the diff) plus structural checks
//! that hold whatever the golden file says.
//!
//! The document is built by hand rather than from the example card so that this test pins the
//! renderer alone; changes in the card, layout or rich-text parser do not move it.

use std::path::PathBuf;

use mentorcard::document::{
    Align, Block, Document, FieldRef, Inline, List, ListKind, Meta, Row, Table,
};
use mentorcard::render::markdown::{render, to_markdown};
use mentorcard::render::RenderOptions;

fn t(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

fn p(s: &str) -> Block {
    para(vec![t(s)])
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph {
        content,
        align: Align::Body,
    }
}

fn bullets(items: &[&str]) -> Block {
    Block::List(List {
        kind: ListKind::Bullet,
        items: items.iter().map(|s| vec![p(s)]).collect(),
    })
}

fn numbered(start: u32, items: &[&str]) -> Block {
    Block::List(List {
        kind: ListKind::Numbered { start },
        items: items.iter().map(|s| vec![p(s)]).collect(),
    })
}

fn row(n: usize, key: &'static str, label: &str, content: Vec<Block>) -> Row {
    Row {
        number: Some(format!("{n}.")),
        label: label.to_string(),
        content,
        anchor: format!("row-{key}"),
        source: Some(FieldRef { part: 0, key }),
    }
}

/// The seed practice, shortened but with every shape the real card has: several paragraphs in
/// a cell, bullet lists after a lead-in, a numbered list of acts, a bibliography, a long URL,
/// the unnumbered special-needs row, and text that looks like Markdown.
fn seed_like() -> Document {
    let rows = vec![
        row(
            1,
            "name",
            "Наименование практики",
            vec![p(
                "Реверсивное наставничество – передача знаний более опытного сотрудника менее опытному, но при этом старшему по возрасту.",
            )],
        ),
        row(
            2,
            "problem",
            "Проблема, на решение которой направлена практика",
            vec![p(
                "Усовершенствование личных знаний более опытных преподавателей, усваивание новых тенденций и технологий.",
            )],
        ),
        row(
            3,
            "participants",
            "Участники практики",
            vec![
                para(vec![
                    Inline::Strong(vec![t("Участник 1:")]),
                    t(" педагог дополнительного образования (Сетевой сервис Padlet \\ конструктор сайтов Wix.com)"),
                ]),
                para(vec![
                    Inline::Strong(vec![t("Участник 2:")]),
                    t(" воспитатель (игровая технология В. В. Воскобовича)"),
                ]),
            ],
        ),
        row(
            4,
            "goal",
            "Цель практики",
            vec![
                p("Выяснение профессиональных взаимоотношений, обмен полезной информацией."),
                p("Пути усвоения свежей информации для устранения пробелов в личностном развитии преподавателей."),
                para(vec![
                    t("Партнёрские отношения способствуют формированию "),
                    Inline::Emph(vec![t("метакомпетенций")]),
                    t(", включая способность к саморазвитию."),
                ]),
            ],
        ),
        row(
            5,
            "concept",
            "Концептуальная идея",
            vec![p("Налаживание взаимопонимания между разными поколениями.")],
        ),
        row(
            6,
            "methods",
            "Средства, формы и методы реализации",
            vec![p("Публикации, научно-практические конференции, семинары, мастер-классы, вебинары.")],
        ),
        row(
            7,
            "norms",
            "Нормативное подкрепление практики",
            vec![numbered(
                1,
                &[
                    "Федеральный закон от 29.12.2012 №\u{a0}273-ФЗ «Об образовании в Российской Федерации» (с изм. и доп. от 24.04.2020 №\u{a0}147-ФЗ).",
                    "Указ Президента Российской Федерации от 02.03.2018 №\u{a0}94 «Об учреждении знака отличия „За наставничество“».",
                    "Указ Президента Российской Федерации от 07.05.2018 №\u{a0}204.",
                ],
            )],
        ),
        row(
            8,
            "results",
            "Результативность практики",
            vec![
                p("Показателями результативности деятельности наставника могут выступать:"),
                bullets(&[
                    "собственные высокие результаты деятельности, демонстрируемые сопровождаемым;",
                    "ускорение процессов развития сопровождаемого и освоения им деятельности;",
                    "качество отношений сопровождаемого с другими представителями группы.",
                ]),
            ],
        ),
        row(
            9,
            "effectiveness",
            "Эффективность практики",
            vec![
                p("Нужно понимать, что эффективной работа по наставничеству будет в случае:"),
                bullets(&[
                    "взаимной заинтересованности наставника и подшефного;",
                    "административного контроля за процессом наставничества;",
                ]),
            ],
        ),
        row(
            10,
            "conditions",
            "Условия применения практики",
            vec![
                p("Условия функционирования наставничества:"),
                Block::List(List {
                    kind: ListKind::Bullet,
                    items: vec![
                        vec![p("наличие внутреннего образовательного дефицита у сопровождаемого;")],
                        vec![
                            p("стимулирование деятельности наставника:"),
                            numbered(3, &["дополнительная оплата;", "уменьшение объёма основной нагрузки."]),
                        ],
                        vec![
                            p("наличие у наставника специальной подготовки."),
                            p("Это необходимое условие для наиболее сложных случаев."),
                        ],
                    ],
                }),
            ],
        ),
        row(
            11,
            "period",
            "Период реализации практики",
            vec![
                p("2023/2024 учебный год."),
                p("1. Это не список, а текст: - тоже не список, # не заголовок, *не курсив*, [не ссылка](x)."),
            ],
        ),
        row(
            12,
            "replicability",
            "Тиражируемость практики",
            vec![para(vec![
                t("Материалы опубликованы на сайте "),
                Inline::Link {
                    url: "https://example.org/very/long/path/to/the/materials/of/the/practice/reverse-mentoring.html".to_string(),
                    content: vec![t("https://example.org/very/long/path/to/the/materials/of/the/practice/reverse-mentoring.html")],
                },
                t(" и в "),
                Inline::Code("Padlet".to_string()),
                t("."),
            ])],
        ),
        row(
            13,
            "materials",
            "Дополнительные материалы",
            vec![numbered(
                1,
                &[
                    "Александров, Е.\u{a0}Л. Интернет — легко и просто! : популярный самоучитель : методическое пособие / Е.\u{a0}Л.\u{a0}Александров. — Санкт-Петербург : Питер, 2005. — 208\u{a0}с. : ил. — Текст : непосредственный.",
                    "Нартова-Бочавер, С. Психология личности и межличностных отношений. — Москва : ЭКСМО-Пресс, 2001. — Текст : непосредственный.",
                ],
            )],
        ),
        Row {
            anchor: "row-special_needs".into(),
            source: Some(FieldRef { part: 0, key: "special_needs" }),
            number: None,
            label: "Применение практики для поддержки обучающихся с особыми образовательными или социальными потребностями".to_string(),
            content: vec![
                p("Такая практика располагает к себе все категории обучающихся."),
                p("Данная практика применяема для поддержки обучающихся с особыми образовательными или социальными потребностями."),
            ],
        },
    ];
    Document {
        meta: Meta {
            title_page: false,
            outline_details: Default::default(),
            continued: String::new(),
            title: "Реверсивное наставничество: «учитель – ученик»".to_string(),
            authors: vec![
                "Иванова Мария Петровна".to_string(),
                "Петров И. С.".to_string(),
            ],
            lang: "ru".to_string(),
            keywords: vec![
                "наставничество".to_string(),
                "педагог – педагог".to_string(),
                "реверсивное".to_string(),
            ],
            date: None,
        },
        blocks: vec![
            Block::Heading {
                level: 1,
                content: vec![t("Реверсивное наставничество")],
                anchor: "title".to_string(),
            },
            Block::Paragraph {
                content: vec![t("Иванова М. П., педагог дополнительного образования")],
                align: Align::Right,
            },
            Block::Heading {
                level: 2,
                content: vec![t("Введение")],
                anchor: "introduction".to_string(),
            },
            p("Тема наставничества сегодня наполнена совершенно новым смыслом."),
            Block::List(List {
                kind: ListKind::Bullet,
                items: vec![
                    vec![para(vec![
                        Inline::Strong(vec![t("Наставничество")]),
                        t(" — универсальная технология передачи опыта."),
                    ])],
                    vec![para(vec![
                        Inline::Strong(vec![t("Наставник")]),
                        t(" — участник программы наставничества."),
                    ])],
                ],
            }),
            Block::Table(Table {
                outline_level: 2,
                header: [
                    "№".to_string(),
                    "Критерии".to_string(),
                    "Содержание".to_string(),
                ],
                rows,
            }),
            Block::Heading {
                level: 2,
                content: vec![t("Заключение")],
                anchor: "conclusion".to_string(),
            },
            p("Обмен опытом является неотъемлемой частью периода «повышения квалификации»."),
        ],
    }
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares with the golden file, or rewrites it when `UPDATE_GOLDEN=1`.
fn assert_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("create golden dir");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let diff_line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output at line {}:\nexpected: {:?}\nactual:   {:?}\n(UPDATE_GOLDEN=1 refreshes it after review)",
            path.display(),
            diff_line + 1,
            expected.lines().nth(diff_line),
            actual.lines().nth(diff_line),
        );
    }
}

/// The lines of the first grid table: from the first `+` border line to the last.
fn table_lines(md: &str) -> Vec<&str> {
    md.lines()
        .skip_while(|l| !l.starts_with('+'))
        .take_while(|l| l.starts_with('+') || l.starts_with('|'))
        .collect()
}

#[test]
fn seed_like_document_matches_golden_file() {
    let md = to_markdown(&seed_like());
    assert_golden("markdown/seed-like.md", &md);
}

#[test]
fn render_returns_the_same_utf8_bytes() {
    let doc = seed_like();
    let rendered = render(&doc, &RenderOptions::default()).expect("markdown never fails");
    assert!(rendered.warnings.is_empty());
    let text = String::from_utf8(rendered.bytes).expect("UTF-8");
    assert_eq!(text, to_markdown(&doc));
    // Deterministic: a second run gives the same bytes.
    assert_eq!(text, to_markdown(&seed_like()));
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
}

#[test]
fn grid_table_lines_all_have_one_width_and_14_body_rows() {
    let md = to_markdown(&seed_like());
    let table = table_lines(&md);
    assert!(!table.is_empty(), "no grid table in:\n{md}");
    let width = table[0].chars().count();
    for line in &table {
        assert_eq!(line.chars().count(), width, "ragged line: {line:?}");
        assert!(line.ends_with('+') || line.ends_with('|'));
    }
    let header_rule = table
        .iter()
        .position(|l| l.starts_with("+="))
        .expect("header separator");
    assert_eq!(header_rule, 2, "one-line header expected");
    let body_rows = table[header_rule + 1..]
        .iter()
        .filter(|l| l.starts_with("+-"))
        .count();
    assert_eq!(body_rows, 14);
    // The column boundaries sit at the same character positions on every line.
    let plus: Vec<usize> = table[0]
        .chars()
        .enumerate()
        .filter(|&(_, c)| c == '+')
        .map(|(i, _)| i)
        .collect();
    assert_eq!(plus.len(), 4);
    for line in &table {
        let chars: Vec<char> = line.chars().collect();
        for &i in &plus {
            assert!(matches!(chars[i], '+' | '|'), "{line:?} at {i}");
        }
    }
}

#[test]
fn long_url_widens_the_content_column_instead_of_breaking() {
    let md = to_markdown(&seed_like());
    let table = table_lines(&md);
    let url = "https://example.org/very/long/path/to/the/materials/of/the/practice/reverse-mentoring.html";
    assert!(table.iter().any(|l| l.contains(&format!("| <{url}> |"))));
    // Without the URL the border is exactly 100 characters (6 % / 24 % / 70 %).
    let mut doc = seed_like();
    if let Block::Table(t) = &mut doc.blocks[5] {
        t.rows[11].content = vec![p("Без ссылки.")];
    }
    let md = to_markdown(&doc);
    assert_eq!(
        table_lines(&md)[0],
        format!("+{}+{}+{}+", "-".repeat(6), "-".repeat(24), "-".repeat(68))
    );
}

#[test]
fn numbers_are_escaped_and_the_special_row_has_an_empty_number() {
    let md = to_markdown(&seed_like());
    let table = table_lines(&md);
    assert!(table
        .iter()
        .any(|l| l.starts_with("| 1\\.  | Наименование")));
    assert!(table
        .iter()
        .any(|l| l.starts_with("| 13\\. | Дополнительные")));
    assert!(table.iter().any(|l| l.starts_with("|      | Применение")));
    // No № or label cell line starts with an unescaped ordered-list look-alike (the content
    // column has real numbered lists, checked in `cells_keep_paragraphs_and_lists`).
    for line in &table {
        for cell in line.split('|').skip(1).take(2) {
            let cell = cell.trim_start();
            let digits = cell.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 {
                let next = cell[digits..].chars().next();
                let after = cell[digits..].chars().nth(1);
                assert!(
                    !(matches!(next, Some('.') | Some(')')) && matches!(after, None | Some(' '))),
                    "unescaped marker in {line:?}"
                );
            }
        }
    }
}

#[test]
fn cells_keep_paragraphs_and_lists() {
    let md = to_markdown(&seed_like());
    let table = table_lines(&md);
    let content = |l: &str| -> String {
        l.split('|')
            .nth(3)
            .map(|c| c.trim_end().to_string())
            .unwrap_or_default()
    };
    let col: Vec<String> = table.iter().map(|l| content(l)).collect();
    // Row 8: lead-in paragraph, blank cell line, then three bullet items.
    let first_item = col
        .iter()
        .position(|c| c.starts_with(" - собственные"))
        .expect("row 8");
    assert_eq!(col[first_item - 1].trim(), "");
    assert_eq!(col[first_item - 2].trim(), "выступать:");
    assert_eq!(
        col.iter().filter(|c| c.starts_with(" - ")).count(),
        3 + 2 + 3
    );
    // Row 10: a numbered sub-list inside a bullet item, indented under the item's text.
    assert!(col.iter().any(|c| c.starts_with("   3. дополнительная")));
    assert!(col.iter().any(|c| c.starts_with("   4. уменьшение")));
    // Numbered lists of acts restart at 1.
    assert!(col.iter().any(|c| c.starts_with(" 1. Федеральный закон")));
}

#[test]
fn user_text_never_becomes_markup() {
    let md = to_markdown(&seed_like());
    // Cell lines joined back: wrapping must not hide an escape.
    let col3: String = table_lines(&md)
        .iter()
        .filter_map(|l| l.split('|').nth(3))
        .map(|c| c.trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(col3.contains(
        r"1\. Это не список, а текст: - тоже не список, \# не заголовок, \*не курсив\*, \[не ссылка\](x)."
    ));
    assert!(col3.contains(r"Padlet \\ конструктор"));
}

#[test]
fn metadata_block_is_yaml() {
    let md = to_markdown(&seed_like());
    // Only keys pandoc keeps out of the body: the heading and the author line show them.
    assert!(md.starts_with(
        "---\npagetitle: \"Реверсивное наставничество: «учитель – ученик»\"\nauthor-meta:\n- \"Иванова Мария Петровна\"\n- \"Петров И. С.\"\nlang: \"ru\"\nkeywords:\n- \"наставничество\""
    ));
    let mut doc = seed_like();
    doc.meta.date = Some(1_700_000_000);
    let md = to_markdown(&doc);
    assert!(md.contains("\ndate-meta: \"2023-11-14\"\n"));
    let yaml = md.split("\n---\n").next().unwrap();
    for shown in [
        "\ntitle:",
        "\nauthor:",
        "\ndate:",
        "\nsubtitle:",
        "\nabstract:",
    ] {
        assert!(!yaml.contains(shown), "{shown} in {yaml}");
    }
}

#[test]
fn headings_and_aligned_paragraphs() {
    let md = to_markdown(&seed_like());
    assert!(md.contains("\n# Реверсивное наставничество {#title}\n"));
    assert!(md.contains("\n## Введение {#introduction}\n"));
    assert!(md.contains(
        "\n::: {custom-style=\"Right\"}\nИванова М. П., педагог дополнительного образования\n:::\n"
    ));
}

#[test]
fn odd_documents_do_not_panic() {
    let empty = Document {
        meta: Meta::default(),
        blocks: vec![],
    };
    assert_eq!(to_markdown(&empty), "");

    let nasty = "*_[]`<>#$^~|@{}\"'&\\ -- ... 1. - + : === \t\r\n".repeat(50);
    let deep = (0..200).fold(vec![p("дно")], |inner, _| {
        vec![Block::List(List {
            kind: ListKind::Numbered { start: u32::MAX },
            items: vec![inner],
        })]
    });
    let doc = Document {
        meta: Meta {
            title_page: false,
            outline_details: Default::default(),
            continued: String::new(),
            title: nasty.clone(),
            authors: vec![String::new(), nasty.clone()],
            lang: "\u{2028}".to_string(),
            keywords: vec!["\u{0}".to_string()],
            date: Some(i64::MIN / 1_000_000),
        },
        blocks: vec![
            Block::Heading {
                level: 0,
                content: vec![],
                anchor: "ан кор!".to_string(),
            },
            Block::Heading {
                level: 200,
                content: vec![t(&nasty)],
                anchor: String::new(),
            },
            para(vec![]),
            para(vec![Inline::Strong(vec![]), Inline::Code(String::new())]),
            Block::List(List {
                kind: ListKind::Bullet,
                items: vec![vec![], vec![p(&nasty)]],
            }),
            Block::Table(Table {
                outline_level: 2,
                header: [String::new(), nasty.clone(), "x".repeat(500)],
                rows: vec![
                    Row {
                        anchor: "row-name".into(),
                        source: Some(FieldRef {
                            part: 0,
                            key: "name",
                        }),
                        number: Some(nasty.clone()),
                        label: String::new(),
                        content: deep,
                    },
                    Row {
                        anchor: "row-goal".into(),
                        source: Some(FieldRef {
                            part: 0,
                            key: "goal",
                        }),
                        number: None,
                        label: "ж".repeat(300),
                        content: vec![
                            Block::Heading {
                                level: 1,
                                content: vec![t("внутри")],
                                anchor: "x".to_string(),
                            },
                            Block::Table(Table {
                                outline_level: 2,
                                header: Default::default(),
                                rows: vec![],
                            }),
                        ],
                    },
                ],
            }),
        ],
    };
    let md = to_markdown(&doc);
    assert!(md.ends_with('\n'));
    let table = table_lines(&md);
    let width = table[0].chars().count();
    assert!(table.iter().all(|l| l.chars().count() == width));
}

/// Text that pandoc would read as markup if it were not escaped, each piece also placed where
/// the narrow № and label columns force it to the start of a line.
const TRAPS: &[&str] = &[
    "1. a",
    "2) b",
    "a. c",
    "(iv) d",
    "- e",
    "+ f",
    ": g",
    "===",
    "---",
    "# h",
    "> i",
    "| j |",
    "*k*",
    "**l**",
    "_m_",
    "`n`",
    "[o](p)",
    "<q>",
    "$r$",
    "^s^",
    "~t~",
    "@u",
    "{v}",
    "\"w\" 'x'",
    "&amp;",
    "y -- z ... —",
    "\\",
    "<!-- c -->",
    "::: div",
    "```",
    "~~~",
    "* * *",
    "http://x.ru",
    "Term",
    ": def",
    "№\u{a0}273-ФЗ",
    "#. x",
    "A.  y",
    "  z  ",
];

/// Plain text of pandoc's JSON AST, with tags wherever pandoc found structure: inline styles
/// are opened and closed, blocks only opened.
fn pandoc_text(v: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match v {
        Value::Array(items) => items.iter().for_each(|i| pandoc_text(i, out)),
        Value::Object(map) => match map.get("t").and_then(Value::as_str) {
            Some("Str") => out.push_str(map["c"].as_str().unwrap_or("")),
            Some("Space" | "SoftBreak") => out.push(' '),
            Some("Para" | "Plain") => {
                pandoc_text(&map["c"], out);
                out.push('\n');
            }
            Some("Code") => {
                out.push_str("<Code>");
                out.push_str(map["c"][1].as_str().unwrap_or(""));
                out.push_str("</Code>");
            }
            Some("Link") => {
                out.push_str("<Link>");
                pandoc_text(&map["c"][1], out);
                out.push_str(&format!(
                    "</Link {}>",
                    map["c"][2][0].as_str().unwrap_or("")
                ));
            }
            Some(
                t @ ("Emph" | "Strong" | "Quoted" | "Math" | "RawInline" | "Superscript"
                | "Subscript" | "Strikeout" | "Cite" | "Span"),
            ) => {
                out.push_str(&format!("<{t}>"));
                pandoc_text(&map["c"], out);
                out.push_str(&format!("</{t}>"));
            }
            Some(
                t @ ("RawBlock" | "Header" | "BulletList" | "OrderedList" | "DefinitionList"
                | "BlockQuote" | "CodeBlock" | "HorizontalRule" | "LineBlock" | "Div"
                | "Table"),
            ) => {
                out.push_str(&format!("<{t}>"));
                pandoc_text(&map["c"], out);
            }
            _ => {
                if let Some(c) = map.get("c") {
                    pandoc_text(c, out);
                }
            }
        },
        _ => {}
    }
}

fn normalize_ws(s: &str) -> String {
    s.split([' ', '\n', '\t'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders `doc`, reads it back with pandoc and returns the tagged plain text.
fn through_pandoc(doc: &Document, name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("mentorcard-md-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let md_path = dir.join(format!("{name}.md"));
    std::fs::write(&md_path, to_markdown(doc)).expect("write md");
    let output = std::process::Command::new("pandoc")
        .args(["-f", "markdown", "-t", "json"])
        .arg(&md_path)
        .output()
        .expect("pandoc on PATH");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("pandoc JSON");
    let mut got = String::new();
    pandoc_text(&json["blocks"], &mut got);
    let _ = std::fs::remove_file(&md_path);
    got
}

/// Needs pandoc on PATH: `cargo test --test markdown -- --ignored`. Every trap must come back
/// from pandoc as the same plain text, with no markup node at all.
#[test]
#[ignore = "needs pandoc"]
fn pandoc_reads_escaped_text_back_verbatim() {
    let mut blocks = Vec::new();
    let mut rows = Vec::new();
    for (i, trap) in TRAPS.iter().enumerate() {
        blocks.push(p(trap));
        rows.push(Row {
            anchor: "row-name".into(),
            source: Some(FieldRef {
                part: 0,
                key: "name",
            }),
            number: Some(trap.to_string()),
            label: format!("слово {trap} слово {trap}"),
            content: vec![p(&format!("{i} {trap} {}", TRAPS.join(" ")))],
        });
    }
    let doc = Document {
        meta: Meta::default(),
        blocks: vec![
            Block::List(List {
                kind: ListKind::Bullet,
                items: TRAPS.iter().map(|t| vec![p(t)]).collect(),
            }),
            Block::Table(Table {
                outline_level: 2,
                header: ["№".into(), "Критерии".into(), "Содержание".into()],
                rows,
            }),
        ]
        .into_iter()
        .chain(blocks)
        .collect(),
    };
    let got = through_pandoc(&doc, "traps");

    let mut want = String::from("<BulletList>");
    want.push_str(&TRAPS.iter().map(|t| format!("{t}\n")).collect::<String>());
    want.push_str("<Table>№\nКритерии\nСодержание\n");
    for (i, trap) in TRAPS.iter().enumerate() {
        want.push_str(&format!("{trap}\nслово {trap} слово {trap}\n"));
        want.push_str(&format!("{i} {trap} {}\n", TRAPS.join(" ")));
    }
    for trap in TRAPS {
        want.push_str(&format!("{trap}\n"));
    }
    let (got, want) = (normalize_ws(&got), normalize_ws(&want));
    if got != want {
        let at = got
            .char_indices()
            .zip(want.chars())
            .find(|((_, a), b)| a != b)
            .map_or(0, |((i, _), _)| i);
        let from = got[..at].char_indices().rev().nth(60).map_or(0, |(i, _)| i);
        panic!(
            "pandoc read something else near:\n got: {}\nwant: {}",
            got[from..].chars().take(120).collect::<String>(),
            want[from..].chars().take(120).collect::<String>(),
        );
    }
}

/// The same tagged text for our own inlines, to compare with what pandoc read.
fn tagged(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(s) => out.push_str(s),
            Inline::WeakTie => out.push('\u{a0}'),
            Inline::Code(s) => out.push_str(&format!("<Code>{s}</Code>")),
            Inline::Strong(c) => {
                out.push_str("<Strong>");
                tagged(c, out);
                out.push_str("</Strong>");
            }
            Inline::Emph(c) => {
                out.push_str("<Emph>");
                tagged(c, out);
                out.push_str("</Emph>");
            }
            Inline::Link { url, content } => {
                out.push_str("<Link>");
                tagged(content, out);
                out.push_str(&format!("</Link {url}>"));
            }
        }
    }
}

/// Needs pandoc: styled runs in every awkward neighbourhood come back with the same structure.
#[test]
#[ignore = "needs pandoc"]
fn pandoc_reads_styles_back_with_the_same_structure() {
    let strong = Inline::Strong;
    let emph = Inline::Emph;
    let link = |url: &str, c: Vec<Inline>| Inline::Link {
        url: url.to_string(),
        content: c,
    };
    let code = |s: &str| Inline::Code(s.to_string());
    let cases: Vec<Vec<Inline>> = vec![
        vec![strong(vec![emph(vec![t("a")])])],
        // (An emphasis wholly made of one strong run, `***a***`, comes back as strong of
        // emphasis: the same look, so only the partial case is pinned here.)
        vec![emph(vec![strong(vec![t("a")]), t(" c")]), t(" b")],
        vec![strong(vec![t("a")]), emph(vec![t("b")])],
        vec![emph(vec![t("a")]), strong(vec![t("b")])],
        vec![emph(vec![t("a "), strong(vec![t("b")])])],
        vec![strong(vec![emph(vec![t("a")]), t("b")])],
        vec![t("x"), strong(vec![t("a")]), t("y")],
        vec![
            t("«"),
            strong(vec![t("a")]),
            t("», "),
            emph(vec![t("b")]),
            t("."),
        ],
        vec![strong(vec![t("1.")]), t(" x")],
        vec![strong(vec![t("- a")])],
        vec![emph(vec![t("a*b")]), t(" "), strong(vec![t("a**b")])],
        vec![link(
            "https://a.ru/a_b(c)*",
            vec![strong(vec![t("a")]), t(" [x]")],
        )],
        vec![strong(vec![link("u", vec![t("a")])])],
        vec![
            t("см. "),
            link("https://a.ru/x_(y)", vec![t("https://a.ru/x_(y)")]),
            t("."),
        ],
        vec![code("a`b"), t(" "), code("``"), t(" "), code("*x* [y](z)")],
        vec![strong(vec![code("c")]), t(" и "), emph(vec![t("№\u{a0}5")])],
        vec![t("1. "), emph(vec![t("a")])],
    ];
    let doc = Document {
        meta: Meta::default(),
        blocks: cases.iter().map(|c| para(c.clone())).collect(),
    };
    let got = through_pandoc(&doc, "styles");
    let mut want = String::new();
    for c in &cases {
        tagged(c, &mut want);
        want.push('\n');
    }
    let got_lines: Vec<String> = got.lines().map(normalize_ws).collect();
    let want_lines: Vec<String> = want.lines().map(normalize_ws).collect();
    for (g, w) in got_lines.iter().zip(&want_lines) {
        assert_eq!(g, w);
    }
    assert_eq!(got_lines.len(), want_lines.len());
}

/// Needs pandoc: the check the brief for this renderer asks for, repeatable. The seed's rows,
/// pasted as teachers paste them, go through the rich-text parser, the renderer, pandoc to
/// DOCX and pandoc back from DOCX; the Word table must have 14 body rows whose cells keep their
/// paragraphs and lists.
#[test]
#[ignore = "needs pandoc"]
fn richtext_rows_survive_the_trip_to_docx() {
    use mentorcard::richtext::parse;
    let rows_text: [(&str, &str); 14] = [
        ("Наименование практики", "Реверсивное наставничество – передача знаний."),
        ("Проблема", "Усовершенствование личных знаний."),
        ("Участники практики", "Участник 1: Педагог дополнительного образования \n(Сетевой сервис Padlet \\Сетевой сервис -конструктор сайтов - Wix.com)\n\nУчастник 2: Воспитатель"),
        ("Цель практики", "Выяснение взаимоотношений. \n\nПути усвоения свежей информации.\n\nПартнёрские отношения."),
        ("Концептуальная идея", "Налаживание взаимопонимания."),
        ("Средства", "Публикации и конференции"),
        ("Нормативное подкрепление практики", "1. Федеральный закон от 29.12.2012 №273-ФЗ.\n2.  Указ Президента РФ от 2 марта 2018 года №94. \n3. Указ Президента РФ от 7 мая 2018 года №204."),
        ("Результативность практики", "Показателями могут выступать: \n· собственные результаты; \n· ускорение процессов развития; \n· качество отношений."),
        ("Эффективность практики", "Эффективной работа будет в случае: \n· взаимной заинтересованности; \n· административного контроля."),
        ("Условия применения практики", "Условия:\n·наличие дефицита;\n· уровень зрелости среды:\n  1) атмосфера сотрудничества;\n  2) доверие;\n· стимулирование наставника."),
        ("Период реализации практики", "1-й год.\n\n2023/2024 учебный год."),
        ("Тиражируемость практики", "Материалы: https://example.org/practice."),
        ("Дополнительные материалы", "· Александров Е.Л. Интернет - легко и просто!\n· Будилов В.А. Основы программирования для Интернета."),
        ("Применение практики для поддержки обучающихся", "Такая практика располагает к себе все категории обучающихся.  Так, как её применение возможно.\nДанная практика применяема."),
    ];
    let rows = rows_text
        .iter()
        .enumerate()
        .map(|(i, (label, text))| Row {
            anchor: "row-name".into(),
            source: Some(FieldRef {
                part: 0,
                key: "name",
            }),
            number: (i < 13).then(|| format!("{}.", i + 1)),
            label: label.to_string(),
            content: parse(text),
        })
        .collect();
    let doc = Document {
        meta: Meta {
            title: "Проверка".into(),
            lang: "ru".into(),
            ..Meta::default()
        },
        blocks: vec![Block::Table(Table {
            outline_level: 2,
            header: ["№".into(), "Критерии".into(), "Содержание".into()],
            rows,
        })],
    };
    let dir = std::env::temp_dir().join(format!("mentorcard-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let md = dir.join("card.md");
    let docx = dir.join("card.docx");
    std::fs::write(&md, to_markdown(&doc)).expect("write md");
    let status = std::process::Command::new("pandoc")
        .arg(&md)
        .arg("-o")
        .arg(&docx)
        .status()
        .expect("pandoc on PATH");
    assert!(status.success());
    let back = std::process::Command::new("pandoc")
        .args(["-f", "docx", "-t", "json"])
        .arg(&docx)
        .output()
        .expect("pandoc reads docx");
    assert!(back.status.success());
    let json: serde_json::Value = serde_json::from_slice(&back.stdout).expect("JSON");
    let _ = std::fs::remove_dir_all(&dir);

    let table = json["blocks"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["t"] == "Table"))
        .expect("a table in the DOCX");
    let body_rows = table["c"][4][0][3].as_array().expect("table body rows");
    assert_eq!(body_rows.len(), 14);
    // The shape of each content cell: block kinds, list item counts.
    let shape = |cell: &serde_json::Value| -> String {
        cell[4]
            .as_array()
            .map(|blocks| {
                blocks
                    .iter()
                    .map(|b| match b["t"].as_str().unwrap_or("") {
                        "BulletList" => format!("ul{}", b["c"].as_array().map_or(0, Vec::len)),
                        "OrderedList" => format!(
                            "ol{}@{}",
                            b["c"][1].as_array().map_or(0, Vec::len),
                            b["c"][0][0]
                        ),
                        "Para" | "Plain" => "p".to_string(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    let shapes: Vec<String> = body_rows.iter().map(|r| shape(&r[1][2])).collect();
    assert_eq!(
        shapes,
        [
            "p", "p", "p p", "p p p", "p", "p", "ol3@1", "p ul3", "p ul2", "p ul3", "p p", "p",
            "ul2", "p"
        ]
    );
    // The special-needs row has an empty № cell; numbered rows keep `1.` as text.
    let first_cell = |r: &serde_json::Value| {
        let mut s = String::new();
        pandoc_text(&r[1][0][4], &mut s);
        s.trim().to_string()
    };
    assert_eq!(first_cell(&body_rows[0]), "1.");
    assert_eq!(first_cell(&body_rows[13]), "");
}

/// A base64 string as a teacher gets it by pasting a picture: no space in `len` characters.
fn base64_word(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            char::from(ALPHABET[(state >> 58) as usize])
        })
        .collect()
}

/// The seed-like document with `inlines` as a last paragraph of row 4 «Цель практики».
fn with_goal_inlines(inlines: Vec<Inline>) -> Document {
    let mut doc = seed_like();
    if let Block::Table(t) = &mut doc.blocks[5] {
        t.rows[3].content.push(para(inlines));
    }
    doc
}

/// The four ways one unbreakable run reaches a cell: a word, a link's target, an address
/// written as its own link, verbatim text.
fn overlong_cases(word: &str) -> Vec<(&'static str, Inline)> {
    vec![
        ("word", t(word)),
        (
            "link target",
            Inline::Link {
                url: format!("https://example.org/{word}"),
                content: vec![t("картинка")],
            },
        ),
        (
            "autolink",
            Inline::Link {
                url: format!("https://example.org/{word}"),
                content: vec![t(&format!("https://example.org/{word}"))],
            },
        ),
        ("code", Inline::Code(word.to_string())),
    ]
}

/// A 2 MB word once padded every line of the table to its length (a 306 MB file): the
/// Markdown must stay proportional to its input and the table a sane width.
#[test]
fn an_overlong_unbreakable_run_keeps_the_output_proportional() {
    let word = base64_word(2_000_000);
    let plain = to_markdown(&seed_like()).len();
    for (what, inline) in overlong_cases(&word) {
        let md = to_markdown(&with_goal_inlines(vec![inline]));
        assert!(
            md.len() < plain + 3 * word.len(),
            "{what}: {} bytes of Markdown for a {} byte word",
            md.len(),
            word.len()
        );
        let table = table_lines(&md);
        let width = table[0].chars().count();
        assert!(width <= 300, "{what}: the table is {width} characters wide");
        assert!(table.iter().all(|l| l.chars().count() == width), "{what}");
    }
}

/// The broken word is the same word once pandoc has read it: a break is an HTML comment
/// across the line end (`<!--` … `-->`), which no format prints.
#[test]
fn an_overlong_word_is_broken_by_comments_that_join_it_back() {
    let word = base64_word(5_000);
    let md = to_markdown(&with_goal_inlines(vec![t(&word)]));
    let cell: Vec<&str> = table_lines(&md)
        .iter()
        .filter_map(|l| l.split('|').nth(3))
        .map(str::trim)
        .collect();
    let joined = cell.join("\n").replace("<!--\n-->", "");
    assert!(joined.contains(&word), "the word is not whole");
    assert!(cell.iter().any(|l| l.ends_with("<!--")));
}

/// The text of pandoc JSON inlines (a comment is nothing) and the links' targets.
fn pandoc_inline_text(v: &serde_json::Value, text: &mut String, targets: &mut Vec<String>) {
    use serde_json::Value;
    match v {
        Value::Array(items) => (items.iter()).for_each(|i| pandoc_inline_text(i, text, targets)),
        Value::Object(map) => match map.get("t").and_then(Value::as_str) {
            Some("Str") => text.push_str(map["c"].as_str().unwrap_or("")),
            Some("Space" | "SoftBreak") => text.push(' '),
            Some("Code") => text.push_str(map["c"][1].as_str().unwrap_or("")),
            Some("RawInline") => {}
            Some("Link") => {
                pandoc_inline_text(&map["c"][1], text, targets);
                targets.push(map["c"][2][0].as_str().unwrap_or("").to_string());
            }
            _ => {
                if let Some(c) = map.get("c") {
                    pandoc_inline_text(c, text, targets);
                }
            }
        },
        _ => {}
    }
}

/// Needs pandoc: a 2 MB word, link target and verbatim run, and a 100 KB address written as
/// its own link, come back from pandoc as the same text and the same link, in their cell.
/// (pandoc's own reading of a link's text grows faster than its length: 3.6 s for 50 KB,
/// 6.6 s for 100 KB, more than 5 minutes for 2 MB, with or without our line breaks.)
#[test]
#[ignore = "needs pandoc"]
fn pandoc_reads_overlong_runs_back_whole() {
    let (word, address) = (base64_word(2_000_000), base64_word(100_000));
    let cases = overlong_cases(&word)
        .into_iter()
        .filter(|(w, _)| *w != "autolink");
    let cases = cases.chain(
        overlong_cases(&address)
            .into_iter()
            .filter(|(w, _)| *w == "autolink"),
    );
    for (what, inline) in cases {
        let word = if what == "autolink" { &address } else { &word };
        let doc = Document {
            meta: Meta::default(),
            blocks: vec![Block::Table(Table {
                outline_level: 2,
                header: ["№".into(), "Критерии".into(), "Содержание".into()],
                rows: vec![row(
                    4,
                    "goal",
                    "Цель практики",
                    vec![para(vec![inline.clone()])],
                )],
            })],
        };
        let dir = std::env::temp_dir().join(format!("mentorcard-long-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let md_path = dir.join("long.md");
        std::fs::write(&md_path, to_markdown(&doc)).expect("write md");
        let output = std::process::Command::new("pandoc")
            .args(["-f", "markdown", "-t", "json"])
            .arg(&md_path)
            .output()
            .expect("pandoc on PATH");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            output.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let table = &json["blocks"][0];
        assert_eq!(table["t"], "Table", "{what}");
        let content_cell = &table["c"][4][0][3][0][1][2][4];
        let (mut text, mut targets) = (String::new(), Vec::new());
        pandoc_inline_text(content_cell, &mut text, &mut targets);
        let url = format!("https://example.org/{word}");
        match what {
            "word" | "code" => assert!(text.trim() == word, "{what}: the text changed"),
            "link target" => {
                assert_eq!(text.trim(), "картинка", "{what}");
                assert!(targets == [url.clone()], "{what}: the target changed");
            }
            _ => {
                assert!(text.trim() == url, "{what}: the text changed");
                assert!(targets == [url.clone()], "{what}: the target changed");
            }
        }
    }
}

/// The link policy and the characters every format writes are those of HTML and DOCX
/// (`render::markup`): a `javascript:` link is its text, with the warning at its criterion,
/// and a control character is not written at all.
#[test]
fn refused_links_are_text_and_controls_are_dropped_as_in_every_format() {
    let link = |url: &str, text: &str| Inline::Link {
        url: url.to_string(),
        content: vec![t(text)],
    };
    let doc = with_goal_inlines(vec![
        t("до\u{1b}[2J\u{0}\u{7}\u{9b}31m "),
        link("javascript:alert(1)", "нажми"),
        t(" "),
        link(" JavaScript:alert(2)", "и это"),
        t(" "),
        link("https://example.org/a b", "можно"),
        t(" "),
        Inline::Code("x\u{1b}y".into()),
    ]);
    let rendered = render(&doc, &RenderOptions::default()).expect("renders");
    let md = String::from_utf8(rendered.bytes).expect("UTF-8");
    let control = md.chars().find(|&c| c.is_control() && c != '\n');
    assert_eq!(control, None);
    assert!(!md.to_lowercase().contains("javascript"), "{md}");
    assert!(md.contains("до\\[2J31m нажми и это [можно](<https://example.org/a%20b>) `xy`"));
    let warned: Vec<_> = rendered
        .warnings
        .iter()
        .map(|w| (&w.message, w.source))
        .collect();
    let goal = Some(FieldRef {
        part: 0,
        key: "goal",
    });
    use mentorcard::message::{LinkFormat, Message};
    let refused = |url: &str| Message::LinkNotAllowed {
        url: url.to_string(),
        format: LinkFormat::Markdown,
    };
    assert_eq!(
        warned,
        [
            (&refused("javascript:alert(1)"), goal),
            (&refused(" JavaScript:alert(2)"), goal)
        ]
    );
}
