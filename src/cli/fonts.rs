use super::common::Globals;
use super::common::{self, EXIT_OK};
use super::system::SystemWorld;
use crate::message::{Failure, Status};

/// Arguments of `mentorcard fonts`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Lists the families that can set a Russian card, with their faces and where they are.
pub fn run(_args: &Args, globals: &Globals) -> Result<i32, Failure> {
    let lang = globals.lang.unwrap_or_default();
    let world = SystemWorld::new(None, globals.font_paths.clone());
    for family in crate::layout::typeface::russian_families(&world) {
        let status = Status::FontFamily {
            family: family.family,
            faces: family.faces,
            place: family.place,
        };
        common::say(&status, lang);
    }
    common::say(&Status::FontsHowTo, lang);
    Ok(EXIT_OK)
}
