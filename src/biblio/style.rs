//! How records are written: the dash between areas, how many authors head a record, how
//! places are spelled (the profile's choice).

use serde::{Deserialize, Serialize};

/// The glyph between areas. The standard's typeset examples use `–`, library guides `—`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Dash {
    /// Длинное тире «—» (как в методических рекомендациях библиотек).
    #[default]
    Em,
    /// Среднее тире «–» (как в примерах самого стандарта).
    En,
}

impl Dash {
    pub(super) fn glyph(self) -> &'static str {
        match self {
            Dash::Em => "—",
            Dash::En => "–",
        }
    }
}

/// How many of four or more authors are listed after the slash.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ManyAuthors {
    /// Первые три и «[и др.]».
    #[default]
    FirstThree,
    /// Первый и «[и др.]».
    FirstOne,
    /// Все авторы.
    All,
}

/// Place names in full (`Москва`) as the standard now wants, or in the old short forms.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Places {
    /// Полностью: «Москва», «Санкт-Петербург».
    #[default]
    Full,
    /// Сокращённо: «М.», «СПб.».
    Abbreviated,
}

/// Settings where guides disagree; the defaults follow domain.md §5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct GostStyle {
    /// Тире между областями описания.
    pub dash: Dash,
    /// Выводить область вида содержания («Текст : непосредственный»).
    pub content_type: bool,
    /// Сколько авторов перечислять, если их четыре и больше.
    pub many_authors: ManyAuthors,
    /// Названия городов полностью или сокращённо.
    pub places: Places,
}

impl Default for GostStyle {
    fn default() -> Self {
        GostStyle::new()
    }
}

impl GostStyle {
    /// The defaults of domain.md §5: `—`, content type on, three authors and «[и др.]», full
    /// place names. A profile that sets one field keeps the others at these values.
    pub fn new() -> GostStyle {
        GostStyle {
            dash: Dash::Em,
            content_type: true,
            many_authors: ManyAuthors::FirstThree,
            places: Places::Full,
        }
    }
}
