//! Body blocks → a flow of line groups and tables, ready to be cut into pages.
//!
//! Everything here is measured but not yet placed vertically: a paragraph becomes its lines
//! (so pagination can split it between any two of them), a table becomes its rows of cell
//! lines (so a row can be split between lines too).

use super::fonts::{Fonts, Style};
use super::linebreak::{break_lines, Align, Line, PageRef, Params};
use super::shape::{shape, shape_plain, Missing};
use crate::document::{
    Align as DocAlign, Block, Contents, ContentsKind, FieldRef, Inline, List, ListKind, Table,
    TitlePage,
};
use crate::message::{LinkFormat, Message};
use crate::profile::Profile;
use crate::warning::{warn_once, Warning};

pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Cell padding, as in the Typst reference (`inset: (x: 1.5mm, y: 0.6mm)`).
pub const CELL_INSET_X: f32 = 1.5 * PT_PER_MM;
pub const CELL_INSET_Y: f32 = 0.6 * PT_PER_MM;

pub enum Flow {
    /// Lines of one paragraph (or heading, or list item): pagination keeps at least two
    /// of them together at a page foot and head where it can.
    Lines {
        lines: Vec<Line>,
        keep_with_next: bool,
        /// Extra space above, dropped at the top of a page (headings set off from the text).
        space_before: f32,
    },
    Table(TableFlow),
    /// What follows starts on a new page.
    PageBreak,
    /// A title page: groups at the top, a third of the way down, two thirds down, and at
    /// the foot of the page.
    TitlePage([Vec<Line>; 4]),
}

pub struct TableFlow {
    /// Column widths in points: «№», «Критерии», «Содержание».
    pub cols: [f32; 3],
    pub size: f32,
    pub pitch: f32,
    pub header: [Vec<Line>; 3],
    pub rows: Vec<[Vec<Line>; 3]>,
    /// Per row, its number and label as drawn at the top of a page it goes on to, the
    /// label marked as continued: a juror on page 60 sees which criterion the text is.
    pub continued: Vec<[Vec<Line>; 2]>,
    /// Room below a cell's last line for descenders deeper than the line box's 0.2 em
    /// (PT Serif's reach 0.28 em), so they never touch the rule under them.
    pub pad: f32,
}

pub struct Ctx<'a> {
    pub fonts: &'a Fonts,
    pub profile: &'a Profile,
    pub warnings: Vec<Warning>,
    /// «(продолжение)», in the document's language.
    pub continued: &'a str,
}

impl Ctx<'_> {
    /// Each character the font lacks, once per place, with the card field it is in; each
    /// refused link, as HTML and DOCX report it.
    fn report(&mut self, missing: &mut Missing, place: Option<FieldRef>) {
        for ch in missing.chars.drain(..) {
            self.warnings.push(Warning {
                message: Message::MissingGlyph {
                    ch,
                    criterion: place.map(|p| p.key),
                },
                source: place,
            });
        }
        for url in missing.refused_links.drain(..) {
            let warning = Warning::link_refused(&url, LinkFormat::Pdf, place);
            warn_once(&mut self.warnings, warning);
        }
    }
}

/// Lay out the document body into a flow for the text column of `width` points.
pub fn body(ctx: &mut Ctx, blocks: &[Block], width: f32) -> Vec<Flow> {
    let mut out = Vec::new();
    let size = ctx.profile.font_size_pt;
    for block in blocks {
        let mut missing = Missing::default();
        match block {
            Block::Heading {
                level,
                content,
                anchor,
            } => {
                let mut lines = paragraph(
                    ctx,
                    content,
                    Style::Bold,
                    Align::Center,
                    0.0,
                    width,
                    size,
                    &mut missing,
                );
                if let Some(first) = lines.first_mut() {
                    first.outline = Some(((*level).max(1), Inline::plain(content)));
                    first.anchor = Some(anchor.clone());
                }
                // A section heading gets half a line of air above it; the title does not.
                let space_before = if *level > 1 {
                    ctx.profile.line_pitch_pt * 0.5
                } else {
                    0.0
                };
                out.push(Flow::Lines {
                    lines,
                    keep_with_next: true,
                    space_before,
                });
            }
            Block::Paragraph { content, align } => {
                let (al, indent) = body_align(ctx.profile, *align);
                let lines = paragraph(
                    ctx,
                    content,
                    Style::Regular,
                    al,
                    indent,
                    width,
                    size,
                    &mut missing,
                );
                out.push(Flow::Lines {
                    lines,
                    keep_with_next: false,
                    space_before: 0.0,
                });
            }
            Block::List(list) => {
                let al = if ctx.profile.justify {
                    Align::Justify
                } else {
                    Align::Left
                };
                let mut items = Vec::new();
                list_lines(
                    ctx,
                    list,
                    0.0,
                    width,
                    size,
                    al,
                    0,
                    &mut missing,
                    &mut |lines| items.push(lines),
                );
                out.extend(items.into_iter().map(|lines| Flow::Lines {
                    lines,
                    keep_with_next: false,
                    space_before: 0.0,
                }));
            }
            Block::Table(t) => out.push(Flow::Table(table(ctx, t, width))),
            Block::PageBreak => out.push(Flow::PageBreak),
            Block::TitlePage(t) => {
                out.push(Flow::TitlePage(title_page(ctx, t, width, &mut missing)));
                out.push(Flow::PageBreak);
            }
            Block::Contents(c) => contents(ctx, c, width, &mut missing, &mut out),
        }
        ctx.report(&mut missing, None);
    }
    out
}

fn centred(
    ctx: &Ctx,
    text: &str,
    style: Style,
    width: f32,
    size: f32,
    m: &mut Missing,
) -> Vec<Line> {
    let content = [Inline::Text(text.to_string())];
    paragraph(ctx, &content, style, Align::Center, 0.0, width, size, m)
}

fn title_page(ctx: &Ctx, t: &TitlePage, width: f32, m: &mut Missing) -> [Vec<Line>; 4] {
    let size = ctx.profile.font_size_pt;
    let group = |texts: &[&str], style: Style, size: f32, m: &mut Missing| -> Vec<Line> {
        texts
            .iter()
            .flat_map(|s| centred(ctx, s, style, width, size, m))
            .collect()
    };
    let top: Vec<&str> = t.top.iter().map(String::as_str).collect();
    let mut middle = group(&[t.title.as_str()], Style::Bold, size * 1.4, m);
    if let Some(sub) = &t.subtitle {
        middle.extend(group(&[sub.as_str()], Style::Regular, size, m));
    }
    let credits: Vec<&str> = t.credits.iter().map(String::as_str).collect();
    let bottom: Vec<&str> = t.bottom.iter().map(String::as_str).collect();
    [
        group(&top, Style::Regular, size, m),
        middle,
        group(&credits, Style::Regular, size, m),
        group(&bottom, Style::Regular, size, m),
    ]
}

/// Width kept at the right of a contents line for its page numbers.
const NUMBERS_WIDTH: f32 = 60.0;

/// Contents or an index: a centred heading, then an entry per line group: its title (bold
/// for a section), the page numbers at the right of its last line, the authors below.
fn contents(ctx: &mut Ctx, c: &Contents, width: f32, m: &mut Missing, out: &mut Vec<Flow>) {
    let size = ctx.profile.font_size_pt;
    let heading = [Inline::Text(c.title.clone())];
    let mut lines = paragraph(
        ctx,
        &heading,
        Style::Bold,
        Align::Center,
        0.0,
        width,
        size,
        m,
    );
    if let Some(first) = lines.first_mut() {
        first.outline = Some((1, c.title.clone()));
        first.anchor = Some(c.anchor.clone());
    }
    out.push(Flow::Lines {
        lines,
        keep_with_next: true,
        space_before: 0.0,
    });
    let numbers = match c.kind {
        ContentsKind::Contents => NUMBERS_WIDTH,
        ContentsKind::Authors => NUMBERS_WIDTH * 2.0,
    };
    for e in &c.entries {
        let indent = 6.0 * PT_PER_MM * f32::from(e.level.saturating_sub(1));
        let style = if e.section {
            Style::Bold
        } else {
            Style::Regular
        };
        let inner = (width - indent - numbers).max(36.0);
        let text = [Inline::Text(e.title.clone())];
        let mut lines = paragraph(ctx, &text, style, Align::Left, 0.0, inner, size, m);
        if let Some(last) = lines.last_mut() {
            last.page_ref = Some(PageRef {
                anchors: e.anchors.clone(),
                right: width - indent,
            });
        }
        if !e.detail.is_empty() {
            let detail = [Inline::Emph(vec![Inline::Text(e.detail.clone())])];
            lines.extend(paragraph(
                ctx,
                &detail,
                style,
                Align::Left,
                0.0,
                inner,
                size,
                m,
            ));
        }
        for l in &mut lines {
            l.x += indent;
        }
        out.push(Flow::Lines {
            lines,
            keep_with_next: false,
            space_before: 0.0,
        });
    }
}

fn body_align(profile: &Profile, align: DocAlign) -> (Align, f32) {
    match align {
        DocAlign::Body if profile.justify => {
            (Align::Justify, profile.first_line_indent_mm * PT_PER_MM)
        }
        DocAlign::Body => (Align::Left, profile.first_line_indent_mm * PT_PER_MM),
        DocAlign::Center => (Align::Center, 0.0),
        DocAlign::Right => (Align::Right, 0.0),
    }
}

#[allow(clippy::too_many_arguments)]
fn paragraph(
    ctx: &Ctx,
    content: &[Inline],
    style: Style,
    align: Align,
    indent: f32,
    width: f32,
    size: f32,
    missing: &mut Missing,
) -> Vec<Line> {
    let shaped = shape(ctx.fonts, content, style, size, missing);
    let params = Params {
        width,
        first_indent: indent,
        align,
        hyphenate: ctx.profile.hyphenate,
        size,
    };
    break_lines(ctx.fonts, &shaped, &params)
}

/// A row's label in its narrow column. A word wider than the column would be cut without a
/// hyphen («с особыми обр | азовательными»), so then the label is hyphenated by the Russian
/// patterns, whatever the profile says of the body.
fn set_label(
    ctx: &Ctx,
    content: &[Inline],
    width: f32,
    size: f32,
    missing: &mut Missing,
) -> Vec<Line> {
    let shaped = shape(ctx.fonts, content, Style::Regular, size, missing);
    let params = |hyphenate| Params {
        width,
        first_indent: 0.0,
        align: Align::Left,
        hyphenate,
        size,
    };
    // The widest unbreakable run, from the shaped glyphs: words bound by no-break spaces
    // count as one.
    let mut widest: f32 = 0.0;
    let mut word = 0.0;
    for g in &shaped.glyphs {
        if g.ch.is_whitespace() && g.ch != '\u{a0}' {
            word = 0.0;
        } else {
            word += g.adv + g.kern;
            widest = widest.max(word);
        }
    }
    let hyphenate = ctx.profile.hyphenate || widest > width;
    break_lines(ctx.fonts, &shaped, &params(hyphenate))
}

/// Lines of a list; `sink` receives one group per item so pagination can keep items whole
/// where possible. Items hang: the marker sits left, every line of the item starts after it.
#[allow(clippy::too_many_arguments)]
fn list_lines(
    ctx: &Ctx,
    list: &List,
    x: f32,
    width: f32,
    size: f32,
    align: Align,
    depth: usize,
    missing: &mut Missing,
    sink: &mut dyn FnMut(Vec<Line>),
) {
    let markers: Vec<String> = (0..list.items.len())
        .map(|i| match list.kind {
            ListKind::Bullet => if depth == 0 { "•" } else { "–" }.to_string(),
            ListKind::Numbered { start } => format!("{}.", u64::from(start) + i as u64),
        })
        .collect();
    let shaped: Vec<_> = markers
        .iter()
        .map(|m| shape_plain(ctx.fonts, m, Style::Regular, size, missing))
        .collect();
    let marker_w = shaped
        .iter()
        .map(|s| s.glyphs.iter().map(|g| g.adv + g.kern).sum::<f32>())
        .fold(0.0f32, f32::max);
    // Typst's `body-indent: 0.45em` after the widest marker.
    let hang = marker_w + 0.45 * size;
    let inner_w = (width - hang).max(size);
    for (item, marker) in list.items.iter().zip(shaped) {
        let mut lines = Vec::new();
        for block in item {
            match block {
                Block::List(sub) => {
                    list_lines(
                        ctx,
                        sub,
                        x + hang,
                        inner_w,
                        size,
                        align,
                        depth + 1,
                        missing,
                        &mut |ls| lines.extend(ls),
                    );
                }
                other => {
                    let mut ls = Vec::new();
                    cell_block(ctx, other, x + hang, inner_w, size, align, missing, &mut ls);
                    lines.extend(ls);
                }
            }
        }
        let mut marker_line = Line {
            x,
            size,
            ..Line::default()
        };
        let mut mx = 0.0;
        for g in &marker.glyphs {
            marker_line.glyphs.push(super::linebreak::Placed {
                gid: g.gid,
                style: g.style,
                x: mx,
                ch: g.text,
            });
            mx += g.adv + g.kern;
        }
        // The marker shares the first line's baseline: merge it into that line.
        match lines.first_mut() {
            Some(first) => {
                let shift = first.x - x;
                for g in &mut first.glyphs {
                    g.x += shift;
                }
                for l in &mut first.links {
                    l.0 += shift;
                    l.1 += shift;
                }
                first.x = x;
                let mut glyphs = marker_line.glyphs;
                glyphs.append(&mut first.glyphs);
                first.glyphs = glyphs;
            }
            None => lines.push(marker_line),
        }
        sink(lines);
    }
}

/// A block inside a table cell or list item: ragged or justified, never indented.
#[allow(clippy::too_many_arguments)]
fn cell_block(
    ctx: &Ctx,
    block: &Block,
    x: f32,
    width: f32,
    size: f32,
    align: Align,
    missing: &mut Missing,
    out: &mut Vec<Line>,
) {
    let mut shifted = |mut ls: Vec<Line>| {
        for l in &mut ls {
            l.x += x;
        }
        out.extend(ls);
    };
    match block {
        Block::Heading { content, .. } => shifted(paragraph(
            ctx,
            content,
            Style::Bold,
            Align::Left,
            0.0,
            width,
            size,
            missing,
        )),
        Block::Paragraph { content, align: a } => {
            let al = match a {
                DocAlign::Center => Align::Center,
                DocAlign::Right => Align::Right,
                DocAlign::Body => align,
            };
            shifted(paragraph(
                ctx,
                content,
                Style::Regular,
                al,
                0.0,
                width,
                size,
                missing,
            ))
        }
        Block::List(list) => {
            list_lines(ctx, list, x, width, size, align, 0, missing, &mut |ls| {
                out.extend(ls)
            });
        }
        // A table, title page or contents inside a cell has no place in the card model;
        // keep its text readable.
        Block::Table(_) | Block::TitlePage(_) | Block::Contents(_) => {
            let text = Block::plain(std::slice::from_ref(block));
            let content = [Inline::Text(text)];
            shifted(paragraph(
                ctx,
                &content,
                Style::Regular,
                Align::Left,
                0.0,
                width,
                size,
                missing,
            ))
        }
        Block::PageBreak => {}
    }
}

fn table(ctx: &mut Ctx, t: &Table, width: f32) -> TableFlow {
    let p = ctx.profile;
    let size = p.table_font_size_pt;
    let num = p.table_number_col_mm * PT_PER_MM;
    let label = p.table_label_col_mm * PT_PER_MM;
    let cols = [num, label, (width - num - label).max(size * 4.0)];
    let inner = |c: usize| (cols[c] - 2.0 * CELL_INSET_X).max(size);
    let mut missing = Missing::default();
    let header = [0, 1, 2].map(|c| {
        let content = [Inline::Text(t.header[c].clone())];
        paragraph(
            ctx,
            &content,
            Style::Bold,
            Align::Left,
            0.0,
            inner(c),
            size,
            &mut missing,
        )
    });
    ctx.report(&mut missing, None);
    let mut rows = Vec::with_capacity(t.rows.len());
    let mut continued = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let number = row.number.clone().unwrap_or_default();
        let mut num_lines = paragraph(
            ctx,
            &[Inline::Text(number.clone())],
            Style::Regular,
            Align::Left,
            0.0,
            inner(0),
            size,
            &mut missing,
        );
        let label = [Inline::Text(row.label.clone())];
        let label_lines = set_label(ctx, &label, inner(1), size, &mut missing);
        let mut content = Vec::new();
        for b in &row.content {
            cell_block(
                ctx,
                b,
                0.0,
                inner(2),
                size,
                Align::Left,
                &mut missing,
                &mut content,
            );
        }
        let title = if number.is_empty() {
            row.label.clone()
        } else {
            format!("{number} {}", row.label)
        };
        match num_lines.first_mut() {
            Some(first) => first.outline = Some((t.outline_level, title)),
            None => {
                num_lines.push(Line {
                    size,
                    outline: Some((t.outline_level, title)),
                    ..Line::default()
                });
            }
        }
        // The continuation's number has no outline entry (the row has one already).
        let mut cont_num = num_lines.clone();
        cont_num.iter_mut().for_each(|l| l.outline = None);
        let cont_label = set_label(
            ctx,
            &[
                Inline::Text(format!("{} ", row.label)),
                Inline::Emph(vec![Inline::Text(ctx.continued.to_string())]),
            ],
            inner(1),
            size,
            &mut missing,
        );
        ctx.report(&mut missing, row.source);
        rows.push([num_lines, label_lines, content]);
        continued.push([cont_num, cont_label]);
    }
    TableFlow {
        cols,
        size,
        pitch: p.table_line_pitch_pt,
        header,
        rows,
        continued,
        pad: (ctx.fonts.get(Style::Regular).descender_em() - 0.2).max(0.0) * size,
    }
}
