//! Composing: a checked card becomes the one `Document` every renderer reads. Labels come
//! from the locale, rich text from `richtext`, citations from `norms` and `biblio`, and
//! Russian typography is applied here once, so no renderer has to know about any of it.
//! (It is not called layout: in typesetting that means lines and pages, which is the PDF
//! renderer's job.)

use crate::biblio;
use crate::card::{filled, Card, Material, Norm, Period};
use crate::document::{
    Align, Anchors, Block, Document, FieldRef, Inline, List, ListKind, Meta, Row, Table,
};
use crate::locale::{self, capitalise, Lang};
use crate::norms::{self, NormItem};
use crate::profile::Profile;
use crate::richtext;

/// Settings that change the words, not the page.
#[derive(Debug, Clone)]
pub struct ComposeOptions {
    pub typography: bool,
    pub bibliography: crate::biblio::GostStyle,
    pub norm_order: crate::norms::NormOrder,
    /// Seconds since the epoch for file dates (SOURCE_DATE_EPOCH); `None` writes no date.
    pub date: Option<i64>,
}

impl ComposeOptions {
    pub fn from_profile(profile: &Profile, date: Option<i64>) -> Self {
        ComposeOptions {
            typography: profile.typography,
            bibliography: profile.bibliography.clone(),
            norm_order: profile.norm_order,
            date,
        }
    }
}

/// One card as a whole document.
pub fn compose(card: &Card, options: &ComposeOptions) -> Document {
    let mut anchors = Anchors::default();
    let blocks = card_blocks(card, 0, options, &mut anchors);
    document(card, blocks, options)
}

/// The document's metadata from a card, with typography applied to the body.
fn document(card: &Card, mut blocks: Vec<Block>, options: &ComposeOptions) -> Document {
    let lang = card.language;
    let typeset = options.typography && lang == Lang::Ru;
    if typeset {
        apply_typography(&mut blocks);
    }
    let title = card.title.trim().to_string();
    Document {
        meta: Meta {
            title: if typeset { typography(&title) } else { title },
            authors: card
                .authors
                .iter()
                .map(|a| a.name.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect(),
            lang: lang.code().to_string(),
            keywords: [filled(&card.form), filled(&card.mentoring_type)]
                .into_iter()
                .flatten()
                .map(String::from)
                .collect(),
            date: options.date,
        },
        blocks,
    }
}

/// The blocks of one card: title, authors, introduction, the criteria table, conclusion.
/// `part` is the card's place in the document; `anchors` keeps ids unique across cards.
pub fn card_blocks(
    card: &Card,
    part: usize,
    options: &ComposeOptions,
    anchors: &mut Anchors,
) -> Vec<Block> {
    let lang = card.language;
    let labels = locale::labels(lang);
    let mut blocks = Vec::new();
    blocks.push(Block::Heading {
        level: 1,
        content: richtext::parse_inline(&card.title),
        anchor: anchors.unique("title"),
    });
    for author in card.authors.iter().filter(|a| !a.name.trim().is_empty()) {
        let parts = [
            Some(author.name.as_str()),
            filled(&author.position),
            filled(&author.organisation),
        ];
        blocks.push(right(
            &parts.into_iter().flatten().collect::<Vec<_>>().join(", "),
        ));
    }
    let year = card.year.map(|y| y.to_string());
    let place: Vec<&str> = [
        filled(&card.organisation),
        filled(&card.locality),
        year.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !place.is_empty() {
        blocks.push(right(&place.join(", ")));
    }
    let form = filled(&card.form).map(|f| format!("{}: {f}", labels.form));
    let kind = filled(&card.mentoring_type).map(|k| format!("{}: {k}", labels.kind));
    match (form, kind) {
        (Some(f), Some(k)) => blocks.push(right(&format!("{f}; {k}"))),
        (Some(f), None) => blocks.push(right(&f)),
        (None, Some(k)) => blocks.push(right(&capitalise(&k))),
        (None, None) => {}
    }

    if let Some(intro) = &card.introduction {
        blocks.push(heading(labels.introduction, anchors.unique("introduction")));
        blocks.extend(richtext::parse(&intro.text));
        for def in &intro.definitions {
            let mut content = vec![Inline::Strong(richtext::parse_inline(&def.term))];
            content.push(Inline::Text(" — ".into()));
            content.extend(richtext::parse_inline(&def.definition));
            blocks.push(Block::Paragraph {
                content,
                align: Align::Body,
            });
        }
        blocks.extend(richtext::parse(&intro.after_definitions));
    }

    blocks.push(heading(labels.practice, anchors.unique("practice")));
    blocks.push(Block::Table(criteria_table(card, part, options, anchors)));

    if let Some(conclusion) = &card.conclusion {
        blocks.push(heading(labels.conclusion, anchors.unique("conclusion")));
        blocks.extend(richtext::parse(&conclusion.text));
    }
    blocks
}

fn criteria_table(
    card: &Card,
    part: usize,
    options: &ComposeOptions,
    anchors: &mut Anchors,
) -> Table {
    let lang = card.language;
    let labels = locale::labels(lang);
    let c = &card.criteria;
    let rows = locale::CRITERIA
        .iter()
        .filter_map(|info| {
            let content = match info.key {
                "participants" => participants(card, lang),
                "norms" => {
                    let items: Vec<NormItem> = c
                        .norms
                        .iter()
                        .map(|n| match n {
                            Norm::Text(t) => NormItem::Text(t),
                            Norm::Act(act) => NormItem::Act(act),
                        })
                        .collect();
                    let order = norms::order_items(&items, options.norm_order);
                    numbered(order.into_iter().map(|i| match items[i] {
                        NormItem::Text(t) => richtext::parse_inline(t),
                        NormItem::Act(act) => vec![Inline::Text(norms::cite(act))],
                    }))
                }
                "materials" => numbered(c.materials.iter().map(|m| match m {
                    Material::Text(t) => richtext::parse_inline(t),
                    Material::Entry(e) => record(&biblio::format(e, &options.bibliography)),
                })),
                "period" => period(&c.period, lang),
                key => richtext::parse(c.text(key)?),
            };
            Some(Row {
                number: info.number.map(|n| format!("{n}.")),
                label: info.label(lang).to_string(),
                content,
                anchor: anchors.unique(&format!("row-{}", info.key)),
                source: Some(FieldRef {
                    part,
                    key: info.key,
                }),
            })
        })
        .collect();
    Table {
        header: labels.header.map(String::from),
        rows,
    }
}

fn participants(card: &Card, lang: Lang) -> Vec<Block> {
    let labels = locale::labels(lang);
    let mut blocks = Vec::new();
    for (i, p) in card.criteria.participants.iter().enumerate() {
        let mut content = vec![Inline::Strong(vec![Inline::Text(format!(
            "{} {}:",
            labels.participant,
            i + 1
        ))])];
        let mut line = format!(" {}", p.role.trim());
        if let Some(name) = filled(&p.name) {
            line.push_str(&format!(", {name}"));
        }
        if let Some(role) = filled(&p.mentoring) {
            line.push_str(&format!(" ({role})"));
        }
        content.push(Inline::Text(line));
        blocks.push(Block::Paragraph {
            content,
            align: Align::Body,
        });
        let mut items = Vec::new();
        for (word, list) in [(labels.shares, &p.shares), (labels.learns, &p.learns)] {
            let list: Vec<&str> = list
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            if !list.is_empty() {
                let mut inl = vec![
                    Inline::Emph(vec![Inline::Text(format!("{word}:"))]),
                    Inline::Text(" ".into()),
                ];
                inl.extend(richtext::parse_inline(&list.join("; ")));
                items.push(vec![Block::Paragraph {
                    content: inl,
                    align: Align::Body,
                }]);
            }
        }
        if !items.is_empty() {
            blocks.push(Block::List(List {
                kind: ListKind::Bullet,
                items,
            }));
        }
    }
    blocks
}

fn period(period: &Period, lang: Lang) -> Vec<Block> {
    let labels = locale::labels(lang);
    let mut blocks = richtext::parse(period.text());
    if let Period::Detailed(d) = period {
        let dates = match (d.start, d.end) {
            (Some(s), Some(e)) => Some(format!("{}: {s} – {e}", labels.dates)),
            (Some(s), None) => Some(format!(
                "{}: {} {s} {}",
                labels.dates, labels.since, labels.to_date
            )),
            (None, Some(e)) => Some(format!("{}: {} {e}", labels.dates, labels.until)),
            (None, None) => None,
        };
        if let Some(dates) = dates {
            blocks.push(plain(&dates));
        }
        if !d.school_years.is_empty() {
            blocks.push(plain(&format!(
                "{}: {}",
                labels.school_years,
                d.school_years.join(", ")
            )));
        }
    }
    blocks
}

/// A bibliographic record: its URL, DOI and ISBN stay verbatim (typography must not touch
/// them) and the URL becomes a link.
fn record(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("URL: ") {
        let (head, tail) = rest.split_at(i + "URL: ".len());
        out.push(Inline::Text(head.to_string()));
        let end = tail.find(' ').unwrap_or(tail.len());
        let url = &tail[..end];
        out.push(Inline::Link {
            url: url.to_string(),
            content: vec![Inline::Text(url.to_string())],
        });
        rest = &tail[end..];
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest.to_string()));
    }
    out
}

fn numbered(items: impl Iterator<Item = Vec<Inline>>) -> Vec<Block> {
    let items: Vec<Vec<Block>> = items
        .map(|content| {
            vec![Block::Paragraph {
                content,
                align: Align::Body,
            }]
        })
        .collect();
    if items.is_empty() {
        return Vec::new();
    }
    vec![Block::List(List {
        kind: ListKind::Numbered { start: 1 },
        items,
    })]
}

fn heading(text: &str, anchor: String) -> Block {
    Block::Heading {
        level: 2,
        content: vec![Inline::Text(text.to_string())],
        anchor,
    }
}

fn right(text: &str) -> Block {
    Block::Paragraph {
        content: richtext::parse_inline(text),
        align: Align::Right,
    }
}

fn plain(text: &str) -> Block {
    Block::Paragraph {
        content: vec![Inline::Text(text.to_string())],
        align: Align::Body,
    }
}

/// Russian typography on every text run; URLs and code are left alone.
fn apply_typography(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                typography_inlines(content)
            }
            Block::List(list) => list
                .items
                .iter_mut()
                .for_each(|item| apply_typography(item)),
            Block::Table(t) => {
                for row in &mut t.rows {
                    row.label = typography(&row.label);
                    apply_typography(&mut row.content);
                }
            }
        }
    }
}

fn typography_inlines(inlines: &mut [Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => *t = typography(t),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                typography_inlines(c)
            }
            Inline::Code(_) => {}
        }
    }
}

fn typography(text: &str) -> String {
    crate::typography::apply(text)
}
