//! The DOCX renderer read back: unzip, parse every part as XML, and check the structure Word
//! and the contests care about (styles from the profile, lists, the table, footers,
//! properties), the schema order of property elements, escaping and byte-identity.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use crate::docfixture::{seed_like, HOSTILE, LABELS, LONG_WORD};
use mentorcard::document::{Document, ListKind};
use mentorcard::profile::{PageNumbers, Profile};
use mentorcard::render::{docx, RenderOptions};
use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Debug, Clone, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            c.all(name, out);
        }
    }
    fn find_all(&self, name: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }
    /// The text of all `w:t` below, `w:br` as a newline.
    fn texts(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }
    fn collect_text(&self, s: &mut String) {
        if self.name == "w:t" {
            s.push_str(&self.text);
        }
        if self.name == "w:br" || self.name == "w:p" && !s.is_empty() {
            s.push('\n');
        }
        for c in &self.children {
            c.collect_text(s);
        }
    }
}

/// The text as Word shows it: like [`Node::texts`], but numbered list paragraphs get their
/// number («1.») computed from numbering.xml, as Word and LibreOffice print it.
fn text_with_list_numbers(body: &Node, numbering: &Node) -> String {
    let mut starts: BTreeMap<String, Option<u32>> = BTreeMap::new();
    let abstracts = numbering.find_all("w:abstractNum");
    for num in numbering.find_all("w:num") {
        let abstract_id = num.child("w:abstractNumId").and_then(|a| a.attr("w:val"));
        let decimal = abstracts
            .iter()
            .find(|a| a.attr("w:abstractNumId") == abstract_id)
            .map(|a| a.find_all("w:numFmt")[0].attr("w:val") == Some("decimal"))
            .unwrap_or(false);
        let start = num
            .find_all("w:startOverride")
            .first()
            .and_then(|s| s.attr("w:val"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        starts.insert(
            num.attr("w:numId").unwrap_or_default().to_string(),
            decimal.then_some(start),
        );
    }
    let mut counters: BTreeMap<String, u32> = BTreeMap::new();
    let mut out = String::new();
    for p in body.find_all("w:p") {
        if let Some(id) = p.find_all("w:numId").first().and_then(|n| n.attr("w:val")) {
            if let Some(Some(start)) = starts.get(id) {
                let n = counters.entry(id.to_string()).or_insert(*start);
                out.push_str(&format!("{n}. "));
                *n += 1;
            }
        }
        out.push_str(&p.texts());
        out.push('\n');
    }
    out
}

fn parse(xml: &str) -> Node {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                stack.push(node(&e));
            }
            Event::Empty(e) => {
                let n = node(&e);
                stack.last_mut().expect("parent").children.push(n);
            }
            Event::End(_) => {
                let n = stack.pop().expect("open element");
                stack.last_mut().expect("parent").children.push(n);
            }
            Event::Text(t) => stack.last_mut().expect("node").text.push_str(&t),
            Event::GeneralRef(r) => {
                let c = match &*r {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => r
                        .resolve_char_ref()
                        .expect("char ref")
                        .expect("known entity"),
                };
                stack.last_mut().expect("node").text.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut root = stack.pop().expect("root");
    assert_eq!(root.children.len(), 1, "one root element");
    root.children.remove(0)
}

fn node(e: &quick_xml::events::BytesStart) -> Node {
    Node {
        name: e.name().0.to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                (
                    a.key.0.to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .expect("value")
                        .into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    }
}

struct Package {
    parts: BTreeMap<String, String>,
    order: Vec<String>,
}

impl Package {
    fn xml(&self, name: &str) -> Node {
        parse(
            self.parts
                .get(name)
                .unwrap_or_else(|| panic!("part {name}")),
        )
    }
}

fn unzip(bytes: &[u8]) -> Package {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut parts = BTreeMap::new();
    let mut order = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let dt = file.last_modified().expect("timestamp");
        assert_eq!(
            (dt.year(), dt.month(), dt.day()),
            (1980, 1, 1),
            "fixed timestamp"
        );
        assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
        let mut s = String::new();
        file.read_to_string(&mut s).expect("utf-8 part");
        let name = file.name().expect("entry name").to_string();
        order.push(name.clone());
        parts.insert(name, s);
    }
    Package { parts, order }
}

fn build(doc: &Document, profile: Profile) -> (Package, Vec<String>) {
    let out = docx::render(
        doc,
        &RenderOptions {
            profile,
            ..RenderOptions::default()
        },
    )
    .expect("renders");
    let warnings = out
        .warnings
        .iter()
        .map(|w| w.message.text(mentorcard::locale::Lang::En))
        .collect();
    (unzip(&out.bytes), warnings)
}

/// Keeps a sample for opening in Word/LibreOffice when MENTORCARD_TEST_OUT names a folder.
fn maybe_save(name: &str, doc: &Document) {
    if let Ok(dir) = std::env::var("MENTORCARD_TEST_OUT") {
        let out = docx::render(doc, &RenderOptions::default()).expect("renders");
        let _ = std::fs::write(std::path::Path::new(&dir).join(name), &out.bytes);
    }
}

/// Children order of the property elements we write, from the ECMA-376 schema (only the
/// elements mentorcard uses; anything else is a failure too).
const ORDER: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:numPr",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:outlineLvl",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:noProof",
            "w:color",
            "w:sz",
            "w:szCs",
            "w:u",
            "w:lang",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblW",
            "w:jc",
            "w:tblInd",
            "w:tblBorders",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    (
        "w:tblBorders",
        &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ],
    ),
    ("w:tbl", &["w:tblPr", "w:tblGrid", "w:tr"]),
    ("w:tr", &["w:trPr", "w:tc"]),
    ("w:tc", &["w:tcPr", "w:p"]),
    (
        "w:sectPr",
        &[
            "w:footerReference",
            "w:pgSz",
            "w:pgMar",
            "w:pgNumType",
            "w:cols",
            "w:titlePg",
            "w:docGrid",
        ],
    ),
    ("w:body", &["w:p", "w:sectPr"]),
    (
        "w:style",
        &[
            "w:name",
            "w:basedOn",
            "w:next",
            "w:qFormat",
            "w:pPr",
            "w:rPr",
        ],
    ),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault"]),
    ("w:abstractNum", &["w:nsid", "w:multiLevelType", "w:lvl"]),
    (
        "w:lvl",
        &[
            "w:start",
            "w:numFmt",
            "w:lvlText",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
    ),
    ("w:num", &["w:abstractNumId", "w:lvlOverride"]),
    ("w:numbering", &["w:abstractNum", "w:num"]),
    (
        "w:settings",
        &[
            "w:zoom",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:characterSpacingControl",
            "w:updateFields",
            "w:compat",
            "w:themeFontLang",
            "w:decimalSymbol",
            "w:listSeparator",
        ],
    ),
    ("w:compat", &["w:doNotExpandShiftReturn", "w:compatSetting"]),
    ("w:font", &["w:panose1", "w:charset", "w:family", "w:pitch"]),
];

fn check_order(node: &Node, path: &str) {
    if let Some((_, order)) = ORDER.iter().find(|(n, _)| *n == node.name) {
        let mut last = 0;
        for c in &node.children {
            // w:body mixes paragraphs and tables freely before sectPr.
            let name = if node.name == "w:body" && c.name == "w:tbl" {
                "w:p"
            } else {
                c.name.as_str()
            };
            let pos = order
                .iter()
                .position(|o| *o == name)
                .unwrap_or_else(|| panic!("{path}: unexpected <{}> in <{}>", c.name, node.name));
            assert!(
                pos >= last,
                "{path}: <{}> out of order in <{}>",
                c.name,
                node.name
            );
            last = pos;
        }
    }
    for c in &node.children {
        check_order(c, path);
    }
}

#[test]
fn package_has_every_part_in_schema_order() {
    maybe_save("seed.docx", &seed_like(false));
    maybe_save("hostile.docx", &seed_like(true));
    let (pkg, warnings) = build(&seed_like(false), Profile::gost());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(pkg.order[0], "[Content_Types].xml");
    for part in [
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/numbering.xml",
        "word/footer1.xml",
        "word/theme/theme1.xml",
    ] {
        assert!(pkg.parts.contains_key(part), "{part}");
    }
    // Every part except [Content_Types] and rels is declared; every declared part exists.
    let types = pkg.xml("[Content_Types].xml");
    for o in types.find_all("Override") {
        let name = o
            .attr("PartName")
            .expect("PartName")
            .trim_start_matches('/');
        assert!(pkg.parts.contains_key(name), "declared but missing: {name}");
    }
    for name in pkg.parts.keys() {
        if !name.ends_with(".rels") && name != "[Content_Types].xml" {
            assert!(
                types
                    .find_all("Override")
                    .iter()
                    .any(|o| o.attr("PartName") == Some(&format!("/{name}"))),
                "{name} has no content type"
            );
        }
    }
    for (name, text) in &pkg.parts {
        check_order(&parse(text), name);
    }
}

#[test]
fn styles_follow_the_profile() {
    let (pkg, _) = build(&seed_like(false), Profile::gost());
    let styles = pkg.xml("word/styles.xml");
    let fonts = &styles.find_all("w:rFonts")[0];
    assert_eq!(fonts.attr("w:ascii"), Some("Times New Roman"));
    assert_eq!(fonts.attr("w:cs"), Some("Times New Roman"));
    let defaults = styles.child("w:docDefaults").expect("docDefaults");
    assert_eq!(defaults.find_all("w:sz")[0].attr("w:val"), Some("28"));
    assert_eq!(defaults.find_all("w:lang")[0].attr("w:val"), Some("ru-RU"));
    let style = |id: &str| {
        styles
            .find_all("w:style")
            .into_iter()
            .find(|s| s.attr("w:styleId") == Some(id))
            .unwrap_or_else(|| panic!("style {id}"))
            .clone()
    };
    let normal = style("Normal");
    let spacing = &normal.find_all("w:spacing")[0];
    assert_eq!(spacing.attr("w:line"), Some("360"), "1.5 lines");
    assert_eq!(spacing.attr("w:lineRule"), Some("auto"));
    assert_eq!(
        normal.find_all("w:ind")[0].attr("w:firstLine"),
        Some("709"),
        "1.25 cm"
    );
    assert_eq!(normal.find_all("w:jc")[0].attr("w:val"), Some("both"));
    assert!(
        style("TableHeading").find_all("w:b").len() == 1,
        "bold header row"
    );
    assert!(!style("TableLabel")
        .find_all("w:suppressAutoHyphens")
        .is_empty());
    let settings = pkg.xml("word/settings.xml");
    assert!(
        settings.child("w:autoHyphenation").is_none(),
        "no hyphenation by default"
    );
    let font_table = pkg.xml("word/fontTable.xml");
    assert_eq!(
        font_table.find_all("w:font")[0].attr("w:name"),
        Some("Times New Roman")
    );

    let mut profile = Profile::compact();
    profile.hyphenate = true;
    profile.justify = false;
    let (pkg, _) = build(&seed_like(false), profile);
    let styles = pkg.xml("word/styles.xml");
    let normal = styles
        .find_all("w:style")
        .into_iter()
        .find(|s| s.attr("w:styleId") == Some("Normal"))
        .expect("Normal")
        .clone();
    assert_eq!(
        normal.find_all("w:spacing")[0].attr("w:line"),
        Some("240"),
        "single"
    );
    assert_eq!(normal.find_all("w:jc")[0].attr("w:val"), Some("left"));
    assert_eq!(styles.find_all("w:sz")[0].attr("w:val"), Some("24"));
    assert!(pkg
        .xml("word/settings.xml")
        .child("w:autoHyphenation")
        .is_some());
}

#[test]
fn criteria_table_has_a_repeated_bold_header_and_breakable_rows() {
    let (pkg, _) = build(&seed_like(false), Profile::gost());
    let doc = pkg.xml("word/document.xml");
    let tables = doc.find_all("w:tbl");
    assert_eq!(tables.len(), 1);
    let table = tables[0];
    let rows: Vec<&Node> = table.children.iter().filter(|c| c.name == "w:tr").collect();
    assert_eq!(rows.len(), 15, "header + 14 criteria");
    assert!(rows[0]
        .child("w:trPr")
        .and_then(|p| p.child("w:tblHeader"))
        .is_some());
    assert!(rows[1..].iter().all(|r| r.child("w:trPr").is_none()));
    assert!(
        table.find_all("w:cantSplit").is_empty(),
        "rows may break across pages"
    );
    assert_eq!(rows[0].texts().trim(), "№\nКритерии\nСодержание");
    let header_styles: Vec<&str> = rows[0]
        .find_all("w:pStyle")
        .iter()
        .filter_map(|s| s.attr("w:val"))
        .collect();
    assert_eq!(header_styles, vec!["TableHeading"; 3]);
    // Column widths: 12 mm, 45 mm and the rest of 210 − 30 − 15 mm.
    let grid: Vec<&str> = table
        .find_all("w:gridCol")
        .iter()
        .filter_map(|g| g.attr("w:w"))
        .collect();
    assert_eq!(grid, vec!["680", "2551", "6124"]);
    for (row, (_, label)) in rows[1..].iter().zip(LABELS) {
        let cells: Vec<&Node> = row.children.iter().filter(|c| c.name == "w:tc").collect();
        assert_eq!(cells.len(), 3);
        assert_eq!(cells[1].texts().trim(), label);
        assert_eq!(
            cells[2].children.last().map(|c| c.name.as_str()),
            Some("w:p")
        );
    }
    assert_eq!(rows[13].children[0].texts().trim(), "13.");
    assert_eq!(
        rows[14].children[0].texts().trim(),
        "",
        "special-needs row is unnumbered"
    );
    let all = doc.texts();
    assert_eq!(all.matches(LONG_WORD).count(), 40, "the long cell is whole");
    assert!(
        all.contains("Участник 1: Педагог дополнительного образования\n(Сетевой сервис Padlet)")
    );
}

#[test]
fn every_list_is_a_real_word_list_and_numbered_ones_restart() {
    let doc = seed_like(false);
    let (pkg, _) = build(&doc, Profile::gost());
    let body = pkg.xml("word/document.xml");
    let numbering = pkg.xml("word/numbering.xml");
    let nums = numbering.find_all("w:num");
    let abstracts = numbering.find_all("w:abstractNum");
    // intro (numbered), norms (numbered), results (bullets), materials (numbered)
    assert_eq!(nums.len(), 4);
    assert_eq!(abstracts.len(), 4);
    let kinds: Vec<&str> = abstracts
        .iter()
        .map(|a| a.find_all("w:numFmt")[0].attr("w:val").expect("numFmt"))
        .collect();
    assert_eq!(kinds, vec!["decimal", "decimal", "bullet", "decimal"]);
    // The body list indents by 1.25 cm, lists in the narrow content column by half that.
    let first_indent = |a: &Node| a.find_all("w:ind")[0].attr("w:left").map(str::to_string);
    assert_eq!(first_indent(abstracts[0]).as_deref(), Some("709"));
    assert_eq!(first_indent(abstracts[1]).as_deref(), Some("357"));
    for (num, kind) in nums.iter().zip(&kinds) {
        let restart = num.find_all("w:startOverride");
        if *kind == "decimal" {
            assert_eq!(restart.len(), 1);
            assert_eq!(restart[0].attr("w:val"), Some("1"));
        } else {
            assert!(restart.is_empty());
        }
    }
    // Paragraphs point at their own list: 3 + 3 + 3 + 2 items.
    let mut per_list: BTreeMap<String, usize> = BTreeMap::new();
    for id in body.find_all("w:numId") {
        *per_list
            .entry(id.attr("w:val").expect("numId").to_string())
            .or_default() += 1;
    }
    let counts: Vec<(&str, usize)> = per_list.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(counts, vec![("1", 3), ("2", 3), ("3", 3), ("4", 2)]);

    // A list that starts at 5 keeps its start.
    let mut doc = doc;
    if let Some(mentorcard::document::Block::List(list)) = doc.blocks.get_mut(4) {
        list.kind = ListKind::Numbered { start: 5 };
    } else {
        panic!("fixture changed");
    }
    let (pkg, _) = build(&doc, Profile::gost());
    let numbering = pkg.xml("word/numbering.xml");
    assert_eq!(
        numbering.find_all("w:startOverride")[0].attr("w:val"),
        Some("5")
    );
}

#[test]
fn footer_numbers_pages_as_the_profile_says() {
    let (pkg, _) = build(&seed_like(false), Profile::gost());
    let body = pkg.xml("word/document.xml");
    let sect = body.find_all("w:sectPr")[0].clone();
    let margins = sect.child("w:pgMar").expect("pgMar");
    assert_eq!(margins.attr("w:left"), Some("1701"));
    assert_eq!(margins.attr("w:right"), Some("850"));
    assert_eq!(margins.attr("w:top"), Some("1134"));
    assert_eq!(
        sect.child("w:pgSz").and_then(|s| s.attr("w:w")),
        Some("11906")
    );
    assert_eq!(sect.find_all("w:footerReference").len(), 1);
    assert!(sect.child("w:titlePg").is_none());
    let footer = pkg.xml("word/footer1.xml");
    assert_eq!(footer.find_all("w:instrText")[0].text.trim(), "PAGE");
    assert_eq!(footer.find_all("w:jc")[0].attr("w:val"), Some("right"));
    let rels = pkg.xml("word/_rels/document.xml.rels");
    let footer_rel = rels
        .find_all("Relationship")
        .into_iter()
        .find(|r| r.attr("Target") == Some("footer1.xml"))
        .expect("footer relationship")
        .clone();
    assert_eq!(
        sect.find_all("w:footerReference")[0].attr("r:id"),
        footer_rel.attr("Id")
    );

    let mut profile = Profile::gost();
    profile.number_first_page = false;
    profile.page_numbers = PageNumbers::BottomCenter;
    let (pkg, _) = build(&seed_like(false), profile);
    let sect = pkg.xml("word/document.xml").find_all("w:sectPr")[0].clone();
    assert!(sect.child("w:titlePg").is_some());
    let types: Vec<&str> = sect
        .find_all("w:footerReference")
        .iter()
        .filter_map(|f| f.attr("w:type"))
        .collect();
    assert_eq!(types, vec!["default", "first"]);
    assert!(pkg
        .xml("word/footer2.xml")
        .find_all("w:instrText")
        .is_empty());
    assert_eq!(
        pkg.xml("word/footer1.xml").find_all("w:jc")[0].attr("w:val"),
        Some("center")
    );

    let mut profile = Profile::gost();
    profile.page_numbers = PageNumbers::None;
    let (pkg, _) = build(&seed_like(false), profile);
    assert!(!pkg.parts.contains_key("word/footer1.xml"));
    assert!(pkg
        .xml("word/document.xml")
        .find_all("w:footerReference")
        .is_empty());
}

#[test]
fn properties_carry_title_author_language_and_only_the_given_date() {
    let mut doc = seed_like(false);
    let (pkg, _) = build(&doc, Profile::gost());
    let core = pkg.xml("docProps/core.xml");
    assert_eq!(
        core.child("dc:title").map(|t| t.text.as_str()),
        Some("Реверсивное наставничество")
    );
    assert_eq!(
        core.child("dc:creator").map(|t| t.text.as_str()),
        Some("Иванова Мария Петровна")
    );
    assert_eq!(
        core.child("dc:language").map(|t| t.text.as_str()),
        Some("ru-RU")
    );
    assert!(core.child("dcterms:created").is_none());
    assert!(pkg.xml("docProps/app.xml").child("Application").is_some());

    doc.meta.date = Some(1_767_225_600 + 3_723); // 2026-01-01 01:02:03 UTC
    let (pkg, _) = build(&doc, Profile::gost());
    let core = pkg.xml("docProps/core.xml");
    assert_eq!(
        core.child("dcterms:created").map(|t| t.text.as_str()),
        Some("2026-01-01T01:02:03Z")
    );
}

#[test]
fn hyperlinks_are_relationships_and_unsafe_ones_are_text() {
    let (pkg, warnings) = build(&seed_like(false), Profile::gost());
    assert!(warnings.is_empty());
    let rels = pkg.xml("word/_rels/document.xml.rels");
    let links: Vec<Node> = rels
        .find_all("Relationship")
        .into_iter()
        .filter(|r| r.attr("TargetMode") == Some("External"))
        .cloned()
        .collect();
    let targets: Vec<&str> = links.iter().filter_map(|l| l.attr("Target")).collect();
    assert_eq!(
        targets,
        vec![
            "https://example.org/a?b=1&c=%222%22",
            "mailto:mentor@example.org"
        ]
    );
    let body = pkg.xml("word/document.xml");
    let hyperlinks = body.find_all("w:hyperlink");
    assert_eq!(hyperlinks.len(), 2);
    assert_eq!(hyperlinks[0].attr("r:id"), links[0].attr("Id"));
    assert_eq!(hyperlinks[0].texts(), "пример");

    let (pkg, warnings) = build(&seed_like(true), Profile::gost());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("javascript:alert(3)"));
    let rels = &pkg.parts["word/_rels/document.xml.rels"];
    assert!(!rels.to_lowercase().contains("javascript"));
    assert_eq!(
        pkg.xml("word/document.xml").find_all("w:hyperlink").len(),
        1
    );
}

#[test]
fn hostile_strings_come_back_as_the_same_text() {
    let (pkg, _) = build(&seed_like(true), Profile::gost());
    for text in pkg.parts.values() {
        parse(text); // well-formed despite the input
    }
    let body = pkg.xml("word/document.xml");
    assert!(body.texts().matches(HOSTILE).count() >= 14 + 4);
    assert!(body.find_all("script").is_empty() && body.find_all("img").is_empty());
    let core = pkg.xml("docProps/core.xml");
    assert!(core
        .child("dc:title")
        .expect("title")
        .text
        .ends_with(HOSTILE));
    // Control characters that XML forbids are dropped rather than breaking the file.
    let mut doc = seed_like(false);
    doc.meta.title = "a\u{1}b\u{FFFF}c".into();
    let (pkg, _) = build(&doc, Profile::gost());
    assert_eq!(
        pkg.xml("docProps/core.xml")
            .child("dc:title")
            .expect("title")
            .text,
        "abc"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let render = || {
        docx::render(&seed_like(true), &RenderOptions::default())
            .expect("renders")
            .bytes
    };
    assert_eq!(render(), render());
}

#[test]
fn an_empty_document_is_still_a_valid_package() {
    let doc = Document {
        meta: Default::default(),
        blocks: Vec::new(),
    };
    let (pkg, _) = build(&doc, Profile::gost());
    let body = pkg.xml("word/document.xml");
    check_order(&body, "document.xml");
    assert_eq!(body.child("w:body").map(|b| b.children.len()), Some(2));
}

#[test]
fn the_example_card_builds_to_a_complete_docx() {
    use crate::docfixture::example;
    let dir = example::scratch("docx-example");
    let (code, stderr) = example::build("docx", &dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    let bytes = std::fs::read(dir.join("reverse-mentoring.docx")).expect("docx");
    let pkg = unzip(&bytes);
    for (name, text) in &pkg.parts {
        check_order(&parse(text), name);
    }
    let body = pkg.xml("word/document.xml");
    let table = body.find_all("w:tbl")[0].clone();
    assert_eq!(
        table.children.iter().filter(|c| c.name == "w:tr").count(),
        15
    );
    assert!(
        !table.find_all("w:numPr").is_empty(),
        "lists inside cells are Word lists"
    );
    let missing = example::missing_seed_words(&text_with_list_numbers(
        &body,
        &pkg.xml("word/numbering.xml"),
    ));
    assert!(missing.is_empty(), "seed words lost: {missing:?}");
    let core = pkg.xml("docProps/core.xml");
    assert_eq!(
        core.child("dcterms:created").map(|c| c.text.as_str()),
        Some("2026-01-01T00:00:00Z"),
        "the date comes from SOURCE_DATE_EPOCH"
    );

    let again = example::scratch("docx-example-again");
    assert_eq!(example::build("docx", &again, &[]).0, 0);
    assert_eq!(
        std::fs::read(again.join("reverse-mentoring.docx")).expect("docx"),
        bytes
    );
}

#[test]
fn any_document_renders_to_a_well_formed_package() {
    for seed in 0..300 {
        let doc = crate::docfixture::random::document(seed);
        let out = docx::render(&doc, &RenderOptions::default()).expect("renders");
        if let (Ok(dir), true) = (std::env::var("MENTORCARD_TEST_OUT"), seed < 40) {
            let _ = std::fs::write(
                std::path::Path::new(&dir).join(format!("random-{seed}.docx")),
                &out.bytes,
            );
        }
        let pkg = unzip(&out.bytes);
        for (name, text) in &pkg.parts {
            check_order(&parse(text), &format!("seed {seed}: {name}"));
        }
        let numbering = pkg.xml("word/numbering.xml");
        for start in numbering
            .find_all("w:start")
            .into_iter()
            .chain(numbering.find_all("w:startOverride"))
        {
            let v: u32 = start
                .attr("w:val")
                .and_then(|v| v.parse().ok())
                .expect("number");
            assert!(
                v <= 32767,
                "seed {seed}: list start {v} is beyond Word's range"
            );
        }
        let body = pkg.xml("word/document.xml");
        for cell in body.find_all("w:tc") {
            assert_eq!(
                cell.children.last().map(|c| c.name.as_str()),
                Some("w:p"),
                "seed {seed}: a cell must end with a paragraph"
            );
        }
        assert!(body
            .find_all("w:hyperlink")
            .iter()
            .all(|h| h.find_all("w:hyperlink").is_empty()));
    }
}

/// Word and LibreOffice give U+00A0 a fixed width in justified text, so a short word bound to
/// the next one looks glued while the other gaps stretch (domain.md §6). The DOCX binds only
/// where a break is an error; PDF, HTML and Markdown keep every binding.
#[test]
fn docx_binds_only_where_a_break_is_an_error() {
    use crate::docfixture::example;
    let dir = example::scratch("docx-ties");
    let (code, stderr) = example::build("docx", &dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    let pkg = unzip(&std::fs::read(dir.join("reverse-mentoring.docx")).expect("docx"));
    let text = pkg.xml("word/document.xml").texts();
    // only nicer not to break: ordinary spaces
    for loose in [
        "В данной работе мы постараемся",
        "актуальна на сегодняшний день",
        "хотелось бы уточнить и закрепить",
    ] {
        assert!(text.contains(loose), "{loose:?} not with ordinary spaces");
    }
    // an error to break: still U+00A0
    for bound in [
        "Наставничество\u{a0}— это",
        "№\u{a0}273-ФЗ",
        "Е.\u{a0}Л.\u{a0}Александров",
        "208\u{a0}с.",
        "т.\u{a0}д.",
        "просто!\u{a0}: популярный",
    ] {
        assert!(
            text.contains(bound),
            "{bound:?} lost its non-breaking space"
        );
    }
}

#[test]
fn a_profile_can_bind_short_words_in_docx_too() {
    use crate::docfixture::example;
    let dir = example::scratch("docx-ties-profile");
    let profile = dir.join("bind.toml");
    std::fs::write(&profile, "base = \"gost\"\ndocx_bind_short_words = true\n").unwrap();
    let (code, stderr) = example::build("docx", &dir, &["--profile", profile.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let pkg = unzip(&std::fs::read(dir.join("reverse-mentoring.docx")).expect("docx"));
    let text = pkg.xml("word/document.xml").texts();
    assert!(text.contains("В\u{a0}данной работе мы\u{a0}постараемся"));
    assert!(text.contains("№\u{a0}273-ФЗ"));
    assert!(
        !Profile::gost().docx_bind_short_words,
        "gost binds only the strong ties"
    );
}
