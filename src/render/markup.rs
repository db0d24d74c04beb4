//! Escaping and the link policy shared by the renderers: all of them write markup from
//! untrusted card text, and a link that is refused in one format is refused in every one.

pub use crate::warning::{allowed_char, safe_link_target, ALLOWED_SCHEMES};

/// Escapes text for HTML or XML element content and double- or single-quoted attributes.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if allowed_char(c) => out.push(c),
            _ => {}
        }
    }
}
