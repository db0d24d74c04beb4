//! What a structured entry lacks or gets wrong (a title, a URL's access date, an ISBN).

use crate::date::Date;
use crate::message::Message;

use super::gost::{kind_of, non_empty, Kind, KNOWN_TYPES};
use super::model::Entry;

/// What a jury would mark down in a structured entry: a URL without an access date, an access
/// date in the future, a type the formatter does not know.
pub fn entry_warnings(entry: &Entry, today: Date) -> Vec<Message> {
    let mut out = Vec::new();
    if entry.title.trim().is_empty() {
        out.push(Message::BiblioNoTitle);
    }
    if !KNOWN_TYPES.contains(&entry.kind.trim()) {
        out.push(Message::BiblioUnknownType {
            kind: entry.kind.clone(),
        });
    }
    let kind = kind_of(&entry.kind);
    if matches!(kind, Kind::Part | Kind::Article) && non_empty(&entry.container_title).is_none() {
        out.push(Message::BiblioNoContainer);
    }
    if kind == Kind::Web && non_empty(&entry.url).is_none() {
        out.push(Message::BiblioWebNoUrl);
    }
    if let Some(isbn) = non_empty(&entry.isbn) {
        if !isbn_valid(isbn) {
            out.push(Message::BiblioIsbnInvalid {
                isbn: isbn.to_string(),
            });
        }
    }
    if non_empty(&entry.url).is_some() {
        match entry.accessed {
            None => out.push(Message::BiblioUrlNoAccessDate),
            Some(d) if d > today => out.push(Message::BiblioAccessDateFuture { date: d, today }),
            Some(_) => {}
        }
    } else if entry.accessed.is_some() {
        out.push(Message::BiblioAccessDateNoUrl);
    }
    out
}

/// ISBN-10 or ISBN-13 check digit; hyphens, spaces and an `ISBN` prefix are ignored.
pub fn isbn_valid(isbn: &str) -> bool {
    let body = isbn
        .trim()
        .trim_start_matches("ISBN")
        .trim_start_matches(':');
    let chars: Vec<char> = body
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{a0}' | '‐'))
        .collect();
    match chars.len() {
        10 => {
            let mut sum = 0u32;
            for (i, c) in chars.iter().enumerate() {
                let v = match c {
                    '0'..='9' => *c as u32 - '0' as u32,
                    'X' | 'x' if i == 9 => 10,
                    _ => return false,
                };
                sum += v * (10 - i as u32);
            }
            sum.is_multiple_of(11)
        }
        13 => {
            let mut sum = 0u32;
            for (i, c) in chars.iter().enumerate() {
                let Some(v) = c.to_digit(10) else {
                    return false;
                };
                sum += if i % 2 == 0 { v } else { v * 3 };
            }
            sum.is_multiple_of(10)
        }
        _ => false,
    }
}
