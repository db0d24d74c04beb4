//! `mentorcard check`: every card named (and every card of a сборник) checked side by side,
//! their problems printed, then with `--summary` or for a сборник the summary over them all.

use std::path::PathBuf;
use std::sync::Arc;

use super::build_options::ManyArgs;
use super::common::{self, Globals, EXIT_OK, EXIT_PROBLEMS};
use super::summary::{self, ReportFormat};
use super::{progress, system::SystemWorld};
use crate::book::{Book, Entry};
use crate::message::Failure;
use crate::parallel::Progress;
use crate::project::{Project, Purpose, Settings};

/// Arguments of `mentorcard check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Файлы карточек (.toml) или сборника (файл с разделом [collection]).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Считать предупреждения ошибками.
    #[arg(long)]
    pub strict: bool,
    /// Профиль конкурса (gost, compact или файл .toml) с ограничениями объёма и обязательными полями.
    #[arg(long)]
    pub profile: Option<String>,
    /// Формат отчёта: text, json или csv (реестр для Excel: строка на карточку).
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Только сводка: без сообщений по каждой карточке (они — в отчёте --report).
    #[arg(long, short)]
    pub quiet: bool,
    /// Сводная таблица по всем карточкам: ошибки, страницы, знаки, нарушенные ограничения.
    #[arg(long)]
    pub summary: bool,
    /// Записать сводку в файл: .xlsx — таблица Excel, .csv — реестр, иначе страница HTML.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Разрешить замену файла отчёта, даже если это не прежний отчёт mentorcard.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub many: ManyArgs,
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
    let (jobs, progress) = (args.many.jobs(), Arc::new(Progress::default()));
    let line = progress::Line::start(&progress, lang.unwrap_or_default());
    let mut worst = EXIT_OK;
    let (mut books, mut cards) = (Vec::new(), Vec::new());
    for path in &args.files {
        match project.is_collection(path) {
            Ok(true) => books.push(project.check_book(path, Purpose::Check, jobs, &progress)?),
            Ok(false) => cards.push((path.clone(), None)),
            Err(failure) => worst = worst.max(common::fail(&failure, lang.unwrap_or_default())),
        }
    }
    let loose = project.check_cards(&cards, Purpose::Check, jobs, &progress);
    let csv = args.format == ReportFormat::Csv;
    let tabled = args.summary || args.report.is_some() || csv || args.quiet || !books.is_empty();
    let l = books.first().map_or(lang.unwrap_or_default(), |b| b.lang);
    let summarise = |entries: &[Entry]| project.summarise(entries, args.strict, l, jobs, &progress);
    let groups: Vec<(Option<&Book>, &[Entry], _)> = (books.iter())
        .map(|b| (Some(b), &b.entries[..], summarise(&b.entries)))
        .chain((!loose.is_empty() && tabled).then(|| (None, &loose[..], summarise(&loose))))
        .collect();
    drop(line);
    let strict = args.strict;
    let failing = |e: &Entry| e.failed(strict);
    let in_books = books
        .iter()
        .any(|b| b.failed(strict) || b.entries.iter().any(failing));
    if in_books || loose.iter().any(failing) {
        worst = worst.max(EXIT_PROBLEMS);
    }
    summary::print((args.format, args.quiet), &books, &loose, &groups, l);
    if let Some(target) = &args.report {
        let title = books
            .first()
            .and_then(|b| b.spec.as_ref())
            .map(|s| &s.title[..]);
        let title = title.unwrap_or_default();
        let created = args.source_date_epoch;
        summary::write_report(
            target,
            &args.files,
            &groups,
            (title, created),
            args.force,
            l,
        )?;
    }
    Ok(worst)
}
