use std::path::{Path, PathBuf};

use crate::locale::Lang;
use crate::scaffold;

/// Arguments of `mentorcard new`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Куда записать карточку (по умолчанию practice.toml).
    pub path: Option<PathBuf>,
    /// Записать готовый пример (реверсивное наставничество) вместо пустой заготовки.
    #[arg(long)]
    pub example: bool,
    /// Разрешить перезапись существующего файла.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, lang: Option<Lang>) -> anyhow::Result<i32> {
    let l = lang.unwrap_or_default();
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from("practice.toml"));
    let text = if args.example {
        scaffold::example()
    } else {
        scaffold::scaffold(l)
    };
    if path.exists() && !args.force {
        eprintln!(
            "{}: {} {} — {}",
            l.t("ошибка", "error"),
            path.display(),
            l.t("уже существует", "already exists"),
            l.t(
                "выберите другое имя или добавьте --force, чтобы перезаписать",
                "choose another name or add --force to overwrite"
            )
        );
        return Ok(super::EXIT_USAGE);
    }
    if args.force {
        crate::output::write_atomic(&path, text.as_bytes())?;
    } else {
        crate::output::write_new(&path, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    super::outln!(
        "{} {}",
        l.t("создана карточка", "card written"),
        path.display()
    );
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let schema = dir.join(scaffold::SCHEMA_FILE);
    if !schema.exists() {
        crate::output::write_new(&schema, crate::schema::schema_text().as_bytes())?;
        super::outln!(
            "{} {}",
            l.t("создана схема для редактора", "editor schema written"),
            schema.display()
        );
    }
    Ok(super::EXIT_OK)
}
