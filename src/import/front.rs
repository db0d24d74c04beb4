//! What stands before the table and after it. Before: a title line, a byline (authors with
//! position and organisation, on one line each or spread over several, an organisation of
//! their own), our own «Форма наставничества: …» line, then the introduction, whose terms
//! written as «**Термин** – определение» or «Термин - это …» become definitions. After: the
//! conclusion.

use super::rich;
use super::source::{Para, Style};
use crate::card::{Author, Definition, Introduction};
use crate::document::Inline;
use crate::locale::{self, Lang};

/// A title is a line, not a paragraph.
const MAX_TITLE_CHARS: usize = 300;
/// Byline lines are short.
const MAX_BYLINE_CHARS: usize = 200;
/// A term is a few words.
const MAX_TERM_WORDS: usize = 4;

/// What the lines before the table hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Front {
    pub title: Option<String>,
    pub authors: Vec<Author>,
    pub organisation: Option<String>,
    pub locality: Option<String>,
    pub year: Option<i32>,
    pub form: Option<String>,
    pub kind: Option<String>,
    pub introduction: Option<Introduction>,
}

/// Reads the part of the document before the criteria table.
pub fn front(paras: Vec<Para>) -> Front {
    let mut paras: Vec<Para> = paras.into_iter().filter(|p| !p.is_blank()).collect();
    paras.retain(|p| !is_section_heading(p));
    let mut out = Front::default();
    let mut i = 0;
    // The organisation's name above the title, as school documents begin.
    while let (Some(p), Some(next)) = (paras.get(i), paras.get(i + 1)) {
        let t = p.text();
        let t = t.trim();
        let above = t.chars().count() <= MAX_BYLINE_CHARS
            && is_organisation(t)
            && person_line(t).is_none()
            && !p.all_bold()
            && (next.all_bold() || matches!(next.style, Style::Title | Style::Heading(_)));
        if !above {
            break;
        }
        out.organisation = Some(match out.organisation.take() {
            Some(o) => format!("{o} {t}"),
            None => t.to_string(),
        });
        i += 1;
    }
    let start = i;
    // Title: the first line when it looks like one; consecutive title lines are one title.
    let mut title: Vec<String> = Vec::new();
    while let Some(p) = paras.get(i) {
        let looks = title_like(p, i == start, paras.get(i + 1));
        if !looks || (i > start && p.style != paras[start].style) {
            break;
        }
        title.push(p.text().trim().to_string());
        i += 1;
    }
    if !title.is_empty() {
        out.title = Some(title.join(" "));
    }
    // The byline.
    while let Some(p) = paras.get(i) {
        if !byline(p, &mut out) {
            break;
        }
        i += 1;
    }
    // An organisation on its own line belongs to every author who has none of their own.
    if let Some(org) = &out.organisation {
        for a in &mut out.authors {
            if a.organisation.as_deref() == Some(org) {
                a.organisation = None;
            }
        }
    }
    out.introduction = introduction(&paras[i..]);
    out
}

/// The conclusion: everything after the table but its heading.
pub fn conclusion(paras: Vec<Para>) -> Vec<Para> {
    paras
        .into_iter()
        .filter(|p| !p.is_blank() && !is_section_heading(p))
        .collect()
}

/// «Введение», «Заключение», «Описание практики» (our own headings) and the like.
fn is_section_heading(p: &Para) -> bool {
    let t = p.text().trim().trim_end_matches([':', '.']).to_lowercase();
    let ours = [Lang::Ru, Lang::En].iter().any(|&l| {
        let labels = locale::labels(l);
        [labels.introduction, labels.practice, labels.conclusion]
            .iter()
            .any(|w| w.to_lowercase() == t)
    });
    ours || ["введение", "заключение", "выводы", "вывод", "аннотация"].contains(&t.as_str())
}

fn title_like(p: &Para, first: bool, next: Option<&Para>) -> bool {
    let text = p.text();
    let t = text.trim();
    if t.is_empty() || t.chars().count() > MAX_TITLE_CHARS || person_line(t).is_some() {
        return false;
    }
    match p.style {
        Style::Title | Style::Heading(_) => true,
        Style::Center => p.all_bold() || first,
        Style::Right => false,
        // Plain text: a short first line without a full stop, followed by more text.
        Style::Body => {
            p.all_bold()
                || (first
                    && next.is_some()
                    && t.chars().count() <= 200
                    && !t.ends_with(['.', '!', '?', ':', ';'])
                    && p.item.is_none())
        }
    }
}

/// Reads one byline line into `out`; `false` when the line is not part of the byline.
fn byline(p: &Para, out: &mut Front) -> bool {
    let text = p.text();
    let t = text.trim();
    if t.chars().count() > MAX_BYLINE_CHARS || p.item.is_some() {
        return false;
    }
    if form_line(t, out) {
        return true;
    }
    let aligned = matches!(p.style, Style::Right | Style::Center);
    // Unaligned text belongs to a byline only when it is clearly not a sentence.
    if !aligned
        && (t.ends_with('.') || t.split_whitespace().count() > 12)
        && person_line(t).is_none()
    {
        return false;
    }
    if person_line(t).is_some() {
        // «Иванова М. П., учитель, МБОУ …» or «Иванова М. П., Петров И. И.»: each name
        // starts an author; what follows it is that author's position and organisation.
        let mut positions: Vec<String> = Vec::new();
        let finish = |positions: &mut Vec<String>, out: &mut Front| {
            if let Some(a) = out.authors.last_mut() {
                if !positions.is_empty() {
                    a.position = Some(positions.join(", "));
                }
            }
            positions.clear();
        };
        for part in split_parts(without_byline_word(t)) {
            if is_person(&part) {
                finish(&mut positions, out);
                out.authors.push(Author {
                    name: part,
                    position: None,
                    organisation: None,
                });
            } else if let Some(a) = out.authors.last_mut().filter(|_| is_organisation(&part)) {
                if a.organisation.is_none() {
                    a.organisation = Some(part);
                } else {
                    positions.push(part);
                }
            } else {
                positions.push(part);
            }
        }
        finish(&mut positions, out);
        return true;
    }
    if labelled_line(t, out) {
        return true;
    }
    if out.authors.is_empty() && !aligned {
        return false;
    }
    if let Some(place) = place_line(t, out) {
        return place;
    }
    if is_organisation(t) {
        let lacking = out
            .authors
            .iter()
            .filter(|a| a.organisation.is_none())
            .count();
        if out.organisation.is_none() && lacking == out.authors.len() {
            out.organisation = Some(t.to_string());
        } else {
            for a in out.authors.iter_mut().filter(|a| a.organisation.is_none()) {
                a.organisation = Some(t.to_string());
            }
        }
        return true;
    }
    // A position on its own line, under the name it belongs to.
    match out.authors.last_mut() {
        Some(a)
            if a.position.is_none() && a.organisation.is_none() && (aligned || t.len() < 120) =>
        {
            a.position = Some(t.to_string());
            true
        }
        _ => false,
    }
}

/// «Организация: …», «Населённый пункт: …», «Год: …» — the application forms' labelled
/// lines: the label says where the rest goes.
fn labelled_line(t: &str, out: &mut Front) -> bool {
    let Some((label, rest)) = t.split_once(':') else {
        return false;
    };
    let (label, rest) = (label.trim().to_lowercase().replace('ё', "е"), rest.trim());
    if rest.is_empty() {
        return false;
    }
    const ORGANISATION: &[&str] = &[
        "организация",
        "образовательная организация",
        "оо",
        "учреждение",
        "образовательное учреждение",
        "место работы",
    ];
    const LOCALITY: &[&str] = &[
        "населенный пункт",
        "город",
        "муниципалитет",
        "муниципальное образование",
        "район",
    ];
    if label == "должность" {
        match out.authors.last_mut() {
            Some(author) => author.position = Some(rest.to_string()),
            None => return false,
        }
    } else if ORGANISATION.contains(&label.as_str()) {
        out.organisation = Some(rest.to_string());
    } else if LOCALITY.contains(&label.as_str()) {
        out.locality = Some(rest.to_string());
    } else if label == "год" {
        match rest.trim_end_matches(['.', 'г', ' ']).parse() {
            Ok(year) => out.year = Some(year),
            Err(_) => return false,
        }
    } else {
        return false;
    }
    true
}

/// Our own «Форма наставничества: …; вид: …» line (in either language).
fn form_line(t: &str, out: &mut Front) -> bool {
    for lang in [Lang::Ru, Lang::En] {
        let labels = locale::labels(lang);
        if let Some(rest) = t.strip_prefix(&format!("{}: ", labels.form)) {
            let (form, kind) = match rest.split_once(&format!("; {}: ", labels.kind)) {
                Some((f, k)) => (f, Some(k)),
                None => (rest, None),
            };
            out.form = Some(form.trim().to_string());
            out.kind = kind.map(|k| k.trim().to_string());
            return true;
        }
        if let Some(rest) = t.strip_prefix(&format!("{}: ", locale::capitalise(labels.kind))) {
            out.kind = Some(rest.trim().to_string());
            return true;
        }
    }
    false
}

/// «Организация, населённый пункт, 2024», as our own documents write it.
fn place_line(t: &str, out: &mut Front) -> Option<bool> {
    let parts = split_parts(t);
    let year: i32 = parts
        .last()?
        .parse()
        .ok()
        .filter(|y| (1900..2200).contains(y))?;
    out.year = Some(year);
    let rest = &parts[..parts.len() - 1];
    match rest {
        [] => {}
        [one] if is_organisation(one) => out.organisation = Some(one.clone()),
        [one] => out.locality = Some(one.clone()),
        [orgs @ .., place] => {
            out.organisation = Some(orgs.join(", "));
            out.locality = Some(place.clone());
        }
    }
    Some(true)
}

/// Parts of a byline separated by commas, keeping commas inside quotes and brackets.
fn split_parts(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '«' | '(' | '„' => depth += 1,
            '»' | ')' | '“' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth <= 0 {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_string());
    out.retain(|p| !p.is_empty());
    out
}

/// Words and abbreviations that name an educational organisation.
fn is_organisation(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "МБОУ",
        "МАОУ",
        "МКОУ",
        "МОУ",
        "ГБОУ",
        "ГАОУ",
        "ГБПОУ",
        "ГАПОУ",
        "ГПОУ",
        "ОГБОУ",
        "ОГАПОУ",
        "МБДОУ",
        "МАДОУ",
        "МДОУ",
        "ДОУ",
        "МБУ",
        "МАУ",
        "МБУДО",
        "МАУДО",
        "ФГБОУ",
        "ФГАОУ",
        "ЧОУ",
        "АНО",
        "СОШ",
        "ООШ",
        "НОШ",
        "ЦДО",
        "ДДТ",
        "ИРО",
    ];
    const WORDS: &[&str] = &[
        "школ",
        "лицей",
        "гимнази",
        "колледж",
        "техникум",
        "университет",
        "институт",
        "детский сад",
        "учреждени",
        "центр",
        "академи",
        "училищ",
    ];
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let lower = text.to_lowercase();
    words.iter().any(|w| MARKS.contains(w)) || WORDS.iter().any(|w| lower.contains(w))
}

/// A person's name at the start of a line and what follows it: «Фамилия Имя Отчество, …»,
/// «Фамилия И. О., …», «И. О. Фамилия, …».
fn person_line(text: &str) -> Option<(String, String)> {
    let parts = split_parts(without_byline_word(text));
    let first = parts.first()?;
    if !is_person(first) {
        return None;
    }
    Some((first.clone(), parts[1..].join(", ")))
}

/// «Автор: …», «Авторы: …», «Составитель: …» — the word before a byline, left out.
fn without_byline_word(text: &str) -> &str {
    let t = text.trim_start();
    let lower = t.to_lowercase();
    for w in [
        "авторы-составители",
        "автор-составитель",
        "авторы практики",
        "автор практики",
        "составители",
        "составитель",
        "авторы",
        "автор",
        "authors",
        "author",
    ] {
        if let Some(rest) = lower.strip_prefix(w) {
            if let Some(after) = rest.trim_start().strip_prefix(':') {
                return t[t.len() - after.len()..].trim_start();
            }
        }
    }
    t
}

pub(super) fn is_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capital = |w: &str| {
        let mut cs = w.chars();
        cs.next()
            .is_some_and(|c| c.is_uppercase() && is_cyrillic(c))
            && cs.clone().next().is_some()
            && cs.all(|c| (c.is_lowercase() && is_cyrillic(c)) || c == '-')
    };
    let initials = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty()
            && letters.len() <= 2
            && letters.iter().all(|c| c.is_uppercase())
            && w.ends_with('.')
            && w.chars().all(|c| c.is_alphabetic() || c == '.')
    };
    match words.as_slice() {
        // Фамилия Имя Отчество
        [a, b, c] if capital(a) && capital(b) && capital(c) && patronymic(c) => true,
        // Фамилия И. О. / Фамилия И.О.
        [a, rest @ ..]
            if capital(a)
                && !rest.is_empty()
                && rest.len() <= 2
                && rest.iter().all(|w| initials(w)) =>
        {
            true
        }
        // И. О. Фамилия / И.О. Фамилия
        [rest @ .., z]
            if capital(z)
                && !rest.is_empty()
                && rest.len() <= 2
                && rest.iter().all(|w| initials(w)) =>
        {
            true
        }
        _ => false,
    }
}

fn patronymic(w: &str) -> bool {
    ["вич", "вна", "чна", "ична", "оглы", "кызы"]
        .iter()
        .any(|e| w.ends_with(e))
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

/// The introduction: text, the definitions of terms, the text after them.
fn introduction(paras: &[Para]) -> Option<Introduction> {
    if paras.is_empty() {
        return None;
    }
    let defs: Vec<Option<Definition>> = paras.iter().map(definition).collect();
    let start = defs.iter().position(Option::is_some);
    let (text, definitions, after) = match start {
        Some(s) => {
            let end = defs[s..]
                .iter()
                .position(Option::is_none)
                .map_or(defs.len(), |e| s + e);
            (
                &paras[..s],
                defs[s..end].iter().flatten().cloned().collect(),
                &paras[end..],
            )
        }
        None => (paras, Vec::new(), &paras[paras.len()..]),
    };
    Some(Introduction {
        text: rich::text(text),
        definitions,
        after_definitions: rich::text(after),
    })
}

/// «**Термин** – определение», «Термин - это …», «Термин — определение».
fn definition(p: &Para) -> Option<Definition> {
    if p.item.is_some() || !matches!(p.style, Style::Body) {
        return None;
    }
    let text = p.text();
    // A bold term at the start decides where the term ends.
    if let Some(Inline::Strong(term)) = p.content.first() {
        let term = Inline::plain(term).trim().to_string();
        let rest = text.trim_start()[term.len().min(text.trim_start().len())..].trim_start();
        if let Some(after) = strip_dash(rest) {
            if !after.is_empty() && term_ok(&term) {
                return Some(Definition {
                    term: term.trim_end_matches(['-', '–', '—', ' ']).to_string(),
                    definition: rich_after(p, text.len() - after.len()),
                });
            }
        }
    }
    let (at, dash) = [" – ", " — ", " - "]
        .iter()
        .filter_map(|d| text.find(d).map(|at| (at, *d)))
        .min()?;
    let term = text[..at].trim();
    let after = text[at + dash.len()..].trim();
    (term_ok(term) && !after.is_empty()).then(|| Definition {
        term: term.to_string(),
        definition: rich_after(p, at + dash.len()),
    })
}

fn strip_dash(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let rest = s.strip_prefix(['–', '—', '-'])?;
    Some(rest.trim_start())
}

fn term_ok(term: &str) -> bool {
    let words: Vec<&str> = term.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= MAX_TERM_WORDS
        && term.chars().next().is_some_and(char::is_uppercase)
        && !term.contains(['.', ',', ':', ';', '!', '?', '«', '»'])
}

/// The rich text of a paragraph from byte `at` of its plain text on.
fn rich_after(p: &Para, at: usize) -> String {
    let mut content = p.content.clone();
    super::source::drop_chars(&mut content, p.text()[..at].chars().count());
    rich::inline(&content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::Run;

    fn styled(text: &str, style: Style) -> Para {
        Para {
            style,
            ..Para::plain(text)
        }
    }

    #[test]
    fn title_and_authors_on_one_line_each() {
        let f = front(vec![
            Para {
                content: vec![Inline::Strong(vec![Inline::Text("«Шаг навстречу»".into())])],
                style: Style::Center,
                item: None,
            },
            styled(
                "Петрова Анна Сергеевна, учитель начальных классов, МБОУ «СОШ № 5» г. Тамбова",
                Style::Right,
            ),
            styled("Ковалёв И. Н., учитель информатики", Style::Right),
            Para::plain("Современная школа ждёт от учителя многого."),
        ]);
        assert_eq!(f.title.as_deref(), Some("«Шаг навстречу»"));
        assert_eq!(f.authors.len(), 2);
        assert_eq!(f.authors[0].name, "Петрова Анна Сергеевна");
        assert_eq!(
            f.authors[0].position.as_deref(),
            Some("учитель начальных классов")
        );
        assert_eq!(
            f.authors[0].organisation.as_deref(),
            Some("МБОУ «СОШ № 5» г. Тамбова")
        );
        assert_eq!(f.authors[1].name, "Ковалёв И. Н.");
        assert!(f.introduction.unwrap().text.starts_with("Современная"));
    }

    #[test]
    fn a_byline_over_three_lines_and_a_shared_organisation() {
        let f = front(vec![
            styled("Флеш-наставничество", Style::Heading(1)),
            styled("Смирнова Ольга Викторовна", Style::Right),
            styled("педагог-психолог", Style::Right),
            styled("МАОУ «Лицей № 2» г. Пензы", Style::Right),
            Para::plain("Текст."),
        ]);
        assert_eq!(f.authors.len(), 1);
        assert_eq!(f.authors[0].position.as_deref(), Some("педагог-психолог"));
        assert_eq!(f.organisation.as_deref(), Some("МАОУ «Лицей № 2» г. Пензы"));
    }

    #[test]
    fn definitions_in_every_written_form() {
        let bold = Para {
            content: crate::import::source::inlines(&[
                Run {
                    text: "Наставничество".into(),
                    bold: true,
                    ..Run::default()
                },
                Run {
                    text: " – универсальная технология.".into(),
                    ..Run::default()
                },
            ]),
            ..Para::default()
        };
        let intro = introduction(&[
            Para::plain("Вступление."),
            bold,
            Para::plain("Наставник - это участник программы."),
            Para::plain("Флеш-наставничество — короткие встречи."),
            Para::plain("Рассмотрим один из видов наставничества – реверсивное наставничество."),
        ])
        .unwrap();
        let terms: Vec<(&str, &str)> = intro
            .definitions
            .iter()
            .map(|d| (d.term.as_str(), d.definition.as_str()))
            .collect();
        assert_eq!(
            terms,
            [
                ("Наставничество", "универсальная технология."),
                ("Наставник", "это участник программы."),
                ("Флеш-наставничество", "короткие встречи."),
            ]
        );
        assert_eq!(intro.text, "Вступление.");
        assert!(intro.after_definitions.starts_with("Рассмотрим"));
    }

    #[test]
    fn an_organisation_above_the_title_and_several_authors_on_one_line() {
        let f = front(vec![
            styled(
                "МБОУ «Средняя общеобразовательная школа № 7»",
                Style::Center,
            ),
            Para {
                content: vec![Inline::Strong(vec![Inline::Text(
                    "Наставничество в школе".into(),
                )])],
                style: Style::Center,
                item: None,
            },
            styled(
                "Авторы: Иванова М. П., учитель начальных классов, Петров И. И.",
                Style::Right,
            ),
            Para::plain("Введение в тему."),
        ]);
        assert_eq!(
            f.organisation.as_deref(),
            Some("МБОУ «Средняя общеобразовательная школа № 7»")
        );
        assert_eq!(f.title.as_deref(), Some("Наставничество в школе"));
        let names: Vec<&str> = f.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Иванова М. П.", "Петров И. И."]);
        assert_eq!(
            f.authors[0].position.as_deref(),
            Some("учитель начальных классов")
        );
        assert_eq!(f.authors[1].position, None);
    }

    #[test]
    fn people_are_told_from_other_lines() {
        for name in [
            "Иванова Мария Петровна",
            "Иванова М. П.",
            "Иванова М.П.",
            "М. П. Иванова",
        ] {
            assert!(is_person(name), "{name}");
        }
        for not in [
            "Тема наставничества сегодня",
            "МБОУ СОШ № 5",
            "педагог-психолог",
            "Цель практики",
        ] {
            assert!(!is_person(not), "{not}");
        }
    }
}
