//! The importer on any bytes, as each kind of file it reads (the first byte picks .docx,
//! .odt, .txt or .md). Whatever it accepts, the card it writes must be valid TOML.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use mentorcard::import;

const KINDS: [&str; 4] = [
    "практика.docx",
    "практика.odt",
    "практика.txt",
    "практика.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = KINDS[usize::from(pick) % KINDS.len()];
    if let Ok(imported) = import::import(Path::new(name), bytes) {
        if let Err(e) = imported.text.parse::<toml::Table>() {
            panic!(
                "import wrote a card that is not TOML: {e}\n{}",
                imported.text
            );
        }
    }
});
