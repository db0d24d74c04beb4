//! The organiser's register through the binary, on a contest folder with a broken card: the
//! CSV parses with a row per card, the spreadsheet read back has a row per card (frozen
//! header, filter, the failed row filled), `--quiet` prints only the summary, and the page
//! says what is wrong with the broken card and marks both page limits.

use std::path::PathBuf;

use crate::common::*;

fn contest(name: &str) -> PathBuf {
    let dir = scratch(name);
    let example = root().join("examples/reverse-mentoring.toml");
    let text = std::fs::read_to_string(example).unwrap();
    let with_school = text.replacen(
        "language = \"ru\"",
        "language = \"ru\"\norganisation = \"МБОУ «Школа № 5»\"\nlocality = \"Тверь\"",
        1,
    );
    std::fs::write(dir.join("a.toml"), with_school).unwrap();
    std::fs::write(
        dir.join("b.toml"),
        "title = \"Сломанная\"\n[criteria]\nname = \"x\"\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("examples/contest-profile.toml"),
        dir.join("contest.toml"),
    )
    .unwrap();
    dir
}

/// `;`-separated cells, with `"…"` quoting as Excel writes it.
fn csv_cells(line: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (';', false) => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn the_csv_register_has_a_row_per_card_in_columns_excel_opens() {
    let dir = contest("register-csv");
    let out = run(&dir, &["check", "a.toml", "b.toml", "--format", "csv"]);
    assert_eq!(out.code, 1);
    let text = out
        .stdout
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark");
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 3, "{text}");
    let head = csv_cells(lines[0]);
    assert_eq!(head[0], "Файл");
    assert_eq!(head.len(), 11);
    let a = csv_cells(lines[1]);
    assert_eq!(a.len(), 11);
    assert_eq!(
        (&a[1][..], &a[3][..], &a[4][..]),
        ("Реверсивное наставничество", "МБОУ «Школа № 5»", "Тверь")
    );
    assert!(a[5].parse::<usize>().unwrap() > 0 && a[6].parse::<usize>().unwrap() > 1000);
    let b = csv_cells(lines[2]);
    assert_eq!(b[7], "13", "{b:?}");
    assert!(
        b[10].contains("критерий 2"),
        "the first error's words: {b:?}"
    );
    assert!(
        !out.stdout.contains("-->"),
        "no diagnostics in the register"
    );
}

/// The sheet's rows as text cells, shared strings resolved.
fn sheet_rows(bytes: &[u8]) -> (String, Vec<Vec<String>>) {
    let strings = zip_part(bytes, "xl/sharedStrings.xml");
    let strings: Vec<String> = strings
        .split("<si>")
        .skip(1)
        .map(|si| {
            let t = &si[si.find("<t").unwrap()..];
            let t = &t[t.find('>').unwrap() + 1..t.find("</t>").unwrap()];
            t.replace("&amp;", "&").replace("&quot;", "\"")
        })
        .collect();
    let sheet = zip_part(bytes, "xl/worksheets/sheet1.xml");
    let rows = sheet
        .split("<row ")
        .skip(1)
        .map(|row| {
            row.split("<c ")
                .skip(1)
                .map(|c| {
                    let v = c.find("<v>").map(|i| &c[i + 3..c.find("</v>").unwrap()]);
                    match (c.contains("t=\"s\""), v) {
                        (true, Some(i)) => strings[i.parse::<usize>().unwrap()].clone(),
                        (false, Some(v)) => v.to_string(),
                        _ => String::new(),
                    }
                })
                .collect()
        })
        .collect();
    (sheet, rows)
}

#[test]
fn the_spreadsheet_register_reads_back_with_a_row_per_card() {
    let dir = contest("register-xlsx");
    let args = [
        "check",
        "a.toml",
        "b.toml",
        "-q",
        "--report",
        "register.xlsx",
    ];
    let out = run(&dir, &args);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let bytes = std::fs::read(dir.join("register.xlsx")).unwrap();
    let (sheet, rows) = sheet_rows(&bytes);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0][0], "Файл");
    assert_eq!(rows[1][1], "Реверсивное наставничество");
    assert_eq!(rows[2][0], "b.toml");
    assert!(rows[2][10].contains("критерий 2"), "{:?}", rows[2]);
    assert!(
        sheet.contains("state=\"frozen\""),
        "the header stays in view"
    );
    assert!(
        sheet.contains("<autoFilter ref=\"A1:K3\""),
        "a filter on every column"
    );
    let style = |row: usize| {
        let at = sheet.find(&format!("r=\"A{row}\"")).unwrap();
        sheet[at..].split('"').nth(3).unwrap().to_string()
    };
    assert_ne!(style(2), style(3), "the failed card's row has its own fill");
    let styles = zip_part(&bytes, "xl/styles.xml");
    assert!(styles.contains("FFFFC7CE"), "a red fill: {styles}");
    assert_eq!(run(&dir, &args).code, 1);
    assert_eq!(
        std::fs::read(dir.join("register.xlsx")).unwrap(),
        bytes,
        "the same bytes again"
    );
    std::fs::write(dir.join("mine.xlsx"), b"not ours").unwrap();
    let refused = run(&dir, &["check", "a.toml", "-q", "--report", "mine.xlsx"]);
    assert_eq!(
        refused.code, 2,
        "another file is not replaced: {}",
        refused.stderr
    );
    assert_eq!(std::fs::read(dir.join("mine.xlsx")).unwrap(), b"not ours");
}

#[test]
fn quiet_prints_only_the_summary_and_shared_warnings_once() {
    let dir = contest("register-quiet");
    std::fs::copy(dir.join("a.toml"), dir.join("c.toml")).unwrap();
    let out = run(&dir, &["check", "a.toml", "b.toml", "c.toml", "--quiet"]);
    assert_eq!(out.code, 1);
    assert!(
        !out.stdout.contains("-->") && !out.stdout.contains("ошибка:"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Сводка проверки"), "{}", out.stdout);
    let shared = out
        .stdout
        .split("общие для нескольких карточек:")
        .nth(1)
        .expect("shared");
    assert!(shared.contains("(карточек: 2)"), "{shared}");
    let loud = run(&dir, &["check", "a.toml", "b.toml", "c.toml"]);
    assert!(loud.stdout.contains("-->") || loud.stderr.contains("-->"));
}

#[test]
fn the_page_says_what_is_wrong_and_marks_both_page_limits() {
    let dir = contest("register-html");
    let args = [
        "check",
        "a.toml",
        "b.toml",
        "-q",
        "--profile",
        "contest.toml",
        "--report",
        "r.html",
    ];
    run(&dir, &args);
    let page = std::fs::read_to_string(dir.join("r.html")).unwrap();
    assert!(
        page.contains("нет строки таблицы: критерий 2"),
        "the broken card's first error"
    );
    assert!(
        page.contains("class=\"limit min\""),
        "the least pages are marked"
    );
    assert!(
        page.contains("наименьшее число страниц: 4"),
        "and said in the legend"
    );
    assert!(page.contains("страниц в пределах ограничений"), "a legend");
    assert!(
        page.contains("data-label=\"Название\""),
        "labelled cells for a phone"
    );
}
