//! Font subsetting: only the glyphs a document draws go into the PDF.
//!
//! allsorts (already compiled as printpdf's dependency, so it costs no build time) cuts the
//! glyph set; we then drop what a PDF viewer never reads from an embedded CID TrueType font:
//! the cmap (text is addressed by glyph id), name, post and the TrueType hinting programs,
//! including each glyph's own instructions, which are about a third of Liberation's `glyf`.

use std::collections::BTreeMap;

/// Subset `font` to `gids` (original ids; `.notdef` is always kept as id 0). Returns the
/// program and the new id of every kept glyph: allsorts numbers the subset in the order of
/// the ids it is given.
pub fn subset(font: &[u8], gids: &[u16]) -> Result<(Vec<u8>, BTreeMap<u16, u16>), String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset as cut, CmapTarget, SubsetProfile};
    use allsorts::tag;

    let mut ids = Vec::with_capacity(gids.len() + 1);
    ids.push(0u16);
    let mut seen = std::collections::BTreeSet::new();
    seen.insert(0u16);
    for &g in gids {
        if seen.insert(g) {
            ids.push(g);
        }
    }
    let data = ReadScope::new(font)
        .read::<FontData<'_>>()
        .map_err(|e| format!("font parse: {e:?}"))?;
    let provider = data
        .table_provider(0)
        .map_err(|e| format!("font tables: {e:?}"))?;
    let profile = SubsetProfile::Custom(vec![tag::HEAD, tag::HHEA, tag::HMTX, tag::MAXP]);
    let bytes = cut(&provider, &ids, &profile, CmapTarget::Unrestricted)
        .map_err(|e| format!("font subset: {e:?}"))?;
    let bytes = strip_instructions(&bytes).unwrap_or(bytes);
    let map = ids
        .iter()
        .enumerate()
        .filter_map(|(new, &old)| u16::try_from(new).ok().map(|n| (old, n)))
        .collect();
    Ok((bytes, map))
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

/// Rewrite `glyf`/`loca` without per-glyph instructions and drop `cvt `, `fpgm`, `prep`.
/// Returns `None` (keep the input) on anything unexpected rather than risk a broken font.
fn strip_instructions(font: &[u8]) -> Option<Vec<u8>> {
    let num_tables = usize::from(be16(font, 4)?);
    let mut tables: BTreeMap<[u8; 4], &[u8]> = BTreeMap::new();
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        tables.insert(tag, font.get(off..off.checked_add(len)?)?);
    }
    let head = *tables.get(b"head")?;
    let maxp = *tables.get(b"maxp")?;
    let glyf = *tables.get(b"glyf")?;
    let loca = *tables.get(b"loca")?;
    let long = be16(head, 50)? == 1;
    let num_glyphs = usize::from(be16(maxp, 4)?);
    let offset = |i: usize| -> Option<usize> {
        if long {
            be32(loca, i * 4).map(|v| v as usize)
        } else {
            be16(loca, i * 2).map(|v| usize::from(v) * 2)
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity((num_glyphs + 1) * 4);
    for i in 0..num_glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let (a, b) = (offset(i)?, offset(i + 1)?);
        let g = glyf.get(a..b)?;
        if g.len() >= 10 && (g[0] as i8) >= 0 {
            // Simple glyph: header, end points, instruction length + instructions, the rest.
            let contours = usize::from(be16(g, 0)?);
            let ilen_at = 10 + 2 * contours;
            let ilen = usize::from(be16(g, ilen_at)?);
            let rest = ilen_at + 2 + ilen;
            new_glyf.extend_from_slice(g.get(..ilen_at)?);
            new_glyf.extend_from_slice(&[0, 0]);
            new_glyf.extend_from_slice(g.get(rest..)?);
        } else {
            // Composite glyphs (ё, й…) keep their few bytes as they are.
            new_glyf.extend_from_slice(g);
        }
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    let mut out_tables: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::new();
    for (tag, data) in &tables {
        match tag {
            b"cvt " | b"fpgm" | b"prep" => {}
            b"glyf" => {
                out_tables.insert(*tag, std::mem::take(&mut new_glyf));
            }
            b"loca" => {
                out_tables.insert(*tag, std::mem::take(&mut new_loca));
            }
            b"head" => {
                out_tables.insert(*tag, std::mem::take(&mut new_head));
            }
            _ => {
                out_tables.insert(*tag, data.to_vec());
            }
        }
    }
    Some(write_sfnt(&out_tables))
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
        assert!(face.tables().cvt.is_none());
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
        assert!(strip_instructions(b"\x00\x01\x00\x00\x00\x09").is_none());
    }
}
