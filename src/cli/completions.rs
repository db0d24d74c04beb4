//! `completions SHELL`: shell completions, and with the hidden value `man` the man page, made
//! from the same localised clap tree as the help, so both speak the help's language. The
//! packages (`scripts/dist.sh`) install what these print. The man page hides behind a value,
//! not a command of its own, since the shells' completions list hidden commands too.

use super::common::EXIT_OK;
use super::help;
use crate::locale::{self, Lang};
use crate::message::Failure;

/// Arguments of `mentorcard completions`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Оболочка: bash, zsh, fish, powershell или elvish.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells clap_complete writes for, and the man page.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
    #[value(hide = true)]
    Man,
}

/// Prints the completion script of `base` (the program's clap tree) for the shell.
pub fn run(args: &Args, lang: Option<Lang>, base: clap::Command) -> Result<i32, Failure> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
        Shell::Elvish => clap_complete::Shell::Elvish,
        Shell::Man => return manual(lang, base),
    };
    let mut cmd = help::command(base, lang.unwrap_or_default());
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "mentorcard", &mut out);
    print_bytes(&out);
    Ok(EXIT_OK)
}

/// Prints the man page (roff): the program, then a section per command with its usage and
/// arguments, headings in the help's language.
fn manual(lang: Option<Lang>, base: clap::Command) -> Result<i32, Failure> {
    let lang = lang.unwrap_or_default();
    let mut cmd = help::command(base, lang);
    cmd.build();
    let mut out = Vec::new();
    // NAME reads «mentorcard \- what it does»: the about without its own «mentorcard — ».
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    let what = about
        .split_once(" — ")
        .map_or(about.as_str(), |(_, rest)| rest);
    let man = clap_mangen::Man::new(cmd.clone().about(what.to_string()));
    let write = |result: std::io::Result<()>| {
        result.map_err(|e| Failure::Write {
            path: "-".into(),
            error: crate::world::FileError::from_io(&e),
        })
    };
    write(man.render_title(&mut out))?;
    write(man.render_name_section(&mut out))?;
    write(man.render_synopsis_section(&mut out))?;
    write(man.render_description_section(&mut out))?;
    write(man.render_options_section(&mut out))?;
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        let full = format!("mentorcard {name}");
        out.extend(format!(".SH \"{}\"\n", full.to_uppercase()).bytes());
        if let Some(about) = sub.get_about() {
            out.extend(format!("{}\n", roff_text(&about.to_string())).bytes());
        }
        let page = clap_mangen::Man::new(sub.clone().bin_name(&full));
        let mut part = Vec::new();
        write(page.render_synopsis_section(&mut part))?;
        write(page.render_options_section(&mut part))?;
        // The command's own headings become subsections of its section.
        let part = String::from_utf8_lossy(&part).replace(".SH ", ".SS ");
        out.extend(part.bytes());
    }
    let text = String::from_utf8_lossy(&out);
    print_bytes(locale::man_headings(&text, lang).as_bytes());
    Ok(EXIT_OK)
}

/// A line of text that roff does not take for a request.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\e");
    match text.starts_with(['.', '\'']) {
        true => format!("\\&{text}"),
        false => text,
    }
}

/// Script text as it is: the shells' scripts hold escapes that `common::out` would show.
fn print_bytes(bytes: &[u8]) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(bytes);
}
