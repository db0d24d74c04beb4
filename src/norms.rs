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

/// In-text citation of an act (placeholder until the ГОСТ/legal formatter lands).
pub fn cite(act: &Act) -> String {
    let mut s = act.kind.clone();
    if let Some(d) = act.date {
        s.push_str(&format!(" от {d}"));
    }
    if let Some(n) = &act.number {
        s.push_str(&format!(" № {n}"));
    }
    s.push_str(&format!(" «{}»", act.title));
    s
}
