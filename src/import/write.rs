//! The imported card as TOML that reads like `new`'s scaffold: the schema line, the
//! scaffold's comments, each criterion in the form's order under a comment saying what
//! belongs there, long text in `'''` blocks, and a comment wherever the import moved text or
//! found nothing. Only TOML 1.0 is written, so every editor's TOML support reads the card.

use crate::card::{Card, Material, Norm, Period};
use crate::locale::{self, import_words, scaffold_words};
use crate::scaffold;

/// What the card's comments say about one criterion.
#[derive(Debug, Clone, Default)]
pub struct Remarks {
    /// The document had no such row.
    pub missing: Vec<&'static str>,
    /// Text with no place in the form, appended to the criterion: key → quoted starts.
    pub unplaced: Vec<(&'static str, String)>,
    pub title_from_name: bool,
    /// The document's file name.
    pub origin: String,
    /// Table columns kept out of the card («Примечание эксперта»), by their headings.
    pub left_out_columns: Vec<String>,
}

/// The card as TOML text.
pub fn card(card: &Card, remarks: &Remarks) -> String {
    let lang = card.language;
    let w = scaffold_words(lang);
    let iw = import_words(lang);
    let mut s = scaffold::directive();
    s.push_str(w.header.trim_end_matches('\n'));
    s.push('\n');
    s.push_str(&iw.origin.replace("{file}", &comment(&remarks.origin)));
    for heading in &remarks.left_out_columns {
        s.push_str(&iw.left_out_column.replace("{column}", &comment(heading)));
    }
    s.push('\n');
    s.push_str(w.title);
    if remarks.title_from_name {
        s.push_str(iw.title_from_name);
    }
    s.push_str(&format!("title = {}\n", basic(&card.title)));
    s.push_str(&format!("language = \"{}\"\n", lang.code()));
    s.push_str(w.form);
    s.push_str(&format!(
        "form = {}\n",
        basic(card.form.as_deref().unwrap_or(""))
    ));
    s.push_str(w.kind);
    s.push_str(&format!(
        "type = {}\n",
        basic(card.mentoring_type.as_deref().unwrap_or(""))
    ));
    s.push_str(w.place);
    s.push_str(&format!(
        "organisation = {}\nlocality = {}\n",
        basic(card.organisation.as_deref().unwrap_or("")),
        basic(card.locality.as_deref().unwrap_or(""))
    ));
    match card.year {
        Some(y) => s.push_str(&format!("year = {y}\n")),
        None => s.push_str("# year = 2025\n"),
    }
    s.push('\n');
    s.push_str(w.authors);
    if card.authors.is_empty() {
        s.push_str("# [[authors]]\n# name = \"\"\n# position = \"\"\n\n");
    }
    for a in &card.authors {
        s.push_str("[[authors]]\n");
        s.push_str(&format!("name = {}\n", basic(&a.name)));
        if let Some(p) = &a.position {
            s.push_str(&format!("position = {}\n", basic(p)));
        }
        if let Some(o) = &a.organisation {
            s.push_str(&format!("organisation = {}\n", basic(o)));
        }
        s.push('\n');
    }
    if let Some(intro) = &card.introduction {
        s.push_str(w.introduction);
        s.push_str("[introduction]\n");
        s.push_str(&format!("text = {}\n", text(&intro.text)));
        if !intro.after_definitions.trim().is_empty() {
            s.push_str(&format!(
                "after_definitions = {}\n",
                text(&intro.after_definitions)
            ));
        }
        s.push('\n');
        if !intro.definitions.is_empty() {
            s.push_str(w.definitions);
        }
        for d in &intro.definitions {
            s.push_str("[[introduction.definitions]]\n");
            s.push_str(&format!("term = {}\n", basic(&d.term)));
            s.push_str(&format!("definition = {}\n\n", text(&d.definition)));
        }
    }

    let c = &card.criteria;
    let materials_below =
        !c.materials.is_empty() && c.materials.iter().all(|m| matches!(m, Material::Entry(_)));
    s.push_str("[criteria]\n");
    for info in locale::CRITERIA {
        if info.key == "special_needs" && c.special_needs.is_none() {
            continue;
        }
        let number = info.number.map(|n| format!("{n}. ")).unwrap_or_default();
        s.push_str(&format!(
            "\n# {number}{} — {}\n",
            info.label(lang),
            info.hint(lang)
        ));
        if remarks.missing.contains(&info.key) {
            s.push_str(iw.missing);
        }
        let moved: Vec<&String> = remarks
            .unplaced
            .iter()
            .filter(|(k, _)| *k == info.key)
            .map(|(_, t)| t)
            .collect();
        if !moved.is_empty() {
            s.push_str(iw.unplaced);
            for t in moved {
                s.push_str(&format!("#   «{}»\n", comment(&locale::snippet(t))));
            }
        }
        match info.key {
            "participants" => s.push_str(w.participants_below),
            "norms" => {
                s.push_str(w.norms);
                s.push_str("norms = [\n");
                for n in &c.norms {
                    let value = match n {
                        Norm::Text(t) => basic(t),
                        Norm::Act(act) => inline_table(&toml::to_string(act.as_ref())),
                    };
                    s.push_str(&format!("  {value},\n"));
                }
                s.push_str("]\n");
            }
            "materials" if materials_below => s.push_str(iw.materials_below),
            "materials" => {
                s.push_str(w.materials);
                s.push_str("materials = [\n");
                for m in &c.materials {
                    let value = match m {
                        Material::Text(t) => basic(t),
                        Material::Entry(e) => inline_table(&Ok(crate::biblio::to_toml(e))),
                    };
                    s.push_str(&format!("  {value},\n"));
                }
                s.push_str("]\n");
            }
            "period" => {
                let t = match &c.period {
                    Period::Text(t) => t.as_str(),
                    Period::Detailed(d) => d.text.as_str(),
                };
                s.push_str(&format!("period = {}\n", text(t)));
            }
            "special_needs" => {
                s.push_str(w.special_needs);
                s.push_str(&format!(
                    "special_needs = {}\n",
                    text(c.special_needs.as_deref().unwrap_or(""))
                ));
            }
            key => s.push_str(&format!("{key} = {}\n", text(c.text(key).unwrap_or("")))),
        }
    }
    s.push_str(w.participants);
    // No participants in the document: the scaffold's empty entry, for the teacher to fill.
    let empty = [crate::card::Participant {
        role: String::new(),
        name: None,
        mentoring: None,
        shares: Vec::new(),
        learns: Vec::new(),
    }];
    let participants = if c.participants.is_empty() {
        &empty[..]
    } else {
        &c.participants[..]
    };
    for p in participants {
        s.push_str("[[criteria.participants]]\n");
        s.push_str(&format!("role = {}\n", basic(&p.role)));
        if let Some(n) = &p.name {
            s.push_str(&format!("name = {}\n", basic(n)));
        }
        s.push_str(w.mentoring);
        s.push_str(&format!(
            "mentoring = {}\n",
            basic(p.mentoring.as_deref().unwrap_or(""))
        ));
        s.push_str(&format!("shares = {}\n", array(&p.shares)));
        s.push_str(&format!("learns = {}\n\n", array(&p.learns)));
    }
    if materials_below {
        s.push_str("\n# 13. ");
        s.push_str(locale::criterion("materials").map_or("", |i| i.label(lang)));
        s.push('\n');
        for m in &c.materials {
            if let Material::Entry(e) = m {
                s.push_str("[[criteria.materials]]\n");
                s.push_str(&crate::biblio::to_toml(e));
                s.push('\n');
            }
        }
    }
    if let Some(conclusion) = &card.conclusion {
        s.push_str(w.conclusion);
        s.push_str(&format!(
            "[conclusion]\ntext = {}\n",
            text(&conclusion.text)
        ));
    }
    s
}

/// A text value: a `'''` block when it is long or has several lines and a literal string can
/// hold it, else a basic string.
/// Text from the document inside a comment: TOML allows no control character there (the
/// values escape theirs), and one would make the whole card unreadable.
fn comment(t: &str) -> String {
    t.chars().filter(|c| !c.is_control()).collect()
}

fn text(t: &str) -> String {
    let literal_ok =
        !t.contains("'''") && !t.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if literal_ok && (t.contains('\n') || t.chars().count() > 100) {
        format!("'''\n{t}\n'''")
    } else if t.contains('\n') {
        format!("\"\"\"\n{}\n\"\"\"", escape(t, false))
    } else {
        basic(t)
    }
}

/// A one-line basic string.
fn basic(t: &str) -> String {
    format!("\"{}\"", escape(t, true))
}

fn escape(t: &str, newlines: bool) -> String {
    let mut out = String::with_capacity(t.len());
    let mut quotes = 0;
    for c in t.chars() {
        quotes = if c == '"' { quotes + 1 } else { 0 };
        match c {
            '\\' => out.push_str("\\\\"),
            // In a `"""` block three quotes in a row would end it.
            '"' if newlines || quotes >= 3 => out.push_str("\\\""),
            '\n' if newlines => out.push_str("\\n"),
            '\n' => out.push('\n'),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn array(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|i| basic(i)).collect();
    format!("[{}]", inner.join(", "))
}

/// A structured act or source as an inline table on one line, fields in their own order:
/// the `key = value` lines of its table, joined (a date as a TOML date).
fn inline_table(body: &Result<String, toml::ser::Error>) -> String {
    let Ok(body) = body else {
        return "{}".to_string();
    };
    let fields: Option<Vec<String>> = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (k, v) = l.split_once(" = ")?;
            let one_line = !l.starts_with('[') && !v.starts_with("\"\"\"") && !v.starts_with("'''");
            one_line.then(|| format!("{k} = {}", bare_date(v)))
        })
        .collect();
    match fields {
        Some(f) => format!("{{ {} }}", f.join(", ")),
        // A value the lines cannot carry (a nested table, a string on several lines).
        None => match toml::from_str::<toml::Value>(body) {
            Ok(v) => v.to_string(),
            Err(_) => "{}".to_string(),
        },
    }
}

/// `"2018-03-02"` → `2018-03-02`.
fn bare_date(v: &str) -> String {
    let inner = v.strip_prefix('"').and_then(|v| v.strip_suffix('"'));
    match inner {
        Some(d)
            if d.len() == 10
                && d.as_bytes()[4] == b'-'
                && crate::date::Date::parse(d).is_some() =>
        {
            d.to_string()
        }
        _ => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::{Author, Conclusion, Criteria, Definition, Introduction, Participant};
    use crate::norms::Act;

    fn sample() -> Card {
        let example = crate::load::load("example.toml", scaffold::EXAMPLE, None);
        let mut card = example.card.expect("the example loads").card;
        card.authors = vec![Author {
            name: "Иванова «Мария» \"Петровна\"".into(),
            position: Some("учитель\\методист".into()),
            organisation: None,
        }];
        card.criteria.goal = "Цель с '''тремя''' апострофами\nи \"\"\"кавычками\"\"\"".into();
        card.criteria.concept = "концепция'".into();
        card.criteria
            .norms
            .push(Norm::Text("Положение о наставничестве".into()));
        card.criteria.norms.push(Norm::Act(Box::new(Act {
            kind: Some("Приказ".into()),
            date: crate::date::Date::new(2023, 9, 1),
            number: Some("12".into()),
            title: Some("О «наставничестве»".into()),
            ..Act::default()
        })));
        card
    }

    /// A text block ends with a line break; the rich text ignores it.
    fn trimmed(mut c: Card) -> Card {
        let t = |s: &mut String| *s = s.trim_end_matches('\n').to_string();
        if let Some(i) = &mut c.introduction {
            t(&mut i.text);
            t(&mut i.after_definitions);
            i.definitions.iter_mut().for_each(|d| t(&mut d.definition));
        }
        let k = &mut c.criteria;
        for f in [
            &mut k.name,
            &mut k.problem,
            &mut k.goal,
            &mut k.concept,
            &mut k.methods,
            &mut k.results,
            &mut k.effectiveness,
            &mut k.conditions,
            &mut k.replicability,
        ] {
            t(f);
        }
        if let Period::Text(p) = &mut k.period {
            t(p);
        }
        if let Some(s) = &mut k.special_needs {
            t(s);
        }
        if let Some(c) = &mut c.conclusion {
            t(&mut c.text);
        }
        // An empty field written for the teacher to fill reads back as an empty string.
        let none = |o: &mut Option<String>| {
            if o.as_deref() == Some("") {
                *o = None;
            }
        };
        none(&mut c.organisation);
        none(&mut c.locality);
        none(&mut c.form);
        none(&mut c.mentoring_type);
        for p in &mut c.criteria.participants {
            none(&mut p.mentoring);
        }
        c
    }

    #[test]
    fn the_written_card_loads_back_to_the_same_card() {
        for card in [sample(), {
            let mut c = sample();
            c.criteria.materials.push(Material::Text("Строка".into()));
            c
        }] {
            let text = super::card(&card, &Remarks::default());
            let loaded = crate::load::load("card.toml", &text, None);
            assert!(
                loaded.diagnostics.is_empty(),
                "{:?}\n{text}",
                loaded.diagnostics
            );
            assert_eq!(
                trimmed(loaded.card.expect("loads").card),
                trimmed(card),
                "{text}"
            );
        }
    }

    #[test]
    fn remarks_become_comments() {
        let card = Card {
            title: "Т".into(),
            language: crate::locale::Lang::Ru,
            organisation: None,
            locality: None,
            year: None,
            form: None,
            mentoring_type: None,
            authors: Vec::new(),
            introduction: Some(Introduction {
                text: "Введение.".into(),
                definitions: vec![Definition {
                    term: "Наставник".into(),
                    definition: "участник.".into(),
                }],
                after_definitions: String::new(),
            }),
            criteria: Criteria {
                name: "Имя".into(),
                problem: String::new(),
                participants: vec![Participant {
                    role: "Учитель".into(),
                    name: None,
                    mentoring: None,
                    shares: vec!["опыт".into()],
                    learns: Vec::new(),
                }],
                goal: "Цель".into(),
                concept: String::new(),
                methods: String::new(),
                norms: Vec::new(),
                results: String::new(),
                effectiveness: String::new(),
                conditions: String::new(),
                period: Period::Text(String::new()),
                replicability: String::new(),
                materials: Vec::new(),
                materials_file: None,
                special_needs: None,
            },
            conclusion: Some(Conclusion {
                text: "Итог.".into(),
            }),
        };
        let remarks = Remarks {
            missing: vec!["problem"],
            // Control characters (a fuzzer found one) must not reach the comments.
            unplaced: vec![("goal", "Примечание:\u{19} что-то\u{7f}".into())],
            title_from_name: true,
            origin: "практика\u{1b}.docx".into(),
            left_out_columns: vec!["Баллы\u{7}".into()],
        };
        let text = super::card(&card, &remarks);
        assert!(text.starts_with("#:schema ./mentorcard.schema.json\n"));
        assert!(text.contains("«практика.docx»"));
        assert!(text.contains("«Примечание: что-то»"));
        let goal = text.find("goal = ").unwrap();
        let comment = text.find("«Примечание: что-то»").unwrap();
        assert!(comment < goal);
        assert!(!text.contains("special_needs ="));
        let loaded = crate::load::load("card.toml", &text, None);
        assert!(loaded.card.is_some(), "{:?}", loaded.diagnostics);
    }
}
