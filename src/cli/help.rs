//! The help screens in the catalogue's words: headings, the help and version flags, and in
//! English every command's and argument's help from `locale::help_en` (the Russian is their
//! doc comments). The values clap checks are set here too: SOURCE_DATE_EPOCH is a date every
//! output can write.

use clap::{Arg, ArgAction, Command};

use crate::locale::{self, Lang, UsageWords};

/// 9999-12-31 23:59:59 in seconds since 1970-01-01.
const MAX_EPOCH: i64 = 253_402_300_799;

/// The whole command tree with headings, help and version in `lang`, and SOURCE_DATE_EPOCH
/// held to the years 1970–9999.
pub fn command(base: Command, lang: Lang) -> Command {
    let words = locale::usage_words(lang);
    let mut cmd = localise(base, "", lang, &words)
        .disable_version_flag(true)
        .arg(flag(
            "version",
            'V',
            ArgAction::Version,
            words.version,
            &words,
        ));
    cmd.build();
    cmd.mut_subcommand("help", |help| help.about(words.help_command))
}

fn flag(
    id: &'static str,
    short: char,
    action: ArgAction,
    help: &'static str,
    w: &UsageWords,
) -> Arg {
    let arg = Arg::new(id).short(short).long(id).action(action);
    arg.help(help).help_heading(w.options)
}

fn localise(cmd: Command, path: &str, lang: Lang, w: &UsageWords) -> Command {
    let about = match lang {
        Lang::En => locale::help_en(path).map(String::from),
        Lang::Ru => None,
    };
    let template = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        w.usage
    );
    let cmd = match about {
        Some(about) => cmd.about(about),
        None => cmd,
    };
    let cmd = cmd
        .help_template(template)
        .subcommand_help_heading(w.commands)
        .subcommand_value_name(w.command)
        .disable_help_flag(true)
        .arg(flag("help", 'h', ArgAction::Help, w.help, w))
        .mut_args(|arg| {
            let id = arg.get_id().to_string();
            let key = if path.is_empty() {
                id.clone()
            } else {
                format!("{path}.{id}")
            };
            let arg = match id.as_str() {
                "source_date_epoch" => {
                    arg.value_parser(clap::value_parser!(i64).range(0..=MAX_EPOCH))
                }
                _ => arg,
            };
            let arg = match (lang, locale::help_en(&key)) {
                (Lang::En, Some(help)) if id != "help" => arg.help(help),
                _ => arg,
            };
            let arg = match locale::value_name(&id, lang) {
                Some(name) if arg.get_action().takes_values() => arg.value_name(name),
                _ => arg,
            };
            let heading = if arg.is_positional() {
                w.arguments
            } else {
                w.options
            };
            arg.help_heading(heading)
        });
    cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        localise(sub, &name, lang, w)
    })
}
