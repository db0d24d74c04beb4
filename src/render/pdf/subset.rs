//! Font subsetting: only the glyphs a document draws go into the PDF.
//!
//! Our own TrueType subsetter, because the work must be proportional to the glyphs used,
//! not to the font: allsorts (printpdf's) parses the whole `glyf` table first, which was a
//! tenth of the run. We copy the used outlines (and the components of composite glyphs),
//! renumber them densely, and keep only what a PDF viewer reads from an embedded CID
//! TrueType font: `glyf`, `loca`, `head`, `hhea`, `hmtx`, `maxp`. No cmap (text is addressed
//! by glyph id), no name/post, and no hinting — each glyph's instructions and the `fpgm`,
//! `prep`, `cvt ` programs are about a third of Liberation's outlines.

use std::collections::BTreeMap;

/// Subset `font` to `gids` (original ids; `.notdef` is always kept as id 0). Returns the
/// program and the new id of every kept glyph, in the order given (components of composite
/// glyphs follow).
pub fn subset(font: &[u8], gids: &[u16]) -> Result<(Vec<u8>, BTreeMap<u16, u16>), String> {
    build(font, gids).ok_or_else(|| "the embedded font cannot be subset".to_string())
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

fn tables(font: &[u8]) -> Option<BTreeMap<[u8; 4], &[u8]>> {
    let num_tables = usize::from(be16(font, 4)?);
    let mut tables = BTreeMap::new();
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        tables.insert(tag, font.get(off..off.checked_add(len)?)?);
    }
    Some(tables)
}

// Composite glyph component flags (OpenType `glyf`).
const ARG_WORDS: u16 = 0x0001;
const HAVE_SCALE: u16 = 0x0008;
const MORE: u16 = 0x0020;
const XY_SCALE: u16 = 0x0040;
const TWO_BY_TWO: u16 = 0x0080;
const INSTRUCTIONS: u16 = 0x0100;

/// Walk a composite glyph's components: yields (offset of the glyph index, flags offset).
fn components(g: &[u8]) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let mut at = 10;
    loop {
        let flags = be16(g, at)?;
        out.push((at + 2, at));
        at += 4 + if flags & ARG_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAVE_SCALE != 0 {
            2
        } else if flags & XY_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if at > g.len() {
            return None;
        }
        if flags & MORE == 0 {
            return Some(out);
        }
    }
}

fn build(font: &[u8], gids: &[u16]) -> Option<(Vec<u8>, BTreeMap<u16, u16>)> {
    let t = tables(font)?;
    let (head, hhea, hmtx, maxp) = (
        *t.get(b"head")?,
        *t.get(b"hhea")?,
        *t.get(b"hmtx")?,
        *t.get(b"maxp")?,
    );
    let (glyf, loca) = (*t.get(b"glyf")?, *t.get(b"loca")?);
    let long = be16(head, 50)? == 1;
    let num_glyphs = be16(maxp, 4)?;
    let num_metrics = usize::from(be16(hhea, 34)?.max(1));
    let outline = |gid: u16| -> Option<&[u8]> {
        let i = usize::from(gid);
        let (a, b) = if long {
            (be32(loca, i * 4)? as usize, be32(loca, i * 4 + 4)? as usize)
        } else {
            (
                usize::from(be16(loca, i * 2)?) * 2,
                usize::from(be16(loca, i * 2 + 2)?) * 2,
            )
        };
        glyf.get(a..b)
    };

    // New numbering: .notdef, the requested glyphs, then components as they turn up.
    let mut ids: Vec<u16> = vec![0];
    let mut map: BTreeMap<u16, u16> = BTreeMap::new();
    map.insert(0, 0);
    for &g in gids {
        if g < num_glyphs && !map.contains_key(&g) {
            map.insert(g, ids.len() as u16);
            ids.push(g);
        }
    }
    let mut i = 0;
    while i < ids.len() {
        let g = outline(ids[i])?;
        if g.len() >= 10 && be16(g, 0)? & 0x8000 != 0 {
            for (idx_at, _) in components(g)? {
                let c = be16(g, idx_at)?;
                if c < num_glyphs && !map.contains_key(&c) {
                    map.insert(c, ids.len() as u16);
                    ids.push(c);
                }
            }
        }
        i += 1;
    }

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((ids.len() + 1) * 4);
    let mut new_hmtx = Vec::with_capacity(ids.len() * 4);
    for &old in &ids {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let g = outline(old)?;
        if g.len() >= 10 {
            let contours = be16(g, 0)?;
            if contours & 0x8000 == 0 {
                // Simple glyph: header, end points, instruction length + code, the rest.
                let ilen_at = 10 + 2 * usize::from(contours);
                let rest = ilen_at + 2 + usize::from(be16(g, ilen_at)?);
                new_glyf.extend_from_slice(g.get(..ilen_at)?);
                new_glyf.extend_from_slice(&[0, 0]);
                new_glyf.extend_from_slice(g.get(rest..)?);
            } else {
                let comps = components(g)?;
                let end = comps
                    .last()
                    .map(|&(_, f)| {
                        let flags = be16(g, f).unwrap_or(0);
                        let mut at = f + 4 + if flags & ARG_WORDS != 0 { 4 } else { 2 };
                        at += if flags & HAVE_SCALE != 0 {
                            2
                        } else if flags & XY_SCALE != 0 {
                            4
                        } else if flags & TWO_BY_TWO != 0 {
                            8
                        } else {
                            0
                        };
                        at
                    })
                    .unwrap_or(g.len());
                let mut c = g.get(..end)?.to_vec();
                for (idx_at, flags_at) in comps {
                    let new = map.get(&be16(g, idx_at)?).copied().unwrap_or(0);
                    c.get_mut(idx_at..idx_at + 2)?
                        .copy_from_slice(&new.to_be_bytes());
                    let flags = be16(&c, flags_at)? & !INSTRUCTIONS;
                    c.get_mut(flags_at..flags_at + 2)?
                        .copy_from_slice(&flags.to_be_bytes());
                }
                new_glyf.extend_from_slice(&c);
            }
        }
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
        // Every glyph gets a full metric, so numberOfHMetrics = numGlyphs.
        let o = usize::from(old);
        let adv = be16(hmtx, 4 * o.min(num_metrics - 1))?;
        let lsb = if o < num_metrics {
            be16(hmtx, 4 * o + 2)?
        } else {
            be16(hmtx, 4 * num_metrics + 2 * (o - num_metrics))?
        };
        new_hmtx.extend_from_slice(&adv.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let n = u16::try_from(ids.len()).ok()?;

    let mut new_head = head.to_vec();
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    let mut new_hhea = hhea.to_vec();
    new_hhea.get_mut(34..36)?.copy_from_slice(&n.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp.get_mut(4..6)?.copy_from_slice(&n.to_be_bytes());

    let mut out: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::new();
    out.insert(*b"glyf", new_glyf);
    out.insert(*b"head", new_head);
    out.insert(*b"hhea", new_hhea);
    out.insert(*b"hmtx", new_hmtx);
    out.insert(*b"loca", new_loca);
    out.insert(*b"maxp", new_maxp);
    Some((write_sfnt(&out), map))
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// Assemble an sfnt: table directory in tag order, 4-byte aligned tables, checksums and
/// `head.checkSumAdjustment` as the spec asks.
fn write_sfnt(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let n = tables.len() as u16;
    let mut pow = 1u16;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&(pow * 16).to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&(n * 16 - pow * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for data in tables.values() {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(h) = head_at {
        let adj = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        if let Some(slot) = out.get_mut(h + 8..h + 12) {
            slot.copy_from_slice(&adj.to_be_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf");

    #[test]
    fn stripped_subset_keeps_outlines_and_metrics() {
        let full = ttf_parser::Face::parse(REGULAR, 0).expect("face");
        let text = "Привет, мир! Ёжик й";
        let gids: Vec<u16> = text
            .chars()
            .filter_map(|c| full.glyph_index(c).map(|g| g.0))
            .collect();
        let (bytes, map) = subset(REGULAR, &gids).expect("subset");
        let face = ttf_parser::Face::parse(&bytes, 0).expect("subset parses");
        assert!(face
            .raw_face()
            .table(ttf_parser::Tag::from_bytes(b"fpgm"))
            .is_none());
        // ё and й are composites in Liberation: their components came along.
        let unique: std::collections::BTreeSet<u16> = gids.iter().copied().collect();
        assert!(face.number_of_glyphs() as usize > unique.len() + 1);
        for &old in &gids {
            let new = map[&old];
            assert_eq!(
                face.glyph_hor_advance(ttf_parser::GlyphId(new)),
                full.glyph_hor_advance(ttf_parser::GlyphId(old))
            );
            let bb_old = full.glyph_bounding_box(ttf_parser::GlyphId(old));
            let bb_new = face.glyph_bounding_box(ttf_parser::GlyphId(new));
            assert_eq!(bb_old, bb_new, "outline of glyph {old} changed");
        }
        assert!(bytes.len() < 12_000, "subset is {} bytes", bytes.len());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(subset(b"not a font at all", &[1, 2, 3]).is_err());
        assert!(subset(b"\x00\x01\x00\x00\x00\x09", &[1]).is_err());
    }
}
