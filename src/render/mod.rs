//! One renderer per output format, each reading only the [`Document`], the profile and the
//! inputs its format needs (templates for HTML, fonts for PDF). What they share — the format
//! list, the options, the result with its warnings — is in [`common`], so no renderer
//! imports this module back.

pub mod common;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod markup;
pub mod pdf;

pub use common::{Format, RenderOptions, Rendered, Warning};

use crate::document::Document;
use crate::message::Failure;

/// Renders a format that needs no fonts (all but PDF, whose pages the driver lays out once
/// with the fonts it chose: see [`crate::layout::layout`]).
pub fn render_text_format(
    format: Format,
    doc: &Document,
    options: &RenderOptions,
) -> Result<Rendered, Failure> {
    match format {
        Format::Html => html::render(doc, options),
        Format::Md => markdown::render(doc, options),
        Format::Docx => docx::render(doc, options),
        Format::Pdf => Err(Failure::Internal {
            detail: "PDF is laid out with fonts: use render::pdf".into(),
        }),
    }
}
