//! Finding the form in a document: the table whose rows are the criteria (wherever it stands,
//! with or without a number column, split in two by a page with a caption between the parts),
//! which row is which criterion, and what stands before and after it. Header rows, captions,
//! continuation notes and empty rows are left out and said so; a row no criterion fits is
//! kept as text with no place.

use super::labels;
use super::source::{Cell, Doc, Node, Para, Table};
use crate::locale;
use crate::message::{ImportNote, Skipped};

/// A table needs this many rows that name criteria to be the form.
const MIN_MATCHED_ROWS: usize = 3;

/// What lies between two parts of a split table: a few short lines at most.
const MAX_BETWEEN_PARAS: usize = 3;
const MAX_BETWEEN_CHARS: usize = 120;

/// A row of the form as it was found.
#[derive(Debug, Clone)]
pub struct SourceRow {
    /// The number cell as typed; `None` when the table has no number column.
    pub number: Option<String>,
    pub label: String,
    pub content: Vec<Para>,
}

/// A document split around its criteria table.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub before: Vec<Para>,
    /// Rows in document order, each with the criterion it goes to (`None`: no place).
    pub rows: Vec<(SourceRow, Option<&'static str>)>,
    pub after: Vec<Para>,
    pub notes: Vec<ImportNote>,
    /// Read from the author's headings, not from a criteria table.
    pub free: bool,
}

/// One table, understood: which column holds labels and numbers, how many rows match.
struct Shape {
    label_col: usize,
    number_col: Option<usize>,
    matched: usize,
}

/// A cell at its grid column.
fn grid(cells: &[Cell]) -> Vec<(usize, &Cell)> {
    let mut col = 0;
    cells
        .iter()
        .map(|c| {
            let at = col;
            col += c.span.max(1);
            (at, c)
        })
        .collect()
}

fn cell_at<'a>(row: &'a [(usize, &'a Cell)], col: usize) -> Option<&'a Cell> {
    row.iter().find(|(c, _)| *c == col).map(|(_, cell)| *cell)
}

fn is_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')']);
    t.is_empty() || (t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
}

fn shape(table: &Table) -> Shape {
    let rows: Vec<Vec<(usize, &Cell)>> = table.rows.iter().map(|r| grid(&r.cells)).collect();
    let mut best = Shape {
        label_col: 0,
        number_col: None,
        matched: 0,
    };
    for col in 0..3 {
        let matched = rows
            .iter()
            .filter(|r| {
                cell_at(r, col).is_some_and(|c| {
                    labels::candidates(&c.text())
                        .first()
                        .is_some_and(|k| k.1 >= 3)
                })
            })
            .count();
        if matched > best.matched {
            best = Shape {
                label_col: col,
                number_col: None,
                matched,
            };
        }
    }
    if best.label_col > 0 {
        let numbers = rows
            .iter()
            .filter(|r| cell_at(r, best.label_col - 1).is_some_and(|c| is_number(&c.text())))
            .count();
        // The column before the labels holds the numbers when nearly all its cells are
        // numbers or empty (the header «№ п/п» is the exception).
        if numbers + 1 >= rows.len() / 2 {
            best.number_col = Some(best.label_col - 1);
        }
    }
    best
}

/// The words LibreOffice and Word users put between the parts of a split table.
fn is_continuation_note(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.starts_with("продолжение таблицы")
        || t.starts_with("окончание таблицы")
        || t.starts_with("продолжение табл")
        || t.starts_with("table continued")
        || t.starts_with("continued")
        || (t.starts_with("таблица") && t.len() <= 20)
}

/// Splits a document around its criteria table, or `None` when it has none.
pub fn layout(doc: Doc) -> Option<Layout> {
    let nodes = doc.nodes;
    let shapes: Vec<Option<Shape>> = nodes
        .iter()
        .map(|n| match n {
            Node::Table(t) => Some(shape(t)),
            Node::Para(_) => None,
        })
        .collect();
    let best = shapes
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.as_ref().map(|s| (i, s.matched)))
        .filter(|(_, m)| *m >= MIN_MATCHED_ROWS)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?
        .0;
    // The parts of a split table: tables near the best one with only short lines between.
    let mut parts = vec![best];
    let near = |from: usize, step: isize| -> Option<usize> {
        let mut i = from as isize + step;
        let mut between = 0;
        while i >= 0 && (i as usize) < nodes.len() {
            match &nodes[i as usize] {
                Node::Table(t) => {
                    // A table of the author's details is no part of the criteria table.
                    if data_table(t).is_some() {
                        return None;
                    }
                    let s = shapes[i as usize].as_ref()?;
                    return (s.matched >= 1 || starts_with_header(&nodes[i as usize]))
                        .then_some(i as usize);
                }
                Node::Para(p) if p.is_blank() => {}
                Node::Para(p) => {
                    between += 1;
                    if between > MAX_BETWEEN_PARAS || p.text().chars().count() > MAX_BETWEEN_CHARS {
                        return None;
                    }
                }
            }
            i += step;
        }
        None
    };
    while let Some(next) = near(*parts.last()?, 1) {
        parts.push(next);
    }
    while let Some(prev) = near(parts[0], -1) {
        parts.insert(0, prev);
    }
    let first = parts[0];
    let last = *parts.last()?;

    let mut out = Layout::default();
    let mut rows: Vec<SourceRow> = Vec::new();
    let mut empty_rows = 0;
    for (i, node) in nodes.into_iter().enumerate() {
        match node {
            Node::Table(t) if parts.contains(&i) => {
                let Some(shape) = &shapes[i] else { continue };
                table_rows(t, shape, &mut rows, &mut out.notes, &mut empty_rows);
            }
            Node::Table(t) if i < first && data_table(&t).is_some() => {
                out.before.extend(data_table(&t).unwrap_or_default());
            }
            node if i < first => out.before.extend(paras(node)),
            node if i > last => out.after.extend(paras(node)),
            node => {
                // Between two parts of the table.
                for p in paras(node) {
                    if p.is_blank() {
                        continue;
                    }
                    if is_continuation_note(&p.text()) {
                        out.notes.push(ImportNote::Skipped {
                            text: p.text().trim().to_string(),
                            what: Skipped::Continuation,
                        });
                    } else if let Some(row) = rows.last_mut() {
                        row.content.push(p);
                    }
                }
            }
        }
    }
    if empty_rows > 0 {
        out.notes.push(ImportNote::Skipped {
            text: String::new(),
            what: Skipped::EmptyRows,
        });
    }
    out.rows = assign(rows, &mut out.notes);
    Some(out)
}

fn starts_with_header(node: &Node) -> bool {
    let Node::Table(t) = node else { return false };
    t.rows.first().is_some_and(|r| {
        r.cells
            .iter()
            .map(Cell::text)
            .filter(|t| !t.trim().is_empty())
            .all(|t| labels::is_header(&t))
    })
}

/// A table or a paragraph outside the form, as paragraphs.
fn paras(node: Node) -> Vec<Para> {
    match node {
        Node::Para(p) => vec![p],
        Node::Table(t) => super::source::flatten(vec![Node::Table(t)]),
    }
}

/// The labels of an application form's table of details: «ФИО | …», «Должность | …»,
/// «Название практики | …».
const DATA_LABELS: &[&str] = &[
    "фио",
    "фамилия",
    "автор",
    "должность",
    "организац",
    "учреждени",
    "место работы",
    "населенн",
    "город",
    "муниципал",
    "название практики",
    "наименование практики",
    "тема",
    "телефон",
    "e-mail",
    "email",
    "почта",
    "год",
];

/// A two-column table of the author's details before the criteria, read as the byline's
/// labelled lines («Организация: …») with the practice's name first as the title, so no
/// label becomes the title; `None` for any other table.
fn data_table(table: &Table) -> Option<Vec<Para>> {
    let mut pairs = Vec::new();
    for row in &table.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(Cell::text)
            .map(|t| t.trim().to_string())
            .collect();
        match cells.as_slice() {
            [label, value] if !label.is_empty() => pairs.push((label.clone(), value.clone())),
            _ => return None,
        }
    }
    let known = |label: &str| {
        let l = label.to_lowercase().replace('ё', "е");
        DATA_LABELS.iter().any(|d| l.starts_with(d))
    };
    if pairs.len() < 2 || pairs.iter().filter(|(l, _)| known(l)).count() * 5 < pairs.len() * 3 {
        return None;
    }
    let is_title = |l: &str| {
        let l = l.to_lowercase();
        l.starts_with("название практики")
            || l.starts_with("наименование практики")
            || l.starts_with("тема")
    };
    let mut out: Vec<Para> = pairs
        .iter()
        .filter(|(l, _)| is_title(l))
        .map(|(_, v)| Para::plain(v))
        .collect();
    for (label, value) in pairs.iter().filter(|(l, v)| !is_title(l) && !v.is_empty()) {
        let l = label.to_lowercase();
        let label = if l.starts_with("фио") || l.starts_with("фамилия") {
            "Автор"
        } else {
            label.trim_end_matches(':')
        };
        out.push(Para::plain(&format!("{label}: {value}")));
    }
    Some(out)
}

/// The rows of one part of the table, headers and captions left out.
fn table_rows(
    table: Table,
    shape: &Shape,
    rows: &mut Vec<SourceRow>,
    notes: &mut Vec<ImportNote>,
    empty_rows: &mut usize,
) {
    let width = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.span.max(1)).sum::<usize>())
        .max()
        .unwrap_or(0);
    // Columns past the content whose heading says they are no part of the description
    // («Примечание эксперта», «Баллы»): their text stays out of the card, said once.
    let extra: Vec<(usize, String)> = table
        .rows
        .iter()
        .take(3)
        .map(|r| grid(&r.cells))
        .find(|cells| cell_at(cells, shape.label_col).is_some_and(|c| labels::is_header(&c.text())))
        .map(|cells| {
            let named = cells.iter().filter(|(c, cell)| {
                *c > shape.label_col + 1 && labels::is_extra_column(&cell.text())
            });
            named
                .map(|(c, cell)| (*c, cell.text().trim().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let is_extra = |col: usize| extra.iter().any(|(c, _)| *c == col);
    let mut left_out: Vec<String> = Vec::new();
    for row in table.rows {
        let cells = grid(&row.cells);
        let label_cell = cell_at(&cells, shape.label_col);
        let label = label_cell.map(Cell::text).unwrap_or_default();
        let number = shape
            .number_col
            .map(|c| cell_at(&cells, c).map(Cell::text).unwrap_or_default());
        let content: Vec<Para> = cells
            .iter()
            .filter(|(c, _)| *c > shape.label_col && !is_extra(*c))
            .flat_map(|(_, cell)| cell.paras.iter().cloned())
            .filter(|p| !p.is_blank())
            .collect();
        let texts: Vec<String> = cells
            .iter()
            .filter(|(c, _)| !is_extra(*c))
            .map(|(_, c)| c.text())
            .filter(|t| !t.trim().is_empty())
            .collect();
        let extra_texts = cells
            .iter()
            .filter(|(c, _)| is_extra(*c))
            .map(|(_, c)| c.text());
        let extra_texts: Vec<String> = extra_texts.filter(|t| !t.trim().is_empty()).collect();
        if texts.is_empty() {
            *empty_rows += 1;
            continue;
        }
        let strong = labels::candidates(&label).first().is_some_and(|k| k.1 >= 3);
        // One cell across the whole table that names no criterion: a caption.
        if row.cells.len() == 1 && width > 1 && !strong {
            notes.push(ImportNote::Skipped {
                text: texts.join(" "),
                what: Skipped::Caption,
            });
            continue;
        }
        if !strong && texts.iter().all(|t| labels::is_header(t)) {
            left_out.clear();
            notes.push(ImportNote::Skipped {
                text: texts.join(" | "),
                what: Skipped::Header,
            });
            continue;
        }
        let continues = label_cell.is_none_or(|c| c.continues_above) || label.trim().is_empty();
        if continues && number.as_deref().is_none_or(|n| n.trim().is_empty()) {
            if let Some(prev) = rows.last_mut() {
                prev.content.extend(content);
                continue;
            }
        }
        // «1. Наименование практики» in a table without a number column.
        let (number, label) = match number {
            Some(n) => (Some(n.trim().to_string()), label.trim().to_string()),
            None => split_number(&label),
        };
        left_out.extend(
            extra_texts
                .into_iter()
                .map(|t| format!("{label}: {}", t.trim())),
        );
        rows.push(SourceRow {
            number,
            label,
            content,
        });
    }
    for (_, heading) in &extra {
        let said = left_out.join("; ");
        let text = if said.is_empty() {
            heading.clone()
        } else {
            format!("{heading} — {said}")
        };
        notes.push(ImportNote::Skipped {
            text,
            what: Skipped::ExtraColumn,
        });
    }
}

/// A number typed at the start of a label: «1. Наименование» → («1.», «Наименование»).
fn split_number(label: &str) -> (Option<String>, String) {
    let t = label.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let after = &t[digits..];
        if let Some(rest) = after.strip_prefix(['.', ')']) {
            if rest.starts_with(' ') {
                return (Some(t[..digits + 1].to_string()), rest.trim().to_string());
            }
        }
    }
    (None, t.to_string())
}

/// Which row is which criterion: the strongest label matches first, each criterion once; a
/// row whose label says nothing goes by its number; a second row for a taken criterion joins
/// it when it follows it. Every row gets a report line.
fn assign(
    rows: Vec<SourceRow>,
    notes: &mut Vec<ImportNote>,
) -> Vec<(SourceRow, Option<&'static str>)> {
    let scores: Vec<Vec<(&'static str, u8)>> =
        rows.iter().map(|r| labels::candidates(&r.label)).collect();
    let mut key_of: Vec<Option<&'static str>> = vec![None; rows.len()];
    let mut by_number = vec![false; rows.len()];
    let mut taken: Vec<&'static str> = Vec::new();
    let mut pairs: Vec<(usize, &'static str, u8)> = scores
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.iter().map(move |(k, v)| (i, *k, *v)))
        .collect();
    // Strongest first; a row's number breaks ties in favour of the criterion it names.
    pairs.sort_by(|a, b| {
        let bonus = |(i, k, _): &(usize, &str, u8)| {
            u8::from(number_key(rows[*i].number.as_deref()) == Some(k))
        };
        (b.2 * 2 + bonus(b))
            .cmp(&(a.2 * 2 + bonus(a)))
            .then(a.0.cmp(&b.0))
    });
    for (i, key, _) in pairs {
        if key_of[i].is_none() && !taken.contains(&key) {
            key_of[i] = Some(key);
            taken.push(key);
        }
    }
    for i in 0..rows.len() {
        if key_of[i].is_some() {
            continue;
        }
        if let Some(k) = number_key(rows[i].number.as_deref()).filter(|k| !taken.contains(k)) {
            if scores[i].is_empty() {
                key_of[i] = Some(k);
                by_number[i] = true;
                taken.push(k);
            }
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut previous: Option<&'static str> = None;
    for (i, row) in rows.into_iter().enumerate() {
        let key = match key_of[i] {
            Some(k) => {
                notes.push(ImportNote::Row {
                    number: row.number.clone(),
                    label: row.label.clone(),
                    key: k,
                    by_number: by_number[i],
                });
                Some(k)
            }
            // A second row of a criterion right after the first: its continuation.
            None if scores[i]
                .first()
                .map(|s| s.0)
                .is_some_and(|k| Some(k) == previous) =>
            {
                let k = previous;
                if let Some(k) = k {
                    notes.push(ImportNote::RowJoined {
                        label: row.label.clone(),
                        key: k,
                    });
                }
                k
            }
            None => None,
        };
        if key.is_some() {
            previous = key;
        }
        out.push((row, key));
    }
    out
}

/// The criterion a row number names: «7.», «7)», «7» → norms.
fn number_key(number: Option<&str>) -> Option<&'static str> {
    let n: u8 = number?.trim().trim_end_matches(['.', ')']).parse().ok()?;
    locale::CRITERIA
        .iter()
        .find(|c| c.number == Some(n))
        .map(|c| c.key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::Row;

    fn cell(text: &str) -> Cell {
        Cell {
            paras: if text.is_empty() {
                Vec::new()
            } else {
                vec![Para::plain(text)]
            },
            ..Cell::default()
        }
    }

    fn row(cells: &[&str]) -> Row {
        Row {
            cells: cells.iter().map(|t| cell(t)).collect(),
        }
    }

    fn doc(nodes: Vec<Node>) -> Doc {
        Doc {
            nodes,
            ..Doc::default()
        }
    }

    fn keys(l: &Layout) -> Vec<Option<&'static str>> {
        l.rows.iter().map(|r| r.1).collect()
    }

    #[test]
    fn a_split_table_with_caption_and_empty_row_is_one_form() {
        let mut caption = cell("Описание практики");
        caption.span = 2;
        let t1 = Table {
            rows: vec![
                Row {
                    cells: vec![caption],
                },
                row(&["Критерий", "Содержание"]),
                row(&["Наименование практики", "Имя"]),
                row(&["", ""]),
                row(&["Цель практики", "Цель"]),
                row(&["Нормативно-правовое обеспечение", "Закон"]),
            ],
        };
        let t2 = Table {
            rows: vec![
                row(&["Критерий", "Содержание"]),
                row(&["Результативность практики", "Итоги"]),
                row(&["Источники", "Книга"]),
            ],
        };
        let l = layout(doc(vec![
            Node::Para(Para::plain("Введение.")),
            Node::Table(t1),
            Node::Para(Para::plain("Продолжение таблицы")),
            Node::Table(t2),
            Node::Para(Para::plain("Заключение.")),
        ]))
        .expect("a form");
        assert_eq!(
            keys(&l),
            [
                Some("name"),
                Some("goal"),
                Some("norms"),
                Some("results"),
                Some("materials")
            ]
        );
        assert_eq!(l.before.len(), 1);
        assert_eq!(l.after.len(), 1);
        let skipped = l
            .notes
            .iter()
            .filter(|n| matches!(n, ImportNote::Skipped { .. }))
            .count();
        assert_eq!(skipped, 5, "{:?}", l.notes);
    }

    #[test]
    fn numbers_typed_any_way_and_unknown_labels() {
        let t = Table {
            rows: vec![
                row(&["№ п/п", "Критерий", "Описание практики"]),
                row(&["1.", "Название практики", "a"]),
                row(&["2)", "Проблема", "b"]),
                row(&["3", "Участники", "c"]),
                row(&["4.", "Что-то своё", "d"]),
                row(&["", "Примечание", "e"]),
            ],
        };
        let l = layout(doc(vec![Node::Table(t)])).expect("a form");
        assert_eq!(
            keys(&l),
            [
                Some("name"),
                Some("problem"),
                Some("participants"),
                Some("goal"),
                None
            ]
        );
        assert_eq!(l.rows[1].0.number.as_deref(), Some("2)"));
        assert!(l.notes.iter().any(|n| matches!(
            n,
            ImportNote::Row {
                key: "goal",
                by_number: true,
                ..
            }
        )));
    }

    #[test]
    fn a_document_without_the_form_has_no_layout() {
        assert!(layout(doc(vec![Node::Para(Para::plain("Уважаемые родители!"))])).is_none());
        let other = Table {
            rows: vec![row(&["Ф. И. О.", "Класс"]), row(&["Иванов", "5А"])],
        };
        assert!(layout(doc(vec![Node::Table(other)])).is_none());
    }

    #[test]
    fn numbers_inside_labels_are_split_off() {
        assert_eq!(
            split_number("1. Наименование практики"),
            (Some("1.".into()), "Наименование практики".into())
        );
        assert_eq!(split_number("Цель"), (None, "Цель".into()));
    }
}
