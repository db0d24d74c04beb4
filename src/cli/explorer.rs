//! mentorcard.exe opened from Windows Explorer. A double-click gives the program a console
//! of its own that closes the moment the program ends, so help printed there would flash and
//! vanish; a card dropped on the icon arrives as the only argument. In both cases the window
//! stays open until Enter: with no arguments it explains in a few lines what to do, with a
//! card it builds it. Started from a terminal with a command, nothing changes.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::Path;

/// What to do with the command line before clap sees it.
#[derive(Debug, PartialEq, Eq)]
pub enum Start {
    /// An ordinary command line.
    AsGiven,
    /// No arguments, in a window of its own: explain, then wait for Enter.
    Explain,
    /// A card dropped on the program: build it, then wait for Enter.
    BuildDropped(OsString),
}

/// Decides from the arguments whether this looks like a start from Explorer. Only on Windows
/// and only with a console to wait in (standard input is a terminal): a script or a pipe never
/// waits.
pub fn start(
    args: &[OsString],
    windows: bool,
    interactive: bool,
    is_file: impl Fn(&Path) -> bool,
) -> Start {
    if !windows || !interactive {
        return Start::AsGiven;
    }
    match args {
        [_] => Start::Explain,
        [_, one] if !one.to_string_lossy().starts_with('-') && is_file(Path::new(one)) => {
            Start::BuildDropped(one.clone())
        }
        _ => Start::AsGiven,
    }
}

/// Runs the command line with `run`, first turning a start from Explorer into what it
/// means, and keeps the window open afterwards when it was one.
pub fn main(mut args: Vec<OsString>, run: fn(Vec<OsString>) -> i32) -> i32 {
    let start = this_start(&args);
    match &start {
        Start::Explain => {
            let lang = super::usage::lang(&args);
            wait_for_enter(&crate::locale::explorer_help(lang));
            return super::common::EXIT_OK;
        }
        Start::BuildDropped(card) => {
            args = vec![args[0].clone(), "build".into(), card.clone()];
        }
        Start::AsGiven => {}
    }
    let code = run(args);
    if start != Start::AsGiven {
        wait_for_enter(crate::locale::press_enter(super::usage::lang(&[])));
    }
    code
}

/// [`start`] for this process.
pub fn this_start(args: &[OsString]) -> Start {
    start(
        args,
        cfg!(windows),
        std::io::stdin().is_terminal(),
        Path::is_file,
    )
}

/// Keeps the window open until Enter (or the end of input).
pub fn wait_for_enter(prompt: &str) {
    super::common::out(prompt);
    let _ = std::io::stdin().read_line(&mut String::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn only_windows_with_a_console_waits() {
        let yes = |_: &Path| true;
        assert_eq!(start(&args(&["m"]), true, true, yes), Start::Explain);
        assert_eq!(start(&args(&["m"]), false, true, yes), Start::AsGiven);
        assert_eq!(start(&args(&["m"]), true, false, yes), Start::AsGiven);
    }

    #[test]
    fn a_dropped_card_is_built_but_a_command_is_not() {
        let card = |p: &Path| p.to_string_lossy().ends_with(".toml");
        assert_eq!(
            start(
                &args(&["m", "C:\\Мои документы\\практика.toml"]),
                true,
                true,
                card
            ),
            Start::BuildDropped("C:\\Мои документы\\практика.toml".into())
        );
        assert_eq!(
            start(&args(&["m", "check"]), true, true, card),
            Start::AsGiven
        );
        assert_eq!(
            start(&args(&["m", "--help"]), true, true, |_: &Path| true),
            Start::AsGiven
        );
        assert_eq!(
            start(&args(&["m", "build", "a.toml"]), true, true, card),
            Start::AsGiven
        );
    }
}
