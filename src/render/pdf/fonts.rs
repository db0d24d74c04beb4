//! The four embedded Liberation Serif faces: metrics, kerning and subsetting.
//!
//! The TTFs are compiled into the binary so a teacher's PDF never depends on installed fonts,
//! and they are parsed once per process (`OnceLock`): parsing is a table directory read, but
//! the kerning lookup list is collected only once too.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::{Face, GlyphId, Tag};

/// Liberation Serif 2.1.5 from Debian's fonts-liberation2 (OFL, see `assets/fonts/OFL.txt`):
/// metric-compatible with Times New Roman, which is what contest rules name.
const FACES: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// PostScript names, used for `/BaseFont` so viewers show which face is inside.
const NAMES: [&str; 4] = [
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Style {
    #[default]
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn bold(self) -> Style {
        match self {
            Style::Regular | Style::Bold => Style::Bold,
            Style::Italic | Style::BoldItalic => Style::BoldItalic,
        }
    }

    pub fn italic(self) -> Style {
        match self {
            Style::Regular | Style::Italic => Style::Italic,
            Style::Bold | Style::BoldItalic => Style::BoldItalic,
        }
    }

    pub fn postscript_name(self) -> &'static str {
        NAMES[self.index()]
    }
}

/// One parsed face plus what layout asks of it many times per page.
pub struct Font {
    face: Face<'static>,
    bytes: &'static [u8],
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

impl Font {
    fn parse(bytes: &'static [u8]) -> Option<Font> {
        let face = Face::parse(bytes, 0).ok()?;
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
            face,
            bytes,
            scale,
            kern_lookups,
            kern_cache: Mutex::new(vec![(u32::MAX, 0.0); 1 << KERN_CACHE_BITS]),
            glyph_cache: Mutex::new(vec![0; GLYPH_CACHE]),
        })
    }

    /// The glyph for a character. Characters below U+2100 (Latin, Cyrillic, punctuation)
    /// are memoised: a cmap format-4 search per character was a sixth of layout.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as usize;
        if cp >= GLYPH_CACHE {
            return self.face.glyph_index(c).map(|g| g.0);
        }
        if let Ok(mut cache) = self.glyph_cache.lock() {
            // 0: not looked up yet; 1: the font lacks it; g + 2: glyph g.
            let v = cache.get(cp).copied().unwrap_or(0);
            if v != 0 {
                return (v >= 2).then(|| (v - 2) as u16);
            }
            let g = self.face.glyph_index(c).map(|g| g.0);
            if let Some(slot) = cache.get_mut(cp) {
                *slot = g.map_or(1, |g| u32::from(g) + 2);
            }
            return g;
        }
        self.face.glyph_index(c).map(|g| g.0)
    }

    /// Advance width of a glyph at 1 pt, in points.
    pub fn advance(&self, gid: u16) -> f32 {
        f32::from(self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0)) * self.scale
    }

    /// The advance in the integer 1/1000-em units the PDF `/W` array carries (printpdf
    /// truncates). Positions are computed against this so viewers land exactly where
    /// layout meant.
    pub fn advance_1000(&self, gid: u16) -> i64 {
        // The very expression printpdf uses for `/W`, so both truncate identically.
        let w = self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0);
        (w as f32 * 1000.0 / f32::from(self.face.units_per_em())) as i64
    }

    pub fn units_per_em(&self) -> u16 {
        self.face.units_per_em()
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
        let Some(gpos) = self.face.tables().gpos else {
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

    /// Font-wide numbers the PDF font descriptor needs, in font units.
    pub fn descriptor(&self) -> Descriptor {
        let bbox = self.face.global_bounding_box();
        Descriptor {
            ascender: self.face.ascender(),
            cap_height: self.face.capital_height().unwrap_or(self.face.ascender()),
            descender: self.face.descender(),
            bbox: [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max],
            italic_angle: self.face.italic_angle(),
            weight: self.face.weight().to_number(),
        }
    }

    /// A TrueType program holding only `gids`; see [`super::subset`].
    pub fn subset(&self, gids: &[u16]) -> Result<(Vec<u8>, BTreeMap<u16, u16>), String> {
        super::subset::subset(self.bytes, gids)
    }
}

pub struct Descriptor {
    pub ascender: i16,
    pub cap_height: i16,
    pub descender: i16,
    pub bbox: [i16; 4],
    /// Degrees, negative for a face slanted to the right (the `post` table's convention).
    pub italic_angle: f32,
    pub weight: u16,
}

pub struct Fonts {
    faces: [Font; 4],
}

impl Fonts {
    pub fn get(&self, style: Style) -> &Font {
        &self.faces[style.index()]
    }
}

/// The process-wide font set, or `None` if an embedded face failed to parse (a build
/// defect, reported as a render error rather than a panic).
pub fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let [r, b, i, bi] = FACES;
            Some(Fonts {
                faces: [
                    Font::parse(r)?,
                    Font::parse(b)?,
                    Font::parse(i)?,
                    Font::parse(bi)?,
                ],
            })
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_parse_and_cover_cyrillic() {
        let f = fonts().expect("embedded fonts parse");
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
        let f = fonts().expect("fonts").get(Style::Regular);
        let (a, v) = (f.glyph('A').unwrap_or(0), f.glyph('V').unwrap_or(0));
        assert!(f.kern(a, v) < 0.0, "AV should kern together");
        let (x, y) = (f.glyph('x').unwrap_or(0), f.glyph('x').unwrap_or(0));
        assert_eq!(f.kern(x, y), 0.0);
    }

    #[test]
    fn subset_is_small_and_numbers_in_order() {
        let f = fonts().expect("fonts").get(Style::Regular);
        let ids: Vec<u16> = "Привет".chars().filter_map(|c| f.glyph(c)).collect();
        let (bytes, map) = f.subset(&ids).expect("subset");
        assert!(bytes.len() < 20_000, "subset is {} bytes", bytes.len());
        assert_eq!(map.get(&0), Some(&0));
        assert_eq!(map.get(&ids[0]), Some(&1));
        assert!(Face::parse(&bytes, 0).is_ok());
    }
}
