//! Source paragraphs written in the card's rich-text syntax (the `richtext` module reads it
//! back): one line per paragraph with blank lines between, list items as `- ` and `1. `
//! lines right after the paragraph they belong to, `**bold**`, `*italic*`, `[text](url)`.
//! Whatever the text holds that the syntax would read as markup is escaped, so a card reads
//! back exactly the text the document had.

use super::source::{ItemKind, Para};
use crate::document::Inline;
use crate::richtext;

/// Characters after which a backslash escapes (the `richtext` syntax's own list).
const ESCAPABLE: &[char] = &['*', '_', '[', ']', '\\', '`'];

/// Characters `richtext` drops from the end of a bare URL as sentence punctuation.
const URL_TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', '»', '*', '_', '\'', '"'];

/// A field's text from its paragraphs.
pub fn text(paras: &[Para]) -> String {
    let mut out = String::new();
    for para in paras.iter().filter(|p| !p.is_blank()) {
        let line = inline(&para.content);
        match para.item {
            Some(item) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&"  ".repeat(item.level.min(8)));
                match item.kind {
                    ItemKind::Bullet => out.push_str("- "),
                    ItemKind::Number(n) => out.push_str(&format!("{n}. ")),
                }
                out.push_str(&line);
            }
            None => {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                out.push_str(&line);
            }
        }
    }
    out
}

/// How bold and italic are marked: `*` reads best, `_` where stars would run together
/// (`***a***` cannot always say which run closes first).
#[derive(Clone, Copy, PartialEq)]
enum Marks {
    Stars,
    UnderscoreItalic,
    Underscores,
    /// The last resort: the text without its formatting, which loses no word.
    None,
}

/// One paragraph's inlines as rich text on one line. The written text is read back, and a
/// way of marking that `richtext` would read differently is not used.
pub fn inline(content: &[Inline]) -> String {
    let tidied = tidy(content, false, false);
    let want = canonical(&tidied);
    for marks in [Marks::Stars, Marks::UnderscoreItalic, Marks::Underscores] {
        let mut out = String::new();
        write_inlines(&mut out, &tidied, false, marks);
        let out = out.trim().to_string();
        if canonical(&richtext::parse_inline(&out)) == want {
            return out;
        }
    }
    let mut out = String::new();
    write_inlines(&mut out, &tidied, false, Marks::None);
    out.trim().to_string()
}

/// Inlines compared as a reader sees them: white space runs as one space, neighbours of one
/// kind merged, no white space at the ends.
fn canonical(content: &[Inline]) -> Vec<Inline> {
    fn walk(content: &[Inline], out: &mut Vec<Inline>) {
        for i in content {
            let node = match i {
                Inline::Text(t) => Inline::Text(collapse(t)),
                Inline::WeakTie => Inline::Text("\u{a0}".into()),
                Inline::Code(t) => Inline::Code(t.clone()),
                Inline::Strong(c) => Inline::Strong(canonical(c)),
                Inline::Emph(c) => Inline::Emph(canonical(c)),
                Inline::Link { url, content } => Inline::Link {
                    url: url.clone(),
                    content: canonical(content),
                },
            };
            if matches!(&node, Inline::Text(t) if t.is_empty()) {
                continue;
            }
            super::source::push(out, node);
        }
    }
    let mut out = Vec::new();
    walk(content, &mut out);
    for i in &mut out {
        if let Inline::Text(t) = i {
            *t = collapse(t);
        }
    }
    if let Some(Inline::Text(t)) = out.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = out.last_mut() {
        *t = t.trim_end().to_string();
    }
    out.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    out
}

fn collapse(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Moves white space out of bold and italic runs (`** a**` would not be bold), drops empty
/// runs, dissolves a style nested in itself and a link nested in a link.
fn tidy(content: &[Inline], strong: bool, emph: bool) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in content {
        match inline {
            Inline::Text(t) => super::source::push(&mut out, Inline::Text(flat(t))),
            Inline::WeakTie => super::source::push(&mut out, Inline::Text("\u{a0}".into())),
            Inline::Code(t) => out.push(Inline::Code(t.clone())),
            Inline::Strong(c) | Inline::Emph(c) => {
                let is_strong = matches!(inline, Inline::Strong(_));
                let inner = tidy(c, strong || is_strong, emph || !is_strong);
                if (is_strong && strong) || (!is_strong && emph) {
                    for i in inner {
                        super::source::push(&mut out, i);
                    }
                    continue;
                }
                let (lead, inner, trail) = strip_edges(inner);
                if !lead.is_empty() {
                    super::source::push(&mut out, Inline::Text(lead));
                }
                if !inner.is_empty() {
                    let node = if is_strong {
                        Inline::Strong(inner)
                    } else {
                        Inline::Emph(inner)
                    };
                    super::source::push(&mut out, node);
                }
                if !trail.is_empty() {
                    super::source::push(&mut out, Inline::Text(trail));
                }
            }
            Inline::Link { url, content } => {
                let inner = tidy(&unlink(content), strong, emph);
                let (lead, inner, trail) = strip_edges(inner);
                if !lead.is_empty() {
                    super::source::push(&mut out, Inline::Text(lead));
                }
                if !inner.is_empty() {
                    out.push(Inline::Link {
                        url: url.trim().to_string(),
                        content: inner,
                    });
                }
                if !trail.is_empty() {
                    super::source::push(&mut out, Inline::Text(trail));
                }
            }
        }
    }
    out
}

/// Line breaks and tabs inside a paragraph are spaces in the card's syntax.
fn flat(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_whitespace() && c != '\u{a0}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn unlink(content: &[Inline]) -> Vec<Inline> {
    content
        .iter()
        .flat_map(|i| match i {
            Inline::Link { content, .. } => unlink(content),
            Inline::Strong(c) => vec![Inline::Strong(unlink(c))],
            Inline::Emph(c) => vec![Inline::Emph(unlink(c))],
            other => vec![other.clone()],
        })
        .collect()
}

/// Leading and trailing white space of a run, taken out of it.
fn strip_edges(mut inner: Vec<Inline>) -> (String, Vec<Inline>, String) {
    let mut lead = String::new();
    let mut trail = String::new();
    if let Some(Inline::Text(first)) = inner.first_mut() {
        let trimmed = first.trim_start_matches(is_space);
        lead = first[..first.len() - trimmed.len()].to_string();
        *first = trimmed.to_string();
    }
    if let Some(Inline::Text(last)) = inner.last_mut() {
        let trimmed = last.trim_end_matches(is_space);
        trail = last[trimmed.len()..].to_string();
        *last = trimmed.to_string();
    }
    inner.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    (lead, inner, trail)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}'
}

fn write_inlines(out: &mut String, content: &[Inline], in_link: bool, marks: Marks) {
    for (k, inline) in content.iter().enumerate() {
        match inline {
            Inline::Text(t) => write_text(out, t),
            Inline::WeakTie => write_text(out, "\u{a0}"),
            Inline::Code(t) => {
                let t = t.replace('`', "'");
                if t.trim().is_empty() {
                    out.push_str(&t);
                } else {
                    out.push('`');
                    out.push_str(&t);
                    out.push('`');
                }
            }
            Inline::Strong(c) | Inline::Emph(c) => {
                let strong = matches!(inline, Inline::Strong(_));
                let mark = match (marks, strong) {
                    (Marks::None, _) => "",
                    (Marks::Stars, true) | (Marks::UnderscoreItalic, true) => "**",
                    (Marks::Stars, false) => "*",
                    (_, false) => "_",
                    (Marks::Underscores, true) => "__",
                };
                out.push_str(mark);
                write_inlines(out, c, in_link, marks);
                out.push_str(mark);
            }
            Inline::Link {
                url,
                content: inner,
            } => {
                // A link whose text is its address is written bare, as teachers type it,
                // when nothing glued to it could be taken for more of the address.
                let next = Inline::plain(&content[k + 1..]).chars().next();
                let bare = !in_link
                    && Inline::plain(inner) == *url
                    && is_bare_url(url)
                    && next.is_none_or(char::is_whitespace);
                if bare {
                    out.push_str(url);
                } else {
                    write_link(out, url, inner, marks);
                }
            }
        }
    }
}

fn is_bare_url(url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://"))
        && url.chars().count() > 8
        && !url.ends_with(URL_TRAILING)
        && !url.chars().any(|c| {
            c.is_whitespace()
                || matches!(c, '<' | '>' | '«' | '»' | '"' | '`' | '[' | ']' | '(' | ')')
        })
}

fn write_link(out: &mut String, url: &str, content: &[Inline], marks: Marks) {
    out.push('[');
    write_inlines(out, content, true, marks);
    out.push_str("](");
    let target: String = url
        .chars()
        .map(|c| match c {
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            c if c.is_whitespace() => "%20".to_string(),
            c => c.to_string(),
        })
        .collect();
    if target.contains(['(', ')']) {
        out.push('<');
        out.push_str(&target);
        out.push('>');
    } else {
        out.push_str(&target);
    }
    out.push(')');
}

/// Plain text with every character the syntax would read as markup escaped (and no more,
/// so a source's «[Текст]» stays as typed for `check` to read). A bare address
/// is left whole: `richtext` reads it back as a link, and an escape inside would break it.
fn write_text(out: &mut String, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i
            .checked_sub(1)
            .map(|p| chars[p])
            .or_else(|| out.chars().next_back());
        if c == 'h' && prev.is_none_or(|p| !p.is_alphanumeric()) && url_at(&chars, i) {
            while i < chars.len() && !ends_url(chars[i]) {
                out.push(chars[i]);
                i += 1;
            }
            continue;
        }
        let next = chars.get(i + 1).copied();
        match c {
            '*' | '`' => out.push('\\'),
            // Only `](` can close a link: brackets elsewhere are text, as in «[Текст]».
            ']' if next == Some('(') => out.push('\\'),
            '_' if !(prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)) =>
            {
                out.push('\\')
            }
            '\\' if next.is_none_or(|n| ESCAPABLE.contains(&n)) => out.push('\\'),
            _ => {}
        }
        out.push(c);
        i += 1;
    }
}

fn url_at(chars: &[char], i: usize) -> bool {
    let starts = |s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    starts("http://") || starts("https://")
}

fn ends_url(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '«' | '»' | '"' | '`' | '[' | ']')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;
    use crate::import::source::Item;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn back(content: Vec<Inline>) {
        let written = inline(&content);
        let read = richtext::parse_inline(&written);
        assert_eq!(
            canonical(&read),
            canonical(&tidy(&content, false, false)),
            "written as {written:?}"
        );
    }

    #[test]
    fn markup_characters_read_back_as_text() {
        back(vec![t(
            "5*3 = 15, snake_case, _под_, [Текст], `код`, \\Сетевой, a\\*b, конец\\",
        )]);
        back(vec![t("Padlet \\Сетевой сервис -конструктор")]);
    }

    #[test]
    fn styles_and_links_read_back() {
        back(vec![
            Inline::Strong(vec![t("«Цифровой десант»")]),
            t(" – наставничество"),
        ]);
        back(vec![
            t("Методы: "),
            Inline::Strong(vec![Inline::Emph(vec![t("парное программирование")])]),
            t(", разбор."),
        ]);
        back(vec![
            t("на "),
            Inline::Link {
                url: "https://example.org/a_b(c)".into(),
                content: vec![t("странице проекта")],
            },
            t("."),
        ]);
        back(vec![Inline::Strong(vec![t("Участник 1:")]), t(" Педагог")]);
    }

    #[test]
    fn white_space_moves_out_of_bold() {
        let got = inline(&[t("a"), Inline::Strong(vec![t(" b ")]), t("c")]);
        assert_eq!(got, "a **b** c");
    }

    #[test]
    fn a_bare_address_stays_whole() {
        let got = inline(&[t("Режим доступа: https://example.org/lyceum2/a_b*c (дата)")]);
        assert_eq!(
            got,
            "Режим доступа: https://example.org/lyceum2/a_b*c (дата)"
        );
    }

    #[test]
    fn lists_follow_their_paragraph_and_paragraphs_are_apart() {
        let item = |kind, s: &str| Para {
            item: Some(Item { level: 0, kind }),
            ..Para::plain(s)
        };
        let paras = vec![
            Para::plain("Результаты:"),
            item(ItemKind::Bullet, "первый;"),
            item(ItemKind::Bullet, "второй."),
            Para::plain("Итог."),
            item(ItemKind::Number(1), "раз"),
        ];
        let written = text(&paras);
        assert_eq!(
            written,
            "Результаты:\n- первый;\n- второй.\n\nИтог.\n1. раз"
        );
        let blocks = richtext::parse(&written);
        assert_eq!(blocks.len(), 4);
        assert!(matches!(&blocks[1], Block::List(l) if l.items.len() == 2));
    }
}
