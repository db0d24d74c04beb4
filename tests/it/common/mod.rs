//! A small harness: run the real binary in a scratch folder and compare whole outputs with
//! reference files, updated by `UPDATE_GOLDEN=1 cargo test` rather than by hand.
#![allow(dead_code)]

pub mod pdf;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Every command a user can type, in the help's order.
pub const COMMANDS: [&str; 11] = [
    "check",
    "build",
    "new",
    "import",
    "schema",
    "templates",
    "fonts",
    "watch",
    "serve",
    "edit",
    "completions",
];

/// `mentorcard build CARD --profile PROFILE -f FORMAT -o out` in `dir`.
pub fn build_with_profile(dir: &Path, card: &str, profile: &str, format: &str) -> Run {
    run(
        dir,
        &[
            "build",
            card,
            "--profile",
            profile,
            "-f",
            format,
            "-o",
            "out",
        ],
    )
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mentorcard"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh empty folder under target/, unique per test name.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs mentorcard in `dir` with a fixed environment (no inherited language or date).
pub fn run(dir: &Path, args: &[&str]) -> Run {
    run_env(dir, args, &[])
}

pub fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(bin());
    cmd.current_dir(dir)
        .args(args)
        .env_remove("MENTORCARD_LANG")
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run mentorcard");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
    }
}

/// Compares `actual` with the reference file, or rewrites it when UPDATE_GOLDEN is set.
pub fn assert_golden(path: &Path, actual: &str) {
    if let Err(message) = check_golden(path, actual) {
        panic!("{message}");
    }
}

/// [`assert_golden`] that returns the difference instead of panicking, so a test over many
/// cases can report all of them.
pub fn check_golden(path: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return Ok(());
    }
    let Ok(expected) = std::fs::read_to_string(path) else {
        return Err(format!(
            "missing golden file {} (run with UPDATE_GOLDEN=1)",
            path.display()
        ));
    };
    if expected != actual {
        return Err(format!(
            "output differs from {}\n--- expected\n{expected}\n--- actual\n{actual}\n(run with UPDATE_GOLDEN=1 to accept)",
            path.display()
        ));
    }
    Ok(())
}

/// Lower-cased words (letters and digits) of a text, for "every word of the seed" checks.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect()
}

/// The words of `seed` that `text` lacks, counting repeats (a multiset difference).
pub fn missing_words(seed: &str, text: &str) -> Vec<String> {
    let mut have = std::collections::HashMap::<String, usize>::new();
    for w in words(text) {
        *have.entry(w).or_default() += 1;
    }
    let mut missing = Vec::new();
    for w in words(seed) {
        match have.get_mut(&w) {
            Some(n) if *n > 0 => *n -= 1,
            _ => missing.push(w),
        }
    }
    missing
}

pub fn seed_text() -> String {
    std::fs::read_to_string(root().join("tests/data/seed-practice-reverse-mentoring.txt"))
        .expect("the seed practice at tests/data/")
}

/// Words of the seed's rows 7 and 13 that the example writes in today's standard form instead:
/// norms as in-text citations (`РФ` → `Российской Федерации`, `2 марта 2018 года` →
/// `02.03.2018`, `N` → `№`) and materials by ГОСТ Р 7.0.100-2018 (`СПб` → `Санкт-Петербург`,
/// `208с` → `208 с.`, `2-ое издание` → `2-е изд.`, `Из-во` dropped, `Психол.` spelt out, and
/// `РНР` typed in Cyrillic letters in the seed → `PHP`). Nothing else may be missing.
pub const RESTATED_IN_STANDARD_FORM: &[&str] = &[
    "рф",
    "марта",
    "7",
    "мая",
    "года",
    "n",
    "спб",
    "208с",
    "736с",
    "320с",
    "1264с",
    "рнр",
    "ое",
    "издание",
    "психол",
    "м",
    "во",
    "из",
];

/// [`run_env`] that kills the program after `limit` and panics, so a regression into a hang
/// (a FIFO, `/dev/zero`) fails the test instead of stalling the suite.
pub fn run_limited(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    limit: std::time::Duration,
) -> Run {
    use std::io::Read;
    use std::process::Stdio;
    let mut cmd = Command::new(bin());
    cmd.current_dir(dir)
        .args(args)
        .env_remove("MENTORCARD_LANG")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run mentorcard");
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8(bytes).expect("utf-8 output")
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for mentorcard") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("mentorcard {args:?} still ran after {limit:?}: killed");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Every file under `dir`, relative to it, sorted: what a command left behind.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() && !path.is_symlink() {
                todo.push(path.clone());
            }
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            found.push(rel.to_string_lossy().into_owned());
        }
    }
    found.sort();
    found
}

/// TOML → JSON the way editors see it: dates become strings.
pub fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => s.clone().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => (*f).into(),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect(),
    }
}

/// One part of a zip package (a DOCX) as text.
pub fn zip_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}
