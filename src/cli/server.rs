//! The HTTP half of `serve`: tiny_http on 127.0.0.1 only, answering from memory what the
//! preview's allow-list names (`preview::protocol::route`) and nothing else: any other
//! request gets an empty 404. Each request has a thread of its own, so a slow reader or an
//! open event stream never holds up the others.

use std::io::{Cursor, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use tiny_http::{Header, Request, Response, StatusCode};

use super::common;
use crate::locale::{self, Lang};
use crate::message::{Failure, ListenProblem};
use crate::preview::{page, protocol, Preview, Route};

/// How often an idle event stream shows it is alive (and learns that its tab is closed).
const KEEP_ALIVE: Duration = Duration::from_secs(20);

/// The preview, shared by the builder and the request threads.
pub struct Shared {
    pub addr: SocketAddr,
    preview: Mutex<Preview>,
    changed: Condvar,
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

    fn lock(&self) -> MutexGuard<'_, Preview> {
        self.preview.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Listens on 127.0.0.1:`port` (any free port for 0) and answers on threads of its own.
pub fn start(port: u16, lang: Lang) -> Result<Arc<Shared>, Failure> {
    let failure = |problem| Failure::Listen { port, problem };
    let io = |e: std::io::Error| failure(ListenProblem::from_io(&e));
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(io)?;
    let addr = listener.local_addr().map_err(io)?;
    let server = tiny_http::Server::from_listener(listener, None);
    let server = server.map_err(|e| failure(ListenProblem::Other(e.to_string())))?;
    let (preview, changed) = (Mutex::new(Preview::new(lang)), Condvar::new());
    #[rustfmt::skip]
    let shared = Arc::new(Shared { addr, preview, changed });
    let serving = shared.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = serving.clone();
            std::thread::spawn(move || answer(request, &shared));
        }
    });
    Ok(shared)
}

fn answer(request: Request, shared: &Shared) -> std::io::Result<()> {
    let host = request.headers().iter().find(|h| h.field.equiv("Host"));
    let host = host.map(|h| h.value.as_str());
    let route = protocol::host_allowed(host, shared.addr.port())
        .then(|| protocol::route(request.method().as_str(), request.url()))
        .flatten();
    let body: Option<Arc<[u8]>> = match route {
        Some(Route::Events) => return events(request, shared),
        Some(Route::Page) => Some(shared.lock().page()),
        Some(Route::Pdf) => shared.lock().pdf(),
        Some(Route::Script) => Some(Arc::from(page::SCRIPT.as_bytes())),
        None => None,
    };
    let (Some(route), Some(body)) = (route, body) else {
        return request.respond(Response::empty(StatusCode(404)));
    };
    let headers = protocol::headers(route).into_iter();
    let headers = headers
        .flat_map(|(k, v)| Header::from_bytes(k, v))
        .collect();
    let (length, body) = (Some(body.len()), Cursor::new(body));
    let response = Response::new(StatusCode(200), headers, body, length, None);
    // With its length known, the body goes whole: tiny_http would chunk one over 32 KiB.
    request.respond(response.with_chunked_threshold(usize::MAX))
}

/// The event stream: the version the server holds at once, then each new one, until the tab
/// is closed and a write fails.
fn events(request: Request, shared: &Shared) -> std::io::Result<()> {
    let mut out = request.into_writer();
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
