//! What every renderer shares: the formats, the options, and the result with its warnings.

use crate::document::FieldRef;
use crate::message::{LinkFormat, Message};
use crate::profile::Profile;
use crate::templates::Template;

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

/// Something a renderer noticed (a character no font has, a link it would not write), with
/// the card field it happened in when it knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub message: Message,
    pub source: Option<FieldRef>,
}

impl Warning {
    /// A link the shared policy refused: every format writes its text and says so the same way.
    pub fn link_refused(url: &str, format: LinkFormat, source: Option<FieldRef>) -> Warning {
        Warning {
            message: Message::LinkNotAllowed {
                url: url.to_string(),
                format,
            },
            source,
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
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
}
