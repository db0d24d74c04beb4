//! `word/document.xml`: the body in reading order, the criteria table and the section
//! properties. Paragraph formatting comes from named styles (see `parts::styles`), so a
//! teacher who adjusts «Обычный» in Word changes the whole card at once; direct formatting is
//! used only for alignment the document model asks for and for list indents.

use super::defs::{
    list_indent, mm_to_twips, text_width_twips, ListDef, FOOTER_DEFAULT_ID, FOOTER_FIRST_ID, R_NS,
    W_NS,
};
use super::xml::Xml;
use crate::document::{
    Align, Block, Contents, ContentsKind, Document, FieldRef, Inline, Row, Table, TitlePage,
};
use crate::message::LinkFormat;
use crate::profile::{PageNumbers, Profile};
use crate::render::common::{Rendered, Warning};
use crate::render::markup::safe_link_target;

pub struct Body {
    pub document: String,
    /// Hyperlink targets; the i-th is relationship `rIdLink{i+1}`.
    pub links: Vec<String>,
    pub lists: Vec<ListDef>,
    pub warnings: Vec<Warning>,
}

/// Word allows nine list levels (0–8).
const MAX_LEVEL: u8 = 8;

/// Where a paragraph sits: body text and table text use different styles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Body,
    Cell,
}

#[derive(Clone, Copy, Default)]
struct RunFormat {
    bold: bool,
    italic: bool,
    code: bool,
    link: bool,
}

/// Paragraph properties in schema order: pStyle, numPr, ind, jc.
#[derive(Default)]
struct ParaProps {
    style: &'static str,
    num: Option<(usize, u8)>,
    /// Left indent for a continuation paragraph of a list item.
    ind_left: Option<i64>,
    /// Alignment set on the paragraph itself (centred, right) with no first-line indent.
    jc: Option<&'static str>,
}

struct Writer<'p> {
    x: Xml,
    profile: &'p Profile,
    links: Vec<String>,
    lists: Vec<ListDef>,
    warnings: Vec<Warning>,
    /// The card field being written, for warnings.
    source: Option<FieldRef>,
    /// Headings get bookmarks only in a document with contents, which links to them.
    bookmarks: bool,
    next_bookmark: usize,
}

pub fn write(doc: &Document, profile: &Profile) -> Body {
    let mut w = Writer {
        x: Xml::new(),
        profile,
        links: Vec::new(),
        lists: Vec::new(),
        warnings: Vec::new(),
        source: None,
        bookmarks: doc.has_contents(),
        next_bookmark: 0,
    };
    w.x.open("w:document", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    w.x.open("w:body", &[]);
    for block in &doc.blocks {
        w.block(block, Place::Body, 0);
    }
    // Word wants a paragraph between a table and the section properties.
    if matches!(doc.blocks.last(), Some(Block::Table(_)) | None) {
        w.x.empty("w:p", &[]);
    }
    w.section();
    Body {
        document: w.x.finish(),
        links: w.links,
        lists: w.lists,
        warnings: w.warnings,
    }
}

impl Writer<'_> {
    fn block(&mut self, block: &Block, place: Place, depth: u8) {
        match block {
            Block::Heading {
                level,
                content,
                anchor,
            } => {
                if place == Place::Cell {
                    // A heading inside a cell would enter the navigation pane; set it bold.
                    let props = ParaProps {
                        style: "TableText",
                        ..ParaProps::default()
                    };
                    self.paragraph(
                        &props,
                        content,
                        RunFormat {
                            bold: true,
                            ..RunFormat::default()
                        },
                    );
                } else if self.bookmarks {
                    self.bookmarked_heading(*level, content, anchor);
                } else {
                    let props = ParaProps {
                        style: heading_style(*level),
                        ..ParaProps::default()
                    };
                    self.paragraph(&props, content, RunFormat::default());
                }
            }
            Block::PageBreak => {
                self.x.open("w:p", &[]).open("w:r", &[]);
                self.x.empty("w:br", &[("w:type", "page")]);
                self.x.close().close();
            }
            Block::TitlePage(t) => self.title_page(t),
            Block::Contents(c) => self.contents(c),
            Block::Paragraph { content, align } => {
                let props = ParaProps {
                    style: body_style(place),
                    jc: match align {
                        Align::Body => None,
                        Align::Center => Some("center"),
                        Align::Right => Some("right"),
                    },
                    ..ParaProps::default()
                };
                self.paragraph(&props, content, RunFormat::default());
            }
            Block::List(list) => {
                let level = depth.min(MAX_LEVEL);
                self.lists.push(ListDef {
                    kind: list.kind,
                    level,
                    in_cell: place == Place::Cell,
                });
                let num_id = self.lists.len();
                for item in &list.items {
                    self.list_item(item, place, num_id, level);
                }
            }
            Block::Table(table) => {
                if place == Place::Body {
                    self.table(table);
                } else {
                    // Layout never nests the table; if it ever does, keep the text.
                    for row in &table.rows {
                        let label = [Inline::Text(row.label.clone())];
                        let props = ParaProps {
                            style: "TableText",
                            ..ParaProps::default()
                        };
                        self.paragraph(
                            &props,
                            &label,
                            RunFormat {
                                bold: true,
                                ..RunFormat::default()
                            },
                        );
                        for b in &row.content {
                            self.block(b, place, depth);
                        }
                    }
                }
            }
        }
    }

    /// A heading with a bookmark the contents' links and page fields point at.
    fn bookmarked_heading(&mut self, level: u8, content: &[Inline], anchor: &str) {
        let id = self.next_bookmark.to_string();
        self.next_bookmark += 1;
        self.x.open("w:p", &[]);
        self.x.open("w:pPr", &[]);
        self.x.empty("w:pStyle", &[("w:val", heading_style(level))]);
        self.x.close();
        let name = bookmark_name(anchor);
        self.x
            .empty("w:bookmarkStart", &[("w:id", &id), ("w:name", &name)]);
        self.inlines(content, RunFormat::default());
        self.x.empty("w:bookmarkEnd", &[("w:id", &id)]);
        self.x.close();
    }

    fn centred(&mut self, text: &str, format: RunFormat) {
        let props = ParaProps {
            style: "Normal",
            jc: Some("center"),
            ..ParaProps::default()
        };
        self.paragraph(&props, &[Inline::Text(text.to_string())], format);
    }

    /// The title page: centred lines with room between the groups, then a page break.
    fn title_page(&mut self, t: &TitlePage) {
        let bold = RunFormat {
            bold: true,
            ..RunFormat::default()
        };
        let gap = |w: &mut Self, n: usize| (0..n).for_each(|_| w.centred("", RunFormat::default()));
        for line in &t.top {
            self.centred(line, RunFormat::default());
        }
        gap(self, 8);
        self.centred(&t.title, bold);
        if let Some(sub) = &t.subtitle {
            self.centred(sub, RunFormat::default());
        }
        gap(self, 4);
        for line in &t.credits {
            self.centred(line, RunFormat::default());
        }
        gap(self, 8);
        for line in &t.bottom {
            self.centred(line, RunFormat::default());
        }
        self.block(&Block::PageBreak, Place::Body, 0);
    }

    /// Contents and the index of authors: every page number is a PAGEREF field to the
    /// bookmark at its heading, pre-filled with the page of our paginated PDF, and a title
    /// links to its heading. Word updates the fields when the file opens (`w:updateFields`);
    /// LibreOffice computes them as it lays the pages out — either way each entry names the
    /// page its practice starts on in that program's layout, not the PDF's.
    fn contents(&mut self, c: &Contents) {
        let bold = RunFormat {
            bold: true,
            ..RunFormat::default()
        };
        self.bookmarked_centred(&c.title, bold, &c.anchor);
        let right = text_width_twips(self.profile).to_string();
        for e in &c.entries {
            self.x.open("w:p", &[]);
            self.x.open("w:pPr", &[]);
            self.x.empty("w:pStyle", &[("w:val", "Normal")]);
            self.x.open("w:tabs", &[]);
            self.x.empty(
                "w:tab",
                &[("w:val", "right"), ("w:leader", "dot"), ("w:pos", &right)],
            );
            self.x.close();
            let left = (567 * i64::from(e.level.saturating_sub(1))).to_string();
            self.x
                .empty("w:ind", &[("w:left", &left), ("w:firstLine", "0")]);
            self.x.empty("w:jc", &[("w:val", "left")]);
            self.x.close();
            let format = if e.section {
                bold
            } else {
                RunFormat::default()
            };
            let link = e
                .anchors
                .first()
                .filter(|_| c.kind == ContentsKind::Contents);
            if let Some(anchor) = link {
                let name = bookmark_name(anchor);
                self.x
                    .open("w:hyperlink", &[("w:anchor", &name), ("w:history", "1")]);
            }
            self.run(&e.title, format);
            if !e.detail.is_empty() {
                self.run(" — ", RunFormat::default());
                self.run(
                    &e.detail,
                    RunFormat {
                        italic: true,
                        ..RunFormat::default()
                    },
                );
            }
            if link.is_some() {
                self.x.close();
            }
            self.run("\t", RunFormat::default());
            for (k, anchor) in e.anchors.iter().enumerate() {
                if k > 0 {
                    self.run(", ", RunFormat::default());
                }
                let page = e.pages.get(k).map(usize::to_string).unwrap_or_default();
                self.page_ref(anchor, &page);
            }
            self.x.close();
        }
    }

    /// A centred line with a bookmark, so entries can point at it (the index's heading).
    fn bookmarked_centred(&mut self, text: &str, format: RunFormat, anchor: &str) {
        let id = self.next_bookmark.to_string();
        self.next_bookmark += 1;
        self.x.open("w:p", &[]);
        self.x.open("w:pPr", &[]);
        self.x.empty("w:pStyle", &[("w:val", "Normal")]);
        self.x.empty("w:jc", &[("w:val", "center")]);
        self.x.close();
        let name = bookmark_name(anchor);
        self.x
            .empty("w:bookmarkStart", &[("w:id", &id), ("w:name", &name)]);
        self.run(text, format);
        self.x.empty("w:bookmarkEnd", &[("w:id", &id)]);
        self.x.close();
    }

    /// `PAGEREF` to an anchor's bookmark, showing `page` until the program computes it.
    fn page_ref(&mut self, anchor: &str, page: &str) {
        self.field_char("begin");
        self.x.open("w:r", &[]);
        self.x.open("w:instrText", &[("xml:space", "preserve")]);
        self.x
            .text(&format!(" PAGEREF {} \\h ", bookmark_name(anchor)));
        self.x.close().close();
        self.field_char("separate");
        self.run(page, RunFormat::default());
        self.field_char("end");
    }

    fn field_char(&mut self, kind: &str) {
        self.x.open("w:r", &[]);
        self.x.empty("w:fldChar", &[("w:fldCharType", kind)]);
        self.x.close();
    }

    fn list_item(&mut self, item: &[Block], place: Place, num_id: usize, level: u8) {
        let style = match place {
            Place::Body => "ListParagraph",
            Place::Cell => "TableText",
        };
        let numbered = ParaProps {
            style,
            num: Some((num_id, level)),
            ..ParaProps::default()
        };
        let mut rest = item;
        match item.first() {
            Some(Block::Paragraph { content, .. }) => {
                self.paragraph(&numbered, content, RunFormat::default());
                rest = &item[1..];
            }
            // The number needs a paragraph to sit on even when the item starts otherwise.
            _ => self.paragraph(&numbered, &[], RunFormat::default()),
        }
        for block in rest {
            match block {
                Block::Paragraph { content, .. } => {
                    let props = ParaProps {
                        style,
                        ind_left: Some(list_indent(level, place == Place::Cell)),
                        ..ParaProps::default()
                    };
                    self.paragraph(&props, content, RunFormat::default());
                }
                Block::List(_) => self.block(block, place, level.saturating_add(1)),
                other => self.block(other, place, level),
            }
        }
    }

    fn paragraph(&mut self, props: &ParaProps, content: &[Inline], format: RunFormat) {
        self.x.open("w:p", &[]);
        self.x.open("w:pPr", &[]);
        self.x.empty("w:pStyle", &[("w:val", props.style)]);
        if let Some((num_id, level)) = props.num {
            self.x.open("w:numPr", &[]);
            self.x.empty("w:ilvl", &[("w:val", &level.to_string())]);
            self.x.empty("w:numId", &[("w:val", &num_id.to_string())]);
            self.x.close();
        }
        if let Some(left) = props.ind_left {
            self.x.empty(
                "w:ind",
                &[("w:left", &left.to_string()), ("w:firstLine", "0")],
            );
        } else if props.jc.is_some() {
            self.x.empty("w:ind", &[("w:firstLine", "0")]);
        }
        if let Some(jc) = props.jc {
            self.x.empty("w:jc", &[("w:val", jc)]);
        }
        self.x.close();
        self.inlines(content, format);
        self.x.close();
    }

    fn inlines(&mut self, inlines: &[Inline], format: RunFormat) {
        // Text and the weak ties inside it are one run, as they were one text in the card.
        let mut text = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(t) => text.push_str(t),
                Inline::WeakTie => text.push_str(self.weak_tie()),
                other => {
                    self.run(&std::mem::take(&mut text), format);
                    self.styled(other, format);
                }
            }
        }
        self.run(&text, format);
    }

    /// A space only nicer not to break: Word and LibreOffice do not stretch U+00A0 in
    /// justified text, so it binds only when the profile asks for it.
    fn weak_tie(&self) -> &'static str {
        if self.profile.docx_bind_short_words {
            "\u{a0}"
        } else {
            " "
        }
    }

    fn styled(&mut self, inline: &Inline, format: RunFormat) {
        match inline {
            Inline::Text(text) => self.run(text, format),
            Inline::WeakTie => self.run(self.weak_tie(), format),
            Inline::Code(text) => self.run(
                text,
                RunFormat {
                    code: true,
                    ..format
                },
            ),
            Inline::Strong(content) => self.inlines(
                content,
                RunFormat {
                    bold: true,
                    ..format
                },
            ),
            Inline::Emph(content) => self.inlines(
                content,
                RunFormat {
                    italic: true,
                    ..format
                },
            ),
            Inline::Link { url, content } => self.link(url, content, format),
        }
    }

    fn link(&mut self, url: &str, content: &[Inline], format: RunFormat) {
        let fallback;
        let content = if content.is_empty() {
            fallback = [Inline::Code(url.to_string())];
            &fallback[..]
        } else {
            content
        };
        if format.link {
            // Word does not nest hyperlinks; the inner one keeps its text.
            self.inlines(content, format);
            return;
        }
        match safe_link_target(url) {
            Some(target) => {
                self.links.push(target);
                let id = format!("rIdLink{}", self.links.len());
                self.x
                    .open("w:hyperlink", &[("r:id", &id), ("w:history", "1")]);
                self.inlines(
                    content,
                    RunFormat {
                        link: true,
                        ..format
                    },
                );
                self.x.close();
            }
            None => {
                let warning = Warning::link_refused(url, LinkFormat::Docx, self.source);
                Rendered::warn_once(&mut self.warnings, warning);
                self.inlines(content, format);
            }
        }
    }

    fn run(&mut self, text: &str, format: RunFormat) {
        if text.is_empty() {
            return;
        }
        self.x.open("w:r", &[]);
        if format.bold || format.italic || format.code || format.link {
            // Schema order: rStyle, b, bCs, i, iCs, noProof.
            self.x.open("w:rPr", &[]);
            if format.link {
                self.x.empty("w:rStyle", &[("w:val", "Hyperlink")]);
            }
            if format.bold {
                self.x.empty("w:b", &[]).empty("w:bCs", &[]);
            }
            if format.italic {
                self.x.empty("w:i", &[]).empty("w:iCs", &[]);
            }
            if format.code {
                // URLs, DOI and ISBN must not be spell-checked or auto-corrected.
                self.x.empty("w:noProof", &[]);
            }
            self.x.close();
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.x.empty("w:br", &[]);
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    self.x.empty("w:tab", &[]);
                }
                if !piece.is_empty() {
                    self.x.leaf("w:t", &[("xml:space", "preserve")], piece);
                }
            }
        }
        self.x.close();
    }

    fn table(&mut self, table: &Table) {
        let widths = column_widths(self.profile);
        let total: i64 = widths.iter().sum();
        self.x.open("w:tbl", &[]);
        // tblPr order: tblW, tblInd, tblBorders, tblLayout, tblLook.
        self.x.open("w:tblPr", &[]);
        self.x
            .empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")]);
        self.x.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]);
        self.x.open("w:tblBorders", &[]);
        for side in [
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ] {
            self.x.empty(
                side,
                &[
                    ("w:val", "single"),
                    ("w:sz", "4"),
                    ("w:space", "0"),
                    ("w:color", "000000"),
                ],
            );
        }
        self.x.close();
        self.x.empty("w:tblLayout", &[("w:type", "fixed")]);
        self.x.empty("w:tblLook", &[("w:val", "04A0")]);
        self.x.close();
        self.x.open("w:tblGrid", &[]);
        for w in widths {
            self.x.empty("w:gridCol", &[("w:w", &w.to_string())]);
        }
        self.x.close();

        // The header row repeats on every page; no row has cantSplit, so long rows break.
        self.x.open("w:tr", &[]);
        self.x.open("w:trPr", &[]);
        self.x.empty("w:tblHeader", &[]);
        self.x.close();
        for (text, width) in table.header.iter().zip(widths) {
            self.cell_start(width);
            let props = ParaProps {
                style: "TableHeading",
                ..ParaProps::default()
            };
            self.paragraph(&props, &[Inline::Text(text.clone())], RunFormat::default());
            self.x.close();
        }
        self.x.close();

        for row in &table.rows {
            self.row(row, widths);
        }
        self.x.close();
    }

    fn row(&mut self, row: &Row, widths: [i64; 3]) {
        self.x.open("w:tr", &[]);
        self.cell_start(widths[0]);
        let number = [Inline::Text(row.number.clone().unwrap_or_default())];
        let props = ParaProps {
            style: "TableNumber",
            ..ParaProps::default()
        };
        self.paragraph(&props, &number, RunFormat::default());
        self.x.close();

        self.cell_start(widths[1]);
        let props = ParaProps {
            style: "TableLabel",
            ..ParaProps::default()
        };
        self.paragraph(
            &props,
            &[Inline::Text(row.label.clone())],
            RunFormat::default(),
        );
        self.x.close();

        self.cell_start(widths[2]);
        self.source = row.source;
        for block in &row.content {
            self.block(block, Place::Cell, 0);
        }
        self.source = None;
        // A cell must end with a paragraph (an empty list writes none).
        if !self.x.just_closed("w:p") {
            self.paragraph(
                &ParaProps {
                    style: "TableText",
                    ..ParaProps::default()
                },
                &[],
                RunFormat::default(),
            );
        }
        self.x.close();
        self.x.close();
    }

    fn cell_start(&mut self, width: i64) {
        self.x.open("w:tc", &[]);
        self.x.open("w:tcPr", &[]);
        self.x
            .empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
        self.x.close();
    }

    /// Section properties in schema order: footerReference*, pgSz, pgMar, pgNumType, cols,
    /// titlePg, docGrid.
    fn section(&mut self) {
        let p = self.profile;
        self.x.open("w:sectPr", &[]);
        if p.page_numbers != PageNumbers::None {
            self.x.empty(
                "w:footerReference",
                &[("w:type", "default"), ("r:id", FOOTER_DEFAULT_ID)],
            );
            if !p.number_first_page {
                self.x.empty(
                    "w:footerReference",
                    &[("w:type", "first"), ("r:id", FOOTER_FIRST_ID)],
                );
            }
        }
        self.x
            .empty("w:pgSz", &[("w:w", "11906"), ("w:h", "16838")]);
        let bottom = mm_to_twips(p.margin_bottom_mm);
        self.x.empty(
            "w:pgMar",
            &[
                ("w:top", &mm_to_twips(p.margin_top_mm).to_string()),
                ("w:right", &mm_to_twips(p.margin_right_mm).to_string()),
                ("w:bottom", &bottom.to_string()),
                ("w:left", &mm_to_twips(p.margin_left_mm).to_string()),
                ("w:header", "709"),
                // The footer sits inside the bottom margin so it never pushes the text up.
                ("w:footer", &(bottom / 2).to_string()),
                ("w:gutter", "0"),
            ],
        );
        self.x.empty("w:pgNumType", &[("w:fmt", "decimal")]);
        self.x.empty("w:cols", &[("w:space", "708")]);
        if p.page_numbers != PageNumbers::None && !p.number_first_page {
            self.x.empty("w:titlePg", &[]);
        }
        self.x.empty("w:docGrid", &[("w:linePitch", "360")]);
        self.x.close();
    }
}

/// A bookmark name Word accepts: letters, digits and underscores, 40 at most.
fn bookmark_name(anchor: &str) -> String {
    let clean: String = anchor
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("_mc_{clean}").chars().take(40).collect()
}

fn heading_style(level: u8) -> &'static str {
    match level {
        0 | 1 => "Heading1",
        2 => "Heading2",
        3 => "Heading3",
        4 => "Heading4",
        5 => "Heading5",
        _ => "Heading6",
    }
}

fn body_style(place: Place) -> &'static str {
    match place {
        Place::Body => "Normal",
        Place::Cell => "TableText",
    }
}

/// «№», «Критерии» from the profile; «Содержание» takes the rest of the text width, but never
/// less than 2 cm, so a profile with huge columns still gives a usable table.
pub fn column_widths(profile: &Profile) -> [i64; 3] {
    let num = mm_to_twips(profile.table_number_col_mm).max(284);
    let label = mm_to_twips(profile.table_label_col_mm).max(567);
    let content = (text_width_twips(profile) - num - label).max(1134);
    [num, label, content]
}
