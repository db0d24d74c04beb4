//! Pages → PDF bytes. printpdf writes the pages, fonts and links; its document is then
//! finished with lopdf for what printpdf does not do deterministically or at all: a stable
//! file ID, dates only from `Meta.date`, `/Lang`, and a nested outline in document order.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Codepoint, Color, FontId, FontMetrics, FontType, LinkAnnotation, Mm, Op,
    ParsedFont, PdfDocument, PdfFontHandle, PdfFontMetricsStub, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, Rgb, TextItem, TextMatrix,
};

use super::fonts::{Fonts, Style};
use super::pages::{Page, PAGE_H, PAGE_W};
use crate::document::Meta;

/// One embedded face: its resource name and the map from original to subset glyph ids.
struct Embedded {
    id: FontId,
    remap: BTreeMap<u16, u16>,
    /// Char → subset glyph, the table printpdf encodes text strings with.
    by_char: BTreeMap<u32, u16>,
}

/// An outline entry: level (1 = heading, 2 = table row), title, page index, y from the top.
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

pub fn write(fonts: &Fonts, pages: &[Page], meta: &Meta) -> Result<Vec<u8>, String> {
    // Glyphs actually drawn, per face, with the text each stands for (for /ToUnicode).
    let mut used: [BTreeMap<u16, char>; 4] = Default::default();
    for page in pages {
        for placed in &page.lines {
            for g in &placed.line.glyphs {
                let slot = used[g.style.index()].entry(g.gid).or_insert(g.ch);
                if g.ch == ' ' {
                    *slot = ' ';
                }
            }
        }
    }

    let mut doc = PdfDocument::new(&meta.title);
    let mut embedded: [Option<Embedded>; 4] = Default::default();
    for style in Style::ALL {
        let glyphs = &used[style.index()];
        if glyphs.is_empty() {
            continue;
        }
        let font = fonts.get(style);
        let gids: Vec<u16> = glyphs.keys().copied().collect();
        let (bytes, remap) = font.subset(&gids)?;
        let d = font.descriptor();
        let upem = font.units_per_em();
        // One glyph per char: the first glyph seen for a char keeps it.
        let mut by_char: BTreeMap<u32, u16> = BTreeMap::new();
        for (old, ch) in glyphs {
            if let Some(&new) = remap.get(old) {
                by_char.entry(u32::from(*ch)).or_insert(new);
            }
        }
        let glyph_widths = remap
            .iter()
            .map(|(&old, &new)| (new, font.advance_units(old)))
            .collect();
        // A subset must say so in its name (`ABCDEF+`), derived here from the glyph set so
        // the same text gives the same tag.
        let tag = subset_tag(style, &gids);
        let parsed = ParsedFont {
            original_bytes: bytes,
            font_index: 0,
            font_name: Some(format!("{tag}+{}", style.postscript_name())),
            codepoint_to_glyph: by_char.clone(),
            glyph_widths,
            units_per_em: upem,
            font_metrics: FontMetrics {
                ascent: d.ascender,
                descent: d.descender,
            },
            font_type: FontType::TrueType,
            pdf_font_metrics: PdfFontMetricsStub {
                units_per_em: upem,
                x_min: d.bbox[0],
                y_min: d.bbox[1],
                x_max: d.bbox[2],
                y_max: d.bbox[3],
                // printpdf turns the caret slope into /ItalicAngle; express the post
                // table's angle as that slope.
                caret_slope_rise: 1000,
                caret_slope_run: (-d.italic_angle.to_radians().tan() * 1000.0).round() as i16,
                us_weight_class: d.weight,
            },
        };
        // Fixed resource names: printpdf's own ids are random per call.
        let id = FontId(format!("F{}", style.index() + 1));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        embedded[style.index()] = Some(Embedded { id, remap, by_char });
    }

    let mut outline = Vec::new();
    for (pi, page) in pages.iter().enumerate() {
        let mut ops = Vec::new();
        if !page.rules.is_empty() {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetOutlineColor {
                col: Color::Rgb(Rgb {
                    r: 0.0,
                    g: 0.0,
                    b: 0.0,
                    icc_profile: None,
                }),
            });
            ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
            for r in &page.rules {
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![
                            printpdf::LinePoint {
                                p: Point {
                                    x: Pt(r[0]),
                                    y: Pt(PAGE_H - r[1]),
                                },
                                bezier: false,
                            },
                            printpdf::LinePoint {
                                p: Point {
                                    x: Pt(r[2]),
                                    y: Pt(PAGE_H - r[3]),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            ops.push(Op::RestoreGraphicsState);
        }
        let mut links = Vec::new();
        ops.push(Op::StartTextSection);
        for placed in &page.lines {
            let line = &placed.line;
            let x0 = placed.x + line.x;
            let y = PAGE_H - placed.y;
            if let Some((level, title)) = &line.outline {
                outline.push(OutlineEntry {
                    level: *level,
                    title: title.clone(),
                    page: pi,
                    y: placed.y - line.size,
                });
            }
            let size = line.size;
            let mut k = 0;
            while k < line.glyphs.len() {
                let style = line.glyphs[k].style;
                let mut e = k;
                while e < line.glyphs.len() && line.glyphs[e].style == style {
                    e += 1;
                }
                let Some(emb) = &embedded[style.index()] else {
                    k = e;
                    continue;
                };
                let font = fonts.get(style);
                // Runs of text go out as strings (two bytes a glyph, mapped through the
                // font's char → glyph table); offsets appear only where kerning or
                // justification moves the pen. A glyph whose char is mapped to another
                // glyph goes out by id with its own ToUnicode text.
                let mut items = Vec::new();
                let mut run = String::new();
                for i in k..e {
                    let g = &line.glyphs[i];
                    let new_gid = emb.remap.get(&g.gid).copied().unwrap_or(0);
                    if emb.by_char.get(&u32::from(g.ch)) == Some(&new_gid) {
                        run.push(g.ch);
                    } else {
                        if !run.is_empty() {
                            items.push(TextItem::Text(std::mem::take(&mut run)));
                        }
                        items.push(TextItem::GlyphIds(vec![Codepoint {
                            gid: new_gid,
                            offset: 0.0,
                            cid: Some(g.ch.to_string()),
                        }]));
                    }
                    if i + 1 < e {
                        let want = (line.glyphs[i + 1].x - g.x) * 1000.0 / size;
                        let w = font.advance_1000(g.gid) as f32;
                        let offset = ((w - want) * 10.0).round() / 10.0;
                        if offset != 0.0 {
                            if !run.is_empty() {
                                items.push(TextItem::Text(std::mem::take(&mut run)));
                            }
                            items.push(TextItem::Offset(offset));
                        }
                    }
                }
                if !run.is_empty() {
                    items.push(TextItem::Text(run));
                }
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(emb.id.clone()),
                    size: Pt(size),
                });
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(round2(x0 + line.glyphs[k].x)), Pt(round2(y))),
                });
                ops.push(Op::ShowText { items });
                k = e;
            }
            for (lx0, lx1, url) in &line.links {
                links.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        Rect {
                            x: Pt(round2(x0 + lx0)),
                            y: Pt(round2(y - 0.2 * size)),
                            width: Pt(round2(lx1 - lx0)),
                            height: Pt(round2(size)),
                            mode: None,
                            winding_order: None,
                        },
                        Actions::Uri(url.clone()),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
        }
        ops.push(Op::EndTextSection);
        ops.extend(links);
        doc.pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }
    let _ = PAGE_W;

    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut lo = printpdf::serialize::to_lopdf_doc(&doc, &opts, &mut warnings);
    finish(&mut lo, meta, &outline).map_err(|e| format!("PDF post-processing: {e}"))?;
    lo.prune_objects();
    compress(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| format!("PDF write: {e}"))?;
    Ok(out)
}

/// Deflate every stream at level 2 with one reused compressor. lopdf's own `compress`
/// runs level 9 and builds a fresh compressor (hundreds of KB of zeroed hash tables) per
/// stream; measured with callgrind on the example: 15 M instructions at level 6, 9 M at
/// level 2 for a file 3.4 KB larger (41 KB).
fn compress(doc: &mut lopdf::Document) {
    let mut z = flate2::Compress::new(flate2::Compression::new(2), true);
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        z.reset();
        let mut packed = Vec::with_capacity(stream.content.len() / 2 + 64);
        let done = loop {
            let consumed = z.total_in() as usize;
            let input = stream.content.get(consumed..).unwrap_or_default();
            match z.compress_vec(input, &mut packed, flate2::FlushCompress::Finish) {
                Ok(flate2::Status::StreamEnd) => break true,
                Ok(_) => packed.reserve(packed.capacity().max(1024)),
                Err(_) => break false,
            }
        };
        if done && packed.len() + 19 < stream.content.len() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
}

fn round2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn subset_tag(style: Style, gids: &[u16]) -> String {
    let mut h = fnv(&[style.index() as u8]);
    for g in gids {
        h = fnv_more(h, &g.to_be_bytes());
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

fn fnv(bytes: &[u8]) -> u64 {
    fnv_more(0xcbf2_9ce4_8422_2325, bytes)
}

fn fnv_more(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// PDF text string: UTF-16BE with a byte-order mark, so Cyrillic titles survive.
fn text(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

fn finish(doc: &mut lopdf::Document, meta: &Meta, outline: &[OutlineEntry]) -> lopdf::Result<()> {
    let mut info = Dictionary::new();
    info.set("Title", text(&meta.title));
    if !meta.authors.is_empty() {
        info.set("Author", text(&meta.authors.join(", ")));
    }
    if !meta.keywords.is_empty() {
        info.set("Keywords", text(&meta.keywords.join(", ")));
    }
    info.set("Creator", text("mentorcard"));
    info.set("Producer", text("mentorcard (printpdf)"));
    if let Some(epoch) = meta.date {
        let d = Object::String(pdf_date(epoch).into_bytes(), StringFormat::Literal);
        info.set("CreationDate", d.clone());
        info.set("ModDate", d);
    }
    // printpdf's own Info always carries 1970 dates and PDF/X keys: replace it outright.
    if let Ok(old) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));

    let pages = doc.get_pages();
    let page_ids: Vec<ObjectId> = pages.values().copied().collect();
    for &page in &page_ids {
        indirect_annotations(doc, page)?;
    }
    let outlines = if outline.is_empty() || page_ids.is_empty() {
        None
    } else {
        Some(build_outline(doc, outline, &page_ids))
    };

    let catalog = doc.catalog_mut()?;
    let lang = if meta.lang.is_empty() {
        "ru"
    } else {
        meta.lang.as_str()
    };
    catalog.set("Lang", text(lang));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", prefs);
    if let Some(root) = outlines {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }

    // A stable file identifier: derived from the content that defines the file.
    let mut h = fnv(meta.title.as_bytes());
    h = fnv_more(h, &(page_ids.len() as u64).to_be_bytes());
    for e in outline {
        h = fnv_more(h, e.title.as_bytes());
    }
    let id = format!("{h:016x}{:016x}", fnv_more(h, b"mentorcard"));
    let id = Object::String(id.into_bytes(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    Ok(())
}

/// printpdf writes link annotations inline in `/Annots` (and an empty array on every
/// page); the spec wants indirect references, and lopdf-based readers only follow those.
fn indirect_annotations(doc: &mut lopdf::Document, page: ObjectId) -> lopdf::Result<()> {
    let annots = match doc.get_dictionary(page)?.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        _ => return Ok(()),
    };
    let mut refs = Vec::with_capacity(annots.len());
    for a in annots {
        match a {
            Object::Dictionary(mut d) => {
                d.set("P", Object::Reference(page));
                refs.push(Object::Reference(doc.add_object(d)));
            }
            other => refs.push(other),
        }
    }
    let dict = doc.get_dictionary_mut(page)?;
    if refs.is_empty() {
        dict.remove(b"Annots");
    } else {
        dict.set("Annots", Object::Array(refs));
    }
    Ok(())
}

/// Nest entries by level (a row under the heading before it) and link them as the PDF
/// outline tree wants: Parent/First/Last/Prev/Next/Count.
fn build_outline(
    doc: &mut lopdf::Document,
    entries: &[OutlineEntry],
    pages: &[ObjectId],
) -> ObjectId {
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // Parent index for each entry: the nearest earlier entry of a lower level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&s| entries[s].level >= e.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..entries.len()).filter(|&i| parent[i] == p).collect()
    };
    let mut dicts: Vec<Dictionary> = entries
        .iter()
        .map(|e| {
            let mut d = Dictionary::new();
            d.set("Title", text(&e.title));
            if let Some(page) = pages.get(e.page).or(pages.first()) {
                d.set(
                    "Dest",
                    Object::Array(vec![
                        Object::Reference(*page),
                        Object::Name(b"XYZ".to_vec()),
                        Object::Integer(0),
                        Object::Real((PAGE_H - e.y).round()),
                        Object::Null,
                    ]),
                );
            }
            d
        })
        .collect();
    let link = |kids: &[usize], parent_id: ObjectId, dicts: &mut Vec<Dictionary>| {
        for (k, &c) in kids.iter().enumerate() {
            dicts[c].set("Parent", Object::Reference(parent_id));
            if k > 0 {
                dicts[c].set("Prev", Object::Reference(ids[kids[k - 1]]));
            }
            if let Some(&n) = kids.get(k + 1) {
                dicts[c].set("Next", Object::Reference(ids[n]));
            }
        }
    };
    let top = children(None);
    link(&top, root, &mut dicts);
    for i in 0..entries.len() {
        let kids = children(Some(i));
        if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
            link(&kids, ids[i], &mut dicts);
            dicts[i].set("First", Object::Reference(ids[f]));
            dicts[i].set("Last", Object::Reference(ids[l]));
            // Negative: closed, so the outline opens on the sections, rows folded.
            dicts[i].set("Count", Object::Integer(-(kids.len() as i64)));
        }
    }
    for (id, d) in ids.iter().zip(dicts) {
        doc.objects.insert(*id, Object::Dictionary(d));
    }
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[f]));
        r.set("Last", Object::Reference(ids[l]));
    }
    r.set("Count", Object::Integer(top.len() as i64));
    doc.objects.insert(root, Object::Dictionary(r));
    root
}

/// `D:YYYYMMDDHHmmSSZ` from Unix seconds (UTC), without a date library.
fn pdf_date(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "D:{y:04}{m:02}{d:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::pdf_date;

    #[test]
    fn dates_are_utc_civil() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_700_000_000), "D:20231114221320Z");
        assert_eq!(pdf_date(951_782_400), "D:20000229000000Z");
    }
}
