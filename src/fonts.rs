//! The fonts a document may use, as the world (the inputs seam) offers them: the
//! bundled Liberation Serif (Times-metric, so a page keeps the line breaks of Times New
//! Roman) and any family the machine has. Only what is *available* lives here; parsing and
//! embedding belong to the PDF renderer.

use std::path::PathBuf;
use std::sync::Arc;

/// The four faces of a family a document uses.
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

    pub fn is_bold(self) -> bool {
        matches!(self, Style::Bold | Style::BoldItalic)
    }

    pub fn is_italic(self) -> bool {
        matches!(self, Style::Italic | Style::BoldItalic)
    }
}

/// Font file contents shared without copying: bundled faces are static, a font found on
/// the machine is read once and shared.
#[derive(Clone)]
pub enum FontBytes {
    Static(&'static [u8]),
    Shared(Arc<[u8]>),
}

impl AsRef<[u8]> for FontBytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            FontBytes::Static(b) => b,
            FontBytes::Shared(b) => b,
        }
    }
}

impl std::fmt::Debug for FontBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontBytes({} bytes)", self.as_ref().len())
    }
}

/// Where a face's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaceData {
    Bundled(&'static [u8]),
    /// A font file and the face's index in it (collections hold several).
    File {
        path: PathBuf,
        index: u32,
    },
}

/// One face that can be embedded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaceSource {
    pub family: String,
    pub postscript_name: String,
    /// 100–900, 400 regular, 700 bold.
    pub weight: u16,
    pub italic: bool,
    /// Condensed or expanded faces are never picked for body text.
    pub normal_width: bool,
    pub data: FaceData,
}

impl FaceSource {
    /// The slot this face fills best, by weight and slant.
    pub fn style(&self) -> Style {
        match (self.weight >= 600, self.italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }

    pub fn index(&self) -> u32 {
        match self.data {
            FaceData::Bundled(_) => 0,
            FaceData::File { index, .. } => index,
        }
    }
}

/// The family used when a profile names none the machine has: Liberation Serif 2.1.5 from
/// Debian's fonts-liberation2 (OFL, see `assets/fonts/OFL.txt`).
pub const BUNDLED_FAMILY: &str = "Liberation Serif";

const BUNDLED: [(&[u8], &str); 4] = [
    (
        include_bytes!("../assets/fonts/LiberationSerif-Regular.ttf"),
        "LiberationSerif",
    ),
    (
        include_bytes!("../assets/fonts/LiberationSerif-Bold.ttf"),
        "LiberationSerif-Bold",
    ),
    (
        include_bytes!("../assets/fonts/LiberationSerif-Italic.ttf"),
        "LiberationSerif-Italic",
    ),
    (
        include_bytes!("../assets/fonts/LiberationSerif-BoldItalic.ttf"),
        "LiberationSerif-BoldItalic",
    ),
];

/// The faces available, in the order they were found.
#[derive(Debug, Clone, Default)]
pub struct FontBook {
    faces: Vec<FaceSource>,
}

impl FontBook {
    /// Only the bundled family.
    pub fn bundled() -> FontBook {
        let mut book = FontBook::default();
        for (style, (bytes, name)) in Style::ALL.into_iter().zip(BUNDLED) {
            book.push(FaceSource {
                family: BUNDLED_FAMILY.into(),
                postscript_name: name.into(),
                weight: if style.is_bold() { 700 } else { 400 },
                italic: style.is_italic(),
                normal_width: true,
                data: FaceData::Bundled(bytes),
            });
        }
        book
    }

    pub fn push(&mut self, face: FaceSource) {
        self.faces.push(face);
    }

    pub fn faces(&self) -> &[FaceSource] {
        &self.faces
    }

    /// A book of one family's faces.
    pub fn only(&self, family: &str) -> FontBook {
        let want = family_key(family);
        FontBook {
            faces: self
                .faces
                .iter()
                .filter(|f| family_key(&f.family) == want)
                .cloned()
                .collect(),
        }
    }

    /// The faces of a family by name (case and spacing ignored), one per style: the first
    /// of [`candidates`](Self::candidates).
    pub fn family(&self, name: &str) -> [Option<&FaceSource>; 4] {
        Style::ALL.map(|style| self.candidates(name, style).into_iter().next())
    }

    /// The normal-width faces of a family that fill a style's slot, nearest to 400 (or 700
    /// for bold) first; faces of equal weight keep the order they were found in.
    pub fn candidates(&self, name: &str, style: Style) -> Vec<&FaceSource> {
        let want = family_key(name);
        let target = if style.is_bold() { 700 } else { 400 };
        let of_family = |f: &&FaceSource| family_key(&f.family) == want;
        // A family that is narrow as a whole (PT Sans Narrow, Liberation Sans Narrow) is set
        // in its own faces; a condensed face is only passed over beside normal-width ones.
        let narrow_family = !self.faces.iter().filter(of_family).any(|f| f.normal_width);
        let mut faces: Vec<&FaceSource> = self
            .faces
            .iter()
            .filter(of_family)
            .filter(|f| (f.normal_width || narrow_family) && f.style() == style)
            .collect();
        faces.sort_by_key(|f| f.weight.abs_diff(target));
        faces
    }

    /// Family names, sorted and without repeats.
    pub fn families(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.faces.iter().map(|f| f.family.as_str()).collect();
        names.sort_unstable_by_key(|n| family_key(n));
        names.dedup_by_key(|n| family_key(n));
        names
    }
}

/// A family name compared without case or spaces: «PT Serif» = «ptserif».
pub fn family_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}
