//! The list-valued criteria read out of their cells: participants (a role, who mentors whom,
//! what each shares and learns where the text says so), normative acts (structured when
//! `norms::recognise` reads the whole citation) and sources (structured when the old-style
//! reader is sure and loses no word, otherwise the string as written, which `check` then
//! offers to restructure). Nothing a cell says is dropped: what fits no field stays in the
//! participant's role or in the string.

use super::rich;
use super::source::Para;
use crate::biblio::{self, Entry, GostStyle};
use crate::card::{Material, Norm, Participant};
use crate::document::Inline;
use crate::locale::{self, Lang};
use crate::norms;

/// A cell split into list entries: each list item (or, without lists, each paragraph) is one
/// entry; paragraphs before the first item are a lead-in that is no entry.
pub struct Entries {
    pub lead: Vec<Para>,
    pub items: Vec<Vec<Inline>>,
}

pub fn entries(paras: &[Para]) -> Entries {
    let paras: Vec<&Para> = paras.iter().filter(|p| !p.is_blank()).collect();
    let has_items = paras.iter().any(|p| p.item.is_some());
    let mut out = Entries {
        lead: Vec::new(),
        items: Vec::new(),
    };
    for p in paras {
        if !has_items || p.item.is_some() {
            out.items.push(p.content.clone());
        } else if let Some(last) = out.items.last_mut() {
            // A paragraph after an item continues it.
            last.push(Inline::Text(" ".into()));
            last.extend(p.content.iter().cloned());
        } else {
            out.lead.push(p.clone());
        }
    }
    out
}

/// One normative act.
pub fn norm(item: &[Inline]) -> Norm {
    let plain = Inline::plain(item);
    match norms::recognise(&plain) {
        Some(act) => Norm::Act(Box::new(act)),
        None => Norm::Text(rich::inline(item)),
    }
}

/// One source of «Дополнительные материалы».
pub fn material(item: &[Inline]) -> Material {
    let plain = Inline::plain(item)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if !biblio::lint_plain(&plain).is_empty() {
        if let Some(entry) = biblio::parse_plain(&plain).filter(|e| confident(&plain, e)) {
            return Material::Entry(Box::new(entry));
        }
    }
    Material::Text(rich::inline(item))
}

/// Words of an old-style record that the standard's record says differently or not at all.
const RESTATED: &[&str] = &[
    "текст",
    "электронный",
    "ресурс",
    "режим",
    "доступа",
    "с",
    "ил",
    "спб",
    "м",
    "л",
    "из",
    "во",
    "изд",
    "ое",
    "е",
    "издание",
    "свободный",
    "url",
];

/// Whether a record read from an old-style string is complete and keeps every word of it.
fn confident(source: &str, e: &Entry) -> bool {
    let complete = !e.title.trim().is_empty()
        && match e.kind.as_str() {
            "book" => !e.author.is_empty() && e.publisher.is_some() && e.issued.is_some(),
            "article-journal" => {
                !e.author.is_empty() && e.container_title.is_some() && e.issued.is_some()
            }
            "webpage" => e.url.is_some(),
            _ => false,
        };
    if !complete {
        return false;
    }
    // Every word, not every repeat: the heading and the statement of responsibility name
    // the same people, and the standard's record names the first author once in the heading.
    let record: std::collections::HashSet<String> = words(&biblio::format(e, &GostStyle::new()))
        .into_iter()
        .collect();
    words(source)
        .iter()
        .all(|w| RESTATED.contains(&w.as_str()) || record.contains(w))
}

/// Lower-case words, letters apart from digits (`208с` is `208` and `с`).
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut digits = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            let d = c.is_ascii_digit();
            if !cur.is_empty() && d != digits {
                out.push(std::mem::take(&mut cur));
            }
            digits = d;
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter().map(|w| w.replace('ё', "е")).collect()
}

/// The participants of a cell, and a lead-in that is none of them.
pub fn participants(paras: &[Para]) -> (Vec<Participant>, Vec<Para>) {
    let paras: Vec<&Para> = paras.iter().filter(|p| !p.is_blank()).collect();
    let numbered = paras
        .iter()
        .any(|p| participant_prefix(&p.text()).is_some());
    let starts = |p: &Para| {
        if numbered {
            participant_prefix(&p.text()).is_some()
        } else {
            p.item.is_none_or(|i| i.level == 0)
        }
    };
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut paired: Vec<(usize, Participant)> = Vec::new();
    let mut lead = Vec::new();
    for p in paras {
        let text = p.text().split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(pair) = pair_roles(&text).filter(|_| !numbered) {
            paired.extend(pair.into_iter().map(|one| (groups.len(), one)));
        } else if starts(p) {
            groups.push(vec![text]);
        } else if let Some(g) = groups.last_mut() {
            g.push(text);
        } else {
            lead.push(p.clone());
        }
    }
    // Participants read from «роль в паре — кто» stand where they were written.
    let mut out: Vec<Participant> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        out.extend(
            paired
                .iter()
                .filter(|(at, _)| *at == i)
                .map(|(_, p)| p.clone()),
        );
        out.push(participant(g));
    }
    out.extend(
        paired
            .iter()
            .filter(|(at, _)| *at == groups.len())
            .map(|(_, p)| p.clone()),
    );
    (out, lead)
}

/// «Наставник — учитель информатики Иванова А. П.; наставляемый — учитель истории Петров
/// И. И.»: each «роль в паре — кто» is a participant of its own, its name apart when the
/// description ends with one. `None` unless every part reads so (then it stays text).
fn pair_roles(text: &str) -> Option<Vec<Participant>> {
    let parts: Vec<&str> = text
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // A pair written on one line; one role alone is read as before (with what it shares
    // and learns).
    if parts.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    for part in &parts {
        let (head, rest) = [" — ", " – ", " - ", ": "]
            .iter()
            .find_map(|sep| part.split_once(sep))?;
        let mentoring = mentoring(head.trim())?;
        let rest = rest.trim().trim_end_matches(',').trim();
        // A sentence's full stop goes; an initial's («И. С.») stays.
        let initial = rest.len() >= 3 && {
            let mut back = rest.chars().rev().skip(1);
            back.next().is_some_and(char::is_uppercase)
                && back.next().is_some_and(|c| c == ' ' || c == '.')
        };
        let rest = if initial {
            rest
        } else {
            rest.trim_end_matches('.')
        };
        if rest.is_empty() {
            return None;
        }
        let words: Vec<&str> = rest.split_whitespace().collect();
        let split = (2..=3.min(words.len().saturating_sub(1)))
            .rev()
            .find(|&n| super::front::is_person(&words[words.len() - n..].join(" ")));
        let (role, name) = match split {
            Some(n) => (
                words[..words.len() - n].join(" "),
                Some(words[words.len() - n..].join(" ")),
            ),
            None => (rest.to_string(), None),
        };
        out.push(Participant {
            role: role.trim_end_matches(',').to_string(),
            name,
            mentoring: Some(mentoring.to_string()),
            shares: Vec::new(),
            learns: Vec::new(),
        });
    }
    (!out.is_empty()).then_some(out)
}

/// «Участник 1:», «Participant 2.» at the start of a text: its length.
fn participant_prefix(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    for word in ["Участник", "участник", "Participant", "participant"] {
        if let Some(rest) = t.strip_prefix(word) {
            let r = rest.trim_start();
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                continue;
            }
            let after = r[digits..].trim_start();
            let after = after
                .strip_prefix([':', '.', '–', '—', '-', ')'])
                .unwrap_or(after)
                .trim_start();
            return Some(lead + t.len() - after.len());
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Verb {
    Shares,
    Learns,
}

fn verb(word: &str) -> Option<Verb> {
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    let ours = |f: fn(&locale::Labels) -> &'static str| {
        [Lang::Ru, Lang::En]
            .iter()
            .any(|&l| f(&locale::labels(l)) == w)
    };
    const SHARES: &[&str] = &[
        "делится",
        "делятся",
        "передаёт",
        "передает",
        "передают",
        "учит",
        "учат",
        "shares",
        "teaches",
    ];
    const LEARNS: &[&str] = &[
        "учится",
        "учатся",
        "осваивает",
        "осваивают",
        "изучает",
        "изучают",
        "обучается",
        "обучаются",
        "learns",
    ];
    if SHARES.contains(&w.as_str()) || ours(|l| l.shares) {
        Some(Verb::Shares)
    } else if LEARNS.contains(&w.as_str()) || ours(|l| l.learns) {
        Some(Verb::Learns)
    } else {
        None
    }
}

/// «наставники», «наставляемая», «куратор» → the card's value for `mentoring`.
fn mentoring(word: &str) -> Option<&'static str> {
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    Some(match w.as_str() {
        "наставник" | "наставники" | "наставница" | "наставницы" | "mentor" | "mentors" => {
            "наставник"
        }
        "наставляемый" | "наставляемая" | "наставляемые" | "mentee" | "mentees" => {
            "наставляемый"
        }
        "взаимно" | "взаимное" | "mutual" => "взаимно",
        "куратор" | "кураторы" | "curator" => "куратор",
        _ => return None,
    })
}

/// A text cut at separators that stand outside brackets and quotes: `(separator, piece)`.
fn pieces(text: &str) -> Vec<(String, String)> {
    const SEPARATORS: &[&str] = &["; ", ": ", " — ", " – ", " - ", ", "];
    let mut out: Vec<(String, String)> = vec![(String::new(), String::new())];
    let mut depth = 0i32;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '(' | '«' | '„' => depth += 1,
            ')' | '»' | '“' => depth -= 1,
            _ => {}
        }
        if depth <= 0 {
            if let Some(sep) = SEPARATORS.iter().find(|s| rest.starts_with(**s)) {
                out.push((sep.to_string(), String::new()));
                i += sep.len();
                continue;
            }
        }
        if let Some(last) = out.last_mut() {
            last.1.push(c);
        }
        i += c.len_utf8();
    }
    out.retain(|(_, p)| !p.trim().is_empty());
    out
}

fn first_word(piece: &str) -> &str {
    piece.split_whitespace().next().unwrap_or("")
}

/// One participant from the lines of its group.
fn participant(lines: &[String]) -> Participant {
    let mut p = Participant {
        role: String::new(),
        name: None,
        mentoring: None,
        shares: Vec::new(),
        learns: Vec::new(),
    };
    let first = lines.first().map(String::as_str).unwrap_or("");
    let main = &first[participant_prefix(first).unwrap_or(0)..];
    let mut role = read_clauses(main, 1, &mut p);
    for line in &lines[1..] {
        let rest = read_clauses(line, 0, &mut p);
        if !rest.is_empty() {
            if !role.is_empty() {
                role.push(' ');
            }
            role.push_str(&rest);
        }
    }
    let mut role = role
        .trim()
        .trim_end_matches([';', ',', '.', ':'])
        .trim()
        .to_string();
    // «Педагог (наставник)», as our own documents write the pair role.
    if role.ends_with(')') {
        if let Some(open) = role.rfind('(') {
            if let Some(m) = mentoring(&role[open..]) {
                if role[open + 1..role.len() - 1].split_whitespace().count() == 1 {
                    p.mentoring.get_or_insert(m.to_string());
                    role = role[..open].trim().to_string();
                }
            }
        }
    }
    // «Роль, Фамилия Имя Отчество»
    if let Some((r, name)) = role.rsplit_once(", ") {
        if super::front::is_person(name) {
            p.name = Some(name.to_string());
            role = r.trim().to_string();
        }
    }
    // «Наставники – учащиеся…», «учитель-наставник»: the role itself says who mentors.
    if p.mentoring.is_none() {
        let head = first_word(&role);
        p.mentoring = head.split('-').find_map(mentoring).map(String::from);
    }
    p.role = role;
    p
}

/// Reads share/learn clauses from `text`, from the first piece at index `from` or later
/// that starts with such a verb (or is a pair role word); returns the text before it.
fn read_clauses(text: &str, from: usize, p: &mut Participant) -> String {
    let ps = pieces(text.trim());
    let start = ps
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, (_, piece))| {
            verb(first_word(piece)).is_some() || mentoring(piece.trim()).is_some()
        })
        .map(|(i, _)| i)
        .unwrap_or(ps.len());
    let mut before = String::new();
    for (k, (sep, piece)) in ps[..start].iter().enumerate() {
        if k > 0 {
            before.push_str(sep);
        }
        before.push_str(piece);
    }
    let mut current: Option<Verb> = None;
    let mut items: Vec<String> = Vec::new();
    let flush = |current: Option<Verb>, items: &mut Vec<String>, p: &mut Participant| {
        let list = match current {
            Some(Verb::Shares) => &mut p.shares,
            Some(Verb::Learns) => &mut p.learns,
            None => return,
        };
        for item in items.drain(..) {
            let item = item
                .trim()
                .trim_end_matches(['.', ';', ','])
                .trim()
                .to_string();
            if !item.is_empty() {
                list.push(item);
            }
        }
    };
    let mut leftover = String::new();
    for (sep, piece) in &ps[start..] {
        let word = first_word(piece);
        if let Some(v) = verb(word) {
            flush(current, &mut items, p);
            current = Some(v);
            items.push(piece.trim()[word.len()..].trim().to_string());
        } else if let Some(m) = mentoring(piece.trim()) {
            flush(current, &mut items, p);
            current = None;
            p.mentoring.get_or_insert(m.to_string());
        } else if current.is_some() {
            match (sep.as_str(), items.last_mut()) {
                ("; ", _) | (_, None) => items.push(piece.clone()),
                (_, Some(last)) if last.trim().is_empty() => *last = piece.clone(),
                (sep, Some(last)) => {
                    last.push_str(sep);
                    last.push_str(piece);
                }
            }
        } else {
            // After a pair role word, before any verb: it stays in the role.
            leftover.push_str(sep);
            leftover.push_str(piece);
        }
    }
    flush(current, &mut items, p);
    if !leftover.trim().is_empty() {
        before.push_str(&leftover);
    }
    before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::{Item, ItemKind};

    fn one(text: &str) -> Participant {
        let (ps, lead) = participants(&[Para::plain(text)]);
        assert!(lead.is_empty());
        assert_eq!(ps.len(), 1);
        ps.into_iter().next().unwrap()
    }

    #[test]
    fn what_a_participant_shares_and_learns_where_the_text_says_it() {
        let p = one("Участник 1: учитель-наставник (учитель начальных классов, стаж 25 лет) — делится опытом организации урока и работы с родителями; учится работе с цифровыми сервисами.");
        assert_eq!(
            p.role,
            "учитель-наставник (учитель начальных классов, стаж 25 лет)"
        );
        assert_eq!(p.mentoring.as_deref(), Some("наставник"));
        assert_eq!(p.shares, ["опытом организации урока и работы с родителями"]);
        assert_eq!(p.learns, ["работе с цифровыми сервисами"]);

        let p = one("Участник 3: куратор (заместитель директора по УВР) — организует встречи пары и ведёт мониторинг; учится сопровождению программ взаимного наставничества.");
        assert_eq!(
            p.role,
            "куратор (заместитель директора по УВР) — организует встречи пары и ведёт мониторинг"
        );
        assert_eq!(p.mentoring.as_deref(), Some("куратор"));
        assert_eq!(
            p.learns,
            ["сопровождению программ взаимного наставничества"]
        );

        let p = one("Наставляемые – учащиеся 5-х классов: получают поддержку в период адаптации, учатся планировать своё время.");
        assert_eq!(
            p.role,
            "Наставляемые – учащиеся 5-х классов: получают поддержку в период адаптации"
        );
        assert_eq!(p.mentoring.as_deref(), Some("наставляемый"));
        assert_eq!(p.learns, ["планировать своё время"]);

        let p = one("Участник 1: студенты 3-го курса специальности «Информационные системы и программирование» — наставники;");
        assert_eq!(
            p.role,
            "студенты 3-го курса специальности «Информационные системы и программирование»"
        );
        assert_eq!(p.mentoring.as_deref(), Some("наставник"));
    }

    #[test]
    fn a_participant_the_text_does_not_explain_keeps_every_word_in_the_role() {
        let (ps, _) = participants(&[
            Para::plain("Участник 1: Педагог дополнительного образования "),
            Para::plain("(Сетевой сервис Padlet \\Сетевой сервис -конструктор сайтов - Wix.com)"),
            Para::plain("Участник 2: Воспитатель (Иновационая игровая технология В.В. Воскобович\\ Работа с родителями, родительское собрание)"),
        ]);
        assert_eq!(ps.len(), 2);
        assert_eq!(
            ps[0].role,
            "Педагог дополнительного образования (Сетевой сервис Padlet \\Сетевой сервис -конструктор сайтов - Wix.com)"
        );
        assert!(ps[1].role.starts_with("Воспитатель (Иновационая"));
        assert!(ps
            .iter()
            .all(|p| p.shares.is_empty() && p.learns.is_empty()));
    }

    #[test]
    fn our_own_participant_lines_read_back() {
        let item = |s: &str| Para {
            item: Some(Item {
                level: 0,
                kind: ItemKind::Bullet,
            }),
            ..Para::plain(s)
        };
        let (ps, _) = participants(&[
            Para::plain("Участник 1: Педагог дополнительного образования, Иванова Мария Петровна (наставник)"),
            item("делится: Сетевой сервис Padlet; Сетевой сервис-конструктор сайтов Wix.com"),
            item("осваивает: Работа с родителями, родительское собрание"),
            Para::plain("Участник 2: Воспитатель (наставляемый)"),
        ]);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].role, "Педагог дополнительного образования");
        assert_eq!(ps[0].name.as_deref(), Some("Иванова Мария Петровна"));
        assert_eq!(ps[0].mentoring.as_deref(), Some("наставник"));
        assert_eq!(
            ps[0].shares,
            [
                "Сетевой сервис Padlet",
                "Сетевой сервис-конструктор сайтов Wix.com"
            ]
        );
        assert_eq!(ps[0].learns, ["Работа с родителями, родительское собрание"]);
        assert_eq!(ps[1].mentoring.as_deref(), Some("наставляемый"));
    }

    #[test]
    fn sources_become_records_only_when_no_word_is_lost() {
        let m = material(&[Inline::Text("Александров Е.Л. Интернет - легко и просто! Популярный самоучитель [Текст]: Методическое пособие / Е.Л. Александров.- СПб: Питер, 2005.- 208с.: ил.".into())]);
        assert!(matches!(m, Material::Entry(_)));
        // Already in today's form: kept as written (the old-style reader would garble it).
        let gost = "Александров, Е. Л. Интернет — легко и просто! / Е. Л. Александров. — Санкт-Петербург : Питер, 2005. — 208 с. — Текст : непосредственный.";
        assert_eq!(
            material(&[Inline::Text(gost.into())]),
            Material::Text(gost.into())
        );
        assert!(matches!(
            material(&[Inline::Text("Какая-то книга [Текст].".into())]),
            Material::Text(_)
        ));
    }

    #[test]
    fn entries_are_items_and_their_continuations() {
        let item = |s: &str| Para {
            item: Some(Item {
                level: 0,
                kind: ItemKind::Number(1),
            }),
            ..Para::plain(s)
        };
        let e = entries(&[
            Para::plain("Документы:"),
            item("Закон"),
            Para::plain("продолжение"),
            item("Указ"),
        ]);
        assert_eq!(e.lead.len(), 1);
        let texts: Vec<String> = e.items.iter().map(|i| Inline::plain(i)).collect();
        assert_eq!(texts, ["Закон продолжение", "Указ"]);
        assert_eq!(
            entries(&[Para::plain("а"), Para::plain("б")]).items.len(),
            2
        );
    }
}

#[cfg(test)]
mod pair_tests {
    use super::*;

    #[test]
    fn roles_in_the_pair_written_as_teachers_write_them_are_participants() {
        let text = "Наставник — учитель информатики Иванова Анна Петровна; наставляемый — учитель истории Петров И. С.";
        let pair = pair_roles(text).expect("two participants");
        assert_eq!(pair.len(), 2);
        assert_eq!(
            (
                pair[0].role.as_str(),
                pair[0].name.as_deref(),
                pair[0].mentoring.as_deref()
            ),
            (
                "учитель информатики",
                Some("Иванова Анна Петровна"),
                Some("наставник")
            )
        );
        assert_eq!(
            (
                pair[1].role.as_str(),
                pair[1].name.as_deref(),
                pair[1].mentoring.as_deref()
            ),
            (
                "учитель истории",
                Some("Петров И. С."),
                Some("наставляемый")
            )
        );
        // Not every part reads so: it stays text for the usual reading.
        assert!(pair_roles("Наставник — учитель; кроме того, родители").is_none());
        assert!(pair_roles("Учителя и ученики").is_none());
    }
}
