//! What `build` (and `watch`) are asked, shared by the build of a card and of a сборник.

use std::path::PathBuf;

use crate::locale::Lang;
use crate::message::Failure;
use crate::parallel;
use crate::project::Settings;
use crate::render::Format;

/// Arguments of `mentorcard build`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Файлы карточек (.toml) или сборника (файл с разделом [collection]).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Форматы через запятую: pdf, html, md, docx (по умолчанию все).
    #[arg(short, long, value_enum, value_delimiter = ',')]
    pub format: Vec<Format>,
    /// Папка для готовых файлов (по умолчанию — папка карточки).
    #[arg(short, long)]
    pub out_dir: Option<PathBuf>,
    #[command(flatten)]
    pub look: LookArgs,
    /// Не собирать, если есть предупреждения.
    #[arg(long)]
    pub strict: bool,
    /// Собрать сборник без карточек с ошибками (о каждой будет предупреждение).
    #[arg(long)]
    pub skip_invalid: bool,
    /// Копии для жюри: без авторов, организации и населённого пункта, под номерами 001, 002…, с ключом key.csv для организатора (нужен -o ПАПКА).
    #[arg(long, requires = "out_dir")]
    pub anonymous: bool,
    #[command(flatten)]
    pub many: ManyArgs,
    /// Дата документов в секундах от 1970-01-01; без неё даты в файлы не пишутся.
    #[arg(long, env = "SOURCE_DATE_EPOCH")]
    pub source_date_epoch: Option<i64>,
}

/// How the documents look, for every command that renders them (`build`, `watch`, `serve`).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct LookArgs {
    /// Профиль оформления: gost, compact или путь к файлу профиля .toml.
    #[arg(long)]
    pub profile: Option<String>,
    /// Папка со своими шаблонами: файл с тем же именем заменяет встроенный.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Включить переносы слов (конкурсы обычно их запрещают).
    #[arg(long)]
    pub hyphenate: bool,
}

impl LookArgs {
    pub fn settings(&self, lang: Option<Lang>) -> Settings {
        Settings {
            profile: self.profile.clone(),
            templates: self.templates.clone(),
            hyphenate: self.hyphenate,
            lang,
            anonymous: false,
        }
    }
}

/// What `build` and `check` take for many cards at once.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ManyArgs {
    /// Сколько карточек обрабатывать одновременно (по умолчанию — по числу ядер).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

impl ManyArgs {
    pub fn jobs(&self) -> usize {
        self.jobs.map_or_else(parallel::default_jobs, usize::from)
    }
}

pub fn settings(args: &Args, lang: Option<Lang>) -> Settings {
    Settings {
        anonymous: args.anonymous,
        ..args.look.settings(lang)
    }
}

/// What building one card came to: written, or refused for its problems (told in its language).
pub enum Built {
    Written(Lang),
    Refused(Lang, Failure),
}
