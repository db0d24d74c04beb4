//! A hand-built `Document` shaped like the seed card (14 rows, lists in cells, one cell long
//! enough to cross a page), so the renderer tests do not depend on the card loader.
#![allow(dead_code)]

use mentorcard::document::*;

/// Strings that break out of HTML text, attributes and XML if anything forgets to escape.
pub const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>&amp;]]>";

pub const LABELS: [(&str, &str); 14] = [
    ("name", "Наименование практики"),
    ("problem", "Проблема, на решение которой направлена практика"),
    ("participants", "Участники практики"),
    ("goal", "Цель практики"),
    ("concept", "Концептуальная идея"),
    ("methods", "Средства, формы и методы реализации"),
    ("norms", "Нормативное подкрепление практики"),
    ("results", "Результативность практики"),
    ("effectiveness", "Эффективность практики"),
    ("conditions", "Условия применения практики"),
    ("period", "Период реализации практики"),
    ("replicability", "Тиражируемость практики"),
    ("materials", "Дополнительные материалы"),
    (
        "special_needs",
        "Применение практики для поддержки обучающихся с особыми образовательными или социальными потребностями",
    ),
];

pub fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

pub fn para(s: &str) -> Block {
    Block::Paragraph {
        content: vec![text(s)],
        align: Align::Body,
    }
}

pub fn list(kind: ListKind, items: &[&str]) -> Block {
    Block::List(List {
        kind,
        items: items.iter().map(|s| vec![para(s)]).collect(),
    })
}

/// Words that appear once each, so a test can check that nothing was lost on the way.
pub const LONG_WORD: &str = "метакомпетенций";

pub fn seed_like(hostile: bool) -> Document {
    let h = |s: &str| {
        if hostile {
            format!("{s} {HOSTILE}")
        } else {
            s.to_string()
        }
    };
    let mut rows = Vec::new();
    for (i, (key, label)) in LABELS.iter().enumerate() {
        let number = (*key != "special_needs").then(|| format!("{}.", i + 1));
        let content = match *key {
            "participants" => vec![
                para("Участник 1: Педагог дополнительного образования\n(Сетевой сервис Padlet)"),
                para("Участник 2: Воспитатель"),
            ],
            "goal" => {
                // Long enough to run over a page at 14 pt in the content column.
                let mut blocks = vec![para(&h("Выяснение профессиональных взаимоотношений."))];
                for n in 0..40 {
                    blocks.push(para(&format!(
                        "Абзац {n}: партнёрские отношения способствуют формированию {LONG_WORD}, \
                         включая способность к саморазвитию и обмену опытом между поколениями."
                    )));
                }
                blocks
            }
            "norms" => vec![list(
                ListKind::Numbered { start: 1 },
                &[
                    "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации».",
                    "Указ Президента Российской Федерации от 02.03.2018 № 94.",
                    "Указ Президента Российской Федерации от 07.05.2024 № 309.",
                ],
            )],
            "results" => vec![
                para("Показателями результативности могут выступать:"),
                list(
                    ListKind::Bullet,
                    &[
                        "собственные высокие результаты деятельности;",
                        "ускорение процессов развития сопровождаемого;",
                        "качество отношений с другими представителями группы.",
                    ],
                ),
            ],
            "materials" => vec![
                list(
                    ListKind::Numbered { start: 1 },
                    &[
                        "Александров, Е. Л. Интернет — легко и просто! — Санкт-Петербург : Питер, 2005. — 208 с. — Текст : непосредственный.",
                        "Нартова-Бочавер, С. К. Психология личности. — Москва : Эксмо-Пресс, 2001. — Текст : непосредственный.",
                    ],
                ),
                Block::Paragraph {
                    content: vec![
                        text("Сайт: "),
                        Inline::Link {
                            url: "https://example.org/a?b=1&c=\"2\"".into(),
                            content: vec![text("пример")],
                        },
                        text("; "),
                        Inline::Link {
                            url: if hostile {
                                "javascript:alert(3)".into()
                            } else {
                                "mailto:mentor@example.org".into()
                            },
                            content: vec![text("почта")],
                        },
                        text("; ISBN "),
                        Inline::Code("978-5-00000-000-0".into()),
                    ],
                    align: Align::Body,
                },
            ],
            _ => vec![Block::Paragraph {
                content: vec![
                    text("Текст критерия "),
                    Inline::Strong(vec![text("полужирный")]),
                    text(" и "),
                    Inline::Emph(vec![text(&h("курсив"))]),
                    text("."),
                ],
                align: Align::Body,
            }],
        };
        rows.push(Row {
            number,
            label: h(label),
            content,
            anchor: format!("row-{key}"),
            source: Some(FieldRef { part: 0, key }),
        });
    }
    Document {
        meta: Meta {
            title: h("Реверсивное наставничество"),
            authors: vec![h("Иванова Мария Петровна")],
            lang: "ru".into(),
            keywords: vec!["реверсивное наставничество".into()],
            date: None,
            title_page: false,
            outline_details: Default::default(),
            continued: String::new(),
        },
        blocks: vec![
            Block::Heading {
                level: 1,
                content: vec![text(&h("Реверсивное наставничество"))],
                anchor: "title".into(),
            },
            Block::Paragraph {
                content: vec![text(&h("М. П. Иванова"))],
                align: Align::Right,
            },
            Block::Heading {
                level: 2,
                content: vec![text("Введение")],
                anchor: "intro".into(),
            },
            para(&h(
                "Тема наставничества сегодня наполнена совершенно новым смыслом.",
            )),
            list(
                ListKind::Numbered { start: 1 },
                &["наставничество;", "наставник;", "наставляемый."],
            ),
            Block::Table(Table {
                header: ["№".into(), h("Критерии"), "Содержание".into()],
                rows,
                outline_level: 2,
            }),
            Block::Heading {
                level: 2,
                content: vec![text("Заключение")],
                anchor: "conclusion".into(),
            },
            para("Обмен опытом является неотъемлемой частью периода «повышения квалификации»."),
        ],
    }
}

/// The real example card, built by the real binary: what the acceptance checks use.
pub mod example {
    use std::path::PathBuf;
    use std::process::Command;

    pub fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    pub fn card() -> PathBuf {
        root().join("examples").join("reverse-mentoring.toml")
    }

    /// A fresh folder under target/ for one test.
    pub fn scratch(name: &str) -> PathBuf {
        let dir = root().join("target").join("test-scratch").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    /// Runs `mentorcard build CARD --format FORMAT -o DIR ARGS…`; returns (status, stderr).
    pub fn build(format: &str, dir: &std::path::Path, args: &[&str]) -> (i32, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_mentorcard"))
            .arg("build")
            .arg(card())
            .args(["--format", format, "-o"])
            .arg(dir)
            .args(args)
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .env_remove("MENTORCARD_LANG")
            .output()
            .expect("run mentorcard");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Seed words (repeats counted) missing from `text`, less those the example deliberately
    /// restates in standard form (old-style citations and bibliography); the list and the
    /// word splitting are the lead's, in tests/common, so every format is held to one rule.
    pub fn missing_seed_words(text: &str) -> Vec<String> {
        crate::common::missing_words(&crate::common::seed_text(), text)
            .into_iter()
            .filter(|w| !crate::common::RESTATED_IN_STANDARD_FORM.contains(&w.as_str()))
            .collect()
    }
}

/// Deterministic pseudo-random documents: every character class (controls, noncharacters,
/// astral, markup), every nesting, odd list starts, empty rows. For "no panic on any input".
pub mod random {
    use mentorcard::document::*;

    pub struct Rng(u64);

    impl Rng {
        pub fn new(seed: u64) -> Rng {
            Rng(seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407))
        }
        pub fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        pub fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
    }

    const PIECES: &[&str] = &[
        "текст",
        " ",
        "\n",
        "\t",
        "<",
        ">",
        "&",
        "\"",
        "'",
        "]]>",
        "\u{0}",
        "\u{1b}",
        "\u{7f}",
        "\u{85}",
        "\u{a0}",
        "\u{ad}",
        "\u{200b}",
        "\u{fffe}",
        "\u{ffff}",
        "\u{fdd0}",
        "😀",
        "\u{10ffff}",
        "javascript:",
        "<script>",
        "&amp;",
        "%",
        "—",
        "№",
    ];

    pub fn string(rng: &mut Rng) -> String {
        (0..rng.below(6))
            .map(|_| PIECES[rng.below(PIECES.len() as u64) as usize])
            .collect()
    }

    fn inline(rng: &mut Rng, depth: u32) -> Inline {
        match if depth > 3 { 0 } else { rng.below(6) } {
            0 => Inline::Text(string(rng)),
            1 => Inline::Code(string(rng)),
            2 => Inline::Strong(inlines(rng, depth + 1)),
            3 => Inline::Emph(inlines(rng, depth + 1)),
            4 => Inline::WeakTie,
            _ => Inline::Link {
                url: string(rng),
                content: inlines(rng, depth + 1),
            },
        }
    }

    fn inlines(rng: &mut Rng, depth: u32) -> Vec<Inline> {
        (0..rng.below(4)).map(|_| inline(rng, depth)).collect()
    }

    fn block(rng: &mut Rng, depth: u32) -> Block {
        match if depth > 3 { 1 } else { rng.below(7) } {
            0 => Block::Heading {
                level: rng.below(9) as u8,
                content: inlines(rng, 0),
                anchor: string(rng),
            },
            1 => Block::Paragraph {
                content: inlines(rng, 0),
                align: [Align::Body, Align::Center, Align::Right][rng.below(3) as usize],
            },
            2 => Block::List(List {
                kind: if rng.below(2) == 0 {
                    ListKind::Bullet
                } else {
                    ListKind::Numbered {
                        start: [0, 1, 7, u32::MAX][rng.below(4) as usize],
                    }
                },
                items: (0..rng.below(4)).map(|_| blocks(rng, depth + 1)).collect(),
            }),
            4 => Block::PageBreak,
            5 => Block::TitlePage(TitlePage {
                top: vec![string(rng)],
                title: string(rng),
                subtitle: (rng.below(2) == 0).then(|| string(rng)),
                credits: vec![string(rng)],
                bottom: (0..rng.below(3)).map(|_| string(rng)).collect(),
            }),
            6 => Block::Contents(Contents {
                kind: [ContentsKind::Contents, ContentsKind::Authors][rng.below(2) as usize],
                title: string(rng),
                anchor: string(rng),
                entries: (0..rng.below(4))
                    .map(|_| ContentsEntry {
                        labels: Vec::new(),
                        level: rng.below(4) as u8,
                        section: rng.below(2) == 0,
                        title: string(rng),
                        detail: string(rng),
                        anchors: (0..rng.below(3)).map(|_| string(rng)).collect(),
                        pages: (0..rng.below(3))
                            .map(|_| rng.below(1000) as usize)
                            .collect(),
                    })
                    .collect(),
            }),
            _ => Block::Table(Table {
                outline_level: rng.below(5) as u8,
                header: [string(rng), string(rng), string(rng)],
                rows: (0..rng.below(4))
                    .map(|_| Row {
                        number: (rng.below(2) == 0).then(|| string(rng)),
                        label: string(rng),
                        content: blocks(rng, depth + 1),
                        anchor: "row-goal".into(),
                        source: Some(FieldRef {
                            part: 0,
                            key: "goal",
                        }),
                    })
                    .collect(),
            }),
        }
    }

    fn blocks(rng: &mut Rng, depth: u32) -> Vec<Block> {
        (0..rng.below(4)).map(|_| block(rng, depth)).collect()
    }

    pub fn document(seed: u64) -> Document {
        let mut rng = Rng::new(seed);
        Document {
            meta: Meta {
                title: string(&mut rng),
                authors: (0..rng.below(3)).map(|_| string(&mut rng)).collect(),
                lang: string(&mut rng),
                keywords: vec![string(&mut rng)],
                date: (rng.below(2) == 0).then(|| rng.next() as i64 - (1 << 30)),
                title_page: rng.below(2) == 0,
                outline_details: Default::default(),
                continued: String::new(),
            },
            blocks: blocks(&mut rng, 0),
        }
    }
}
