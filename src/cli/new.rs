use std::path::PathBuf;

use super::common::{self, EXIT_OK};
use super::output;
use crate::locale::Lang;
use crate::message::{Failure, Status};
use crate::scaffold;

/// Arguments of `mentorcard new`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Куда записать карточку (по умолчанию practice.toml, для сборника collection.toml).
    pub path: Option<PathBuf>,
    /// Записать готовый пример (реверсивное наставничество) вместо пустой заготовки.
    #[arg(long, conflicts_with = "collection")]
    pub example: bool,
    /// Записать заготовку сборника (файл с разделом [collection]) вместо карточки.
    #[arg(long)]
    pub collection: bool,
    /// Разрешить перезапись существующего файла.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, lang: Option<Lang>) -> Result<i32, Failure> {
    let l = lang.unwrap_or_default();
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(default_name(args)));
    let text = match (args.example, args.collection) {
        (true, _) => scaffold::example(),
        (_, true) => scaffold::collection(l),
        _ => scaffold::scaffold(l),
    };
    if path.exists() && !args.force {
        return Err(Failure::Exists { path });
    }
    // `new практики/моя.toml` makes the folder, as `build -o` does.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Failure::Write {
            path: dir.to_path_buf(),
            error: crate::world::FileError::from_io(&e),
        })?;
    }
    if args.force {
        output::write_atomic(&path, text.as_bytes())?;
    } else {
        output::write_new(&path, text.as_bytes())?;
    }
    let written = match args.collection {
        true => Status::CollectionWritten(path.clone()),
        false => Status::CardWritten(path.clone()),
    };
    common::say(&written, l);
    if let Some(schema) = output::schema_beside(&path)? {
        common::say(&Status::SchemaWritten(schema), l);
    }
    Ok(EXIT_OK)
}

fn default_name(args: &Args) -> &'static str {
    match args.collection {
        true => "collection.toml",
        false => "practice.toml",
    }
}
