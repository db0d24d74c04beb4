//! `mentorcard import`: a description a teacher already has — Word (.docx), LibreOffice,
//! МойОфис or Р7 (.odt), text in the seed's layout (.txt), Markdown (.md) — becomes a card.
//!
//! One reader per format turns the file into the same `source` model (paragraphs with
//! their formatting and list membership, tables of cells); hand-typed list markers become
//! list items (`lists`); the criteria table is found and its rows are matched to the form
//! by meaning (`table`, `labels`); what stands before it gives the title, the authors and
//! the introduction with its definitions (`front`); cells become rich text (`rich`),
//! participants, acts and sources (`fields`); and the card is written to read like `new`'s
//! scaffold (`write`). Nothing is dropped: text the form has no place for is added to the
//! nearest text criterion, reported, and marked with a comment in the card.

mod docx;
mod fields;
mod free;
mod front;
mod labels;
mod lists;
mod markdown;
mod odt;
mod pictures;
mod rich;
mod source;
mod table;
mod text;
mod write;
mod xml;

use std::path::Path;

use crate::card::{Card, Conclusion, Criteria, Material, Norm, Period};
use crate::locale::{self, Lang};
use crate::message::{Failure, ImportNote, SourceFormat, Unsupported};
use source::{Doc, Node, Para};

/// An imported card: the card itself, its TOML text, and the report of what went where.
#[derive(Debug, Clone)]
pub struct Imported {
    pub card: Card,
    pub text: String,
    pub notes: Vec<ImportNote>,
}

/// Keys whose value is rich text (where text with no place of its own can go).
const TEXT_KEYS: &[&str] = &[
    "name",
    "problem",
    "goal",
    "concept",
    "methods",
    "results",
    "effectiveness",
    "conditions",
    "period",
    "replicability",
    "special_needs",
];

/// Reads a document (its bytes and the path it came from, for messages and the file type)
/// and makes a card of it. Refuses what is not a readable document with the form in it.
pub fn import(path: &Path, bytes: &[u8]) -> Result<Imported, Failure> {
    let doc = read(path, bytes)?;
    finish(path, doc)
}

/// A .doc or .rtf document at `path` that a converter made into `docx`: read as the .docx
/// it now is, named as the teacher's file.
pub fn import_converted(path: &Path, docx: &[u8]) -> Result<Imported, Failure> {
    let doc = read(&path.with_extension("docx"), docx)?;
    finish(path, doc)
}

fn finish(path: &Path, doc: Doc) -> Result<Imported, Failure> {
    let origin = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fallback_title = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source: Vec<String> = source::flatten(doc.nodes.clone())
        .iter()
        .map(Para::text)
        .collect();
    let pictures = doc.pictures.clone();
    let mut imported =
        assemble(doc, &origin, &fallback_title).ok_or_else(|| Failure::ImportNoTable {
            path: path.to_path_buf(),
        })?;
    for picture in pictures {
        imported.notes.push(ImportNote::Picture {
            caption: picture.caption.unwrap_or(picture.description),
            after: picture.after,
        });
    }
    imported.notes.push(measure(&source, &imported.card));
    Ok(imported)
}

/// The report's last line: how many of the document's words the card holds, and the
/// paragraphs most of whose words it does not (headings the form's labels replace aside).
fn measure(source: &[String], card: &Card) -> ImportNote {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase().replace('ё', "е"))
            .collect()
    };
    let mut strings = Vec::new();
    collect_strings(
        &serde_json::to_value(card).unwrap_or_default(),
        &mut strings,
    );
    // An act known by its short reference prints in full: count what will be printed.
    for norm in &card.criteria.norms {
        if let Norm::Act(act) = norm {
            strings.push(crate::norms::cite(&crate::norms::resolve(act)));
        }
    }
    let mut have = std::collections::HashMap::<String, usize>::new();
    for w in strings.iter().flat_map(|s| words(s)) {
        *have.entry(w).or_default() += 1;
    }
    let (mut total, mut found) = (0, 0);
    let mut unplaced = Vec::new();
    // Long paragraphs claim their words first, so a row's label repeating its text's words
    // («…для поддержки обучающихся…») does not leave that text looking unplaced.
    let mut order: Vec<&String> = source.iter().collect();
    order.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for paragraph in order {
        let ws = words(paragraph);
        // A row's label in the form's own words is printed as the form's label.
        if labels::candidates(paragraph)
            .first()
            .is_some_and(|(_, score)| *score >= 10)
        {
            total += ws.len();
            found += ws.len();
            continue;
        }
        let mut hits = 0;
        for w in &ws {
            if let Some(n) = have.get_mut(w).filter(|n| **n > 0) {
                *n -= 1;
                hits += 1;
            }
        }
        total += ws.len();
        found += hits;
        // A short line (a heading, a label) gives way to the form's own words.
        if ws.len() > 8 && hits * 2 < ws.len() {
            unplaced.push(paragraph.trim().to_string());
        }
    }
    // Said in the document's order.
    unplaced.sort_by_key(|u: &String| source.iter().position(|p| p.trim() == u));
    ImportNote::Words {
        found,
        total,
        unplaced,
    }
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Number(n) => out.push(n.to_string()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Whether a path names a teacher's document that `check` and `build` read as the card it
/// imports to (by its name: a card is `.toml`, whatever else the bytes say).
pub fn is_document(path: &Path) -> bool {
    let documents = [
        "docx", "docm", "odt", "fodt", "txt", "md", "markdown", "doc", "rtf",
    ];
    documents.contains(&extension(path).as_str())
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The document's own model, by what the bytes are (a .docx named .doc still opens) and,
/// for plain text, by the name.
fn read(path: &Path, bytes: &[u8]) -> Result<Doc, Failure> {
    let ext = extension(path);
    let unsupported = |kind| Failure::ImportUnsupported {
        path: path.to_path_buf(),
        kind,
    };
    let broken = |format| Failure::ImportBroken {
        path: path.to_path_buf(),
        format,
    };
    let from_xml = |e: xml::Error, format| match e {
        xml::Error::Broken => broken(format),
        xml::Error::TooLarge { limit } => Failure::ImportTooLarge {
            path: path.to_path_buf(),
            limit,
        },
        xml::Error::TooManyElements { limit } => Failure::ImportTooComplex {
            path: path.to_path_buf(),
            limit,
        },
    };
    if bytes.starts_with(b"%PDF") {
        return Err(unsupported(Unsupported::Pdf));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(unsupported(Unsupported::Doc));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(unsupported(Unsupported::Rtf));
    }
    let expected = match ext.as_str() {
        "docx" | "docm" | "dotx" => Some(SourceFormat::Docx),
        "odt" | "ott" | "fodt" => Some(SourceFormat::Odt),
        "txt" | "text" => Some(SourceFormat::Text),
        "md" | "markdown" => Some(SourceFormat::Markdown),
        "pdf" => return Err(unsupported(Unsupported::Pdf)),
        "doc" | "dot" => return Err(unsupported(Unsupported::Doc)),
        "rtf" => return Err(unsupported(Unsupported::Rtf)),
        _ => None,
    };
    let zipped = bytes.starts_with(b"PK\x03\x04");
    if zipped || matches!(expected, Some(SourceFormat::Docx | SourceFormat::Odt)) {
        // A zip of some other kind (.xlsx, .pptx, .zip) under a name we do not read.
        let other = || unsupported(Unsupported::Other(ext.clone()));
        let format = expected
            .filter(|f| matches!(f, SourceFormat::Docx | SourceFormat::Odt))
            .unwrap_or(SourceFormat::Docx);
        let mut package = match xml::Package::open(bytes) {
            Ok(p) => p,
            Err(_) if expected.is_none() => return Err(other()),
            Err(e) => return Err(from_xml(e, format)),
        };
        let mut doc = if odt::is_odt(&package) && !docx::is_docx(&package) {
            odt::read(&mut package).map_err(|e| from_xml(e, SourceFormat::Odt))?
        } else if docx::is_docx(&package) {
            docx::read(&mut package).map_err(|e| from_xml(e, SourceFormat::Docx))?
        } else if expected.is_none() {
            return Err(other());
        } else {
            return Err(broken(format));
        };
        recognise_lists(&mut doc);
        return Ok(doc);
    }
    let Some(format) = expected else {
        return Err(unsupported(Unsupported::Other(ext)));
    };
    let text = text::decode(bytes).ok_or_else(|| broken(format))?;
    // A text file may hold a Markdown table, and a Markdown file the seed's layout.
    let (first, second) = match format {
        SourceFormat::Markdown => (markdown::read(&text), text::read(&text)),
        _ => (text::read(&text), markdown::read(&text)),
    };
    let mut doc = if has_form(&first) || !has_form(&second) {
        first
    } else {
        second
    };
    recognise_lists(&mut doc);
    Ok(doc)
}

fn has_form(doc: &Doc) -> bool {
    let mut d = doc.clone();
    recognise_lists(&mut d);
    table::layout(d).is_some()
}

/// Hand-typed markers become list items everywhere, in cells too.
fn recognise_lists(doc: &mut Doc) {
    for node in &mut doc.nodes {
        match node {
            Node::Para(p) => lists::recognise(p),
            Node::Table(t) => {
                for row in &mut t.rows {
                    for cell in &mut row.cells {
                        cell.paras.iter_mut().for_each(lists::recognise);
                    }
                }
            }
        }
    }
}

/// The card from the document's parts; `None` when it has no criteria table.
fn assemble(doc: Doc, origin: &str, fallback_title: &str) -> Option<Imported> {
    // A criteria table if there is one; else the sections the author's headings make.
    let layout = table::layout(doc.clone()).or_else(|| free::layout(doc))?;
    let free = layout.free;
    let placed = layout.rows.iter().filter(|(_, key)| key.is_some()).count();
    let mut notes: Vec<ImportNote> = Vec::new();
    let front = front::front(layout.before);
    let mut after = layout.after;
    let mut table_notes = layout.notes;

    // Each criterion's paragraphs, in document order; rows with no place wait for a home.
    let mut content: Vec<(&'static str, Vec<Para>)> = Vec::new();
    let mut homeless: Vec<(Option<&'static str>, String, Vec<Para>)> = Vec::new();
    let mut english = 0usize;
    let mut previous: Option<&'static str> = None;
    for (row, key) in layout.rows {
        match key {
            Some(k) => {
                if labels::is_english(&row.label) {
                    english += 1;
                }
                match content.iter_mut().find(|(key, _)| *key == k) {
                    Some((_, paras)) => paras.extend(row.content),
                    None => content.push((k, row.content)),
                }
                previous = Some(k);
            }
            None => {
                let mut paras = vec![Para::bold(&row.label)];
                paras.extend(row.content);
                homeless.push((previous, row.label, paras));
            }
        }
    }
    let mapped = content.len();
    let lang = if mapped > 0 && english * 2 > mapped {
        Lang::En
    } else {
        Lang::Ru
    };
    let take = |key: &str, content: &mut Vec<(&'static str, Vec<Para>)>| -> Vec<Para> {
        content
            .iter()
            .position(|(k, _)| *k == key)
            .map(|i| content.remove(i).1)
            .unwrap_or_default()
    };
    // A table without row 13, or whose row 13 only points at the list («см. список
    // литературы»), and a «Список литературы» after the conclusion: its list is the sources.
    let row_13 = content.iter().position(|(k, _)| *k == "materials");
    let pointer = row_13.is_some_and(|i| points_at_the_list(&content[i].1));
    if row_13.is_none() || pointer {
        if let Some((heading, list)) = sources_after(&mut after) {
            table_notes.push(ImportNote::Row {
                number: None,
                label: heading,
                key: "materials",
                by_number: false,
            });
            match row_13.filter(|_| pointer) {
                Some(i) => content[i].1 = list,
                None => content.push(("materials", list)),
            }
        }
    }
    let conclusion = front::conclusion(after);
    let present: Vec<&'static str> = content.iter().map(|(k, _)| *k).collect();

    let (participants, lead) = fields::participants(&take("participants", &mut content));
    if !lead.is_empty() {
        homeless.push((Some("participants"), String::new(), lead));
    }
    let norm_entries = fields::entries(&take("norms", &mut content));
    if !norm_entries.lead.is_empty() {
        homeless.push((Some("norms"), String::new(), norm_entries.lead));
    }
    let norms: Vec<Norm> = norm_entries.items.iter().map(|i| fields::norm(i)).collect();
    let material_entries = fields::entries(&take("materials", &mut content));
    if !material_entries.lead.is_empty() {
        homeless.push((Some("materials"), String::new(), material_entries.lead));
    }
    let materials: Vec<Material> = material_entries
        .items
        .iter()
        .map(|i| fields::material(i))
        .collect();

    // Text with no place goes to the nearest text criterion before it (or the first one).
    let mut texts: Vec<(&'static str, Vec<Para>)> = TEXT_KEYS
        .iter()
        .map(|k| (*k, take(k, &mut content)))
        .collect();
    let mut remarks = write::Remarks {
        origin: origin.to_string(),
        left_out_columns: table_notes
            .iter()
            .filter_map(|n| match n {
                ImportNote::Skipped {
                    text,
                    what: crate::message::Skipped::ExtraColumn,
                } => Some(text.split(" — ").next().unwrap_or(text).to_string()),
                _ => None,
            })
            .collect(),
        ..write::Remarks::default()
    };
    for (near, label, paras) in homeless {
        let key = nearest_text_key(near, &present);
        let text = if label.is_empty() {
            paras.iter().map(Para::text).collect::<Vec<_>>().join(" ")
        } else {
            label
        };
        notes.push(ImportNote::Unplaced {
            text: text.clone(),
            key,
        });
        remarks.unplaced.push((key, text));
        if let Some((_, dest)) = texts.iter_mut().find(|(k, _)| *k == key) {
            dest.extend(paras);
        }
    }
    let text_of = |key: &str, texts: &[(&'static str, Vec<Para>)]| -> String {
        texts
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, p)| rich::text(p))
            .unwrap_or_default()
    };
    let special_needs = (present.contains(&"special_needs")
        || remarks.unplaced.iter().any(|(k, _)| *k == "special_needs"))
    .then(|| text_of("special_needs", &texts));

    // An article's title is its practice's name: criterion 1 is not asked for again.
    let name = match text_of("name", &texts) {
        n if n.trim().is_empty() && free => front.title.clone().unwrap_or_default(),
        n => n,
    };
    for info in locale::CRITERIA {
        let named = info.key == "name" && !name.trim().is_empty();
        if !present.contains(&info.key) && info.key != "special_needs" && !named {
            notes.push(ImportNote::Missing { key: info.key });
            remarks.missing.push(info.key);
        }
    }

    let criteria = Criteria {
        name,
        problem: text_of("problem", &texts),
        participants,
        goal: text_of("goal", &texts),
        concept: text_of("concept", &texts),
        methods: text_of("methods", &texts),
        norms,
        results: text_of("results", &texts),
        effectiveness: text_of("effectiveness", &texts),
        conditions: text_of("conditions", &texts),
        period: Period::Text(text_of("period", &texts)),
        replicability: text_of("replicability", &texts),
        materials,
        materials_file: None,
        special_needs,
    };

    let title = match front.title.clone() {
        Some(t) => t,
        None => {
            let t = title_from_name(&criteria.name).unwrap_or_else(|| fallback_title.to_string());
            remarks.title_from_name = true;
            notes.push(ImportNote::TitleFromName { title: t.clone() });
            t
        }
    };
    let definitions = front
        .introduction
        .as_ref()
        .map_or(0, |i| i.definitions.len());
    notes.insert(
        0,
        ImportNote::Front {
            title: front.title.clone(),
            authors: front.authors.len(),
            definitions,
        },
    );
    if free {
        notes.insert(0, ImportNote::FreeForm { placed });
    }
    notes.splice(1..1, table_notes);
    notes.push(ImportNote::Lists {
        participants: criteria.participants.len(),
        norms: criteria.norms.len(),
        acts: criteria
            .norms
            .iter()
            .filter(|n| matches!(n, Norm::Act(_)))
            .count(),
        materials: criteria.materials.len(),
        entries: criteria
            .materials
            .iter()
            .filter(|m| matches!(m, Material::Entry(_)))
            .count(),
    });
    let conclusion_text = rich::text(&conclusion);
    notes.push(ImportNote::Conclusion {
        paragraphs: conclusion.len(),
    });

    let card = Card {
        title,
        language: lang,
        organisation: front.organisation,
        locality: front.locality,
        year: front.year,
        form: front.form,
        mentoring_type: front.kind,
        authors: front.authors,
        introduction: front.introduction,
        criteria,
        conclusion: (!conclusion_text.is_empty()).then_some(Conclusion {
            text: conclusion_text,
        }),
    };
    let text = write::card(&card, &remarks);
    Some(Imported { card, text, notes })
}

/// A heading such as «Список литературы» after the table and the paragraphs under it, taken
/// out of `after`.
fn sources_after(after: &mut Vec<Para>) -> Option<(String, Vec<Para>)> {
    let at = after.iter().position(|p| {
        let t = p.text();
        let t = t.trim().trim_end_matches([':', '.']);
        p.item.is_none()
            && t.chars().count() <= 60
            && labels::candidates(t)
                .first()
                .is_some_and(|(k, s)| *k == "materials" && *s >= 3)
    })?;
    let list: Vec<Para> = after.split_off(at + 1);
    if list.iter().all(Para::is_blank) {
        after.extend(list);
        return None;
    }
    let heading = after.pop().map(|p| p.text().trim().to_string())?;
    Some((heading, list))
}

/// Row 13 that only sends the reader elsewhere: «см. список литературы», «Приложение 1»,
/// «список источников — ниже».
fn points_at_the_list(paras: &[Para]) -> bool {
    let text: String = paras.iter().map(Para::text).collect::<Vec<_>>().join(" ");
    let t = text.trim().to_lowercase();
    let words = [
        "см.",
        "см ",
        "смотри",
        "список",
        "ниже",
        "приложени",
        "прилагается",
    ];
    !t.is_empty() && t.chars().count() <= 80 && words.iter().any(|w| t.contains(w))
}

/// The text criterion next to a list criterion or a row with no place: the one before it in
/// the form that the document has, else the first text criterion.
fn nearest_text_key(near: Option<&'static str>, present: &[&'static str]) -> &'static str {
    let order: Vec<&'static str> = locale::CRITERIA.iter().map(|c| c.key).collect();
    let at = near.and_then(|n| order.iter().position(|k| *k == n));
    if let Some(at) = at {
        if let Some(k) = order[..=at]
            .iter()
            .rev()
            .find(|k| TEXT_KEYS.contains(k) && present.contains(k))
        {
            return k;
        }
        if let Some(k) = order[..=at].iter().rev().find(|k| TEXT_KEYS.contains(k)) {
            return k;
        }
    }
    "name"
}

/// «Реверсивное наставничество – передача знаний…» → «Реверсивное наставничество».
fn title_from_name(name: &str) -> Option<String> {
    let plain = crate::document::Block::plain(&crate::richtext::parse(name));
    let first = plain.lines().next()?.trim();
    let cut = [" – ", " — ", " - ", ": ", ". "]
        .iter()
        .filter_map(|d| first.find(d))
        .min()
        .unwrap_or(first.len());
    let title = first[..cut].trim().trim_end_matches('.').trim();
    (!title.is_empty() && title.chars().count() <= 150).then(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_measure_counts_words_and_names_paragraphs_left_out() {
        let example = include_str!("../../examples/reverse-mentoring.toml");
        let card: Card = toml::from_str(example).unwrap();
        let kept = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        let source = vec![
            card.criteria.problem.clone(),
            "Цель практики".to_string(),
            kept.to_string(),
        ];
        let ImportNote::Words {
            found,
            total,
            unplaced,
        } = measure(&source, &card)
        else {
            panic!("a measure");
        };
        assert_eq!(unplaced, [kept], "the paragraph the card lacks is named");
        assert_eq!(total - found, 12, "its twelve words are the missing ones");
    }
}
