//! A page's content stream: text lines and grid rules as PDF operators.
//!
//! Written straight into bytes (no operator objects in between): for a card this is tens of
//! thousands of glyphs, and formatting them through a generic object model was a third of
//! the run. Text is shown per run of one face: `Tm` at the run's start, then one `TJ` with
//! two-byte glyph ids and offsets only where kerning or justification moves the pen.

use std::collections::BTreeMap;

use super::fonts::{Fonts, Style};
use super::pages::{Page, PAGE_H};

/// Subset glyph ids per face (original id → subset id); `None` for faces not embedded.
pub type Remaps = [Option<BTreeMap<u16, u16>>; 4];

/// Append `v` with at most two decimals and no trailing zeros (`12`, `12.5`, `-0.25`).
pub fn num(out: &mut Vec<u8>, v: f32) {
    let v = if v.is_finite() { v } else { 0.0 };
    let mut c = (f64::from(v) * 100.0).round() as i64;
    if c < 0 {
        out.push(b'-');
        c = -c;
    }
    let (int, frac) = (c / 100, c % 100);
    // Digits by hand: this runs for every offset and position on every page.
    let mut digits = [0u8; 20];
    let mut n = int;
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if frac % 10 != 0 {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
}

/// A glyph id as two bytes of a literal string: half the bytes of hex, so less to deflate.
/// Delimiters and line ends are escaped (a raw CR would be read back as LF).
fn code16(out: &mut Vec<u8>, v: u16) {
    for b in v.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
}

pub fn page(fonts: &Fonts, page: &Page, remaps: &Remaps) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.lines.len() * 160 + page.rules.len() * 40);
    if !page.rules.is_empty() {
        out.extend_from_slice(b"q 0 G 0.5 w\n");
        for r in &page.rules {
            num(&mut out, r[0]);
            out.push(b' ');
            num(&mut out, PAGE_H - r[1]);
            out.extend_from_slice(b" m ");
            num(&mut out, r[2]);
            out.push(b' ');
            num(&mut out, PAGE_H - r[3]);
            out.extend_from_slice(b" l S\n");
        }
        out.extend_from_slice(b"Q\n");
    }
    out.extend_from_slice(b"BT\n");
    let mut current: Option<(Style, u32)> = None;
    for placed in &page.lines {
        let line = &placed.line;
        let size = line.size;
        let x0 = placed.x + line.x;
        let y = PAGE_H - placed.y;
        let mut k = 0;
        while k < line.glyphs.len() {
            let style = line.glyphs[k].style;
            let mut e = k;
            while e < line.glyphs.len() && line.glyphs[e].style == style {
                e += 1;
            }
            let Some(remap) = &remaps[style.index()] else {
                k = e;
                continue;
            };
            let key = (style, size.to_bits());
            if current != Some(key) {
                out.push(b'/');
                out.extend_from_slice(resource_name(style).as_bytes());
                out.push(b' ');
                num(&mut out, size);
                out.extend_from_slice(b" Tf\n");
                current = Some(key);
            }
            out.extend_from_slice(b"1 0 0 1 ");
            num(&mut out, x0 + line.glyphs[k].x);
            out.push(b' ');
            num(&mut out, y);
            out.extend_from_slice(b" Tm [(");
            let font = fonts.get(style);
            for i in k..e {
                let g = &line.glyphs[i];
                code16(&mut out, remap.get(&g.gid).copied().unwrap_or(0));
                if i + 1 < e {
                    // TJ numbers move the pen left by n/1000 em after the glyph's /W width.
                    let want = (line.glyphs[i + 1].x - g.x) * 1000.0 / size;
                    let off = ((font.advance_1000(g.gid) as f32 - want) * 10.0).round() / 10.0;
                    if off != 0.0 {
                        out.extend_from_slice(b") ");
                        num(&mut out, off);
                        out.extend_from_slice(b" (");
                    }
                }
            }
            out.extend_from_slice(b")] TJ\n");
            k = e;
        }
    }
    out.extend_from_slice(b"ET\n");
    out
}

pub fn resource_name(style: Style) -> &'static str {
    ["F1", "F2", "F3", "F4"][style.index()]
}

#[cfg(test)]
mod tests {
    use super::{code16, num};

    #[test]
    fn glyph_codes_escape_delimiters_and_line_ends() {
        let mut o = Vec::new();
        for v in [0x0041, 0x2829, 0x5C0D, 0x0A00] {
            code16(&mut o, v);
        }
        assert_eq!(o, b"\x00A\\(\\)\\\\\\r\\n\x00".to_vec());
    }

    #[test]
    fn numbers_are_short_and_exact() {
        let f = |v: f32| {
            let mut o = Vec::new();
            num(&mut o, v);
            String::from_utf8(o).unwrap_or_default()
        };
        assert_eq!(f(12.0), "12");
        assert_eq!(f(12.5), "12.5");
        assert_eq!(f(-0.25), "-0.25");
        assert_eq!(f(841.89), "841.89");
        assert_eq!(f(0.004), "0");
        assert_eq!(f(f32::NAN), "0");
        assert_eq!(f(1234567.0), "1234567");
        assert_eq!(f(-0.004), "0");
    }
}
