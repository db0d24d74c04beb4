//! mentorcard: a mentoring practice described in one TOML card, checked and rendered to
//! PDF, HTML, Markdown and DOCX from one document model.
//!
//! The pipeline, one module per arrow:
//! `card` (TOML → typed card with spans) → `check` (diagnostics) → `layout` (card → `document`)
//! → `render::*` (one renderer per format).

pub mod biblio;
pub mod card;
pub mod check;
pub mod cli;
pub mod date;
pub mod diag;
pub mod document;
pub mod layout;
pub mod locale;
pub mod norms;
pub mod output;
pub mod profile;
pub mod render;
pub mod richtext;
pub mod scaffold;
pub mod schema;
pub mod templates;
pub mod typography;
