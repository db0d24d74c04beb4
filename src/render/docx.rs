//! Native DOCX renderer: WordprocessingML written by hand and zipped.
//!
//! Hand-written because the ready crates get the details contests look at wrong (docx-rs: no
//! repeated table header, no document language, element order Word rejects). Every part keeps
//! the schema's element order, since Word (unlike LibreOffice) refuses files that do not.
//! Output is byte-identical for the same input: fixed zip timestamps, parts in a fixed order,
//! dates only from `Meta.date`.

mod body;
mod defs;
mod parts;
mod xml;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::common::{RenderOptions, Rendered};
use crate::document::Document;
use crate::message::Failure;

pub fn render(doc: &Document, options: &RenderOptions) -> Result<Rendered, Failure> {
    // A сборник's title page is counted but never numbered, whatever the profile says.
    let mut profile = options.profile.clone();
    profile.number_first_page &= !doc.meta.title_page;
    let profile = &profile;
    let body = body::write(doc, profile);
    let lang = parts::language_tag(&doc.meta.lang);

    let mut files: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", parts::content_types(profile)),
        ("_rels/.rels", parts::package_rels()),
        ("docProps/core.xml", parts::core(&doc.meta, &lang)),
        ("docProps/app.xml", parts::app()),
        ("word/document.xml", body.document),
        (
            "word/_rels/document.xml.rels",
            parts::document_rels(profile, &body.links),
        ),
        ("word/styles.xml", parts::styles(profile, &lang)),
        (
            "word/settings.xml",
            parts::settings(profile, &lang, doc.has_contents()),
        ),
        ("word/fontTable.xml", parts::font_table(profile)),
        ("word/numbering.xml", parts::numbering(&body.lists)),
        ("word/theme/theme1.xml", parts::THEME.to_string()),
    ];
    if parts::has_footer(profile) {
        files.push(("word/footer1.xml", parts::footer(profile, true)));
    }
    if parts::has_first_footer(profile) {
        files.push(("word/footer2.xml", parts::footer(profile, false)));
    }

    let bytes = zip_parts(&files).map_err(|e| Failure::Internal {
        detail: format!("DOCX: {e}"),
    })?;
    Ok(Rendered {
        bytes,
        warnings: body.warnings,
    })
}

fn zip_parts(files: &[(&str, String)]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed timestamp and mode: the clock and umask must not leak into the bytes.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    for (name, content) in files {
        zip.start_file(*name, options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
