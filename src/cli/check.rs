use std::path::PathBuf;

use crate::diag::{self, Severity};

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
    /// Формат отчёта: text или json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

pub fn run(args: &Args, lang: Option<crate::locale::Lang>) -> anyhow::Result<i32> {
    let mut worst = super::EXIT_OK;
    let mut json = Vec::new();
    for path in &args.files {
        let load = match super::read_card(path, lang) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{}: {e:#}", lang.unwrap_or_default().t("ошибка", "error"));
                worst = super::EXIT_USAGE;
                continue;
            }
        };
        let msg_lang = load.lang.unwrap_or_default();
        let diags = super::build::diagnose(&load, msg_lang);
        let failed = diags.iter().any(|d| {
            d.severity == Severity::Error || (args.strict && d.severity == Severity::Warning)
        });
        if failed && worst == super::EXIT_OK {
            worst = super::EXIT_PROBLEMS;
        }
        match args.format {
            ReportFormat::Text => {
                print!("{}", diag::render_text(&load.source, &diags, msg_lang));
                println!("{}", diag::summary(&load.source, &diags, msg_lang));
            }
            ReportFormat::Json => json.extend(diag::to_json(&load.source, &diags)),
        }
    }
    if args.format == ReportFormat::Json {
        println!("{}", serde_json::to_string_pretty(&json)?);
    }
    Ok(worst)
}
