//! The text syntax of card fields and the typographer on any string. Besides never
//! panicking: the typographer's suggestions, applied, give what `apply` gives, and
//! applying it twice changes nothing more.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorcard::{richtext, typography};

fuzz_target!(|text: &str| {
    richtext::parse(text);
    richtext::parse_inline(text);
    let once = typography::apply(text);
    assert_eq!(
        typography::splice(text, &typography::suggest(text)),
        once,
        "suggest + splice differs from apply"
    );
    assert_eq!(typography::apply(&once), once, "apply is not idempotent");
    typography::quoted(text);
    let end = text.len();
    typography::line_col(text, end);
});
