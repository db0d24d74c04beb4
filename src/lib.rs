//! mentorcard: a mentoring practice described in one TOML card, checked and rendered to
//! PDF, HTML, Markdown and DOCX from one document model.
//!
//! The pipeline, one module per arrow:
//! `card` (TOML → typed card with spans) → `check` (diagnostics) → `layout` (card → `document`)
//! → `render::*` (one renderer per format).
//!
//! Around the pipeline: `schema` (the card's JSON Schema and the validator `card` uses),
//! `diag` (diagnostics and how they print), `richtext` (the text syntax of card fields),
//! `typography`, `biblio` (ГОСТ Р 7.0.100-2018), `norms` (normative acts), `profile` (contest
//! formatting rules as data), `locale` (Russian and English words), `templates` (built-in
//! and user HTML templates), `scaffold` (what `new` writes), `output` (atomic writes), and
//! `cli`, the thin command-line layer the binary calls.

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
