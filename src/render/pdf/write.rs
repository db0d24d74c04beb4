//! Pages → PDF bytes: a small PDF 1.7 writer for exactly what the card needs — subset
//! CID TrueType fonts with `/ToUnicode`, pages, link annotations, a nested outline, Info
//! and `/Lang` — in deterministic object order, with a content-derived file ID and dates
//! only from `Meta.date`.
//!
//! (The first version wrote through printpdf + lopdf. Measured with callgrind on the
//! example, their object model and serialiser were 30 M of 56 M instructions, and five
//! of their defaults had to be patched afterwards — random font and file IDs, 1970 dates,
//! inline annotations, alphabetically sorted bookmarks — so the file is written here.)

use std::collections::BTreeMap;

use super::content::{self, num, Remaps};
use super::fonts::{Fonts, Style};
use super::pages::{Page, PAGE_H, PAGE_W};
use crate::document::Meta;

/// An outline entry: level (1 = heading, 2 = table row), title, page index, y from the top.
struct OutlineEntry {
    level: u8,
    title: String,
    page: usize,
    y: f32,
}

const SMALL_STREAM: usize = 1536;

struct Writer {
    out: Vec<u8>,
    /// Byte offset of each object, by object number (index 0 is the free-list head).
    offsets: Vec<usize>,
    z: flate2::Compress,
}

impl Writer {
    fn alloc(&mut self) -> usize {
        self.offsets.push(0);
        self.offsets.len() - 1
    }

    fn begin(&mut self, id: usize) {
        if let Some(slot) = self.offsets.get_mut(id) {
            *slot = self.out.len();
        }
        self.out.extend_from_slice(id.to_string().as_bytes());
        self.out.extend_from_slice(b" 0 obj\n");
    }

    fn object(&mut self, id: usize, body: &[u8]) {
        self.begin(id);
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// A stream object, deflated (one compressor reused: building one per stream zeroes
    /// hundreds of KB of tables each time). `extra` goes into the stream dictionary.
    fn stream(&mut self, id: usize, extra: &str, data: &[u8]) {
        // Resetting the compressor zeroes ~200 KB of tables: not worth it for a stream that
        // could at best save a kilobyte.
        let packed = if data.len() >= SMALL_STREAM {
            self.deflate(data)
        } else {
            None
        };
        self.begin(id);
        let (body, filter): (&[u8], &str) = match &packed {
            Some(p) if p.len() + 19 < data.len() => (p, "/Filter /FlateDecode "),
            _ => (data, ""),
        };
        self.out.extend_from_slice(
            format!("<<{extra}{filter}/Length {}>>\nstream\n", body.len()).as_bytes(),
        );
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Level 1. Measured on the example (callgrind): level 6 costs 15 M instructions, level 2
    /// 9 M, level 1 4 M, for files of 38, 40 and 42 KB; speed is the harder target.
    fn deflate(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        self.z.reset();
        let mut packed = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = usize::try_from(self.z.total_in()).ok()?;
            let input = data.get(consumed..)?;
            match self
                .z
                .compress_vec(input, &mut packed, flate2::FlushCompress::Finish)
            {
                Ok(flate2::Status::StreamEnd) => return Some(packed),
                Ok(_) => packed.reserve(packed.capacity().max(1024)),
                Err(_) => return None,
            }
        }
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, in hex, so Cyrillic survives.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(6 + s.len() * 4);
    out.push_str("<FEFF");
    for u in s.encode_utf16() {
        out.push_str(&format!("{u:04X}"));
    }
    out.push('>');
    out
}

fn hex_bytes(s: &str) -> String {
    let mut out = String::with_capacity(2 + s.len() * 2);
    out.push('<');
    for b in s.bytes() {
        out.push_str(&format!("{b:02X}"));
    }
    out.push('>');
    out
}

fn fnv_more(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The `ABCDEF+` subset prefix, derived from the glyph set so equal input gives equal tags.
fn subset_tag(style: Style, gids: &[u16]) -> String {
    let mut h = fnv_more(0xcbf2_9ce4_8422_2325, &[style.index() as u8]);
    for g in gids {
        h = fnv_more(h, &g.to_be_bytes());
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

pub fn write(fonts: &Fonts, pages: &[Page], meta: &Meta) -> Result<Vec<u8>, String> {
    // Glyphs drawn, per face, with the text each stands for (for /ToUnicode).
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

    let mut w = Writer {
        out: Vec::with_capacity(64 * 1024),
        offsets: vec![0],
        z: flate2::Compress::new(flate2::Compression::new(1), true),
    };
    w.out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    let catalog = w.alloc();
    let pages_id = w.alloc();
    let info = w.alloc();

    // Fonts: Type0 → CIDFontType2 → descriptor → subset program, plus the ToUnicode map.
    let mut remaps: Remaps = Default::default();
    let mut font_refs = String::new();
    for style in Style::ALL {
        let glyphs = &used[style.index()];
        if glyphs.is_empty() {
            continue;
        }
        let font = fonts.get(style);
        let gids: Vec<u16> = glyphs.keys().copied().collect();
        let (program, remap) = font.subset(&gids)?;
        let name = format!("{}+{}", subset_tag(style, &gids), font.postscript_name());
        let (type0, cid, desc, file, cmap) =
            (w.alloc(), w.alloc(), w.alloc(), w.alloc(), w.alloc());
        font_refs.push_str(&format!("/{} {type0} 0 R ", content::resource_name(style)));

        let mut by_new: Vec<(u16, u16)> = remap.iter().map(|(&old, &new)| (new, old)).collect();
        by_new.sort_unstable();
        let mut widths = String::from("[0 [");
        for (_, old) in &by_new {
            widths.push_str(&format!("{} ", font.advance_1000(*old)));
        }
        widths.push_str("]]");
        w.object(
            type0,
            format!(
                "<</Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H \
                 /DescendantFonts [{cid} 0 R] /ToUnicode {cmap} 0 R>>"
            )
            .as_bytes(),
        );
        w.object(
            cid,
            format!(
                "<</Type /Font /Subtype /CIDFontType2 /BaseFont /{name} \
                 /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> \
                 /FontDescriptor {desc} 0 R /CIDToGIDMap /Identity /DW 1000 /W {widths}>>"
            )
            .as_bytes(),
        );
        let d = font.descriptor();
        let upm = f32::from(font.units_per_em().max(1));
        let s = |v: i16| (f32::from(v) * 1000.0 / upm).round() as i32;
        let italic = d.italic_angle != 0.0;
        let flags = 2 | 32 | if italic { 64 } else { 0 };
        let stem_v = 50 + ((f32::from(d.weight) / 65.0).powi(2)).round() as i32;
        let mut angle = Vec::new();
        num(&mut angle, d.italic_angle);
        w.object(
            desc,
            format!(
                "<</Type /FontDescriptor /FontName /{name} /Flags {flags} \
                 /FontBBox [{} {} {} {}] /ItalicAngle {} /Ascent {} /Descent {} \
                 /CapHeight {} /StemV {stem_v} /FontFile2 {file} 0 R>>",
                s(d.bbox[0]),
                s(d.bbox[1]),
                s(d.bbox[2]),
                s(d.bbox[3]),
                String::from_utf8_lossy(&angle),
                s(d.ascender),
                s(d.descender),
                s(d.cap_height),
            )
            .as_bytes(),
        );
        w.stream(file, &format!("/Length1 {} ", program.len()), &program);
        let mut chars: Vec<(u16, char)> = glyphs
            .iter()
            .filter_map(|(old, ch)| remap.get(old).map(|&n| (n, *ch)))
            .collect();
        chars.sort_unstable();
        w.stream(cmap, "", to_unicode(&chars).as_bytes());
        remaps[style.index()] = Some(remap);
    }

    // Pages, their links, and where outline entries land.
    let mut outline = Vec::new();
    let mut page_ids = Vec::with_capacity(pages.len());
    for (pi, page) in pages.iter().enumerate() {
        let (pid, cid) = (w.alloc(), w.alloc());
        page_ids.push(pid);
        let mut annots = Vec::new();
        for placed in &page.lines {
            let line = &placed.line;
            if let Some((level, title)) = &line.outline {
                outline.push(OutlineEntry {
                    level: *level,
                    title: title.clone(),
                    page: pi,
                    y: placed.y - line.size,
                });
            }
            for (lx0, lx1, url) in &line.links {
                let x0 = placed.x + line.x;
                let y = PAGE_H - placed.y;
                let mut rect = Vec::new();
                for v in [x0 + lx0, y - 0.2 * line.size, x0 + lx1, y + 0.8 * line.size] {
                    num(&mut rect, v);
                    rect.push(b' ');
                }
                annots.push((
                    String::from_utf8_lossy(&rect).trim_end().to_string(),
                    url.clone(),
                ));
            }
        }
        let mut annot_refs = String::new();
        for (rect, url) in annots {
            let id = w.alloc();
            w.object(
                id,
                format!(
                    "<</Type /Annot /Subtype /Link /Rect [{rect}] /Border [0 0 0] \
                     /P {pid} 0 R /A <</S /URI /URI {}>>>>",
                    hex_bytes(&url)
                )
                .as_bytes(),
            );
            annot_refs.push_str(&format!("{id} 0 R "));
        }
        let annots = if annot_refs.is_empty() {
            String::new()
        } else {
            format!(" /Annots [{}]", annot_refs.trim_end())
        };
        w.object(
            pid,
            format!(
                "<</Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {} {}] \
                 /Resources <</Font <<{}>>>> /Contents {cid} 0 R{annots}>>",
                PAGE_W,
                PAGE_H,
                font_refs.trim_end()
            )
            .as_bytes(),
        );
        let stream = content::page(fonts, page, &remaps);
        w.stream(cid, "", &stream);
    }
    let kids: Vec<String> = page_ids.iter().map(|p| format!("{p} 0 R")).collect();
    w.object(
        pages_id,
        format!(
            "<</Type /Pages /Kids [{}] /Count {}>>",
            kids.join(" "),
            page_ids.len()
        )
        .as_bytes(),
    );

    let outline_root = build_outline(&mut w, &outline, &page_ids);
    let lang = if meta.lang.is_empty() {
        "ru"
    } else {
        meta.lang.as_str()
    };
    let mut cat = format!(
        "<</Type /Catalog /Pages {pages_id} 0 R /Lang {} /ViewerPreferences <</DisplayDocTitle true>>",
        text(lang)
    );
    if let Some(root) = outline_root {
        cat.push_str(&format!(" /Outlines {root} 0 R /PageMode /UseOutlines"));
    }
    cat.push_str(">>");
    w.object(catalog, cat.as_bytes());

    let mut inf = format!(
        "<</Title {} /Creator {} /Producer {}",
        text(&meta.title),
        text("mentorcard"),
        text("mentorcard")
    );
    if !meta.authors.is_empty() {
        inf.push_str(&format!(" /Author {}", text(&meta.authors.join(", "))));
    }
    if !meta.keywords.is_empty() {
        inf.push_str(&format!(" /Keywords {}", text(&meta.keywords.join(", "))));
    }
    if let Some(epoch) = meta.date {
        let d = pdf_date(epoch);
        inf.push_str(&format!(" /CreationDate ({d}) /ModDate ({d})"));
    }
    inf.push_str(">>");
    w.object(info, inf.as_bytes());

    // Cross-reference table and trailer; the file ID is a hash of everything before it.
    let xref = w.out.len();
    let n = w.offsets.len();
    let mut x = format!("xref\n0 {n}\n0000000000 65535 f \n");
    for off in w.offsets.iter().skip(1) {
        x.push_str(&format!("{off:010} 00000 n \n"));
    }
    let h = fnv_more(0xcbf2_9ce4_8422_2325, &w.out);
    let id = format!("<{h:016X}{:016X}>", fnv_more(h, b"mentorcard"));
    x.push_str(&format!(
        "trailer\n<</Size {n} /Root {catalog} 0 R /Info {info} 0 R /ID [{id} {id}]>>\nstartxref\n{xref}\n%%EOF\n"
    ));
    w.out.extend_from_slice(x.as_bytes());
    Ok(w.out)
}

/// The ToUnicode CMap: each subset glyph id → the text it stands for (UTF-16BE).
fn to_unicode(chars: &[(u16, char)]) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in chars.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (gid, ch) in chunk {
            let mut units = [0u16; 2];
            let hex: String = ch
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            s.push_str(&format!("<{gid:04X}> <{hex}>\n"));
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// Nest entries by level (a row under the heading before it) and link them as the outline
/// tree wants: Parent/First/Last/Prev/Next/Count. Rows start folded.
fn build_outline(w: &mut Writer, entries: &[OutlineEntry], pages: &[usize]) -> Option<usize> {
    if entries.is_empty() || pages.is_empty() {
        return None;
    }
    let root = w.alloc();
    let ids: Vec<usize> = entries.iter().map(|_| w.alloc()).collect();
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
        let mut d = format!(
            "<</Title {} /Parent {} 0 R",
            text(&e.title),
            parent[i].map_or(root, |p| ids[p])
        );
        if pos > 0 {
            d.push_str(&format!(" /Prev {} 0 R", ids[siblings[pos - 1]]));
        }
        if let Some(&n) = siblings.get(pos + 1) {
            d.push_str(&format!(" /Next {} 0 R", ids[n]));
        }
        if let Some(kids) = children.get(&Some(i)) {
            if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
                d.push_str(&format!(
                    " /First {} 0 R /Last {} 0 R /Count -{}",
                    ids[f],
                    ids[l],
                    kids.len()
                ));
            }
        }
        let page = pages.get(e.page).or(pages.first()).copied().unwrap_or(0);
        let mut top = Vec::new();
        num(&mut top, (PAGE_H - e.y).round());
        d.push_str(&format!(
            " /Dest [{page} 0 R /XYZ 0 {} null]>>",
            String::from_utf8_lossy(&top)
        ));
        w.object(ids[i], d.as_bytes());
    }
    let top = children.get(&None).map(Vec::as_slice).unwrap_or_default();
    let mut r = String::from("<</Type /Outlines");
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        r.push_str(&format!(
            " /First {} 0 R /Last {} 0 R /Count {}",
            ids[f],
            ids[l],
            top.len()
        ));
    }
    r.push_str(">>");
    w.object(root, r.as_bytes());
    Some(root)
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
