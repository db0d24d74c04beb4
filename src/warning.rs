//! What layout and every renderer share without reaching into one another: the warning a
//! stage gives about the document (a character no font has, a link it would not write), and
//! the one policy for untrusted card text — which characters a file may hold and which links
//! become links — so a link refused in one format is refused in every one.

use crate::document::FieldRef;
use crate::message::{LinkFormat, Message};

/// Something a renderer noticed (a character no font has, a link it would not write), with
/// the card field it happened in when it knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub message: Message,
    pub source: Option<FieldRef>,
}

impl Warning {
    /// A link the shared policy refused: every format writes its text and says so the same way.
    pub fn link_refused(url: &str, format: LinkFormat, source: Option<FieldRef>) -> Warning {
        Warning {
            message: Message::LinkNotAllowed {
                url: url.to_string(),
                format,
            },
            source,
        }
    }
}

/// Adds a warning unless the same one is already there.
pub fn warn_once(warnings: &mut Vec<Warning>, warning: Warning) {
    if !warnings.contains(&warning) {
        warnings.push(warning);
    }
}

/// Keeps characters that are allowed in an HTML or XML document: drops the C0 and C1 controls
/// (except tab and newline) and the Unicode noncharacters, which validators and Word reject.
pub fn allowed_char(c: char) -> bool {
    match c {
        '\t' | '\n' => true,
        '\r' => false,
        c if c.is_control() => false,
        '\u{FDD0}'..='\u{FDEF}' => false,
        c => (c as u32) & 0xFFFE != 0xFFFE,
    }
}

/// Schemes a link may use. Anything else (`javascript:`, `data:`, `vbscript:`, `file:`) is
/// written as plain text: a card is untrusted input and its HTML may be put on a school site.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ftp"];

/// The link target to write, or `None` when it must not become a link. Browsers ignore tabs
/// and newlines inside a scheme (`java\tscript:`), so those are removed before looking at it.
/// Characters a URL may not contain (space, quotes, angle brackets…) are percent-encoded, so
/// the target is a valid URL for the HTML checker and for Word's relationship parts.
pub fn safe_link_target(url: &str) -> Option<String> {
    let chars: Vec<char> = url
        .trim()
        .chars()
        .filter(|c| !c.is_control() && allowed_char(*c))
        .collect();
    // Brackets are legal only around an IPv6 host, i.e. before the path begins.
    let path_from = url_host_end(&chars).unwrap_or_default();
    let mut target = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let bad_percent = c == '%'
            && !(chars.get(i + 1).is_some_and(char::is_ascii_hexdigit)
                && chars.get(i + 2).is_some_and(char::is_ascii_hexdigit));
        let bad_bracket = (c == '[' || c == ']') && i >= path_from;
        match c {
            ' ' | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^' => {
                target.push_str(&format!("%{:02X}", c as u32));
            }
            _ if bad_percent || bad_bracket => target.push_str(&format!("%{:02X}", c as u32)),
            c => target.push(c),
        }
    }
    if target.is_empty() {
        return None;
    }
    let scheme_end = target.find(':');
    let path_start = target.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(colon), Some(slash)) if slash < colon => Some(target),
        (Some(colon), _) => {
            let scheme = target[..colon].to_ascii_lowercase();
            ALLOWED_SCHEMES.contains(&scheme.as_str()).then_some(target)
        }
        (None, _) => Some(target),
    }
}

/// Where the host of `scheme://host/…` ends (the index of the path, query or fragment).
fn url_host_end(chars: &[char]) -> Option<usize> {
    let text: String = chars.iter().collect();
    let start = text.find("://")? + 3;
    let start_chars = text[..start].chars().count();
    let end = chars[start_chars..]
        .iter()
        .position(|c| matches!(c, '/' | '?' | '#'))
        .map_or(chars.len(), |p| p + start_chars);
    Some(end)
}
