//! The HTTP half of `serve` on 127.0.0.1 only: answers from memory what the preview's
//! allow-list names (`preview::protocol`) and nothing else (an empty 404). One request per
//! connection, each on a thread of its own, so an open event stream holds up no other; heads
//! are bounded in size and time and connections are counted, so no client grows memory.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::locale::Lang;
use crate::message::{Failure, ListenProblem};
use crate::preview::{page, protocol, Preview, Route};

pub use super::stream::Shared;

/// How long a client may take to send its request's head.
pub(super) const HEAD_TIME: Duration = Duration::from_secs(10);
/// Connections served at once: many tabs share one event stream, so this is plenty.
const MAX_CONNECTIONS: usize = 64;

/// Listens on 127.0.0.1:`port` (any free port for 0) and answers on threads of its own.
pub fn start(port: u16, lang: Lang) -> Result<Arc<Shared>, Failure> {
    let (listener, addr) = bind(port)?;
    let (preview, changed) = (Mutex::new(Preview::new(lang)), Condvar::new());
    let shared = Arc::new(Shared {
        addr,
        preview,
        changed,
    });
    let serving = shared.clone();
    accept_each(listener, move |stream| {
        let _ = answer(stream, &serving);
    });
    Ok(shared)
}

/// A listener on 127.0.0.1:`port` (any free port for 0) and the address it got.
pub(super) fn bind(port: u16) -> Result<(TcpListener, SocketAddr), Failure> {
    let failure = |problem| Failure::Listen { port, problem };
    let io = |e: std::io::Error| failure(ListenProblem::from_io(&e));
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(io)?;
    let addr = listener.local_addr().map_err(io)?;
    Ok((listener, addr))
}

/// Answers each connection on a thread of its own, so an open event stream holds up no
/// other; at most [`MAX_CONNECTIONS`] at once, any more are closed at once.
pub(super) fn accept_each(
    listener: TcpListener,
    answer: impl Fn(TcpStream) + Send + Sync + 'static,
) {
    let answer = Arc::new(answer);
    let open = Arc::new(AtomicUsize::new(0));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                open.fetch_sub(1, Ordering::SeqCst);
                continue; // dropped: closed at once
            }
            let (answer, open) = (answer.clone(), open.clone());
            std::thread::spawn(move || {
                answer(stream);
                open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
}

/// Reads the request's head (bounded in size and time) and answers it.
fn answer(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(HEAD_TIME))?;
    let status = match protocol::read_head(&mut stream)? {
        protocol::Read::Head(head) => Ok(head),
        protocol::Read::Closed => return Ok(()),
        protocol::Read::TooLarge => Err("431 Request Header Fields Too Large"),
        protocol::Read::Bad => Err("400 Bad Request"),
    };
    let request = match status {
        Ok(head) => head,
        Err(status) => return protocol::respond(&mut stream, status, &[], &[], false),
    };
    let route = protocol::host_allowed(request.host.as_deref(), shared.addr.port())
        .then(|| protocol::route(&request.method, &request.target))
        .flatten();
    let body: Option<Arc<[u8]>> = match route {
        Some(Route::Events) => return super::stream::events(stream, shared),
        Some(Route::Page) => Some(shared.lock().page()),
        Some(Route::Pdf) => shared.lock().pdf(),
        Some(Route::Script) => Some(Arc::from(page::SCRIPT.as_bytes())),
        None => None,
    };
    let (Some(route), Some(body)) = (route, body) else {
        // Before any PDF is made its address says so, in words, instead of an empty 404.
        let note = (route == Some(Route::Pdf)).then(|| shared.lock().no_pdf_page());
        let headers = [("Content-Type", "text/html; charset=utf-8")];
        let (headers, note) = note
            .as_ref()
            .map_or((&[][..], &[][..]), |n| (&headers[..], n));
        return protocol::respond(&mut stream, "404 Not Found", headers, note, false);
    };
    let head_only = request.method == "HEAD";
    protocol::respond(
        &mut stream,
        "200 OK",
        &protocol::headers(route),
        &body,
        head_only,
    )
}
