use std::path::PathBuf;

use super::common::{self, EXIT_OK};
use super::output;
use crate::locale::Lang;
use crate::message::{Failure, Status};

/// Arguments of `mentorcard templates`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Выгрузить встроенные шаблоны (page.html, table.html, style.css) в папку, чтобы изменить их
    /// и собирать с --templates ПАПКА.
    #[arg(long)]
    pub eject: PathBuf,
    /// Перезаписать уже существующие файлы шаблонов.
    #[arg(long)]
    pub force: bool,
}

/// Writes the built-ins into the folder; without `--force`, refuses (writing nothing) if any
/// of them is already there.
pub fn run(args: &Args, lang: Option<Lang>) -> Result<i32, Failure> {
    let l = lang.unwrap_or_default();
    let files = crate::templates::eject();
    let targets: Vec<PathBuf> = files.iter().map(|(n, _)| args.eject.join(n)).collect();
    let existing: Vec<PathBuf> = targets.iter().filter(|p| p.exists()).cloned().collect();
    if !args.force && !existing.is_empty() {
        return Err(Failure::TemplatesExist { paths: existing });
    }
    for (target, (_, source)) in targets.iter().zip(files) {
        output::write_atomic(target, source.as_bytes())?;
        common::say(&Status::TemplateWritten(target.clone()), l);
    }
    common::say(&Status::TemplatesNext(args.eject.clone()), l);
    Ok(EXIT_OK)
}
