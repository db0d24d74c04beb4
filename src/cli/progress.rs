//! The progress line of a long job: nothing for the first second (most builds are done by
//! then), then `проверка карточек 37/200` redrawn in place on standard error, and erased when
//! the job ends. Only on a terminal: a log or a pipe gets no carriage returns.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::locale::{self, Lang};
use crate::parallel::Progress;

/// Draws the line while it lives.
pub struct Line {
    stop: Arc<AtomicBool>,
    drawer: Option<JoinHandle<()>>,
}

impl Line {
    pub fn start(progress: &Arc<Progress>, lang: Lang) -> Line {
        let stop = Arc::new(AtomicBool::new(false));
        let drawer = std::io::stderr().is_terminal().then(|| {
            let (progress, stop) = (Arc::clone(progress), Arc::clone(&stop));
            std::thread::spawn(move || draw(&progress, &stop, lang))
        });
        Line { stop, drawer }
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

fn draw(progress: &Progress, stop: &AtomicBool, lang: Lang) {
    let started = Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
        if started.elapsed() < Duration::from_secs(1) {
            continue;
        }
        let (stage, done, total) = progress.get();
        let mut line = format!("\r\x1b[K{}", locale::stage_word(stage, lang));
        if total > 1 {
            line.push_str(&format!(" {done}/{total}"));
        }
        line.push('…');
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
        drawn = true;
    }
    if drawn {
        let _ = std::io::stderr().lock().write_all(b"\r\x1b[K");
    }
}
