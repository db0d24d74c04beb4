//! What DOCX and ODT share: a zip of XML parts. Parts are read with a ceiling on their
//! unpacked size (a zip bomb stops at the ceiling, it never fills memory), and each part is
//! parsed by quick-xml into a small element tree with namespaces resolved, so the readers
//! match `w:p` or `text:p` by namespace and name whatever prefixes a program chose.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The most one part may unpack to: the text of a long description is a few megabytes.
pub const MAX_PART_BYTES: u64 = 32 << 20;

/// The most elements one part may hold. A long description has tens of thousands; a
/// 200 KB file that unpacks to millions of tiny paragraphs would otherwise take gigabytes as
/// a tree, so the parsed size is bounded, not only the unpacked bytes.
pub const MAX_ELEMENTS: usize = 100_000;

/// The most all parts read from one package may unpack to together.
const MAX_TOTAL_BYTES: u64 = 128 << 20;

/// Elements nested deeper than this are not a document but an attack on the stack.
const MAX_DEPTH: usize = 256;

/// Why a package or a part could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Not a zip, a damaged zip, a part that is not well-formed XML.
    Broken,
    /// A part unpacks to more than the ceiling.
    TooLarge { limit: u64 },
    /// A part holds more elements than a document does.
    TooManyElements { limit: usize },
}

/// An open zip package.
pub struct Package<'b> {
    zip: zip::ZipArchive<Cursor<&'b [u8]>>,
    read: u64,
    part_limit: u64,
}

impl<'b> Package<'b> {
    pub fn open(bytes: &'b [u8]) -> Result<Package<'b>, Error> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Error::Broken)?;
        Ok(Package {
            zip,
            read: 0,
            part_limit: MAX_PART_BYTES,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// A part as text, `None` when the package has no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, Error> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let file = self.zip.by_index(index).map_err(|_| Error::Broken)?;
        let limit = self
            .part_limit
            .min(MAX_TOTAL_BYTES.saturating_sub(self.read));
        let mut bytes = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| Error::Broken)?;
        if bytes.len() as u64 > limit {
            return Err(Error::TooLarge {
                limit: self.part_limit,
            });
        }
        self.read += bytes.len() as u64;
        let text = String::from_utf8(bytes).map_err(|_| Error::Broken)?;
        Ok(Some(text))
    }

    /// A part parsed, `None` when absent.
    pub fn xml(&mut self, name: &str) -> Result<Option<Element>, Error> {
        match self.text(name)? {
            Some(text) => parse(&text).map(Some),
            None => Ok(None),
        }
    }
}

/// An XML element: its namespace URI and local name, attributes by local name, children.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    pub ns: String,
    pub name: String,
    pub attrs: Vec<(String, String, String)>,
    pub children: Vec<Child>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Child {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.name == name && self.ns == ns
    }

    /// An attribute by local name, whatever its namespace.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(_, n, _)| n == name)
            .map(|(_, _, v)| v.as_str())
    }

    /// An attribute by namespace and local name.
    pub fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(s, n, _)| n == name && s == ns)
            .map(|(_, _, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(e) => Some(e),
            Child::Text(_) => None,
        })
    }

    /// The first child element with this name.
    pub fn child(&self, ns: &str, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// The text of the element and everything in it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        fn walk(e: &Element, out: &mut String) {
            for c in &e.children {
                match c {
                    Child::Text(t) => out.push_str(t),
                    Child::Element(e) => walk(e, out),
                }
            }
        }
        walk(self, &mut out);
        out
    }
}

/// Parses a part into its root element.
pub fn parse(xml: &str) -> Result<Element, Error> {
    let mut reader = Reader::from_str(xml);
    // Namespace scopes: one map of prefix → URI per open element.
    let mut scopes: Vec<HashMap<String, String>> = vec![HashMap::from([(
        "xml".to_string(),
        "http://www.w3.org/XML/1998/namespace".to_string(),
    )])];
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut elements = 0usize;
    loop {
        let event = reader.read_event().map_err(|_| Error::Broken)?;
        if matches!(event, Event::Start(_) | Event::Empty(_)) {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return Err(Error::TooManyElements {
                    limit: MAX_ELEMENTS,
                });
            }
        }
        match event {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(Error::Broken);
                }
                let (el, scope) = element(&e, &scopes)?;
                scopes.push(scope);
                stack.push(el);
            }
            Event::Empty(e) => {
                let (el, _) = element(&e, &scopes)?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Child::Element(el));
                }
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(Error::Broken);
                }
                scopes.pop();
                let el = stack.pop().ok_or(Error::Broken)?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Child::Element(el));
                }
            }
            Event::Text(t) => push_text(&mut stack, &t),
            Event::CData(t) => push_text(&mut stack, &t),
            Event::GeneralRef(r) => {
                let c = match &*r {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().map_err(|_| Error::Broken)?,
                };
                if let Some(c) = c {
                    push_text(&mut stack, &c.to_string());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(Error::Broken);
    }
    let root = stack.pop().ok_or(Error::Broken)?;
    root.children
        .into_iter()
        .find_map(|c| match c {
            Child::Element(e) => Some(e),
            Child::Text(_) => None,
        })
        .ok_or(Error::Broken)
}

fn push_text(stack: &mut [Element], text: &str) {
    let Some(el) = stack.last_mut() else { return };
    if let Some(Child::Text(last)) = el.children.last_mut() {
        last.push_str(text);
    } else {
        el.children.push(Child::Text(text.to_string()));
    }
}

fn split(qname: &str) -> (&str, &str) {
    match qname.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", qname),
    }
}

fn element(
    e: &BytesStart,
    scopes: &[HashMap<String, String>],
) -> Result<(Element, HashMap<String, String>), Error> {
    let mut scope = HashMap::new();
    let mut raw = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|_| Error::Broken)?;
        let key = a.key.0.to_string();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
            .map_err(|_| Error::Broken)?
            .into_owned();
        if key == "xmlns" {
            scope.insert(String::new(), value);
        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
            scope.insert(prefix.to_string(), value);
        } else {
            raw.push((key, value));
        }
    }
    let lookup = |prefix: &str| -> String {
        if let Some(uri) = scope.get(prefix) {
            return uri.clone();
        }
        scopes
            .iter()
            .rev()
            .find_map(|s| s.get(prefix))
            .cloned()
            .unwrap_or_default()
    };
    let qname = e.name().0.to_string();
    let (prefix, local) = split(&qname);
    let attrs = raw
        .into_iter()
        .map(|(key, value)| {
            let (p, l) = split(&key);
            // An attribute without a prefix has no namespace.
            let ns = if p.is_empty() {
                String::new()
            } else {
                lookup(p)
            };
            (ns, l.to_string(), value)
        })
        .collect();
    let el = Element {
        ns: lookup(prefix),
        name: local.to_string(),
        attrs,
        children: Vec::new(),
    };
    Ok((el, scope))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_resolve_whatever_the_prefix() {
        let a =
            parse(r#"<w:d xmlns:w="urn:w"><w:p w:val="1">a &amp; b&#x41;</w:p></w:d>"#).unwrap();
        let b = parse(r#"<x:d xmlns:x="urn:w"><x:p x:val="1">a &amp; bA</x:p></x:d>"#).unwrap();
        assert_eq!(a, b);
        let p = a.child("urn:w", "p").unwrap();
        assert_eq!(p.attr("val"), Some("1"));
        assert_eq!(p.text(), "a & bA");
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        for bad in ["<a><b></a>", "<a>", "", "plain text", "<a></a></b>"] {
            assert_eq!(parse(bad), Err(Error::Broken), "{bad}");
        }
        let deep = "<a>".repeat(MAX_DEPTH + 10) + &"</a>".repeat(MAX_DEPTH + 10);
        assert_eq!(parse(&deep), Err(Error::Broken));
    }

    #[test]
    fn a_part_that_unpacks_too_far_is_refused() {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            z.start_file("big.xml", options).unwrap();
            z.write_all(&vec![b' '; 4 << 20]).unwrap();
            z.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 64 << 10, "the bomb is small: {}", bytes.len());
        let mut p = Package::open(&bytes).unwrap();
        p.part_limit = 1 << 20;
        assert_eq!(p.text("big.xml"), Err(Error::TooLarge { limit: 1 << 20 }));
        assert_eq!(p.text("absent.xml"), Ok(None));
        assert!(Package::open(b"PK\x03\x04 truncated").is_err());
    }

    #[test]
    fn a_part_of_countless_tiny_elements_is_refused_before_it_fills_memory() {
        let many = format!("<a>{}</a>", "<b/>".repeat(MAX_ELEMENTS + 1));
        assert_eq!(
            parse(&many),
            Err(Error::TooManyElements {
                limit: MAX_ELEMENTS
            })
        );
        let enough = format!("<a>{}</a>", "<b/>".repeat(MAX_ELEMENTS - 1));
        assert!(parse(&enough).is_ok());
    }
}
