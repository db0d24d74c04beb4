//! Page profiles: the formatting rules of a contest (font size, spacing, margins, page
//! numbers) as data. Layout and every renderer read the same profile, so PDF, DOCX and the
//! printed HTML follow one set of rules. A TOML file can override any field of a named base.

use serde::{Deserialize, Serialize};

use crate::message::ProfileProblem;

/// Where page numbers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PageNumbers {
    None,
    BottomRight,
    BottomCenter,
}

/// All sizes are in points (1/72 inch) or millimetres, as the field name says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Profile {
    /// Profile name, e.g. `gost`.
    pub name: String,
    /// Font family name as office suites know it (the PDF embeds a metric-compatible font).
    pub font_family: String,
    #[schemars(range(min = 4, max = 72))]
    pub font_size_pt: f32,
    /// Baseline-to-baseline distance. Word's "1.5 lines" for a 14 pt Times-metric font is
    /// 1.5 × 1.15 × 14 ≈ 24.15 pt.
    #[schemars(range(min = 4, max = 144))]
    pub line_pitch_pt: f32,
    /// Font size inside the criteria table (contests often allow smaller text there).
    #[schemars(range(min = 4, max = 72))]
    pub table_font_size_pt: f32,
    #[schemars(range(min = 4, max = 144))]
    pub table_line_pitch_pt: f32,
    #[schemars(range(min = 0, max = 150))]
    pub margin_left_mm: f32,
    #[schemars(range(min = 0, max = 150))]
    pub margin_right_mm: f32,
    #[schemars(range(min = 0, max = 200))]
    pub margin_top_mm: f32,
    #[schemars(range(min = 0, max = 200))]
    pub margin_bottom_mm: f32,
    #[schemars(range(min = 0, max = 100))]
    pub first_line_indent_mm: f32,
    pub justify: bool,
    /// Justify text inside the criteria table too. Off by default, as in the Typst reference:
    /// a 10 cm column without hyphenation opens wide gaps when justified.
    pub table_justify: bool,
    /// Contest rules usually forbid hyphenation, so it is off unless asked for.
    pub hyphenate: bool,
    pub page_numbers: PageNumbers,
    /// Whether the first page shows its number; `false` is the title-page rule: the first
    /// page is counted but carries no number.
    pub number_first_page: bool,
    /// Widths of the columns «№» and «Критерии»; «Содержание» takes the rest.
    #[schemars(range(min = 5, max = 100))]
    pub table_number_col_mm: f32,
    #[schemars(range(min = 10, max = 150))]
    pub table_label_col_mm: f32,
    /// Apply Russian typography (quotes, dashes, non-breaking spaces) to the card's text.
    pub typography: bool,
    /// DOCX: также связывать неразрывным пробелом короткие слова и частицы («в данной»,
    /// «хотелось бы»). Word и LibreOffice не растягивают неразрывный пробел в тексте по
    /// ширине, и строка с многими такими пробелами выглядит слипшейся, поэтому по умолчанию
    /// в DOCX связано только то, что разрывать нельзя: № и число, инициалы, число и единица,
    /// пробел перед тире. PDF, HTML и Markdown связывают всё.
    ///
    /// DOCX: also bind short words and particles with a non-breaking space. Word and
    /// LibreOffice do not stretch U+00A0 in justified text, so by default a DOCX binds only
    /// where a break is an error (№ and its number, initials, a number and its unit, before a
    /// dash). PDF, HTML and Markdown bind both.
    pub docx_bind_short_words: bool,
    /// ГОСТ Р 7.0.100-2018 settings where guides disagree (dash, content type, 4+ authors,
    /// abbreviated places).
    pub bibliography: crate::biblio::GostStyle,
    /// Order of «Нормативное подкрепление»: by legal force (default) or as written.
    pub norm_order: crate::norms::NormOrder,
    /// A contest's volume and completeness rules, checked by `check --profile`.
    pub limits: Limits,
}

/// Contest rules that `check` enforces when a profile sets them. No source gives per-field
/// limits for mentoring cards, so everything is optional and per contest.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Characters (with spaces) in one criterion's content.
    pub max_chars_per_criterion: Option<usize>,
    /// Characters (with spaces) in the whole document.
    pub max_total_chars: Option<usize>,
    /// Pages of the PDF.
    pub max_pages: Option<usize>,
    pub min_pages: Option<usize>,
    /// Optional rows the contest requires, by card key (e.g. `special_needs`).
    pub required_rows: Vec<String>,
    /// Card fields the contest requires: `authors`, `organisation`, `locality`, `year`,
    /// `form`, `type`, `introduction`, `conclusion`.
    pub required_metadata: Vec<String>,
}

/// The card fields `required_metadata` can name (`title` the card always has).
pub const METADATA: &[&str] = &[
    "title",
    "authors",
    "organisation",
    "locality",
    "year",
    "form",
    "type",
    "introduction",
    "conclusion",
];

/// The page every format is laid out on (A4), and the least of it the text must keep.
pub const PAGE_MM: (f32, f32) = (210.0, 297.0);
pub const MIN_TEXT_MM: f32 = 60.0;

impl Profile {
    /// Sizes that fit each other: the margins leave room for text and the table columns fit
    /// the text width. Each problem names the field to change.
    pub fn fit_problems(&self) -> Vec<(&'static str, f32, f32)> {
        let width = PAGE_MM.0 - self.margin_left_mm - self.margin_right_mm;
        let height = PAGE_MM.1 - self.margin_top_mm - self.margin_bottom_mm;
        let mut out = Vec::new();
        if width < MIN_TEXT_MM {
            out.push(("margin_right_mm", width, MIN_TEXT_MM));
        }
        if height < MIN_TEXT_MM {
            out.push(("margin_bottom_mm", height, MIN_TEXT_MM));
        }
        let columns = self.table_number_col_mm + self.table_label_col_mm;
        if width >= MIN_TEXT_MM && width - columns < 30.0 {
            out.push(("table_label_col_mm", width - columns, 30.0));
        }
        out
    }
}

impl Default for Profile {
    fn default() -> Self {
        Profile::gost()
    }
}

impl Profile {
    /// The usual contest rules: Times 14 pt, 1.5 lines, margins 30/15/20/20 mm.
    pub fn gost() -> Self {
        Profile {
            name: "gost".into(),
            font_family: "Times New Roman".into(),
            font_size_pt: 14.0,
            line_pitch_pt: 24.15,
            table_font_size_pt: 14.0,
            table_line_pitch_pt: 24.15,
            margin_left_mm: 30.0,
            margin_right_mm: 15.0,
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            first_line_indent_mm: 12.5,
            justify: true,
            table_justify: false,
            hyphenate: false,
            page_numbers: PageNumbers::BottomRight,
            number_first_page: true,
            table_number_col_mm: 12.0,
            table_label_col_mm: 45.0,
            typography: true,
            docx_bind_short_words: false,
            bibliography: crate::biblio::GostStyle::default(),
            norm_order: crate::norms::NormOrder::default(),
            limits: Limits::default(),
        }
    }

    /// 12 pt, single spacing: for proceedings with tight page limits.
    pub fn compact() -> Self {
        Profile {
            name: "compact".into(),
            font_size_pt: 12.0,
            line_pitch_pt: 13.8,
            table_font_size_pt: 12.0,
            table_line_pitch_pt: 13.8,
            ..Profile::gost()
        }
    }

    /// A built-in profile by name.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "gost" => Some(Profile::gost()),
            "compact" => Some(Profile::compact()),
            _ => None,
        }
    }

    pub const NAMES: &'static [&'static str] = &["gost", "compact"];
}

impl Profile {
    /// A profile file: `base = "gost"` (optional) plus any fields to override.
    pub fn from_toml(text: &str) -> Result<Profile, ProfileProblem> {
        let toml_problem = |e: toml::de::Error| ProfileProblem::Toml(e.message().to_string());
        let mut table: toml::Table = toml::from_str(text).map_err(toml_problem)?;
        let base_name = match table.remove("base") {
            Some(toml::Value::String(s)) => s,
            Some(_) => return Err(ProfileProblem::BaseNotText),
            None => "gost".into(),
        };
        let base =
            Profile::named(&base_name).ok_or(ProfileProblem::UnknownBase(base_name.clone()))?;
        let mut merged =
            toml::Table::try_from(&base).map_err(|e| ProfileProblem::Toml(e.to_string()))?;
        for (k, v) in table {
            merged.insert(k, v);
        }
        let profile: Profile = toml::Value::Table(merged)
            .try_into()
            .map_err(toml_problem)?;
        Ok(profile)
    }
}
