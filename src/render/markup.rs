//! Escaping shared by the HTML and DOCX renderers: both write markup from untrusted card text.

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
