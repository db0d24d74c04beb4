//! Rich text of card fields (temporary: paragraphs only; the full parser lands separately).

use crate::document::{Align, Block, Inline};

pub fn parse(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(|p| Block::Paragraph {
            content: vec![Inline::Text(p)],
            align: Align::Body,
        })
        .collect()
}

pub fn parse_inline(text: &str) -> Vec<Inline> {
    vec![Inline::Text(
        text.split_whitespace().collect::<Vec<_>>().join(" "),
    )]
}
