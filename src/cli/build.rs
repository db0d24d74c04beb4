use std::path::{Path, PathBuf};

use super::common::{self, Globals, EXIT_OK, EXIT_PROBLEMS};
use super::{output, system::SystemWorld, targets};
use crate::diag;
use crate::locale::Lang;
use crate::message::Failure;
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
    let world = SystemWorld::new(args.source_date_epoch, globals.font_paths.clone());
    let project = Project::new(&world, settings(args, globals.lang))?;
    targets::distinct(&all_targets(args))?;
    let mut worst = EXIT_OK;
    for path in &args.files {
        if let Built::Refused(lang) = build_card(&project, path, args)? {
            common::err(&(Failure::BuildRefused { path: path.clone() }.text(lang) + "\n"));
            worst = EXIT_PROBLEMS;
        }
    }
    Ok(worst)
}

pub(super) fn settings(args: &Args, lang: Option<Lang>) -> Settings {
    Settings {
        profile: args.profile.clone(),
        templates: args.templates.clone(),
        hyphenate: args.hyphenate,
        lang,
    }
}

/// The formats asked for, each once, in a fixed order; all of them when none is named.
pub(super) fn formats(args: &Args) -> Vec<Format> {
    let mut formats = args.format.clone();
    formats.extend(Format::ALL.iter().filter(|_| args.format.is_empty()));
    formats.sort();
    formats.dedup();
    formats
}

/// What building one card came to: written, or refused for its problems (told in its language).
pub(super) enum Built {
    Written(Lang),
    Refused(Lang),
}

/// Checks one card and, unless its problems refuse the build, writes every format (all or
/// none); prints the diagnostics. `build` and `watch` both go through here.
pub(super) fn build_card(project: &Project, path: &Path, args: &Args) -> Result<Built, Failure> {
    let checked = project.check(path, Purpose::Build)?;
    let lang = checked.lang;
    let print = |diags: &[_]| common::err(&diag::render_text(&checked.source, diags, lang));
    print(&checked.diagnostics);
    if checked.failed(args.strict) {
        return Ok(Built::Refused(lang));
    }
    // Render everything first, so a failing format leaves no partial set of files.
    let mut files = Vec::new();
    for format in formats(args) {
        let exported = project.export(&checked, format)?;
        print(&exported.diagnostics);
        files.push((target(args, path, format), exported.bytes));
    }
    output::write_all(path, &files, lang)?;
    Ok(Built::Written(lang))
}

/// `OUT/stem.ext`, or beside the card without `-o`.
pub(super) fn target(args: &Args, card: &Path, format: Format) -> PathBuf {
    let beside = || card.parent().map(Path::to_path_buf);
    let dir = args.out_dir.clone().or_else(beside).unwrap_or_default();
    let stem = card
        .file_stem()
        .map_or("card".into(), |s| s.to_string_lossy());
    dir.join(format!("{stem}.{}", format.extension()))
}

/// Every card with the files it would write.
pub(super) fn all_targets(args: &Args) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let targets = |card| {
        formats(args)
            .iter()
            .map(|&f| target(args, card, f))
            .collect()
    };
    (args.files.iter())
        .map(|card| (card.clone(), targets(card)))
        .collect()
}
