use std::path::{Path, PathBuf};

use super::common::Globals;
use super::common::{self, EXIT_OK, EXIT_PROBLEMS};
use super::{output, system::SystemWorld};
use crate::diag;
use crate::locale::Lang;
use crate::message::{Failure, Status};
use crate::project::{Project, Purpose, Settings};
use crate::render::Format;

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

pub fn run(args: &Args, globals: &Globals) -> Result<i32, Failure> {
    let lang = globals.lang;
    let world = SystemWorld::new(args.source_date_epoch, globals.font_paths.clone());
    let settings = Settings {
        profile: args.profile.clone(),
        templates: args.templates.clone(),
        hyphenate: args.hyphenate,
        lang,
    };
    let project = Project::new(&world, settings)?;
    let mut formats = args.format.clone();
    if formats.is_empty() {
        formats = Format::ALL.to_vec();
    }
    formats.sort();
    formats.dedup();
    let mut worst = EXIT_OK;
    for path in &args.files {
        let checked = project.check(path, Purpose::Build)?;
        let lang = checked.lang;
        common::err(&diag::render_text(
            &checked.source,
            &checked.diagnostics,
            lang,
        ));
        if checked.failed(args.strict) {
            common::err(&(Failure::BuildRefused { path: path.clone() }.text(lang) + "\n"));
            worst = EXIT_PROBLEMS;
            continue;
        }
        // Render everything first, so a failing format leaves no partial set of files.
        let mut files = Vec::new();
        for &format in &formats {
            let exported = project.export(&checked, format)?;
            common::err(&diag::render_text(
                &checked.source,
                &exported.diagnostics,
                lang,
            ));
            files.push((target(args, path, format), exported.bytes));
        }
        write_all(path, &files, lang)?;
    }
    Ok(worst)
}

/// `OUT/stem.ext`, or beside the card without `-o`.
fn target(args: &Args, card: &Path, format: Format) -> PathBuf {
    let dir = match &args.out_dir {
        Some(d) => d.clone(),
        None => card.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let stem = card
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "card".into());
    dir.join(format!("{stem}.{}", format.extension()))
}

/// Writes every file or none: targets are checked before the first write.
fn write_all(card: &Path, files: &[(PathBuf, Vec<u8>)], lang: Lang) -> Result<(), Failure> {
    if let Some((target, _)) = files.iter().find(|(t, _)| output::same_file(t, card)) {
        return Err(Failure::OutputIsCard {
            path: target.clone(),
        });
    }
    for (target, bytes) in files {
        output::write_atomic(target, bytes)?;
        common::say(&Status::Written(target.clone()), lang);
    }
    Ok(())
}
