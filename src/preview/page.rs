//! The page the preview server shows: the HTML renderer's output, byte for byte, with one
//! block injected before `</body>` — a link to the PDF, the reload script and, while the
//! latest build failed, a panel with its diagnostics over the last good page. The block lies
//! between [`BEGIN`] and [`END`], so cutting it out gives exactly what `build` writes.

use std::sync::Arc;

use super::protocol::{PDF_PATH, SCRIPT_PATH};
use crate::locale::{self, Lang};
use crate::render::markup::escape_into;

/// The reload script, served at [`SCRIPT_PATH`].
pub const SCRIPT: &str = include_str!("live.js");

pub const BEGIN: &str = "<!-- mentorcard preview -->";
pub const END: &str = "<!-- /mentorcard preview -->";

/// The panel's and the link's look; ids are prefixed so no card template clashes with them.
const STYLE: &str = "<style>\
#mentorcard-problems{position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:70vh;\
overflow:auto;box-sizing:border-box;margin:0;padding:12px 16px;background:#fff4f4;color:#1b1b1b;\
border-bottom:3px solid #b00020;box-shadow:0 4px 16px rgba(0,0,0,.3);text-align:left;\
font:15px/1.4 system-ui,sans-serif}\
#mentorcard-problems *{text-align:left;text-indent:0}\
#mentorcard-problems h2{font:600 16px/1.3 system-ui,sans-serif;margin:0 0 8px;color:#b00020}\
#mentorcard-problems pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;\
font:13px/1.45 ui-monospace,'DejaVu Sans Mono',monospace}\
#mentorcard-pdf{position:fixed;right:12px;bottom:12px;z-index:2147483646;padding:6px 12px;\
border-radius:6px;background:#1b1b1b;color:#fff;text-decoration:none;font:14px/1.3 system-ui,sans-serif}\
@media print{#mentorcard-problems,#mentorcard-pdf{display:none}}\
</style>";

/// What the server holds: the last good page and PDF, and what the latest build reported
/// if it failed. Every change of the page is a new version, which the event stream announces.
pub struct Preview {
    version: u64,
    lang: Lang,
    /// The last good page as the HTML renderer wrote it.
    html: Option<String>,
    pdf: Option<Arc<[u8]>>,
    /// The latest build's report (diagnostics as `check` prints them), when it failed.
    problems: Option<String>,
    /// The cards of a сборник left out of a good build, with their first errors.
    left_out: Option<String>,
    /// The page as served, made once per version.
    page: Arc<[u8]>,
}

impl Preview {
    /// Before the first build: a page that says the card is being built.
    pub fn new(lang: Lang) -> Preview {
        let mut preview = Preview {
            version: 0,
            lang,
            html: None,
            pdf: None,
            problems: None,
            left_out: None,
            page: Arc::from(&b""[..]),
        };
        preview.page = preview.render().into_bytes().into();
        preview
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn page(&self) -> Arc<[u8]> {
        self.page.clone()
    }

    /// The last good PDF, if any build has made one.
    pub fn pdf(&self) -> Option<Arc<[u8]>> {
        self.pdf.clone()
    }

    /// What the PDF's address shows before any PDF is made.
    pub fn no_pdf_page(&self) -> Vec<u8> {
        let words = locale::preview_words(self.lang);
        let mut page = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n<p>",
            self.lang.code(),
            words.title
        );
        escape_into(&mut page, words.no_pdf);
        page.push_str("</p>\n</body>\n</html>\n");
        page.into_bytes()
    }

    /// Whether the latest build failed (the panel is shown).
    pub fn failed(&self) -> bool {
        self.problems.is_some()
    }

    /// A good build: its page replaces the old one, and the panel goes.
    pub fn show(&mut self, html: String, lang: Lang) {
        self.show_without(html, None, lang);
    }

    /// A good build of a сборник without the cards that fail their check: its page, under a
    /// panel that names those cards (`left_out`, their first errors), if any.
    pub fn show_without(&mut self, html: String, left_out: Option<String>, lang: Lang) {
        self.html = Some(html);
        self.problems = None;
        self.left_out = left_out;
        self.changed(lang);
    }

    /// The PDF of a good build (laid out after its page is shown, so the page comes first).
    pub fn show_pdf(&mut self, pdf: Vec<u8>) {
        self.pdf = Some(pdf.into());
    }

    /// A failed build: the last good page and PDF stay, under a panel with `text`.
    pub fn report(&mut self, text: String, lang: Lang) {
        self.problems = Some(text);
        self.changed(lang);
    }

    fn changed(&mut self, lang: Lang) {
        self.lang = lang;
        self.version += 1;
        self.page = self.render().into_bytes().into();
    }

    fn render(&self) -> String {
        let words = locale::preview_words(self.lang);
        let mut block = format!("{BEGIN}\n{STYLE}\n");
        let heading = match (&self.problems, &self.html) {
            (Some(_), Some(_)) => Some(words.problems),
            (Some(_), None) => Some(words.problems_unbuilt),
            (None, _) => self.left_out.as_ref().map(|_| words.left_out),
        };
        if let (Some(text), Some(heading)) =
            (self.problems.as_ref().or(self.left_out.as_ref()), heading)
        {
            block.push_str(&format!(
                "<section id=\"mentorcard-problems\" role=\"alert\" lang=\"{}\"><h2>{}</h2><pre>",
                self.lang.code(),
                heading
            ));
            escape_into(&mut block, text);
            block.push_str("</pre></section>\n");
        }
        block.push_str(&format!(
            "<a id=\"mentorcard-pdf\" href=\"{PDF_PATH}\" target=\"_blank\" rel=\"noopener\">{}</a>\n\
             <script src=\"{SCRIPT_PATH}\" data-version=\"{}\"></script>\n{END}\n",
            words.pdf, self.version
        ));
        match &self.html {
            Some(html) => inject(html, &block),
            None => {
                let note = match self.problems {
                    Some(_) => words.never_built,
                    None => words.building,
                };
                let page = format!(
                    "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
                     <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                     <title>{}</title>\n</head>\n<body>\n<p>{note}</p>\n</body>\n</html>\n",
                    self.lang.code(),
                    words.title
                );
                inject(&page, &block)
            }
        }
    }
}

/// `html` with `block` inserted before its last `</body>` (in any case), or at its end when
/// a user's template has none.
pub fn inject(html: &str, block: &str) -> String {
    let at = html
        .as_bytes()
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + block.len());
    out.push_str(&html[..at]);
    out.push_str(block);
    out.push_str(&html[at..]);
    out
}

/// The page with the injected block cut out: what the renderer wrote.
pub fn strip(page: &str) -> String {
    match (page.find(BEGIN), page.find(END)) {
        (Some(start), Some(end)) if start < end => {
            let end = end + END.len() + usize::from(page[end + END.len()..].starts_with('\n'));
            format!("{}{}", &page[..start], &page[end..])
        }
        _ => page.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = "<!DOCTYPE html>\n<html lang=\"ru\">\n<head><title>T</title></head>\n\
                        <body>\n<main><h1>Т</h1></main>\n</body>\n</html>\n";

    fn text(p: &Preview) -> String {
        String::from_utf8(p.page().to_vec()).unwrap()
    }

    #[test]
    fn the_page_is_the_renderers_output_plus_one_block() {
        let mut p = Preview::new(Lang::Ru);
        p.show(HTML.to_string(), Lang::Ru);
        let page = text(&p);
        assert_eq!(strip(&page), HTML);
        let block = &page[page.find(BEGIN).unwrap()..];
        assert!(block.starts_with(BEGIN));
        assert!(
            page.ends_with(&format!("{END}\n</body>\n</html>\n")),
            "{page}"
        );
        assert!(page.contains("<script src=\"/live.js\" data-version=\"1\"></script>"));
        assert!(page.contains("href=\"/preview.pdf\""));
        assert!(!page.contains("mentorcard-problems\""));
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_page_under_an_escaped_panel() {
        let mut p = Preview::new(Lang::Ru);
        p.show(HTML.to_string(), Lang::Ru);
        let report = "ошибка: <script>alert(1)</script> & \"x\"\n --> card.toml:3:7\n";
        p.report(report.to_string(), Lang::Ru);
        assert!(p.failed());
        assert_eq!(p.version(), 2);
        let page = text(&p);
        assert_eq!(strip(&page), HTML, "the last good page stays whole");
        assert!(page.contains("id=\"mentorcard-problems\" role=\"alert\""));
        assert!(page.contains(
            "ошибка: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;\n --> card.toml:3:7"
                .replace("-->", "--&gt;")
                .as_str()
        ));
        assert!(!page.contains("<script>alert"));
        p.show(HTML.replace('Т', "Новое"), Lang::Ru);
        assert!(!p.failed());
        assert!(
            !text(&p).contains("mentorcard-problems\""),
            "fixing removes it"
        );
        assert!(text(&p).contains("<h1>Новое</h1>"));
    }

    #[test]
    fn before_any_good_build_the_page_says_so() {
        let mut p = Preview::new(Lang::En);
        assert_eq!(p.version(), 0);
        assert!(text(&p).contains(locale::preview_words(Lang::En).building));
        p.report("error: x".into(), Lang::En);
        let page = text(&p);
        assert!(page.contains(locale::preview_words(Lang::En).never_built));
        assert!(page.contains("<pre>error: x</pre>"));
        assert!(p.pdf().is_none());
        p.show_pdf(b"%PDF".to_vec());
        assert_eq!(p.pdf().as_deref(), Some(&b"%PDF"[..]));
    }

    #[test]
    fn injection_finds_the_last_body_end_in_any_case() {
        assert_eq!(inject("<p>a</p></BODY>", "X"), "<p>a</p>X</BODY>");
        assert_eq!(inject("<p>a</p>", "X"), "<p>a</p>X");
        assert_eq!(inject("</body>a</body>", "X"), "</body>aX</body>");
        assert_eq!(inject("Ж</body>", "X"), "ЖX</body>");
    }
}
