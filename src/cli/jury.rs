//! `mentorcard build FILES… --anonymous -o DIR`: copies for the jury, each card under its
//! number in every format asked for, without who wrote it (`jury`), and `DIR/key.csv` from
//! the numbers back to the cards for the organiser. Where a card's own text names an author
//! or the organisation, the place is shown, for the organiser to decide.

use std::path::PathBuf;

use super::build_options::Args;
use super::common::{self, EXIT_OK, EXIT_PROBLEMS};
use super::{output, targets};
use crate::diag;
use crate::jury::{self, KeyRow};
use crate::locale::Lang;
use crate::message::{Failure, Status};
use crate::project::{Project, Purpose};

/// The key's file name in the output folder.
const KEY: &str = "key.csv";

pub fn run(project: &Project, args: &Args, lang: Lang) -> Result<i32, Failure> {
    let Some(dir) = args.out_dir.clone() else {
        return Ok(EXIT_OK); // clap requires -o with --anonymous
    };
    let mut worst = EXIT_OK;
    let mut key = Vec::new();
    for (i, path) in args.files.iter().enumerate() {
        if project.is_collection(path)? {
            return Err(Failure::JuryCollection { path: path.clone() });
        }
        let checked = project.check(path, Purpose::Build)?;
        let print =
            |diags: &[_]| common::err(&diag::render_text(&checked.source, diags, checked.lang));
        print(&checked.diagnostics);
        let Some(card) = checked.card().filter(|_| !checked.failed(args.strict)) else {
            let why = Failure::BuildRefused { path: path.clone() };
            common::err(&(why.text(checked.lang) + "\n"));
            worst = EXIT_PROBLEMS;
            continue;
        };
        print(&jury::leaks(card));
        let mut files = Vec::new();
        for format in targets::formats(args) {
            let exported = project.export(&checked, format)?;
            print(&exported.diagnostics);
            files.push((targets::target(args, path, format), exported.bytes));
        }
        output::write_all(&[path], &files, checked.lang)?;
        let number = jury::number(i, args.files.len());
        key.push(KeyRow::of(number, path.display().to_string(), &card.card));
    }
    let key_path: PathBuf = dir.join(KEY);
    if let Some(card) = args.files.iter().find(|f| output::same_file(&key_path, f)) {
        return Err(Failure::OutputIsCard { path: card.clone() });
    }
    output::write_atomic(&key_path, jury::key_csv(&key, lang).as_bytes())?;
    common::say(&Status::JuryKey(key_path), lang);
    Ok(worst)
}
