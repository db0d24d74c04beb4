use std::path::PathBuf;

use crate::locale::Lang;

/// Arguments of `mentorcard templates`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Выгрузить встроенные шаблоны (page.html, table.html, style.css) в папку, чтобы изменить их
    /// и собирать с --templates ПАПКА.
    #[arg(long, value_name = "ПАПКА")]
    pub eject: PathBuf,
    /// Перезаписать уже существующие файлы шаблонов.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, lang: Option<Lang>) -> anyhow::Result<i32> {
    let l = lang.unwrap_or_default();
    std::fs::create_dir_all(&args.eject)
        .map_err(|e| anyhow::anyhow!("{}: {}", args.eject.display(), l.io_error(&e)))?;
    match crate::templates::eject_with(&args.eject, args.force) {
        Ok(paths) => {
            for p in paths {
                super::outln!(
                    "{} {}",
                    l.t("записан шаблон", "template written"),
                    p.display()
                );
            }
            super::outln!(
                "{} mentorcard build КАРТОЧКА --templates {}",
                l.t(
                    "измените нужный файл и соберите:",
                    "edit a file and build with:"
                ),
                args.eject.display()
            );
            Ok(super::EXIT_OK)
        }
        Err(e) => {
            eprintln!("{}: {}", l.t("ошибка", "error"), e.describe(l));
            Ok(super::EXIT_USAGE)
        }
    }
}
