use std::path::PathBuf;

/// Arguments of `mentorcard schema`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Записать схему в файл вместо вывода на экран.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<i32> {
    let text = crate::schema::schema_text();
    match &args.output {
        Some(path) => crate::output::write_atomic(path, text.as_bytes())?,
        None => super::outf!("{text}"),
    }
    Ok(super::EXIT_OK)
}
