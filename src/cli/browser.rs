//! `serve --open`: the page in the system's browser, if it has a way to open one; the address
//! is printed anyway.

use std::process::{Command, Stdio};

pub fn open(url: &str) {
    let (program, before): (&str, &[&str]) = match std::env::consts::OS {
        "macos" => ("open", &[]),
        "windows" => ("cmd", &["/C", "start", ""]),
        _ => ("xdg-open", &[]),
    };
    let mut command = Command::new(program);
    command.args(before).arg(url).stdin(Stdio::null());
    if let Ok(mut child) = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn() {
        // Reaped, so no zombie is left while the server runs.
        std::thread::spawn(move || child.wait());
    }
}
