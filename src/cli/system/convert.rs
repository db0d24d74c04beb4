//! Old documents (.doc, .rtf) made .docx by LibreOffice, for `import`: `soffice --headless
//! --convert-to docx` in a private folder with a profile of its own (so a LibreOffice the
//! teacher has open is not disturbed and hers is not changed), stopped after a time limit,
//! and the folder removed whatever happens.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::disk::read_regular;
use crate::world::{ConvertError, OldFormat};

/// How long LibreOffice may take over one document (its first start makes a profile).
const LIMIT: Duration = Duration::from_secs(120);
/// The most a converted document may hold.
const MAX_DOCX: u64 = 64 << 20;

/// Where LibreOffice's `soffice` is: on the PATH, or where its installers put it.
fn soffice() -> Option<PathBuf> {
    let names: &[&str] = if cfg!(windows) {
        &["soffice.exe", "soffice.com"]
    } else {
        &["soffice", "libreoffice"]
    };
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>());
    let known = [
        "C:\\Program Files\\LibreOffice\\program",
        "C:\\Program Files (x86)\\LibreOffice\\program",
        "/Applications/LibreOffice.app/Contents/MacOS",
        "/opt/libreoffice/program",
    ];
    let dirs = on_path.chain(known.iter().map(PathBuf::from));
    dirs.flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// A folder of our own under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn to_docx(bytes: &[u8], from: OldFormat) -> Result<Vec<u8>, ConvertError> {
    let program = soffice().ok_or(ConvertError::NoConverter)?;
    let failed = |e: std::io::Error| ConvertError::Failed(e.to_string());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let name = format!(
        "mentorcard-convert-{}-{}",
        std::process::id(),
        stamp.as_nanos()
    );
    let scratch = Scratch(std::env::temp_dir().join(name));
    std::fs::create_dir(&scratch.0).map_err(failed)?;
    let input = scratch.0.join(format!("document.{}", from.extension()));
    std::fs::write(&input, bytes).map_err(failed)?;
    let profile = format!(
        "-env:UserInstallation={}",
        file_url(&scratch.0.join("profile"))
    );
    let mut child = Command::new(program)
        .args([
            profile.as_str(),
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&scratch.0)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(failed)?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(failed)? {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ConvertError::TimedOut(LIMIT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = scratch.0.join("document.docx");
    match read_regular(&output, MAX_DOCX) {
        Ok(docx) => Ok(docx),
        Err(_) => Err(ConvertError::Failed(format!("soffice: {status}"))),
    }
}

/// `file:///…` for LibreOffice's profile option, with forward slashes on Windows too.
fn file_url(path: &Path) -> String {
    let text = path.display().to_string().replace('\\', "/");
    match text.starts_with('/') {
        true => format!("file://{text}"),
        false => format!("file:///{text}"),
    }
}
