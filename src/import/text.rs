//! Plain text in the seed's own layout — a table copied out of Word: each cell on a line
//! that starts with a tab, a line without a tab continuing the cell above, rows apart by
//! blank lines (not always: the column count from the header row decides), and ` \t` for an
//! empty cell before a cell. Everything else is a paragraph a line. Text saved by Windows
//! Notepad as ANSI (Windows-1251) or "Unicode" (UTF-16) is read as well as UTF-8.

use super::source::{Cell, Doc, Node, Para, Row, Table};

/// The text of a file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251.
/// `None` for what is not text at all (NUL bytes).
pub fn decode(bytes: &[u8]) -> Option<String> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(_) => bytes.iter().map(|&b| cp1251(b)).collect(),
        }
    };
    (!text.contains('\0')).then_some(text)
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| read([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// One byte of Windows-1251.
fn cp1251(b: u8) -> char {
    const HIGH: [u16; 64] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409,
        0x2039, 0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0,
        0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB,
        0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6,
        0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ];
    match b {
        0x00..=0x7F => char::from(b),
        0x80..=0xBF => char::from_u32(u32::from(HIGH[usize::from(b - 0x80)])).unwrap_or('\u{FFFD}'),
        _ => char::from_u32(0x0410 + u32::from(b - 0xC0)).unwrap_or('\u{FFFD}'),
    }
}

/// Reads the seed layout into paragraphs and tables.
pub fn read(text: &str) -> Doc {
    let mut doc = Doc::default();
    let mut cells: Vec<Cell> = Vec::new();
    // Cells before the first blank line of a table: its column count.
    let mut columns: Option<usize> = None;
    let mut after_blank = false;
    let finish = |cells: &mut Vec<Cell>, columns: &mut Option<usize>, doc: &mut Doc| {
        if cells.is_empty() {
            return;
        }
        let n = columns.take().unwrap_or(cells.len());
        let cells = std::mem::take(cells);
        if n < 2 {
            // A paragraph indented with a tab, not a table.
            doc.nodes
                .extend(cells.into_iter().flat_map(|c| c.paras).map(Node::Para));
            return;
        }
        let mut table = Table::default();
        let mut row = Row::default();
        for cell in cells {
            row.cells.push(cell);
            if row.cells.len() == n {
                table.rows.push(std::mem::take(&mut row));
            }
        }
        if !row.cells.is_empty() {
            table.rows.push(row);
        }
        doc.nodes.push(Node::Table(table));
    };
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if line[spaces..].starts_with('\t') {
            if spaces > 0 {
                cells.push(Cell::default());
            }
            let content = line[spaces..].trim_start_matches('\t');
            cells.push(Cell {
                paras: vec![Para::plain(content.trim())],
                ..Cell::default()
            });
            after_blank = false;
        } else if line.trim().is_empty() {
            if !cells.is_empty() {
                if columns.is_none() {
                    columns = Some(cells.len());
                }
                after_blank = true;
            }
        } else if !cells.is_empty() && !after_blank {
            // A line without a tab continues the cell above.
            if let Some(cell) = cells.last_mut() {
                cell.paras.push(Para::plain(line.trim()));
            }
        } else {
            finish(&mut cells, &mut columns, &mut doc);
            after_blank = false;
            doc.nodes.push(Node::Para(Para::plain(line.trim())));
        }
    }
    finish(&mut cells, &mut columns, &mut doc);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_encodings_are_read() {
        let cp1251: Vec<u8> = vec![
            0xCD, 0xE0, 0xF1, 0xF2, 0xE0, 0xE2, 0xED, 0xE8, 0xEA, 0x20, 0xB9,
        ];
        assert_eq!(decode(&cp1251).as_deref(), Some("Наставник №"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Цель".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).as_deref(), Some("Цель"));
        assert_eq!(decode("\u{feff}Цель".as_bytes()).as_deref(), Some("Цель"));
        assert_eq!(decode(b"a\0b"), None);
    }

    #[test]
    fn the_seed_layout_gives_rows_of_three() {
        let text = "Введение.\n\t№\n\tКритерии\n\tСодержание\n\n\t1.\n\tНаименование\n\tТекст\nещё абзац\n\n\t2.\n\tЦель\n\tЦель.\n \tОсобые\n\tТекст особых\n\n\n\nЗаключение.\n";
        let doc = read(text);
        assert_eq!(doc.nodes.len(), 3);
        let Node::Table(t) = &doc.nodes[1] else {
            panic!("a table")
        };
        assert_eq!(t.rows.len(), 4);
        assert!(t.rows.iter().all(|r| r.cells.len() == 3));
        assert_eq!(t.rows[1].cells[2].paras.len(), 2);
        assert_eq!(t.rows[3].cells[0].text(), "");
        assert_eq!(t.rows[3].cells[1].text(), "Особые");
    }
}
