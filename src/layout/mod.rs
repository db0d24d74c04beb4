//! Layout, a stage of its own: our typesetter turns the format-neutral [`Document`] into
//! lines and pages, which the PDF writer (`render::pdf`) only writes. The driver can count
//! pages for a contest limit and write the same pages without laying them out twice. One
//! concern per module:
//!
//! - `typeface`: the profile's family chosen from the font book, faces loaded;
//! - `fonts`: the faces, parsed once: metrics, GPOS kerning;
//! - `shape`: inline runs → glyphs (missing characters substituted and reported);
//! - `linebreak`: Unicode line breaking, dash binding, hyphenation, total-fit breaks;
//! - `flow`: blocks (paragraphs, lists, the criteria table) → measured line groups;
//! - `pages`: line groups and table rows → A4 pages, headers repeated, rows split.

mod flow;
pub mod fonts;
pub(crate) mod linebreak;
pub(crate) mod pages;
mod shape;
pub mod typeface;

use std::collections::BTreeMap;

use crate::document::{Block, Document};
use crate::profile::{PageNumbers, Profile};
use crate::warning::Warning;

pub use fonts::Fonts;

/// A document laid out on pages, ready to be written.
pub struct Paged {
    pub(crate) pages: Vec<pages::Page>,
    pub warnings: Vec<Warning>,
    /// The printed page number of every anchor (a heading), for contents and indexes.
    pub anchor_pages: BTreeMap<String, usize>,
}

impl Paged {
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Whether any glyph on the pages is set in `style`: a family's missing face matters
    /// only when the document asks for it.
    pub fn uses(&self, style: crate::fonts::Style) -> bool {
        self.pages
            .iter()
            .flat_map(|p| &p.lines)
            .any(|l| l.line.glyphs.iter().any(|g| g.style == style))
    }
}

/// Lines and pages for a document in the given fonts.
pub fn layout(doc: &Document, profile: &Profile, fonts: &Fonts) -> Paged {
    layout_jobs(doc, profile, fonts, 1)
}

/// [`layout`] with the line breaking of the document's pages (a сборник's practices, each
/// from a new page) spread over up to `jobs` threads; pagination then runs in order, so the
/// pages are the same for any number of threads.
pub fn layout_jobs(doc: &Document, profile: &Profile, fonts: &Fonts, jobs: usize) -> Paged {
    let profile = &sane(profile);
    let geometry = pages::Geometry::new(profile);
    let mut chunks: Vec<&[Block]> = Vec::new();
    let mut start = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        if matches!(b, Block::PageBreak) && i > start {
            chunks.push(&doc.blocks[start..i]);
            start = i;
        }
    }
    chunks.push(&doc.blocks[start..]);
    let flowed = crate::parallel::map(&chunks, jobs, |blocks| {
        let mut ctx = flow::Ctx {
            fonts,
            profile,
            warnings: Vec::new(),
            continued: &doc.meta.continued,
        };
        let flow = flow::body(&mut ctx, blocks, geometry.width());
        (flow, ctx.warnings)
    });
    let mut flow = Vec::new();
    let mut warnings = Vec::new();
    for (f, w) in flowed {
        flow.extend(f);
        warnings.extend(w);
    }
    let mut pages = pages::paginate(&flow, &geometry, profile);
    // alike titles in the outline get their authors
    for placed in pages.iter_mut().flat_map(|p| p.lines.iter_mut()) {
        let line = &mut placed.line;
        let detail = line
            .anchor
            .as_ref()
            .and_then(|a| doc.meta.outline_details.get(a));
        if let (Some(detail), Some((_, title))) = (detail, line.outline.as_mut()) {
            title.push_str(" — ");
            title.push_str(detail);
        }
    }
    let mut anchor_pages = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        for anchor in page.lines.iter().filter_map(|p| p.line.anchor.as_ref()) {
            anchor_pages.entry(anchor.clone()).or_insert(i + 1);
        }
    }
    fill_page_refs(&mut pages, &anchor_pages, fonts);
    number_pages(&mut pages, &geometry, profile, fonts, doc.meta.title_page);
    Paged {
        pages,
        warnings,
        anchor_pages,
    }
}

/// Contents lines get their page numbers now that the pages are known: right-aligned at
/// the line's reserved edge, with a leader of dots from the text to them.
fn fill_page_refs(
    pages: &mut [pages::Page],
    anchor_pages: &BTreeMap<String, usize>,
    fonts: &Fonts,
) {
    for page in pages {
        for placed in &mut page.lines {
            let Some(r) = placed.line.page_ref.take() else {
                continue;
            };
            let mut numbers: Vec<usize> = r
                .anchors
                .iter()
                .filter_map(|a| anchor_pages.get(a).copied())
                .collect();
            numbers.dedup();
            let text = numbers
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let line = &mut placed.line;
            let size = line.size;
            let mut missing = shape::Missing::default();
            let style = fonts::Style::Regular;
            let shaped = shape::shape_plain(fonts, &text, style, size, &mut missing);
            let width: f32 = shaped.glyphs.iter().map(|g| g.adv + g.kern).sum();
            let end = line
                .glyphs
                .last()
                .map_or(0.0, |g| g.x + fonts.get(g.style).advance(g.gid) * size);
            let start = r.right - line.x - width;
            // Dots on a grid from the column's left, so leaders line up line under line.
            let dot = shape::shape_plain(fonts, ".", style, size, &mut missing);
            if let Some(d) = dot.glyphs.first() {
                let pitch = size * 0.5;
                let mut x = ((end + size * 0.4 + line.x) / pitch).ceil() * pitch - line.x;
                while x + d.adv + size * 0.3 <= start {
                    line.glyphs.push(linebreak::Placed {
                        gid: d.gid,
                        style,
                        x,
                        ch: '.',
                    });
                    x += pitch;
                }
            }
            let mut x = start;
            for g in &shaped.glyphs {
                line.glyphs.push(linebreak::Placed {
                    gid: g.gid,
                    style,
                    x,
                    ch: g.text,
                });
                x += g.adv + g.kern;
            }
        }
    }
}

/// A profile file can say anything; clamp what layout divides by or positions with, so a
/// zero or negative size gives an odd-looking file instead of a panic or an endless loop.
fn sane(p: &Profile) -> Profile {
    let size = |v: f32| {
        if v.is_finite() {
            v.clamp(1.0, 500.0)
        } else {
            14.0
        }
    };
    let len = |v: f32| {
        if v.is_finite() {
            v.clamp(0.0, 100.0)
        } else {
            0.0
        }
    };
    let mut q = p.clone();
    q.font_size_pt = size(p.font_size_pt);
    q.table_font_size_pt = size(p.table_font_size_pt);
    q.line_pitch_pt = size(p.line_pitch_pt);
    q.table_line_pitch_pt = size(p.table_line_pitch_pt);
    q.margin_left_mm = len(p.margin_left_mm);
    q.margin_right_mm = len(p.margin_right_mm);
    q.margin_top_mm = len(p.margin_top_mm);
    q.margin_bottom_mm = len(p.margin_bottom_mm);
    q.first_line_indent_mm = len(p.first_line_indent_mm);
    q.table_number_col_mm = len(p.table_number_col_mm);
    q.table_label_col_mm = len(p.table_label_col_mm);
    q
}

/// Arabic page numbers without a dot, centred in the bottom margin's height; the first page
/// is counted either way and carries its number only if the profile asks.
fn number_pages(
    pages: &mut [pages::Page],
    g: &pages::Geometry,
    profile: &Profile,
    fonts: &Fonts,
    title_page: bool,
) {
    if profile.page_numbers == PageNumbers::None {
        return;
    }
    let size = profile.font_size_pt;
    for (i, page) in pages.iter_mut().enumerate() {
        if i == 0 && (title_page || !profile.number_first_page) {
            continue;
        }
        let mut missing = shape::Missing::default();
        let shaped = shape::shape_plain(
            fonts,
            &(i + 1).to_string(),
            fonts::Style::Regular,
            size,
            &mut missing,
        );
        let mut line = linebreak::Line {
            size,
            ..Default::default()
        };
        let mut x = 0.0;
        for gl in &shaped.glyphs {
            line.glyphs.push(linebreak::Placed {
                gid: gl.gid,
                style: gl.style,
                x,
                ch: gl.text,
            });
            x += gl.adv + gl.kern;
        }
        let left = match profile.page_numbers {
            PageNumbers::BottomCenter => g.left + (g.width() - x) / 2.0,
            _ => g.left + g.width() - x,
        };
        page.lines.push(pages::Placed {
            x: left,
            y: pages::PAGE_H - g.bottom / 2.0 + 0.3 * size,
            line,
        });
    }
}
