#![forbid(unsafe_code)]

fn main() {
    std::process::exit(mentorcard::cli::main());
}
