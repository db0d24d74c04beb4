//! What `serve`'s builder and request threads share: the preview, and the event stream of
//! it — one per browser (its tabs share it), telling the page which build the server holds,
//! then each new one, with a comment now and then to notice a closed tab.

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use std::net::SocketAddr;
use std::sync::{Condvar, Mutex, MutexGuard};

use super::common;
use crate::locale::{self, Lang};
use crate::message::Failure;
use crate::preview::{protocol, Preview};

/// The preview, shared by the builder and the request threads.
pub struct Shared {
    pub addr: SocketAddr,
    pub(super) preview: Mutex<Preview>,
    pub(super) changed: Condvar,
}

impl Shared {
    /// Changes the preview and wakes the event streams.
    pub fn update(&self, change: impl FnOnce(&mut Preview)) {
        change(&mut self.lock());
        self.changed.notify_all();
    }

    /// A failure, printed, and shown on the page as the CLI prints it.
    pub fn report(&self, failure: &Failure, lang: Lang) {
        common::fail(failure, lang);
        let text = format!("{}: {}\n", locale::error_word(lang), failure.text(lang));
        self.update(|p| p.report(text, lang));
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, Preview> {
        self.preview.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// How often an idle event stream shows it is alive (and learns that its tab is closed).
const KEEP_ALIVE: Duration = Duration::from_secs(20);

/// The event stream: the version the server holds at once, then each new one, until the tab
/// is closed and a write fails.
pub(super) fn events(mut out: TcpStream, shared: &Shared) -> std::io::Result<()> {
    out.write_all(protocol::EVENTS_HEAD.as_bytes())?;
    let mut sent = None;
    loop {
        let version = {
            let preview = shared.lock();
            let unchanged = |p: &mut Preview| sent == Some(p.version());
            let waited = (shared.changed).wait_timeout_while(preview, KEEP_ALIVE, unchanged);
            let (preview, _) = waited.unwrap_or_else(|p| p.into_inner());
            preview.version()
        };
        let text = match sent {
            Some(v) if v == version => protocol::KEEP_ALIVE.to_string(),
            _ => protocol::build_event(version, sent.is_none()),
        };
        sent = Some(version);
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
}
