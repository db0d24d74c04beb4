//! OpenDocument text (.odt), as LibreOffice, МойОфис and Р7 write it: `content.xml` for the
//! text and its automatic styles, `styles.xml` for named styles and list styles. A list's
//! style says bullet or number; numbering follows `text:start-value` and
//! `text:continue-numbering`, as LibreOffice does when it writes a Word list.

use std::collections::HashMap;

use super::source::{self, Cell, Doc, Item, ItemKind, Node, Para, Row, Run, Style, Table};
use super::xml::{Child, Element, Error, Package};

const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const FO: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
const XLINK: &str = "http://www.w3.org/1999/xlink";

/// Whether a package is an OpenDocument text.
pub fn is_odt(package: &Package) -> bool {
    package.has("content.xml")
}

pub fn read(package: &mut Package) -> Result<Doc, Error> {
    let content = package.xml("content.xml")?.ok_or(Error::Broken)?;
    if !content.is(OFFICE, "document-content") {
        return Err(Error::Broken);
    }
    let mut styles = Styles::default();
    if let Some(root) = package.xml("styles.xml")? {
        styles.read(&root);
    }
    styles.read(&content);
    let text = content
        .child(OFFICE, "body")
        .and_then(|b| b.child(OFFICE, "text"))
        .ok_or(Error::Broken)?;
    let mut reader = Reader {
        styles,
        counters: HashMap::new(),
    };
    let mut doc = Doc::default();
    reader.blocks(text, None, &mut doc.nodes);
    doc.pictures = super::pictures::find(text, &PICTURES);
    Ok(doc)
}

const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
const SVG: &str = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

/// LibreOffice's paragraphs and pictures (a frame holding an image), a picture described by
/// its title or description, else its name.
const PICTURES: super::pictures::Marks = super::pictures::Marks {
    is_paragraph: |e| e.ns == TEXT && matches!(e.name.as_str(), "p" | "h"),
    picture: |e| {
        if !e.is(DRAW, "frame") || e.child(DRAW, "image").is_none() {
            return None;
        }
        let said = [e.child(SVG, "title"), e.child(SVG, "desc")]
            .into_iter()
            .flatten();
        let said = said
            .map(|s| s.text().trim().to_string())
            .find(|s| !s.is_empty());
        Some(
            said.or_else(|| e.attr("name").map(str::to_string))
                .unwrap_or_default(),
        )
    },
    style: |p| p.attr_ns(TEXT, "style-name"),
};

#[derive(Debug, Clone, Default)]
struct StyleInfo {
    display: String,
    parent: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
    align: Option<Style>,
    outline: Option<u8>,
}

#[derive(Default)]
struct Styles {
    by_name: HashMap<String, StyleInfo>,
    /// list style → level (1-based) → bullet or number with its start (`None`: no number shown)
    lists: HashMap<String, HashMap<usize, Option<(bool, u32)>>>,
}

impl Styles {
    fn read(&mut self, root: &Element) {
        for group in root
            .elements()
            .filter(|e| e.ns == OFFICE && matches!(e.name.as_str(), "styles" | "automatic-styles"))
        {
            for s in group.elements() {
                if s.is(STYLE, "style") {
                    self.style(s);
                } else if s.is(TEXT, "list-style") {
                    self.list_style(s);
                }
            }
        }
    }

    fn style(&mut self, s: &Element) {
        let Some(name) = s.attr_ns(STYLE, "name") else {
            return;
        };
        let mut info = StyleInfo {
            display: s
                .attr_ns(STYLE, "display-name")
                .unwrap_or(name)
                .replace("_20_", " ")
                .to_lowercase(),
            parent: s.attr_ns(STYLE, "parent-style-name").map(String::from),
            outline: s
                .attr_ns(STYLE, "default-outline-level")
                .and_then(|l| l.parse().ok()),
            ..StyleInfo::default()
        };
        if let Some(t) = s.child(STYLE, "text-properties") {
            info.bold = t
                .attr_ns(FO, "font-weight")
                .map(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
            info.italic = t
                .attr_ns(FO, "font-style")
                .map(|i| i == "italic" || i == "oblique");
        }
        if let Some(align) = s
            .child(STYLE, "paragraph-properties")
            .and_then(|p| p.attr_ns(FO, "text-align"))
        {
            info.align = Some(match align {
                "center" => Style::Center,
                "end" | "right" => Style::Right,
                _ => Style::Body,
            });
        }
        // A list style inside a paragraph style (`style:list-style-name`) only matters within
        // a `text:list`, which names its own; nothing to keep.
        self.by_name.insert(name.to_string(), info);
    }

    fn list_style(&mut self, s: &Element) {
        let Some(name) = s.attr_ns(STYLE, "name") else {
            return;
        };
        let mut levels = HashMap::new();
        for l in s.elements() {
            let level = l
                .attr_ns(TEXT, "level")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1usize);
            let kind = match l.name.as_str() {
                "list-level-style-bullet" | "list-level-style-image" => Some((true, 1)),
                "list-level-style-number" => {
                    let shown = l
                        .attr_ns(STYLE, "num-format")
                        .is_some_and(|f| !f.is_empty());
                    let start = l
                        .attr_ns(TEXT, "start-value")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1);
                    shown.then_some((false, start))
                }
                _ => continue,
            };
            levels.insert(level, kind);
        }
        self.lists.insert(name.to_string(), levels);
    }

    fn get<T>(&self, name: &str, f: impl Fn(&StyleInfo) -> Option<T>) -> Option<T> {
        let mut cur = Some(name.to_string());
        for _ in 0..32 {
            let info = self.by_name.get(cur.as_deref()?)?;
            if let Some(v) = f(info) {
                return Some(v);
            }
            cur = info.parent.clone();
        }
        None
    }

    fn kind(&self, name: &str) -> Option<Style> {
        self.get(name, |s| {
            let d = s.display.as_str();
            if d == "title" || d == "название" || d == "заголовок" {
                return Some(Style::Title);
            }
            for prefix in ["heading ", "заголовок "] {
                if let Some(level) = d.strip_prefix(prefix).and_then(|l| l.trim().parse().ok()) {
                    return Some(Style::Heading(level));
                }
            }
            s.outline.filter(|l| *l > 0).map(Style::Heading)
        })
    }
}

/// The list a paragraph stands in: its list style and nesting level (0 = top).
#[derive(Clone)]
struct ListCtx {
    style: String,
    level: usize,
    /// A start value given on the item (`text:start-value`), for its first paragraph.
    restart: Option<u32>,
}

struct Reader {
    styles: Styles,
    /// Next number per list style, per level.
    counters: HashMap<String, Vec<u32>>,
}

impl Reader {
    fn blocks(&mut self, parent: &Element, list: Option<&ListCtx>, out: &mut Vec<Node>) {
        for e in parent.elements() {
            match (e.ns.as_str(), e.name.as_str()) {
                (TEXT, "p") | (TEXT, "h") => {
                    let item = list.map(|l| self.number(l));
                    out.extend(
                        self.paragraph(e, item.flatten())
                            .into_iter()
                            .map(Node::Para),
                    );
                    // Only an item's first paragraph carries its number.
                    if let Some(l) = list {
                        return self.blocks_rest(parent, e, l, out);
                    }
                }
                (TEXT, "list") => self.list(e, list, out),
                (TABLE, "table") => match layout_cell(e) {
                    // A one-cell table used as a frame around the content: its content.
                    Some(cell) => self.blocks(cell, list, out),
                    None => out.push(Node::Table(self.table(e))),
                },
                (TEXT, "section") | (TEXT, "soft-page-break") => self.blocks(e, list, out),
                _ => {}
            }
        }
    }

    /// The rest of a list item after its first paragraph: further paragraphs are not numbered.
    fn blocks_rest(
        &mut self,
        parent: &Element,
        first: &Element,
        list: &ListCtx,
        out: &mut Vec<Node>,
    ) {
        let mut seen = false;
        for e in parent.elements() {
            if std::ptr::eq(e, first) {
                seen = true;
                continue;
            }
            if !seen {
                continue;
            }
            match (e.ns.as_str(), e.name.as_str()) {
                (TEXT, "p") | (TEXT, "h") => {
                    out.extend(self.paragraph(e, None).into_iter().map(Node::Para))
                }
                (TEXT, "list") => self.list(e, Some(list), out),
                (TABLE, "table") => out.push(Node::Table(self.table(e))),
                _ => {}
            }
        }
    }

    fn list(&mut self, e: &Element, outer: Option<&ListCtx>, out: &mut Vec<Node>) {
        let style = e
            .attr_ns(TEXT, "style-name")
            .map(String::from)
            .or_else(|| outer.map(|o| o.style.clone()))
            .unwrap_or_default();
        // Deeper lists than a card can show are read as the deepest level it can.
        let level = outer.map_or(0, |o| (o.level + 1).min(8));
        let continues = e.attr_ns(TEXT, "continue-numbering") == Some("true")
            || e.attr_ns(TEXT, "continue-list").is_some();
        if outer.is_none() && !continues {
            self.counters.remove(&style);
        }
        for item in e.elements() {
            if !(item.is(TEXT, "list-item") || item.is(TEXT, "list-header")) {
                continue;
            }
            let ctx = ListCtx {
                style: style.clone(),
                level,
                restart: item
                    .attr_ns(TEXT, "start-value")
                    .and_then(|v| v.parse().ok()),
            };
            if item.is(TEXT, "list-header") {
                self.blocks(item, None, out);
            } else {
                self.blocks(item, Some(&ctx), out);
            }
        }
    }

    /// The number (or bullet) of an item's first paragraph.
    fn number(&mut self, l: &ListCtx) -> Option<Item> {
        let levels = self.styles.lists.get(&l.style);
        // A level or list style the document does not define: a bullet is the safe reading.
        let kind = levels
            .and_then(|ls| ls.get(&(l.level + 1)))
            .copied()
            .unwrap_or(Some((true, 1)));
        let (bullet, start) = kind?;
        if bullet {
            return Some(Item {
                level: l.level,
                kind: ItemKind::Bullet,
            });
        }
        let counters = self.counters.entry(l.style.clone()).or_default();
        counters.truncate(l.level + 1);
        while counters.len() <= l.level {
            counters.push(start);
        }
        if let Some(r) = l.restart {
            counters[l.level] = r;
        }
        let n = counters[l.level];
        counters[l.level] = n.saturating_add(1);
        Some(Item {
            level: l.level,
            kind: ItemKind::Number(n),
        })
    }

    fn table(&mut self, t: &Element) -> Table {
        let mut rows = Vec::new();
        collect_rows(t, &mut rows);
        let mut table = Table::default();
        // Columns still covered by a cell above that spans rows.
        let mut spanned_down: Vec<usize> = Vec::new();
        for tr in rows {
            let mut row = Row::default();
            let mut col = 0usize;
            for c in tr.elements() {
                if c.ns != TABLE {
                    continue;
                }
                match c.name.as_str() {
                    "table-cell" => {
                        let span = c
                            .attr_ns(TABLE, "number-columns-spanned")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1usize)
                            .clamp(1, 64);
                        let down = c
                            .attr_ns(TABLE, "number-rows-spanned")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1usize);
                        if spanned_down.len() < col + span {
                            spanned_down.resize(col + span, 0);
                        }
                        for d in &mut spanned_down[col..col + span] {
                            *d = down.saturating_sub(1);
                        }
                        let mut nodes = Vec::new();
                        self.blocks(c, None, &mut nodes);
                        row.cells.push(Cell {
                            paras: source::flatten(nodes),
                            span,
                            continues_above: false,
                        });
                        col += span;
                    }
                    "covered-table-cell" => {
                        if spanned_down.get(col).copied().unwrap_or(0) > 0 {
                            spanned_down[col] -= 1;
                            row.cells.push(Cell {
                                continues_above: true,
                                ..Cell::default()
                            });
                        }
                        col += 1;
                    }
                    _ => {}
                }
            }
            table.rows.push(row);
        }
        table
    }

    fn paragraph(&self, p: &Element, item: Option<Item>) -> Vec<Para> {
        let style_name = p.attr_ns(TEXT, "style-name").unwrap_or("");
        let heading = p.is(TEXT, "h").then(|| {
            let level = p
                .attr_ns(TEXT, "outline-level")
                .and_then(|l| l.parse().ok())
                .unwrap_or(1);
            Style::Heading(level)
        });
        let kind = heading.or_else(|| self.styles.kind(style_name));
        let style = kind
            .or_else(|| self.styles.get(style_name, |s| s.align))
            .unwrap_or(Style::Body);
        let base = if kind.is_some() {
            Run::default()
        } else {
            Run {
                bold: self.styles.get(style_name, |s| s.bold).unwrap_or(false),
                italic: self.styles.get(style_name, |s| s.italic).unwrap_or(false),
                ..Run::default()
            }
        };
        let mut lines: Vec<Vec<Run>> = vec![Vec::new()];
        self.spans(p, &base, &mut lines);
        lines
            .into_iter()
            .enumerate()
            .map(|(i, runs)| Para {
                content: source::inlines(&runs),
                item: if i == 0 { item } else { None },
                style,
            })
            .collect()
    }

    fn spans(&self, parent: &Element, base: &Run, lines: &mut Vec<Vec<Run>>) {
        let push = |lines: &mut Vec<Vec<Run>>, text: String| {
            if let Some(line) = lines.last_mut() {
                line.push(Run {
                    text,
                    ..base.clone()
                });
            }
        };
        for c in &parent.children {
            let e = match c {
                Child::Text(t) => {
                    push(lines, collapse(t));
                    continue;
                }
                Child::Element(e) => e,
            };
            match (e.ns.as_str(), e.name.as_str()) {
                (TEXT, "span") => {
                    let name = e.attr_ns(TEXT, "style-name").unwrap_or("");
                    let run = Run {
                        bold: self.styles.get(name, |s| s.bold).unwrap_or(base.bold),
                        italic: self.styles.get(name, |s| s.italic).unwrap_or(base.italic),
                        ..base.clone()
                    };
                    self.spans(e, &run, lines);
                }
                (TEXT, "a") => {
                    let run = Run {
                        link: e.attr_ns(XLINK, "href").map(String::from),
                        ..base.clone()
                    };
                    self.spans(e, &run, lines);
                }
                (TEXT, "s") => {
                    let n = e
                        .attr_ns(TEXT, "c")
                        .and_then(|c| c.parse().ok())
                        .unwrap_or(1usize)
                        .min(64);
                    push(lines, " ".repeat(n));
                }
                (TEXT, "tab") => push(lines, "\t".into()),
                (TEXT, "line-break") => lines.push(Vec::new()),
                (TEXT, "note") | (OFFICE, "annotation") | (TEXT, "tracked-changes") => {}
                (TEXT, _) => self.spans(e, base, lines),
                _ => {}
            }
        }
    }
}

/// XML white space inside a paragraph is one space (ODF writes real spaces as `text:s`).
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The one cell of a one-row, one-cell table that holds a table of its own (a frame).
fn layout_cell(table: &Element) -> Option<&Element> {
    let mut rows = Vec::new();
    collect_rows(table, &mut rows);
    let [row] = rows.as_slice() else {
        return None;
    };
    let cells: Vec<&Element> = row
        .elements()
        .filter(|c| c.is(TABLE, "table-cell"))
        .collect();
    let [cell] = cells.as_slice() else {
        return None;
    };
    cell.elements()
        .any(|e| e.is(TABLE, "table"))
        .then_some(*cell)
}

fn collect_rows<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
    for c in e.elements() {
        if c.is(TABLE, "table-row") {
            out.push(c);
        } else if c.ns == TABLE
            && matches!(
                c.name.as_str(),
                "table-header-rows" | "table-rows" | "table-row-group"
            )
        {
            collect_rows(c, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn odt(body: &str) -> Doc {
        use std::io::Write;
        let content = format!(
            r#"<office:document-content xmlns:office="{OFFICE}" xmlns:text="{TEXT}" xmlns:style="{STYLE}" xmlns:fo="{FO}" xmlns:table="{TABLE}" xmlns:xlink="{XLINK}">
            <office:automatic-styles>
              <text:list-style style:name="N"><text:list-level-style-number text:level="1" style:num-format="1"/></text:list-style>
              <text:list-style style:name="B"><text:list-level-style-bullet text:level="1" text:bullet-char="&#xF0B7;"/></text:list-style>
              <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
              <style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
            </office:automatic-styles>
            <office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        );
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file("content.xml", zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(content.as_bytes()).unwrap();
            z.finish().unwrap();
        }
        let bytes = buf.into_inner();
        let mut package = Package::open(&bytes).unwrap();
        read(&mut package).unwrap()
    }

    fn items(doc: &Doc) -> Vec<(Option<ItemKind>, String)> {
        doc.nodes
            .iter()
            .filter_map(|n| match n {
                Node::Para(p) => Some((p.item.map(|i| i.kind), p.text())),
                Node::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_continued_list_that_restarts_counts_from_its_start() {
        let doc = odt(r#"
            <text:list xml:id="l1" text:style-name="N">
              <text:list-item><text:p>a</text:p></text:list-item>
              <text:list-item><text:p>b</text:p></text:list-item>
            </text:list>
            <text:p>между</text:p>
            <text:list text:continue-list="l1" text:style-name="N">
              <text:list-item text:start-value="1"><text:p>c</text:p></text:list-item>
              <text:list-item><text:p>d</text:p></text:list-item>
            </text:list>
            <text:list text:continue-numbering="true" text:style-name="N">
              <text:list-item><text:p>e</text:p></text:list-item>
            </text:list>
            <text:list text:style-name="B"><text:list-item><text:p>f</text:p></text:list-item></text:list>"#);
        let n = |k: u32, t: &str| (Some(ItemKind::Number(k)), t.to_string());
        assert_eq!(
            items(&doc),
            vec![
                n(1, "a"),
                n(2, "b"),
                (None, "между".into()),
                n(1, "c"),
                n(2, "d"),
                n(3, "e"),
                (Some(ItemKind::Bullet), "f".into()),
            ]
        );
    }

    #[test]
    fn spans_spaces_links_and_alignment() {
        let doc = odt(
            r#"<text:p text:style-name="P1"><text:span text:style-name="T1">Жирный</text:span><text:s text:c="2"/>и <text:a xlink:href="https://a.ru">ссылка</text:a><text:line-break/>вторая</text:p>"#,
        );
        let paras: Vec<&Para> = doc
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Para(p) => Some(p),
                Node::Table(_) => None,
            })
            .collect();
        assert_eq!(paras.len(), 2, "a line break splits the paragraph");
        assert_eq!(paras[0].style, Style::Right);
        assert_eq!(paras[0].text(), "Жирный  и ссылка");
        assert!(matches!(
            &paras[0].content[0],
            crate::document::Inline::Strong(_)
        ));
        assert!(paras[0].content.iter().any(
            |i| matches!(i, crate::document::Inline::Link { url, .. } if url == "https://a.ru")
        ));
        assert_eq!(paras[1].text(), "вторая");
    }
}
