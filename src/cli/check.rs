use std::path::PathBuf;

use super::common::Globals;
use super::common::{self, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use super::system::SystemWorld;
use crate::diag;
use crate::message::Failure;
use crate::project::{Project, Purpose, Settings};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
}

/// Arguments of `mentorcard check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Файлы карточек (.toml).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Считать предупреждения ошибками.
    #[arg(long)]
    pub strict: bool,
    /// Профиль конкурса (gost, compact или файл .toml) с ограничениями объёма и обязательными полями.
    #[arg(long)]
    pub profile: Option<String>,
    /// Формат отчёта: text или json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// «Сегодня» для проверки дат, в секундах от 1970-01-01 (по умолчанию — часы компьютера).
    #[arg(long, env = "SOURCE_DATE_EPOCH", hide = true)]
    pub source_date_epoch: Option<i64>,
}

pub fn run(args: &Args, globals: &Globals) -> Result<i32, Failure> {
    let lang = globals.lang;
    let world = SystemWorld::new(args.source_date_epoch, globals.font_paths.clone());
    let settings = Settings {
        profile: args.profile.clone(),
        lang,
        ..Settings::default()
    };
    let project = Project::new(&world, settings)?;
    let mut worst = EXIT_OK;
    let mut json = Vec::new();
    for path in &args.files {
        let checked = match project.check(path, Purpose::Check) {
            Ok(c) => c,
            Err(failure) => {
                common::fail(&failure, lang.unwrap_or_default());
                worst = EXIT_USAGE;
                continue;
            }
        };
        let (source, diags, lang) = (&checked.source, &checked.diagnostics, checked.lang);
        if checked.failed(args.strict) && worst == EXIT_OK {
            worst = EXIT_PROBLEMS;
        }
        match args.format {
            ReportFormat::Text => {
                common::out(&diag::render_text(source, diags, lang));
                common::out(&(diag::summary(source, diags, lang) + "\n"));
            }
            ReportFormat::Json => json.extend(diag::to_json(source, diags, lang)),
        }
    }
    if args.format == ReportFormat::Json {
        let text = serde_json::to_string_pretty(&json).unwrap_or_default();
        common::out(&(text + "\n"));
    }
    Ok(worst)
}
