//! Bibliographic entries for «Дополнительные материалы», with CSL-JSON variable names so
//! that Zotero exports map one to one. Formatting by ГОСТ Р 7.0.100-2018 lives here too.

use serde::{Deserialize, Serialize};

/// A person as written by the teacher: `"Александров Е. Л."` or `{ family, given }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Name {
    /// «Фамилия И. О.» одной строкой, или название организации.
    Text(String),
    /// Фамилия и имя раздельно.
    Parts {
        /// Фамилия.
        family: String,
        /// Имя и отчество или инициалы.
        #[serde(default)]
        given: Option<String>,
    },
}

/// A year (`2005`) or free text (`"2005–2007"`) as the date of issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Issued {
    Year(i32),
    Text(String),
}

/// Структурированная запись источника (имена полей — как в CSL-JSON / Zotero).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Вид источника: book, chapter, article-journal, webpage, legislation…
    #[serde(rename = "type")]
    pub kind: String,
    /// Авторы.
    #[serde(default)]
    pub author: Vec<Name>,
    /// Редакторы.
    #[serde(default)]
    pub editor: Vec<Name>,
    /// Заглавие.
    pub title: String,
    /// Сведения, относящиеся к заглавию: «учебное пособие», «методическое пособие».
    #[serde(default)]
    pub genre: Option<String>,
    /// Журнал, сборник или сайт, в котором опубликована работа.
    #[serde(default, rename = "container-title")]
    pub container_title: Option<String>,
    /// Серия.
    #[serde(default, rename = "collection-title")]
    pub collection_title: Option<String>,
    /// Издательство.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Место издания: «Москва» или «М.».
    #[serde(default, rename = "publisher-place")]
    pub publisher_place: Option<String>,
    /// Год издания.
    #[serde(default)]
    pub issued: Option<Issued>,
    /// Издание: «2-е изд., перераб. и доп.».
    #[serde(default)]
    pub edition: Option<String>,
    /// Том.
    #[serde(default)]
    pub volume: Option<String>,
    /// Номер выпуска журнала.
    #[serde(default)]
    pub issue: Option<String>,
    /// Страницы: «19–21».
    #[serde(default)]
    pub page: Option<String>,
    /// Объём: число страниц.
    #[serde(default, rename = "number-of-pages")]
    pub number_of_pages: Option<u32>,
    /// ISBN.
    #[serde(default, rename = "ISBN")]
    pub isbn: Option<String>,
    /// DOI.
    #[serde(default, rename = "DOI")]
    pub doi: Option<String>,
    /// Адрес в интернете.
    #[serde(default, rename = "URL")]
    pub url: Option<String>,
    /// Дата обращения к электронному ресурсу.
    #[serde(default)]
    pub accessed: Option<crate::date::Date>,
}

/// One record as text (placeholder until the ГОСТ formatter lands).
pub fn format_entry(entry: &Entry) -> String {
    entry.title.clone()
}
