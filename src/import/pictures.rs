//! Pictures in a teacher's document. The card has no place for images yet, so none may be
//! lost silently: each one is found where it stands — a Word drawing, a LibreOffice frame, a
//! Markdown image — with its caption (the paragraph under it that says «Рис. 1…», «Фото…»,
//! or its own alternative text) and the paragraph it followed, for the import report.

use super::source::Picture;
use super::xml::Element;

/// How a format marks paragraphs and pictures.
pub struct Marks {
    pub is_paragraph: fn(&Element) -> bool,
    /// A picture's own description (alternative text or name), when the element is one.
    pub picture: fn(&Element) -> Option<String>,
    /// The name of a paragraph's style («Caption», «Подпись», «FigureCaption»…).
    pub style: fn(&Element) -> Option<&str>,
}

/// A style made for captions, in the names Word, LibreOffice and pandoc give it.
fn caption_style(name: &str) -> bool {
    let n = name.to_lowercase();
    ["caption", "подпись", "illustration", "figure", "drawing"]
        .iter()
        .any(|s| n.contains(s))
}

/// Every picture under `body`, in reading order.
pub fn find(body: &Element, marks: &Marks) -> Vec<Picture> {
    let mut walk = Walk {
        marks,
        out: Vec::new(),
        last: String::new(),
        waiting: Vec::new(),
    };
    walk.visit(body);
    walk.out
}

struct Walk<'m> {
    marks: &'m Marks,
    out: Vec<Picture>,
    /// The text of the last paragraph that had any.
    last: String,
    /// Pictures whose caption may be the next paragraph.
    waiting: Vec<usize>,
}

impl Walk<'_> {
    fn visit(&mut self, e: &Element) {
        if (self.marks.is_paragraph)(e) {
            return self.paragraph(e);
        }
        if let Some(description) = (self.marks.picture)(e) {
            self.add(description);
            return;
        }
        for child in e.elements() {
            self.visit(child);
        }
    }

    fn add(&mut self, description: String) {
        self.waiting.push(self.out.len());
        self.out.push(Picture {
            caption: None,
            description,
            after: self.last.clone(),
        });
    }

    fn paragraph(&mut self, p: &Element) {
        let mut found = Vec::new();
        collect(p, self.marks, &mut found);
        let text = p.text().split_whitespace().collect::<Vec<_>>().join(" ");
        if found.is_empty() {
            if !text.is_empty() {
                let waiting = std::mem::take(&mut self.waiting);
                let styled = (self.marks.style)(p).is_some_and(caption_style);
                if is_caption(&text) || styled {
                    for i in waiting {
                        self.out[i].caption = Some(text.clone());
                    }
                }
                self.last = text;
            }
            return;
        }
        self.waiting.clear();
        for description in found {
            self.add(description);
        }
        // Words in the picture's own paragraph are its caption (LibreOffice keeps a
        // frame's caption beside the image), unless they are a whole passage.
        if is_caption(&text) || (!text.is_empty() && text.chars().count() <= 200) {
            for i in std::mem::take(&mut self.waiting) {
                self.out[i].caption = Some(text.clone());
            }
        }
    }
}

fn collect(e: &Element, marks: &Marks, out: &mut Vec<String>) {
    for child in e.elements() {
        match (marks.picture)(child) {
            Some(description) => out.push(description),
            None => collect(child, marks, out),
        }
    }
}

/// «Рис. 1. …», «Рисунок 2 — …», «Фото: …», «Figure 3»: a caption, not body text.
pub fn is_caption(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    let starts = [
        "рис.",
        "рис ",
        "рисунок",
        "фото",
        "фотография",
        "изображение",
        "схема",
        "figure",
        "fig.",
        "photo",
        "image",
    ];
    t.chars().count() <= 200 && starts.iter().any(|s| t.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::is_caption;

    #[test]
    fn captions_are_told_from_text() {
        assert!(is_caption("Рис. 1. Мастер-класс для педагогов"));
        assert!(is_caption("Фото 2 — открытый урок"));
        assert!(!is_caption("Рисование помогает детям"));
        assert!(!is_caption("На уроке мы использовали фотографии."));
    }
}
