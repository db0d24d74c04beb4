//! The bibliography parsers on any string: CSL-JSON (a Zotero export) and the old-style
//! plain records, each parsed entry formatted as a ГОСТ record and linted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorcard::biblio::{self, GostStyle};
use mentorcard::date::Date;

fuzz_target!(|text: &str| {
    let style = GostStyle::default();
    let today = Date::new(2026, 12, 1).expect("a real date");
    let mut entries = biblio::from_csl_json(text).unwrap_or_default();
    entries.extend(biblio::parse_plain(text));
    for entry in &entries {
        biblio::typeset(&biblio::format(entry, &style));
        biblio::entry_warnings(entry, today);
    }
    for finding in biblio::lint_plain(text) {
        assert!(
            text.get(finding.range.clone()).is_some(),
            "a finding's range {:?} is not inside the string",
            finding.range
        );
    }
    biblio::isbn_valid(text);
    biblio::initials(text);
});
