//! The card shown in the README is a real card: it loads without errors.

#[test]
fn readme_card_example_loads_without_errors() {
    let readme = std::fs::read_to_string(crate::common::root().join("README.md")).unwrap();
    let block = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a ```toml block in the README");
    let load = mentorcard::load::load("README.md", block, None);
    let errors: Vec<_> = load
        .diagnostics
        .iter()
        .filter(|d| d.severity == mentorcard::diag::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(load.card.is_some());
}
