//! The package parts around the body: content types, relationships, document properties,
//! styles, settings, font table, numbering and footers. Each writes its children in the order
//! the ECMA-376 schema lists them (Word rejects other orders).

use super::defs::{
    list_indent, mm_to_twips, ListDef, FOOTER_DEFAULT_ID, FOOTER_FIRST_ID, R_NS, W_NS,
};
use super::xml::Xml;
use crate::date::Date;
use crate::document::{ListKind, Meta};
use crate::profile::{PageNumbers, Profile};

const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// Word expects a theme part (validators flag its absence); a minimal one whose fonts are
/// Times New Roman, so nothing themed falls back to Calibri.
pub const THEME: &str = include_str!("theme1.xml");

/// Half-points, as `w:sz` wants them.
fn half_points(pt: f32) -> String {
    let pt = if pt.is_finite() && pt > 0.0 {
        pt.min(800.0)
    } else {
        14.0
    };
    ((pt * 2.0).round() as i64).max(2).to_string()
}

/// Line spacing as a multiple ("auto", in 240ths of a line) rather than an exact height: the
/// profile's pitch is Word's "1.5 lines" for a Times-metric font (1.15 × size × 1.5), and a
/// multiple keeps Word's own dialog showing "1.5" to the teacher.
fn line_spacing(pitch_pt: f32, size_pt: f32) -> String {
    if !(pitch_pt.is_finite() && size_pt.is_finite() && pitch_pt > 0.0 && size_pt > 0.0) {
        return "240".into();
    }
    let line = (240.0 * f64::from(pitch_pt) / (1.15 * f64::from(size_pt))).round() as i64;
    line.clamp(60, 2400).to_string()
}

/// `ru` → `ru-RU`, `en` → `en-US`; a full tag is kept, anything odd falls back to `ru-RU`.
pub fn language_tag(lang: &str) -> String {
    let tag = crate::render::html::language(lang);
    match tag.to_ascii_lowercase().as_str() {
        "ru" => "ru-RU".into(),
        "en" => "en-US".into(),
        _ => tag,
    }
}

pub fn has_footer(profile: &Profile) -> bool {
    profile.page_numbers != PageNumbers::None
}

/// The first page carries no number: it gets an empty footer of its own (`w:titlePg`).
pub fn has_first_footer(profile: &Profile) -> bool {
    has_footer(profile) && !profile.number_first_page
}

pub fn content_types(profile: &Profile) -> String {
    let mut x = Xml::new();
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    let mut overrides = vec![
        ("/word/document.xml", format!("{WML}.document.main+xml")),
        ("/word/styles.xml", format!("{WML}.styles+xml")),
        ("/word/settings.xml", format!("{WML}.settings+xml")),
        ("/word/fontTable.xml", format!("{WML}.fontTable+xml")),
        ("/word/numbering.xml", format!("{WML}.numbering+xml")),
        (
            "/word/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ),
    ];
    if has_footer(profile) {
        overrides.push(("/word/footer1.xml", format!("{WML}.footer+xml")));
    }
    if has_first_footer(profile) {
        overrides.push(("/word/footer2.xml", format!("{WML}.footer+xml")));
    }
    overrides.push((
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml".into(),
    ));
    overrides.push((
        "/docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
    ));
    for (part, ty) in &overrides {
        x.empty("Override", &[("PartName", part), ("ContentType", ty)]);
    }
    x.finish()
}

fn relationship(x: &mut Xml, id: &str, ty: &str, target: &str, external: bool) {
    if external {
        x.empty(
            "Relationship",
            &[
                ("Id", id),
                ("Type", ty),
                ("Target", target),
                ("TargetMode", "External"),
            ],
        );
    } else {
        x.empty(
            "Relationship",
            &[("Id", id), ("Type", ty), ("Target", target)],
        );
    }
}

pub fn package_rels() -> String {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    relationship(
        &mut x,
        "rId1",
        &format!("{OFFICE_REL}/officeDocument"),
        "word/document.xml",
        false,
    );
    relationship(
        &mut x,
        "rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
        false,
    );
    relationship(
        &mut x,
        "rId3",
        &format!("{OFFICE_REL}/extended-properties"),
        "docProps/app.xml",
        false,
    );
    x.finish()
}

pub fn document_rels(profile: &Profile, links: &[String]) -> String {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    for (id, kind, target) in [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFontTable", "fontTable", "fontTable.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdTheme", "theme", "theme/theme1.xml"),
    ] {
        relationship(&mut x, id, &format!("{OFFICE_REL}/{kind}"), target, false);
    }
    if has_footer(profile) {
        relationship(
            &mut x,
            FOOTER_DEFAULT_ID,
            &format!("{OFFICE_REL}/footer"),
            "footer1.xml",
            false,
        );
    }
    if has_first_footer(profile) {
        relationship(
            &mut x,
            FOOTER_FIRST_ID,
            &format!("{OFFICE_REL}/footer"),
            "footer2.xml",
            false,
        );
    }
    for (i, url) in links.iter().enumerate() {
        relationship(
            &mut x,
            &format!("rIdLink{}", i + 1),
            &format!("{OFFICE_REL}/hyperlink"),
            url,
            true,
        );
    }
    x.finish()
}

/// Title, authors, keywords and language for the file's properties. Dates appear only when
/// `Meta.date` (SOURCE_DATE_EPOCH) gives one, so that rebuilds stay byte-identical.
pub fn core(meta: &Meta, lang: &str) -> String {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.leaf("dc:title", &[], meta.title.trim());
    x.leaf("dc:creator", &[], &meta.authors.join("; "));
    if !meta.keywords.is_empty() {
        x.leaf("cp:keywords", &[], &meta.keywords.join("; "));
    }
    x.leaf("dc:language", &[], lang);
    if let Some(secs) = meta.date {
        let stamp = w3c_datetime(secs);
        for name in ["dcterms:created", "dcterms:modified"] {
            x.leaf(name, &[("xsi:type", "dcterms:W3CDTF")], &stamp);
        }
    }
    x.finish()
}

fn w3c_datetime(secs: i64) -> String {
    let d = Date::from_unix(secs);
    let s = secs.rem_euclid(86_400);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year,
        d.month,
        d.day,
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

pub fn app() -> String {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    );
    x.leaf("Application", &[], "mentorcard");
    x.leaf("DocSecurity", &[], "0");
    x.finish()
}

/// Paragraph properties of a style, in schema order.
#[derive(Default)]
struct StylePara {
    keep_next: bool,
    no_hyphens: bool,
    spacing: Option<(String, u32, u32)>,
    first_line: Option<i64>,
    jc: Option<&'static str>,
    outline: Option<u8>,
}

fn style(
    x: &mut Xml,
    id: &str,
    name: &str,
    based_on: Option<&str>,
    para: &StylePara,
    bold: bool,
    size: Option<String>,
) {
    x.open("w:style", &[("w:type", "paragraph"), ("w:styleId", id)]);
    x.empty("w:name", &[("w:val", name)]);
    if let Some(base) = based_on {
        x.empty("w:basedOn", &[("w:val", base)]);
        x.empty("w:next", &[("w:val", base)]);
    }
    x.empty("w:qFormat", &[]);
    x.open("w:pPr", &[]);
    if para.keep_next {
        x.empty("w:keepNext", &[]).empty("w:keepLines", &[]);
    }
    if para.no_hyphens {
        x.empty("w:suppressAutoHyphens", &[]);
    }
    if let Some((line, before, after)) = &para.spacing {
        x.empty(
            "w:spacing",
            &[
                ("w:before", &before.to_string()),
                ("w:after", &after.to_string()),
                ("w:line", line),
                ("w:lineRule", "auto"),
            ],
        );
    }
    if let Some(first) = para.first_line {
        x.empty("w:ind", &[("w:firstLine", &first.to_string())]);
    }
    if let Some(jc) = para.jc {
        x.empty("w:jc", &[("w:val", jc)]);
    }
    if let Some(level) = para.outline {
        x.empty("w:outlineLvl", &[("w:val", &level.to_string())]);
    }
    x.close();
    if bold || size.is_some() {
        x.open("w:rPr", &[]);
        if bold {
            x.empty("w:b", &[]).empty("w:bCs", &[]);
        }
        if let Some(sz) = size {
            x.empty("w:sz", &[("w:val", &sz)])
                .empty("w:szCs", &[("w:val", &sz)]);
        }
        x.close();
    }
    x.close();
}

pub fn styles(p: &Profile, lang: &str) -> String {
    let font = font_name(p);
    let body_size = half_points(p.font_size_pt);
    let body_line = line_spacing(p.line_pitch_pt, p.font_size_pt);
    let table_line = line_spacing(p.table_line_pitch_pt, p.table_font_size_pt);
    let justify = if p.justify { "both" } else { "left" };
    let table_justify = if p.table_justify { "both" } else { "left" };
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", W_NS)]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]).open("w:rPr", &[]);
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", &font),
            ("w:hAnsi", &font),
            ("w:eastAsia", &font),
            ("w:cs", &font),
        ],
    );
    x.empty("w:sz", &[("w:val", &body_size)]);
    x.empty("w:szCs", &[("w:val", &body_size)]);
    x.empty(
        "w:lang",
        &[
            ("w:val", lang),
            ("w:eastAsia", "en-US"),
            ("w:bidi", "ar-SA"),
        ],
    );
    x.close().close();
    x.open("w:pPrDefault", &[]).open("w:pPr", &[]);
    x.empty(
        "w:spacing",
        &[
            ("w:after", "0"),
            ("w:line", &body_line),
            ("w:lineRule", "auto"),
        ],
    );
    x.close().close();
    x.close();

    // Normal: justified body text with the first-line indent.
    x.open(
        "w:style",
        &[
            ("w:type", "paragraph"),
            ("w:default", "1"),
            ("w:styleId", "Normal"),
        ],
    );
    x.empty("w:name", &[("w:val", "Normal")]);
    x.empty("w:qFormat", &[]);
    x.open("w:pPr", &[]);
    x.empty(
        "w:spacing",
        &[
            ("w:after", "0"),
            ("w:line", &body_line),
            ("w:lineRule", "auto"),
        ],
    );
    x.empty(
        "w:ind",
        &[(
            "w:firstLine",
            &mm_to_twips(p.first_line_indent_mm).to_string(),
        )],
    );
    x.empty("w:jc", &[("w:val", justify)]);
    x.close();
    x.open("w:rPr", &[]);
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", &font),
            ("w:hAnsi", &font),
            ("w:eastAsia", &font),
            ("w:cs", &font),
        ],
    );
    x.empty("w:sz", &[("w:val", &body_size)]);
    x.empty("w:szCs", &[("w:val", &body_size)]);
    x.close();
    x.close();

    for level in 1..=6u8 {
        style(
            &mut x,
            &format!("Heading{level}"),
            &format!("heading {level}"),
            Some("Normal"),
            &StylePara {
                keep_next: true,
                no_hyphens: true,
                spacing: Some((body_line.clone(), 240, 120)),
                first_line: Some(0),
                jc: Some("center"),
                outline: Some(level - 1),
            },
            true,
            None,
        );
    }
    style(
        &mut x,
        "ListParagraph",
        "List Paragraph",
        Some("Normal"),
        &StylePara {
            first_line: Some(0),
            ..StylePara::default()
        },
        false,
        None,
    );
    // Table text: the profile's table size and spacing, no first-line indent.
    style(
        &mut x,
        "TableText",
        "Table Text",
        Some("Normal"),
        &StylePara {
            spacing: Some((table_line, 0, 0)),
            first_line: Some(0),
            jc: Some(table_justify),
            ..StylePara::default()
        },
        false,
        Some(half_points(p.table_font_size_pt)),
    );
    // The criteria column is never hyphenated, even when the body is.
    style(
        &mut x,
        "TableLabel",
        "Table Label",
        Some("TableText"),
        &StylePara {
            no_hyphens: true,
            jc: Some("left"),
            ..StylePara::default()
        },
        false,
        None,
    );
    style(
        &mut x,
        "TableNumber",
        "Table Number",
        Some("TableText"),
        &StylePara {
            no_hyphens: true,
            jc: Some("center"),
            ..StylePara::default()
        },
        false,
        None,
    );
    style(
        &mut x,
        "TableHeading",
        "Table Heading",
        Some("TableText"),
        &StylePara {
            keep_next: true,
            no_hyphens: true,
            jc: Some("center"),
            ..StylePara::default()
        },
        true,
        None,
    );
    style(
        &mut x,
        "Footer",
        "footer",
        Some("Normal"),
        &StylePara {
            spacing: Some(("240".into(), 0, 0)),
            first_line: Some(0),
            ..StylePara::default()
        },
        false,
        None,
    );

    x.open(
        "w:style",
        &[("w:type", "character"), ("w:styleId", "Hyperlink")],
    );
    x.empty("w:name", &[("w:val", "Hyperlink")]);
    x.open("w:rPr", &[]);
    x.empty("w:color", &[("w:val", "0563C1")]);
    x.empty("w:u", &[("w:val", "single")]);
    x.close();
    x.close();
    x.finish()
}

/// `fields`: the document has page references (a сборник's contents and index), which Word
/// is asked to update when it opens the file, so they name its own pages.
pub fn settings(p: &Profile, lang: &str, fields: bool) -> String {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W_NS)]);
    x.empty("w:zoom", &[("w:percent", "100")]);
    x.empty("w:defaultTabStop", &[("w:val", "709")]);
    // Contest rules forbid hyphenation, so it is switched on only when the profile asks.
    if p.hyphenate {
        x.empty("w:autoHyphenation", &[]);
    }
    x.empty("w:characterSpacingControl", &[("w:val", "doNotCompress")]);
    // (After characterSpacingControl and before compat, as the schema orders them.)
    if fields {
        x.empty("w:updateFields", &[("w:val", "true")]);
    }
    x.open("w:compat", &[]);
    // A line ended by a manual break is not stretched in justified text (the seed's cells
    // have such breaks); without this Word spreads "Участник 1:" across the whole column.
    x.empty("w:doNotExpandShiftReturn", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.close();
    x.empty("w:themeFontLang", &[("w:val", lang)]);
    x.empty("w:decimalSymbol", &[("w:val", ",")]);
    x.empty("w:listSeparator", &[("w:val", ";")]);
    x.finish()
}

fn font_name(p: &Profile) -> String {
    let name = p.font_family.trim();
    if name.is_empty() {
        "Times New Roman".into()
    } else {
        name.to_string()
    }
}

pub fn font_table(p: &Profile) -> String {
    let font = font_name(p);
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", W_NS)]);
    x.open("w:font", &[("w:name", &font)]);
    if font == "Times New Roman" {
        x.empty("w:panose1", &[("w:val", "02020603050405020304")]);
        x.empty("w:charset", &[("w:val", "CC")]);
        x.empty("w:family", &[("w:val", "roman")]);
    } else {
        x.empty("w:family", &[("w:val", "auto")]);
    }
    x.empty("w:pitch", &[("w:val", "variable")]);
    x.close();
    x.finish()
}

/// Word's own limit for a list start (its dialog stops there; the schema allows an int).
const MAX_LIST_START: u32 = 32767;

/// One abstract definition and one `w:num` per list. Sharing an abstract definition would
/// make Word continue the count from the previous list; a separate one plus `startOverride`
/// restarts every list in Word and LibreOffice alike.
pub fn numbering(lists: &[ListDef]) -> String {
    let mut x = Xml::new();
    x.open("w:numbering", &[("xmlns:w", W_NS)]);
    for (i, list) in lists.iter().enumerate() {
        x.open("w:abstractNum", &[("w:abstractNumId", &i.to_string())]);
        x.empty("w:nsid", &[("w:val", &format!("{:08X}", 0x4D43_0000 + i))]);
        x.empty("w:multiLevelType", &[("w:val", "hybridMultilevel")]);
        for level in 0..=8u8 {
            x.open("w:lvl", &[("w:ilvl", &level.to_string())]);
            let (start, format, text) = match list.kind {
                ListKind::Bullet => (1, "bullet", "•".to_string()),
                ListKind::Numbered { start } => (
                    start.min(MAX_LIST_START),
                    "decimal",
                    format!("%{}.", level + 1),
                ),
            };
            x.empty("w:start", &[("w:val", &start.to_string())]);
            x.empty("w:numFmt", &[("w:val", format)]);
            x.empty("w:lvlText", &[("w:val", &text)]);
            x.empty("w:lvlJc", &[("w:val", "left")]);
            x.open("w:pPr", &[]);
            x.empty(
                "w:ind",
                &[
                    ("w:left", &list_indent(level, list.in_cell).to_string()),
                    ("w:hanging", "357"),
                ],
            );
            x.close();
            x.close();
        }
        x.close();
    }
    for (i, list) in lists.iter().enumerate() {
        x.open("w:num", &[("w:numId", &(i + 1).to_string())]);
        x.empty("w:abstractNumId", &[("w:val", &i.to_string())]);
        if let ListKind::Numbered { start } = list.kind {
            x.open("w:lvlOverride", &[("w:ilvl", &list.level.to_string())]);
            x.empty(
                "w:startOverride",
                &[("w:val", &start.min(MAX_LIST_START).to_string())],
            );
            x.close();
        }
        x.close();
    }
    x.finish()
}

/// The page-number footer, or (`numbered == false`) the empty footer of an unnumbered
/// first page.
pub fn footer(p: &Profile, numbered: bool) -> String {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &[("w:val", "Footer")]);
    let jc = match p.page_numbers {
        PageNumbers::BottomCenter => "center",
        _ => "right",
    };
    x.empty("w:jc", &[("w:val", jc)]);
    x.close();
    if numbered {
        x.open("w:r", &[]);
        x.empty("w:fldChar", &[("w:fldCharType", "begin")]);
        x.close();
        x.open("w:r", &[]);
        x.leaf("w:instrText", &[("xml:space", "preserve")], " PAGE ");
        x.close();
        x.open("w:r", &[]);
        x.empty("w:fldChar", &[("w:fldCharType", "separate")]);
        x.close();
        x.open("w:r", &[]);
        x.leaf("w:t", &[], "1");
        x.close();
        x.open("w:r", &[]);
        x.empty("w:fldChar", &[("w:fldCharType", "end")]);
        x.close();
    }
    x.finish()
}
