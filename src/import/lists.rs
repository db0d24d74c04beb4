//! Lists typed by hand: a paragraph that opens with `·`, `•`, `-`, `–`, `*`, `1.` or `1)`
//! is a list item whatever the format, exactly as the card's own syntax would read it. The
//! marker is taken off the text and kept as the paragraph's list membership.

use super::source::{drop_chars, Item, ItemKind, Para};

/// Bullets people type or paste: Word's Symbol-font bullets arrive as private-use characters.
const BULLETS: &[char] = &[
    '·', '•', '●', '○', '◦', '▪', '■', '□', '➢', '►', '✓', '✔', '\u{f0b7}', '\u{f0a7}', '\u{f0d8}',
    '\u{f0fc}', '\u{f076}',
];

/// Dashes that open an item when a space follows them.
const DASHES: &[char] = &['-', '–', '—', '*'];

/// The marker at the start of `text` and the byte length it takes (with the spaces after it).
pub fn marker(text: &str) -> Option<(ItemKind, usize)> {
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    let first = t.chars().next()?;
    let after = &t[first.len_utf8()..];
    let rest_start = |after: &str| after.len() - after.trim_start().len();
    if BULLETS.contains(&first) {
        let skip = rest_start(after);
        return (!after.trim().is_empty())
            .then_some((ItemKind::Bullet, lead + first.len_utf8() + skip));
    }
    if DASHES.contains(&first) && after.starts_with([' ', '\t', '\u{a0}']) {
        let skip = rest_start(after);
        return (!after.trim().is_empty())
            .then_some((ItemKind::Bullet, lead + first.len_utf8() + skip));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let number: u32 = t[..digits].parse().ok()?;
    let after = &t[digits..];
    let sep = after.chars().next()?;
    if sep != '.' && sep != ')' {
        return None;
    }
    let after = &after[1..];
    let spaced = after.starts_with([' ', '\t', '\u{a0}']);
    // «1.Федеральный закон»: the space is often lost when numbers are typed by hand.
    let glued = sep == '.' && after.chars().next().is_some_and(char::is_uppercase);
    if !(spaced || glued) || after.trim().is_empty() {
        return None;
    }
    Some((
        ItemKind::Number(number),
        lead + digits + 1 + rest_start(after),
    ))
}

/// Turns a paragraph that starts with a typed marker into a list item.
pub fn recognise(para: &mut Para) {
    if para.item.is_some() {
        return;
    }
    let text = para.text();
    let Some((kind, len)) = marker(&text) else {
        return;
    };
    drop_chars(&mut para.content, text[..len].chars().count());
    para.item = Some(Item { level: 0, kind });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<ItemKind> {
        marker(s).map(|m| m.0)
    }

    #[test]
    fn typed_markers_are_items() {
        assert_eq!(kind("· собственные"), Some(ItemKind::Bullet));
        assert_eq!(kind("·собственные"), Some(ItemKind::Bullet));
        assert_eq!(kind("•\tростом балла"), Some(ItemKind::Bullet));
        assert_eq!(kind("- компьютерный класс"), Some(ItemKind::Bullet));
        assert_eq!(kind("– дефис-тире"), Some(ItemKind::Bullet));
        assert_eq!(kind("\u{f0b7} символ Symbol"), Some(ItemKind::Bullet));
        assert_eq!(kind("1. Федеральный закон"), Some(ItemKind::Number(1)));
        assert_eq!(kind("2.  Указ"), Some(ItemKind::Number(2)));
        assert_eq!(kind("3) пункт"), Some(ItemKind::Number(3)));
        assert_eq!(kind("1.Федеральный закон"), Some(ItemKind::Number(1)));
    }

    #[test]
    fn text_that_only_looks_like_a_marker_is_not() {
        assert_eq!(kind("-конструктор сайтов"), None);
        assert_eq!(kind("1-го года"), None);
        assert_eq!(kind("2023/2024 учебный год"), None);
        assert_eq!(kind("3.5 балла"), None);
        assert_eq!(kind("2024. Итоги"), None);
        assert_eq!(kind("1."), None);
        assert_eq!(kind("·"), None);
        assert_eq!(kind("*курсив*"), None);
        assert_eq!(kind("Наставник – «учитель»"), None);
    }

    #[test]
    fn the_marker_leaves_the_text() {
        use crate::document::Inline;
        let mut p = Para {
            content: vec![
                Inline::Strong(vec![Inline::Text("1. ".into())]),
                Inline::Text("Закон".into()),
            ],
            ..Para::default()
        };
        recognise(&mut p);
        assert_eq!(p.item.map(|i| i.kind), Some(ItemKind::Number(1)));
        assert_eq!(p.content, vec![Inline::Text("Закон".into())]);
        let mut q = Para::plain("•\tростом");
        recognise(&mut q);
        assert_eq!(q.text(), "ростом");
    }
}
