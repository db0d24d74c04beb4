//! Composing: a checked card becomes the one `Document` every renderer reads. Labels come
//! from the locale, rich text from `richtext`, citations from `norms` and `biblio`, and
//! Russian typography is applied here once, so no renderer has to know about any of it.
//! (It is not called layout: in typesetting that means lines and pages, which is the PDF
//! renderer's job.)

use crate::biblio;
use crate::card::{filled, Card, Material, Norm, Period};
use crate::collection::{Collection, EditorsRole};
use crate::document::{
    Align, Anchors, Block, Contents, ContentsEntry, ContentsKind, Document, FieldRef, Inline, List,
    ListKind, Meta, Row, Table, TitlePage,
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
    let blocks = card_blocks(card, 0, 0, options, &mut anchors);
    document(card, blocks, options)
}

/// One practice of a сборник, composed on its own (so cards can be composed side by side):
/// its blocks, from a new page, with typography in the card's language.
pub struct Practice {
    pub blocks: Vec<Block>,
    pub title: String,
    pub authors: Vec<String>,
    pub anchor: String,
}

/// Card `part` of a collection; `depth` is 1 when practices stand under sections.
pub fn practice(card: &Card, part: usize, depth: u8, options: &ComposeOptions) -> Practice {
    let mut anchors = Anchors::with_prefix(&format!("p{}-", part + 1));
    let mut blocks = vec![Block::PageBreak];
    blocks.extend(card_blocks(card, part, depth, options, &mut anchors));
    let typeset = typesets(card, options);
    if typeset {
        apply_typography(&mut blocks);
    }
    let (title, anchor) = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading {
                content, anchor, ..
            } => Some((Inline::plain(content), anchor.clone())),
            _ => None,
        })
        .unwrap_or_default();
    let authors: Vec<String> = card
        .authors
        .iter()
        .map(|a| a.name.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    Practice {
        blocks,
        title,
        authors,
        anchor,
    }
}

/// A whole сборник: title page, foreword, contents, the practices (under their sections),
/// and an index of authors if asked. Page numbers in the contents are filled in after the
/// PDF is paginated.
pub fn collection(
    spec: &Collection,
    practices: Vec<(Option<usize>, Practice)>,
    options: &ComposeOptions,
) -> Document {
    let lang = spec.language;
    let words = locale::collection_words(lang);
    let typeset = options.typography && lang == Lang::Ru;
    let t = |s: &str| {
        if typeset {
            typography(s)
        } else {
            s.to_string()
        }
    };
    let year = spec.year.map(|y| y.to_string());
    let mut credits = Vec::new();
    if !spec.editors.is_empty() {
        let names: Vec<&str> = spec.editors.iter().map(|e| e.trim()).collect();
        let label = match (spec.editors_role, names.len()) {
            (EditorsRole::Compilers, 1) => words.compiler,
            (EditorsRole::Compilers, _) => words.compilers,
            (EditorsRole::Editors, _) => words.editors,
        };
        credits.push(t(&format!("{label} {}", names.join(", "))));
    }
    let mut blocks = vec![Block::TitlePage(TitlePage {
        top: filled(&spec.organisation).map(t).into_iter().collect(),
        title: t(spec.title.trim()),
        subtitle: filled(&spec.subtitle).map(t),
        credits,
        bottom: [filled(&spec.locality), year.as_deref()]
            .into_iter()
            .flatten()
            .map(t)
            .collect(),
    })];
    if let Some(foreword) = filled(&spec.foreword) {
        let mut fore = vec![Block::Heading {
            level: 1,
            content: vec![Inline::Text(words.foreword.to_string())],
            anchor: "foreword".into(),
        }];
        fore.extend(richtext::parse(foreword));
        if typeset {
            apply_typography(&mut fore);
        }
        blocks.extend(fore);
        blocks.push(Block::PageBreak);
    }
    let sectioned = !spec.sections.is_empty();
    let mut entries = Vec::new();
    let mut body = Vec::new();
    let mut current: Option<Option<usize>> = None;
    let mut index: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    let mut titles: Vec<(String, String, String)> = Vec::new();
    for (section, p) in practices {
        if sectioned && current != Some(section) {
            current = Some(section);
            let title = match section {
                Some(i) => t(spec.sections[i].title.trim()),
                None => words.other.to_string(),
            };
            let anchor = format!("section-{}", section.map_or(0, |i| i + 1));
            entries.push(ContentsEntry {
                level: 1,
                section: true,
                title: title.clone(),
                detail: String::new(),
                anchors: vec![anchor.clone()],
                pages: Vec::new(),
                labels: Vec::new(),
            });
            body.push(Block::PageBreak);
            body.push(Block::Heading {
                level: 1,
                content: vec![Inline::Text(title)],
                anchor,
            });
        }
        entries.push(ContentsEntry {
            level: 1 + u8::from(sectioned),
            section: false,
            title: p.title.clone(),
            detail: p.authors.join(", "),
            anchors: vec![p.anchor.clone()],
            pages: Vec::new(),
            labels: Vec::new(),
        });
        for a in &p.authors {
            let practices = index.entry(a.clone()).or_default();
            practices.push((p.anchor.clone(), p.title.clone()));
        }
        titles.push((sort_key(&p.title), p.anchor.clone(), p.authors.join(", ")));
        // Under a section heading that opens the page, the first practice follows it.
        let mut practice_blocks = p.blocks;
        if matches!(body.last(), Some(Block::Heading { .. })) {
            practice_blocks.retain(|b| !matches!(b, Block::PageBreak));
        }
        body.extend(practice_blocks);
    }
    // The foreword and the index are in the contents too, as in the outline.
    let own_entry = |title: &str, anchor: &str| ContentsEntry {
        level: 1,
        section: false,
        title: title.to_string(),
        detail: String::new(),
        anchors: vec![anchor.to_string()],
        pages: Vec::new(),
        labels: Vec::new(),
    };
    if filled(&spec.foreword).is_some() {
        entries.insert(0, own_entry(words.foreword, "foreword"));
    }
    let indexed = spec.author_index && !index.is_empty();
    if indexed {
        entries.push(own_entry(words.authors_index, "authors"));
    }
    blocks.push(Block::Contents(Contents {
        kind: ContentsKind::Contents,
        title: words.contents.to_string(),
        anchor: "contents".into(),
        entries,
    }));
    blocks.extend(body);
    if indexed {
        let mut names: Vec<(String, Vec<(String, String)>)> = index.into_iter().collect();
        names.sort_by_key(|(n, _)| sort_key(n));
        blocks.push(Block::PageBreak);
        blocks.push(Block::Contents(Contents {
            kind: ContentsKind::Authors,
            title: words.authors_index.to_string(),
            anchor: "authors".into(),
            entries: names
                .into_iter()
                .map(|(name, practices)| {
                    let (anchors, labels) = practices.into_iter().unzip();
                    ContentsEntry {
                        level: 1,
                        section: false,
                        title: t(&name),
                        detail: String::new(),
                        anchors,
                        pages: Vec::new(),
                        labels,
                    }
                })
                .collect(),
        }));
    }
    // Practices with alike titles are told apart in the PDF outline by their authors.
    let mut outline_details = std::collections::BTreeMap::new();
    titles.sort();
    for pair in titles.windows(2) {
        if pair[0].0 == pair[1].0 {
            for (_, anchor, authors) in pair {
                outline_details.insert(anchor.clone(), authors.clone());
            }
        }
    }
    Document {
        meta: Meta {
            title: t(spec.title.trim()),
            authors: spec.editors.iter().map(|e| e.trim().to_string()).collect(),
            lang: lang.code().to_string(),
            keywords: Vec::new(),
            date: options.date,
            title_page: true,
            outline_details,
            continued: locale::continued_word(lang).to_string(),
        },
        blocks,
    }
}

/// How names and titles sort in Russian: case and «ё» do not matter, numbers by value.
pub fn sort_key(text: &str) -> String {
    let letters: String = text
        .trim()
        .trim_start_matches(['«', '"', '„'])
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect();
    numbers_by_value(&letters)
}

/// Numbers compared as numbers: each run of digits loses its leading zeros and is led by its
/// length in two digits, so «№ 2» (`01` `2`) sorts before «№ 10» (`02` `10`).
fn numbers_by_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..at]);
        let run = &rest[at..];
        let len = run.find(|c: char| !c.is_ascii_digit()).unwrap_or(run.len());
        let digits = run[..len].trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        out.push_str(&format!("{:02}{digits}", digits.len().min(99)));
        rest = &run[len..];
    }
    out.push_str(rest);
    out
}

/// The document's metadata from a card, with typography applied to the body.
fn document(card: &Card, mut blocks: Vec<Block>, options: &ComposeOptions) -> Document {
    let lang = card.language;
    let typeset = typesets(card, options);
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
            title_page: false,
            outline_details: Default::default(),
            continued: locale::continued_word(lang).to_string(),
        },
        blocks,
    }
}

/// The blocks of one card: title, authors, introduction, the criteria table, conclusion.
/// `part` is the card's place in the document; `anchors` keeps ids unique across cards.
pub fn card_blocks(
    card: &Card,
    part: usize,
    depth: u8,
    options: &ComposeOptions,
    anchors: &mut Anchors,
) -> Vec<Block> {
    let lang = card.language;
    let labels = locale::labels(lang);
    let mut blocks = Vec::new();
    blocks.push(Block::Heading {
        level: 1 + depth,
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
        blocks.push(heading(
            labels.introduction,
            depth,
            anchors.unique("introduction"),
        ));
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

    blocks.push(heading(labels.practice, depth, anchors.unique("practice")));
    let mut table = criteria_table(card, part, options, anchors);
    table.outline_level = 2 + depth;
    blocks.push(Block::Table(table));

    if let Some(conclusion) = &card.conclusion {
        blocks.push(heading(
            labels.conclusion,
            depth,
            anchors.unique("conclusion"),
        ));
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
                "materials" => numbered(c.materials.iter().map(|m| material(m, card, options))),
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
        outline_level: 2,
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

/// One source of «Дополнительные материалы»: an entry formatted by ГОСТ or a string as
/// written, typeset as a record when the card gets typography.
fn material(m: &Material, card: &Card, options: &ComposeOptions) -> Vec<Inline> {
    let page = |text: String| {
        if typesets(card, options) {
            biblio::typeset(&text)
        } else {
            text
        }
    };
    match m {
        Material::Text(t) => richtext::parse_inline(&page(t.clone())),
        Material::Entry(e) => record(&page(biblio::format(e, &options.bibliography))),
    }
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

fn heading(text: &str, depth: u8, anchor: String) -> Block {
    Block::Heading {
        level: 2 + depth,
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

/// Whether the card gets Russian typography.
fn typesets(card: &Card, options: &ComposeOptions) -> bool {
    options.typography && card.language == Lang::Ru
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
            // Title pages and contents are made of strings typeset where they are made.
            Block::PageBreak | Block::TitlePage(_) | Block::Contents(_) => {}
        }
    }
}

/// Typography on a paragraph as a whole: the rules read its text across bold, italic and
/// links (a dash after a bold term, quotes around an italic word), and each change lands in
/// the run where it starts. Code is read as context and never changed.
fn typography_inlines(content: &mut Vec<Inline>) {
    let mut runs = Runs::default();
    runs.collect(content);
    let changes = crate::typography::suggest_around(&runs.text, &runs.opaque);
    if changes.is_empty() {
        return;
    }
    let owners = changes.iter().map(|c| runs.owner(c)).collect();
    let plan = Plan {
        runs: &runs,
        changes: &changes,
        owners,
    };
    let mut leaf = 0;
    *content = plan.rebuild(std::mem::take(content), &mut leaf);
}

/// A paragraph's text runs joined into one text, with each run's place in it.
#[derive(Default)]
struct Runs {
    text: String,
    /// Byte range of every `Text`, `WeakTie` and `Code` in `text`, in reading order.
    leaves: Vec<std::ops::Range<usize>>,
    /// Which leaves are code.
    code: Vec<bool>,
    opaque: Vec<std::ops::Range<usize>>,
}

impl Runs {
    fn collect(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.push(t, false),
                Inline::WeakTie => self.push("\u{a0}", false),
                Inline::Code(t) => self.push(t, true),
                Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                    self.collect(c)
                }
            }
        }
    }

    fn push(&mut self, text: &str, opaque: bool) {
        let range = self.text.len()..self.text.len() + text.len();
        self.text.push_str(text);
        if opaque {
            self.opaque.push(range.clone());
        }
        self.leaves.push(range);
        self.code.push(opaque);
    }

    fn is_text(&self, leaf: usize) -> bool {
        !self.code[leaf]
    }

    /// The run that receives a change's replacement: the one where it starts; an insertion
    /// at the seam of two runs goes to the end of the first, unless that one is code.
    fn owner(&self, change: &crate::typography::Change) -> Option<usize> {
        let at = change.range.start;
        let containing = self.leaves.partition_point(|l| l.end <= at);
        if change.range.is_empty() {
            let before = self.leaves.partition_point(|l| l.end < at);
            let ends_here = before < self.leaves.len() && self.leaves[before].start < at;
            if ends_here && self.is_text(before) {
                return Some(before);
            }
        }
        (containing < self.leaves.len() && self.is_text(containing)).then_some(containing)
    }
}

/// The changes of one paragraph and where each lands, for rebuilding its inlines.
struct Plan<'a> {
    runs: &'a Runs,
    changes: &'a [crate::typography::Change],
    owners: Vec<Option<usize>>,
}

impl Plan<'_> {
    fn rebuild(&self, inlines: Vec<Inline>, leaf: &mut usize) -> Vec<Inline> {
        let mut out = Vec::with_capacity(inlines.len());
        for inline in inlines {
            match inline {
                Inline::Text(_) | Inline::WeakTie => {
                    match self.leaf_pieces(*leaf) {
                        Some(pieces) => out.extend(pieces),
                        None => out.push(inline),
                    }
                    *leaf += 1;
                }
                Inline::Code(c) => {
                    out.push(Inline::Code(c));
                    *leaf += 1;
                }
                Inline::Strong(c) => out.push(Inline::Strong(self.rebuild(c, leaf))),
                Inline::Emph(c) => out.push(Inline::Emph(self.rebuild(c, leaf))),
                Inline::Link { url, content } => out.push(Inline::Link {
                    url,
                    content: self.rebuild(content, leaf),
                }),
            }
        }
        out
    }

    /// What the run becomes (text with a weak tie wherever a weak rule bound a space), or
    /// `None` when no change touches it.
    fn leaf_pieces(&self, leaf: usize) -> Option<Vec<Inline>> {
        let range = self.runs.leaves[leaf].clone();
        let text = &self.runs.text;
        let first = self.changes.partition_point(|c| c.range.end < range.start);
        let mut pieces = Vec::new();
        let mut out = String::new();
        let mut pos = range.start;
        let mut touched = false;
        for (k, c) in self.changes.iter().enumerate().skip(first) {
            if c.range.start > range.end {
                break;
            }
            let owned = self.owners[k] == Some(leaf);
            let overlaps = c.range.start < range.end && c.range.end > range.start;
            if !owned && !overlaps {
                continue;
            }
            touched = true;
            let from = c.range.start.max(range.start);
            if from > pos {
                out.push_str(&text[pos..from]);
            }
            if owned && c.rule.is_weak() && c.replacement == "\u{a0}" {
                if !out.is_empty() {
                    pieces.push(Inline::Text(std::mem::take(&mut out)));
                }
                pieces.push(Inline::WeakTie);
            } else if owned {
                out.push_str(&c.replacement);
            }
            pos = pos.max(c.range.end.min(range.end));
        }
        if !touched {
            return None;
        }
        out.push_str(&text[pos..range.end]);
        if !out.is_empty() {
            pieces.push(Inline::Text(out));
        }
        Some(pieces)
    }
}

fn typography(text: &str) -> String {
    crate::typography::apply(text)
}

#[cfg(test)]
mod tests {

    #[test]
    fn titles_sort_numbers_as_numbers() {
        let mut titles = vec![
            "Практика № 10",
            "практика № 2",
            "Практика № 1",
            "Ёлка 3",
            "Елка 03",
        ];
        titles.sort_by_key(|t| sort_key(t));
        assert_eq!(
            titles,
            [
                "Ёлка 3",
                "Елка 03",
                "Практика № 1",
                "практика № 2",
                "Практика № 10"
            ]
        );
    }

    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn typeset(mut content: Vec<Inline>) -> Vec<Inline> {
        typography_inlines(&mut content);
        content
    }

    #[test]
    fn a_change_across_runs_lands_where_it_starts() {
        assert_eq!(
            typeset(vec![Inline::Strong(vec![t("Наставничество ")]), t("- это")]),
            [Inline::Strong(vec![t("Наставничество\u{a0}— ")]), t("это")]
        );
        // an insertion at the seam of two runs ends the first
        assert_eq!(
            typeset(vec![Inline::Strong(vec![t("№")]), t("273-ФЗ")]),
            [Inline::Strong(vec![t("№\u{a0}")]), t("273-ФЗ")]
        );
        // quotes opened in one run and closed in another
        assert_eq!(
            typeset(vec![t("\""), Inline::Emph(vec![t("Учитель")]), t("\"")]),
            [t("«"), Inline::Emph(vec![t("Учитель")]), t("»")]
        );
    }

    #[test]
    fn code_is_context_and_stays_as_written() {
        assert_eq!(
            typeset(vec![Inline::Code("a - \"b\"".into()), t(" - это")]),
            [Inline::Code("a - \"b\"".into()), t("\u{a0}— это")]
        );
        let link = Inline::Link {
            url: "https://a.ru/1-2".into(),
            content: vec![t("https://a.ru/1-2")],
        };
        assert_eq!(
            typeset(vec![link.clone(), t(" - сайт")]),
            [link, t("\u{a0}— сайт")]
        );
    }

    #[test]
    fn typesetting_twice_changes_nothing_more() {
        let once = typeset(vec![
            t("Тема \""),
            Inline::Strong(vec![t("Реверсивное ")]),
            t("- наставничество\" в 2012 - 2015 гг."),
        ]);
        assert_eq!(typeset(once.clone()), once);
    }
}
