fn main() {
    std::process::exit(mentorcard::cli::main());
}
