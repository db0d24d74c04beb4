//! clap in the catalogue's words: help screens and usage errors in Russian by default, in
//! English with `--lang en` or MENTORCARD_LANG, which are read before parsing, since the
//! parse may be what fails. The Russian help is the arguments' doc comments; the English is
//! `locale::help_en`.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, FromArgMatches};

use super::common::{self, EXIT_OK, EXIT_USAGE};
use super::help::command;
use crate::locale::{self, Lang};
use crate::message::{Failure, UsageProblem};

/// The command line parsed, or the exit status after printing help, the version or what
/// is wrong with it.
pub fn parse<T: FromArgMatches>(args: Vec<OsString>, base: Command) -> Result<T, i32> {
    let lang = lang(&args);
    let mut cmd = command(base, lang);
    let parsed = cmd.try_get_matches_from_mut(&args);
    parsed
        .and_then(|m| T::from_arg_matches(&m))
        .map_err(|e| report(&e, lang))
}

/// `--lang X`, `--lang=X` (the last one given), else MENTORCARD_LANG, else Russian.
pub fn lang(args: &[OsString]) -> Lang {
    let mut found = None;
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            _ if word == "--" => break,
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        found = value.and_then(Lang::from_code).or(found);
    }
    let env = || std::env::var("MENTORCARD_LANG").ok();
    found
        .or_else(|| env().as_deref().and_then(Lang::from_code))
        .unwrap_or_default()
}

/// Prints what clap found in the catalogue's words and gives the exit status.
fn report(e: &clap::Error, lang: Lang) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return print(e, EXIT_OK, lang),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return print(e, EXIT_USAGE, lang),
        _ => {}
    }
    let all = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(list)) => list.clone(),
        _ => Vec::new(),
    };
    let one = |kind| all(kind).into_iter().next();
    let given = || one(ContextKind::InvalidArg).unwrap_or_default();
    let problem = match e.kind() {
        ErrorKind::InvalidSubcommand => UsageProblem::UnknownCommand {
            given: one(ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggestion: one(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::UnknownArgument => UsageProblem::UnknownArgument {
            given: given(),
            suggestion: one(ContextKind::SuggestedArg),
        },
        ErrorKind::MissingRequiredArgument => {
            UsageProblem::MissingArguments(all(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => UsageProblem::MissingCommand,
        ErrorKind::ValueValidation if given().contains("source-date-epoch") => {
            UsageProblem::DateEpoch {
                value: one(ContextKind::InvalidValue).unwrap_or_default(),
            }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => UsageProblem::InvalidValue {
            arg: given(),
            value: one(ContextKind::InvalidValue).unwrap_or_default(),
            allowed: all(ContextKind::ValidValue),
            suggestion: one(ContextKind::SuggestedValue),
        },
        _ => UsageProblem::Other(e.kind().to_string()),
    };
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        _ => String::new(),
    };
    let usage = usage.split_once(": ").map_or("", |(_, u)| u).trim();
    let usage = locale::clap_words(usage, lang);
    common::fail(&Failure::Usage { problem, usage }, lang)
}

/// Help or the version, on standard output (help asked for) or error (a command missing).
fn print(e: &clap::Error, code: i32, lang: Lang) -> i32 {
    let text = locale::clap_words(&e.render().to_string(), lang);
    match e.use_stderr() {
        true => common::err(&text),
        false => common::out(&text),
    }
    code
}
