use std::path::PathBuf;

use super::common::{self, EXIT_OK};
use super::output;
use crate::locale::Lang;
use crate::message::{Failure, Status};

/// Arguments of `mentorcard schema`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Записать схему в файл вместо вывода на экран.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: &Args, lang: Option<Lang>) -> Result<i32, Failure> {
    let text = crate::schema::schema_text();
    match &args.output {
        Some(path) => {
            output::write_atomic(path, text.as_bytes())?;
            common::say(
                &Status::SchemaWritten(path.clone()),
                lang.unwrap_or_default(),
            );
        }
        None => common::out(&text),
    }
    Ok(EXIT_OK)
}
