//! A collection file on any bytes, over two real cards: gathering, checking every card,
//! composing the сборник and exporting each format must never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use mentorcard::parallel::Progress;
use mentorcard::project::{Project, Purpose, Settings};
use mentorcard::render::Format;
use mentorcard::world::MemoryWorld;

const CARD: &str = include_str!("../../examples/reverse-mentoring.toml");

fuzz_target!(|data: &[u8]| {
    let world = MemoryWorld::new()
        .with_file("c/сборник.toml", data)
        .with_file("c/cards/a.toml", CARD)
        .with_file("c/cards/b.toml", CARD.replace("Обратное", "Прямое"))
        .with_file("c/extra/broken.toml", "title = \n");
    let project = Project::new(&world, Settings::default()).expect("the default profile loads");
    let path = Path::new("c/сборник.toml");
    if !project.is_collection(path).unwrap_or(false) {
        return;
    }
    let progress = Progress::default();
    let Ok(book) = project.check_book(path, Purpose::Check, 1, &progress) else {
        return;
    };
    let Ok(composed) = project.compose_book(&book, false, true, 1, &progress) else {
        return;
    };
    for format in Format::ALL {
        let exported = project
            .export_book(&book, &composed, format, &progress)
            .unwrap_or_else(|_| panic!("a composed сборник must give {format:?}"));
        assert!(!exported.bytes.is_empty(), "{format:?} is empty");
    }
});
