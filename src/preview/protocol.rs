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
    fn events_are_named_and_end_with_a_blank_line() {
        assert_eq!(build_event(7, false), "event: build\ndata: 7\n\n");
        assert!(build_event(1, true).starts_with("retry: 500\n"));
        assert!(EVENTS_HEAD.ends_with("\r\n\r\n"));
        assert!(!EVENTS_HEAD.contains("chunked"));
    }
}
