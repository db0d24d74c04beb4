use std::path::PathBuf;

use super::common::{self, EXIT_OK, EXIT_PROBLEMS};
use super::output;
use super::system::SystemWorld;
use crate::diag;
use crate::locale::{self, Lang};
use crate::message::{Failure, Severity, Status};
use crate::project::{Project, Purpose, Settings};

/// Arguments of `mentorcard import`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Документ с описанием практики: .docx, .odt, .txt или .md.
    pub source: PathBuf,
    /// Куда записать карточку (по умолчанию — рядом с документом, с расширением .toml).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Разрешить перезапись существующего файла.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, lang: Option<Lang>) -> Result<i32, Failure> {
    let l = lang.unwrap_or_default();
    let world = SystemWorld::new(None, Vec::new());
    let settings = Settings {
        lang,
        ..Settings::default()
    };
    let project = Project::new(&world, settings)?;
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| args.source.with_extension("toml"));
    if out == args.source || output::same_file(&out, &args.source) {
        return Err(Failure::OutputIsCard { path: out });
    }
    if out.exists() && !args.force {
        return Err(Failure::Exists { path: out });
    }
    let imported = project.import(&args.source)?;
    if args.force {
        output::write_atomic(&out, imported.text.as_bytes())?;
    } else {
        output::write_new(&out, imported.text.as_bytes())?;
    }
    common::say(
        &Status::Imported {
            from: args.source.clone(),
            to: out.clone(),
        },
        l,
    );
    for note in &imported.notes {
        let line = if note.is_warning() {
            format!(
                "  {}: {}\n",
                locale::severity_word(Severity::Warning, l),
                note.text(l)
            )
        } else {
            format!("  {}\n", note.text(l))
        };
        common::out(&line);
    }
    if let Some(schema) = output::schema_beside(&out)? {
        common::say(&Status::SchemaWritten(schema), l);
    }
    let checked = project.check(&out, Purpose::Check)?;
    let (source, diags) = (&checked.source, &checked.diagnostics);
    common::out(&diag::render_text(source, diags, checked.lang));
    common::out(&(diag::summary(source, diags, checked.lang) + "\n"));
    Ok(if checked.failed(false) {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}
