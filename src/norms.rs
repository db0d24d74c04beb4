//! Normative acts for «Нормативное подкрепление практики»: structured entries, in-text
//! citations, and the registry of acts mentoring cards usually cite.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// Нормативный акт.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// Вид акта: «Федеральный закон», «Указ Президента Российской Федерации», «Распоряжение».
    pub kind: String,
    /// Кем принят: «Минпросвещения России», «Правительство Российской Федерации».
    #[serde(default)]
    pub issuer: Option<String>,
    /// Дата принятия.
    #[serde(default)]
    pub date: Option<Date>,
    /// Номер: «273-ФЗ», «Р-145».
    #[serde(default)]
    pub number: Option<String>,
    /// Название без кавычек.
    pub title: String,
    /// Изменения: «с изм. и доп. от 24.04.2020 № 147-ФЗ».
    #[serde(default)]
    pub amendments: Option<String>,
}

/// A warning about a norm or a source, in both languages the tool speaks. `code` is stable
/// so `check` can group or silence it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub code: &'static str,
    pub ru: String,
    pub en: String,
}

impl Note {
    pub fn new(code: &'static str, ru: impl Into<String>, en: impl Into<String>) -> Note {
        Note {
            code,
            ru: ru.into(),
            en: en.into(),
        }
    }
}
