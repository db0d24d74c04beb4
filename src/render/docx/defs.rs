//! What the body and the package parts both refer to: namespaces, relationship ids, list
//! definitions and measurements. Kept apart so neither part imports the other.

use crate::document::ListKind;
use crate::profile::Profile;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub const FOOTER_DEFAULT_ID: &str = "rIdFooterDefault";
pub const FOOTER_FIRST_ID: &str = "rIdFooterFirst";

/// One Word list: each gets its own abstract definition and `w:num`, so every numbered list
/// starts again at its own start. `level` is the list level its paragraphs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListDef {
    pub kind: ListKind,
    pub level: u8,
    /// Lists in the narrow «Содержание» column get a smaller indent.
    pub in_cell: bool,
}

/// Text start of a list level, in twips: one first-line indent (1.25 cm) per level in the
/// body, half of that in a table cell, where every centimetre of the column counts.
pub fn list_indent(level: u8, in_cell: bool) -> i64 {
    let step = if in_cell { 357 } else { 709 };
    step * (i64::from(level) + 1)
}

/// A4 width in twips.
const PAGE_WIDTH: i64 = 11906;

pub fn mm_to_twips(mm: f32) -> i64 {
    if mm.is_finite() && mm > 0.0 {
        (f64::from(mm.min(1000.0)) * 1440.0 / 25.4).round() as i64
    } else {
        0
    }
}

pub fn text_width_twips(profile: &Profile) -> i64 {
    (PAGE_WIDTH - mm_to_twips(profile.margin_left_mm) - mm_to_twips(profile.margin_right_mm))
        .max(2268)
}
