//! Cells of the CSV files an organiser opens in Excel (the register, the jury key): one line
//! each, quoted when they hold `;` or `"`, and never the start of a formula.

/// A whole file as Russian Excel opens it in columns: a byte-order mark (or it reads the
/// UTF-8 as cp1251), `;` between cells (a comma is the decimal separator there), CRLF line
/// ends; the header first.
pub fn document<R: AsRef<str>>(head: &[&str], rows: impl IntoIterator<Item = Vec<R>>) -> String {
    let line =
        |cells: &mut dyn Iterator<Item = String>| cells.collect::<Vec<_>>().join(";") + "\r\n";
    let mut out = String::from("\u{feff}");
    out.push_str(&line(&mut head.iter().map(|c| cell(c))));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(|c| cell(c.as_ref()))));
    }
    out
}

/// A cell as CSV: line breaks become spaces; a cell that would start a formula (`=`, `+`,
/// `-`, `@`) gets a leading `'`, so a title cannot run anything when the file is opened.
pub fn cell(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    let text = match text.starts_with(['=', '+', '-', '@']) {
        true => format!("'{text}"),
        false => text,
    };
    match text.contains([';', '"']) || text.starts_with(' ') || text.ends_with(' ') {
        true => format!("\"{}\"", text.replace('"', "\"\"")),
        false => text,
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("Школа № 5"), "Школа № 5");
        assert_eq!(cell("a;b"), "\"a;b\"");
        assert_eq!(cell("«Он сказал \"да\"»"), "\"«Он сказал \"\"да\"\"»\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("две\nстроки"), "две строки");
    }
}
