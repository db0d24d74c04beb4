//! `mentorcard serve`: the card's HTML preview on 127.0.0.1, rebuilt after every save and
//! updated in the browser by itself, with a link to the PDF. A card with errors shows them in
//! a panel over the last good page. Nothing is written to disk.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use super::build_options::LookArgs;
use super::common::{self, Globals};
use super::live::Live;
use super::server::{self, Shared};
use super::system::SystemWorld;
use super::{browser, publish};
use crate::message::{Failure, Status};
use crate::project::{Project, Settings};

/// Arguments of `mentorcard serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Файл карточки или сборника (.toml).
    pub file: PathBuf,
    /// Порт на 127.0.0.1 (по умолчанию — любой свободный).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Открыть страницу в браузере.
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub look: LookArgs,
    #[arg(long, env = "SOURCE_DATE_EPOCH", hide = true)]
    pub source_date_epoch: Option<i64>,
}

/// Serves until Ctrl-C, which exits 0. Only a first build that cannot read its inputs fails.
pub fn run(args: &Args, globals: &Globals) -> Result<i32, Failure> {
    let lang = globals.lang;
    let l = lang.unwrap_or_default();
    let world = SystemWorld::new(args.source_date_epoch, globals.font_paths.clone());
    let settings = args.look.settings(lang);
    let mut live = Live::new(std::slice::from_ref(&args.file), Vec::new(), l)?;
    let shared = server::start(args.port, l)?;
    let mut first = true;
    loop {
        let (read, result) = rebuild(&world, &settings, &args.file, &shared);
        read.inspect(|read| live.watch(read));
        match result {
            Err(failure) if first => return Err(failure),
            Err(failure) => shared.report(&failure, l),
            Ok(()) => {}
        }
        if std::mem::take(&mut first) {
            let url = format!("http://{}/", shared.addr);
            common::say(&Status::Serving(url.clone()), l);
            common::say(&Status::Watching, l);
            if args.open {
                browser::open(&url);
            }
        }
        live.wait();
    }
}

/// One build into the preview, as `build` does it. Gives what was read, if the build could
/// start.
fn rebuild(
    world: &SystemWorld,
    settings: &Settings,
    path: &Path,
    shared: &Shared,
) -> (Option<Vec<PathBuf>>, Result<(), Failure>) {
    let project = match Project::new(world, settings.clone()) {
        Ok(project) => project,
        Err(failure) => return (None, Err(failure)),
    };
    let publish = || publish::publish(&project, path, shared);
    // Last resort: no input should make the build panic, but none may stop the server.
    let result = catch_unwind(AssertUnwindSafe(publish)).unwrap_or_else(|_| {
        Err(Failure::Internal {
            detail: "a panic in the build".into(),
        })
    });
    (Some(project.files_read()), result)
}
