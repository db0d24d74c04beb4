//! The normative acts on any string: the registry lookup, recognising a written act,
//! resolving and citing it, dates and warnings. A recognised act cites again to an act.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorcard::norms;

fuzz_target!(|text: &str| {
    norms::lookup(text);
    norms::first_date(text);
    norms::text_warnings(text);
    norms::text_legal_force(text);
    if let Some(act) = norms::recognise(text) {
        let resolved = norms::resolve(&act);
        let cited = norms::cite(&resolved);
        assert!(
            !cited.trim().is_empty(),
            "a recognised act cites to nothing"
        );
        norms::act_warnings(&resolved);
        norms::legal_force(&resolved);
    }
});
