//! The whole pipeline on any bytes: a card in memory is loaded, checked (with the page
//! count a contest limit needs) and, when it passes, exported to every format. Whatever the
//! input, nothing may panic, and a card that passes must give every file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use mentorcard::project::{Project, Purpose, Settings};
use mentorcard::render::Format;
use mentorcard::world::MemoryWorld;

fuzz_target!(|data: &[u8]| {
    let world = MemoryWorld::new().with_file("card.toml", data);
    let project = Project::new(&world, Settings::default()).expect("the default profile loads");
    let Ok(checked) = project.check(Path::new("card.toml"), Purpose::Check) else {
        return; // not UTF-8, too large: a located failure, not a card
    };
    if checked.failed(false) {
        return;
    }
    for format in Format::ALL {
        let exported = project
            .export(&checked, format)
            .unwrap_or_else(|_| panic!("a card that passed check must give {format:?}"));
        assert!(!exported.bytes.is_empty(), "{format:?} is empty");
    }
});
