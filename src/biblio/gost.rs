//! The record by ГОСТ Р 7.0.100-2018: areas in order, each with its prescribed punctuation.

use super::model::{range_dash, Entry, Issued, Name};
use super::names::Person;
use super::places::place;
use super::style::{GostStyle, ManyAuthors};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Book,
    Part,
    Article,
    Web,
    Law,
}

pub(super) fn kind_of(kind: &str) -> Kind {
    match kind.trim() {
        "chapter" | "paper-conference" | "entry" | "entry-encyclopedia" | "entry-dictionary" => {
            Kind::Part
        }
        "article" | "article-journal" | "article-magazine" | "article-newspaper" | "review"
        | "review-book" => Kind::Article,
        "webpage" | "website" | "post" | "post-weblog" => Kind::Web,
        "legislation" | "bill" | "regulation" | "law" => Kind::Law,
        _ => Kind::Book,
    }
}

/// Known CSL and card types; anything else is formatted as a book and `entry_warnings` says so.
pub(super) const KNOWN_TYPES: &[&str] = &[
    "book",
    "report",
    "thesis",
    "manuscript",
    "pamphlet",
    "document",
    "standard",
    "chapter",
    "paper-conference",
    "entry",
    "entry-encyclopedia",
    "entry-dictionary",
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "review",
    "review-book",
    "webpage",
    "website",
    "post",
    "post-weblog",
    "legislation",
    "bill",
    "regulation",
    "law",
];

/// Joins areas with `. — `; a point (or `!`, `?`) already closing an area absorbs the new one.
pub(super) struct Areas<'a> {
    dash: &'a str,
    text: String,
}

impl<'a> Areas<'a> {
    pub(super) fn new(dash: &'a str, first: String) -> Self {
        Areas { dash, text: first }
    }

    pub(super) fn push(&mut self, area: impl AsRef<str>) {
        let area = area.as_ref().trim_start();
        if area.is_empty() {
            return;
        }
        if ends_with_stop(&self.text) {
            self.text.push(' ');
        } else {
            self.text.push_str(". ");
        }
        self.text.push_str(self.dash);
        self.text.push(' ');
        self.text.push_str(area);
    }

    pub(super) fn push_opt(&mut self, area: Option<String>) {
        if let Some(a) = area {
            self.push(a);
        }
    }

    pub(super) fn finish(mut self) -> String {
        if !ends_with_stop(&self.text) {
            self.text.push('.');
        }
        self.text
    }
}

pub(super) fn ends_with_stop(s: &str) -> bool {
    s.ends_with(['.', '!', '?', '…'])
}

pub(super) fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A spaced hyphen in a title is a dash typed wrongly (`Интернет - легко` → `Интернет — легко`).
pub(super) fn title_text(title: &str, dash: &str) -> String {
    title.trim().replace(" - ", &format!(" {dash} "))
}

/// Formats one entry as a ГОСТ Р 7.0.100-2018 record (one line, ordinary spaces).
pub fn format(entry: &Entry, style: &GostStyle) -> String {
    let dash = style.dash.glyph();
    let kind = kind_of(&entry.kind);
    let people: Vec<Person> = entry.author.iter().map(Name::person).collect();
    let persons = people
        .iter()
        .filter(|p| matches!(p, Person::Person { .. }))
        .count();
    let heading = match people.first() {
        Some(first @ Person::Person { .. }) if people.len() <= 3 && persons == people.len() => {
            Some(first.heading())
        }
        _ => None,
    };

    // Title and statements of responsibility.
    let mut head = String::new();
    if let Some(h) = &heading {
        head.push_str(h);
        head.push(' ');
    }
    head.push_str(&title_text(&entry.title, dash));
    let mut info: Vec<String> = Vec::new();
    let mut g = non_empty(&entry.genre).unwrap_or("").to_string();
    if kind == Kind::Law {
        // `Федеральный закон от 29.12.2012 № 273-ФЗ`: kind, date and number are one element.
        if let Some(d) = entry.enacted {
            g.push_str(&format!(" от {}", d.dotted()));
        }
        if let Some(n) = non_empty(&entry.number) {
            g.push_str(&format!(" № {}", n.trim_start_matches('№').trim()));
        }
    }
    if !g.trim().is_empty() {
        info.push(g.trim().to_string());
    }
    if let Some(a) = non_empty(&entry.adopted) {
        info.push(a.to_string());
    }
    for i in &info {
        head.push_str(" : ");
        head.push_str(i);
    }
    if let Some(r) = entry.revision {
        // the revision read in a legal database follows the act's number as published guides
        // write it: «№ 273-ФЗ (ред. от 04.08.2023)», no « : » before the bracket
        head.push_str(&format!(" (ред. от {})", r.dotted()));
    }
    let mut resp: Vec<String> = Vec::new();
    if !people.is_empty() {
        resp.push(authors_statement(&people, style.many_authors));
    }
    if !entry.compiler.is_empty() {
        resp.push(names_statement(
            &entry.compiler,
            "составитель",
            "составители",
        ));
    }
    let editors_here = kind != Kind::Part;
    if editors_here && !entry.editor.is_empty() {
        resp.push(editors_statement(&entry.editor));
    }
    if let Some(o) = non_empty(&entry.organization) {
        resp.push(o.to_string());
    }
    if !resp.is_empty() {
        head.push_str(" / ");
        head.push_str(&resp.join(" ; "));
    }

    let mut rec = Areas::new(dash, head);
    let electronic = is_electronic(entry);
    let content = style.content_type.then(|| content_type(entry, electronic));
    let host = non_empty(&entry.container_title).map(str::to_string);
    // Without a host there is nothing to put after ` // `; `entry_warnings` asks for one.
    let component = host.is_some();

    if !component {
        // A monograph: everything in one description.
        rec.push_opt(edition(entry));
        rec.push_opt(publication(entry, style, dash));
        rec.push_opt(physical(entry));
        rec.push_opt(series(entry));
        rec.push_opt(note(entry));
        rec.push_opt(url_note(entry));
        rec.push_opt(access_note(entry));
        rec.push_opt(isbn(entry));
        rec.push_opt(doi(entry));
        rec.push_opt(content);
        return rec.finish();
    }

    if kind == Kind::Book || (kind == Kind::Law && entry.publisher.is_some()) {
        // A book read in an electronic library: the book's own areas, then the host.
        rec.push_opt(edition(entry));
        rec.push_opt(publication(entry, style, dash));
        rec.push_opt(physical(entry));
        rec.push_opt(series(entry));
        rec.push_opt(isbn(entry));
        rec.push_opt(doi(entry));
        rec.push_opt(content);
        let mut text = rec.text;
        if let Some(h) = &host {
            text.push_str(" // ");
            text.push_str(h);
        }
        let mut h = Areas::new(dash, text);
        h.push_opt(note(entry));
        h.push_opt(url_note(entry));
        h.push_opt(access_note(entry));
        return h.finish();
    }

    // A component part: its own areas, then ` // ` and the host's description.
    rec.push_opt(doi(entry));
    rec.push_opt(content);
    let mut text = rec.text;
    text.push_str(" // ");
    let mut host_head = host.unwrap_or_default();
    if kind == Kind::Part && !entry.editor.is_empty() {
        host_head.push_str(" / ");
        host_head.push_str(&editors_statement(&entry.editor));
    }
    text.push_str(&host_head);
    let mut h = Areas::new(dash, text);
    match kind {
        Kind::Part => {
            h.push_opt(edition(entry));
            h.push_opt(publication(entry, style, dash));
            h.push_opt(series(entry));
            h.push_opt(isbn(entry));
            h.push_opt(volume_issue(entry));
        }
        _ => {
            h.push_opt(entry.issued.as_ref().map(|i| i.year_text(dash)));
            if kind == Kind::Article {
                h.push_opt(entry.issued.as_ref().and_then(Issued::day_month));
            }
            h.push_opt(volume_issue(entry));
        }
    }
    h.push_opt(locator(entry, kind));
    h.push_opt(note(entry));
    h.push_opt(url_note(entry));
    h.push_opt(access_note(entry));
    h.finish()
}

/// A record as it goes on the page: the space before a prescribed `:` or `;` becomes
/// non-breaking, because a line must not start with a punctuation mark («просто! :
/// популярный»). [`format`] keeps the ordinary spaces the standard prints, for hints, TOML
/// and comparison with published records; typography binds the rest (initials, `208 с.`,
/// the space before each area's dash) when the document is composed.
pub fn typeset(record: &str) -> String {
    record.replace(" : ", "\u{a0}: ").replace(" ; ", "\u{a0}; ")
}

pub(super) fn authors_statement(people: &[Person], rule: ManyAuthors) -> String {
    let names: Vec<String> = people.iter().map(Person::responsibility).collect();
    if names.len() >= 4 {
        let keep = match rule {
            ManyAuthors::FirstThree => 3,
            ManyAuthors::FirstOne => 1,
            ManyAuthors::All => names.len(),
        };
        if keep < names.len() {
            return format!("{} [и др.]", names[..keep].join(", "));
        }
    }
    names.join(", ")
}

pub(super) fn names_statement(names: &[Name], one: &str, many: &str) -> String {
    let list: Vec<String> = names.iter().map(|n| n.person().responsibility()).collect();
    let word = if list.len() > 1 { many } else { one };
    format!("{word} {}", list.join(", "))
}

pub(super) fn editors_statement(editors: &[Name]) -> String {
    let names: Vec<String> = editors
        .iter()
        .map(|n| n.person().responsibility())
        .collect();
    format!("под редакцией {}", names.join(", "))
}

pub(super) fn is_electronic(entry: &Entry) -> bool {
    match non_empty(&entry.medium) {
        Some(m) => m.to_lowercase().contains("электрон"),
        None => non_empty(&entry.url).is_some() || kind_of(&entry.kind) == Kind::Web,
    }
}

pub(super) fn content_type(entry: &Entry, electronic: bool) -> String {
    match non_empty(&entry.medium) {
        Some(m) if m.contains(':') => m.to_string(),
        Some(m) => format!("Текст : {m}"),
        None if electronic => "Текст : электронный".into(),
        None => "Текст : непосредственный".into(),
    }
}

pub(super) fn edition(entry: &Entry) -> Option<String> {
    let e = non_empty(&entry.edition)?;
    if e.chars().all(|c| c.is_ascii_digit()) {
        Some(format!("{e}-е изд."))
    } else {
        Some(e.to_string())
    }
}

pub(super) fn publication(entry: &Entry, style: &GostStyle, dash: &str) -> Option<String> {
    let places: Vec<String> = non_empty(&entry.publisher_place)
        .map(|p| {
            p.split(';')
                .map(|p| place(p, style.places))
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let publisher = non_empty(&entry.publisher);
    let year = entry.issued.as_ref().map(|i| i.year_text(dash));
    let mut out = places.join(" ; ");
    if let Some(p) = publisher {
        if !out.is_empty() {
            out.push_str(" : ");
        }
        out.push_str(p);
    }
    if let Some(y) = year.filter(|y| !y.trim().is_empty()) {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&y);
    }
    (!out.is_empty()).then_some(out)
}

pub(super) fn physical(entry: &Entry) -> Option<String> {
    let pages = non_empty(&entry.number_of_pages).map(|p| {
        if p.chars().all(|c| c.is_ascii_digit()) {
            format!("{p} с.")
        } else {
            p.to_string()
        }
    });
    match (pages, entry.illustrations) {
        (Some(p), true) => Some(format!("{p} : ил.")),
        (Some(p), false) => Some(p),
        (None, true) => Some("ил.".into()),
        (None, false) => None,
    }
}

pub(super) fn series(entry: &Entry) -> Option<String> {
    let s = non_empty(&entry.collection_title)?;
    let s = s.trim_start_matches('(').trim_end_matches(')');
    Some(match non_empty(&entry.collection_number) {
        Some(n) => format!("({s} ; {n})"),
        None => format!("({s})"),
    })
}

/// The note the author gives (`Обновляется в течение суток`), in the notes area before the URL.
pub(super) fn note(entry: &Entry) -> Option<String> {
    non_empty(&entry.note).map(str::to_string)
}

pub(super) fn url_note(entry: &Entry) -> Option<String> {
    let url = non_empty(&entry.url)?;
    Some(match entry.accessed {
        Some(d) => format!("URL: {url} (дата обращения: {})", d.dotted()),
        None => format!("URL: {url}"),
    })
}

pub(super) fn access_note(entry: &Entry) -> Option<String> {
    let a = non_empty(&entry.access)?;
    Some(format!(
        "Режим доступа: {}",
        a.trim_start_matches("Режим доступа:").trim()
    ))
}

pub(super) fn isbn(entry: &Entry) -> Option<String> {
    let i = non_empty(&entry.isbn)?;
    Some(format!("ISBN {}", i.trim_start_matches("ISBN").trim()))
}

pub(super) fn doi(entry: &Entry) -> Option<String> {
    let d = non_empty(&entry.doi)?;
    let d = d
        .trim_start_matches("https://doi.org/")
        .trim_start_matches("http://doi.org/")
        .trim_start_matches("http://dx.doi.org/")
        .trim_start_matches("doi:")
        .trim_start_matches("DOI")
        .trim();
    Some(format!("DOI {d}"))
}

pub(super) fn volume_issue(entry: &Entry) -> Option<String> {
    let vol = non_empty(&entry.volume).map(|v| {
        if v.starts_with(char::is_alphabetic) {
            v.to_string()
        } else {
            format!("Т. {v}")
        }
    });
    let iss = non_empty(&entry.issue).map(|i| {
        if i.starts_with(char::is_alphabetic) {
            i.to_string()
        } else {
            format!("№ {}", i.trim_start_matches('№').trim())
        }
    });
    match (vol, iss) {
        (Some(v), Some(i)) => Some(format!("{v}, {i}")),
        (v, i) => v.or(i),
    }
}

pub(super) fn locator(entry: &Entry, kind: Kind) -> Option<String> {
    let p = non_empty(&entry.page)?;
    if p.starts_with(char::is_alphabetic) {
        return Some(range_dash(p));
    }
    let prefix = if kind == Kind::Law { "Ст." } else { "С." };
    Some(format!("{prefix} {}", range_dash(p)))
}
