//! Word's .docx: the main document part and what it leans on — styles (a list style carries
//! its numbering, a heading style says it is a heading), numbering definitions (bullet or
//! number, where a list restarts), relationships (hyperlink targets). Text in deleted
//! revisions, field codes, drawings and footnote marks is not the document's text and is
//! left out; a HYPERLINK field's result becomes a link.

use std::collections::HashMap;

use super::source::{self, Cell, Doc, Item, ItemKind, Node, Para, Row, Run, Style, Table};
use super::xml::{Element, Error, Package};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const R_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships";
const PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Whether a package is a Word document (it has a main document part).
pub fn is_docx(package: &Package) -> bool {
    package.has("word/document.xml")
        || package.has("[Content_Types].xml") && package.has("_rels/.rels")
}

/// Reads the document, or says why it cannot.
pub fn read(package: &mut Package) -> Result<Doc, Error> {
    let main = main_part(package)?;
    let root = package.xml(&main)?.ok_or(Error::Broken)?;
    let w = if root.ns == W_STRICT { W_STRICT } else { W };
    if root.ns != w || root.name != "document" {
        return Err(Error::Broken);
    }
    let rels = relationships(package, &main)?;
    let target = |kind: &str, fallback: &str| -> String {
        rels.values()
            .find(|r| r.kind.ends_with(kind))
            .map(|r| resolve(&main, &r.target))
            .unwrap_or_else(|| fallback.to_string())
    };
    let styles = match package.xml(&target("/styles", "word/styles.xml"))? {
        Some(root) => Styles::read(&root, w),
        None => Styles::default(),
    };
    let numbering = match package.xml(&target("/numbering", "word/numbering.xml"))? {
        Some(root) => Numbering::read(&root, w),
        None => Numbering::default(),
    };
    let mut reader = Reader {
        w,
        rels,
        styles,
        numbering,
        counters: HashMap::new(),
    };
    let body = root.child(w, "body").ok_or(Error::Broken)?;
    let mut doc = Doc::default();
    reader.blocks(body, &mut doc.nodes);
    doc.pictures = super::pictures::find(body, &PICTURES);
    Ok(doc)
}

/// The text boxes (`w:txbxContent`) inside a paragraph, once each: Word writes a box twice,
/// as DrawingML in `mc:Choice` and as VML in `mc:Fallback`, and only the first is read.
fn text_boxes(p: &super::xml::Element) -> Vec<&super::xml::Element> {
    fn walk<'e>(e: &'e super::xml::Element, out: &mut Vec<&'e super::xml::Element>) {
        for child in e.elements() {
            match child.name.as_str() {
                "Fallback" => {}
                "txbxContent" => out.push(child),
                _ => walk(child, out),
            }
        }
    }
    let mut out = Vec::new();
    walk(p, &mut out);
    out
}

/// Word's paragraphs and pictures (a DrawingML drawing, or a VML picture of older files),
/// a picture described by its alternative text, else its name.
const PICTURES: super::pictures::Marks = super::pictures::Marks {
    is_paragraph: |e| e.name == "p" && (e.ns == W || e.ns == W_STRICT),
    picture: |e| {
        if !(e.ns == W || e.ns == W_STRICT) || !matches!(e.name.as_str(), "drawing" | "pict") {
            return None;
        }
        fn doc_pr(e: &super::xml::Element) -> Option<String> {
            if e.name == "docPr" {
                let said = ["descr", "title", "name"].iter().find_map(|a| e.attr(a));
                return said.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            }
            e.elements().find_map(doc_pr)
        }
        Some(doc_pr(e).unwrap_or_default())
    },
    style: |p| {
        let ppr = p.elements().find(|e| e.name == "pPr")?;
        ppr.elements().find(|e| e.name == "pStyle")?.attr("val")
    },
};

/// The main document part named by the package relationships, `word/document.xml` by default.
fn main_part(package: &mut Package) -> Result<String, Error> {
    if let Some(root) = package.xml("_rels/.rels")? {
        for r in root.elements() {
            let kind = r.attr("Type").unwrap_or("");
            if kind.ends_with("/officeDocument") {
                if let Some(t) = r.attr("Target") {
                    let t = t.trim_start_matches('/');
                    if package.has(t) {
                        return Ok(t.to_string());
                    }
                }
            }
        }
    }
    if package.has("word/document.xml") {
        Ok("word/document.xml".into())
    } else {
        Err(Error::Broken)
    }
}

struct Rel {
    kind: String,
    target: String,
    external: bool,
}

fn relationships(package: &mut Package, part: &str) -> Result<HashMap<String, Rel>, Error> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let mut out = HashMap::new();
    if let Some(root) = package.xml(&name)? {
        for r in root.elements().filter(|e| e.is(PKG_RELS, "Relationship")) {
            if let (Some(id), Some(target)) = (r.attr("Id"), r.attr("Target")) {
                out.insert(
                    id.to_string(),
                    Rel {
                        kind: r.attr("Type").unwrap_or("").to_string(),
                        target: target.to_string(),
                        external: r.attr("TargetMode") == Some("External"),
                    },
                );
            }
        }
    }
    Ok(out)
}

/// A relationship target relative to the part that names it.
fn resolve(part: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut segs: Vec<&str> = part.split('/').collect();
    segs.pop();
    for s in target.split('/') {
        match s {
            ".." => {
                segs.pop();
            }
            "." | "" => {}
            s => segs.push(s),
        }
    }
    segs.join("/")
}

/// `w:b`, `w:b w:val="1"`, `w:b w:val="false"`.
fn on_off(e: &Element) -> bool {
    !matches!(e.attr("val"), Some("0" | "false" | "off" | "none"))
}

#[derive(Debug, Clone, Default)]
struct StyleInfo {
    name: String,
    based_on: Option<String>,
    num: Option<(String, usize)>,
    bold: Option<bool>,
    italic: Option<bool>,
    align: Option<Style>,
    outline: Option<u8>,
}

#[derive(Default)]
struct Styles {
    by_id: HashMap<String, StyleInfo>,
}

impl Styles {
    fn read(root: &Element, w: &str) -> Styles {
        let mut by_id = HashMap::new();
        for s in root.elements().filter(|e| e.is(w, "style")) {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let mut info = StyleInfo {
                name: s
                    .child(w, "name")
                    .and_then(|n| n.attr("val"))
                    .unwrap_or(id)
                    .to_lowercase(),
                based_on: s
                    .child(w, "basedOn")
                    .and_then(|b| b.attr("val"))
                    .map(String::from),
                ..StyleInfo::default()
            };
            if let Some(ppr) = s.child(w, "pPr") {
                read_ppr(ppr, w, &mut info);
            }
            if let Some(rpr) = s.child(w, "rPr") {
                info.bold = rpr.child(w, "b").map(on_off);
                info.italic = rpr.child(w, "i").map(on_off);
            }
            by_id.insert(id.to_string(), info);
        }
        Styles { by_id }
    }

    /// A property of a style, looked up along its `basedOn` chain.
    fn get<T>(&self, id: &str, f: impl Fn(&StyleInfo) -> Option<T>) -> Option<T> {
        let mut cur = Some(id.to_string());
        for _ in 0..32 {
            let info = self.by_id.get(cur.as_deref()?)?;
            if let Some(v) = f(info) {
                return Some(v);
            }
            cur = info.based_on.clone();
        }
        None
    }

    /// Title or heading by the style's name («heading 2», «Заголовок 2», «Title»).
    fn kind(&self, id: &str) -> Option<Style> {
        self.get(id, |s| {
            let n = s.name.as_str();
            if n == "title" || n == "название" || n == "заголовок" {
                return Some(Style::Title);
            }
            for prefix in ["heading ", "заголовок "] {
                if let Some(level) = n.strip_prefix(prefix).and_then(|l| l.trim().parse().ok()) {
                    return Some(Style::Heading(level));
                }
            }
            s.outline.map(|l| Style::Heading(l + 1))
        })
    }
}

fn read_ppr(ppr: &Element, w: &str, info: &mut StyleInfo) {
    if let Some(num) = ppr.child(w, "numPr") {
        let id = num
            .child(w, "numId")
            .and_then(|n| n.attr("val"))
            .unwrap_or("0");
        let level = num
            .child(w, "ilvl")
            .and_then(|n| n.attr("val"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        info.num = Some((id.to_string(), level));
    }
    if let Some(jc) = ppr.child(w, "jc").and_then(|j| j.attr("val")) {
        info.align = Some(match jc {
            "center" => Style::Center,
            "right" | "end" => Style::Right,
            _ => Style::Body,
        });
    }
    if let Some(l) = ppr
        .child(w, "outlineLvl")
        .and_then(|o| o.attr("val"))
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|l| *l < 9)
    {
        info.outline = Some(l);
    }
}

#[derive(Default)]
struct Numbering {
    /// numId → (abstractNumId, start overrides by level)
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// abstractNumId → level → (format, start)
    abstracts: HashMap<String, HashMap<usize, (String, u32)>>,
}

impl Numbering {
    fn read(root: &Element, w: &str) -> Numbering {
        let mut n = Numbering::default();
        for a in root.elements().filter(|e| e.is(w, "abstractNum")) {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            n.abstracts.insert(
                id.to_string(),
                levels(a.elements().filter(|e| e.is(w, "lvl")), w),
            );
        }
        for num in root.elements().filter(|e| e.is(w, "num")) {
            let Some(id) = num.attr("numId") else {
                continue;
            };
            let abs = num
                .child(w, "abstractNumId")
                .and_then(|a| a.attr("val"))
                .unwrap_or("")
                .to_string();
            let mut overrides = HashMap::new();
            for o in num.elements().filter(|e| e.is(w, "lvlOverride")) {
                let Some(level) = o.attr("ilvl").and_then(|l| l.parse().ok()) else {
                    continue;
                };
                if let Some(start) = o
                    .child(w, "startOverride")
                    .and_then(|s| s.attr("val"))
                    .and_then(|v| v.parse().ok())
                {
                    overrides.insert(level, start);
                }
                if let Some(lvl) = o.child(w, "lvl") {
                    let own = levels(std::iter::once(lvl), w);
                    if let Some((_, (_, start))) = own.into_iter().next() {
                        overrides.entry(level).or_insert(start);
                    }
                }
            }
            n.nums.insert(id.to_string(), (abs, overrides));
        }
        n
    }
}

fn levels<'a>(lvls: impl Iterator<Item = &'a Element>, w: &str) -> HashMap<usize, (String, u32)> {
    let mut out = HashMap::new();
    for l in lvls {
        let Some(level) = l.attr("ilvl").and_then(|v| v.parse().ok()) else {
            continue;
        };
        let fmt = l
            .child(w, "numFmt")
            .and_then(|f| f.attr("val"))
            .unwrap_or("decimal")
            .to_string();
        let start = l
            .child(w, "start")
            .and_then(|s| s.attr("val"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        out.insert(level, (fmt, start));
    }
    out
}

struct Reader {
    w: &'static str,
    rels: HashMap<String, Rel>,
    styles: Styles,
    numbering: Numbering,
    /// Next number per (list counter, level).
    counters: HashMap<(String, usize), u32>,
}

/// An open field (`w:fldChar`): its instruction so far, and whether its result has begun.
struct Field {
    instr: String,
    result: bool,
}

impl Reader {
    fn blocks(&mut self, parent: &Element, out: &mut Vec<Node>) {
        for e in parent.elements() {
            if e.ns != self.w {
                continue;
            }
            match e.name.as_str() {
                "p" => {
                    // Text boxes anchored in the paragraph (title blocks often live there)
                    // are read before it, as the page shows them.
                    for text_box in text_boxes(e) {
                        self.blocks(text_box, out);
                    }
                    out.extend(self.paragraph(e).into_iter().map(Node::Para));
                }
                "tbl" => match layout_cell(e, self.w) {
                    // A one-cell table used as a frame around the content: its content.
                    Some(cell) => self.blocks(cell, out),
                    None => out.push(Node::Table(self.table(e))),
                },
                "sdt" => {
                    if let Some(c) = e.child(self.w, "sdtContent") {
                        self.blocks(c, out);
                    }
                }
                "customXml" | "ins" => self.blocks(e, out),
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: &Element) -> Table {
        let mut table = Table::default();
        let mut rows = Vec::new();
        collect(tbl, self.w, "tr", &mut rows);
        for tr in rows {
            let mut cells = Vec::new();
            collect(tr, self.w, "tc", &mut cells);
            let mut row = Row::default();
            for tc in cells {
                let pr = tc.child(self.w, "tcPr");
                let span = pr
                    .and_then(|p| p.child(self.w, "gridSpan"))
                    .and_then(|g| g.attr("val"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1usize)
                    .clamp(1, 64);
                let continues_above = pr
                    .and_then(|p| p.child(self.w, "vMerge"))
                    .is_some_and(|v| v.attr("val") != Some("restart"));
                let mut nodes = Vec::new();
                self.blocks(tc, &mut nodes);
                row.cells.push(Cell {
                    paras: source::flatten(nodes),
                    span,
                    continues_above,
                });
            }
            table.rows.push(row);
        }
        table
    }

    /// A paragraph, split where it has a line break (each line is a paragraph to the import).
    fn paragraph(&mut self, p: &Element) -> Vec<Para> {
        let w = self.w;
        let ppr = p.child(w, "pPr");
        let mut own = StyleInfo::default();
        if let Some(ppr) = ppr {
            read_ppr(ppr, w, &mut own);
        }
        let style_id = ppr
            .and_then(|p| p.child(w, "pStyle"))
            .and_then(|s| s.attr("val"))
            .unwrap_or("Normal")
            .to_string();
        let kind = self
            .styles
            .kind(&style_id)
            .or(own.outline.map(|l| Style::Heading(l + 1)));
        let align = own
            .align
            .or_else(|| self.styles.get(&style_id, |s| s.align));
        let style = match (kind, align) {
            (Some(k), _) => k,
            (None, Some(a)) => a,
            (None, None) => Style::Body,
        };
        // Heading styles are bold by nature; elsewhere the style's bold is the text's.
        let (base_bold, base_italic) = if kind.is_some() {
            (false, false)
        } else {
            (
                self.styles.get(&style_id, |s| s.bold).unwrap_or(false),
                self.styles.get(&style_id, |s| s.italic).unwrap_or(false),
            )
        };
        let num = own
            .num
            .or_else(|| self.styles.get(&style_id, |s| s.num.clone()));
        let item = num.and_then(|(id, level)| self.item(&id, level));

        let mut lines: Vec<Vec<Run>> = vec![Vec::new()];
        let mut fields: Vec<Field> = Vec::new();
        let base = Run {
            bold: base_bold,
            italic: base_italic,
            ..Run::default()
        };
        self.runs(p, &base, &mut fields, &mut lines);
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

    /// The list membership of a numbered paragraph, counting as Word does: a list restarts
    /// where its `w:num` overrides the start, and otherwise continues its abstract list.
    fn item(&mut self, num_id: &str, level: usize) -> Option<Item> {
        let (abs, overrides) = self.numbering.nums.get(num_id)?;
        let levels = self.numbering.abstracts.get(abs)?;
        let (fmt, start) = levels
            .get(&level)
            .cloned()
            .unwrap_or(("decimal".to_string(), 1));
        if fmt == "none" {
            return None;
        }
        let level = level.min(8);
        if fmt == "bullet" {
            return Some(Item {
                level,
                kind: ItemKind::Bullet,
            });
        }
        let key = if overrides.contains_key(&level) {
            format!("n{num_id}")
        } else {
            format!("a{abs}")
        };
        let start = overrides.get(&level).copied().unwrap_or(start);
        self.counters.retain(|(k, l), _| !(k == &key && *l > level));
        let n = self.counters.entry((key, level)).or_insert(start);
        let number = *n;
        *n = n.saturating_add(1);
        Some(Item {
            level,
            kind: ItemKind::Number(number),
        })
    }

    fn runs(
        &self,
        parent: &Element,
        base: &Run,
        fields: &mut Vec<Field>,
        lines: &mut Vec<Vec<Run>>,
    ) {
        let w = self.w;
        for e in parent.elements() {
            if e.ns != w {
                continue;
            }
            match e.name.as_str() {
                "r" => self.run(e, base, fields, lines),
                "hyperlink" => {
                    let url = e
                        .attr_ns(R, "id")
                        .or_else(|| e.attr_ns(R_STRICT, "id"))
                        .and_then(|id| self.rels.get(id))
                        .filter(|r| r.external)
                        .map(|r| r.target.clone());
                    let link = Run {
                        link: url.or_else(|| base.link.clone()),
                        ..base.clone()
                    };
                    self.runs(e, &link, fields, lines);
                }
                "fldSimple" => {
                    let link = Run {
                        link: hyperlink_target(e.attr("instr").unwrap_or(""))
                            .or_else(|| base.link.clone()),
                        ..base.clone()
                    };
                    self.runs(e, &link, fields, lines);
                }
                "sdt" => {
                    if let Some(c) = e.child(w, "sdtContent") {
                        self.runs(c, base, fields, lines);
                    }
                }
                "ins" | "smartTag" | "customXml" | "dir" | "bdo" => {
                    self.runs(e, base, fields, lines)
                }
                _ => {}
            }
        }
    }

    fn run(&self, r: &Element, base: &Run, fields: &mut Vec<Field>, lines: &mut Vec<Vec<Run>>) {
        let w = self.w;
        let rpr = r.child(w, "rPr");
        let char_style = rpr
            .and_then(|p| p.child(w, "rStyle"))
            .and_then(|s| s.attr("val"));
        let prop = |name: &str, base: bool| -> bool {
            if let Some(e) = rpr.and_then(|p| p.child(w, name)) {
                return on_off(e);
            }
            let from_style = char_style.and_then(|id| {
                self.styles.get(id, |s| match name {
                    "b" => s.bold,
                    _ => s.italic,
                })
            });
            from_style.unwrap_or(base)
        };
        let mut run = Run {
            bold: prop("b", base.bold),
            italic: prop("i", base.italic),
            link: base.link.clone(),
            text: String::new(),
        };
        // A HYPERLINK field's result is its link.
        if run.link.is_none() {
            run.link = fields
                .iter()
                .rev()
                .find(|f| f.result)
                .and_then(|f| hyperlink_target(&f.instr));
        }
        let flush = |run: &mut Run, lines: &mut Vec<Vec<Run>>| {
            if !run.text.is_empty() {
                let piece = Run {
                    text: std::mem::take(&mut run.text),
                    ..run.clone()
                };
                if let Some(line) = lines.last_mut() {
                    line.push(piece);
                }
            }
        };
        for e in r.elements() {
            if e.ns != w {
                continue;
            }
            let in_instruction = fields.last().is_some_and(|f| !f.result);
            match e.name.as_str() {
                "t" if !in_instruction => run.text.push_str(&e.text()),
                "tab" | "ptab" if !in_instruction => run.text.push('\t'),
                "noBreakHyphen" => run.text.push('-'),
                "sym" => {
                    if let Some(c) = e
                        .attr("char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                    {
                        run.text.push(c);
                    }
                }
                "br" | "cr" if !in_instruction => {
                    flush(&mut run, lines);
                    lines.push(Vec::new());
                }
                "instrText" => {
                    if let Some(f) = fields.last_mut() {
                        f.instr.push_str(&e.text());
                    }
                }
                "fldChar" => match e.attr("fldCharType") {
                    Some("begin") => fields.push(Field {
                        instr: String::new(),
                        result: false,
                    }),
                    Some("separate") => {
                        if let Some(f) = fields.last_mut() {
                            f.result = true;
                        }
                        flush(&mut run, lines);
                        run.link = base.link.clone().or_else(|| {
                            fields
                                .iter()
                                .rev()
                                .find(|f| f.result)
                                .and_then(|f| hyperlink_target(&f.instr))
                        });
                    }
                    Some("end") => {
                        flush(&mut run, lines);
                        fields.pop();
                        run.link = base.link.clone();
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        flush(&mut run, lines);
    }
}

/// `HYPERLINK "https://…"` (possibly with switches) → the address.
fn hyperlink_target(instr: &str) -> Option<String> {
    let rest = instr.trim().strip_prefix("HYPERLINK")?.trim();
    if rest.starts_with("\\l") {
        return None;
    }
    let url = match rest.strip_prefix('"') {
        Some(q) => q.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    (!url.is_empty()).then(|| url.to_string())
}

/// Child elements named `name`, also through content controls and custom XML around them.
/// The one cell of a table with one row and one cell that holds a table of its own: a
/// frame drawn around the content, whose inner tables are the document's.
fn layout_cell<'a>(tbl: &'a Element, w: &str) -> Option<&'a Element> {
    let mut rows = Vec::new();
    collect(tbl, w, "tr", &mut rows);
    let [row] = rows.as_slice() else {
        return None;
    };
    let mut cells = Vec::new();
    collect(row, w, "tc", &mut cells);
    let [cell] = cells.as_slice() else {
        return None;
    };
    cell.elements().any(|e| e.is(w, "tbl")).then_some(*cell)
}

fn collect<'a>(parent: &'a Element, w: &str, name: &str, out: &mut Vec<&'a Element>) {
    for e in parent.elements() {
        if e.is(w, name) {
            out.push(e);
        } else if e.is(w, "sdt") {
            if let Some(c) = e.child(w, "sdtContent") {
                collect(c, w, name, out);
            }
        } else if e.is(w, "customXml") {
            collect(e, w, name, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(parts: &[(&str, String)]) -> Vec<u8> {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            for (name, body) in parts {
                z.start_file(*name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                z.write_all(body.as_bytes()).unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn p(style: Option<&str>, num: Option<(&str, u8)>, text: &str) -> String {
        let style = style.map_or(String::new(), |s| format!(r#"<w:pStyle w:val="{s}"/>"#));
        let num = num.map_or(String::new(), |(id, l)| {
            format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#)
        });
        format!("<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn doc(body: &str) -> Doc {
        let ns = format!(r#"xmlns:w="{W}" xmlns:r="{R}""#);
        let numbering = format!(
            r#"<w:numbering {ns}>
            <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
            <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="8"/></w:num>
            <w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="6"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="10"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            </w:numbering>"#
        );
        let styles = format!(
            r#"<w:styles {ns}>
            <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
            </w:styles>"#
        );
        let bytes = package(&[
            (
                "word/document.xml",
                format!("<w:document {ns}><w:body>{body}</w:body></w:document>"),
            ),
            ("word/numbering.xml", numbering),
            ("word/styles.xml", styles),
            (
                "word/_rels/document.xml.rels",
                format!(
                    r#"<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/a" TargetMode="External"/></Relationships>"#
                ),
            ),
        ]);
        let mut package = Package::open(&bytes).unwrap();
        read(&mut package).unwrap()
    }

    fn kinds(d: &Doc) -> Vec<(Option<(usize, ItemKind)>, String)> {
        d.nodes
            .iter()
            .filter_map(|n| match n {
                Node::Para(p) => Some((p.item.map(|i| (i.level, i.kind)), p.text())),
                Node::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn numbering_restarts_where_a_num_overrides_and_continues_its_list_elsewhere() {
        let body = [
            p(None, Some(("5", 0)), "a"),
            p(None, Some(("5", 1)), "a.1"),
            p(None, Some(("6", 0)), "b"),
            p(None, Some(("10", 0)), "c"),
            p(None, Some(("10", 0)), "d"),
            p(Some("ListBullet"), None, "e"),
            p(None, Some(("0", 0)), "f"),
        ]
        .concat();
        let n = |k| Some((0, ItemKind::Number(k)));
        assert_eq!(
            kinds(&doc(&body)),
            vec![
                (n(1), "a".into()),
                (Some((1, ItemKind::Bullet)), "a.1".into()),
                (n(2), "b".into()),
                (n(1), "c".into()),
                (n(2), "d".into()),
                (Some((0, ItemKind::Bullet)), "e".into()),
                (None, "f".into()),
            ]
        );
    }

    #[test]
    fn styles_links_fields_and_revisions() {
        let body = r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Заголовок</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Жирный</w:t></w:r><w:r><w:t xml:space="preserve"> и </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>ссылка</w:t></w:r></w:hyperlink><w:del><w:r><w:delText>удалено</w:delText></w:r></w:del><w:r><w:br/><w:t>строка</w:t></w:r></w:p>
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://b.ru" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>поле</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
        let d = doc(body);
        let paras: Vec<&Para> = d
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Para(p) => Some(p),
                Node::Table(_) => None,
            })
            .collect();
        assert_eq!(paras[0].style, Style::Heading(1));
        assert_eq!(paras[1].text(), "Жирный и ссылка");
        assert!(matches!(
            &paras[1].content[0],
            crate::document::Inline::Strong(_)
        ));
        let has_link = |p: &Para, want: &str| {
            p.content
                .iter()
                .any(|i| matches!(i, crate::document::Inline::Link { url, .. } if url == want))
        };
        assert!(has_link(paras[1], "https://example.org/a"));
        assert_eq!(paras[2].text(), "строка", "a line break starts a paragraph");
        assert_eq!(paras[3].text(), "поле");
        assert!(has_link(paras[3], "https://b.ru"));
    }

    #[test]
    fn relationship_targets_resolve_against_their_part() {
        assert_eq!(
            resolve("word/document.xml", "styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "../media/a.png"),
            "media/a.png"
        );
        assert_eq!(
            resolve("word/document.xml", "/word/numbering.xml"),
            "word/numbering.xml"
        );
    }

    #[test]
    fn hyperlink_fields_give_their_address() {
        assert_eq!(
            hyperlink_target(r#" HYPERLINK "https://example.org/a" \o "tip" "#).as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(hyperlink_target(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(hyperlink_target("PAGE"), None);
    }

    #[test]
    fn a_text_box_is_read_once_before_its_paragraph() {
        let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
        let wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";
        let v = "urn:schemas-microsoft-com:vml";
        let boxed = |inner: &str| {
            format!("<w:txbxContent><w:p><w:r><w:t>{inner}</w:t></w:r></w:p></w:txbxContent>")
        };
        let body = format!(
            r#"<w:p><w:r><mc:AlternateContent xmlns:mc="{mc}" xmlns:wps="{wps}" xmlns:v="{v}">
            <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback>
            </mc:AlternateContent></w:r><w:r><w:t>Текст абзаца</w:t></w:r></w:p>"#,
            boxed("Заголовок в рамке"),
            boxed("Заголовок в рамке")
        );
        let texts: Vec<String> = source::flatten(doc(&body).nodes)
            .iter()
            .map(Para::text)
            .collect();
        assert_eq!(texts, ["Заголовок в рамке", "Текст абзаца"]);
    }

    #[test]
    fn a_one_cell_frame_around_a_table_gives_the_inner_table() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Цель практики"),
            cell("Научить"),
            cell("Проблема"),
            cell("Нет навыков")
        );
        let body = format!("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Рамка</w:t></w:r></w:p>{inner}</w:tc></w:tr></w:tbl>");
        let nodes = doc(&body).nodes;
        assert_eq!(nodes.len(), 2, "{nodes:?}");
        assert!(matches!(&nodes[0], Node::Para(p) if p.text() == "Рамка"));
        assert!(
            matches!(&nodes[1], Node::Table(t) if t.rows.len() == 2 && t.rows[0].cells.len() == 2)
        );
    }
}
