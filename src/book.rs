//! A сборник through the driver: the collection file loaded and its cards found
//! ([`Project::check_book`]), every card checked side by side, the whole made one document
//! ([`Project::compose_book`]) and rendered to any format ([`Project::export_book`]). Cards
//! are checked, composed and laid out on up to `jobs` threads; every step keeps the cards'
//! order, so the files are the same for any number of threads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::collection::{Collection, Order};
use crate::compose::{self, sort_key};
use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::document::{Document, Inline};
use crate::gather;
use crate::layout::{self, Paged};
use crate::load;
use crate::locale::Lang;
use crate::message::{Failure, Message};
use crate::parallel::{self, Progress, Stage};
use crate::project::{locate, Checked, Project, Purpose};
use crate::render::{self, Format, RenderOptions};
use crate::richtext;
use crate::world::FileError;

/// One card of a сборник (or of a `check --summary` list): where it is, which section it
/// is in, and the card checked, or why it could not be read.
pub struct Entry {
    pub path: PathBuf,
    pub section: Option<usize>,
    pub checked: Result<Checked, Failure>,
}

impl Entry {
    /// Whether the card keeps the сборник from being built.
    pub fn failed(&self, strict: bool) -> bool {
        self.checked.as_ref().map_or(true, |c| c.failed(strict))
    }
}

/// A collection file and its cards, checked.
pub struct Book {
    pub path: PathBuf,
    pub source: SourceFile,
    /// The language of the collection's own messages and pages.
    pub lang: Lang,
    /// The collection file's own problems (a pattern that finds nothing, a missing card).
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the collection file itself cannot be read as one.
    pub spec: Option<Collection>,
    /// The cards in the сборник's order.
    pub entries: Vec<Entry>,
}

impl Book {
    /// Whether the collection file itself has errors (or, with `strict`, warnings).
    pub fn failed(&self, strict: bool) -> bool {
        self.spec.is_none()
            || self.diagnostics.iter().any(|d| {
                d.severity == Severity::Error || (strict && d.severity == Severity::Warning)
            })
    }
}

/// A сборник as one document, with the pages of its PDF laid out when a format needs them.
pub struct ComposedBook {
    document: Document,
    /// Which entry of the book each practice (`FieldRef::part`) came from.
    parts: Vec<usize>,
    /// Cards left out by `--skip-invalid`, as warnings on the collection file.
    pub skipped: Vec<Diagnostic>,
    jobs: usize,
    paged: OnceLock<Paged>,
    numbered: OnceLock<Document>,
}

/// A rendered сборник and what the renderer noticed, in the card it happened in (by entry)
/// or, without a place, in the collection file.
pub struct ExportedBook {
    pub format: Format,
    pub bytes: Vec<u8>,
    pub cards: Vec<(usize, Vec<Diagnostic>)>,
    pub own: Vec<Diagnostic>,
}

impl Project<'_> {
    /// Whether a file is a collection (it has a `[collection]` table) rather than a card.
    pub fn is_collection(&self, path: &Path) -> Result<bool, Failure> {
        // A teacher's Word or LibreOffice document is a card to be, not text to parse.
        if crate::import::is_document(path) {
            let bytes = self.world().read(path).unwrap_or_default();
            return Ok(std::str::from_utf8(&bytes).is_ok_and(load::is_collection));
        }
        Ok(load::is_collection(&self.read_text(path)?))
    }

    fn read_text(&self, path: &Path) -> Result<String, Failure> {
        let bytes = self.world().read(path).map_err(|error| Failure::Read {
            path: path.to_path_buf(),
            error,
        })?;
        String::from_utf8(bytes).map_err(|_| Failure::Read {
            path: path.to_path_buf(),
            error: FileError::NotUtf8,
        })
    }

    /// Loads a collection file, finds its cards and checks every one of them. `Err` only
    /// when the collection file cannot be read; a card that cannot be read is an entry.
    pub fn check_book(
        &self,
        path: &Path,
        purpose: Purpose,
        jobs: usize,
        progress: &Progress,
    ) -> Result<Book, Failure> {
        let text = self.read_text(path)?;
        let loaded =
            load::load_collection(&path.display().to_string(), &text, self.settings().lang);
        let mut diagnostics = loaded.diagnostics;
        let mut entries = Vec::new();
        if let Some(spec) = &loaded.spec {
            let (members, problems) = gather::gather(self.world(), path, spec, &loaded.spans);
            diagnostics.extend(problems);
            let listed: Vec<(PathBuf, Option<usize>)> =
                members.into_iter().map(|m| (m.path, m.section)).collect();
            entries = self.check_cards(&listed, purpose, jobs, progress);
            order(&mut entries, spec);
        }
        crate::check::sort(&mut diagnostics);
        Ok(Book {
            path: path.to_path_buf(),
            source: loaded.source,
            lang: loaded.lang,
            diagnostics,
            spec: loaded.spec,
            entries,
        })
    }

    /// Checks cards side by side; the entries come back in the order given.
    pub fn check_cards(
        &self,
        cards: &[(PathBuf, Option<usize>)],
        purpose: Purpose,
        jobs: usize,
        progress: &Progress,
    ) -> Vec<Entry> {
        progress.start(Stage::Check, cards.len());
        parallel::map(cards, jobs, |(path, section)| {
            let checked = self.check(path, purpose);
            progress.tick();
            Entry {
                path: path.clone(),
                section: *section,
                checked,
            }
        })
    }

    /// The сборник as one document. Refused when the collection file has errors, or when a
    /// card fails its check and `skip_invalid` does not say to leave it out.
    pub fn compose_book(
        &self,
        book: &Book,
        strict: bool,
        skip_invalid: bool,
        jobs: usize,
        progress: &Progress,
    ) -> Result<ComposedBook, Failure> {
        let Some(spec) = book.spec.as_ref().filter(|_| !book.failed(strict)) else {
            return Err(Failure::BuildRefused {
                path: book.path.clone(),
            });
        };
        let failing: Vec<&Entry> = book.entries.iter().filter(|e| e.failed(strict)).collect();
        if !failing.is_empty() && !skip_invalid {
            return Err(Failure::CollectionRefused {
                path: book.path.clone(),
                cards: failing.iter().map(|e| e.path.clone()).collect(),
            });
        }
        let skipped = failing
            .iter()
            .map(|e| {
                Diagnostic::new(Message::CollectionCardSkipped {
                    path: e.path.display().to_string(),
                })
            })
            .collect();
        let kept: Vec<(usize, &Entry)> = book
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.failed(strict))
            .collect();
        if kept.is_empty() {
            return Err(Failure::BuildRefused {
                path: book.path.clone(),
            });
        }
        let depth = u8::from(!spec.sections.is_empty());
        let options = self.compose_options();
        progress.start(Stage::Compose, kept.len());
        let practices = parallel::map(&kept, jobs, |(part, entry)| {
            let card = entry.checked.as_ref().ok().and_then(Checked::card);
            let practice = card.map(|c| compose::practice(&c.card, *part, depth, &options));
            progress.tick();
            (entry.section, practice)
        });
        let practices = practices
            .into_iter()
            .filter_map(|(section, p)| Some((section, p?)))
            .collect();
        Ok(ComposedBook {
            document: compose::collection(spec, practices, &options),
            parts: kept.iter().map(|(i, _)| *i).collect(),
            skipped,
            jobs,
            paged: OnceLock::new(),
            numbered: OnceLock::new(),
        })
    }

    /// One format's bytes for a сборник.
    pub fn export_book(
        &self,
        book: &Book,
        composed: &ComposedBook,
        format: Format,
        progress: &Progress,
    ) -> Result<ExportedBook, Failure> {
        let (bytes, warnings) = match format {
            Format::Pdf => {
                let paged = self.book_pages(composed, progress)?;
                progress.start(Stage::Write, 1);
                let (bytes, mut warnings) =
                    self.write_pdf(paged, &composed.document.meta, composed.jobs)?;
                progress.tick();
                warnings.extend(paged.warnings.iter().cloned());
                (bytes, warnings)
            }
            _ => {
                let doc = match format {
                    Format::Docx => self.numbered(composed, progress)?,
                    _ => &composed.document,
                };
                let options = RenderOptions {
                    profile: self.profile().clone(),
                    templates: self.templates()?.to_vec(),
                };
                let out = render::render_text_format(format, doc, &options)?;
                (out.bytes, out.warnings)
            }
        };
        let mut cards: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
        let mut own = Vec::new();
        for warning in warnings {
            let entry = warning
                .source
                .and_then(|s| composed.parts.iter().find(|&&i| i == s.part).copied());
            match entry.and_then(|i| Some((i, book.entries[i].checked.as_ref().ok()?))) {
                Some((i, checked)) => cards.entry(i).or_default().push(locate(checked, warning)),
                None => own.push(Diagnostic::new(warning.message)),
            }
        }
        Ok(ExportedBook {
            format,
            bytes,
            cards: cards.into_iter().collect(),
            own,
        })
    }

    /// The сборник's PDF pages, laid out once, the practices side by side.
    fn book_pages<'c>(
        &self,
        composed: &'c ComposedBook,
        progress: &Progress,
    ) -> Result<&'c Paged, Failure> {
        if let Some(paged) = composed.paged.get() {
            return Ok(paged);
        }
        let fonts = &self.fonts()?.fonts;
        progress.start(Stage::Layout, 1);
        let paged = layout::layout_jobs(&composed.document, self.profile(), fonts, composed.jobs);
        progress.tick();
        Ok(composed.paged.get_or_init(|| paged))
    }

    /// The document with the PDF's page numbers in its contents, for formats that print
    /// them without paginating (DOCX, until Word refreshes its field).
    fn numbered<'c>(
        &self,
        composed: &'c ComposedBook,
        progress: &Progress,
    ) -> Result<&'c Document, Failure> {
        if let Some(doc) = composed.numbered.get() {
            return Ok(doc);
        }
        let paged = self.book_pages(composed, progress)?;
        let mut doc = composed.document.clone();
        doc.fill_pages(&paged.anchor_pages);
        Ok(composed.numbered.get_or_init(|| doc))
    }
}

/// Puts the entries in the collection's order: as listed, or by title or first author
/// (Russian order: case and «ё» do not matter), section by section, the cards outside any
/// section last. Cards that cannot be read keep their place at the end of their section.
fn order(entries: &mut [Entry], spec: &Collection) {
    if spec.sections.is_empty() && spec.order == Order::AsListed {
        return;
    }
    entries.sort_by_cached_key(|e| {
        let section = e.section.unwrap_or(usize::MAX);
        let Some(card) = e.checked.as_ref().ok().and_then(Checked::card) else {
            return (section, true, String::new(), String::new());
        };
        let title = || sort_key(&Inline::plain(&richtext::parse_inline(&card.card.title)));
        let author = card.card.authors.first().map(|a| sort_key(&a.name));
        let (first, second) = match spec.order {
            Order::AsListed => (String::new(), String::new()),
            Order::Title => (title(), String::new()),
            Order::Author => (author.unwrap_or_default(), title()),
        };
        (section, false, first, second)
    });
}
