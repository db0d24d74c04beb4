//! `mentorcard build`: every card (or сборник) named, each written in every format asked for,
//! or refused for its problems.

use std::path::Path;

pub use super::build_options::{settings, Args, Built};
use super::collection;
use super::common::{self, Globals, EXIT_OK, EXIT_PROBLEMS};
use super::{interrupt, jury, output, system::SystemWorld, targets};
use crate::diag;
use crate::message::Failure;
use crate::project::{Project, Purpose};

pub fn run(args: &Args, globals: &Globals) -> Result<i32, Failure> {
    let world = SystemWorld::new(args.source_date_epoch, globals.font_paths.clone());
    let project = Project::new(&world, settings(args, globals.lang))?;
    targets::distinct(&targets::all_targets(args))?;
    interrupt::finish_writes_on_interrupt(globals.lang.unwrap_or_default());
    if args.anonymous {
        return jury::run(&project, args, globals.lang.unwrap_or_default());
    }
    let mut worst = EXIT_OK;
    for path in &args.files {
        if let Built::Refused(lang, why) = build_card(&project, path, args)? {
            common::err(&(why.text(lang) + "\n"));
            worst = EXIT_PROBLEMS;
        }
    }
    Ok(worst)
}

/// Checks one card (or a сборник) and, unless its problems refuse the build, writes every
/// format (all or none); prints the diagnostics. `build` and `watch` both go through here.
pub(super) fn build_card(project: &Project, path: &Path, args: &Args) -> Result<Built, Failure> {
    if project.is_collection(path)? {
        return collection::build(project, path, args);
    }
    let checked = project.check(path, Purpose::Build)?;
    let lang = checked.lang;
    let print = |diags: &[_]| common::err(&diag::render_text(&checked.source, diags, lang));
    print(&checked.diagnostics);
    if checked.failed(args.strict) {
        let why = Failure::BuildRefused {
            path: path.to_path_buf(),
        };
        return Ok(Built::Refused(lang, why));
    }
    // Render everything first, so a failing format leaves no partial set of files.
    let mut files = Vec::new();
    for format in targets::formats(args) {
        let exported = project.export(&checked, format)?;
        print(&exported.diagnostics);
        files.push((targets::target(args, path, format), exported.bytes));
    }
    output::write_all(&[path], &files, lang)?;
    Ok(Built::Written(lang))
}
