//! The driver: the whole job behind one entry point, as typst's `World` + compile. A
//! [`Project`] holds the inputs seam and the settings (profile, templates, language);
//! [`Project::check`] loads and checks a card and returns it with *all* its diagnostics;
//! [`Project::export`] turns a checked card into any format's bytes, with the renderer's
//! warnings located in the card. The PDF's pages are laid out once per card, whether a
//! contest's page limit or the PDF itself asks for them first. The CLI, the tests and the
//! preview server all go through here; [`Project::files_read`] tells a watcher what to watch.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::card::LoadedCard;
use crate::compose::{self, ComposeOptions};
use crate::date::Date;
use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::document::{Document, FieldRef};
use crate::fonts::{FaceSource, FontBook, FontBytes};
use crate::layout::typeface::{self, Chosen};
use crate::layout::{self, Paged};
use crate::load;
use crate::locale::Lang;
use crate::message::{Failure, Message};
use crate::profile::Profile;
use crate::render::pdf;
use crate::render::{self, Format, RenderOptions, Warning};
use crate::templates::{self, Template};
use crate::world::{DirEntry, FileError, World};

/// What the user chose on the command line (or a test in code).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `gost`, `compact`, or a profile file that overrides one.
    pub profile: Option<String>,
    /// A folder whose files replace built-in HTML templates of the same name.
    pub templates: Option<PathBuf>,
    /// Turn Russian hyphenation on, whatever the profile says.
    pub hyphenate: bool,
    /// The language of messages; `None` follows each card's `language`.
    pub lang: Option<Lang>,
    /// Jury copies: documents without the authors, organisation and locality (`jury`).
    pub anonymous: bool,
}

/// What a check adds to loading: `check` shows typography hints, `build` skips the work
/// (it applies the typography anyway and prints no hints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Check,
    Build,
}

/// One card, loaded and checked.
pub struct Checked {
    pub path: PathBuf,
    pub source: SourceFile,
    /// The language its messages are printed in.
    pub lang: Lang,
    pub diagnostics: Vec<Diagnostic>,
    card: Option<LoadedCard>,
    document: OnceLock<Document>,
    paged: OnceLock<Paged>,
}

impl Checked {
    /// Whether the card must not be built: an error, or with `strict` a warning too.
    pub fn failed(&self, strict: bool) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error || (strict && d.severity == Severity::Warning))
    }

    pub fn card(&self) -> Option<&LoadedCard> {
        self.card.as_ref()
    }
}

/// A rendered file and what the renderer noticed, located in the card where it can be.
pub struct Exported {
    pub format: Format,
    pub bytes: Vec<u8>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A world that remembers every path asked of it, so a watcher knows what to watch.
struct Recording<'w> {
    world: &'w dyn World,
    read: Mutex<BTreeSet<PathBuf>>,
}

impl Recording<'_> {
    fn note(&self, path: &Path) {
        if let Ok(mut read) = self.read.lock() {
            read.insert(path.to_path_buf());
        }
    }
}

impl World for Recording<'_> {
    fn read(&self, path: &Path) -> Result<Vec<u8>, FileError> {
        self.note(path);
        self.world.read(path)
    }

    fn read_in(&self, dir: &Path, name: &str) -> Result<Vec<u8>, FileError> {
        self.note(&dir.join(name));
        self.world.read_in(dir, name)
    }

    fn list(&self, dir: &Path) -> Result<Vec<DirEntry>, FileError> {
        self.note(dir);
        self.world.list(dir)
    }

    fn real_path(&self, path: &Path) -> Option<PathBuf> {
        self.world.real_path(path)
    }

    fn fonts(&self) -> &FontBook {
        self.world.fonts()
    }

    fn family_faces(&self, family: &str) -> FontBook {
        self.world.family_faces(family)
    }

    fn font_data(&self, face: &FaceSource) -> Result<FontBytes, FileError> {
        self.world.font_data(face)
    }

    fn today(&self) -> Date {
        self.world.today()
    }

    fn document_date(&self) -> Option<i64> {
        self.world.document_date()
    }

    fn convert_to_docx(
        &self,
        bytes: &[u8],
        from: crate::world::OldFormat,
    ) -> Result<Vec<u8>, crate::world::ConvertError> {
        self.world.convert_to_docx(bytes, from)
    }
}

/// The inputs and settings of one run of the tool.
pub struct Project<'w> {
    world: Recording<'w>,
    settings: Settings,
    profile: Profile,
    fonts: OnceLock<Result<Chosen, Failure>>,
    templates: OnceLock<Result<Vec<Template>, Failure>>,
}

impl<'w> Project<'w> {
    /// Resolves the profile (a built-in name, or a file read through the world).
    pub fn new(world: &'w dyn World, settings: Settings) -> Result<Project<'w>, Failure> {
        let world = Recording {
            world,
            read: Mutex::new(BTreeSet::new()),
        };
        let lang = settings.lang.unwrap_or_default();
        let mut profile = resolve_profile(&world, settings.profile.as_deref(), lang)?;
        if settings.hyphenate {
            profile.hyphenate = true;
        }
        Ok(Project {
            world,
            settings,
            profile,
            fonts: OnceLock::new(),
            templates: OnceLock::new(),
        })
    }

    pub(crate) fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Every file the project has read or listed so far, sorted.
    pub fn files_read(&self) -> Vec<PathBuf> {
        self.world
            .read
            .lock()
            .map(|r| r.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Loads and checks one card. `Err` only when the file itself cannot be read (not UTF-8,
    /// missing); everything wrong inside it is a diagnostic.
    pub fn check(&self, path: &Path, purpose: Purpose) -> Result<Checked, Failure> {
        let bytes = self.world.read(path).map_err(|error| Failure::Read {
            path: path.to_path_buf(),
            error,
        })?;
        if crate::import::is_document(path) && !load::is_card_text(&bytes) {
            let imported = self.import_bytes(path, &bytes)?;
            let mut checked = self.check_text(path, &imported.text, purpose)?;
            relocate(&mut checked, path);
            return Ok(checked);
        }
        let text = String::from_utf8(bytes).map_err(|_| Failure::Read {
            path: path.to_path_buf(),
            error: FileError::NotUtf8,
        })?;
        self.check_text(path, &text, purpose)
    }

    /// Checks a card's text as if it were the file at `path` (its materials file and the
    /// profile are read beside it): the form editor checks what the teacher typed before it
    /// is saved.
    pub fn check_text(
        &self,
        path: &Path,
        text: &str,
        purpose: Purpose,
    ) -> Result<Checked, Failure> {
        let mut loaded = load::load(&path.display().to_string(), text, self.settings.lang);
        if let Some(card) = loaded.card.as_mut() {
            let base = path.parent().unwrap_or(Path::new("."));
            let (problems, _) = load::include_materials(card, &self.world, base);
            loaded.diagnostics.extend(problems);
        }
        let today = self.world.today();
        let mut diagnostics = crate::check::diagnose(&loaded, today, purpose == Purpose::Check);
        let checked = Checked {
            path: path.to_path_buf(),
            source: loaded.source,
            lang: loaded.lang,
            diagnostics: Vec::new(),
            card: loaded.card,
            document: OnceLock::new(),
            paged: OnceLock::new(),
        };
        // A contest's limits refuse a build exactly as they fail a check: a 20-page PDF
        // against `max_pages = 8` is not a submission.
        if let Some(card) = checked.card() {
            diagnostics.extend(self.limits(&checked, card)?);
            crate::check::sort(&mut diagnostics);
        }
        Ok(Checked {
            diagnostics,
            ..checked
        })
    }

    /// The contest's limits; the card is composed only for limits on volume, and typeset
    /// only for limits on pages.
    fn limits(&self, checked: &Checked, card: &LoadedCard) -> Result<Vec<Diagnostic>, Failure> {
        let limits = &self.profile.limits;
        let needs_pages = limits.max_pages.is_some() || limits.min_pages.is_some();
        let needs_document = needs_pages
            || limits.max_chars_per_criterion.is_some()
            || limits.max_total_chars.is_some();
        if !needs_document {
            let empty = Document {
                meta: Default::default(),
                blocks: Vec::new(),
            };
            return Ok(crate::check::check_limits(card, &empty, limits, None));
        }
        let Some(doc) = self.document(checked) else {
            return Ok(Vec::new());
        };
        let pages = match needs_pages {
            true => Some(self.paged(checked, doc)?.page_count()),
            false => None,
        };
        Ok(crate::check::check_limits(card, doc, limits, pages))
    }

    fn compose(&self, card: &crate::card::Card) -> Document {
        let card = match self.settings.anonymous {
            true => crate::jury::strip(card),
            false => std::borrow::Cow::Borrowed(card),
        };
        compose::compose(&card, &self.compose_options())
    }

    pub(crate) fn compose_options(&self) -> ComposeOptions {
        ComposeOptions::from_profile(&self.profile, self.world.document_date())
    }

    /// The inputs, as the project sees them (every read recorded).
    pub(crate) fn world(&self) -> &dyn World {
        &self.world
    }

    /// The PDF file of laid-out pages in the project's fonts, with what the choice of fonts
    /// had to give up as warnings without a place.
    pub(crate) fn write_pdf(
        &self,
        paged: &Paged,
        meta: &crate::document::Meta,
        jobs: usize,
    ) -> Result<(Vec<u8>, Vec<Warning>), Failure> {
        let chosen = self.fonts()?;
        let bytes = pdf::write(paged, meta, &chosen.fonts, jobs).map_err(|e| match e {
            pdf::WriteError::Font { face, .. } => Failure::FontCorrupt {
                path: chosen.places.get(face).cloned().unwrap_or_default(),
            },
            pdf::WriteError::Pdf(detail) => Failure::Internal { detail },
        })?;
        // Only the faces the pages use: a missing italic in a card without italic is no news.
        let used = |m: &&Message| match m {
            Message::FontFaceMissing { style, .. } => paged.uses(*style),
            _ => true,
        };
        let profile_file = self
            .settings
            .profile
            .clone()
            .filter(|p| p.ends_with(".toml"));
        let notes = chosen.notes.iter().filter(used).map(|m| {
            let mut message = m.clone();
            if let Message::FontFaceMissing { profile, .. } = &mut message {
                profile.clone_from(&profile_file);
            }
            Warning {
                message,
                source: None,
            }
        });
        Ok((bytes, notes.collect()))
    }

    /// Reads a teacher's document (.docx, .odt, .txt, .md; .doc and .rtf through the world's
    /// converter) and makes a card of it: the card's TOML text and the report of what went
    /// where. Nothing is written here.
    pub fn import(&self, path: &Path) -> Result<crate::import::Imported, Failure> {
        let bytes = self.world.read(path).map_err(|error| Failure::Read {
            path: path.to_path_buf(),
            error,
        })?;
        self.import_bytes(path, &bytes)
    }

    fn import_bytes(&self, path: &Path, bytes: &[u8]) -> Result<crate::import::Imported, Failure> {
        let Some(old) = crate::world::OldFormat::of(bytes) else {
            return crate::import::import(path, bytes);
        };
        let failure = |problem| Failure::ImportConvert {
            path: path.to_path_buf(),
            old,
            problem,
        };
        let docx = self.world.convert_to_docx(bytes, old).map_err(failure)?;
        crate::import::import_converted(path, &docx)
    }

    /// The card as a document, composed once.
    pub fn document<'c>(&self, checked: &'c Checked) -> Option<&'c Document> {
        let card = checked.card()?;
        Some(checked.document.get_or_init(|| self.compose(&card.card)))
    }

    /// How many pages the card's PDF has (laid out once, as the PDF will be).
    pub fn page_count(&self, checked: &Checked) -> Result<usize, Failure> {
        let Some(doc) = self.document(checked) else {
            return Err(Failure::BuildRefused {
                path: checked.path.clone(),
            });
        };
        Ok(self.paged(checked, doc)?.page_count())
    }

    /// One format's bytes for a checked card, with the renderer's warnings located in it.
    pub fn export(&self, checked: &Checked, format: Format) -> Result<Exported, Failure> {
        let Some(doc) = self.document(checked) else {
            return Err(Failure::BuildRefused {
                path: checked.path.clone(),
            });
        };
        let (bytes, warnings) = match format {
            Format::Pdf => {
                let paged = self.paged(checked, doc)?;
                let (bytes, mut warnings) = self.write_pdf(paged, &doc.meta, 1)?;
                warnings.extend(paged.warnings.iter().cloned());
                (bytes, warnings)
            }
            _ => {
                let options = RenderOptions {
                    profile: self.profile.clone(),
                    templates: self.templates()?.to_vec(),
                };
                let out = render::render_text_format(format, doc, &options)?;
                (out.bytes, out.warnings)
            }
        };
        let diagnostics = warnings.into_iter().map(|w| locate(checked, w)).collect();
        Ok(Exported {
            format,
            bytes,
            diagnostics,
        })
    }

    /// The card's PDF pages, laid out once.
    pub(crate) fn paged<'c>(
        &self,
        checked: &'c Checked,
        doc: &Document,
    ) -> Result<&'c Paged, Failure> {
        if let Some(paged) = checked.paged.get() {
            return Ok(paged);
        }
        let paged = layout::layout(doc, &self.profile, &self.fonts()?.fonts);
        Ok(checked.paged.get_or_init(|| paged))
    }

    /// The family of the profile's `font_family`, parsed once per project.
    pub(crate) fn fonts(&self) -> Result<&Chosen, Failure> {
        self.fonts
            .get_or_init(|| typeface::choose(&self.world, &self.profile.font_family))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The HTML templates with the user's overrides, read once per project.
    pub(crate) fn templates(&self) -> Result<&[Template], Failure> {
        self.templates
            .get_or_init(|| {
                templates::load(&self.world, self.settings.templates.as_deref()).map(|(t, _)| t)
            })
            .as_deref()
            .map_err(Clone::clone)
    }
}

/// A renderer warning as a diagnostic at the criterion it happened in.
pub(crate) fn locate(checked: &Checked, warning: Warning) -> Diagnostic {
    let span = match (warning.source, checked.card()) {
        (Some(FieldRef { key, .. }), Some(card)) => card.spans.key(&format!("criteria.{key}")),
        _ => None,
    };
    // A font the profile chose is the profile's business: name that file, not the card.
    let file = match &warning.message {
        Message::FontFaceMissing { profile, .. } => profile.clone(),
        _ => None,
    };
    Diagnostic {
        file,
        ..Diagnostic::new(warning.message).at(span)
    }
}

/// A built-in profile by name, or a TOML file that overrides one, checked as a card is:
/// every problem located in the file, printed the way card diagnostics are.
fn resolve_profile(world: &dyn World, arg: Option<&str>, lang: Lang) -> Result<Profile, Failure> {
    let Some(name) = arg else {
        return Ok(Profile::gost());
    };
    if let Some(p) = Profile::named(name) {
        return Ok(p);
    }
    let path = PathBuf::from(name);
    let text = world
        .read(&path)
        .and_then(|b| String::from_utf8(b).map_err(|_| FileError::NotUtf8))
        .map_err(|error| Failure::ProfileUnknown {
            name: name.to_string(),
            error,
        })?;
    let source = SourceFile::new(path.display().to_string(), load::old_mac_line_breaks(&text));
    let mut problems = crate::schema::validate_profile(&source);
    if problems.is_empty() {
        let profile = Profile::from_toml(&source.text).map_err(|detail| Failure::Profile {
            path: path.clone(),
            detail,
        })?;
        for (key, left, need) in profile.fit_problems() {
            let partners: &[&str] = match key {
                "margin_right_mm" => &["margin_right_mm", "margin_left_mm"],
                "margin_bottom_mm" => &["margin_bottom_mm", "margin_top_mm"],
                _ => &[
                    "table_label_col_mm",
                    "table_number_col_mm",
                    "margin_left_mm",
                    "margin_right_mm",
                ],
            };
            let span = crate::schema::key_span(&source, partners);
            problems.push(Diagnostic::new(Message::ProfileFit { key, left, need }).at(span));
        }
        if problems.is_empty() {
            return Ok(profile);
        }
    }
    Err(Failure::ProfileInvalid {
        path,
        report: crate::diag::render_text(&source, &problems, lang),
    })
}

/// A teacher's document checked as the card it imports to has no TOML lines to show: each
/// diagnostic names the document and the place in it in words («в таблице, строка
/// «Цель практики»») instead of a line of a card she never saw.
fn relocate(checked: &mut Checked, document: &Path) {
    let paths = crate::editor::form::paths();
    let spans = crate::editor::values::field_spans(&checked.source.text, &paths);
    let lang = checked.lang;
    for d in &mut checked.diagnostics {
        let at = d
            .span
            .and_then(|s| crate::editor::values::field_at(&spans, s.start));
        let field = d.message.field().or_else(|| at.map(str::to_string));
        let place = field.map(|f| crate::locale::place_in_document(&f, lang));
        let name = document.display().to_string();
        d.file = Some(place.map_or(name.clone(), |p| format!("{name}, {p}")));
        d.span = None;
    }
}
