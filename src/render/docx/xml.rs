//! A minimal XML writer: element names are fixed strings in our code, every attribute value
//! and text node goes through one escaping function, and the open-element stack guarantees
//! well-formed output. That is all WordprocessingML needs from an XML crate.

pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

#[derive(Default)]
pub struct Xml {
    out: String,
    stack: Vec<&'static str>,
}

impl Xml {
    pub fn new() -> Xml {
        Xml {
            out: DECLARATION.to_string(),
            stack: Vec::new(),
        }
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
    }

    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start(name, attrs);
        self.out.push('>');
        self.stack.push(name);
        self
    }

    pub fn close(&mut self) -> &mut Self {
        if let Some(name) = self.stack.pop() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
        self
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start(name, attrs);
        self.out.push_str("/>");
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, text);
        self
    }

    /// `<name attrs>text</name>` in one call.
    pub fn leaf(&mut self, name: &'static str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(name, attrs).text(text).close()
    }

    fn close_all(&mut self) {
        while !self.stack.is_empty() {
            self.close();
        }
    }

    /// Whether the last thing written was a whole `name` element (`</name>` or `<name/>`).
    pub fn just_closed(&self, name: &str) -> bool {
        self.out.ends_with(&format!("</{name}>")) || self.out.ends_with(&format!("<{name}/>"))
    }

    pub fn finish(mut self) -> String {
        self.close_all();
        self.out
    }
}

/// Escaping is shared with HTML: the same five characters, and the same characters XML 1.0
/// forbids dropped (a stray control character in a card would make Word refuse the file).
pub(crate) use crate::render::markup::escape_into;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_balanced_escaped_xml() {
        let mut x = Xml::new();
        x.open("a", &[("k", "\"<&>")]).text("x<y\u{1}]]>");
        x.empty("b", &[]);
        let s = x.finish();
        assert_eq!(
            s,
            format!("{DECLARATION}<a k=\"&quot;&lt;&amp;&gt;\">x&lt;y]]&gt;<b/></a>")
        );
    }
}
