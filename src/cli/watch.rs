//! `mentorcard watch`: `build`, then again after every save of anything the build read (the
//! card, its materials file, the profile, templates). A card with errors writes nothing, so
//! the last good files stay whole; a сборник leaves out its cards with errors and names them.

use std::path::PathBuf;
use std::time::Instant;

use super::build::{self, Built};
use super::common::{self, Globals};
use super::live::Live;
use super::system::SystemWorld;
use super::targets;
use crate::locale::Lang;
use crate::message::{Failure, Status};
use crate::project::Project;

/// Arguments of `mentorcard watch`: those of `build`.
pub type Args = build::Args;

/// Runs until Ctrl-C, which exits 0. Only a first build that cannot read its inputs fails.
pub fn run(args: &Args, globals: &Globals) -> Result<i32, Failure> {
    // A сборник is watched as `--skip-invalid` builds it: all that builds, the rest named.
    let args = &Args {
        skip_invalid: true,
        ..args.clone()
    };
    let lang = globals.lang;
    let l = lang.unwrap_or_default();
    let world = SystemWorld::new(args.source_date_epoch, globals.font_paths.clone());
    let targets = targets::all_targets(args);
    targets::distinct(&targets)?;
    let outputs: Vec<PathBuf> = targets.into_iter().flat_map(|(_, t)| t).collect();
    let mut live = Live::new(&args.files, outputs, l)?;
    let mut first = true;
    loop {
        let started = Instant::now();
        match Project::new(&world, build::settings(args, lang)) {
            Ok(project) => {
                let result = build_all(&project, args, started, first, l);
                live.watch(&project.files_read());
                result?;
            }
            Err(failure) if first => return Err(failure),
            Err(failure) => drop(common::fail(&failure, l)),
        }
        if first {
            common::say(&Status::Watching, l);
            first = false;
        }
        live.wait();
    }
}

/// Builds every card as `build` does and says how it went; a failure stops only the first
/// round (a file named wrong), later ones are printed and the watch goes on.
fn build_all(
    project: &Project,
    args: &build::Args,
    started: Instant,
    first: bool,
    l: Lang,
) -> Result<(), Failure> {
    let mut written = None;
    let mut all = true;
    for path in &args.files {
        match build::build_card(project, path, args) {
            Ok(Built::Written(lang)) => written = Some(lang),
            Ok(Built::Refused(lang, _)) => {
                common::say(&Status::KeptLastGood(path.clone()), lang);
                all = false;
            }
            Err(failure) if first => return Err(failure),
            Err(failure) => {
                common::fail(&failure, l);
                all = false;
            }
        }
    }
    if let (Some(lang), true) = (written, all) {
        let millis = started.elapsed().as_millis();
        common::say(&Status::Rebuilt { millis }, lang);
    }
    Ok(())
}
