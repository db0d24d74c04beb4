//! One renderer per output format, each reading only the [`Document`] and the [`Profile`].

pub mod docx;
pub mod html;
pub mod markdown;
pub mod markup;
pub mod pdf;

use std::path::PathBuf;

use crate::document::Document;
use crate::profile::Profile;

/// Output formats, in the order `build` writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Html,
    Md,
    Docx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Pdf, Format::Html, Format::Md, Format::Docx];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Md => "md",
            Format::Docx => "docx",
        }
    }
}

/// What every renderer may use besides the document.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub profile: Profile,
    /// A folder whose files replace built-in templates of the same name.
    pub templates: Option<PathBuf>,
}

/// A rendered file plus what the renderer noticed (e.g. a character no font has).
#[derive(Debug, Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
    /// Page count, for formats with fixed pages (PDF); contest limits are checked against it.
    pub pages: Option<usize>,
}

/// A renderer failure the user can act on (a broken user template, say).
#[derive(Debug)]
pub struct RenderError {
    pub message: String,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RenderError {}

impl RenderError {
    pub fn new(message: impl Into<String>) -> Self {
        RenderError {
            message: message.into(),
        }
    }
}

pub fn render(
    format: Format,
    doc: &Document,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    match format {
        Format::Pdf => pdf::render(doc, options),
        Format::Html => html::render(doc, options),
        Format::Md => markdown::render(doc, options),
        Format::Docx => docx::render(doc, options),
    }
}
