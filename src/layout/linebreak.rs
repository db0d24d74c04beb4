//! Paragraph line breaking: Unicode break opportunities (UAX #14) with the Russian rule that
//! a dash never starts a line, optional Russian hyphenation, emergency breaks inside words
//! wider than the column, and a total-fit choice of breaks (Knuth–Plass demerits over all
//! feasible breakpoints) so no line is left loose just because the previous one was greedy.

use super::fonts::{Fonts, Style};
use super::shape::{Kind, Shaped};

/// How the lines of a paragraph sit in their column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Justify,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Column width in points.
    pub width: f32,
    /// Extra left offset of the first line (the paragraph indent).
    pub first_indent: f32,
    pub align: Align,
    pub hyphenate: bool,
    pub size: f32,
}

/// A glyph placed on a line; `x` is relative to the line's left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub gid: u16,
    pub style: Style,
    pub x: f32,
    pub ch: char,
}

/// One typeset line: glyphs relative to `x`, which is relative to its column's left edge.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub x: f32,
    pub size: f32,
    pub glyphs: Vec<Placed>,
    /// Link spans: start and end x (relative to `x`) and the target URL.
    pub links: Vec<(f32, f32, String)>,
    /// Outline entry that starts at this line (a heading or a table row).
    pub outline: Option<(u8, String)>,
    /// The document anchor that starts here (a heading), so contents can find its page.
    pub anchor: Option<String>,
    /// A contents line: the page numbers of these anchors go at its right edge, once the
    /// pages are known.
    pub page_ref: Option<PageRef>,
}

/// Where a contents line's page numbers go: the anchors, and the right edge (relative to
/// the line's column) they end at.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageRef {
    pub anchors: Vec<String>,
    pub right: f32,
}

impl Line {
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}

#[derive(Debug, Clone, Copy)]
struct Break {
    /// The line before this break ends here (exclusive), trailing spaces excluded.
    end: usize,
    /// The next line starts here.
    next: usize,
    penalty: f32,
    hyphen: bool,
    forced: bool,
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

/// Break a shaped paragraph into lines.
pub fn break_lines(fonts: &Fonts, shaped: &Shaped, p: &Params) -> Vec<Line> {
    let g = &shaped.glyphs;
    let n = g.len();
    if n == 0 {
        return Vec::new();
    }
    let mut breaks = opportunities(shaped);
    if p.hyphenate {
        hyphenation_points(shaped, &mut breaks);
    }
    // Prefix sums make the width and stretch of any candidate line O(1).
    let mut prefix = Vec::with_capacity(n + 1);
    let mut spaces = Vec::with_capacity(n + 1);
    let (mut w, mut s) = (0.0f32, 0u32);
    prefix.push(0.0);
    spaces.push(0);
    for gl in g {
        w += gl.adv + gl.kern;
        if matches!(gl.kind, Kind::Space | Kind::NoBreakSpace) {
            s += 1;
        }
        prefix.push(w);
        spaces.push(s);
    }
    let width_of = |a: usize, b: usize| -> f32 {
        if b <= a {
            0.0
        } else {
            prefix[b] - prefix[a] - g[b - 1].kern
        }
    };
    let min_width = (p.width - p.first_indent.max(0.0)).max(1.0);
    emergency_points(&mut breaks, &width_of, min_width.min(p.width));

    let hyphen_w = |at: usize| -> f32 {
        let style = g
            .get(at.saturating_sub(1))
            .map(|x| x.style)
            .unwrap_or_default();
        let f = fonts.get(style);
        hyphen(f).map(|(h, _)| f.advance(h) * p.size).unwrap_or(0.0)
    };
    let space_w = fonts
        .get(Style::Regular)
        .glyph(' ')
        .map(|h| fonts.get(Style::Regular).advance(h) * p.size)
        .unwrap_or(p.size / 4.0);

    // Node 0 is the paragraph start; nodes 1..=m are the breaks, the last one final.
    let m = breaks.len();
    let start_of = |i: usize| if i == 0 { 0 } else { breaks[i - 1].next };
    let mut cost = vec![f64::INFINITY; m + 1];
    let mut from = vec![0usize; m + 1];
    cost[0] = 0.0;
    for j in 1..=m {
        let bj = breaks[j - 1];
        let last = j == m || bj.forced;
        let mut best = f64::INFINITY;
        let mut best_i = j - 1;
        for i in (0..j).rev() {
            let start = skip_spaces(g, start_of(i), bj.end);
            let avail = if i == 0 {
                p.width - p.first_indent
            } else {
                p.width
            };
            let nat = width_of(start, bj.end) + if bj.hyphen { hyphen_w(bj.end) } else { 0.0 };
            let sp = (spaces[bj.end] - spaces[start]) as f32;
            let shrink = if p.align == Align::Justify {
                sp * space_w * 0.35
            } else {
                0.0
            };
            if nat - shrink > avail + 0.01 {
                break;
            }
            if cost[i].is_finite() {
                let d = demerits(p, avail, nat, sp * space_w, last, &bj);
                if cost[i] + d < best {
                    best = cost[i] + d;
                    best_i = i;
                }
            }
            if i > 0 && breaks[i - 1].forced {
                break;
            }
        }
        if !best.is_finite() {
            // Nothing fits (a glyph wider than the column): take the shortest line so the
            // paragraph still progresses; emergency points make this practically unreachable.
            best = cost[j - 1] + 1e30;
            best_i = j - 1;
        }
        cost[j] = best;
        from[j] = best_i;
    }
    let mut chain = vec![m];
    let mut j = m;
    while j > 0 {
        j = from[j];
        chain.push(j);
    }
    chain.reverse();

    let mut lines = Vec::with_capacity(chain.len());
    for pair in chain.windows(2) {
        let (i, j) = (pair[0], pair[1]);
        let bj = breaks[j - 1];
        let last = j == m || bj.forced;
        let start = skip_spaces(g, start_of(i), bj.end);
        let avail = if i == 0 {
            p.width - p.first_indent
        } else {
            p.width
        };
        let hyph = if bj.hyphen { hyphen_w(bj.end) } else { 0.0 };
        let nat = width_of(start, bj.end) + hyph;
        let sp = spaces[bj.end] - spaces[start];
        // Justified lines stretch their spaces to the edge; a last line only shrinks, if
        // it was chosen slightly over-full.
        let extra = if p.align == Align::Justify && sp > 0 && (!last || nat > avail) {
            (avail - nat) / sp as f32
        } else {
            0.0
        };
        let offset = match p.align {
            Align::Center => ((avail - nat) / 2.0).max(0.0),
            Align::Right => (avail - nat).max(0.0),
            _ => 0.0,
        };
        let mut line = Line {
            x: if i == 0 { p.first_indent } else { 0.0 } + offset,
            size: p.size,
            ..Line::default()
        };
        let mut x = 0.0f32;
        let mut link_open: Option<(f32, usize)> = None;
        for (k, gl) in g.iter().enumerate().take(bj.end).skip(start) {
            if gl.kind == Kind::Newline {
                continue;
            }
            if link_open.map(|l| Some(l.1)) != Some(gl.link) {
                if let Some((x0, id)) = link_open.take() {
                    push_link(&mut line, shaped, x0, x, id);
                }
                if let Some(id) = gl.link {
                    link_open = Some((x, id));
                }
            }
            line.glyphs.push(Placed {
                gid: gl.gid,
                style: gl.style,
                x,
                ch: gl.text,
            });
            x += gl.adv;
            if k + 1 < bj.end {
                x += gl.kern;
            }
            if matches!(gl.kind, Kind::Space | Kind::NoBreakSpace) {
                x += extra;
            }
        }
        if bj.hyphen {
            let style = line.glyphs.last().map(|q| q.style).unwrap_or_default();
            if let Some((h, ch)) = hyphen(fonts.get(style)) {
                line.glyphs.push(Placed {
                    gid: h,
                    style,
                    x,
                    ch,
                });
                x += hyph;
            }
        }
        if let Some((x0, id)) = link_open.take() {
            push_link(&mut line, shaped, x0, x, id);
        }
        lines.push(line);
    }
    lines
}

/// The glyph drawn at a hyphenation break and the text it extracts as. U+2010 has its own
/// glyph in Liberation, so it can extract as a soft hyphen (U+00AD), which copy-and-paste
/// and `pdftotext` drop, rejoining the word — as Typst does; a typed `-` keeps its own glyph.
fn hyphen(font: &super::fonts::Font) -> Option<(u16, char)> {
    let minus = font.glyph('-');
    match font.glyph('\u{2010}') {
        Some(h) if Some(h) != minus => Some((h, '\u{00AD}')),
        _ => minus.map(|h| (h, '-')),
    }
}

fn push_link(line: &mut Line, shaped: &Shaped, x0: f32, x1: f32, id: usize) {
    if let Some(url) = shaped.links.get(id) {
        line.links.push((x0, x1, url.clone()));
    }
}

fn skip_spaces(g: &[super::shape::Glyph], mut start: usize, end: usize) -> usize {
    while start < end && g[start].kind == Kind::Space {
        start += 1;
    }
    start
}

/// Badness grows with looseness far past TeX's "infinitely bad" 10 000, so that when no
/// good break exists (a long word without hyphenation) a fuller loose line still beats a
/// line of one word spread across the column. Squared, it stays below the cost of the
/// no-fit fallback.
const BADNESS_CAP: f64 = 1e12;

fn demerits(p: &Params, avail: f32, nat: f32, stretch_base: f32, last: bool, b: &Break) -> f64 {
    let slack = avail - nat;
    let badness: f64 = if last && slack >= 0.0 {
        0.0
    } else if p.align == Align::Justify {
        let r = if slack >= 0.0 {
            let st = stretch_base * 0.6;
            if st > 0.0 {
                slack / st
            } else if slack < 0.5 {
                0.0
            } else {
                10.0
            }
        } else {
            let sh = stretch_base * 0.35;
            if sh > 0.0 {
                -slack / sh
            } else {
                10.0
            }
        };
        (100.0 * f64::from(r).powi(3)).min(BADNESS_CAP)
    } else {
        // Ragged text: prefer even line ends; three ems of rag is "acceptable".
        let r = f64::from(slack.max(0.0) / (p.size * 3.0));
        (100.0 * r.powi(3)).min(BADNESS_CAP)
    };
    let pen = f64::from(b.penalty);
    (1.0 + badness).powi(2) + pen * pen + if b.hyphen { 3000.0 } else { 0.0 }
}

/// Break opportunities from UAX #14, minus breaks before a dash.
fn opportunities(shaped: &Shaped) -> Vec<Break> {
    let g = &shaped.glyphs;
    let text: String = g.iter().map(|x| x.ch).collect();
    // Byte offset → glyph index (one glyph per char).
    let mut byte_to_idx = vec![0usize; text.len() + 1];
    for (idx, (b, _)) in text.char_indices().enumerate() {
        byte_to_idx[b] = idx;
    }
    byte_to_idx[text.len()] = g.len();
    let mut out = Vec::new();
    for (b, opp) in unicode_linebreak::linebreaks(&text) {
        let p = byte_to_idx.get(b).copied().unwrap_or(g.len());
        let forced = p >= g.len() || opp == unicode_linebreak::BreakOpportunity::Mandatory;
        if !forced {
            // «слово — слово»: the dash stays with the word before it.
            if is_dash(g[p].ch)
                || (g[p].ch == '-' && g.get(p + 1).is_none_or(|n| n.kind == Kind::Space))
            {
                continue;
            }
            // «№ 273-ФЗ», «Р-145», «3273-р»: a number and its suffix are one token.
            let digit = |i: usize| g.get(i).is_some_and(|x| x.ch.is_ascii_digit());
            if p >= 2 && g[p - 1].ch == '-' && (digit(p - 2) || digit(p)) {
                continue;
            }
        }
        let mut end = p;
        while end > 0 && matches!(g[end - 1].kind, Kind::Space | Kind::Newline) {
            end -= 1;
        }
        out.push(Break {
            end,
            next: p,
            penalty: 0.0,
            hyphen: false,
            forced,
        });
    }
    if out.last().is_none_or(|b| b.next < g.len()) {
        out.push(Break {
            end: g.len(),
            next: g.len(),
            penalty: 0.0,
            hyphen: false,
            forced: true,
        });
    }
    out
}

/// Russian hyphenation points inside words (hypher's TeX patterns, min 2+2 letters).
fn hyphenation_points(shaped: &Shaped, breaks: &mut Vec<Break>) {
    let g = &shaped.glyphs;
    let mut extra = Vec::new();
    let mut i = 0;
    while i < g.len() {
        if !g[i].ch.is_alphabetic() {
            i += 1;
            continue;
        }
        let a = i;
        while i < g.len() && g[i].ch.is_alphabetic() {
            i += 1;
        }
        if i - a < 5 {
            continue;
        }
        let word: String = g[a..i]
            .iter()
            .map(|x| x.ch.to_lowercase().next().unwrap_or(x.ch))
            .collect();
        let mut pos = a;
        for syl in hypher::hyphenate(&word, hypher::Lang::Russian) {
            pos += syl.chars().count();
            if pos < i {
                extra.push(Break {
                    end: pos,
                    next: pos,
                    penalty: 50.0,
                    hyphen: true,
                    forced: false,
                });
            }
        }
    }
    merge(breaks, extra);
}

/// A word wider than the narrowest line gets a break point between every two characters,
/// at a high penalty, so it is broken rather than drawn past the margin.
fn emergency_points(
    breaks: &mut Vec<Break>,
    width_of: &dyn Fn(usize, usize) -> f32,
    min_width: f32,
) {
    let mut extra = Vec::new();
    let mut start = 0;
    for b in breaks.iter() {
        if width_of(start, b.end) > min_width {
            for k in start + 1..b.end {
                extra.push(Break {
                    end: k,
                    next: k,
                    penalty: 1000.0,
                    hyphen: false,
                    forced: false,
                });
            }
        }
        start = b.next;
    }
    merge(breaks, extra);
}

fn merge(breaks: &mut Vec<Break>, extra: Vec<Break>) {
    if extra.is_empty() {
        return;
    }
    breaks.extend(extra);
    breaks.sort_by(|a, b| a.next.cmp(&b.next).then(a.end.cmp(&b.end)));
    breaks.dedup_by(|b, a| a.next == b.next && a.end == b.end);
}

#[cfg(test)]
mod tests {
    use super::super::fonts::Fonts;
    use super::super::shape::{shape, Missing};
    use super::*;
    use crate::document::Inline;

    fn lines(text: &str, width: f32, align: Align, hyphenate: bool) -> Vec<String> {
        let fonts = Fonts::bundled();
        let f = &fonts;
        let mut missing = Missing::default();
        let s = shape(
            f,
            &[Inline::Text(text.into())],
            Style::Regular,
            14.0,
            &mut missing,
        );
        let p = Params {
            width,
            first_indent: 0.0,
            align,
            hyphenate,
            size: 14.0,
        };
        break_lines(f, &s, &p).iter().map(|l| l.text()).collect()
    }

    #[test]
    fn dash_never_starts_a_line() {
        let text = "слово — слово ".repeat(40);
        for w in [100.0, 150.0, 200.0, 333.0, 451.0] {
            for l in lines(&text, w, Align::Justify, false) {
                assert!(
                    !l.starts_with('—'),
                    "line starts with a dash at width {w}: {l}"
                );
            }
        }
    }

    #[test]
    fn a_numbered_act_keeps_its_suffix() {
        // UAX #14 allows a break after the hyphen of «273-ФЗ»; the typesetter must not.
        let text = "закон от 29.12.2012 № 273-ФЗ и распоряжение № Р-145 от 25.12.2019 ".repeat(12);
        for w in (60..460).step_by(7).map(|w| w as f32) {
            for l in lines(&text, w, Align::Justify, false) {
                let l = l.trim_end();
                assert!(
                    !l.ends_with("273-") && !l.ends_with("Р-"),
                    "number split at width {w}: {l}"
                );
            }
        }
    }

    #[test]
    fn long_word_is_broken_and_nothing_is_lost() {
        let word = "ж".repeat(2000);
        let ls = lines(&word, 200.0, Align::Justify, false);
        assert!(ls.len() > 10);
        assert_eq!(ls.concat(), word);
    }

    #[test]
    fn words_stay_in_order_and_complete() {
        let text = "Тема наставничества сегодня наполнена совершенно новым смыслом. ".repeat(10);
        let ls = lines(&text, 300.0, Align::Justify, false);
        assert_eq!(ls.join(" "), text.trim_end());
    }

    #[test]
    fn hyphenation_adds_hyphens_only_when_asked() {
        let text =
            "Взаимообогащающее неотъемлемой профессиональных самосовершенствования ".repeat(6);
        let off = lines(&text, 180.0, Align::Justify, false);
        assert!(off
            .iter()
            .all(|l| !l.ends_with('\u{00AD}') && !l.ends_with('-')));
        let on = lines(&text, 180.0, Align::Justify, true);
        // Break hyphens extract as soft hyphens (see `hyphen`).
        assert!(on.iter().any(|l| l.ends_with('\u{00AD}')), "{on:?}");
        let rejoined: String = on
            .iter()
            .map(|l| {
                l.strip_suffix('\u{00AD}')
                    .map(str::to_string)
                    .unwrap_or(format!("{l} "))
            })
            .collect();
        assert_eq!(rejoined.trim_end(), text.trim_end());
    }

    #[test]
    fn lines_fit_their_width() {
        let fonts = Fonts::bundled();
        let f = &fonts;
        let mut missing = Missing::default();
        let text =
            "Реверсивное наставничество предполагает взаимодействие между двумя сотрудниками. "
                .repeat(8);
        let s = shape(f, &[Inline::Text(text)], Style::Regular, 14.0, &mut missing);
        let p = Params {
            width: 250.0,
            first_indent: 35.0,
            align: Align::Justify,
            hyphenate: false,
            size: 14.0,
        };
        let ls = break_lines(f, &s, &p);
        assert!((ls[0].x - 35.0).abs() < 1e-3);
        for l in &ls {
            let last = l.glyphs.last().expect("glyphs");
            let right = l.x + last.x + f.get(last.style).advance(last.gid) * 14.0;
            assert!(right <= 250.0 + 0.05, "overfull line: {right}");
        }
    }
}
