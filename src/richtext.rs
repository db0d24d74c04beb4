//! The rich-text syntax of every text field of a card: a small, forgiving, Markdown-like
//! language that teachers can type by hand or paste from Word.
//!
//! It is deliberately not CommonMark: teachers paste `·` bullets straight after a sentence
//! without a blank line, write `Padlet \Сетевой` with a stray backslash, and leave markers
//! unclosed. Every such input must come out as sensible text, never as an error or a panic, so
//! the parser has no failure mode at all: whatever it cannot read as markup stays literal.
//!
//! Blocks are parsed line by line (paragraphs and lists, lists nest by indentation); inlines
//! are parsed in one left-to-right pass with a delimiter stack, which keeps the work linear even
//! for thousands of unmatched markers.

use crate::document::{Align, Block, Inline, List, ListKind};

/// Lists nested deeper than this are flattened into their parent list: no card needs more, and
/// a bound keeps recursion (and every renderer's recursion) safe on hostile input.
const MAX_LIST_DEPTH: usize = 8;

/// Inline styles nested deeper than this stay literal, for the same reason.
const MAX_INLINE_DEPTH: usize = 16;

/// Longest target read in `[text](url)`; real addresses are far shorter.
const MAX_URL_CHARS: usize = 2048;

/// Parses a whole text field into paragraphs and lists.
///
/// Only `Paragraph { align: Align::Body }` and `List` blocks come out; there is never an empty
/// paragraph, an empty list or an empty `Text`.
pub fn parse(text: &str) -> Vec<Block> {
    let lines = split_lines(text);
    let mut parser = BlockParser { lines, pos: 0 };
    parser.blocks()
}

/// `https://` + a link written without a scheme (`www.school.ru/…`, `school.ru/page`),
/// which every format would otherwise take for a file beside the document; `None` when the
/// link has a scheme or is not an address (`#part`, `./file`, a word). The link every
/// renderer writes and the hint `check` gives both come from here.
pub fn with_scheme(url: &str) -> Option<String> {
    let url = url.trim();
    let host_end = url.find(['/', '?', '#']).unwrap_or(url.len());
    let host = &url[..host_end];
    if host.contains(':') || host.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or("").to_lowercase();
    let named = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && (labels[0].eq_ignore_ascii_case("www") || SITE_ENDINGS.contains(&tld.as_str()));
    named.then(|| format!("https://{url}"))
}

/// Endings of the sites a card links to; a name with another ending (`отчёт.docx`) is a file.
const SITE_ENDINGS: &[&str] = &[
    "ru", "рф", "su", "рус", "com", "org", "net", "info", "edu", "gov", "io", "online", "site",
    "pro", "biz", "me", "by", "kz", "ua", "uz", "de", "uk", "us", "tv",
];

/// Parses a one-line field (a label, a term): inline markup only. Line breaks, if any, become
/// spaces, so a field that accidentally holds a list marker keeps it as text.
pub fn parse_inline(text: &str) -> Vec<Inline> {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let joined = normalized
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    parse_inlines(&joined)
}

// ---------------------------------------------------------------------------------------------
// Blocks

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Bullet,
    Numbered,
}

#[derive(Debug)]
struct Line<'a> {
    /// Width of the leading whitespace; a tab counts as four so that one tab nests a list.
    indent: usize,
    /// The line without leading and trailing whitespace; empty for a blank line.
    text: &'a str,
    item: Option<ItemMarker<'a>>,
}

#[derive(Debug, Clone, Copy)]
struct ItemMarker<'a> {
    kind: MarkerKind,
    number: u32,
    /// The item's text after the marker, trimmed, never empty.
    rest: &'a str,
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    // CR, LF and CRLF all end a line: Word on old Macs and Windows clipboards both occur.
    let mut lines = Vec::new();
    let mut rest = text;
    loop {
        let (line, next) = match rest.find(['\r', '\n']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], Some(&rest[i + skip..]))
            }
            None => (rest, None),
        };
        lines.push(make_line(line));
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    lines
}

fn make_line(raw: &str) -> Line<'_> {
    let mut indent = 0;
    for c in raw.chars() {
        match c {
            '\t' => indent += 4,
            c if c.is_whitespace() => indent += 1,
            _ => break,
        }
    }
    let text = raw.trim();
    Line {
        indent,
        text,
        item: item_marker(text),
    }
}

/// Recognises a list item at the start of a trimmed line.
fn item_marker(text: &str) -> Option<ItemMarker<'_>> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let after_first = &text[first.len_utf8()..];
    fn bullet(rest: &str) -> Option<ItemMarker<'_>> {
        let rest = rest.trim_start();
        (!rest.is_empty()).then_some(ItemMarker {
            kind: MarkerKind::Bullet,
            number: 0,
            rest,
        })
    }
    match first {
        // `-` and `*` need a space: `-конструктор` is a word, `*курсив*` is emphasis.
        '-' | '*' if after_first.starts_with([' ', '\t']) => bullet(after_first),
        // Word pastes `·текст` with the space lost, and nobody writes a word starting with `·`.
        '·' | '•' => bullet(after_first),
        '0'..='9' => {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            // Nine digits fit in u32; a longer number is a figure in the text, not a marker.
            if digits > 9 {
                return None;
            }
            let after = &text[digits..];
            let after = after
                .strip_prefix('.')
                .or_else(|| after.strip_prefix(')'))?;
            if !after.starts_with([' ', '\t']) {
                return None;
            }
            let rest = after.trim_start();
            if rest.is_empty() {
                return None;
            }
            Some(ItemMarker {
                kind: MarkerKind::Numbered,
                number: text[..digits].parse().ok()?,
                rest,
            })
        }
        _ => None,
    }
}

struct BlockParser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
}

impl<'a> BlockParser<'a> {
    fn line(&self, i: usize) -> Option<&Line<'a>> {
        self.lines.get(i)
    }

    fn next_non_blank(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&i| !self.lines[i].text.is_empty())
    }

    fn blocks(&mut self) -> Vec<Block> {
        let mut blocks = Vec::new();
        while let Some(i) = self.next_non_blank(self.pos) {
            self.pos = i;
            if self.lines[i].item.is_some() {
                if let Some(list) = self.list(0, 1) {
                    blocks.push(list);
                }
            } else {
                let mut texts = Vec::new();
                while let Some(line) = self.line(self.pos) {
                    if line.text.is_empty() || line.item.is_some() {
                        break;
                    }
                    texts.push(line.text);
                    self.pos += 1;
                }
                push_paragraph(&mut blocks, &texts);
            }
        }
        blocks
    }

    /// Parses a list whose first item is at `self.pos`. Items at `min_indent` or deeper with
    /// the same marker kind are siblings; a shallower item, a different kind or a paragraph
    /// that is not indented into an item ends the list.
    fn list(&mut self, min_indent: usize, depth: usize) -> Option<Block> {
        let first = self.line(self.pos)?.item?;
        let kind = match first.kind {
            MarkerKind::Bullet => ListKind::Bullet,
            MarkerKind::Numbered => ListKind::Numbered {
                start: first.number,
            },
        };
        let mut items = Vec::new();
        let mut seen = 0usize;
        while let Some(i) = self.next_non_blank(self.pos) {
            let line = &self.lines[i];
            let Some(marker) = line.item else { break };
            if seen > 0 && (line.indent < min_indent || marker.kind != first.kind) {
                break;
            }
            seen += 1;
            let indent = line.indent;
            self.pos = i + 1;
            let item = self.item(indent, marker.rest, depth);
            if !item.is_empty() {
                items.push(item);
            }
        }
        (!items.is_empty()).then_some(Block::List(List { kind, items }))
    }

    /// Parses the rest of one item (its first line already consumed): continuation lines,
    /// indented paragraphs after a blank line, and nested lists.
    fn item(&mut self, indent: usize, first: &'a str, depth: usize) -> Vec<Block> {
        let nested = indent + 2;
        let mut blocks = Vec::new();
        let mut texts = vec![first];
        while let Some(line) = self.line(self.pos) {
            if line.text.is_empty() {
                let Some(j) = self.next_non_blank(self.pos) else {
                    break;
                };
                let next = &self.lines[j];
                if next.indent < nested {
                    break;
                }
                if next.item.is_some() {
                    if depth >= MAX_LIST_DEPTH {
                        break;
                    }
                    self.pos = j;
                    push_paragraph(&mut blocks, &texts);
                    texts.clear();
                    if let Some(list) = self.list(nested, depth + 1) {
                        blocks.push(list);
                    }
                } else {
                    push_paragraph(&mut blocks, &texts);
                    texts.clear();
                    texts.push(next.text);
                    self.pos = j + 1;
                }
            } else if line.item.is_some() {
                if line.indent < nested || depth >= MAX_LIST_DEPTH {
                    break;
                }
                push_paragraph(&mut blocks, &texts);
                texts.clear();
                if let Some(list) = self.list(nested, depth + 1) {
                    blocks.push(list);
                }
            } else {
                // A lazy continuation line: it belongs to whatever paragraph is open.
                texts.push(line.text);
                self.pos += 1;
            }
        }
        push_paragraph(&mut blocks, &texts);
        blocks
    }
}

fn push_paragraph(blocks: &mut Vec<Block>, texts: &[&str]) {
    if texts.is_empty() {
        return;
    }
    let content = parse_inlines(&texts.join(" "));
    if !content.is_empty() {
        blocks.push(Block::Paragraph {
            content,
            align: Align::Body,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Inlines

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Star1,
    Star2,
    Under1,
    Under2,
}

impl Mark {
    fn literal(self) -> &'static str {
        match self {
            Mark::Star1 => "*",
            Mark::Star2 => "**",
            Mark::Under1 => "_",
            Mark::Under2 => "__",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug)]
enum Tok {
    Text(String),
    Code(String),
    Url(String),
    Delim(Mark),
    LinkOpen,
    /// `](url)`, only ever created when an opening `[` is waiting.
    LinkClose(String),
}

impl Tok {
    fn literal(&self) -> String {
        match self {
            Tok::Text(s) | Tok::Code(s) | Tok::Url(s) => s.clone(),
            Tok::Delim(m) => m.literal().to_string(),
            Tok::LinkOpen => "[".to_string(),
            Tok::LinkClose(url) => format!("]({url})"),
        }
    }
}

const ESCAPABLE: &[char] = &['*', '_', '[', ']', '\\', '`'];

/// Characters that end a bare URL when they are its last ones: sentence punctuation and
/// closing quotes belong to the text around the URL.
const URL_TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', '»', '*', '_', '\'', '"'];

struct InlineParser {
    chars: Vec<char>,
    toks: Vec<Tok>,
    /// For each token, the index of its matching partner.
    partner: Vec<Option<usize>>,
    /// Waiting openers per emphasis mark (token indices, in order).
    openers: [Vec<usize>; 4],
    links: Vec<usize>,
    /// True while no closing backtick exists after the current position; spares a rescan.
    no_more_backticks: bool,
}

fn parse_inlines(text: &str) -> Vec<Inline> {
    let mut p = InlineParser {
        chars: text.trim().chars().collect(),
        toks: Vec::new(),
        partner: Vec::new(),
        openers: Default::default(),
        links: Vec::new(),
        no_more_backticks: false,
    };
    p.scan();
    p.build()
}

impl InlineParser {
    fn push(&mut self, tok: Tok) -> usize {
        if let Tok::Text(s) = &tok {
            if let Some(Tok::Text(last)) = self.toks.last_mut() {
                last.push_str(s);
                return self.toks.len() - 1;
            }
        }
        self.toks.push(tok);
        self.partner.push(None);
        self.toks.len() - 1
    }

    fn push_char(&mut self, c: char) {
        if let Some(Tok::Text(last)) = self.toks.last_mut() {
            last.push(c);
            return;
        }
        self.push(Tok::Text(c.to_string()));
    }

    fn scan(&mut self) {
        let n = self.chars.len();
        let mut i = 0;
        while i < n {
            let c = self.chars[i];
            match c {
                '\\' => {
                    match self.chars.get(i + 1) {
                        Some(&e) if ESCAPABLE.contains(&e) => {
                            self.push_char(e);
                            i += 2;
                        }
                        // `Padlet \Сетевой`: a backslash before anything else is just text.
                        _ => {
                            self.push_char('\\');
                            i += 1;
                        }
                    }
                }
                '`' => i = self.code(i),
                '*' | '_' => i = self.delim_run(i),
                '[' => {
                    let t = self.push(Tok::LinkOpen);
                    self.links.push(t);
                    i += 1;
                }
                ']' => i = self.link_close(i),
                'h' if self.url_allowed_at(i) => i = self.bare_url(i),
                // A non-breaking space is deliberate (after `№`, in initials): keep it.
                '\u{a0}' => {
                    self.push_char('\u{a0}');
                    i += 1;
                }
                c if c.is_whitespace() => {
                    // Runs of spaces and tabs collapse, as soft breaks already did.
                    while i < n && self.chars[i].is_whitespace() && self.chars[i] != '\u{a0}' {
                        i += 1;
                    }
                    self.push_char(' ');
                }
                _ => {
                    self.push_char(c);
                    i += 1;
                }
            }
        }
    }

    fn code(&mut self, i: usize) -> usize {
        let close = if self.no_more_backticks {
            None
        } else {
            (i + 1..self.chars.len()).find(|&j| self.chars[j] == '`')
        };
        match close {
            Some(j) if j > i + 1 => {
                let code: String = self.chars[i + 1..j].iter().collect();
                self.push(Tok::Code(code));
                j + 1
            }
            Some(_) => {
                // ``: an empty code span is nothing a teacher meant; keep the backticks.
                self.push(Tok::Text("``".to_string()));
                i + 2
            }
            None => {
                self.no_more_backticks = true;
                self.push_char('`');
                i + 1
            }
        }
    }

    fn delim_run(&mut self, i: usize) -> usize {
        let c = self.chars[i];
        let mut end = i;
        while end < self.chars.len() && self.chars[end] == c {
            end += 1;
        }
        let prev = i.checked_sub(1).map(|p| self.chars[p]);
        let next = self.chars.get(end).copied();
        let (can_open, can_close) = if c == '*' {
            (
                next.is_some_and(|n| !n.is_whitespace()),
                prev.is_some_and(|p| !p.is_whitespace()),
            )
        } else {
            // `_` never opens or closes inside a word: `snake_case_word` stays as written.
            (
                next.is_some_and(|n| !n.is_whitespace())
                    && !prev.is_some_and(|p| p.is_alphanumeric()),
                prev.is_some_and(|p| !p.is_whitespace())
                    && !next.is_some_and(|n| n.is_alphanumeric()),
            )
        };
        let (one, two) = if c == '*' {
            (Mark::Star1, Mark::Star2)
        } else {
            (Mark::Under1, Mark::Under2)
        };
        let len = end - i;
        let mut marks = vec![two; len / 2];
        if len % 2 == 1 {
            // A closing `***` closes the inner `*` first: `***a***` is strong(emph(a)).
            if can_close && !can_open {
                marks.insert(0, one);
            } else {
                marks.push(one);
            }
        }
        for mark in marks {
            let t = self.push(Tok::Delim(mark));
            let closed = can_close && self.close(t, mark);
            if !closed && can_open {
                self.openers[mark.index()].push(t);
            }
        }
        end
    }

    /// Matches closer `t` with the nearest waiting opener of the same mark. Openers between
    /// them can no longer match (that would cross), so they are dropped and stay literal.
    fn close(&mut self, t: usize, mark: Mark) -> bool {
        let Some(o) = self.openers[mark.index()].pop() else {
            return false;
        };
        self.drop_openers_after(o);
        self.partner[o] = Some(t);
        self.partner[t] = Some(o);
        true
    }

    fn drop_openers_after(&mut self, o: usize) {
        for stack in self
            .openers
            .iter_mut()
            .chain(std::iter::once(&mut self.links))
        {
            while stack.last().is_some_and(|&x| x > o) {
                stack.pop();
            }
        }
    }

    fn link_close(&mut self, i: usize) -> usize {
        if self.links.is_empty() || self.chars.get(i + 1) != Some(&'(') {
            self.push_char(']');
            return i + 1;
        }
        let Some((url, end)) = self.link_target(i + 2) else {
            self.push_char(']');
            return i + 1;
        };
        let Some(o) = self.links.pop() else {
            self.push_char(']');
            return i + 1;
        };
        self.drop_openers_after(o);
        // Links do not nest: every earlier `[` is now plain text.
        self.links.clear();
        let t = self.push(Tok::LinkClose(url));
        self.partner[o] = Some(t);
        self.partner[t] = Some(o);
        end
    }

    /// Reads `url)` or `<url>)` starting at `start`; returns the URL and the index after `)`.
    /// Parentheses inside the URL must balance (Wikipedia addresses have them).
    fn link_target(&self, start: usize) -> Option<(String, usize)> {
        let chars = &self.chars;
        // The scan is bounded so that thousands of `](` cannot make parsing quadratic.
        let limit = chars.len().min(start.saturating_add(MAX_URL_CHARS));
        if chars.get(start) == Some(&'<') {
            let close = (start + 1..limit).find(|&j| chars[j] == '>' || chars[j] == '<')?;
            if chars[close] != '>' || chars.get(close + 1) != Some(&')') {
                return None;
            }
            let url: String = chars[start + 1..close].iter().collect();
            let url = url.trim().to_string();
            return (!url.is_empty()).then_some((url, close + 2));
        }
        let mut depth = 0usize;
        let mut j = start;
        while j < limit {
            match chars[j] {
                c if c.is_whitespace() || matches!(c, '[' | ']' | '<' | '>') => return None,
                '(' => depth += 1,
                ')' if depth == 0 => {
                    let url: String = chars[start..j].iter().collect();
                    return (!url.is_empty()).then_some((url, j + 1));
                }
                ')' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        None
    }

    fn url_allowed_at(&self, i: usize) -> bool {
        let starts = |s: &str| {
            s.chars()
                .enumerate()
                .all(|(k, c)| self.chars.get(i + k) == Some(&c))
        };
        let prev_ok = i == 0 || !self.chars[i - 1].is_alphanumeric();
        prev_ok && (starts("http://") || starts("https://"))
    }

    fn bare_url(&mut self, i: usize) -> usize {
        let mut end = i;
        while end < self.chars.len() {
            let c = self.chars[end];
            // `]` ends the URL so that `[https://a.ru](…)` still reads as a link.
            if c.is_whitespace() || matches!(c, '<' | '>' | '«' | '»' | '"' | '`' | '[' | ']') {
                break;
            }
            end += 1;
        }
        // Trim sentence punctuation, but keep a `)` that closes a `(` inside the URL.
        let opens = self.chars[i..end].iter().filter(|&&c| c == '(').count();
        let mut closes = self.chars[i..end].iter().filter(|&&c| c == ')').count();
        while end > i {
            let c = self.chars[end - 1];
            if !URL_TRAILING.contains(&c) {
                break;
            }
            if c == ')' {
                if opens >= closes {
                    break;
                }
                closes -= 1;
            }
            end -= 1;
        }
        let url: String = self.chars[i..end].iter().collect();
        let scheme_len = if url.starts_with("https://") { 8 } else { 7 };
        if url.chars().count() <= scheme_len {
            // `http://` with nothing after it is not an address.
            self.push(Tok::Text(url));
        } else {
            self.push(Tok::Url(url));
        }
        end.max(i + 1)
    }

    /// Turns the matched token stream into a tree without recursion, so that depth is bounded
    /// by `MAX_INLINE_DEPTH` rather than by the input.
    fn build(self) -> Vec<Inline> {
        struct Frame {
            open: usize,
            content: Vec<Inline>,
        }
        let toks = self.toks;
        let partner = self.partner;
        let mut literal = vec![false; toks.len()];
        let mut stack: Vec<Frame> = vec![Frame {
            open: usize::MAX,
            content: Vec::new(),
        }];
        let mut in_link = 0usize;
        for (i, tok) in toks.iter().enumerate() {
            let top = stack.len() - 1;
            match (tok, partner[i]) {
                (Tok::Text(s), _) => push_text(&mut stack[top].content, s),
                (Tok::Code(s), _) => stack[top].content.push(Inline::Code(s.clone())),
                (Tok::Url(u), _) if in_link > 0 => push_text(&mut stack[top].content, u),
                (Tok::Url(u), _) => stack[top].content.push(Inline::Link {
                    url: u.clone(),
                    content: vec![Inline::Text(u.clone())],
                }),
                (Tok::Delim(_) | Tok::LinkOpen, Some(c)) if c > i => {
                    if stack.len() > MAX_INLINE_DEPTH {
                        literal[c] = true;
                        push_text(&mut stack[top].content, &tok.literal());
                    } else {
                        if matches!(tok, Tok::LinkOpen) {
                            in_link += 1;
                        }
                        stack.push(Frame {
                            open: i,
                            content: Vec::new(),
                        });
                    }
                }
                (Tok::Delim(_) | Tok::LinkClose(_), Some(o))
                    if o < i && !literal[i] && stack.len() > 1 && stack[top].open == o =>
                {
                    let Some(frame) = stack.pop() else { break };
                    let parent = &mut stack[top - 1].content;
                    let content = frame.content;
                    let opener = &toks[o];
                    if content.is_empty() {
                        push_text(parent, &opener.literal());
                        push_text(parent, &tok.literal());
                        if let Tok::LinkClose(_) = tok {
                            in_link = in_link.saturating_sub(1);
                        }
                        continue;
                    }
                    let node = match (opener, tok) {
                        (_, Tok::LinkClose(url)) => {
                            in_link = in_link.saturating_sub(1);
                            Inline::Link {
                                url: with_scheme(url).unwrap_or_else(|| url.clone()),
                                content,
                            }
                        }
                        (Tok::Delim(Mark::Star2 | Mark::Under2), _) => Inline::Strong(content),
                        _ => Inline::Emph(content),
                    };
                    parent.push(node);
                }
                _ => push_text(&mut stack[top].content, &tok.literal()),
            }
        }
        // Proper nesting leaves only the root; anything else is flattened back to text.
        while stack.len() > 1 {
            let Some(frame) = stack.pop() else { break };
            let top = stack.len() - 1;
            push_text(&mut stack[top].content, &toks[frame.open].literal());
            for inline in frame.content {
                match inline {
                    Inline::Text(s) => push_text(&mut stack[top].content, &s),
                    other => stack[top].content.push(other),
                }
            }
        }
        stack.pop().map(|f| f.content).unwrap_or_default()
    }
}

fn push_text(content: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text(last)) = content.last_mut() {
        last.push_str(s);
    } else {
        content.push(Inline::Text(s.to_string()));
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_site_without_a_scheme_gets_https_and_a_file_does_not() {
        let w = |u: &str| with_scheme(u);
        assert_eq!(
            w("www.school.ru/a").as_deref(),
            Some("https://www.school.ru/a")
        );
        assert_eq!(w("школа.рф").as_deref(), Some("https://школа.рф"));
        assert_eq!(w("school.ru?x=1").as_deref(), Some("https://school.ru?x=1"));
        for not in [
            "https://a.ru",
            "mailto:a@b.ru",
            "отчёт.docx",
            "#часть",
            "./a.html",
            "слово",
            "a b.ru",
        ] {
            assert_eq!(w(not), None, "{not}");
        }
        let inl = parse_inline("[сайт](www.school.ru)");
        assert!(
            matches!(&inl[..], [Inline::Link { url, .. }] if url == "https://www.school.ru"),
            "{inl:?}"
        );
    }

    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    fn para(content: Vec<Inline>) -> Block {
        Block::Paragraph {
            content,
            align: Align::Body,
        }
    }

    fn p(s: &str) -> Block {
        para(vec![t(s)])
    }

    fn bullets(items: Vec<Vec<Block>>) -> Block {
        Block::List(List {
            kind: ListKind::Bullet,
            items,
        })
    }

    fn numbered(start: u32, items: Vec<Vec<Block>>) -> Block {
        Block::List(List {
            kind: ListKind::Numbered { start },
            items,
        })
    }

    /// Walks a block tree and checks the invariants every renderer relies on.
    fn assert_clean(blocks: &[Block]) {
        fn inl(inlines: &[Inline]) {
            let mut prev_text = false;
            for i in inlines {
                match i {
                    Inline::Text(s) => {
                        assert!(!s.is_empty(), "empty Text");
                        assert!(!prev_text, "adjacent Text runs: {inlines:?}");
                        prev_text = true;
                        continue;
                    }
                    Inline::Code(s) => assert!(!s.is_empty()),
                    Inline::WeakTie => panic!("ties are typography's, not the parser's"),
                    Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                        assert!(!c.is_empty(), "empty style");
                        inl(c)
                    }
                }
                prev_text = false;
            }
        }
        for b in blocks {
            match b {
                Block::Paragraph { content, align } => {
                    assert_eq!(*align, Align::Body);
                    assert!(!content.is_empty(), "empty paragraph");
                    inl(content);
                }
                Block::List(l) => {
                    assert!(!l.items.is_empty());
                    for item in &l.items {
                        assert!(!item.is_empty());
                        assert_clean(item);
                    }
                }
                other => panic!("unexpected block {other:?}"),
            }
        }
    }

    fn parse_ok(s: &str) -> Vec<Block> {
        let b = parse(s);
        assert_clean(&b);
        b
    }

    #[test]
    fn paragraphs_and_soft_breaks() {
        assert_eq!(
            parse_ok("  Первая строка\n\tвторая строка  \n\n\nТретья"),
            vec![p("Первая строка вторая строка"), p("Третья")]
        );
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(parse_ok("а\r\nб\r\n\r\nв\rг"), vec![p("а б"), p("в г")]);
    }

    #[test]
    fn whitespace_only_is_nothing() {
        assert!(parse_ok("").is_empty());
        assert!(parse_ok(" \t\r\n \n\u{a0}").is_empty());
        assert!(parse_inline("  \t ").is_empty());
    }

    #[test]
    fn bullets_of_every_kind_end_a_paragraph() {
        let got = parse_ok("Условия:\n· первое\n•второе\n- третье\n* четвёртое");
        assert_eq!(
            got,
            vec![
                p("Условия:"),
                bullets(vec![
                    vec![p("первое")],
                    vec![p("второе")],
                    vec![p("третье")],
                    vec![p("четвёртое")],
                ])
            ]
        );
    }

    #[test]
    fn en_dash_hyphen_word_and_emphasis_are_not_bullets() {
        assert_eq!(parse_ok("– тире"), vec![p("– тире")]);
        assert_eq!(parse_ok("-конструктор"), vec![p("-конструктор")]);
        assert_eq!(
            parse_ok("*курсив* дальше"),
            vec![para(vec![Inline::Emph(vec![t("курсив")]), t(" дальше")])]
        );
        assert_eq!(parse_ok("-"), vec![p("-")]);
        assert_eq!(parse_ok("·"), vec![p("·")]);
    }

    #[test]
    fn numbered_lists_keep_their_start() {
        assert_eq!(
            parse_ok("3. три\n4) четыре\n9. девять"),
            vec![numbered(
                3,
                vec![vec![p("три")], vec![p("четыре")], vec![p("девять")]]
            )]
        );
        assert_eq!(
            parse_ok("0. ноль"),
            vec![numbered(0, vec![vec![p("ноль")]])]
        );
        // Not markers: no space, a decimal, a huge number, an empty item.
        assert_eq!(parse_ok("1.5 строки"), vec![p("1.5 строки")]);
        assert_eq!(parse_ok("1234567890. год"), vec![p("1234567890. год")]);
        assert_eq!(parse_ok("1."), vec![p("1.")]);
    }

    #[test]
    fn numbered_item_ends_a_paragraph_too() {
        assert_eq!(
            parse_ok("Акты:\n1) закон\n2) указ\nпродолжение указа"),
            vec![
                p("Акты:"),
                numbered(1, vec![vec![p("закон")], vec![p("указ продолжение указа")]])
            ]
        );
    }

    #[test]
    fn switching_marker_kind_starts_a_new_list() {
        assert_eq!(
            parse_ok("- а\n1. б\n2. в\n· г"),
            vec![
                bullets(vec![vec![p("а")]]),
                numbered(1, vec![vec![p("б")], vec![p("в")]]),
                bullets(vec![vec![p("г")]]),
            ]
        );
    }

    #[test]
    fn continuation_lines_join_the_item() {
        assert_eq!(
            parse_ok("- начало\nпродолжение\n  ещё\n- второй"),
            vec![bullets(vec![
                vec![p("начало продолжение ещё")],
                vec![p("второй")]
            ])]
        );
    }

    #[test]
    fn indented_paragraph_after_blank_stays_in_item() {
        assert_eq!(
            parse_ok("- первый\n\n  второй абзац\n- следующий\n\nПосле списка"),
            vec![
                bullets(vec![
                    vec![p("первый"), p("второй абзац")],
                    vec![p("следующий")]
                ]),
                p("После списка")
            ]
        );
    }

    #[test]
    fn blank_then_unindented_text_ends_the_list() {
        assert_eq!(
            parse_ok("· а\n\nтекст"),
            vec![bullets(vec![vec![p("а")]]), p("текст")]
        );
        // A blank line between items keeps one list.
        assert_eq!(
            parse_ok("· а\n\n· б"),
            vec![bullets(vec![vec![p("а")], vec![p("б")]])]
        );
    }

    #[test]
    fn indented_items_nest() {
        assert_eq!(
            parse_ok("1. закон\n  - статья\n  - пункт\n\t· подпункт\n2. указ"),
            vec![numbered(
                1,
                vec![
                    vec![
                        p("закон"),
                        bullets(vec![
                            vec![p("статья")],
                            vec![p("пункт"), bullets(vec![vec![p("подпункт")]])]
                        ])
                    ],
                    vec![p("указ")]
                ]
            )]
        );
        // A nested list of another kind after a nested bullet list.
        assert_eq!(
            parse_ok("- а\n  - б\n  1. в"),
            vec![bullets(vec![vec![
                p("а"),
                bullets(vec![vec![p("б")]]),
                numbered(1, vec![vec![p("в")]])
            ]])]
        );
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text: String = (0..300)
            .map(|i| format!("{}- уровень {i}\n", " ".repeat(i * 2)))
            .collect();
        let blocks = parse_ok(&text);
        fn depth(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|b| match b {
                    Block::List(l) => 1 + l.items.iter().map(|i| depth(i)).max().unwrap_or(0),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&blocks) <= MAX_LIST_DEPTH);
        assert_eq!(Block::plain(&blocks).lines().count(), 300);
    }

    #[test]
    fn bold_italic_code() {
        assert_eq!(
            parse_inline("**жирный** и *курсив*, _тоже_ и `код *x*`"),
            vec![
                Inline::Strong(vec![t("жирный")]),
                t(" и "),
                Inline::Emph(vec![t("курсив")]),
                t(", "),
                Inline::Emph(vec![t("тоже")]),
                t(" и "),
                Inline::Code("код *x*".to_string()),
            ]
        );
        assert_eq!(
            parse_inline("***оба***"),
            vec![Inline::Strong(vec![Inline::Emph(vec![t("оба")])])]
        );
        assert_eq!(
            parse_inline("__жирный__"),
            vec![Inline::Strong(vec![t("жирный")])]
        );
    }

    #[test]
    fn underscore_inside_words_stays() {
        assert_eq!(
            parse_inline("snake_case_word и file_name_"),
            vec![t("snake_case_word и file_name_")]
        );
    }

    #[test]
    fn unclosed_markers_are_text() {
        for s in [
            "*",
            "**",
            "***",
            "**не закрыт",
            "*a",
            "_a",
            "[",
            "](",
            "[текст](",
            "`",
            "a ` b",
            "2 * 3 * 4",
            "[a]",
            "[a] (b)",
            "[a](b c)",
            "[a](b[c])",
            "**a*",
            "\\",
        ] {
            assert_eq!(Inline::plain(&parse_inline(s)), s, "{s}");
            let inl = parse_inline(s);
            assert!(
                inl.iter().all(|i| matches!(i, Inline::Text(_))),
                "{s}: {inl:?}"
            );
        }
        assert_eq!(parse_inline("``"), vec![t("``")]);
    }

    #[test]
    fn links_and_bare_urls() {
        assert_eq!(
            parse_inline("См. [сайт школы](https://school.ru/a_(b)) и https://x.ru/p?q=1."),
            vec![
                t("См. "),
                Inline::Link {
                    url: "https://school.ru/a_(b)".to_string(),
                    content: vec![t("сайт школы")]
                },
                t(" и "),
                Inline::Link {
                    url: "https://x.ru/p?q=1".to_string(),
                    content: vec![t("https://x.ru/p?q=1")]
                },
                t("."),
            ]
        );
        assert_eq!(
            parse_inline("«http://a.ru/x», (https://b.ru);"),
            vec![
                t("«"),
                Inline::Link {
                    url: "http://a.ru/x".to_string(),
                    content: vec![t("http://a.ru/x")]
                },
                t("», ("),
                Inline::Link {
                    url: "https://b.ru".to_string(),
                    content: vec![t("https://b.ru")]
                },
                t(");"),
            ]
        );
        // A URL already inside link text is not linked twice; `http://` alone is text.
        assert_eq!(
            parse_inline("[https://a.ru](<https://a.ru/b c>) http://"),
            vec![
                Inline::Link {
                    url: "https://a.ru/b c".to_string(),
                    content: vec![t("https://a.ru")]
                },
                t(" http://")
            ]
        );
        assert_eq!(parse_inline("xhttp://a.ru"), vec![t("xhttp://a.ru")]);
        // Emphasis around a bare URL is not part of the address.
        assert_eq!(
            parse_inline("**https://a.ru**"),
            vec![Inline::Strong(vec![Inline::Link {
                url: "https://a.ru".to_string(),
                content: vec![t("https://a.ru")]
            }])]
        );
        assert_eq!(
            parse_inline("[**жирная** ссылка](u)"),
            vec![Inline::Link {
                url: "u".to_string(),
                content: vec![Inline::Strong(vec![t("жирная")]), t(" ссылка")]
            }]
        );
    }

    #[test]
    fn escapes_and_stray_backslashes() {
        assert_eq!(
            parse_inline(r"\*не курсив\* \_ \[ \] \\ \` Padlet \Сетевой \n"),
            vec![t(r"*не курсив* _ [ ] \ ` Padlet \Сетевой \n")]
        );
        assert_eq!(parse_inline("a\\"), vec![t("a\\")]);
    }

    #[test]
    fn spaces_collapse_but_nbsp_stays() {
        assert_eq!(
            parse_inline("а  \t б №\u{a0}273"),
            vec![t("а б №\u{a0}273")]
        );
    }

    #[test]
    fn crossing_markers_do_not_cross() {
        let got = parse_inline("*a **b* c**");
        assert_eq!(got, vec![Inline::Emph(vec![t("a **b")]), t(" c**")]);
        let got = parse_inline("*a [b* c](u)");
        assert_eq!(got, vec![Inline::Emph(vec![t("a [b")]), t(" c](u)")]);
    }

    #[test]
    fn odd_input_never_panics_and_stays_clean() {
        let nasty = [
            "*".repeat(10_000),
            "**a ".repeat(2_500),
            "**a ".repeat(2_500) + &"a** ".repeat(2_500),
            "*a ".repeat(5_000) + &"a* ".repeat(5_000),
            "[".repeat(10_000),
            "](".repeat(5_000),
            "[a](".repeat(3_000),
            "_".repeat(10_001),
            "`".repeat(9_999),
            "\\".repeat(10_000),
            "http://".repeat(2_000),
            "- ".repeat(5_000),
            "1. ".repeat(3_000),
            "\t\r\n".repeat(3_000),
            "· \n  \n\t- \n".repeat(1_000),
            "ﬀ\u{301}·\u{200b}\u{feff}🙂".repeat(100),
            format!("http://a.ru/{}", ")".repeat(10_000)),
            "[a ".repeat(2_000) + &"](u) ".repeat(2_000),
            "_a _b ".repeat(2_000),
        ];
        for s in &nasty {
            let blocks = parse_ok(s);
            let _ = parse_inline(s);
            let _ = blocks;
        }
    }

    #[test]
    fn nested_inline_depth_is_bounded() {
        let s = "**a *b ".repeat(1_000) + &"c* d** ".repeat(1_000);
        let inl = parse_inline(&s);
        fn depth(i: &[Inline]) -> usize {
            i.iter()
                .map(|x| match x {
                    Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                        1 + depth(c)
                    }
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&inl) <= MAX_INLINE_DEPTH);
        // Nothing is lost: the words survive whatever became markup.
        let plain = Inline::plain(&inl);
        assert_eq!(plain.matches('a').count(), 1_000);
        assert_eq!(plain.matches('d').count(), 1_000);
    }

    #[test]
    fn parse_inline_joins_lines() {
        assert_eq!(
            parse_inline("Наименование\r\n  практики\n- не список"),
            vec![t("Наименование практики - не список")]
        );
    }

    #[test]
    fn seed_rows_8_to_10_and_13() {
        // Rows of the seed pasted verbatim from Word (with `·` and trailing spaces).
        let row8 = "Показателями результативности деятельности наставника могут выступать: \n· собственные высокие результаты деятельности, демонстрируемые сопровождаемым; \n· ускорение процессов развития сопровождаемого и освоения им деятельности (например, для наставников на производстве - быстрота «врабатываемости» новых работников, высокая скорость их выхода на нормативные показатели производительности и качества труда); \n· качество отношений сопровождаемого с другими представителями группы, в которую он включен в процессе деятельности (принятие, поддержка сопровождаемого группой, его групповой статус, наличие или отсутствие конфликтов).";
        let b = parse_ok(row8);
        assert_eq!(b.len(), 2);
        assert_eq!(
            b[0],
            p("Показателями результативности деятельности наставника могут выступать:")
        );
        let Block::List(l) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(l.kind, ListKind::Bullet);
        assert_eq!(l.items.len(), 3);
        assert_eq!(
            l.items[0],
            vec![p(
                "собственные высокие результаты деятельности, демонстрируемые сопровождаемым;"
            )]
        );

        let row9 = "Нужно понимать, что эффективной работа по наставничеству будет в случае: \n· взаимной заинтересованности наставника и подшефного; \n· административного контроля за процессом наставничества; \n· тщательно продуманного планирования и своевременного отслеживания промежуточных результатов сотрудничества.";
        let b = parse_ok(row9);
        assert_eq!(
            b,
            vec![
                p("Нужно понимать, что эффективной работа по наставничеству будет в случае:"),
                bullets(vec![
                    vec![p("взаимной заинтересованности наставника и подшефного;")],
                    vec![p("административного контроля за процессом наставничества;")],
                    vec![p("тщательно продуманного планирования и своевременного отслеживания промежуточных результатов сотрудничества.")],
                ])
            ]
        );

        let row10 = "Условия функционирования наставничества: \n· наличие внутреннего образовательного дефицита у сопровождаемого (группы сопровождаемых);\n· достаточный уровень зрелости социокультурной среды и/или корпоративной культуры, для которого характерна атмосфера сотрудничества;\n· стимулирование деятельности наставника (дополнительная оплата, 20 уменьшение объема основной нагрузки, различные формы нематериального стимулирования, наличие у наставника специального образования/подготовки (необходимое условие для определенных, наиболее сложных случаев, таких как работа с сопровождаемыми инвалидами или с лицами из группы риска).";
        let b = parse_ok(row10);
        assert_eq!(b.len(), 2);
        let Block::List(l) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(l.items.len(), 3);
        assert!(Block::plain(&l.items[2]).starts_with("стимулирование деятельности"));
        assert!(Block::plain(&l.items[2]).ends_with("из группы риска).\n"));

        let row13 = "· Александров Е.Л. Интернет - легко и просто! Популярный самоучитель [Текст]: Методическое пособие / Е.Л. Александров.- СПб: Питер, 2005.- 208с.: ил. \n· Будилов В.А. Основы программирования для Интернета [Текст]: учебное пособие / В.А. Будилов. - СПб: БХВ - Петербург, 2003. - 736с.: ил.\n· Дронов В.А. Самоучитель Macromedia Dreamweaver 8. [Текст]: Методическое пособие / В.А. Дронов—СПб.: БХВ - Петербург, 2006.— 320с:ил\n· Кузнецов М.В., Симдянов И.В. РНР. Практика создания Web-сайтов [Текст]: учебное пособие / М.В. Кузнецов, 2-ое издание – СПб: БХВ - Петербург, 2009 – 1264с.\n· Нартова-Бочавер С.: «Coping behavior» в системе понятий психологии личности.- Психол. журнал -1997.- №5-С.56\n· Нартова-Бочавер С. Психология личности и межличностных отношений. - М.: Из-во ЭКСМО-Пресс, 2001.";
        let b = parse_ok(row13);
        assert_eq!(b.len(), 1);
        let Block::List(l) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(l.items.len(), 6);
        // `[Текст]` is not a link: no `](` follows it.
        assert_eq!(
            l.items[0],
            vec![p("Александров Е.Л. Интернет - легко и просто! Популярный самоучитель [Текст]: Методическое пособие / Е.Л. Александров.- СПб: Питер, 2005.- 208с.: ил.")]
        );
    }

    #[test]
    fn seed_rows_3_and_7() {
        let row3 = "Участник 1: Педагог дополнительного образования \n(Сетевой сервис Padlet \\Сетевой сервис -конструктор сайтов - Wix.com)";
        assert_eq!(
            parse_ok(row3),
            vec![p("Участник 1: Педагог дополнительного образования (Сетевой сервис Padlet \\Сетевой сервис -конструктор сайтов - Wix.com)")]
        );
        let row7 = "1. Федеральный закон от 29.12.2012 №273-ФЗ «Об образовании в Российской Федерации» (с изм. и доп. от 24.04.2020 №147-ФЗ).\n2.  Указ Президента РФ от 2 марта 2018 года №94 «Об учреждении знака отличия «За наставничество». \n3. Указ Президента РФ от 7 мая 2018 года №204.\n4. Паспорт федерального проекта «Современная школа» (протокол от 24.12.2018 N 16).";
        let b = parse_ok(row7);
        assert_eq!(b.len(), 1);
        let Block::List(l) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(l.kind, ListKind::Numbered { start: 1 });
        assert_eq!(l.items.len(), 4);
        assert_eq!(
            l.items[1],
            vec![p("Указ Президента РФ от 2 марта 2018 года №94 «Об учреждении знака отличия «За наставничество».")]
        );
    }
}
