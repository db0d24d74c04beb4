//! Inline content → a run of positioned glyphs with their text, style and link.
//!
//! There are no ligatures or complex scripts in Russian body text, so shaping is a cmap
//! lookup plus GPOS pair kerning; this keeps the hot path free of a full shaper.

use super::fonts::{Fonts, Style};
use crate::document::Inline;
use crate::warning::{allowed_char, safe_link_target};

/// How a character takes part in line breaking and justification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An ordinary inter-word space: a break may follow; stretches when justified.
    Space,
    /// A no-break space: stretches when justified, never breaks.
    NoBreakSpace,
    /// A forced line break (`\n` in the source); not drawn.
    Newline,
    Other,
}

#[derive(Debug, Clone)]
pub struct Glyph {
    /// The source character, which decides line breaking.
    pub ch: char,
    /// The character the glyph stands for in extracted text (a substitute for a missing one).
    pub text: char,
    pub gid: u16,
    pub style: Style,
    /// Advance at the run's font size, in points, without kerning.
    pub adv: f32,
    /// Kerning with the following glyph of the same run, in points.
    pub kern: f32,
    pub kind: Kind,
    pub link: Option<usize>,
}

/// A shaped paragraph: glyphs plus the link targets they refer to.
#[derive(Debug, Default)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    pub links: Vec<String>,
}

/// Characters no embedded face has (drawn as a substitute), and links the shared policy
/// refuses (drawn as text); each is reported once.
#[derive(Debug, Default)]
pub struct Missing {
    pub chars: Vec<char>,
    pub refused_links: Vec<String>,
}

/// The glyph drawn for a missing character: a white square, visibly "something was here".
pub const SUBSTITUTE: char = '\u{25A1}';

struct Piece<'a> {
    text: &'a str,
    style: Style,
    link: Option<usize>,
}

fn flatten<'a>(
    inlines: &'a [Inline],
    style: Style,
    link: Option<usize>,
    links: &mut Vec<String>,
    refused: &mut Vec<String>,
    out: &mut Vec<Piece<'a>>,
) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push(Piece {
                text: t,
                style,
                link,
            }),
            // The typesetter stretches a no-break space like any other, so every tie holds.
            Inline::WeakTie => out.push(Piece {
                text: "\u{a0}",
                style,
                link,
            }),
            Inline::Strong(c) => flatten(c, style.bold(), link, links, refused, out),
            Inline::Emph(c) => flatten(c, style.italic(), link, links, refused, out),
            Inline::Link { url, content } => match safe_link_target(url) {
                Some(target) => {
                    links.push(target);
                    let id = links.len() - 1;
                    flatten(content, style, Some(id), links, refused, out);
                }
                None => {
                    if !refused.contains(url) {
                        refused.push(url.clone());
                    }
                    flatten(content, style, link, links, refused, out);
                }
            },
        }
    }
}

/// Shape inline content at `size` points in the base `style`.
pub fn shape(
    fonts: &Fonts,
    inlines: &[Inline],
    style: Style,
    size: f32,
    missing: &mut Missing,
) -> Shaped {
    let mut shaped = Shaped::default();
    let mut pieces = Vec::new();
    let refused = &mut missing.refused_links;
    flatten(
        inlines,
        style,
        None,
        &mut shaped.links,
        refused,
        &mut pieces,
    );
    for piece in pieces {
        push_text(
            fonts,
            piece.text,
            piece.style,
            piece.link,
            size,
            missing,
            &mut shaped.glyphs,
        );
    }
    apply_kerning(fonts, &mut shaped.glyphs, size);
    shaped
}

/// Shape a plain string (labels, numbers, markers, page numbers).
pub fn shape_plain(
    fonts: &Fonts,
    text: &str,
    style: Style,
    size: f32,
    missing: &mut Missing,
) -> Shaped {
    let mut shaped = Shaped::default();
    push_text(fonts, text, style, None, size, missing, &mut shaped.glyphs);
    apply_kerning(fonts, &mut shaped.glyphs, size);
    shaped
}

fn push_text(
    fonts: &Fonts,
    text: &str,
    style: Style,
    link: Option<usize>,
    size: f32,
    missing: &mut Missing,
    out: &mut Vec<Glyph>,
) {
    let font = fonts.get(style);
    for ch in text.chars() {
        let kind = match ch {
            '\n' | '\u{2028}' | '\u{2029}' => Kind::Newline,
            ' ' | '\t' => Kind::Space,
            '\u{00A0}' => Kind::NoBreakSpace,
            _ => Kind::Other,
        };
        if kind == Kind::Newline {
            out.push(Glyph {
                ch,
                text: ch,
                gid: 0,
                style,
                adv: 0.0,
                kern: 0.0,
                kind,
                link,
            });
            continue;
        }
        // Soft hyphens and zero-width characters carry no ink; dropping them keeps them
        // from showing as substitutes. Controls are dropped as every format drops them.
        if matches!(
            ch,
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{FE0F}'
        ) || !allowed_char(ch)
        {
            continue;
        }
        // Tabs and no-break spaces are drawn with the space glyph (same width in
        // Liberation), so every char maps to one glyph in the PDF's text strings.
        let lookup = if matches!(ch, '\t' | '\u{00A0}') {
            ' '
        } else {
            ch
        };
        let (gid, text) = match font.glyph(lookup) {
            // A no-break space extracts as a plain space: readers search and copy words.
            Some(g) => (g, lookup),
            None => {
                if !missing.chars.contains(&ch) {
                    missing.chars.push(ch);
                }
                (font.glyph(SUBSTITUTE).unwrap_or(0), SUBSTITUTE)
            }
        };
        out.push(Glyph {
            ch,
            text,
            gid,
            style,
            // Advances are rounded to the PDF width table's 1/1000 em so the content
            // stream needs explicit offsets only for kerning and justification.
            adv: font.advance_1000(gid) as f32 / 1000.0 * size,
            kern: 0.0,
            kind,
            link,
        });
    }
}

fn apply_kerning(fonts: &Fonts, glyphs: &mut [Glyph], size: f32) {
    for i in 1..glyphs.len() {
        let (a, b) = (&glyphs[i - 1], &glyphs[i]);
        if a.style == b.style && a.kind == Kind::Other && b.kind == Kind::Other {
            let k = fonts.get(a.style).kern(a.gid, b.gid) * size;
            glyphs[i - 1].kern = k;
        }
    }
}
