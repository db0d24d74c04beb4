//! Markdown as pandoc writes it (and as `mentorcard build` does): ATX headings, paragraphs,
//! `-` and `1.` lists, grid tables whose cells hold paragraphs and lists, pipe tables whose
//! cells join paragraphs with `<br>`, fenced divs with a custom style (our right-aligned
//! byline). Inline Markdown becomes the card's rich text: the two are nearly the same
//! language, so Markdown escapes are translated and `richtext` reads the result.

use unicode_width::UnicodeWidthChar;

use super::source::{Cell, Doc, Item, ItemKind, Node, Para, Row, Style, Table};
use crate::document::Inline;
use crate::richtext;

/// Escapes `richtext` understands; any other escaped punctuation is just the character.
const RICH_ESCAPABLE: &[char] = &['*', '_', '[', ']', '\\', '`'];

pub fn read(text: &str) -> Doc {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut doc = Doc::default();
    let mut i = front_matter_end(&lines);
    let mut styles: Vec<Style> = Vec::new();
    let mut chunk: Vec<&str> = Vec::new();
    let flush = |chunk: &mut Vec<&str>, styles: &[Style], doc: &mut Doc| {
        for mut p in blocks(chunk) {
            if let Some(&s) = styles.last() {
                p.style = s;
            }
            doc.nodes.push(Node::Para(p));
        }
        chunk.clear();
    };
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        if t.starts_with("<!--") {
            flush(&mut chunk, &styles, &mut doc);
            while i < lines.len() && !lines[i].contains("-->") {
                i += 1;
            }
            i += 1;
            continue;
        }
        if t.starts_with(":::") {
            flush(&mut chunk, &styles, &mut doc);
            let rest = t.trim_start_matches(':').trim();
            if rest.is_empty() {
                styles.pop();
            } else if rest.contains("Center") {
                styles.push(Style::Center);
            } else if rest.contains("Right") {
                styles.push(Style::Right);
            } else {
                styles.push(styles.last().copied().unwrap_or(Style::Body));
            }
            i += 1;
            continue;
        }
        if let Some(p) = heading(t) {
            flush(&mut chunk, &styles, &mut doc);
            doc.nodes.push(Node::Para(p));
            i += 1;
            continue;
        }
        if is_grid_border(t) {
            flush(&mut chunk, &styles, &mut doc);
            let start = i;
            while i < lines.len() && (lines[i].trim_start().starts_with(['+', '|'])) {
                i += 1;
            }
            doc.nodes.push(Node::Table(grid_table(&lines[start..i])));
            continue;
        }
        if t.starts_with('|') && lines.get(i + 1).is_some_and(|n| is_pipe_separator(n)) {
            flush(&mut chunk, &styles, &mut doc);
            let start = i;
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                i += 1;
            }
            doc.nodes.push(Node::Table(pipe_table(&lines[start..i])));
            continue;
        }
        chunk.push(line);
        i += 1;
    }
    flush(&mut chunk, &styles, &mut doc);
    take_pictures(&mut doc);
    doc
}

/// Paragraphs that are only a picture (`![alt](file)`) leave the text for the report's list
/// of pictures; a caption-like paragraph under one is its caption (and stays text).
fn take_pictures(doc: &mut Doc) {
    let mut kept = Vec::with_capacity(doc.nodes.len());
    let mut last = String::new();
    for node in std::mem::take(&mut doc.nodes) {
        let text = match &node {
            Node::Para(p) => p.text().trim().to_string(),
            Node::Table(_) => String::new(),
        };
        let image = match &node {
            Node::Para(p) => image_alt(&text).or_else(|| linked_image(&p.content)),
            Node::Table(_) => None,
        };
        if let Some(alt) = image {
            doc.pictures.push(super::source::Picture {
                caption: None,
                description: alt,
                after: last.clone(),
            });
            continue;
        }
        if !text.is_empty() {
            if let Some(picture) = doc
                .pictures
                .last_mut()
                .filter(|p| p.caption.is_none() && p.after == last)
            {
                if super::pictures::is_caption(&text) {
                    picture.caption = Some(text.clone());
                }
            }
            last = text;
        }
        kept.push(node);
    }
    doc.nodes = kept;
}

/// `![alt](target)` as the inline reader leaves it: a «!» and then a link.
fn linked_image(content: &[crate::document::Inline]) -> Option<String> {
    use crate::document::Inline;
    let content: Vec<&Inline> = content
        .iter()
        .filter(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()))
        .collect();
    match content.as_slice() {
        [Inline::Text(bang), Inline::Link { content, .. }] if bang.trim() == "!" => {
            Some(Inline::plain(content).trim().to_string())
        }
        _ => None,
    }
}

/// The alternative text of `![alt](target)` standing alone.
fn image_alt(text: &str) -> Option<String> {
    let rest = text.strip_prefix("![")?;
    let (alt, target) = rest.split_once("](")?;
    (target.ends_with(')') && !target[..target.len() - 1].contains(')'))
        .then(|| alt.trim().to_string())
}

/// Where the text starts after a YAML metadata block (`---` … `---`).
fn front_matter_end(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim()) != Some("---") {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim(), "---" | "..."))
        .map_or(0, |p| p + 2)
}

/// `## Введение {#introduction}` → a heading paragraph.
fn heading(t: &str) -> Option<Para> {
    let level = t.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut text = rest.trim().trim_end_matches('#').trim();
    if text.ends_with('}') {
        if let Some(open) = text.rfind(" {") {
            text = text[..open].trim();
        }
    }
    Some(Para {
        content: inline(text),
        item: None,
        style: if level == 1 {
            Style::Title
        } else {
            Style::Heading(level as u8)
        },
    })
}

fn is_grid_border(t: &str) -> bool {
    t.len() > 2
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

fn is_pipe_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Paragraphs and list items of a run of Markdown lines (a cell, or text between tables).
fn blocks(lines: &[&str]) -> Vec<Para> {
    let mut out = Vec::new();
    let mut text: Vec<String> = Vec::new();
    let mut item: Option<Item> = None;
    // Content indents of the open list items, outermost first.
    let mut indents: Vec<usize> = Vec::new();
    let flush = |text: &mut Vec<String>, item: &mut Option<Item>, out: &mut Vec<Para>| {
        if !text.is_empty() {
            out.push(Para {
                content: inline(&text.join(" ")),
                item: item.take(),
                style: Style::Body,
            });
            text.clear();
        }
        *item = None;
    };
    for line in lines {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if t.is_empty() {
            flush(&mut text, &mut item, &mut out);
            continue;
        }
        if let Some((kind, width)) = list_marker(t) {
            flush(&mut text, &mut item, &mut out);
            while indents.last().is_some_and(|&i| indent < i) {
                indents.pop();
            }
            let level = indents.len();
            indents.push(indent + width);
            item = Some(Item {
                level: level.min(8),
                kind,
            });
            text.push(t[width..].trim().to_string());
            continue;
        }
        if text.is_empty() {
            // A paragraph after a blank line: inside the list only when indented into it.
            while indents.last().is_some_and(|&i| indent < i) {
                indents.pop();
            }
        }
        text.push(t.to_string());
    }
    flush(&mut text, &mut item, &mut out);
    out
}

/// `- `, `* `, `+ `, `1. `, `1) ` at the start of a trimmed line, and the marker's width.
/// An escaped marker (`1\.`) is text, as pandoc writes a number that starts a line.
fn list_marker(t: &str) -> Option<(ItemKind, usize)> {
    let first = t.chars().next()?;
    if matches!(first, '-' | '*' | '+') {
        let rest = &t[1..];
        if rest.starts_with([' ', '\t']) && !rest.trim().is_empty() {
            return Some((ItemKind::Bullet, 1 + rest.len() - rest.trim_start().len()));
        }
        return None;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let after = &t[digits..];
    if !after.starts_with(['.', ')']) {
        return None;
    }
    let rest = &after[1..];
    if !rest.starts_with([' ', '\t']) || rest.trim().is_empty() {
        return None;
    }
    let n = t[..digits].parse().ok()?;
    Some((
        ItemKind::Number(n),
        digits + 1 + rest.len() - rest.trim_start().len(),
    ))
}

/// Inline Markdown as rich-text inlines.
pub fn inline(md: &str) -> Vec<Inline> {
    richtext::parse_inline(&to_richtext(md))
}

/// Translates Markdown escapes, entities and autolinks into the card's syntax.
fn to_richtext(md: &str) -> String {
    let chars: Vec<char> = md.chars().collect();
    let mut out = String::with_capacity(md.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => match chars.get(i + 1) {
                Some(&n) if n.is_ascii_punctuation() => {
                    if RICH_ESCAPABLE.contains(&n) {
                        out.push('\\');
                    }
                    out.push(n);
                    i += 2;
                }
                _ => {
                    out.push('\\');
                    i += 1;
                }
            },
            '<' => {
                let close = chars[i + 1..].iter().position(|&c| c == '>' || c == '<');
                let inner: Option<String> = close
                    .filter(|&k| chars[i + 1 + k] == '>')
                    .map(|k| chars[i + 1..i + 1 + k].iter().collect());
                match inner {
                    Some(url)
                        if ["http://", "https://", "ftp://", "mailto:"]
                            .iter()
                            .any(|s| url.starts_with(s))
                            && !url.contains(char::is_whitespace) =>
                    {
                        out.push_str(&format!("[{url}](<{url}>)"));
                        i += url.chars().count() + 2;
                    }
                    _ if is_break_tag(&chars[i..]) => {
                        let len = chars[i..].iter().position(|&c| c == '>').unwrap_or(0);
                        out.push(' ');
                        i += len + 1;
                    }
                    _ => {
                        out.push('<');
                        i += 1;
                    }
                }
            }
            '&' => match entity(&chars[i..]) {
                Some((ch, len)) => {
                    if RICH_ESCAPABLE.contains(&ch) {
                        out.push('\\');
                    }
                    out.push(ch);
                    i += len;
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            },
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn is_break_tag(chars: &[char]) -> bool {
    let s: String = chars.iter().take(6).collect::<String>().to_lowercase();
    s.starts_with("<br>") || s.starts_with("<br/") || s.starts_with("<br ")
}

/// `&lt;`, `&nbsp;`, `&#171;`, `&#xAB;` → the character and the entity's length.
fn entity(chars: &[char]) -> Option<(char, usize)> {
    let end = chars.iter().take(12).position(|&c| c == ';')?;
    let name: String = chars[1..end].iter().collect();
    let c = match name.as_str() {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        n => {
            let code = if let Some(hex) = n.strip_prefix("#x").or_else(|| n.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                n.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// A grid table: borders give the columns, each row's lines are cut at them, and each cell
/// is Markdown blocks of its own.
fn grid_table(lines: &[&str]) -> Table {
    let border = lines[0].trim();
    let mut table = Table::default();
    let bounds_chars: Vec<usize> = border
        .chars()
        .enumerate()
        .filter(|(_, c)| *c == '+')
        .map(|(i, _)| i)
        .collect();
    let mut current: Vec<Vec<String>> = Vec::new();
    let finish = |current: &mut Vec<Vec<String>>, table: &mut Table| {
        if current.is_empty() {
            return;
        }
        let row = Row {
            cells: current
                .drain(..)
                .map(|lines| {
                    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
                    Cell {
                        paras: blocks(&refs),
                        ..Cell::default()
                    }
                })
                .collect(),
        };
        table.rows.push(row);
    };
    for line in &lines[1..] {
        let t = line.trim();
        if is_grid_border(t) {
            finish(&mut current, &mut table);
            continue;
        }
        let cells = cut(t, &bounds_chars);
        if current.is_empty() {
            current = vec![Vec::new(); cells.len()];
        }
        for (k, text) in cells.into_iter().enumerate() {
            if let Some(col) = current.get_mut(k) {
                col.push(text);
            }
        }
    }
    finish(&mut current, &mut table);
    table
}

/// A grid row line cut at the column boundaries. The boundaries count characters (as our own
/// writer pads) or display columns (as pandoc pads wide characters); whichever lands on `|`.
fn cut(line: &str, bounds: &[usize]) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let by_width = {
        let mut pos = Vec::with_capacity(chars.len());
        let mut w = 0;
        for c in &chars {
            pos.push(w);
            w += c.width().unwrap_or(0).max(1);
        }
        pos
    };
    let at = |b: usize, width: bool| -> Option<usize> {
        if width {
            by_width.iter().position(|&p| p == b)
        } else {
            (b < chars.len()).then_some(b)
        }
    };
    let fits = |width: bool| {
        bounds
            .iter()
            .all(|&b| at(b, width).is_some_and(|i| chars[i] == '|'))
    };
    let width = !fits(false) && fits(true);
    let mut out = Vec::new();
    for pair in bounds.windows(2) {
        let (Some(a), b) = (at(pair[0], width), at(pair[1], width)) else {
            out.push(String::new());
            continue;
        };
        let b = b.unwrap_or(chars.len()).min(chars.len());
        let inner: String = chars
            .get(a + 1..b)
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        let inner = inner
            .strip_prefix(' ')
            .unwrap_or(&inner)
            .trim_end()
            .to_string();
        out.push(inner);
    }
    out
}

/// A pipe table: one row per line, `\|` inside a cell, `<br>` between a cell's paragraphs.
fn pipe_table(lines: &[&str]) -> Table {
    let mut table = Table::default();
    for (k, line) in lines.iter().enumerate() {
        if k == 1 && is_pipe_separator(line) {
            continue;
        }
        let mut cells = split_pipes(line.trim());
        if cells.first().is_some_and(|c| c.trim().is_empty()) {
            cells.remove(0);
        }
        if cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        let row = Row {
            cells: cells
                .into_iter()
                .map(|c| Cell {
                    paras: split_breaks(&c)
                        .iter()
                        .map(|p| Para {
                            content: inline(p.trim()),
                            ..Para::default()
                        })
                        .filter(|p| !p.is_blank())
                        .collect(),
                    ..Cell::default()
                })
                .collect(),
        };
        table.rows.push(row);
    }
    table
}

fn split_pipes(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(last) = out.last_mut() {
                    last.push('|');
                }
            }
            '|' => out.push(String::new()),
            c => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out
}

fn split_breaks(cell: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let chars: Vec<char> = cell.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '<' && is_break_tag(&chars[i..]) {
            let len = chars[i..].iter().position(|&c| c == '>').unwrap_or(0);
            out.push(String::new());
            i += len + 1;
            continue;
        }
        if let Some(last) = out.last_mut() {
            last.push(chars[i]);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(p: &Para) -> String {
        p.text()
    }

    #[test]
    fn escapes_entities_and_autolinks() {
        assert_eq!(
            Inline::plain(&inline(r"1\. \[Текст\] a\*b &lt;x&gt; \'q\' 2003\. — С.")),
            "1. [Текст] a*b <x> 'q' 2003. — С."
        );
        let link = inline("см. <https://example.org/a_b>");
        assert!(matches!(&link[1], Inline::Link { url, .. } if url == "https://example.org/a_b"));
        let styled = inline("**Участник 1:** *делится:* [сайт](<https://a.ru/(x)>)");
        assert!(matches!(&styled[0], Inline::Strong(_)));
        assert!(styled
            .iter()
            .any(|i| matches!(i, Inline::Link { url, .. } if url == "https://a.ru/(x)")));
    }

    #[test]
    fn lists_and_paragraphs_in_a_cell() {
        let lines = [
            "Показатели:",
            "",
            "- первый,",
            "  продолжение;",
            "- второй.",
            "",
            "1.  Федеральный закон",
            "    от 29.12.2012",
            "2.  Указ",
            "   2003\\. — 736 с.",
            "",
            "Итог.",
        ];
        let paras = blocks(&lines);
        let got: Vec<(Option<ItemKind>, String)> = paras
            .iter()
            .map(|p| (p.item.map(|i| i.kind), text(p)))
            .collect();
        assert_eq!(
            got,
            vec![
                (None, "Показатели:".into()),
                (Some(ItemKind::Bullet), "первый, продолжение;".into()),
                (Some(ItemKind::Bullet), "второй.".into()),
                (
                    Some(ItemKind::Number(1)),
                    "Федеральный закон от 29.12.2012".into()
                ),
                (Some(ItemKind::Number(2)), "Указ 2003. — 736 с.".into()),
                (None, "Итог.".into()),
            ]
        );
    }

    #[test]
    fn grid_and_pipe_tables_give_cells() {
        let grid = "+-----+-------+\n| №   | Текст |\n+=====+=======+\n| 1\\. | а     |\n|     | б     |\n+-----+-------+\n";
        let doc = read(grid);
        let Node::Table(t) = &doc.nodes[0] else {
            panic!("table")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells[0].text(), "1.");
        assert_eq!(t.rows[1].cells[1].text(), "а б");
        let pipe = "| № | Критерии |\n|---|---|\n| 1. | a<br>· b \\| c |\n";
        let doc = read(pipe);
        let Node::Table(t) = &doc.nodes[0] else {
            panic!("table")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells[1].paras.len(), 2);
        assert_eq!(t.rows[1].cells[1].paras[1].text(), "· b | c");
    }

    #[test]
    fn headings_divs_and_front_matter() {
        let md = "---\ntitle: \"X\"\n---\n\n# Заголовок {#title}\n\n::: {custom-style=\"Right\"}\nИванова И. И.\n:::\n\n## Введение {#introduction}\n\nТекст.\n";
        let doc = read(md);
        let paras: Vec<&Para> = doc
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Para(p) => Some(p),
                _ => None,
            })
            .collect();
        assert_eq!(paras[0].style, Style::Title);
        assert_eq!(paras[0].text(), "Заголовок");
        assert_eq!(paras[1].style, Style::Right);
        assert_eq!(paras[2].style, Style::Heading(2));
        assert_eq!(paras[3].text(), "Текст.");
    }
}
