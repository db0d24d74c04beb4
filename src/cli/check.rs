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
    /// Профиль конкурса (gost, compact или файл .toml) с ограничениями объёма и обязательными полями.
    #[arg(long)]
    pub profile: Option<String>,
    /// Формат отчёта: text или json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

pub fn run(args: &Args, lang: Option<crate::locale::Lang>) -> anyhow::Result<i32> {
    let profile = match &args.profile {
        Some(p) => Some(super::resolve_profile(Some(p), lang.unwrap_or_default())?),
        None => None,
    };
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
        let mut diags = crate::check::diagnose(&load, msg_lang, true);
        if let (Some(profile), Some(card)) = (&profile, &load.card) {
            diags.extend(limit_diagnostics(card, profile, msg_lang)?);
            crate::check::sort(&mut diags);
        }
        let failed = diags.iter().any(|d| {
            d.severity == Severity::Error || (args.strict && d.severity == Severity::Warning)
        });
        if failed && worst == super::EXIT_OK {
            worst = super::EXIT_PROBLEMS;
        }
        match args.format {
            ReportFormat::Text => {
                super::outf!("{}", diag::render_text(&load.source, &diags, msg_lang));
                super::outln!("{}", diag::summary(&load.source, &diags, msg_lang));
            }
            ReportFormat::Json => json.extend(diag::to_json(&load.source, &diags)),
        }
    }
    if args.format == ReportFormat::Json {
        super::outln!("{}", serde_json::to_string_pretty(&json)?);
    }
    Ok(worst)
}

/// Checks a contest profile's limits; typesets the PDF only when the profile limits pages.
fn limit_diagnostics(
    card: &crate::card::LoadedCard,
    profile: &crate::profile::Profile,
    lang: crate::locale::Lang,
) -> anyhow::Result<Vec<crate::diag::Diagnostic>> {
    let doc = crate::layout::layout(
        &card.card,
        &crate::layout::LayoutOptions::from_profile(profile, None),
    );
    let limits = &profile.limits;
    let pages = if limits.max_pages.is_some() || limits.min_pages.is_some() {
        let options = crate::render::RenderOptions {
            profile: profile.clone(),
            templates: None,
        };
        crate::render::render(crate::render::Format::Pdf, &doc, &options)?.pages
    } else {
        None
    };
    Ok(crate::check::check_limits(card, &doc, limits, pages, lang))
}
