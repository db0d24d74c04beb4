use std::path::{Path, PathBuf};

use crate::diag::{self, Severity};
use crate::layout::{self, LayoutOptions};
use crate::locale::Lang;
use crate::render::{self, Format, RenderOptions};

/// Arguments of `mentorcard build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Файлы карточек (.toml).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Форматы через запятую: pdf, html, md, docx (по умолчанию все).
    #[arg(short, long, value_enum, value_delimiter = ',')]
    pub format: Vec<Format>,
    /// Папка для готовых файлов (по умолчанию — папка карточки).
    #[arg(short, long)]
    pub out_dir: Option<PathBuf>,
    /// Профиль оформления: gost, compact или путь к файлу профиля .toml.
    #[arg(long)]
    pub profile: Option<String>,
    /// Папка со своими шаблонами: файл с тем же именем заменяет встроенный.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Включить переносы слов (конкурсы обычно их запрещают).
    #[arg(long)]
    pub hyphenate: bool,
    /// Не собирать, если есть предупреждения.
    #[arg(long)]
    pub strict: bool,
    /// Дата документов в секундах от 1970-01-01; без неё даты в файлы не пишутся.
    #[arg(long, env = "SOURCE_DATE_EPOCH")]
    pub source_date_epoch: Option<i64>,
}

pub fn run(args: &Args, lang: Option<Lang>) -> anyhow::Result<i32> {
    let l = lang.unwrap_or_default();
    let mut profile = super::resolve_profile(args.profile.as_deref(), l)?;
    if args.hyphenate {
        profile.hyphenate = true;
    }
    let formats: Vec<Format> = if args.format.is_empty() {
        Format::ALL.to_vec()
    } else {
        let mut f = args.format.clone();
        f.sort();
        f.dedup();
        f
    };
    let options = RenderOptions {
        profile: profile.clone(),
        templates: args.templates.clone(),
    };
    let mut worst = super::EXIT_OK;
    for path in &args.files {
        let load = super::read_card(path, lang)?;
        let msg_lang = load.lang.unwrap_or_default();
        let diags = crate::check::diagnose(&load, msg_lang, false);
        let blocking = diags.iter().any(|d| {
            d.severity == Severity::Error || (args.strict && d.severity == Severity::Warning)
        });
        if !diags.is_empty() {
            eprint!("{}", diag::render_text(&load.source, &diags, msg_lang));
        }
        let Some(card) = load.card.as_ref().filter(|_| !blocking) else {
            eprintln!(
                "{}: {}",
                path.display(),
                msg_lang.t(
                    "сборка отменена: сначала исправьте ошибки (подробно: mentorcard check)",
                    "build refused: fix the errors first (details: mentorcard check)"
                )
            );
            worst = super::EXIT_PROBLEMS;
            continue;
        };
        let doc = layout::layout(
            &card.card,
            &LayoutOptions::from_profile(&profile, args.source_date_epoch),
        );
        let out_dir = match &args.out_dir {
            Some(d) => d.clone(),
            None => path.parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "card".into());
        // Render everything first, so a failing format leaves no partial set of files.
        let mut rendered = Vec::new();
        for &format in &formats {
            let out = match render::render(format, &doc, &options) {
                Ok(out) => out,
                Err(e) => {
                    // A renderer error is a problem in the user's input (a broken template),
                    // reported like card problems: exit 1, nothing written.
                    eprintln!(
                        "{}: {}: {e}",
                        msg_lang.t("ошибка", "error"),
                        format.extension().to_uppercase()
                    );
                    return Ok(super::EXIT_PROBLEMS);
                }
            };
            for w in &out.warnings {
                eprintln!(
                    "{}: {}: {w}",
                    msg_lang.t("предупреждение", "warning"),
                    path.display()
                );
            }
            rendered.push((
                out_dir.join(format!("{stem}.{}", format.extension())),
                out.bytes,
            ));
        }
        std::fs::create_dir_all(if out_dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &out_dir
        })?;
        for (target, bytes) in rendered {
            if same_file(&target, path) {
                anyhow::bail!(
                    "{} {}",
                    msg_lang.t(
                        "отказ: файл результата совпадает с карточкой:",
                        "refused: the output would overwrite the card:"
                    ),
                    target.display()
                );
            }
            crate::output::write_atomic(&target, &bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{} {}: {e}",
                    msg_lang.t("не удалось записать", "cannot write"),
                    target.display()
                )
            })?;
            super::outln!("{} {}", msg_lang.t("записан", "written"), target.display());
        }
    }
    Ok(worst)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
