//! Pages → PDF bytes through printpdf: pages, text runs positioned glyph by glyph, the
//! table rules, link annotations and the embedded fonts (widths and `/ToUnicode` from the
//! text each glyph stands for).
//!
//! Three steps happen beside printpdf, each because printpdf 0.12 cannot do it:
//! - subsetting: printpdf's allsorts-based subsetting exists only behind its `text_layout`
//!   feature, which pulls in a layout engine (azul) and more than doubles the build; the
//!   same allsorts call is made here and printpdf embeds the subset;
//! - after printpdf's serialisation, its lopdf document gets what the API has no place for:
//!   `/Lang`, `/ViewerPreferences`, a nested outline in document order with exact
//!   destinations (printpdf's bookmarks are flat and sorted by title), Info without the
//!   1970 dates it always writes, link annotations as indirect objects, a content-derived
//!   file ID (its IDs come from a process-wide counter), and the version CFF fonts need;
//! - streams are deflated with one reused compressor (lopdf's makes a new level-9 one per
//!   stream).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Codepoint, Color, FontId, Line as PdfLine, LinePoint, LinkAnnotation, Op,
    ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb,
    TextItem, TextMatrix,
};

use crate::document::Meta;
use crate::layout::fonts::{Font, Fonts};
use crate::layout::pages::{Page, PAGE_H, PAGE_W};
use crate::layout::Paged;

/// Deflate levels: content streams at 2 (a third of level 6's time for a few kilobytes
/// more), font programs at 6 (they shrink further, and are a small part of the work).
const CONTENT_LEVEL: u32 = 2;
const FONT_LEVEL: u32 = 6;

/// Resetting a compressor zeroes its tables, which costs more than a stream this small
/// could save.
const SMALL_STREAM: usize = 1024;

/// Pages per printpdf conversion: a сборник's are converted in chunks side by side. Fixed,
/// so the chunks, and with them the file, are the same for any number of threads; a card
/// is one chunk.
const CHUNK_PAGES: usize = 64;

/// One face as embedded: its resource name, the subset's glyph ids, and the one text each
/// glyph stands for.
struct Embedded {
    id: FontId,
    remap: BTreeMap<u16, u16>,
    text: BTreeMap<u16, char>,
}

/// An outline entry: level (1 = heading, 2 = table row), title, page index, y from the top.
struct OutlineEntry {
    level: u8,
    title: String,
    page: usize,
    y: f32,
}

/// Why a PDF could not be written: a face its subsetter cannot read (by index in
/// `Fonts::faces`), or the file itself.
#[derive(Debug)]
pub enum WriteError {
    Font { face: usize, detail: String },
    Pdf(String),
}

/// `jobs` threads share the work of a long file; the bytes do not depend on it.
fn write_pages(
    fonts: &Fonts,
    pages: &[Page],
    meta: &Meta,
    jobs: usize,
) -> Result<Vec<u8>, WriteError> {
    // Glyphs drawn, per face, with the one text each stands for (for /ToUnicode).
    let mut used: Vec<BTreeMap<u16, char>> = vec![BTreeMap::new(); fonts.faces().len()];
    for g in pages
        .iter()
        .flat_map(|p| &p.lines)
        .flat_map(|l| &l.line.glyphs)
    {
        // One glyph may stand for several characters (a space and a no-break space, a
        // hyphen and a no-break hyphen): text extraction gets the plain one.
        let slot = used[fonts.face_index(g.style)].entry(g.gid).or_insert(g.ch);
        if g.ch.is_ascii() && !slot.is_ascii() {
            *slot = g.ch;
        }
    }

    let mut fonts_map = BTreeMap::new();
    let subsets: Vec<Result<Option<(ParsedFont, Embedded)>, WriteError>> = fonts
        .faces()
        .iter()
        .zip(&used)
        .enumerate()
        .map(|(i, (font, glyphs))| {
            embed(i, font, glyphs).map_err(|detail| WriteError::Font { face: i, detail })
        })
        .collect();
    let mut embedded: Vec<Option<Embedded>> = Vec::new();
    for subset in subsets {
        match subset? {
            Some((parsed, emb)) => {
                fonts_map.insert(emb.id.clone(), PdfFont::new(parsed));
                embedded.push(Some(emb));
            }
            None => embedded.push(None),
        }
    }

    // Pages go through printpdf in chunks of a fixed size, side by side; the chunks are
    // then joined in order, so the file is the same for any number of threads.
    let chunks: Vec<(usize, &[Page])> = pages
        .chunks(CHUNK_PAGES)
        .enumerate()
        .map(|(i, c)| (i * CHUNK_PAGES, c))
        .collect();
    let converted = crate::parallel::map(&chunks, jobs, |(first, chunk)| {
        let mut outline = Vec::new();
        let pages = chunk
            .iter()
            .enumerate()
            .map(|(i, page)| pdf_page(page_ops(fonts, page, &embedded, first + i, &mut outline)));
        let pages = pages.collect();
        (serialize(meta, &fonts_map, pages), outline)
    });
    let mut outline = Vec::new();
    let mut parts = Vec::new();
    for (doc, entries) in converted {
        parts.push(doc);
        outline.extend(entries);
    }
    let mut lo = match parts.len() {
        0 | 1 => parts
            .pop()
            .unwrap_or_else(|| serialize(meta, &fonts_map, Vec::new())),
        _ => {
            let glyphs = pdf_page(every_glyph(fonts, &embedded));
            join(serialize(meta, &fonts_map, vec![glyphs]), parts)?
        }
    };
    finish(&mut lo, meta, &outline).map_err(|e| WriteError::Pdf(e.to_string()))?;
    compress(&mut lo, jobs);
    let mut h = FNV0;
    for obj in lo.objects.values() {
        if let Object::Stream(s) = obj {
            h = fnv(h, &s.content);
        }
    }
    h = fnv(h, meta.title.as_bytes());
    let mut id = h.to_be_bytes().to_vec();
    id.extend_from_slice(&fnv(h, b"mentorcard").to_be_bytes());
    let id = Object::String(id, StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut out = Vec::with_capacity(64 * 1024);
    // Object and cross-reference streams: the dictionaries (pages, outline, widths) are a
    // fifth of the file and shrink to a third when deflated together.
    let save = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(CONTENT_LEVEL)
        .build();
    lo.save_with_options(&mut out, save)
        .map_err(|e| WriteError::Pdf(e.to_string()))?;
    Ok(out)
}

/// One A4 page of drawing operations.
fn pdf_page(ops: Vec<Op>) -> PdfPage {
    let mut p = PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops);
    p.media_box = Rect::from_wh(Pt(PAGE_W), Pt(PAGE_H));
    p.trim_box = p.media_box.clone();
    p.crop_box = p.media_box.clone();
    p
}

/// Pages through printpdf, with the embedded faces.
fn serialize(
    meta: &Meta,
    fonts: &BTreeMap<FontId, PdfFont>,
    pages: Vec<PdfPage>,
) -> lopdf::Document {
    let mut doc = PdfDocument::new(&meta.title);
    doc.resources.fonts.map = fonts.clone();
    doc.pages = pages;
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    doc.to_lopdf_document(&options, &mut warnings)
}

/// A page that shows every glyph of every face, so that the fonts printpdf writes for it
/// (widths and `/ToUnicode`) cover the pages of every chunk.
fn every_glyph(fonts: &Fonts, embedded: &[Option<Embedded>]) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for (face, emb) in embedded.iter().enumerate() {
        let Some(emb) = emb else { continue };
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(emb.id.clone()),
            size: Pt(10.0),
        });
        let font = &fonts.faces()[face];
        let items = emb
            .text
            .iter()
            .map(|(&gid, &ch)| match font.glyph(ch) == Some(gid) {
                true => TextItem::Text(ch.to_string()),
                false => TextItem::GlyphIds(vec![Codepoint {
                    gid: emb.remap.get(&gid).copied().unwrap_or(0),
                    offset: 0.0,
                    cid: Some(ch.to_string()),
                }]),
            });
        ops.push(Op::ShowText {
            items: items.collect(),
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The chunks' pages, in order, moved into `base` (printpdf's file of the every-glyph page,
/// whose fonts they share); the every-glyph page goes.
fn join(
    mut base: lopdf::Document,
    parts: Vec<lopdf::Document>,
) -> Result<lopdf::Document, WriteError> {
    let error = |e: lopdf::Error| WriteError::Pdf(e.to_string());
    let pages_id = base
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(error)?;
    let sample = base.get_pages().into_values().next();
    let sample = sample.ok_or_else(|| WriteError::Pdf("no page to join to".into()))?;
    let page = base.get_dictionary(sample).map_err(error)?;
    let resources = page.get(b"Resources").cloned().map_err(error)?;
    let contents = page
        .get(b"Contents")
        .and_then(Object::as_reference)
        .map_err(error)?;
    base.objects.remove(&sample);
    base.objects.remove(&contents);
    let mut kids = Vec::new();
    for mut part in parts {
        for id in part.get_pages().into_values() {
            let Some(Object::Dictionary(mut page)) = part.objects.remove(&id) else {
                return Err(WriteError::Pdf("a page that is not a dictionary".into()));
            };
            let contents = page
                .get(b"Contents")
                .and_then(Object::as_reference)
                .map_err(error)?;
            let stream = part.objects.remove(&contents).unwrap_or(Object::Null);
            page.set("Contents", Object::Reference(base.add_object(stream)));
            page.set("Parent", Object::Reference(pages_id));
            page.set("Resources", resources.clone());
            kids.push(Object::Reference(base.add_object(page)));
        }
    }
    let pages = base.get_dictionary_mut(pages_id).map_err(error)?;
    pages.set("Count", Object::Integer(kids.len() as i64));
    pages.set("Kids", Object::Array(kids));
    base.renumber_objects();
    Ok(base)
}

/// Face `i` cut down to the glyphs drawn and parsed for printpdf; `None` if none is drawn.
fn embed(
    i: usize,
    font: &Font,
    glyphs: &BTreeMap<u16, char>,
) -> Result<Option<(ParsedFont, Embedded)>, String> {
    if glyphs.is_empty() {
        return Ok(None);
    }
    let gids: Vec<u16> = glyphs.keys().copied().collect();
    let (program, remap) = subset(font, &gids)?;
    let mut warnings = Vec::new();
    let mut parsed = ParsedFont::from_bytes(&program, 0, &mut warnings)
        .ok_or_else(|| format!("the subset of {} cannot be read", font.postscript_name()))?;
    parsed.font_name = Some(format!(
        "{}+{}",
        subset_tag(i, &gids),
        font.postscript_name()
    ));
    let emb = Embedded {
        id: FontId(format!("F{}", i + 1)),
        remap,
        text: glyphs.clone(),
    };
    Ok(Some((parsed, emb)))
}

/// A page's drawing: rules, then the text runs (one `Tm` and one `TJ` per run of a face),
/// then its links.
fn page_ops(
    fonts: &Fonts,
    page: &Page,
    embedded: &[Option<Embedded>],
    page_index: usize,
    outline: &mut Vec<OutlineEntry>,
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.lines.len() * 4 + page.rules.len() + 8);
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
            let point = |x: f32, y: f32| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(PAGE_H - y),
                },
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: PdfLine {
                    points: vec![point(r[0], r[1]), point(r[2], r[3])],
                    is_closed: false,
                },
            });
        }
        ops.push(Op::RestoreGraphicsState);
    }
    ops.push(Op::StartTextSection);
    let mut links = Vec::new();
    let mut current: Option<(usize, u32)> = None;
    for placed in &page.lines {
        let line = &placed.line;
        let size = line.size;
        let x0 = placed.x + line.x;
        let y = round2(PAGE_H - placed.y);
        if let Some((level, title)) = &line.outline {
            outline.push(OutlineEntry {
                level: *level,
                title: title.clone(),
                page: page_index,
                y: placed.y - size,
            });
        }
        let mut k = 0;
        while k < line.glyphs.len() {
            let face = fonts.face_index(line.glyphs[k].style);
            let mut e = k;
            while e < line.glyphs.len() && fonts.face_index(line.glyphs[e].style) == face {
                e += 1;
            }
            let Some(emb) = &embedded[face] else {
                k = e;
                continue;
            };
            if current != Some((face, size.to_bits())) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(emb.id.clone()),
                    size: Pt(size),
                });
                current = Some((face, size.to_bits()));
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(round2(x0 + line.glyphs[k].x)), Pt(y)),
            });
            let items = run(&fonts.faces()[face], &line.glyphs[k..e], size, emb);
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
    ops
}

/// A run of one face's glyphs. The viewer moves its pen by the truncated `/W` widths
/// printpdf writes (`Font::advance_1000`); a `TJ` offset is added only where the pen has
/// strayed half a unit (a hundredth of a point) from where layout put the next glyph, so
/// most glyphs need none. Glyphs go out as text (printpdf maps it through the subset's
/// cmap, one string per stretch), and by id only where the text would pick another glyph.
fn run(
    font: &Font,
    glyphs: &[crate::layout::linebreak::Placed],
    size: f32,
    emb: &Embedded,
) -> Vec<TextItem> {
    let mut items = Vec::new();
    let mut text = String::new();
    let start = glyphs.first().map_or(0.0, |g| g.x);
    let mut pen = 0.0f32;
    for (i, g) in glyphs.iter().enumerate() {
        pen += font.advance_1000(g.gid) as f32;
        let ch = emb.text.get(&g.gid).copied().unwrap_or(g.ch);
        if font.glyph(ch) == Some(g.gid) {
            text.push(ch);
        } else {
            if !text.is_empty() {
                items.push(TextItem::Text(std::mem::take(&mut text)));
            }
            items.push(TextItem::GlyphIds(vec![Codepoint {
                gid: emb.remap.get(&g.gid).copied().unwrap_or(0),
                offset: 0.0,
                cid: Some(ch.to_string()),
            }]));
        }
        if let Some(next) = glyphs.get(i + 1) {
            let want = (next.x - start) * 1000.0 / size;
            let d = ((pen - want) * 10.0).round() / 10.0;
            if d.abs() >= 0.5 {
                if !text.is_empty() {
                    items.push(TextItem::Text(std::mem::take(&mut text)));
                }
                items.push(TextItem::Offset(d));
                pen -= d;
            }
        }
    }
    if !text.is_empty() {
        items.push(TextItem::Text(text));
    }
    items
}

/// The face cut down to the glyphs drawn, by allsorts (as printpdf would with its
/// `text_layout` feature): `.notdef` first, then the glyphs in order, each new id its
/// position.
fn subset(font: &Font, gids: &[u16]) -> Result<(Vec<u8>, BTreeMap<u16, u16>), String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::CmapTarget;
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", font.postscript_name());
    let data = ReadScope::new(font.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| fail(&e))?;
    let provider = data
        .table_provider(font.index() as usize)
        .map_err(|e| fail(&e))?;
    let ids: Vec<u16> = std::iter::once(0)
        .chain(gids.iter().copied().filter(|&g| g != 0))
        .collect();
    let bytes = allsorts::subset::subset(&provider, &ids, &profile(), CmapTarget::Unicode)
        .map_err(|e| fail(&e))?;
    let remap = ids
        .iter()
        .enumerate()
        .map(|(i, &g)| (g, i as u16))
        .collect();
    Ok((bytes, remap))
}

/// allsorts' PDF profile without `name` and `post`: a PDF reads neither from an
/// embedded font, and Liberation's `name` alone is kilobytes of licence text per face.
fn profile() -> allsorts::subset::SubsetProfile {
    use allsorts::tag;
    allsorts::subset::SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::CVT,
        tag::FPGM,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::PREP,
    ])
}

const FNV0: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The `ABCDEF+` subset prefix, derived from the glyph set so equal input gives equal tags.
fn subset_tag(face: usize, gids: &[u16]) -> String {
    let mut h = fnv(FNV0, &[face as u8]);
    for g in gids {
        h = fnv(h, &g.to_be_bytes());
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

fn round2(v: f32) -> f32 {
    if v.is_finite() {
        (v * 100.0).round() / 100.0
    } else {
        0.0
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, so Cyrillic survives; as a literal
/// string, half the size of hex (lopdf escapes what must be escaped).
fn text(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Literal)
}

/// What printpdf's API has no place for; see the module comment.
fn finish(doc: &mut lopdf::Document, meta: &Meta, outline: &[OutlineEntry]) -> lopdf::Result<()> {
    doc.version = "1.7".into();
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
    if let Ok(old) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));

    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    for &pid in &page_ids {
        indirect_annotations(doc, pid)?;
    }
    let root = build_outline(doc, outline, &page_ids);
    let lang = if meta.lang.is_empty() {
        "ru"
    } else {
        meta.lang.as_str()
    };
    let catalog = doc.catalog_mut()?;
    catalog.set("Lang", text(lang));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", prefs);
    catalog.remove(b"PageLayout");
    match root {
        Some(r) => {
            catalog.set("Outlines", Object::Reference(r));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => {
            catalog.remove(b"PageMode");
        }
    }
    Ok(())
}

/// Link annotations as indirect objects that name their page; no empty `/Annots`.
fn indirect_annotations(doc: &mut lopdf::Document, page: ObjectId) -> lopdf::Result<()> {
    let annots = match doc.get_dictionary(page)?.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        _ => return Ok(()),
    };
    let mut refs = Vec::with_capacity(annots.len());
    for a in annots {
        if let Object::Dictionary(mut d) = a {
            d.set("P", Object::Reference(page));
            d.remove(b"C");
            d.remove(b"H");
            refs.push(Object::Reference(doc.add_object(d)));
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

/// Nest entries by level (a row under the heading before it) and link them as the outline
/// tree wants: Parent/First/Last/Prev/Next/Count. Rows start folded.
fn build_outline(
    doc: &mut lopdf::Document,
    entries: &[OutlineEntry],
    pages: &[ObjectId],
) -> Option<ObjectId> {
    if entries.is_empty() || pages.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&s| entries[s].level >= e.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let mut children: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (i, p) in parent.iter().enumerate() {
        children.entry(*p).or_default().push(i);
    }
    for (i, e) in entries.iter().enumerate() {
        let siblings = children
            .get(&parent[i])
            .map(Vec::as_slice)
            .unwrap_or_default();
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = Dictionary::new();
        d.set("Title", text(&e.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map_or(root, |p| ids[p])),
        );
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&n) = siblings.get(pos + 1) {
            d.set("Next", Object::Reference(ids[n]));
        }
        if let Some(kids) = children.get(&Some(i)) {
            if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
                d.set("First", Object::Reference(ids[f]));
                d.set("Last", Object::Reference(ids[l]));
                d.set("Count", Object::Integer(-(kids.len() as i64)));
            }
        }
        let page = pages.get(e.page).or(pages.first()).copied().unwrap_or(root);
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Integer(0),
                Object::Integer((PAGE_H - e.y).round() as i64),
                Object::Null,
            ]),
        );
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = children.get(&None).map(Vec::as_slice).unwrap_or_default();
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[f]));
        r.set("Last", Object::Reference(ids[l]));
        r.set("Count", Object::Integer(top.len() as i64));
    }
    doc.objects.insert(root, Object::Dictionary(r));
    Some(root)
}

/// Every stream deflated, kept only where it saves bytes; on up to `jobs` threads, each
/// stream on its own, so the bytes are the same for any number.
fn compress(doc: &mut lopdf::Document, jobs: usize) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s)
                if s.allows_compression
                    && !s.dict.has(b"Filter")
                    && s.content.len() >= SMALL_STREAM =>
            {
                Some(s)
            }
            _ => None,
        })
        .collect();
    let per_thread = streams.len().div_ceil(jobs.max(1)).max(1);
    std::thread::scope(|scope| {
        let mut groups = streams.chunks_mut(per_thread);
        let first = groups.next();
        for group in groups {
            scope.spawn(|| deflate_all(group));
        }
        if let Some(group) = first {
            deflate_all(group);
        }
    });
}

fn deflate_all(streams: &mut [&mut lopdf::Stream]) {
    // Made on first use: a compressor's tables are a few hundred kilobytes to zero.
    let mut content: Option<flate2::Compress> = None;
    let mut font: Option<flate2::Compress> = None;
    for s in streams.iter_mut() {
        let is_font = s.dict.has(b"Length1") || s.dict.has(b"Subtype");
        let (slot, level) = match is_font {
            true => (&mut font, FONT_LEVEL),
            false => (&mut content, CONTENT_LEVEL),
        };
        let z = slot
            .get_or_insert_with(|| flate2::Compress::new(flate2::Compression::new(level), true));
        if let Some(packed) = deflate(z, &s.content) {
            if packed.len() + 19 < s.content.len() {
                s.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                s.set_content(packed);
            }
        }
    }
}

fn deflate(z: &mut flate2::Compress, data: &[u8]) -> Option<Vec<u8>> {
    z.reset();
    let mut packed = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let input = usize::try_from(z.total_in())
            .ok()
            .and_then(|n| data.get(n..))?;
        match z.compress_vec(input, &mut packed, flate2::FlushCompress::Finish) {
            Ok(flate2::Status::StreamEnd) => return Some(packed),
            Ok(_) => packed.reserve(packed.capacity().max(4096)),
            Err(_) => return None,
        }
    }
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

/// The PDF file of laid-out pages, written on up to `jobs` threads (same bytes for any).
pub fn write(
    paged: &Paged,
    meta: &Meta,
    fonts: &Fonts,
    jobs: usize,
) -> Result<Vec<u8>, WriteError> {
    write_pages(fonts, &paged.pages, meta, jobs)
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
