//! What every renderer shares: the formats, the options, and the result with its warnings.

use crate::profile::Profile;
use crate::templates::Template;
pub use crate::warning::Warning;

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
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub profile: Profile,
    /// The HTML templates: the built-ins with any user overrides already applied.
    pub templates: Vec<Template>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            profile: Profile::default(),
            templates: crate::templates::builtins(),
        }
    }
}

/// A rendered file plus what the renderer noticed.
#[derive(Debug, Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<Warning>,
}

impl Rendered {
    /// Adds a warning unless the same one is already there.
    pub fn warn_once(warnings: &mut Vec<Warning>, warning: Warning) {
        crate::warning::warn_once(warnings, warning);
    }
}
