//! The command line: gathers inputs, calls the library, prints, and maps outcomes to exit
//! codes. One file per command, as in mdBook.

/// `println!` that survives a closed stdout.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::out(&(format!($($arg)*) + "\n")) };
}
/// `print!` that survives a closed stdout.
macro_rules! outf {
    ($($arg:tt)*) => { $crate::cli::out(&format!($($arg)*)) };
}
pub(crate) use {outf, outln};

mod build;
mod check;
mod new;
mod schema;
mod templates;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::card::{self, Load};
use crate::locale::Lang;
use crate::profile::Profile;

/// Exit status: everything fine.
pub const EXIT_OK: i32 = 0;
/// Exit status: the card has problems (or a build was refused because of them).
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit status: wrong command-line usage, or a file could not be read or written.
pub const EXIT_USAGE: i32 = 2;

/// mentorcard — карточка практики наставничества: проверка и сборка PDF, HTML, Markdown и DOCX.
#[derive(Parser, Debug)]
#[command(name = "mentorcard", version)]
pub struct Cli {
    /// Язык сообщений: ru или en (по умолчанию — язык карточки, иначе ru).
    #[arg(long, global = true, value_enum, env = "MENTORCARD_LANG")]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Проверить карточки и сообщить обо всех ошибках сразу.
    Check(check::Args),
    /// Собрать документы (PDF, HTML, Markdown, DOCX) из карточек.
    Build(build::Args),
    /// Создать новую карточку-заготовку со всеми критериями.
    New(new::Args),
    /// Напечатать JSON Schema карточки (для Taplo / Even Better TOML).
    Schema(schema::Args),
    /// Работа со встроенными шаблонами HTML: --eject ПАПКА выгружает их для правки.
    Templates(templates::Args),
}

/// Runs the program and returns the exit status; never panics on user input.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let result = match &cli.command {
        Command::Check(args) => check::run(args, cli.lang),
        Command::Build(args) => build::run(args, cli.lang),
        Command::New(args) => new::run(args, cli.lang),
        Command::Schema(args) => schema::run(args),
        Command::Templates(args) => templates::run(args, cli.lang),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let lang = cli.lang.unwrap_or_default();
            eprintln!("{}: {e:#}", lang.t("ошибка", "error"));
            EXIT_USAGE
        }
    }
}

/// Writes to standard output, ignoring a closed pipe (`mentorcard check … | head`) instead
/// of panicking as `print!` would.
pub(crate) fn out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Reads and loads one card; an unreadable file is a usage/I-O error (exit 2), not a card problem.
fn read_card(path: &Path, lang: Option<Lang>) -> anyhow::Result<Load> {
    let l = lang.unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow::anyhow!(
            "{} {}: {}",
            l.t("не удалось прочитать файл", "cannot read file"),
            path.display(),
            l.io_error(&e)
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!(
            "{}: {}",
            path.display(),
            l.t(
                "файл не в кодировке UTF-8; сохраните его как «UTF-8» в редакторе",
                "the file is not UTF-8; save it as UTF-8 in your editor"
            )
        )
    })?;
    let mut load = card::load(&path.display().to_string(), &text, lang);
    let base = path.parent().unwrap_or(Path::new("."));
    let msg_lang = load.lang.unwrap_or_default();
    if let Some(card) = load.card.as_mut() {
        let problems = card.include_materials(base, msg_lang);
        load.diagnostics.extend(problems);
    }
    Ok(load)
}

/// A built-in profile by name, or a TOML file that overrides one.
fn resolve_profile(arg: Option<&str>, lang: Lang) -> anyhow::Result<Profile> {
    match arg {
        None => Ok(Profile::gost()),
        Some(name) => {
            if let Some(p) = Profile::named(name) {
                return Ok(p);
            }
            let path = PathBuf::from(name);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                anyhow::anyhow!(
                    "{} «{name}»: {} ({} {})",
                    lang.t("профиль", "profile"),
                    lang.io_error(&e),
                    lang.t("встроенные профили:", "built-in profiles:"),
                    Profile::NAMES.join(", ")
                )
            })?;
            Profile::from_toml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
        }
    }
}
