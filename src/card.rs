//! The practice card: the typed model of a TOML card, and the span map that says where each
//! of its values stands in the source. Loading it lives in the `load` module; this one is
//! only the model, so the schema, the checks and the loader can all import it.
//!
//! The `///` comments on fields are Russian because they become the schema's descriptions
//! that editors show to teachers.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::biblio;
use crate::date::Date;
use crate::diag::{SourceFile, Span};
use crate::locale::Lang;
use crate::norms;
use crate::path::{path_string, PathSeg};

/// Карточка практики наставничества.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Название работы (заголовок документа).
    pub title: String,
    /// Язык карточки и подписей: ru или en.
    #[serde(default)]
    pub language: Lang,
    /// Образовательная организация.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Населённый пункт.
    #[serde(default)]
    pub locality: Option<String>,
    /// Год описания практики.
    #[serde(default)]
    #[schemars(range(min = 1900, max = 2100))]
    pub year: Option<i32>,
    /// Форма наставничества: «учитель – учитель», «ученик – ученик», «студент – ученик»…
    #[serde(default)]
    #[schemars(extend("examples" = ["учитель – учитель", "педагог – педагог", "ученик – ученик", "студент – студент", "студент – ученик", "работодатель – ученик", "работодатель – студент", "преподаватель – обучающийся"]))]
    pub form: Option<String>,
    /// Вид наставничества: традиционное, реверсивное, групповое, флеш-наставничество…
    #[serde(default, rename = "type")]
    #[schemars(extend("examples" = ["традиционное", "реверсивное", "групповое", "флеш-наставничество", "скоростное", "виртуальное", "ситуационное", "партнёрское", "командное", "краткосрочное"]))]
    pub mentoring_type: Option<String>,
    /// Авторы: [[authors]] с полями name, position, organisation.
    #[serde(default)]
    pub authors: Vec<Author>,
    /// Введение: тема, актуальность, определения терминов.
    #[serde(default)]
    pub introduction: Option<Introduction>,
    /// Таблица «№ | Критерии | Содержание».
    pub criteria: Criteria,
    /// Заключение.
    #[serde(default)]
    pub conclusion: Option<Conclusion>,
}

/// Автор описания.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Фамилия, имя, отчество.
    pub name: String,
    /// Должность.
    #[serde(default)]
    pub position: Option<String>,
    /// Организация, если отличается от общей.
    #[serde(default)]
    pub organisation: Option<String>,
}

/// Введение.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    /// Текст до определений терминов (абзацы через пустую строку).
    #[serde(default)]
    pub text: String,
    /// Определения терминов: [[introduction.definitions]] с полями term и definition.
    #[serde(default)]
    pub definitions: Vec<Definition>,
    /// Текст после определений.
    #[serde(default)]
    pub after_definitions: String,
}

/// Определение термина.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Термин: «Наставничество».
    pub term: String,
    /// Определение.
    pub definition: String,
}

/// Заключение.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conclusion {
    /// Текст заключения.
    pub text: String,
}

/// Критерии практики: 13 пронумерованных строк и строка об обучающихся с особыми потребностями.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    /// 1. Наименование практики.
    pub name: String,
    /// 2. Проблема, на решение которой направлена практика.
    pub problem: String,
    /// 3. Участники практики: [[criteria.participants]].
    pub participants: Vec<Participant>,
    /// 4. Цель практики.
    pub goal: String,
    /// 5. Концептуальная идея.
    pub concept: String,
    /// 6. Средства, формы и методы реализации.
    pub methods: String,
    /// 7. Нормативное подкрепление практики: строки или структурированные акты.
    pub norms: Vec<Norm>,
    /// 8. Результативность практики.
    pub results: String,
    /// 9. Эффективность практики.
    pub effectiveness: String,
    /// 10. Условия применения практики.
    pub conditions: String,
    /// 11. Период реализации практики: текст или таблица с text, start, end, school_years.
    pub period: Period,
    /// 12. Тиражируемость практики.
    pub replicability: String,
    /// 13. Дополнительные материалы: строки или записи с полями CSL-JSON.
    #[serde(default)]
    pub materials: Vec<Material>,
    /// Файл CSL-JSON (экспорт из Zotero) с источниками для строки 13; путь от папки карточки.
    #[serde(default)]
    pub materials_file: Option<String>,
    /// Применение практики для поддержки обучающихся с особыми образовательными или социальными потребностями.
    #[serde(default)]
    pub special_needs: Option<String>,
}

/// Участник практики.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Должность или роль: «Педагог дополнительного образования».
    pub role: String,
    /// Имя участника, если его нужно указать.
    #[serde(default)]
    pub name: Option<String>,
    /// Роль в паре: «наставник», «наставляемый» или «взаимно».
    #[serde(default)]
    #[schemars(extend("examples" = ["наставник", "наставляемый", "взаимно", "куратор"]))]
    pub mentoring: Option<String>,
    /// Чем участник делится (чему учит): «Сетевой сервис Padlet».
    #[serde(default)]
    pub shares: Vec<String>,
    /// Чему участник учится.
    #[serde(default)]
    pub learns: Vec<String>,
}

/// Нормативный акт: строка цитаты или структурированная запись.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Norm {
    /// Ссылка на акт, как она написана.
    Text(String),
    /// Структурированный акт.
    Act(Box<norms::Act>),
}

/// Источник: строка, как написана, или структурированная запись.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Material {
    /// Описание источника одной строкой.
    Text(String),
    /// Запись с полями CSL-JSON (type, author, title, publisher…).
    Entry(Box<biblio::Entry>),
}

/// Период реализации: строка или таблица.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Period {
    /// Описание периода.
    Text(String),
    /// Описание с датами.
    Detailed(PeriodDetails),
}

/// Период реализации с датами.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodDetails {
    /// Описание периода.
    pub text: String,
    /// Дата начала.
    #[serde(default)]
    pub start: Option<Date>,
    /// Дата окончания (не указывайте, если практика идёт по настоящее время).
    #[serde(default)]
    pub end: Option<Date>,
    /// Учебные годы: ["2023/2024", "2024/2025"].
    #[serde(default)]
    pub school_years: Vec<String>,
}

impl Period {
    pub fn text(&self) -> &str {
        match self {
            Period::Text(t) => t,
            Period::Detailed(d) => &d.text,
        }
    }
}

/// An optional field that says something: blank strings count as absent.
pub fn filled(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Criteria {
    /// The span-map path of a text criterion's text: `criteria.goal`, or
    /// `criteria.period.text` when the period is written as a table.
    pub fn text_path(&self, key: &str) -> String {
        match (key, &self.period) {
            ("period", Period::Detailed(_)) => "criteria.period.text".to_string(),
            (key, _) => format!("criteria.{key}"),
        }
    }

    /// The rich-text value of a text criterion by key; `None` for list-valued rows.
    pub fn text(&self, key: &str) -> Option<&str> {
        Some(match key {
            "name" => &self.name,
            "problem" => &self.problem,
            "goal" => &self.goal,
            "concept" => &self.concept,
            "methods" => &self.methods,
            "results" => &self.results,
            "effectiveness" => &self.effectiveness,
            "conditions" => &self.conditions,
            "period" => self.period.text(),
            "replicability" => &self.replicability,
            "special_needs" => self.special_needs.as_deref()?,
            _ => return None,
        })
    }
}

/// Where each value of the card stands in its source: `path → (key span, value span)`.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    spans: HashMap<String, (Option<Span>, Span)>,
}

impl SourceMap {
    /// Span of a value, e.g. `criteria.goal` or `criteria.norms[0]`.
    pub fn value(&self, path: &str) -> Option<Span> {
        self.spans.get(path).map(|s| s.1)
    }

    /// Span of the key that introduces a value, falling back to the value itself.
    pub fn key(&self, path: &str) -> Option<Span> {
        self.spans.get(path).map(|s| s.0.unwrap_or(s.1))
    }

    pub fn record(&mut self, path: &[PathSeg], key: Option<Span>, value: Span) {
        self.spans.insert(path_string(path), (key, value));
    }
}

/// A loaded card with its source and span map.
#[derive(Debug, Clone)]
pub struct LoadedCard {
    pub card: Card,
    pub source: SourceFile,
    pub spans: SourceMap,
}

impl LoadedCard {
    /// The span to point at for a value, or for its key when the value is a whole table.
    pub fn span(&self, path: &str) -> Option<Span> {
        self.spans.value(path)
    }
}
