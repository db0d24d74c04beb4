//! Reading a PDF back for tests: its pages' text and its fonts, through lopdf.

use lopdf::{Document as Pdf, Object};

pub fn load(bytes: &[u8]) -> Pdf {
    Pdf::load_mem(bytes).expect("lopdf reads the PDF back")
}

pub fn page_texts(pdf: &Pdf) -> Vec<String> {
    pdf.get_pages()
        .keys()
        .map(|&n| pdf.extract_text(&[n]).expect("text extracts"))
        .collect()
}

/// The composite (Type0) fonts of the file.
pub fn font_dicts(pdf: &Pdf) -> Vec<lopdf::Dictionary> {
    pdf.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font".as_slice()))
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice()))
        .cloned()
        .collect()
}

/// What a font embeds: its `/BaseFont`, which `/FontFile` key holds the program, and the
/// program's bytes.
pub struct Embedded {
    pub base_font: String,
    pub file_key: String,
    pub program: Vec<u8>,
    pub has_to_unicode: bool,
}

pub fn embedded(pdf: &Pdf, font: &lopdf::Dictionary) -> Embedded {
    let base = font
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .expect("BaseFont");
    let desc = font
        .get(b"DescendantFonts")
        .and_then(Object::as_array)
        .expect("descendants");
    let cid = pdf
        .dereference(&desc[0])
        .expect("cid font")
        .1
        .as_dict()
        .expect("dict");
    let fd = cid
        .get(b"FontDescriptor")
        .and_then(Object::as_reference)
        .expect("descriptor");
    let fd = pdf.get_dictionary(fd).expect("descriptor dict");
    let (key, file) = ["FontFile2", "FontFile3", "FontFile"]
        .iter()
        .find_map(|k| {
            fd.get(k.as_bytes())
                .and_then(Object::as_reference)
                .ok()
                .map(|r| (k.to_string(), r))
        })
        .expect("an embedded program");
    let stream = pdf
        .get_object(file)
        .and_then(Object::as_stream)
        .expect("font stream");
    Embedded {
        base_font: String::from_utf8_lossy(base).into_owned(),
        file_key: key,
        program: stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone()),
        has_to_unicode: font.has(b"ToUnicode"),
    }
}

/// The text of every page in reading order, decoded through each font's `/ToUnicode` map
/// (two-byte codes, as every font mentorcard writes has): a small extractor of our own,
/// since lopdf's gives up on some CFF fonts that viewers and pdftotext read fine.
pub fn text_by_unicode_maps(pdf: &Pdf) -> String {
    let mut out = String::new();
    for (_, page) in pdf.get_pages() {
        let fonts = pdf.get_page_fonts(page).unwrap_or_default();
        let maps: std::collections::BTreeMap<Vec<u8>, std::collections::BTreeMap<u16, String>> =
            fonts
                .iter()
                .map(|(name, dict)| (name.clone(), to_unicode(pdf, dict)))
                .collect();
        let content = pdf.get_and_decode_page_content(page).expect("content");
        let mut map = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    map = op
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| maps.get(n))
                }
                "Tm" | "Td" | "T*" => out.push('\n'),
                "Tj" | "TJ" => {
                    let strings: Vec<&Object> = match op.operands.first() {
                        Some(Object::Array(items)) => items.iter().collect(),
                        Some(s) => vec![s],
                        None => Vec::new(),
                    };
                    for s in strings {
                        if let (Object::String(bytes, _), Some(map)) = (s, map) {
                            for code in bytes.chunks(2) {
                                let code =
                                    u16::from_be_bytes([code[0], *code.get(1).unwrap_or(&0)]);
                                out.push_str(
                                    map.get(&code).map(String::as_str).unwrap_or("\u{fffd}"),
                                );
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out.push('\n');
    }
    out
}

fn to_unicode(pdf: &Pdf, font: &lopdf::Dictionary) -> std::collections::BTreeMap<u16, String> {
    let mut map = std::collections::BTreeMap::new();
    let Some(stream) = font
        .get(b"ToUnicode")
        .and_then(Object::as_reference)
        .ok()
        .and_then(|r| pdf.get_object(r).ok())
        .and_then(|o| o.as_stream().ok())
    else {
        return map;
    };
    let data = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&data);
    let hex = |s: &str| -> Vec<u16> {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        (0..s.len() / 4)
            .filter_map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).ok())
            .collect()
    };
    let utf16 = |s: &str| String::from_utf16_lossy(&hex(s));
    let mut mode = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
            mode = if line.ends_with("beginbfchar") {
                "char"
            } else {
                "range"
            };
            continue;
        }
        if line.starts_with("end") {
            mode = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (mode, parts.as_slice()) {
            ("char", [code, dst]) => {
                if let Some(&c) = hex(code).first() {
                    map.insert(c, utf16(dst));
                }
            }
            ("range", [lo, hi, dst]) if dst.starts_with('<') => {
                let (Some(&lo), Some(&hi)) = (hex(lo).first(), hex(hi).first()) else {
                    continue;
                };
                let start = hex(dst);
                for (i, code) in (lo..=hi).enumerate() {
                    let mut d = start.clone();
                    if let Some(last) = d.last_mut() {
                        *last += i as u16;
                    }
                    map.insert(code, String::from_utf16_lossy(&d));
                }
            }
            _ => {}
        }
    }
    map
}

/// The outline as (depth, title, page number) in document order.
pub fn outline(pdf: &Pdf) -> Vec<(usize, String, u32)> {
    let page_of: std::collections::BTreeMap<lopdf::ObjectId, u32> =
        pdf.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let catalog = pdf.catalog().expect("catalog");
    let Ok(root) = catalog.get(b"Outlines").and_then(Object::as_reference) else {
        return Vec::new();
    };
    let root = pdf.get_dictionary(root).expect("outline root");
    let mut out = Vec::new();
    let mut stack: Vec<(usize, lopdf::ObjectId)> = root
        .get(b"First")
        .and_then(Object::as_reference)
        .map(|id| vec![(0, id)])
        .unwrap_or_default();
    while let Some((depth, id)) = stack.pop() {
        let item = pdf.get_dictionary(id).expect("outline item");
        let title = item.get(b"Title").and_then(Object::as_str).expect("title");
        let utf16: Vec<u16> = title[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        let page = item
            .get(b"Dest")
            .and_then(Object::as_array)
            .ok()
            .and_then(|d| d.first()?.as_reference().ok())
            .and_then(|p| page_of.get(&p).copied())
            .unwrap_or(0);
        out.push((depth, String::from_utf16_lossy(&utf16), page));
        if let Ok(next) = item.get(b"Next").and_then(Object::as_reference) {
            stack.push((depth, next));
        }
        if let Ok(first) = item.get(b"First").and_then(Object::as_reference) {
            stack.push((depth + 1, first));
        }
    }
    out
}
