//! Fonts as input: the profile's `font_family` sets the PDF, found in `--font-path` folders
//! (or the system's); a bad family is refused with nothing written. The test families in
//! tests/data/fonts are cut from Debian's fonts and renamed (see make_fonts.py there).

use std::path::{Path, PathBuf};

use crate::common::pdf::{embedded, font_dicts, load, text_by_unicode_maps};
use crate::common::*;

/// A scratch folder with the example card and a profile naming `family`.
fn setup(name: &str, family: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::copy(
        root().join("examples/reverse-mentoring.toml"),
        dir.join("card.toml"),
    )
    .expect("card");
    std::fs::write(
        dir.join("profile.toml"),
        format!("base = \"gost\"\nfont_family = \"{family}\"\n"),
    )
    .expect("profile");
    dir
}

fn test_fonts() -> String {
    root().join("tests/data/fonts").display().to_string()
}

fn build(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "build",
        "card.toml",
        "-o",
        "out",
        "--profile",
        "profile.toml",
    ];
    args.extend_from_slice(extra);
    run(dir, &args)
}

#[test]
fn a_cff_family_from_a_font_path_sets_the_pdf_and_names_docx_and_html() {
    let dir = setup("fonts-cff", "MC Test Serif");
    let fonts = test_fonts();
    let r = build(&dir, &["--font-path", &fonts]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The family has no bold italic, which the example does not use: nothing to say.
    assert!(!r.stderr.contains("нет начертания"), "{}", r.stderr);
    // A card that uses it hears so once, with the face set instead and the profile named.
    let card = std::fs::read_to_string(dir.join("card.toml")).unwrap();
    let card = card.replacen("conditions = '''", "conditions = '''\n***Главное.***\n", 1);
    std::fs::write(dir.join("bolditalic.toml"), card).unwrap();
    let bi = run(
        &dir,
        &[
            "build",
            "bolditalic.toml",
            "-o",
            "out2",
            "--profile",
            "profile.toml",
            "--font-path",
            &fonts,
        ],
    );
    assert!(
        bi.stderr.contains(
            "«MC Test Serif» (font_family в профиле profile.toml) нет начертания «полужирный курсив»"
        ),
        "{}",
        bi.stderr
    );
    // located at the profile that chose the family, not at the card
    assert!(
        bi.stderr.contains("полужирный»\n  --> profile.toml\n"),
        "{}",
        bi.stderr
    );
    let pdf = load(&std::fs::read(dir.join("out/card.pdf")).unwrap());
    let faces = font_dicts(&pdf);
    assert_eq!(faces.len(), 3, "regular, bold and italic are used");
    for face in &faces {
        let e = embedded(&pdf, face);
        let (tag, name) = e.base_font.split_once('+').expect("a subset tag");
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));
        assert!(name.starts_with("MCTestSerif"), "{}", e.base_font);
        assert_eq!(e.file_key, "FontFile3", "CFF outlines");
        assert!(e.has_to_unicode);
        assert!(e.program.len() < 40_000, "{} is not a subset", e.base_font);
    }
    let text = text_by_unicode_maps(&pdf);
    let missing = missing_words(&seed_text(), &text);
    let unexplained: Vec<&String> = missing
        .iter()
        .filter(|w| !RESTATED_IN_STANDARD_FORM.contains(&w.as_str()))
        .collect();
    assert!(
        unexplained.is_empty(),
        "seed words missing: {unexplained:?}"
    );
    let html = std::fs::read_to_string(dir.join("out/card.html")).unwrap();
    assert!(
        html.contains("\"MC Test Serif\""),
        "the CSS names the family"
    );
    let docx = std::fs::read(dir.join("out/card.docx")).unwrap();
    let styles = unzip_part(&docx, "word/styles.xml");
    assert!(styles.contains("w:ascii=\"MC Test Serif\""), "{styles}");
}

fn unzip_part(zip: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("zip");
    let mut part = archive.by_name(name).expect("part");
    let mut text = String::new();
    part.read_to_string(&mut text).expect("utf-8");
    text
}

/// Nothing of the card's outputs exists.
fn nothing_written(dir: &Path) {
    let out = dir.join("out");
    let files: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(files.is_empty(), "written: {files:?}");
}

#[test]
fn a_family_without_cyrillic_is_refused_naming_the_font_and_letters() {
    let dir = setup("fonts-latin", "MC Latin Only");
    let fonts = test_fonts();
    let r = build(&dir, &["--font-path", &fonts]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("«MC Latin Only»"), "{}", r.stderr);
    assert!(r.stderr.contains("MCLatinOnly-Regular.ttf"), "{}", r.stderr);
    assert!(r.stderr.contains("нет русских букв: АБВ"), "{}", r.stderr);
    nothing_written(&dir);
}

#[test]
fn an_unknown_family_is_refused_naming_the_closest_installed() {
    let dir = setup("fonts-unknown", "MC Test Sans");
    let fonts = test_fonts();
    let r = build(&dir, &["--font-path", &fonts]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("«MC Test Sans» не найден"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("похожие: «MC Test Serif»"),
        "{}",
        r.stderr
    );
    nothing_written(&dir);
}

#[test]
fn a_corrupt_font_file_is_refused() {
    let dir = setup("fonts-broken", "MC Broken");
    let fonts = test_fonts();
    let r = build(&dir, &["--font-path", &fonts]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("MCBroken-Regular.ttf повреждён"),
        "{}",
        r.stderr
    );
    nothing_written(&dir);
}

#[test]
fn the_font_path_may_come_from_the_environment() {
    let dir = setup("fonts-env", "MC Test Serif");
    let r = run_env(
        &dir,
        &[
            "build",
            "card.toml",
            "-o",
            "out",
            "--profile",
            "profile.toml",
            "-f",
            "pdf",
        ],
        &[("MENTORCARD_FONT_PATHS", &test_fonts())],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = load(&std::fs::read(dir.join("out/card.pdf")).unwrap());
    assert!(embedded(&pdf, &font_dicts(&pdf)[0])
        .base_font
        .contains("MCTestSerif"));
}

#[test]
fn fonts_lists_the_families_that_cover_russian() {
    let dir = scratch("fonts-list");
    let r = run(&dir, &["fonts", "--font-path", &test_fonts()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first = r.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(
            "Liberation Serif — обычный, полужирный, курсив, полужирный курсив — встроен"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("MC Test Serif — обычный, полужирный, курсив — "),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("MCTestSerif-Regular.otf"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("MC Latin Only"),
        "no Cyrillic, not listed"
    );
    assert!(r.stdout.contains("font_family = "), "{}", r.stdout);
}

/// With Debian's fonts-paratype and fonts-linuxlibertine installed (CI installs them),
/// the system's PT Serif (TrueType) and Linux Libertine O (CFF) set the example, as
/// pdffonts, pdftotext and qpdf see it.
#[test]
#[ignore = "needs fonts-paratype, fonts-linuxlibertine, poppler-utils and qpdf"]
fn system_families_set_the_example_as_outside_tools_see_it() {
    for (family, ps) in [
        ("PT Serif", "PTSerif"),
        ("Linux Libertine O", "LinLibertineO"),
    ] {
        let dir = setup(&format!("fonts-system-{ps}"), family);
        let r = build(&dir, &["-f", "pdf,html,docx"]);
        assert_eq!(r.code, 0, "{family}: {}", r.stderr);
        let pdf = dir.join("out/card.pdf");
        let fonts = std::process::Command::new("pdffonts")
            .arg(&pdf)
            .output()
            .expect("pdffonts");
        let listing = String::from_utf8_lossy(&fonts.stdout);
        let rows: Vec<&str> = listing.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{listing}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert!(cols[0].contains(&format!("+{ps}")), "{family}: {row}");
            let n = cols.len();
            assert_eq!(
                cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "emb sub uni: {row}"
            );
        }
        // Every seed word through the fonts' own Unicode maps; through pdftotext nearly
        // all (it drops a hyphen that PT Serif kerns into the letter before it, merging
        // «научно-практические» into one word).
        let bytes = std::fs::read(&pdf).unwrap();
        let ours = text_by_unicode_maps(&load(&bytes));
        // A word too long for its column is broken with a hyphen: joined again here.
        let joined = ours.to_lowercase().replace('ё', "е").replace("-\n", "");
        let unexplained: Vec<String> = missing_words(&seed_text(), &ours)
            .into_iter()
            .filter(|w| !RESTATED_IN_STANDARD_FORM.contains(&w.as_str()) && !joined.contains(w))
            .collect();
        assert!(unexplained.is_empty(), "{family}: {unexplained:?}");
        let text = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout);
        let missing = missing_words(&seed_text(), &text)
            .iter()
            .filter(|w| !RESTATED_IN_STANDARD_FORM.contains(&w.as_str()))
            .count();
        let total = words(&seed_text()).len();
        assert!(
            missing * 50 < total,
            "{family}: pdftotext misses {missing} of {total} words"
        );
        let check = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&pdf)
            .output()
            .expect("qpdf");
        assert!(
            check.status.success(),
            "{family}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let html = std::fs::read_to_string(dir.join("out/card.html")).unwrap();
        assert!(
            html.contains(&format!("\"{family}\"")),
            "{family}: the CSS names it"
        );
        let styles = unzip_part(
            &std::fs::read(dir.join("out/card.docx")).unwrap(),
            "word/styles.xml",
        );
        assert!(
            styles.contains(&format!("w:ascii=\"{family}\"")),
            "{family}: DOCX styles"
        );
    }
}

/// Narrow families are listed and can set a card; a face the family lacks is reported only
/// when the document uses it, naming the profile that chose the family (issue 22, point 12).
#[test]
#[ignore = "needs fonts-paratype (PT Sans Narrow: regular and bold only)"]
fn a_narrow_family_sets_a_card_and_only_used_missing_faces_are_said() {
    let dir = scratch("fonts-narrow");
    let listed = run(&dir, &["fonts"]);
    assert!(
        listed.stdout.contains("PT Sans Narrow"),
        "{}",
        listed.stdout
    );
    std::fs::write(
        dir.join("narrow.toml"),
        "base = \"gost\"\nfont_family = \"PT Sans Narrow\"\n",
    )
    .unwrap();
    let example = std::fs::read_to_string(root().join("examples/reverse-mentoring.toml")).unwrap();
    std::fs::write(dir.join("card.toml"), &example).unwrap();
    let r = build_with_profile(&dir, "card.toml", "narrow.toml", "pdf");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let fonts = std::process::Command::new("pdffonts")
        .arg(dir.join("out/card.pdf"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&fonts.stdout).contains("PTSans-Narrow"));
    // the example has italic but no bold italic: only the italic is said, with the profile
    assert!(r.stderr.contains("нет начертания «курсив»"), "{}", r.stderr);
    assert!(
        r.stderr.contains("font_family в профиле narrow.toml"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("«полужирный курсив»"), "{}", r.stderr);
}

/// A --font-path folder that is not there is said, and the build goes on.
#[test]
fn a_missing_font_folder_is_said() {
    let dir = scratch("fonts-missing-folder");
    let r = run(&dir, &["fonts", "--font-path", "нет-такой-папки"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("папки шрифтов нет-такой-папки (--font-path) нет"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("Liberation Serif"), "{}", r.stdout);
}
