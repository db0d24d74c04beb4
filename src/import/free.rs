//! A description with no criteria table — an article, a report, «из опыта работы» — read by
//! the structure its author gave it: headings (Word's heading styles, whole bold or capital
//! paragraphs, numbered headings, Markdown `#`) and inline labels («Цель: …», «Актуальность.
//! …»), each section placed by what its heading means, with the same vocabulary the table
//! reader matches row labels with. It hands on the same layout as the table reader, so the
//! card is assembled alike: what comes before the first placed section is the front matter
//! and the introduction, what follows «Заключение» (or the last section) the conclusion, and
//! a section whose heading means nothing known keeps its text, with a remark. Nothing is
//! invented: a criterion the text does not speak to stays unfilled, and `check` says so.

use super::labels;
use super::source::{drop_chars, flatten, Doc, Para, Style};
use super::table::{Layout, SourceRow};
use crate::message::ImportNote;

/// A heading is a short paragraph: longer ones are text.
const MAX_HEADING_CHARS: usize = 120;
/// An inline label («Цель: …») is a few words.
const MAX_LABEL_CHARS: usize = 60;
/// Fewer placed sections than this is a letter or a note, not a description of a practice.
const MIN_PLACED: usize = 2;

/// Headings that end the sections: what follows is the conclusion.
const CONCLUSION: &[&str] = &["заключение", "выводы", "вывод", "conclusion", "conclusions"];
/// Headings of the opening text, before the sections.
const INTRODUCTION: &[&str] = &["введение", "introduction"];

/// What a paragraph is to the outline.
enum Mark {
    /// A heading, and the criterion it means (if any).
    Heading(String, Option<&'static str>),
    /// «Label: text» — the label's criterion, and the text after it as the section's first
    /// paragraph.
    Labelled(String, &'static str, Para),
    /// «Заключение», «Выводы»: what follows is the conclusion.
    Conclusion,
    Text(Para),
}

/// The document's sections as the table reader's rows, or `None` when fewer than
/// [`MIN_PLACED`] headings or labels mean a criterion.
pub fn layout(doc: Doc) -> Option<Layout> {
    let paras = flatten(doc.nodes);
    let marks: Vec<Mark> = paras.into_iter().map(mark).collect();
    let placed = marks.iter().filter(|m| placed(m)).count();
    if placed < MIN_PLACED {
        return None;
    }
    let mut out = Layout {
        free: true,
        ..Layout::default()
    };
    let mut started = false;
    let mut ended = false;
    for m in marks {
        match m {
            Mark::Conclusion if started => ended = true,
            Mark::Text(p) | Mark::Labelled(_, _, p) if ended => out.after.push(p),
            Mark::Heading(text, _) if ended => out.after.push(Para::plain(&text)),
            Mark::Heading(label, key) if started || key.is_some() => {
                started = true;
                let row = SourceRow {
                    number: None,
                    label,
                    content: Vec::new(),
                };
                out.rows.push((row, key));
            }
            Mark::Labelled(label, key, first) => {
                started = true;
                let content = if first.is_blank() {
                    Vec::new()
                } else {
                    vec![first]
                };
                out.rows.push((
                    SourceRow {
                        number: None,
                        label,
                        content,
                    },
                    Some(key),
                ));
            }
            Mark::Text(p) => match out.rows.last_mut() {
                Some((row, _)) if started => row.content.push(p),
                _ => out.before.push(p),
            },
            Mark::Heading(text, _) => out.before.push(Para::bold(&text)),
            Mark::Conclusion => out.before.push(Para::plain("")),
        }
    }
    // Where each section went, as the table reader says where each row went.
    for (row, key) in &out.rows {
        if let Some(key) = key {
            out.notes.push(ImportNote::Row {
                number: None,
                label: row.label.clone(),
                key,
                by_number: false,
            });
        }
    }
    // The last section runs to the end unless «Заключение» ends it: a trailing section
    // whose heading means nothing is the conclusion.
    if !ended {
        if let Some((row, None)) = out.rows.last() {
            let mut after = vec![Para::bold(&row.label)];
            after.extend(row.content.iter().cloned());
            out.rows.pop();
            out.after = after;
        }
    }
    Some(out)
}

fn placed(m: &Mark) -> bool {
    matches!(m, Mark::Heading(_, Some(_)) | Mark::Labelled(..))
}

fn mark(p: Para) -> Mark {
    let text = p.text();
    let t = text.trim();
    if t.is_empty() {
        return Mark::Text(p);
    }
    let bare = t.trim_end_matches([':', '.']).trim();
    let short = t.chars().count() <= MAX_HEADING_CHARS;
    let numbered = strip_number(bare);
    // A numbered heading typed by hand («1. Актуальность») reads as a list item: in bold and
    // meaning a criterion, it is a heading all the same.
    let numbered_lower = numbered.to_lowercase();
    let ends = CONCLUSION.contains(&numbered_lower.as_str());
    let opens = INTRODUCTION.contains(&numbered_lower.as_str());
    let known = best(numbered).is_some() || ends || opens;
    let numbered_heading = p.item.is_some() && p.all_bold() && known;
    let heading = short
        && (p.item.is_none() || numbered_heading)
        && (matches!(p.style, Style::Heading(_))
            || p.all_bold()
            || is_capitals(bare)
            || (numbered != bare && !labels::candidates(numbered).is_empty()));
    if heading {
        let name = numbered.to_string();
        if ends {
            return Mark::Conclusion;
        }
        if opens {
            return Mark::Heading(name, None);
        }
        let key = best(&name);
        return Mark::Heading(name, key);
    }
    // «Цель: …», «Актуальность. …»: a known label, then the text.
    let split = t.char_indices().find(|(_, c)| matches!(c, ':' | '.'));
    if let Some((at, _)) = split.filter(|(at, _)| t[..*at].chars().count() <= MAX_LABEL_CHARS) {
        let label = t[..at].trim();
        if let Some(key) =
            best(strip_number(label)).filter(|_| label.split_whitespace().count() <= 6)
        {
            let lead = text.len() - text.trim_start().len();
            let cut = text[..lead + at + 1].chars().count();
            let mut first = p;
            drop_chars(&mut first.content, cut);
            trim_start(&mut first);
            return Mark::Labelled(label.to_string(), key, first);
        }
    }
    Mark::Text(p)
}

/// The criterion a heading means, if one is clearly the best.
fn best(heading: &str) -> Option<&'static str> {
    let found = labels::candidates(heading);
    match found.as_slice() {
        [(key, _)] => Some(key),
        [(key, a), (_, b), ..] if a > b => Some(key),
        _ => None,
    }
}

/// «2.1. Цель практики» → «Цель практики»; text without a number stays as it is.
fn strip_number(text: &str) -> &str {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    if rest.len() < text.len() && rest.starts_with(' ') {
        rest.trim_start()
    } else {
        text
    }
}

/// A heading typed in capitals: every letter upper-case, at least a word of them.
fn is_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// Drops the white space a label leaves at the start of the text after it.
fn trim_start(p: &mut Para) {
    let lead = p.text().chars().take_while(|c| c.is_whitespace()).count();
    drop_chars(&mut p.content, lead);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::Node;

    fn doc(paras: &[(&str, Style, bool)]) -> Doc {
        let nodes = paras.iter().map(|(t, style, bold)| {
            let inline = crate::document::Inline::Text(t.to_string());
            let content = if *bold {
                vec![crate::document::Inline::Strong(vec![inline])]
            } else {
                vec![inline]
            };
            Node::Para(Para {
                content,
                style: *style,
                item: None,
            })
        });
        Doc {
            nodes: nodes.collect(),
            ..Doc::default()
        }
    }

    #[test]
    fn headings_of_each_kind_and_inline_labels_place_their_sections() {
        let d = doc(&[
            ("Наставничество в школе", Style::Title, false),
            ("Иванова А. П., учитель", Style::Body, false),
            ("Вступительный абзац.", Style::Body, false),
            ("Актуальность", Style::Heading(1), false),
            ("Учителя не владеют сервисами.", Style::Body, false),
            ("ЦЕЛЬ И ЗАДАЧИ", Style::Body, false),
            ("Научить.", Style::Body, false),
            ("3. Формы и методы", Style::Body, true),
            ("Мастер-классы.", Style::Body, false),
            (
                "Результаты: выросло число уроков с сервисами.",
                Style::Body,
                false,
            ),
            ("Заключение", Style::Heading(1), false),
            ("Итог.", Style::Body, false),
        ]);
        let out = layout(d).expect("a free-form layout");
        let keys: Vec<_> = out
            .rows
            .iter()
            .map(|(r, k)| (r.label.as_str(), *k))
            .collect();
        assert_eq!(
            keys,
            [
                ("Актуальность", Some("problem")),
                ("ЦЕЛЬ И ЗАДАЧИ", Some("goal")),
                ("Формы и методы", Some("methods")),
                ("Результаты", Some("results"))
            ]
        );
        assert_eq!(
            out.rows[3].0.content[0].text(),
            "выросло число уроков с сервисами."
        );
        assert_eq!(out.before.len(), 3, "title, byline, the opening paragraph");
        assert_eq!(
            out.after.iter().map(Para::text).collect::<Vec<_>>(),
            ["Итог."]
        );
    }

    #[test]
    fn a_letter_with_no_sections_is_not_a_description() {
        let d = doc(&[
            ("Уважаемые коллеги!", Style::Body, false),
            ("Просим принять участие.", Style::Body, false),
        ]);
        assert!(layout(d).is_none());
    }
}
