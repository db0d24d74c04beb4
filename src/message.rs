//! Everything mentorcard tells a user, as typed values: a variant per situation holding its
//! data (as just's `CompileErrorKind` does). The words are made in one place,
//! the `locale` module, so a third language touches that one file; the machine-readable code of
//! a diagnostic is the variant's name in kebab-case, so it cannot drift from the situation.
//!
//! Three kinds: [`Message`] — a problem found in a card (a diagnostic, with a severity);
//! [`Failure`] — why a command could not do its job (a file it cannot read, a bad profile);
//! [`Status`] — what a command did (a file written).

use std::path::PathBuf;

use crate::date::Date;
use crate::fonts::Style;
use crate::path::FieldPath;
use crate::typography::Rule;
use crate::world::FileError;

/// How much a diagnostic matters: errors block a build, warnings only with `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Hint,
}

/// A problem in a card (or a profile, a sources file, a rendering), located by the
/// diagnostic that carries it.
#[derive(Debug, Clone, PartialEq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Message {
    /// The TOML cannot be read; `more` further syntax errors were found after this one.
    Syntax {
        kind: SyntaxKind,
        raw: String,
        more: usize,
    },
    WrongType {
        field: FieldPath,
        expected: Vec<ValueKind>,
        found: ValueKind,
        hint: TypeHint,
    },
    InvalidDate {
        field: FieldPath,
        text: String,
    },
    UnknownValue {
        field: FieldPath,
        value: String,
        allowed: Vec<String>,
        /// The allowed value closest to a misspelt one.
        suggestion: Option<String>,
    },
    /// A profile's sizes do not fit the page: what is `left` of it, and what is needed (mm).
    /// `key` is the field that sets it: `margin_right_mm` for the text width,
    /// `margin_bottom_mm` for its height, `table_label_col_mm` for the table's content column.
    ProfileFit {
        key: &'static str,
        left: f32,
        need: f32,
    },
    /// A number outside the range its field allows (`value` as written; NaN included).
    OutOfRange {
        field: FieldPath,
        value: String,
        min: Option<f64>,
        max: Option<f64>,
    },
    UnknownKey {
        key: String,
        section: Section,
        suggestion: Option<String>,
        /// Whether the suggestion is a criterion of the form (its label is then shown).
        suggestion_is_criterion: bool,
        allowed: Vec<String>,
        /// A key of the top level written under a section header: TOML puts every line after
        /// `[[authors]]` into that section, so it belongs above the first header.
        belongs_at_top: bool,
    },
    MissingCriterion {
        key: &'static str,
    },
    MissingSection,
    MissingField {
        name: String,
        parent: FieldPath,
    },
    /// The card passed the schema but serde still refused it (a gap in the schema).
    InvalidCard {
        detail: String,
    },
    MaterialsFile {
        file: String,
        problem: MaterialsProblem,
    },
    EmptyField {
        what: Unfilled,
    },
    EmptyCriterion {
        key: &'static str,
    },
    /// A criterion holding only a stand-in for text («…», «-», «нет», «TODO»).
    PlaceholderCriterion {
        key: &'static str,
        text: String,
    },
    ShortCriterion {
        key: &'static str,
        letters: usize,
    },
    ReverseRoles,
    /// A jury copy's own text names one of its authors (`name` as it stands there).
    JuryNamesAuthor {
        name: String,
    },
    /// A jury copy's own text names the authors' organisation.
    JuryNamesOrganisation {
        name: String,
    },
    ParticipantEmpty {
        index: usize,
        role: String,
    },
    LimitCriterionChars {
        key: String,
        count: usize,
        max: usize,
    },
    LimitTotalChars {
        count: usize,
        max: usize,
    },
    LimitPages {
        pages: usize,
        limit: usize,
        over: bool,
    },
    RequiredRow {
        key: String,
    },
    RequiredField {
        key: String,
    },
    InvalidSchoolYear {
        text: String,
    },
    PeriodOrder {
        start: Date,
        end: Date,
    },
    PeriodFuture {
        end: Date,
    },
    NormUnknownRef {
        reference: String,
    },
    NormMissingKind,
    NormMissingDate {
        written: Written,
    },
    NormMissingNumber {
        written: Written,
    },
    NormMissingTitle {
        /// The registry's act number, when the registry says what the act is about.
        about: Option<&'static str>,
    },
    #[strum(serialize = "norm-goals-2024")]
    NormGoals2024,
    NormProjectEnded {
        project: EndedProject,
    },
    NormUseRef {
        reference: String,
    },
    OldStyleSource {
        finding: OldStyle,
        markers: Vec<String>,
        hint: OldStyleHint,
    },
    BiblioNoTitle,
    BiblioUnknownType {
        kind: String,
    },
    BiblioNoContainer,
    BiblioWebNoUrl,
    BiblioIsbnInvalid {
        isbn: String,
    },
    BiblioUrlNoAccessDate,
    BiblioAccessDateFuture {
        date: Date,
        today: Date,
    },
    BiblioAccessDateNoUrl,
    /// What Russian typography will change at build time, for one field and rule.
    /// A link written without `https://`, which the build adds.
    LinkScheme {
        field: FieldPath,
        url: String,
    },
    Typography {
        field: FieldPath,
        rule: Rule,
        count: usize,
        example: (String, String),
    },
    TypographyNbsp {
        count: usize,
    },
    /// A character the PDF font lacks; a substitute is drawn.
    MissingGlyph {
        ch: char,
        criterion: Option<&'static str>,
    },
    /// A collection's card pattern matches no file.
    CollectionNoMatch {
        pattern: String,
    },
    /// A card the collection names is not there.
    CollectionCardMissing {
        path: String,
    },
    /// A card is listed twice; it is taken once.
    CollectionCardTwice {
        path: String,
    },
    /// A card outside the collection's folder (`../`, an absolute path, or a link that leads
    /// out): taken, with a warning.
    CollectionCardOutside {
        path: String,
    },
    /// A file the pattern matched that is no card (not `.toml`): left out unread.
    CollectionNotACard {
        path: String,
    },
    /// The collection lists no cards at all.
    CollectionEmpty,
    CollectionNoTitle,
    /// A card of the collection fails `check` and was left out (`--skip-invalid`).
    CollectionCardSkipped {
        path: String,
    },
    /// The chosen family lacks a face; `instead` sets it.
    FontFaceMissing {
        family: String,
        style: Style,
        instead: Style,
        /// The profile file whose `font_family` chose the family, to be named: the card
        /// does not choose fonts.
        profile: Option<String>,
    },
    /// A link whose scheme is not allowed was written as plain text.
    LinkNotAllowed {
        url: String,
        format: LinkFormat,
    },
}

impl Message {
    /// Whether it is a contest's rule the card breaks (volume, pages, required parts), as
    /// the summary of a contest lists them.
    pub fn is_limit(&self) -> bool {
        use Message::*;
        matches!(
            self,
            LimitCriterionChars { .. }
                | LimitTotalChars { .. }
                | LimitPages { .. }
                | RequiredRow { .. }
                | RequiredField { .. }
        )
    }

    /// The card field a message names by itself (`criteria.goal`, `title`): a missing or
    /// empty criterion points at its section's header in the text, not at the field.
    pub fn field(&self) -> Option<String> {
        use Message::*;
        Some(match self {
            MissingCriterion { key }
            | EmptyCriterion { key }
            | PlaceholderCriterion { key, .. }
            | ShortCriterion { key, .. } => format!("criteria.{key}"),
            LimitCriterionChars { key, .. } | RequiredRow { key } => format!("criteria.{key}"),
            RequiredField { key } => key.clone(),
            MissingField { name, parent } => match parent.to_string() {
                p if p.is_empty() => name.clone(),
                p => format!("{p}.{name}"),
            },
            _ => return None,
        })
    }

    /// The stable machine-readable name (`unknown-key`…), for scripts, JSON and tests.
    pub fn code(&self) -> &'static str {
        self.into()
    }

    /// How much the situation matters when nothing overrides it.
    pub fn severity(&self) -> Severity {
        use Message::*;
        match self {
            ShortCriterion { .. }
            | ReverseRoles
            | ParticipantEmpty { .. }
            | PeriodOrder { .. }
            | PeriodFuture { .. }
            | NormUnknownRef { .. }
            | NormMissingKind
            | NormMissingDate { .. }
            | NormMissingNumber { .. }
            | NormMissingTitle { .. }
            | NormGoals2024
            | NormProjectEnded { .. }
            | OldStyleSource { .. }
            | BiblioNoTitle
            | BiblioUnknownType { .. }
            | BiblioNoContainer
            | BiblioWebNoUrl
            | BiblioIsbnInvalid { .. }
            | BiblioUrlNoAccessDate
            | BiblioAccessDateFuture { .. }
            | BiblioAccessDateNoUrl
            | MissingGlyph { .. }
            | CollectionCardTwice { .. }
            | CollectionCardOutside { .. }
            | CollectionCardSkipped { .. }
            | FontFaceMissing { .. }
            | LinkNotAllowed { .. }
            | JuryNamesAuthor { .. }
            | JuryNamesOrganisation { .. } => Severity::Warning,
            NormUseRef { .. } | Typography { .. } | TypographyNbsp { .. } | LinkScheme { .. } => {
                Severity::Hint
            }
            _ => Severity::Error,
        }
    }
}

/// What kind of TOML syntax error, as far as the parser's message tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxKind {
    MustBeQuoted,
    DuplicateKey,
    UnclosedString,
    BadEscape,
    UnclosedMultiline,
    MissingAssignment,
    UnclosedHeader,
    BadArray,
    BadInlineTable,
    BadDate,
    TrailingText,
    NonLatinKey,
    BadKey,
    /// An invisible control character (U+0000–U+001F but tab and line breaks, U+007F),
    /// which TOML allows nowhere; `raw` names it (`U+0001`).
    ControlChar,
    /// A date typed as in Russian text, `date = 12.05.2025`; `raw` is what was typed.
    DottedDate,
    /// A value in Word's curly quotes (“…”, «…»); `raw` is the opening quote.
    CurlyQuotes,
    Other,
}

/// The kind of a TOML value, for "expected X, found Y".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    Array,
    Object,
    Value,
}

/// The advice that goes with a wrong type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeHint {
    /// A number or a boolean where text belongs: quote it.
    Quote {
        key: String,
        raw: String,
    },
    /// A bare value where text is one of the choices.
    QuoteIfText {
        key: String,
        raw: String,
    },
    /// General advice for the wanted kind.
    Kind {
        want: ValueKind,
        found: ValueKind,
        date: bool,
    },
    None,
}

/// Where an unknown key stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section {
    Top,
    /// The top level of a profile file.
    Profile,
    Table(FieldPath),
    /// Entry `index` (0-based) of an array of tables.
    Entry(FieldPath, usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum MaterialsProblem {
    Unreadable(FileError),
    Invalid(CslError),
}

/// Why a CSL-JSON export could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CslError {
    /// Not JSON: where the reader stopped.
    Syntax {
        line: usize,
        column: usize,
    },
    NotArray,
    ItemNotObject(usize),
    /// Item `index` (1-based) cannot be read: `field` is missing or wrong (then `value` is
    /// what it holds, shortened), or serde's `detail` when no one field is to blame.
    Item {
        index: usize,
        title: String,
        field: Option<String>,
        missing: bool,
        value: String,
        detail: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unfilled {
    Title,
    Role { index: usize },
    Definition { index: usize, field: &'static str },
}

/// A norm written as a structured act or as a plain string (the advice differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Act,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndedProject {
    ModernSchool,
    Education,
}

/// An old-style marker in a plain bibliographic string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OldStyle {
    /// `[Текст]`, `[Электронный ресурс]`: the word inside the brackets.
    ContentMarker(String),
    AreaSeparator,
    /// An abbreviated place glued to the colon; the place in full.
    Place(String),
    PagesGlued,
}

/// What to write instead of an old-style string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OldStyleHint {
    /// The string could be read: the entry as TOML, and the record it gives.
    Structured {
        toml: String,
        record: String,
    },
    /// The string could not be read: a sample entry.
    Sample,
    Pages,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkFormat {
    Html,
    Docx,
    Markdown,
    Pdf,
}

/// Why a command could not do its job; the CLI prints it and exits with 2 (or 1 where the
/// user's own input is at fault, such as a broken template).
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// A file (card, profile, template folder) cannot be read.
    Read {
        path: PathBuf,
        error: FileError,
    },
    ProfileUnknown {
        name: String,
        error: FileError,
    },
    Profile {
        path: PathBuf,
        detail: ProfileProblem,
    },
    /// A profile file with problems, each located in it: `report` is their text as the
    /// diagnostics printer made it (message cannot hold diagnostics: diag imports it).
    ProfileInvalid {
        path: PathBuf,
        report: String,
    },
    TemplateFolder {
        dir: PathBuf,
        error: FileError,
    },
    TemplateFile {
        path: PathBuf,
        reason: TemplateReason,
    },
    /// A template failed to compile or render; tera's own located text.
    Template {
        detail: String,
    },
    /// A template's page grew past the limit (a loop that never ends, say).
    TemplateTooLarge {
        limit_mb: usize,
    },
    TemplatesExist {
        paths: Vec<PathBuf>,
    },
    Write {
        path: PathBuf,
        error: FileError,
    },
    OutputIsCard {
        path: PathBuf,
    },
    Exists {
        path: PathBuf,
    },
    /// An output folder (or a folder above it) is a file.
    NotAFolder {
        path: PathBuf,
    },
    /// Two cards would write the same output file.
    SameOutput {
        path: PathBuf,
        first: PathBuf,
        second: PathBuf,
    },
    BuildRefused {
        path: PathBuf,
    },
    /// `build --anonymous` was given a сборник: jury copies are made of single cards.
    JuryCollection {
        path: PathBuf,
    },
    /// `edit` was given a teacher's document: the form edits a card, made by `import`.
    EditDocument {
        path: PathBuf,
    },
    /// `edit` was given a сборник: the form edits one card.
    EditCollection {
        path: PathBuf,
    },
    /// A сборник with cards that fail the check, built without `--skip-invalid`.
    CollectionRefused {
        path: PathBuf,
        cards: Vec<PathBuf>,
    },
    /// The profile's `font_family` is not installed (nor in a `--font-path` folder).
    FontUnknown {
        family: String,
        closest: Vec<String>,
    },
    /// The family cannot set Russian text.
    FontNoCyrillic {
        family: String,
        path: PathBuf,
        missing: Vec<char>,
    },
    FontUnreadable {
        path: PathBuf,
        error: FileError,
    },
    FontCorrupt {
        path: PathBuf,
    },
    /// The preview server cannot listen on its port (taken, or not allowed).
    Listen {
        port: u16,
        problem: ListenProblem,
    },
    /// The operating system refused to report file changes (`watch`, `serve`).
    Watch {
        detail: String,
    },
    /// An error inside mentorcard itself (embedded fonts unreadable, a zip failed).
    Internal {
        detail: String,
    },
    /// `import` was given a file it does not read (.pdf, .doc, …).
    /// A .doc or .rtf document the machine's converter (LibreOffice) could not turn into
    /// .docx, or there is none.
    ImportConvert {
        path: PathBuf,
        old: crate::world::OldFormat,
        problem: crate::world::ConvertError,
    },
    ImportUnsupported {
        path: PathBuf,
        kind: Unsupported,
    },
    /// The file has the name of a document but cannot be read as one (a damaged zip, text
    /// renamed to .docx, XML that is not well-formed).
    ImportBroken {
        path: PathBuf,
        format: SourceFormat,
    },
    /// A part of the document unpacks to more than import reads (a zip bomb, or not a text).
    ImportTooLarge {
        path: PathBuf,
        limit: u64,
    },
    /// A part of the document holds more elements than a description does (a bomb of tiny
    /// paragraphs): refused before it fills memory.
    ImportTooComplex {
        path: PathBuf,
        limit: usize,
    },
    /// A readable document without the criteria table: nothing to import.
    ImportNoTable {
        path: PathBuf,
    },
    /// The command line itself is wrong; `usage` is the command's usage line.
    Usage {
        problem: UsageProblem,
        usage: String,
    },
}

/// A command line mentorcard cannot follow (clap's error, in the catalogue's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageProblem {
    UnknownCommand {
        given: String,
        suggestion: Option<String>,
    },
    UnknownArgument {
        given: String,
        suggestion: Option<String>,
    },
    /// Arguments the command needs, as clap names them (`<FILES>...`).
    MissingArguments(Vec<String>),
    MissingCommand,
    InvalidValue {
        arg: String,
        value: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
    /// `SOURCE_DATE_EPOCH` (or its option) is not seconds between 1970 and 9999.
    DateEpoch {
        value: String,
    },
    /// Anything else, in clap's own (English) words.
    Other(String),
}

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Docx,
    Odt,
    Text,
    Markdown,
}

/// Files `import` does not read, each with its own advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsupported {
    Pdf,
    /// Word 97–2003 (.doc), recognised by its content whatever the name.
    Doc,
    Rtf,
    /// Any other extension, as written.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileProblem {
    Toml(String),
    BaseNotText,
    UnknownBase(String),
}

/// Why the preview server cannot listen on its port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListenProblem {
    /// Another program (or another `serve`) has the port.
    InUse,
    /// Ports below 1024 need the administrator.
    Denied,
    Other(String),
}

impl ListenProblem {
    pub fn from_io(e: &std::io::Error) -> ListenProblem {
        match e.kind() {
            std::io::ErrorKind::AddrInUse => ListenProblem::InUse,
            std::io::ErrorKind::PermissionDenied => ListenProblem::Denied,
            _ => ListenProblem::Other(e.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateReason {
    LinkOutside,
    TooLarge(u64),
    NotUtf8,
    Io(FileError),
}

/// What `import` did with a document, one line of its report each.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportNote {
    /// A row of the criteria table and the criterion it became; `by_number` when its label
    /// said nothing and its number decided.
    Row {
        number: Option<String>,
        label: String,
        key: &'static str,
        by_number: bool,
    },
    /// A further row for a criterion already placed (or a row without a label): its text
    /// follows that criterion's.
    RowJoined {
        label: String,
        key: &'static str,
    },
    /// A table header, a caption or a continuation note left out: it is not content.
    Skipped {
        text: String,
        what: Skipped,
    },
    /// Text the form has no place for, added at the end of a text criterion, with a comment
    /// in the card saying so.
    Unplaced {
        text: String,
        key: &'static str,
    },
    /// A criterion the document does not have.
    Missing {
        key: &'static str,
    },
    /// The document has no criteria table: its sections were read by their headings and
    /// labels, `placed` of them put in a criterion by meaning.
    FreeForm {
        placed: usize,
    },
    /// What stood before the table.
    Front {
        title: Option<String>,
        authors: usize,
        definitions: usize,
    },
    /// The document has no title line: the practice's name is the title.
    TitleFromName {
        title: String,
    },
    /// Participants, normative acts (how many recognised as structured acts) and sources
    /// (how many read into structured records).
    Lists {
        participants: usize,
        norms: usize,
        acts: usize,
        materials: usize,
        entries: usize,
    },
    Conclusion {
        paragraphs: usize,
    },
    /// A picture the card has no place for: its caption (or name) and the text it followed.
    Picture {
        caption: String,
        after: String,
    },
    /// The measure of the import: `found` of the document's `total` words are in the card;
    /// the paragraphs most of whose words are not.
    Words {
        found: usize,
        total: usize,
        unplaced: Vec<String>,
    },
}

/// What an import left out on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    Header,
    Caption,
    Continuation,
    EmptyRows,
    /// A column beside the content that is not the practice's text («Примечание», «Баллы»):
    /// kept out of the card.
    ExtraColumn,
}

impl ImportNote {
    /// Lines the teacher must look at: text moved, a criterion missing, a picture left out.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            ImportNote::Unplaced { .. }
                | ImportNote::Missing { .. }
                | ImportNote::TitleFromName { .. }
                | ImportNote::Picture { .. }
        )
    }
}

/// What a command did, one line each.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// `import` read `from` and wrote the card `to`.
    Imported {
        from: PathBuf,
        to: PathBuf,
    },
    Written(PathBuf),
    /// The key from jury copies' numbers to the cards: the organiser's alone.
    JuryKey(PathBuf),
    CardWritten(PathBuf),
    CollectionWritten(PathBuf),
    SchemaWritten(PathBuf),
    TemplateWritten(PathBuf),
    TemplatesNext(PathBuf),
    /// A family `mentorcard fonts` lists: which faces it has, and where it was found.
    FontFamily {
        family: String,
        faces: [bool; 4],
        /// `None` for the family built into mentorcard.
        place: Option<PathBuf>,
    },
    /// What to write in a profile to use a family.
    FontsHowTo,
    /// `watch` and `serve` wait for saves.
    Watching,
    /// A rebuild after a save (or the first build) succeeded.
    Rebuilt {
        millis: u128,
    },
    /// A rebuild found errors: the last good files (or page) stay as they were.
    KeptLastGood(PathBuf),
    /// The preview server's address.
    Serving(String),
    /// `edit` is ready: the address follows on a line of its own.
    Editing,
    /// Ctrl-C: `watch` or `serve` stopped.
    Stopped,
    /// Ctrl-C during `build`: what was written stays whole, nothing is half-written.
    Interrupted,
}
