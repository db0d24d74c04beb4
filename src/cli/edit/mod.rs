//! `mentorcard edit`: the card filled in through a form in the browser (the library's
//! `editor`), on 127.0.0.1 only. The file is written atomically on every save; a change made
//! to it elsewhere is read and shown to the page. Ctrl-C ends it with 0, never mid-write.

mod server;

use std::path::PathBuf;
use std::sync::Arc;

use super::build_options::LookArgs;
use super::common::{self, Globals};
use super::live::Live;
use super::system::SystemWorld;
use super::{browser, disk, staged};
use crate::editor::{CardFile, Session};
use crate::message::{Failure, Status};
use crate::world::{FileError, MAX_INPUT_BYTES};

/// Arguments of `mentorcard edit`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Файл карточки (.toml); если его нет, он появится при первом сохранении.
    pub file: PathBuf,
    /// Порт на 127.0.0.1 (по умолчанию — любой свободный).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Не открывать браузер, только напечатать адрес.
    #[arg(long)]
    pub no_open: bool,
    #[command(flatten)]
    pub look: LookArgs,
    #[arg(long, env = "SOURCE_DATE_EPOCH", hide = true)]
    pub source_date_epoch: Option<i64>,
}

/// The card on disk: missing is an empty form; writes go through a temporary file.
struct DiskCard(PathBuf);

impl CardFile for DiskCard {
    fn read(&self) -> Result<Option<String>, Failure> {
        let path = &self.0;
        let failure = |error| Failure::Read {
            path: path.clone(),
            error,
        };
        match disk::read_regular(path, MAX_INPUT_BYTES) {
            Ok(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| failure(FileError::NotUtf8)),
            Err(FileError::NotFound) => Ok(None),
            Err(error) => Err(failure(error)),
        }
    }

    fn write(&self, text: &str) -> Result<(), Failure> {
        staged::check_folder(&self.0)?;
        let _writing = staged::hold_writes();
        staged::stage(&self.0, text.as_bytes())?.commit()
    }
}

/// Edits until Ctrl-C, which exits 0. Fails only when the card cannot be read at the start
/// or the port cannot be had.
pub fn run(args: &Args, globals: &Globals) -> Result<i32, Failure> {
    let l = globals.lang.unwrap_or_default();
    let world = SystemWorld::new(args.source_date_epoch, globals.font_paths.clone());
    let settings = args.look.settings(globals.lang);
    let mut live = Live::new(std::slice::from_ref(&args.file), Vec::new(), l)?;
    let (listener, addr) = super::server::bind(args.port)?;
    let port = addr.port();
    let file = Box::new(DiskCard(args.file.clone()));
    let token = server::token();
    let session = Session::new(Arc::new(world), settings, &args.file, file, port, token)?;
    let session = Arc::new(session);
    server::serve(listener, session.clone());
    let url = format!("http://127.0.0.1:{port}/");
    common::say(&Status::Editing, session.lang());
    common::out(&format!("{url}\n"));
    if !args.no_open {
        browser::open(&url);
    }
    loop {
        live.wait();
        if let Err(failure) = session.file_changed() {
            common::fail(&failure, session.lang());
        }
    }
}
