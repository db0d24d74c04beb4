//! The sockets of `edit`: 127.0.0.1 only, a request per connection on a thread of its own
//! (the event stream holds one open), heads and bodies bounded in size and time, connections
//! counted. What to answer is the library's (`editor::Session::handle`).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::super::server::{accept_each, HEAD_TIME};
use crate::editor::{Answer, Request, Session};
use crate::preview::protocol::{self, Read};

/// The most a save may send: a whole card is a few dozen kilobytes.
const MAX_BODY: usize = 4 << 20;
const KEEP_ALIVE: Duration = Duration::from_secs(20);

/// A session token no other page can guess: 128 bits from std's randomly seeded hasher.
pub fn token() -> String {
    let part = |n: u64| {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(n);
        hasher.write_u32(std::process::id());
        hasher.finish()
    };
    format!("{:016x}{:016x}", part(1), part(2))
}

/// Answers the editor's requests until the program ends.
pub fn serve(listener: TcpListener, session: Arc<Session>) {
    accept_each(listener, move |stream| {
        let _ = answer(stream, &session);
    });
}

fn answer(mut stream: TcpStream, session: &Session) -> std::io::Result<()> {
    stream.set_read_timeout(Some(HEAD_TIME))?;
    let head = match protocol::read_head(&mut stream)? {
        Read::Head(head) => head,
        Read::Closed => return Ok(()),
        Read::TooLarge => return refuse(&mut stream, "431 Request Header Fields Too Large"),
        Read::Bad => return refuse(&mut stream, "400 Bad Request"),
    };
    let Some(body) = protocol::read_body(&mut stream, &head, MAX_BODY)? else {
        return refuse(&mut stream, "413 Content Too Large");
    };
    let request = Request {
        method: head.method,
        target: head.target,
        host: head.host,
        origin: head.origin,
        token: head.token,
        body,
    };
    match session.handle(&request) {
        Answer::Events => events(stream, session),
        Answer::Whole { status, kind, body } => {
            let headers = [
                ("Content-Type", kind),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "no-referrer"),
                ("Content-Security-Policy", CSP),
            ];
            let head_only = request.method == "HEAD";
            protocol::respond(&mut stream, status, &headers, &body, head_only)
        }
    }
}

/// The editor's page loads only its own script and style; the preview frame is its own.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'";

fn refuse(stream: &mut TcpStream, status: &str) -> std::io::Result<()> {
    protocol::respond(stream, status, &[], &[], false)
}

/// The card's version at once, then each new one (the file changed), until the tab closes.
fn events(mut out: TcpStream, session: &Session) -> std::io::Result<()> {
    out.write_all(protocol::EVENTS_HEAD.as_bytes())?;
    let mut sent = None;
    loop {
        let version = session.wait_change(sent, KEEP_ALIVE);
        let text = match sent {
            Some(v) if v == version => protocol::KEEP_ALIVE.to_string(),
            _ => format!("event: card\ndata: {version}\n\n"),
        };
        sent = Some(version);
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
}
