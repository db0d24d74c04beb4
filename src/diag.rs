//! Diagnostics: a typed message with a severity and a source span, collected all at once and
//! printed with the source line and a caret underline. Columns count characters and carets
//! are measured in display width, so Cyrillic, combining accents and wide characters
//! underline correctly at any column. A card's control characters are shown, never sent:
//! see [`visible`].

use std::borrow::Cow;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::locale::{self, Lang};
use crate::message::Message;

/// A byte range in a card's source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

pub use crate::message::Severity;

/// One problem found in a card: what (a typed [`Message`]), how much it matters, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: Message,
    /// `None` when the problem is about the whole file.
    pub span: Option<Span>,
    /// Another file the problem is in, named instead of the card's (the profile that chose
    /// a font); only for a diagnostic without a span.
    pub file: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at the message's own severity.
    pub fn new(message: Message) -> Self {
        Diagnostic {
            severity: message.severity(),
            message,
            span: None,
            file: None,
        }
    }

    pub fn at(mut self, span: impl Into<Option<Span>>) -> Self {
        self.span = span.into();
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The stable machine-readable name (`unknown-key`…), derived from the message.
    pub fn code(&self) -> &'static str {
        self.message.code()
    }

    pub fn text(&self, lang: Lang) -> String {
        self.message.text(lang)
    }

    pub fn hints(&self, lang: Lang) -> Vec<String> {
        self.message.hints(lang)
    }
}

/// A card's text and the name it is shown under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// Line and character column of a byte offset (clamped into the text and onto a
    /// character boundary, so a bad offset can never panic).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        Position {
            line: line + 1,
            column: self.text[start..offset].chars().count() + 1,
        }
    }

    /// The text of a 1-based line without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self
            .line_starts
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line)
            .map(|e| e - 1)
            .unwrap_or(self.text.len());
        self.text[start..end.max(start)].trim_end_matches('\r')
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// Text made safe for a terminal: a control character (an escape sequence could clear the
/// screen, retitle the window or fake output) and a bidirectional override (which reorders
/// what is shown) appear as a visible stand-in, `␛` for ESC and the other C0 controls'
/// pictures, `\u{9b}` for the rest. Line breaks and tabs stay; other text is untouched.
pub fn visible(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !hidden(c) => out.push(c),
            '\u{0}'..='\u{1f}' => out.extend(char::from_u32(0x2400 + c as u32)),
            '\u{7f}' => out.push('\u{2421}'),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// Prints diagnostics as people read them: header, location, source line, carets, hints.
/// Everything printed goes through [`visible`]; carets are measured on what is shown.
pub fn render_text(file: &SourceFile, diags: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diags.iter().take(MAX_SHOWN) {
        out.push_str(&format!(
            "{}: {}\n",
            locale::severity_word(d.severity, lang),
            d.text(lang)
        ));
        match d.span {
            Some(span) => {
                let start = file.position(span.start);
                let number = start.line.to_string();
                let pad = " ".repeat(number.len());
                out.push_str(&format!(
                    "{pad}--> {}:{}:{}\n",
                    file.name, start.line, start.column
                ));
                let (line, before, under) = snippet(file, span, start.line);
                out.push_str(&format!("{pad} |\n{number} | {line}\n"));
                out.push_str(&format!(
                    "{pad} | {}{}\n",
                    " ".repeat(visible(&before).width()),
                    "^".repeat(visible(&under).width().max(1))
                ));
            }
            None => out.push_str(&format!(
                "  --> {}\n",
                d.file.as_ref().unwrap_or(&file.name)
            )),
        }
        for h in d.hints(lang) {
            let h = h.replace('\n', "\n      ");
            out.push_str(&format!("  = {}: {h}\n", locale::help_word(lang)));
        }
        out.push('\n');
    }
    if diags.len() > MAX_SHOWN {
        out.push_str(&locale::more_not_shown(
            &file.name,
            diags.len() - MAX_SHOWN,
            lang,
        ));
        out.push_str("\n\n");
    }
    visible(&out).into_owned()
}

/// How many messages one file prints in full; the count of the rest is said in one line
/// (the totals and `--format json` keep all of them). A card with thousands of problems in
/// one pasted line must not print hundreds of megabytes.
pub const MAX_SHOWN: usize = 200;

/// A line this long is shown whole; a longer one as a window around the span, cut with «…».
const LINE_SHOWN: usize = 160;
const WINDOW_BEFORE: usize = 60;
const WINDOW_SPAN: usize = 80;
const WINDOW_AFTER: usize = 40;

/// The source line as shown (tabs as spaces), the text before the span and the span's text
/// on it, each as printed: the whole line when it is short, otherwise a window around the
/// span with «…» where it is cut. Works on the window's bytes only, so a diagnostic on a
/// megabyte-long line costs what one on a short line does.
fn snippet(file: &SourceFile, span: Span, line: usize) -> (String, String, String) {
    let text = file.line_text(line);
    let line_start = file.line_start(line);
    let clamp = |b: usize| {
        let mut b = b.saturating_sub(line_start).min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    let (from, to) = (clamp(span.start), clamp(span.end.max(span.start)));
    let tabs = |s: &str| s.replace('\t', " ");
    let short = text.len() <= LINE_SHOWN || text.chars().nth(LINE_SHOWN).is_none();
    if short {
        return (tabs(text), tabs(&text[..from]), tabs(&text[from..to]));
    }
    let back = |at: usize, n: usize| {
        text[..at]
            .char_indices()
            .rev()
            .nth(n - 1)
            .map_or(0, |(i, _)| i)
    };
    let ahead = |at: usize, n: usize| {
        text[at..]
            .char_indices()
            .nth(n)
            .map_or(text.len(), |(i, _)| at + i)
    };
    let left = back(from, WINDOW_BEFORE);
    let under_end = ahead(from, WINDOW_SPAN).min(to);
    let right = ahead(under_end, WINDOW_AFTER);
    let cut_left = if left > 0 { "…" } else { "" };
    let cut_right = if right < text.len() { "…" } else { "" };
    (
        format!("{cut_left}{}{cut_right}", tabs(&text[left..right])),
        format!("{cut_left}{}", tabs(&text[left..from])),
        tabs(&text[from..under_end]),
    )
}

/// One-line totals: «card.toml: 2 ошибки, 1 предупреждение».
pub fn summary(file: &SourceFile, diags: &[Diagnostic], lang: Lang) -> String {
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    locale::summary(
        &file.name,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Hint),
        lang,
    )
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    severity: Severity,
    code: &'a str,
    message: String,
    hints: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<Position>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Position>,
}

/// Diagnostics as JSON values, for editors and scripts.
pub fn to_json(file: &SourceFile, diags: &[Diagnostic], lang: Lang) -> Vec<serde_json::Value> {
    diags
        .iter()
        .map(|d| {
            let j = JsonDiagnostic {
                file: d.file.as_ref().unwrap_or(&file.name),
                severity: d.severity,
                code: d.code(),
                message: d.text(lang),
                hints: d.hints(lang),
                start: d.span.map(|s| file.position(s.start)),
                end: d.span.map(|s| file.position(s.end)),
            };
            serde_json::to_value(j).unwrap_or(serde_json::Value::Null)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_and_carets_measured_on_what_is_shown() {
        assert_eq!(visible("a\u{1b}[2J\u{0}\u{7f}\tb\n"), "a␛[2J␀␡\tb\n");
        assert_eq!(visible("\u{9b}x\u{202e}"), "\\u{9b}x\\u{202e}");
        assert!(matches!(visible("Цель"), Cow::Borrowed(_)));
        let text = "goal = \"\u{9b}\u{1b}Цель\"\n";
        let file = SourceFile::new("card\u{1b}.toml", text);
        let start = text.find("Цель").unwrap();
        let d = Diagnostic::new(Message::ReverseRoles).at(Span::new(start, start + "Цель".len()));
        let shown = render_text(&file, &[d], Lang::Ru);
        assert!(shown.contains("--> card␛.toml:1:11\n"), "{shown}");
        assert!(shown.contains("\n1 | goal = \"\\u{9b}␛Цель\"\n"), "{shown}");
        assert!(shown.contains("\n  |                ^^^^\n"), "{shown}");
    }

    #[test]
    fn columns_and_carets_count_characters() {
        let file = SourceFile::new("card.toml", "a = 1\ngoal = \"Цель\"\n");
        let start = file.text.find("Цель").unwrap();
        let d = Diagnostic::new(Message::ReverseRoles).at(Span::new(start, start + "Цель".len()));
        let text = render_text(&file, &[d], Lang::Ru);
        assert!(text.contains("--> card.toml:2:9\n"), "{text}");
        assert!(text.contains("\n  |         ^^^^\n"), "{text}");
    }

    #[test]
    fn carets_measure_display_width() {
        // «е» + a combining acute is one column; «字» is two.
        let file = SourceFile::new("card.toml", "goal = \"уда\u{301}р 字 Цель\"\n");
        let start = file.text.find("Цель").unwrap();
        let d = Diagnostic::new(Message::ReverseRoles).at(Span::new(start, start + "Цель".len()));
        let text = render_text(&file, &[d], Lang::Ru);
        assert!(text.contains("--> card.toml:1:17\n"), "{text}");
        assert!(text.contains("\n  |                 ^^^^\n"), "{text}");
    }

    #[test]
    fn positions_never_panic_inside_a_character() {
        let file = SourceFile::new("c", "Ж");
        assert_eq!(file.position(1), Position { line: 1, column: 1 });
        assert_eq!(file.position(99), Position { line: 1, column: 2 });
    }
}
