//! Sources written as one string: what the old style lacks (lint), and the string read into
//! a structured entry (a suggestion `check` shows, never applied silently).

use crate::date::Date;
use crate::message::{OldStyle, OldStyleHint};
use std::ops::Range;

use super::gost::format;
use super::model::{range_dash, Entry, Issued, Name};
use super::names::Person;
use super::names::{is_capitalised_word, parse_initials, parse_person};
use super::places::{place, PLACES};
use super::style::{GostStyle, Places};

/// An old-style marker found in a plain-string entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainFinding {
    /// Byte range of the marker in the string.
    pub range: Range<usize>,
    pub finding: OldStyle,
    /// What to write instead.
    pub hint: OldStyleHint,
}

/// Finds markers of ГОСТ 7.1-2003 and hand typing in a plain bibliographic string.
pub fn lint_plain(text: &str) -> Vec<PlainFinding> {
    let mut out = Vec::new();
    // When the string can be read, the hint is the ready structured entry.
    let structured = match parse_plain(text) {
        Some(e) => OldStyleHint::Structured {
            toml: to_toml(&e),
            record: format(&e, &GostStyle::new()),
        },
        None => OldStyleHint::Sample,
    };
    let mut push = |range: Range<usize>, finding: OldStyle, hint: OldStyleHint| {
        out.push(PlainFinding {
            range,
            finding,
            hint,
        })
    };
    for (needle, what) in [
        ("[Текст]", "Текст"),
        ("[Электронный ресурс]", "Электронный ресурс"),
        ("[Text]", "Text"),
        ("[Electronic resource]", "Electronic resource"),
    ] {
        for (at, _) in text.match_indices(needle) {
            push(
                at..at + needle.len(),
                OldStyle::ContentMarker(what.into()),
                structured.clone(),
            );
        }
    }
    // `.-`, `.–`, `.—` glued to the point, or an area separator without a point: `2005 - 208`.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c == '.' {
            if let Some(&(dat, d)) = chars.get(k + 1) {
                if matches!(d, '-' | '–' | '—') {
                    push(
                        at..dat + d.len_utf8(),
                        OldStyle::AreaSeparator,
                        structured.clone(),
                    );
                }
            }
        }
    }
    // Abbreviated places glued to the colon: `СПб:`, `М.:`, `Л.:`.
    for (place, full) in [
        ("СПб.:", "Санкт-Петербург"),
        ("СПб:", "Санкт-Петербург"),
        ("М.:", "Москва"),
        ("М:", "Москва"),
        ("Л.:", "Ленинград"),
        ("Ростов н/Д:", "Ростов-на-Дону"),
        ("Ростов н/Д.:", "Ростов-на-Дону"),
    ] {
        for (at, _) in text.match_indices(place) {
            // `М:` only as a word of its own
            let before = text[..at].chars().next_back();
            if before.is_some_and(char::is_alphabetic) {
                continue;
            }
            if place == "СПб:" && text[at..].starts_with("СПб.:") {
                continue;
            }
            push(
                at..at + place.len(),
                OldStyle::Place(full.into()),
                structured.clone(),
            );
        }
    }
    // Pages glued to the number: `208с.`
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c == 'с' && k > 0 && chars[k - 1].1.is_ascii_digit() {
            let next = chars.get(k + 1).map(|x| x.1);
            if next.is_none_or(|n| !n.is_alphabetic()) {
                let end = at + c.len_utf8() + usize::from(next == Some('.'));
                let start = chars[..k]
                    .iter()
                    .rev()
                    .take_while(|x| x.1.is_ascii_digit())
                    .last()
                    .map_or(at, |x| x.0);
                push(start..end, OldStyle::PagesGlued, OldStyleHint::Pages);
            }
        }
    }
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out
}

/// The entry as a `[[materials]]` table body for a hint or for `mentorcard` to print.
pub fn to_toml(entry: &Entry) -> String {
    toml::to_string(entry).unwrap_or_default()
}

pub(super) fn is_place_word(w: &str) -> bool {
    let w = w.trim_end_matches([':', ',']);
    PLACES
        .iter()
        .any(|(short, aliases, full)| w == *short || aliases.contains(&w) || w == *full)
        || [
            "Ростов",
            "Ростов-на-Дону",
            "Москва",
            "Санкт-Петербург",
            "Ленинград",
        ]
        .contains(&w)
}

/// Splits the part after ` / ` into areas at `.-`, `. —`, and at a spaced or glued dash that
/// starts a new area (a place, a number, ISBN, URL), so `БХВ - Петербург` stays one name.
pub(super) fn split_areas(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut areas = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let last_token = cur.rsplit(char::is_whitespace).next().unwrap_or("");
        let in_url = last_token.starts_with("http") || last_token.starts_with("www.");
        if matches!(c, '-' | '–' | '—') && !in_url {
            let before = cur.trim_end();
            let after: String = chars[i + 1..].iter().collect();
            let next = after.trim_start();
            let next_word = next.split_whitespace().next().unwrap_or("");
            let starts_area = next.starts_with(|c: char| c.is_ascii_digit())
                || next.starts_with("ISBN")
                || next.starts_with("URL")
                || next.starts_with("Режим")
                || next.starts_with('№')
                || next.starts_with("С.")
                || is_place_word(next_word);
            let after_point = before.ends_with('.');
            let spaced = cur.ends_with(' ') && chars.get(i + 1) == Some(&' ');
            let glued_word = !cur.ends_with(' ') && !before.ends_with(|c: char| c.is_ascii_digit());
            let space_before = cur.ends_with(' ');
            if after_point || ((spaced || space_before || glued_word || c != '-') && starts_area) {
                let area = before.trim_end_matches('.').trim().to_string();
                if !area.is_empty() {
                    areas.push(area);
                }
                cur.clear();
                i += 1;
                continue;
            }
        }
        cur.push(c);
        i += 1;
    }
    let last = cur.trim().trim_end_matches('.').trim().to_string();
    if !last.is_empty() {
        areas.push(last);
    }
    areas
}

pub(super) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

/// Leading `Фамилия И.О., Фамилия И.О.` of an old-style record; returns names and the rest.
pub(super) fn take_heading(text: &str) -> (Vec<Name>, String) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut names = Vec::new();
    let mut k = 0;
    while let Some(family) = words.get(k) {
        let family = family.trim_end_matches([',', ':']);
        if !is_capitalised_word(family) {
            break;
        }
        let mut j = k + 1;
        let mut inits = Vec::new();
        while let Some(w) = words.get(j) {
            let bare = w.trim_end_matches([',', ':']);
            match parse_initials(bare) {
                Some(list) => inits.extend(list),
                None => break,
            }
            j += 1;
            if w.ends_with([',', ':']) {
                break;
            }
        }
        if inits.is_empty() {
            break;
        }
        names.push(Name::Text(format!("{family} {}", inits.join(" "))));
        k = j;
        if !words[j - 1].ends_with(',') {
            break;
        }
    }
    (names, words[k..].join(" "))
}

/// Reads a hand-typed ГОСТ 7.1-style record (`Фамилия И.О. Заглавие [Текст]: сведения /
/// И.О. Фамилия.- М.: Издательство, 2005.- 208с.: ил.`) into an entry, or `None` when the
/// string is too irregular to guess. Used only to *suggest* the structured form.
pub fn parse_plain(text: &str) -> Option<Entry> {
    let mut t = text
        .trim()
        .trim_start_matches(['·', '•', '-', '*'])
        .trim()
        .to_string();
    for m in [
        "[Текст]",
        "[Электронный ресурс]",
        "[Text]",
        "[Electronic resource]",
    ] {
        t = t.replace(m, "");
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let (host, own) = match find_outside_urls(&t, "//") {
        Some(at) => (
            Some(t[at + 2..].trim().to_string()),
            t[..at].trim().to_string(),
        ),
        None => (None, t.clone()),
    };
    // Without ` / ` the areas follow the title directly: `Фамилия И. Заглавие. - М.: …`.
    let (left, right, bare) = match find_outside_urls(&own, "/") {
        Some(at) => (
            own[..at].trim().to_string(),
            Some(own[at + 1..].trim().to_string()),
            false,
        ),
        None if host.is_some() => (own.clone(), None, false),
        None => {
            let mut areas = split_areas(&own);
            if areas.len() < 2 {
                return None;
            }
            let first = areas.remove(0);
            (first, Some(areas.join(" . - ")), true)
        }
    };
    let mut entry = Entry {
        kind: "book".into(),
        ..Entry::default()
    };
    let (names, rest) = take_heading(&left);
    entry.author = names;
    let mut parts = rest.split(':').map(str::trim);
    let title = parts.next().unwrap_or("").trim_end_matches('.').trim();
    if title.is_empty() {
        return None;
    }
    entry.title = title.replace(" - ", " — ");
    let mut info: Vec<String> = parts
        .filter(|p| !p.is_empty())
        .map(|p| lower_first(p.trim_end_matches('.').trim()))
        .collect();
    if let Some(act) = info.first().and_then(|i| read_act(i)) {
        info.remove(0);
        entry.kind = "legislation".into();
        entry.genre = Some(act.kind);
        entry.enacted = act.date;
        entry.number = act.number;
        entry.revision = act.revision;
        if !info.is_empty() {
            entry.adopted = Some(info.join(" : "));
        }
    } else if !info.is_empty() {
        entry.genre = Some(info.join(" : "));
    }

    let mut areas = right.as_deref().map(split_areas).unwrap_or_default();
    if bare {
        // `… - Психол. журнал - 1997. - №5 - С.56`: a journal article without `//`.
        let journal = host.is_none()
            && areas.len() >= 2
            && areas[1..]
                .iter()
                .any(|a| a.starts_with('№') || a.starts_with("С."))
            && !areas.iter().any(|a| a.contains(':'));
        if journal {
            entry.kind = "article-journal".into();
            entry.container_title = Some(areas.remove(0));
        }
    } else if !areas.is_empty() {
        // Statement of responsibility; an edition may hide after a comma («М.В. Кузнецов, 2-ое издание»).
        let resp = areas.remove(0);
        let mut people = Vec::new();
        for piece in resp.split([',', ';']).map(str::trim) {
            if piece.contains("изд") {
                areas.insert(0, piece.to_string());
            } else if let Person::Person { .. } = parse_person(piece) {
                people.push(Name::Text(piece.to_string()));
            }
        }
        // the statement lists all of up to three authors; the heading only the first
        if people.len() > entry.author.len() {
            entry.author = people;
        }
    }
    if let Some(h) = &host {
        if entry.kind == "book" {
            entry.kind = "article-journal".into();
        }
        let mut host_areas = split_areas(h);
        if host_areas.is_empty() {
            return None;
        }
        entry.container_title = Some(host_areas.remove(0));
        areas.extend(host_areas);
    }
    for area in areas {
        read_area(&area, &mut entry);
    }
    if entry.url.is_some() && entry.kind == "book" && entry.publisher.is_none() {
        entry.kind = "webpage".into();
    }
    for a in &mut entry.author {
        if let Name::Text(s) = a {
            if let Person::Person { family, initials } = parse_person(s) {
                *s = format!("{family} {initials}");
            }
        }
    }
    Some(entry)
}

/// What an old-style record says about an act after its title.
pub(super) struct ActInfo {
    kind: String,
    date: Option<Date>,
    number: Option<String>,
    revision: Option<Date>,
}

/// Reads `федер. закон от 29.12.2012 № 273-ФЗ (ред. от 29.12.2022)`: the kind of act (in
/// full: «Федеральный закон»), its date, number and the revision it was read in. `None`
/// when the text is not an act's or holds something this would lose.
pub(super) fn read_act(text: &str) -> Option<ActInfo> {
    let mut t = text.trim().to_string();
    let mut revision = None;
    if let Some(at) = t.find("(ред. от") {
        let end = t[at..].find(')').map_or(t.len(), |e| at + e + 1);
        let date = t[at + "(ред. от".len()..end].trim_end_matches(')').trim();
        revision = Some(Date::parse(date)?);
        t.replace_range(at..end, "");
    }
    let t = t.trim();
    let (head, number) = match t.split_once('№') {
        Some((head, n)) => {
            let n = n.trim();
            if n.is_empty() || n.contains(char::is_whitespace) {
                return None;
            }
            (head.trim(), Some(n.to_string()))
        }
        None => (t, None),
    };
    let (kind, date) = match head.rsplit_once(" от ") {
        Some((kind, d)) => (kind.trim(), Some(Date::parse(d.trim())?)),
        None => (head, None),
    };
    let lower = kind.to_lowercase();
    let act = [
        "закон",
        "указ",
        "постановлен",
        "распоряжен",
        "приказ",
        "кодекс",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if !act || (number.is_none() && date.is_none() && revision.is_none()) {
        return None;
    }
    let kind = kind
        .replace(
            "федер. конституц. закон",
            "федеральный конституционный закон",
        )
        .replace("федер. закон", "федеральный закон");
    // capitalised, as the kind of act stands after « : » in the standard's examples
    let mut letters = kind.chars();
    let kind = letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    Some(ActInfo {
        kind,
        date,
        number,
        revision,
    })
}

/// Byte offset of the first `pat` that is not inside a URL (`https://…` has slashes too).
pub(super) fn find_outside_urls(text: &str, pat: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = text.get(from..)?.find(pat) {
        let at = from + rel;
        let token = text[..at]
            .split(char::is_whitespace)
            .next_back()
            .unwrap_or("");
        if !(token.starts_with("http") || token.starts_with("www.") || token.starts_with("ftp")) {
            return Some(at);
        }
        from = at + pat.len();
    }
    None
}

pub(super) fn leading_number(s: &str) -> Option<String> {
    let d: String = s.chars().take_while(char::is_ascii_digit).collect();
    (!d.is_empty()).then_some(d)
}

pub(super) fn read_area(area: &str, entry: &mut Entry) {
    let a = area.trim();
    if a.contains("изд") && a.starts_with(|c: char| c.is_ascii_digit()) {
        entry.edition = leading_number(a);
    } else if let Some(isbn) = a.strip_prefix("ISBN") {
        entry.isbn = Some(isbn.trim().to_string());
    } else if let Some(url) = a
        .strip_prefix("URL:")
        .or_else(|| a.strip_prefix("Режим доступа:"))
        .filter(|u| u.contains("http") || u.contains("www."))
    {
        let (url, rest) = url.split_once(" (").unwrap_or((url, ""));
        let url = url
            .trim()
            .trim_end_matches(", свободный")
            .trim_end_matches(',');
        entry.url = Some(url.to_string());
        // `(дата обращения: 01.02.2020)`
        if let Some((_, date)) = rest.split_once(':') {
            entry.accessed = Date::parse(date.trim().trim_end_matches(')').trim());
        }
    } else if let Some(issue) = a.strip_prefix('№') {
        // `№5-С.56` in one area
        let (iss, page) = match issue.split_once("С.") {
            Some((i, p)) => (i.trim_end_matches(['-', '–', '—', ' ', '.']), Some(p)),
            None => (issue, None),
        };
        entry.issue = Some(iss.trim().to_string());
        if let Some(p) = page {
            entry.page = Some(range_dash(p.trim()));
        }
    } else if let Some(p) = a.strip_prefix("С.") {
        entry.page = Some(range_dash(p.trim()));
    } else if a.len() == 4 && a.chars().all(|c| c.is_ascii_digit()) {
        entry.issued = a.parse().ok().map(Issued::Year);
    } else if let Some(n) = leading_number(a).filter(|_| {
        let rest = a
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start();
        rest.starts_with('с') || rest.starts_with('p')
    }) {
        entry.number_of_pages = Some(n);
        entry.illustrations = a.contains("ил");
    } else if let Some((place_part, rest)) = a.split_once(':') {
        let places: Vec<String> = place_part
            .split(';')
            .map(|p| place(p, Places::Full))
            .collect();
        entry.publisher_place = Some(places.join(" ; "));
        let (publisher, year) = match rest.rsplit_once(',') {
            Some((p, y)) if y.trim().chars().all(|c| c.is_ascii_digit()) => (p, Some(y.trim())),
            _ => (rest, None),
        };
        let publisher = publisher.trim().replace(" - ", "-");
        let publisher = publisher
            .strip_prefix("Из-во ")
            .unwrap_or(&publisher)
            .to_string();
        entry.publisher = Some(publisher);
        if let Some(y) = year.and_then(|y| y.parse().ok()) {
            entry.issued = Some(Issued::Year(y));
        }
    } else if let Some((p, y)) = a.rsplit_once(',') {
        if is_place_word(p.trim()) {
            entry.publisher_place = Some(place(p, Places::Full));
            entry.issued = y.trim().parse().ok().map(Issued::Year);
        }
    } else if is_place_word(a) {
        entry.publisher_place = Some(place(a, Places::Full));
    } else if NOTE_OPENINGS.iter().any(|n| a.starts_with(n)) {
        let note = match entry.note.take() {
            Some(before) => format!("{before}. {a}"),
            None => a.to_string(),
        };
        entry.note = Some(note);
    }
}

/// How the notes a ГОСТ record keeps begin: how often a site is updated, where its title was
/// taken from, when it was published.
pub(super) const NOTE_OPENINGS: &[&str] = &[
    "Обновляется",
    "Обновление",
    "Дата обновления",
    "Дата публикации",
    "Загл. с",
    "Заглавие с",
];
