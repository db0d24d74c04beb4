//! The command line: parses arguments, builds the world over the file system, calls the
//! library, prints, writes files atomically and maps outcomes to exit codes. One file per
//! command, as in mdBook; what they share is in `common`, the world in `system`.

mod browser;
mod build;
mod build_options;
mod check;
mod collection;
mod common;
mod completions;
mod disk;
mod edit;
mod explorer;
mod fonts;
mod fontscan;
mod help;
mod import;
mod interrupt;
mod jury;
mod live;
mod new;
mod output;
mod progress;
mod publish;
mod schema;
mod serve;
mod server;
mod staged;
mod stream;
mod summary;
mod system;
mod targets;
mod templates;
mod usage;
mod watch;

use clap::{CommandFactory, Parser, Subcommand};

pub use system::SystemWorld;

/// mentorcard — карточка практики наставничества: проверка и сборка PDF, HTML, Markdown и DOCX.
#[derive(Parser, Debug)]
#[command(name = "mentorcard", version)]
pub struct Cli {
    /// Язык сообщений: ru или en (по умолчанию — язык карточки, иначе ru).
    #[arg(long, global = true, value_enum, env = "MENTORCARD_LANG")]
    pub lang: Option<crate::locale::Lang>,
    /// Папка со шрифтами для PDF (можно несколько раз; или MENTORCARD_FONT_PATHS через «:»).
    #[arg(
        long = "font-path",
        global = true,
        env = "MENTORCARD_FONT_PATHS",
        value_delimiter = ':'
    )]
    pub font_paths: Vec<std::path::PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Проверить карточки и сообщить обо всех ошибках сразу.
    Check(check::Args),
    /// Собрать документы (PDF, HTML, Markdown, DOCX) из карточек или сборник из многих карточек.
    Build(build::Args),
    /// Создать новую карточку-заготовку со всеми критериями.
    New(new::Args),
    /// Сделать карточку из готового описания практики (.docx, .odt, .txt, .md) и проверить её.
    Import(import::Args),
    /// Напечатать JSON Schema карточки (для Taplo / Even Better TOML).
    Schema(schema::Args),
    /// Работа со встроенными шаблонами HTML: --eject ПАПКА выгружает их для правки.
    Templates(templates::Args),
    /// Показать шрифты с кириллицей, которыми можно набрать PDF.
    Fonts(fonts::Args),
    /// Собрать и пересобирать после каждого сохранения карточки или сборника (выход — Ctrl-C).
    Watch(watch::Args),
    /// Предпросмотр в браузере: страница обновляется сама, ошибки видны на ней (выход — Ctrl-C).
    Serve(serve::Args),
    /// Заполнить карточку в форме в браузере: сохраняется сама, ошибки видны сразу (выход — Ctrl-C).
    Edit(edit::Args),
    /// Напечатать дополнение команд для оболочки (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
}

/// Runs the program and returns the exit status; never panics on user input.
pub fn main() -> i32 {
    explorer::main(std::env::args_os().collect(), run)
}

fn run(args: Vec<std::ffi::OsString>) -> i32 {
    let cli = match usage::parse::<Cli>(args, Cli::command()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let lang = cli.lang;
    let globals = common::Globals {
        lang,
        font_paths: cli.font_paths,
    };
    common::warn_missing_font_paths(&globals);
    let result = match &cli.command {
        Command::Check(args) => check::run(args, &globals),
        Command::Build(args) => build::run(args, &globals),
        Command::New(args) => new::run(args, lang),
        Command::Import(args) => import::run(args, lang),
        Command::Schema(args) => schema::run(args, lang),
        Command::Templates(args) => templates::run(args, lang),
        Command::Fonts(args) => fonts::run(args, &globals),
        Command::Watch(args) => watch::run(args, &globals),
        Command::Serve(args) => serve::run(args, &globals),
        Command::Edit(args) => edit::run(args, &globals),
        Command::Completions(args) => completions::run(args, lang, Cli::command()),
    };
    match result {
        Ok(code) => code,
        Err(failure) => common::fail(&failure, lang.unwrap_or_default()),
    }
}
