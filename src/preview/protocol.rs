//! What the preview server says over HTTP. It answers a strict allow-list of URL paths, each
//! naming something held in memory — the page, the PDF, the reload script, the event stream —
//! and never maps a URL to the file system, so no request can reach another file of the
//! folder, the card's source, or anything outside it, whatever its dots and escapes.

/// Everything the server answers; any other request gets an empty 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Page,
    Pdf,
    Script,
    Events,
}

pub const PAGE_PATH: &str = "/";
pub const PDF_PATH: &str = "/preview.pdf";
pub const SCRIPT_PATH: &str = "/live.js";
pub const EVENTS_PATH: &str = "/events";

/// What a request asks for, if it is on the list: GET or HEAD of an exact path, after its
/// percent-escapes are decoded (the query is ignored; a malformed escape is no path at all).
pub fn route(method: &str, target: &str) -> Option<Route> {
    if method != "GET" && method != "HEAD" {
        return None;
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    match percent_decode(path)?.as_str() {
        PAGE_PATH => Some(Route::Page),
        PDF_PATH => Some(Route::Pdf),
        SCRIPT_PATH => Some(Route::Script),
        EVENTS_PATH => Some(Route::Events),
        _ => None,
    }
}

/// Whether the `Host` header names this server (`127.0.0.1:PORT` or `localhost:PORT`). A
/// page on another site that rebinds its DNS name to 127.0.0.1 sends its own name, and is
/// refused, so it cannot read the preview.
pub fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let host = host.trim().to_ascii_lowercase();
    host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
}

/// `%XX` escapes decoded; `None` for a malformed escape or bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            // Two hex digits exactly: `from_str_radix` alone would take "+1".
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The headers of a route's answer (the event stream writes its own, [`EVENTS_HEAD`]).
pub fn headers(route: Route) -> Vec<(&'static str, &'static str)> {
    let kind = match route {
        Route::Page => "text/html; charset=utf-8",
        Route::Pdf => "application/pdf",
        Route::Script => "text/javascript; charset=utf-8",
        Route::Events => "text/event-stream",
    };
    vec![
        ("Content-Type", kind),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Content-Security-Policy", "frame-ancestors 'none'"),
    ]
}

/// The head of the event stream, written by hand: with no length the HTTP library would
/// send the body chunked, which browsers dislike for an event stream (as typst found).
pub const EVENTS_HEAD: &str = "HTTP/1.1 200 OK\r\n\
    Content-Type: text/event-stream\r\n\
    Cache-Control: no-store\r\n\
    X-Content-Type-Options: nosniff\r\n\r\n";

/// The event that tells the page which build the server holds now; the first one also asks
/// the browser to reconnect quickly when the server comes back.
pub fn build_event(version: u64, first: bool) -> String {
    let retry = if first { "retry: 500\n" } else { "" };
    format!("{retry}event: build\ndata: {version}\n\n")
}

/// The most a request's line and headers may take: a browser's are well under 8 KiB; an
/// endless header must not grow the server's memory.
pub const MAX_HEAD: usize = 16 * 1024;

/// What the server reads of a request: its method, target, `Host`, and for the form
/// editor's writes `Origin`, the session's token and the body's length.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
    pub origin: Option<String>,
    pub token: Option<String>,
    pub length: Option<usize>,
    /// Bytes read past the head: the start of the body.
    pub rest: Vec<u8>,
}

/// Where the head of a request ends in `bytes` (just past its blank line), if it has.
pub fn head_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
}

/// The request line and `Host` of a complete head; `None` for anything that is not an HTTP/1
/// request (the server then answers 400).
pub fn parse_head(head: &[u8]) -> Option<Head> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.split("\r\n");
    let mut request = lines.next()?.split(' ');
    let (method, target, version) = (request.next()?, request.next()?, request.next()?);
    if request.next().is_some() || !version.starts_with("HTTP/1.") {
        return None;
    }
    let fields: Vec<(&str, &str)> = lines.filter_map(|l| l.split_once(':')).collect();
    let header = |wanted: &str| {
        let found = fields
            .iter()
            .find(|(name, _)| name.trim().eq_ignore_ascii_case(wanted));
        found.map(|(_, value)| value.trim().to_string())
    };
    let length = match header("content-length") {
        Some(n) => Some(n.parse().ok()?),
        None => None,
    };
    Some(Head {
        method: method.to_string(),
        target: target.to_string(),
        host: header("host"),
        origin: header("origin"),
        token: header(TOKEN_HEADER),
        length,
        rest: Vec::new(),
    })
}

/// What reading a request's head gave.
pub enum Read {
    Head(Head),
    /// The client closed the connection before a whole head.
    Closed,
    /// Longer than [`MAX_HEAD`]: answered 431 and closed.
    TooLarge,
    /// Not an HTTP/1 request: answered 400.
    Bad,
}

/// Reads a request's head, never more than [`MAX_HEAD`] and a read's worth past it.
pub fn read_head(stream: &mut impl std::io::Read) -> std::io::Result<Read> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    loop {
        if let Some(end) = head_end(&head) {
            let parsed = parse_head(&head[..end]).map(|h| Head {
                rest: head[end..].to_vec(),
                ..h
            });
            return Ok(parsed.map_or(Read::Bad, Read::Head));
        }
        if head.len() > MAX_HEAD {
            return Ok(Read::TooLarge);
        }
        match stream.read(&mut buf)? {
            0 => return Ok(Read::Closed),
            n => head.extend_from_slice(&buf[..n]),
        }
    }
}

/// The header the form editor's page sends its session token in.
pub const TOKEN_HEADER: &str = "x-mentorcard-token";

/// A request's body, exactly `Content-Length` bytes, at most `max` (`None`: too long, or
/// the client closed early). No length is an empty body.
pub fn read_body(
    stream: &mut impl std::io::Read,
    head: &Head,
    max: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    let length = head.length.unwrap_or(0);
    if length > max || head.rest.len() > length {
        return Ok(None);
    }
    let mut body = head.rest.clone();
    body.resize(length, 0);
    let mut filled = head.rest.len();
    while filled < length {
        match stream.read(&mut body[filled..])? {
            0 => return Ok(None),
            n => filled += n,
        }
    }
    Ok(Some(body))
}

/// One whole response, and the connection closes after it; a HEAD request gets the length
/// of the body a GET would get, without the body.
pub fn respond(
    out: &mut impl std::io::Write,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let mut text = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    out.write_all(text.as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}

/// A comment line, sent when nothing happened for a while: a write to a closed tab fails,
/// which ends that stream's thread.
pub const KEEP_ALIVE: &str = ":\n\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_paths_are_served() {
        assert_eq!(route("GET", "/"), Some(Route::Page));
        assert_eq!(route("HEAD", "/?v=3"), Some(Route::Page));
        assert_eq!(route("GET", "/preview.pdf"), Some(Route::Pdf));
        assert_eq!(route("GET", "/live.js"), Some(Route::Script));
        assert_eq!(route("GET", "/events"), Some(Route::Events));
        assert_eq!(route("GET", "/%6Cive.js"), Some(Route::Script));
        for bad in [
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2fetc/passwd",
            "//etc/passwd",
            "/etc/passwd",
            "/card.toml",
            "/reverse-mentoring.toml",
            "/index.html",
            "/preview.pdf/",
            "/preview.pdf/..",
            "/live.js%00",
            "/%",
            "/%zz",
            "/%c3",
            "http://127.0.0.1/etc/passwd",
            "*",
            "",
        ] {
            assert_eq!(route("GET", bad), None, "{bad}");
        }
        assert_eq!(route("POST", "/"), None);
        assert_eq!(route("PUT", "/preview.pdf"), None);
        assert_eq!(route("OPTIONS", "*"), None);
    }

    #[test]
    fn escapes_decode_to_utf8_or_nothing() {
        assert_eq!(percent_decode("/%D0%B0%20b").as_deref(), Some("/а b"));
        assert_eq!(percent_decode("/%2e%2E").as_deref(), Some("/.."));
        assert_eq!(percent_decode("/%ff"), None);
        assert_eq!(percent_decode("/%4"), None);
        assert_eq!(percent_decode("/%+1"), None);
    }

    #[test]
    fn only_this_server_may_be_the_host() {
        assert!(host_allowed(Some("127.0.0.1:8080"), 8080));
        assert!(host_allowed(Some("LocalHost:8080"), 8080));
        assert!(!host_allowed(Some("127.0.0.1:8081"), 8080));
        assert!(!host_allowed(Some("evil.example:8080"), 8080));
        assert!(!host_allowed(Some("127.0.0.1"), 8080));
        assert!(!host_allowed(None, 8080));
    }

    #[test]
    fn heads_are_read_for_method_target_and_host() {
        let head = b"GET /live.js HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nAccept: */*\r\n\r\n";
        assert_eq!(head_end(head), Some(head.len()));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a"), None);
        assert_eq!(
            parse_head(head),
            Some(Head {
                method: "GET".into(),
                target: "/live.js".into(),
                host: Some("127.0.0.1:8080".into()),
                ..Head::default()
            })
        );
        assert_eq!(parse_head(b"GET / HTTP/2\r\n\r\n"), None);
        assert_eq!(parse_head(b"GET  / HTTP/1.1\r\n\r\n"), None);
        assert_eq!(parse_head(b"\xff\r\n\r\n"), None);
        assert_eq!(
            parse_head(b"GET / HTTP/1.1\r\n\r\n").and_then(|h| h.host),
            None
        );
    }

    #[test]
    fn an_endless_head_is_cut_at_the_limit() {
        let mut endless = std::io::repeat(b'a');
        assert!(matches!(read_head(&mut endless), Ok(Read::TooLarge)));
        let mut short: &[u8] = b"GET / HTTP/1.1\r\nHost: x\r\n\r\nrest";
        assert!(
            matches!(read_head(&mut short), Ok(Read::Head(h)) if h.host.as_deref() == Some("x"))
        );
        let mut cut: &[u8] = b"GET / HTTP/1.1\r\n";
        assert!(matches!(read_head(&mut cut), Ok(Read::Closed)));
        let mut out = Vec::new();
        respond(
            &mut out,
            "200 OK",
            &[("Content-Type", "text/plain")],
            b"hi",
            false,
        )
        .unwrap();
        assert_eq!(
            out,
            b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"
        );
    }

    #[test]
    fn bodies_are_read_to_their_length_and_no_further() {
        let mut stream: &[u8] = b"POST /api/save HTTP/1.1\r\nHost: h\r\nOrigin: o\r\nX-Mentorcard-Token: t\r\nContent-Length: 7\r\n\r\n{\"a\"";
        let Ok(Read::Head(head)) = read_head(&mut stream) else {
            panic!("no head");
        };
        assert_eq!(
            (head.origin.as_deref(), head.token.as_deref()),
            (Some("o"), Some("t"))
        );
        let mut more: &[u8] = b":1}extra";
        let body = read_body(&mut more, &head, 100).unwrap();
        assert_eq!(body.as_deref(), Some(&b"{\"a\":1}"[..]));
        assert_eq!(
            read_body(&mut &b""[..], &head, 5).unwrap(),
            None,
            "over the limit"
        );
        assert_eq!(
            read_body(&mut &b":"[..], &head, 100).unwrap(),
            None,
            "closed early"
        );
        assert_eq!(
            parse_head(b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
            None
        );
    }

    #[test]
    fn events_are_named_and_end_with_a_blank_line() {
        assert_eq!(build_event(7, false), "event: build\ndata: 7\n\n");
        assert!(build_event(1, true).starts_with("retry: 500\n"));
        assert!(EVENTS_HEAD.ends_with("\r\n\r\n"));
        assert!(!EVENTS_HEAD.contains("chunked"));
    }
}
