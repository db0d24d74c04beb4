//! mentorcard: a mentoring practice described in one TOML card, checked and rendered to
//! PDF, HTML, Markdown and DOCX from one document model.
//!
//! The pipeline, one module per arrow, driven by [`project`]:
//! `load` (TOML → typed [`card`] with spans) → `check` (diagnostics) → `compose` (card →
//! [`document`]) → [`layout`] (lines and pages, for the PDF and page limits) → `render::*`
//! (one renderer per format). What layout and the renderers share — warnings, the link
//! policy for untrusted text — is [`warning`].
//!
//! Everything from outside — files, fonts, today's date — comes through [`world`], the one
//! seam (as typst's `World`): the CLI implements it over the file system, tests in memory.
//!
//! Around the pipeline: `schema` (the card's JSON Schema and the validator `load` uses),
//! `message` (every situation as a typed value) and `locale` (their Russian and English
//! words, and every other word the tool says), `diag` (located diagnostics and how they
//! print), `path` (paths into a card), `richtext` (the text syntax of card fields),
//! `typography`, `biblio` (ГОСТ Р 7.0.100-2018), `norms` (normative acts), `profile`
//! (contest formatting rules as data), `fonts` (the font book; `layout::typeface` chooses
//! the PDF's family from it), `templates` (built-in and user HTML templates), `scaffold`
//! (what `new` writes), `import` (a Word, LibreOffice, text or Markdown description made
//! into a card), `editor` (the pure half of `edit`: the form, its values in the card's text
//! written back keeping the rest byte for byte, the page's requests), `date`, `preview` (the
//! pure half of `watch` and `serve`: served URLs, the
//! page with its live-reload script and error panel, which file events matter), and `cli`,
//! the thin command-line layer the binary calls.

#![forbid(unsafe_code)]

pub mod biblio;
pub mod book;
pub mod card;
pub mod check;
pub mod cli;
pub mod collection;
pub mod compose;
pub mod csv;
pub mod date;
pub mod diag;
pub mod document;
pub mod editor;
pub mod fonts;
pub mod gather;
pub mod import;
pub mod jury;
pub mod layout;
pub mod load;
pub mod locale;
pub mod message;
pub mod norms;
pub mod parallel;
pub mod path;
pub mod preview;
pub mod profile;
pub mod project;
pub mod render;
pub mod report;
pub mod richtext;
pub mod scaffold;
pub mod schema;
pub mod similar;
pub mod templates;
pub mod typography;
pub mod warning;
pub mod world;
