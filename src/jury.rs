//! Jury copies: a card without who wrote it. The copy drops the authors (with their
//! positions), the organisation and the locality from every format and from the files'
//! metadata, since those come from the same fields; what the card's own text says is kept,
//! and where it names an author or the organisation, [`leaks`] says so with the place, so the
//! organiser can decide. The key from numbers back to the cards is the organiser's alone.

use std::borrow::Cow;

use crate::card::{filled, Card, LoadedCard};
use crate::diag::{Diagnostic, Span};
use crate::locale::{self, Lang};
use crate::message::Message;

/// The card as the jury sees it.
pub fn strip(card: &Card) -> Cow<'_, Card> {
    if card.authors.is_empty() && card.organisation.is_none() && card.locality.is_none() {
        return Cow::Borrowed(card);
    }
    Cow::Owned(Card {
        authors: Vec::new(),
        organisation: None,
        locality: None,
        ..card.clone()
    })
}

/// A copy's number: `001`, … with as many digits as the last one needs (at least three).
pub fn number(index: usize, count: usize) -> String {
    let width = count.to_string().len().max(3);
    format!("{:0width$}", index + 1)
}

/// Every place the card's text names an author (by surname) or the organisation (whole, or
/// the name in its quotes), outside the fields the copy drops.
pub fn leaks(loaded: &LoadedCard) -> Vec<Diagnostic> {
    let card = &loaded.card;
    let text = &loaded.source.text;
    let mut dropped: Vec<Span> = ["organisation", "locality"]
        .iter()
        .filter_map(|p| loaded.spans.value(p))
        .collect();
    for i in 0..card.authors.len() {
        for field in ["name", "position", "organisation"] {
            dropped.extend(loaded.spans.value(&format!("authors[{i}].{field}")));
        }
    }
    let mut found = Vec::new();
    let surnames = card
        .authors
        .iter()
        .filter_map(|a| a.name.split_whitespace().next());
    for surname in surnames.filter(|s| s.chars().count() >= 3).map(stem) {
        let message = |name| Message::JuryNamesAuthor { name };
        found.extend(places(text, surname, &dropped).map(|(span, name)| (span, message(name))));
    }
    let organisations = filled(&card.organisation)
        .into_iter()
        .chain(card.authors.iter().filter_map(|a| filled(&a.organisation)));
    for organisation in organisations {
        let quoted = organisation
            .split(['«', '»'])
            .nth(1)
            .filter(|q| q.chars().count() >= 4);
        for needle in [Some(organisation), quoted].into_iter().flatten() {
            let message = |name| Message::JuryNamesOrganisation { name };
            found.extend(places(text, needle, &dropped).map(|(span, name)| (span, message(name))));
        }
    }
    found.sort_by_key(|(span, _)| span.start);
    found.dedup_by(|a, b| a.0.start < b.0.end);
    found
        .into_iter()
        .map(|(span, m)| Diagnostic::new(m).at(span))
        .collect()
}

/// A surname without the ending its cases change (Иванова → Иванов, so «Ивановой» is found
/// too); short names are kept whole.
fn stem(surname: &str) -> &str {
    let last = surname.char_indices().next_back();
    match last {
        Some((at, c)) if surname.chars().count() >= 5 && "аяйьеоиыуюАЯЙЬЕОИЫУЮ".contains(c) => {
            &surname[..at]
        }
        _ => surname,
    }
}

/// Where `needle` stands in `text` as a word (any case, any ending after it), outside
/// `dropped`: each place with the words as written there.
fn places<'t>(
    text: &'t str,
    needle: &str,
    dropped: &'t [Span],
) -> impl Iterator<Item = (Span, String)> + 't {
    let lower = text.to_lowercase();
    let needle = needle.to_lowercase();
    // Lower-casing keeps byte offsets only where every letter keeps its length; Cyrillic and
    // Latin letters do, and a text where they do not is simply not searched.
    let same_length = lower.len() == text.len();
    let starts: Vec<usize> = match same_length && !needle.is_empty() {
        true => lower.match_indices(&needle).map(|(i, _)| i).collect(),
        false => Vec::new(),
    };
    starts.into_iter().filter_map(move |start| {
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) {
            return None;
        }
        if dropped.iter().any(|d| d.start <= start && end <= d.end) {
            return None;
        }
        let word_end = text[end..]
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(text.len(), |(i, _)| end + i);
        Some((
            Span::new(start, word_end),
            text[start..word_end].to_string(),
        ))
    })
}

/// The organiser's key: a copy's number back to its card, as the register's CSV is written
/// (a byte-order mark, `;`, CRLF), so Russian Excel opens it in columns.
pub fn key_csv(rows: &[KeyRow], lang: Lang) -> String {
    let words = locale::report_words(lang);
    let head = [
        words.number,
        words.file,
        words.title,
        words.authors,
        words.organisation,
        words.locality,
    ];
    let rows = rows.iter().map(|r| {
        let authors = r.authors.join(", ");
        vec![
            r.number.clone(),
            r.file.clone(),
            r.title.clone(),
            authors,
            r.organisation.clone(),
            r.locality.clone(),
        ]
    });
    crate::csv::document(&head, rows)
}

/// One line of the key.
#[derive(Debug, Clone, Default)]
pub struct KeyRow {
    pub number: String,
    pub file: String,
    pub title: String,
    pub authors: Vec<String>,
    pub organisation: String,
    pub locality: String,
}

impl KeyRow {
    pub fn of(number: String, file: String, card: &Card) -> KeyRow {
        let plain = |v: &Option<String>| filled(v).unwrap_or_default().to_string();
        KeyRow {
            number,
            file,
            title: card.title.trim().to_string(),
            authors: card
                .authors
                .iter()
                .map(|a| a.name.trim().to_string())
                .collect(),
            organisation: plain(&card.organisation),
            locality: plain(&card.locality),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_as_text() {
        assert_eq!(number(0, 9), "001");
        assert_eq!(number(41, 300), "042");
        assert_eq!(number(999, 1200), "1000");
        assert_eq!(number(0, 1200), "0001");
    }

    #[test]
    fn names_in_the_text_are_found_but_not_in_the_fields_the_copy_drops() {
        let example = include_str!("../examples/reverse-mentoring.toml");
        let text = example
            .replacen(
                "language = \"ru\"",
                "language = \"ru\"\norganisation = \"МБОУ «Школа № 5»\"\n\n[[authors]]\nname = \"Петрова Анна\"\n",
                1,
            )
            .replacen("Тема наставничества", "Опыт Петровой А. в «Школа № 5» и в школе № 5. Тема", 1);
        // The author table must come after the top-level keys: move it below `type`.
        let text = text.replacen("\n[[authors]]\nname = \"Петрова Анна\"\n", "", 1)
            + "\n[[authors]]\nname = \"Петрова Анна\"\n";
        let loaded = crate::load::load("c.toml", &text, None)
            .card
            .expect("the card loads");
        let found: Vec<String> = leaks(&loaded).iter().map(|d| d.text(Lang::Ru)).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(stem("Иванова"), "Иванов");
        assert_eq!(stem("Петров"), "Петров");
        assert_eq!(stem("Ли"), "Ли");
        assert!(found[0].contains("«Петровой»"), "{found:?}");
        assert!(found[1].contains("«Школа № 5»"), "{found:?}");
        let stripped = strip(&loaded.card);
        assert!(stripped.authors.is_empty() && stripped.organisation.is_none());
    }
}
