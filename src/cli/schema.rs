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
    /// Разрешить перезапись существующего файла.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, lang: Option<Lang>) -> Result<i32, Failure> {
    let text = crate::schema::schema_text();
    match &args.output {
        // Never over an existing file (a card, say) unless asked.
        Some(path) if args.force => output::write_atomic(path, text.as_bytes())?,
        Some(path) => output::write_new(path, text.as_bytes())?,
        None => common::out(&text),
    }
    if let Some(path) = &args.output {
        common::say(
            &Status::SchemaWritten(path.clone()),
            lang.unwrap_or_default(),
        );
    }
    Ok(EXIT_OK)
}
