//! Diagnostics: values with a severity, a source span, a message and hints, collected all at
//! once and printed with the source line and a caret underline. Columns and carets count
//! characters, not bytes, so Cyrillic lines underline correctly at any column.

use serde::Serialize;

use crate::locale::Lang;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Hint,
}

impl Severity {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.t("ошибка", "error"),
            Severity::Warning => lang.t("предупреждение", "warning"),
            Severity::Hint => lang.t("совет", "hint"),
        }
    }
}

/// One problem found in a card.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable machine-readable name (`unknown-key`, `empty-criterion`…) for scripts and tests.
    pub code: &'static str,
    pub message: String,
    /// `None` when the problem is about the whole file (e.g. it cannot be read).
    pub span: Option<Span>,
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            span: None,
            hints: Vec::new(),
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    pub fn hint_level(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Hint, code, message)
    }

    pub fn at(mut self, span: impl Into<Option<Span>>) -> Self {
        self.span = span.into();
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
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

/// Prints diagnostics as people read them: header, location, source line, carets, hints.
pub fn render_text(file: &SourceFile, diags: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!("{}: {}\n", d.severity.word(lang), d.message));
        match d.span {
            Some(span) => {
                let start = file.position(span.start);
                let end = file.position(span.end.max(span.start));
                let number = start.line.to_string();
                let pad = " ".repeat(number.len());
                out.push_str(&format!(
                    "{pad}--> {}:{}:{}\n",
                    file.name, start.line, start.column
                ));
                let line = file.line_text(start.line).replace('\t', " ");
                let line_chars = line.chars().count();
                let width = if end.line == start.line {
                    end.column.saturating_sub(start.column)
                } else {
                    (line_chars + 1).saturating_sub(start.column)
                }
                .max(1);
                out.push_str(&format!("{pad} |\n{number} | {line}\n"));
                out.push_str(&format!(
                    "{pad} | {}{}\n",
                    " ".repeat(start.column - 1),
                    "^".repeat(width)
                ));
            }
            None => out.push_str(&format!("  --> {}\n", file.name)),
        }
        for h in &d.hints {
            let h = h.replace('\n', "\n      ");
            out.push_str(&format!("  = {}: {h}\n", lang.t("подсказка", "help")));
        }
        out.push('\n');
    }
    out
}

/// One-line totals: «card.toml: 2 ошибки, 1 предупреждение».
pub fn summary(file: &SourceFile, diags: &[Diagnostic], lang: Lang) -> String {
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    let (e, w, h) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Hint),
    );
    let hints = if h > 0 {
        format!(
            ", {}",
            lang.count(h, ["совет", "совета", "советов"], ["hint", "hints"])
        )
    } else {
        String::new()
    };
    if e == 0 && w == 0 {
        return format!(
            "{}: {}{hints}",
            file.name,
            lang.t("ошибок не найдено", "no problems found")
        );
    }
    format!(
        "{}: {}, {}{hints}",
        file.name,
        lang.count(e, ["ошибка", "ошибки", "ошибок"], ["error", "errors"]),
        lang.count(
            w,
            ["предупреждение", "предупреждения", "предупреждений"],
            ["warning", "warnings"]
        )
    )
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    severity: Severity,
    code: &'a str,
    message: &'a str,
    hints: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<Position>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Position>,
}

/// Diagnostics as JSON values, for editors and scripts.
pub fn to_json(file: &SourceFile, diags: &[Diagnostic]) -> Vec<serde_json::Value> {
    diags
        .iter()
        .map(|d| {
            let j = JsonDiagnostic {
                file: &file.name,
                severity: d.severity,
                code: d.code,
                message: &d.message,
                hints: &d.hints,
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
    fn columns_and_carets_count_characters() {
        let file = SourceFile::new("card.toml", "a = 1\ngoal = \"Цель\"\n");
        let start = file.text.find("Цель").unwrap();
        let d = Diagnostic::error("x", "bad").at(Span::new(start, start + "Цель".len()));
        let text = render_text(&file, &[d], Lang::Ru);
        assert!(text.contains("--> card.toml:2:9\n"), "{text}");
        assert!(text.contains("\n  |         ^^^^\n"), "{text}");
    }

    #[test]
    fn positions_never_panic_inside_a_character() {
        let file = SourceFile::new("c", "Ж");
        assert_eq!(file.position(1), Position { line: 1, column: 1 });
        assert_eq!(file.position(99), Position { line: 1, column: 2 });
    }
}
