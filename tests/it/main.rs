//! The integration tests, one binary (as just's and mdBook's): the crate is linked once, not
//! once per file. A module per feature; the shared harness is `common` (the real binary in a
//! scratch folder, golden files), `docfixture` (documents for the renderers) and `live` (the
//! `watch` and `serve` processes). Fixtures stay under `tests/fixtures`, golden files under
//! `tests/golden`; `UPDATE_GOLDEN=1 cargo test` rewrites the golden files.

mod common;
mod docfixture;
mod live;

mod architecture;
mod build;
mod check;
mod cli;
mod collection;
mod docx;
mod edit;
mod fonts;
mod gost;
mod html;
mod import;
mod inputs;
mod install;
mod jury;
mod library;
mod markdown;
mod messages;
mod outputs;
mod pdf;
mod readme;
mod register;
mod robustness;
mod robustness_text;
mod schema;
mod seed;
mod serve;
mod typography;
mod untrusted_text;
mod usage;
mod watch;
