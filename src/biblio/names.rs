//! Names of people: «Александров Е. Л.», «Е. Л. Александров», { family, given } — read into
//! a person with initials, or an organisation.

pub(super) fn is_upper(c: char) -> bool {
    c.is_uppercase()
}

/// One initial token such as `Е.` or `Ж.-П.`; returns the normalised form.
pub(super) fn initial_token(tok: &str) -> Option<String> {
    let mut out = String::new();
    for part in tok.split('-') {
        let mut chars = part.chars();
        let first = chars.next()?;
        if !is_upper(first) || chars.as_str() != "." {
            return None;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push(first);
        out.push('.');
    }
    Some(out)
}

/// Splits `Е.Л.` / `Е. Л.` / `Ж.-П.` into normalised initials; `None` if anything else is there.
pub(super) fn parse_initials(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        // `Е.Л.` → `Е.`, `Л.`; `Ж.-П.` stays one token.
        let mut cur = String::new();
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            cur.push(c);
            if c == '.' && chars.peek() != Some(&'-') {
                out.push(initial_token(&cur)?);
                cur.clear();
            }
        }
        if !cur.is_empty() {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `Евгений Леонидович` → `Е. Л.`; `Е.Л.` → `Е. Л.`; `Жан-Поль` → `Ж.-П.`.
pub fn initials(given: &str) -> String {
    if let Some(list) = parse_initials(given) {
        return list.join(" ");
    }
    let mut out: Vec<String> = Vec::new();
    for word in given.split_whitespace() {
        let mut parts = Vec::new();
        for piece in word.split('-') {
            let piece = piece.trim_matches('.');
            if let Some(c) = piece.chars().next() {
                parts.push(format!("{}.", c.to_uppercase()));
            }
        }
        if !parts.is_empty() {
            out.push(parts.join("-"));
        }
    }
    out.join(" ")
}

/// `Иванов`, `Нартова-Бочавер`: each hyphenated part capitalised, the rest lower case.
pub(super) fn is_capitalised_word(w: &str) -> bool {
    w.split('-').all(|part| {
        let mut chars = part.chars();
        matches!(chars.next(), Some(c) if is_upper(c))
            && chars.clone().next().is_some()
            && chars.all(char::is_lowercase)
    })
}

/// Reads `Фамилия И. О.`, `Фамилия, И.О.`, `И. О. Фамилия` or `Фамилия Имя Отчество`;
/// anything else is an organisation.
pub(super) fn parse_person(text: &str) -> Person {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let org = || Person::Organisation(t.to_string());
    let Some(first) = words.first() else {
        return org();
    };
    let family_like = |w: &str| is_capitalised_word(w.trim_end_matches(','));
    // Фамилия И. О.
    if words.len() >= 2 && family_like(first) {
        if let Some(list) = parse_initials(&words[1..].join(" ")) {
            return Person::Person {
                family: first.trim_end_matches(',').to_string(),
                initials: list.join(" "),
            };
        }
    }
    // И. О. Фамилия
    if let Some((last, init)) = words.split_last() {
        if words.len() >= 2 && family_like(last) && !last.ends_with(',') {
            if let Some(list) = parse_initials(&init.join(" ")) {
                return Person::Person {
                    family: (*last).to_string(),
                    initials: list.join(" "),
                };
            }
        }
    }
    // Фамилия Имя Отчество — only with a real patronymic, so «Институт Развития Образования»
    // typed in title case stays an organisation.
    let patronymic = |w: &str| ["вич", "ич", "вна", "ична"].iter().any(|e| w.ends_with(e));
    if words.len() == 3
        && words.iter().all(|w| family_like(w))
        && !first.ends_with(',')
        && patronymic(words[2])
    {
        return Person::Person {
            family: (*first).to_string(),
            initials: initials(&words[1..].join(" ")),
        };
    }
    org()
}

impl Person {
    /// `Фамилия, И. О.` for the heading.
    pub(super) fn heading(&self) -> String {
        match self {
            Person::Person { family, initials } if initials.is_empty() => format!("{family}."),
            Person::Person { family, initials } => format!("{family}, {initials}"),
            Person::Organisation(o) => o.clone(),
        }
    }

    /// `И. О. Фамилия` after the slash.
    pub(super) fn responsibility(&self) -> String {
        match self {
            Person::Person { family, initials } if initials.is_empty() => family.clone(),
            Person::Person { family, initials } => format!("{initials} {family}"),
            Person::Organisation(o) => o.clone(),
        }
    }
}

/// A person reduced to what ГОСТ prints: the family name and spaced initials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    /// `family` and initials such as `Е. Л.` (possibly empty).
    Person { family: String, initials: String },
    /// An organisation or anything that is not a personal name.
    Organisation(String),
}
