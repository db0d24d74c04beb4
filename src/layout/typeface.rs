//! Choosing the family the PDF is set in, from the world's font book: the profile's
//! `font_family` if the machine has it, Liberation Serif (bundled, Times-metric) for Times
//! New Roman when it has not, and clear refusals for a family that is unknown, lacks
//! Cyrillic, or cannot be read. Also the list `mentorcard fonts` prints.

use std::path::PathBuf;

use super::fonts::{Font, Fonts};
use crate::fonts::{family_key, FaceData, FaceSource, FontBook, Style, BUNDLED_FAMILY};
use crate::message::{Failure, Message};
use crate::world::World;

/// Letters a family must have to set a Russian card.
const RUSSIAN: &str = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя";

/// Families the bundled face stands in for when the machine lacks them: the same metrics,
/// so the pages break where they would in Word.
const TIMES_METRIC: &[&str] = &["Times New Roman", "Times", "Liberation Serif"];

/// The chosen family, parsed, and what the choice had to give up (a missing face).
pub struct Chosen {
    pub fonts: Fonts,
    pub family: String,
    pub notes: Vec<Message>,
    /// Where each of `fonts.faces()` came from, in the same order.
    pub places: Vec<PathBuf>,
}

/// The four faces for `family`.
pub fn choose(world: &dyn World, family: &str) -> Result<Chosen, Failure> {
    let key = family_key(family);
    let bundled = FontBook::bundled();
    let found = if key == family_key(BUNDLED_FAMILY) {
        bundled.only(family)
    } else {
        world.family_faces(family)
    };
    let mut book = found;
    let mut name = family.trim().to_string();
    if book.family(family)[Style::Regular.index()].is_none() {
        if !TIMES_METRIC.iter().any(|t| family_key(t) == key) {
            return Err(Failure::FontUnknown {
                family: name,
                closest: closest(world.fonts(), family),
            });
        }
        book = bundled.only(BUNDLED_FAMILY);
        name = BUNDLED_FAMILY.to_string();
    }
    let regular_face = book.family(&name)[Style::Regular.index()];
    let regular = match regular_face {
        Some(face) => parse(world, face)?,
        None => {
            return Err(Failure::Internal {
                detail: format!("{name}: no regular face"),
            })
        }
    };
    let missing: Vec<char> = RUSSIAN
        .chars()
        .filter(|c| regular.glyph(*c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(Failure::FontNoCyrillic {
            family: name,
            path: location(regular_face),
            missing: missing.into_iter().take(8).collect(),
        });
    }
    let mut places = vec![location(regular_face)];
    let mut parsed: [Option<Font>; 4] = Default::default();
    for style in [Style::Bold, Style::Italic, Style::BoldItalic] {
        // A face without the Russian alphabet (Linux Libertine's bold italic) is passed
        // over for the next of its slot, or for the fallback.
        for face in book.candidates(&name, style) {
            let font = parse(world, face)?;
            if RUSSIAN.chars().all(|c| font.glyph(c).is_some()) {
                places.push(location(Some(face)));
                parsed[style.index()] = Some(font);
                break;
            }
        }
    }
    let [_, bold, italic, bold_italic] = parsed;
    let fonts = Fonts::with_fallbacks(regular, bold, italic, bold_italic);
    let mut notes = Vec::new();
    // A missing face is set in the nearest one the family has, and said once.
    for style in Style::ALL {
        let instead = fonts.stands_in(style);
        if instead != style {
            notes.push(Message::FontFaceMissing {
                family: name.clone(),
                style,
                instead,
                profile: None,
            });
        }
    }
    Ok(Chosen {
        fonts,
        family: name,
        notes,
        places,
    })
}

fn location(face: Option<&FaceSource>) -> PathBuf {
    match face.map(|f| &f.data) {
        Some(FaceData::File { path, .. }) => path.clone(),
        _ => PathBuf::from(BUNDLED_FAMILY),
    }
}

fn parse(world: &dyn World, face: &FaceSource) -> Result<Font, Failure> {
    let bytes = world
        .font_data(face)
        .map_err(|error| Failure::FontUnreadable {
            path: location(Some(face)),
            error,
        })?;
    Font::parse(bytes, face.index(), &face.postscript_name).ok_or_else(|| Failure::FontCorrupt {
        path: location(Some(face)),
    })
}

/// Up to three installed families whose names are nearest to `family`.
fn closest(book: &FontBook, family: &str) -> Vec<String> {
    let want = family_key(family);
    let mut ranked: Vec<(usize, &str)> = book
        .families()
        .into_iter()
        .map(|f| {
            let key = family_key(f);
            let shared = key.contains(&want) || want.contains(&key);
            let bonus = usize::from(shared) * want.len().min(key.len()) / 2;
            (
                crate::similar::edit_distance(&want, &key).saturating_sub(bonus),
                f,
            )
        })
        .collect();
    ranked.sort();
    ranked
        .into_iter()
        .take(3)
        .map(|(_, f)| f.to_string())
        .collect()
}

/// A family that can set a Russian card, for `mentorcard fonts`.
pub struct Listing {
    pub family: String,
    /// Which of regular, bold, italic, bold italic the family has.
    pub faces: [bool; 4],
    /// The file of its regular face; `None` for the family built into mentorcard.
    pub place: Option<PathBuf>,
}

/// Every family of the world's book whose regular face covers the Russian alphabet,
/// sorted by name; the bundled family first.
pub fn russian_families(world: &dyn World) -> Vec<Listing> {
    let book = world.fonts();
    let mut out = Vec::new();
    for family in book.families() {
        let faces = book.family(family);
        let Some(regular) = faces[Style::Regular.index()] else {
            continue;
        };
        let Ok(font) = parse(world, regular) else {
            continue;
        };
        if RUSSIAN.chars().all(|c| font.glyph(c).is_some()) {
            out.push(Listing {
                family: family.to_string(),
                faces: faces.map(|f| f.is_some()),
                place: match &regular.data {
                    FaceData::File { path, .. } => Some(path.clone()),
                    FaceData::Bundled(_) => None,
                },
            });
        }
    }
    out.sort_by_key(|l| (l.family != BUNDLED_FAMILY, family_key(&l.family)));
    out
}
