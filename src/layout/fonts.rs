//! The four faces a PDF uses, parsed for layout: metrics, kerning and subsetting.
//!
//! The bytes come from the driver (which got them through the world's font book); each face
//! is parsed once per document set, and the kerning lookup list is collected once too.

use std::sync::Mutex;

use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::{Face, GlyphId, Tag};

use crate::fonts::FontBytes;
pub use crate::fonts::Style;

self_cell::self_cell!(
    /// Font bytes with the face parsed from them, kept together so the parse is done once.
    struct FaceCell {
        owner: FontBytes,
        #[covariant]
        dependent: Face,
    }
);

/// One parsed face plus what layout asks of it many times per page.
pub struct Font {
    cell: FaceCell,
    /// The PostScript name, for `/BaseFont`, so viewers show which face is inside.
    postscript_name: String,
    /// The face's index in its file (collections hold several).
    index: u32,
    /// Points per font unit at 1 pt: `1 / unitsPerEm`.
    scale: f32,
    /// GPOS lookups behind the `kern` feature, in lookup-list order. Liberation keeps its
    /// Cyrillic pairs only in GPOS (the legacy `kern` table covers Latin), so GPOS it is.
    kern_lookups: Vec<u16>,
    /// (left << 16 | right, kerning); the key `u32::MAX` marks an empty slot (no font
    /// has glyph 0xFFFF on both sides).
    kern_cache: Mutex<Vec<(u32, f32)>>,
    glyph_cache: Mutex<Vec<u32>>,
}

const KERN_CACHE_BITS: u32 = 12;
const GLYPH_CACHE: usize = 0x2100;

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Font({})", self.postscript_name)
    }
}

impl Font {
    /// Parses face `index` of a font file; `None` if it is not a font ttf-parser can read.
    pub fn parse(bytes: FontBytes, index: u32, postscript_name: &str) -> Option<Font> {
        let cell = FaceCell::try_new(bytes, |b| Face::parse(b.as_ref(), index)).ok()?;
        let face = cell.borrow_dependent();
        let scale = 1.0 / f32::from(face.units_per_em().max(1));
        let mut kern_lookups = Vec::new();
        if let Some(gpos) = face.tables().gpos {
            let kern = Tag::from_bytes(b"kern");
            for feature in gpos.features {
                if feature.tag == kern {
                    for idx in feature.lookup_indices {
                        if !kern_lookups.contains(&idx) {
                            kern_lookups.push(idx);
                        }
                    }
                }
            }
            kern_lookups.sort_unstable();
        }
        Some(Font {
            cell,
            postscript_name: postscript_name.to_string(),
            index,
            scale,
            kern_lookups,
            kern_cache: Mutex::new(vec![(u32::MAX, 0.0); 1 << KERN_CACHE_BITS]),
            glyph_cache: Mutex::new(vec![0; GLYPH_CACHE]),
        })
    }

    fn face(&self) -> &Face<'_> {
        self.cell.borrow_dependent()
    }

    pub fn postscript_name(&self) -> &str {
        &self.postscript_name
    }

    /// The whole font file, for the subsetter.
    pub fn bytes(&self) -> &[u8] {
        self.cell.borrow_owner().as_ref()
    }

    pub fn index(&self) -> u32 {
        self.index
    }

    /// The glyph for a character. Characters below U+2100 (Latin, Cyrillic, punctuation)
    /// are memoised: a cmap format-4 search per character was a sixth of layout.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as usize;
        if cp >= GLYPH_CACHE {
            return self.face().glyph_index(c).map(|g| g.0);
        }
        if let Ok(mut cache) = self.glyph_cache.lock() {
            // 0: not looked up yet; 1: the font lacks it; g + 2: glyph g.
            let v = cache.get(cp).copied().unwrap_or(0);
            if v != 0 {
                return (v >= 2).then(|| (v - 2) as u16);
            }
            let g = self.face().glyph_index(c).map(|g| g.0);
            if let Some(slot) = cache.get_mut(cp) {
                *slot = g.map_or(1, |g| u32::from(g) + 2);
            }
            return g;
        }
        self.face().glyph_index(c).map(|g| g.0)
    }

    /// Advance width of a glyph at 1 pt, in points.
    pub fn advance(&self, gid: u16) -> f32 {
        f32::from(self.face().glyph_hor_advance(GlyphId(gid)).unwrap_or(0)) * self.scale
    }

    /// The advance in the integer 1/1000-em units the PDF `/W` array carries (printpdf
    /// truncates). Positions are computed against this so viewers land exactly where
    /// layout meant.
    pub fn advance_1000(&self, gid: u16) -> i64 {
        // The very expression printpdf uses for `/W`, so both truncate identically.
        let w = self.face().glyph_hor_advance(GlyphId(gid)).unwrap_or(0);
        (w as f32 * 1000.0 / f32::from(self.face().units_per_em())) as i64
    }

    /// How far the face's descenders reach below the baseline, in ems (hhea).
    pub fn descender_em(&self) -> f32 {
        -f32::from(self.face().descender()) * self.scale
    }

    pub fn units_per_em(&self) -> u16 {
        self.face().units_per_em()
    }

    /// Pair kerning at 1 pt, in points (negative pulls the pair together). Memoised in a
    /// small direct-mapped table: a page repeats the same few hundred pairs, and walking
    /// the GPOS subtables for each is most of the cost of shaping.
    pub fn kern(&self, left: u16, right: u16) -> f32 {
        let key = (u32::from(left) << 16) | u32::from(right);
        let slot = (key.wrapping_mul(0x9E37_79B1) >> (32 - KERN_CACHE_BITS)) as usize;
        if let Ok(mut cache) = self.kern_cache.lock() {
            if let Some(&(k, v)) = cache.get(slot) {
                if k == key {
                    return v;
                }
            }
            let v = self.kern_uncached(left, right);
            if let Some(entry) = cache.get_mut(slot) {
                *entry = (key, v);
            }
            return v;
        }
        self.kern_uncached(left, right)
    }

    fn kern_uncached(&self, left: u16, right: u16) -> f32 {
        let face = self.face();
        let Some(gpos) = face.tables().gpos else {
            return 0.0;
        };
        let (l, r) = (GlyphId(left), GlyphId(right));
        let mut total = 0i32;
        for &li in &self.kern_lookups {
            let Some(lookup) = gpos.lookups.get(li) else {
                continue;
            };
            for sub in lookup.subtables.into_iter::<PositioningSubtable>() {
                let PositioningSubtable::Pair(pair) = sub else {
                    continue;
                };
                let found = match pair {
                    PairAdjustment::Format1 { coverage, sets } => coverage
                        .get(l)
                        .and_then(|i| sets.get(i))
                        .and_then(|set| set.get(r))
                        .map(|(a, _)| a.x_advance),
                    PairAdjustment::Format2 {
                        coverage,
                        classes,
                        matrix,
                    } => {
                        if coverage.contains(l) {
                            matrix
                                .get((classes.0.get(l), classes.1.get(r)))
                                .map(|(a, _)| a.x_advance)
                        } else {
                            None
                        }
                    }
                };
                if let Some(v) = found {
                    total += i32::from(v);
                    // The first subtable that covers the pair decides for this lookup.
                    break;
                }
            }
        }
        total as f32 * self.scale
    }
}

/// The faces of the family a document is set in: up to four, a missing one served by the
/// nearest the family has.
#[derive(Debug)]
pub struct Fonts {
    faces: Vec<Font>,
    /// Which of `faces` sets each style.
    slots: [usize; 4],
}

impl Fonts {
    pub fn new(faces: [Font; 4]) -> Fonts {
        Fonts {
            faces: faces.into(),
            slots: [0, 1, 2, 3],
        }
    }

    /// A missing bold or italic is set in regular; a missing bold italic in bold, else
    /// italic, else regular.
    pub fn with_fallbacks(
        regular: Font,
        bold: Option<Font>,
        italic: Option<Font>,
        bold_italic: Option<Font>,
    ) -> Fonts {
        let mut faces = vec![regular];
        let mut add = |f: Option<Font>| {
            f.map(|f| {
                faces.push(f);
                faces.len() - 1
            })
        };
        let b = add(bold);
        let i = add(italic);
        let bi = add(bold_italic);
        Fonts {
            slots: [
                0,
                b.unwrap_or(0),
                i.unwrap_or(0),
                bi.or(b).or(i).unwrap_or(0),
            ],
            faces,
        }
    }

    pub fn get(&self, style: Style) -> &Font {
        &self.faces[self.slots[style.index()]]
    }

    /// The style whose own face sets `style` (itself unless the family lacks it).
    pub fn stands_in(&self, style: Style) -> Style {
        let slot = self.slots[style.index()];
        Style::ALL
            .into_iter()
            .find(|s| self.slots[s.index()] == slot)
            .unwrap_or(Style::Regular)
    }

    /// The distinct faces, each once, and the index of the face that sets a style.
    pub fn faces(&self) -> &[Font] {
        &self.faces
    }

    pub fn face_index(&self, style: Style) -> usize {
        self.slots[style.index()]
    }

    /// The bundled Liberation Serif, for tests and benchmarks that need no world.
    pub fn bundled() -> Fonts {
        let book = crate::fonts::FontBook::bundled();
        let faces: [Font; 4] = Style::ALL.map(|style| {
            let face = book.family(crate::fonts::BUNDLED_FAMILY)[style.index()]
                .expect("the bundled family has four faces");
            let crate::fonts::FaceData::Bundled(bytes) = face.data else {
                unreachable!("bundled faces are static")
            };
            Font::parse(FontBytes::Static(bytes), 0, &face.postscript_name)
                .expect("the bundled faces parse")
        });
        Fonts::new(faces)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_parse_and_cover_cyrillic() {
        let f = Fonts::bundled();
        for s in Style::ALL {
            let font = f.get(s);
            assert_eq!(font.units_per_em(), 2048);
            for c in "АБВабвёЁ№«»—–".chars() {
                assert!(font.glyph(c).is_some(), "{s:?} lacks {c}");
            }
            assert!(font.glyph('😀').is_none());
            // The substitute for missing characters must itself exist in every face.
            assert!(font.glyph(super::super::shape::SUBSTITUTE).is_some());
        }
    }

    #[test]
    fn kerning_comes_from_gpos() {
        let fonts = Fonts::bundled();
        let f = fonts.get(Style::Regular);
        let (a, v) = (f.glyph('A').unwrap_or(0), f.glyph('V').unwrap_or(0));
        assert!(f.kern(a, v) < 0.0, "AV should kern together");
        let (x, y) = (f.glyph('x').unwrap_or(0), f.glyph('x').unwrap_or(0));
        assert_eq!(f.kern(x, y), 0.0);
    }
}
