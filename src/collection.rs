//! A сборник: many cards in one document, with a title page, a foreword, contents with page
//! numbers and, if asked, an index of authors. This module is the model of the collection
//! file (`[collection]`); loading it is in `load`, finding its cards in `gather`, making it
//! one document in `compose`.
//!
//! The `///` comments on fields are Russian because they become the schema's descriptions
//! that editors show.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::locale::Lang;

/// Файл сборника: раздел [collection].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectionFile {
    /// Сборник практик: титульный лист, предисловие, содержание и карточки.
    pub collection: Collection,
}

/// Сборник практик.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    /// Название сборника: «Лучшие практики наставничества».
    pub title: String,
    /// Подзаголовок: «Сборник по итогам муниципального конкурса».
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Организация, выпускающая сборник (вверху титульного листа).
    #[serde(default)]
    pub organisation: Option<String>,
    /// Населённый пункт (внизу титульного листа): «г. Тамбов».
    #[serde(default)]
    pub locality: Option<String>,
    /// Год издания.
    #[serde(default)]
    pub year: Option<i32>,
    /// Составители или редакторы: ["Иванова И. И."].
    #[serde(default)]
    pub editors: Vec<String>,
    /// Кто они: составители («Составитель:») или редакторы («Под редакцией:»).
    #[serde(default)]
    pub editors_role: EditorsRole,
    /// Предисловие: текст, как в карточке (абзацы через пустую строку).
    #[serde(default)]
    pub foreword: Option<String>,
    /// Карточки: пути и шаблоны от папки этого файла: ["cards/*.toml", "extra/one.toml"].
    #[serde(default)]
    pub cards: Vec<String>,
    /// Порядок практик: as-listed (как перечислены), title (по названию), author (по автору).
    #[serde(default)]
    pub order: Order,
    /// Разделы (номинации): [{ title = "Номинация 1", cards = ["nom1/*.toml"] }].
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Указатель авторов в конце сборника.
    #[serde(default)]
    pub author_index: bool,
    /// Язык подписей сборника: ru или en.
    #[serde(default)]
    pub language: Lang,
}

/// Раздел сборника (номинация).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Название раздела: «Номинация 1. Педагог – педагог».
    pub title: String,
    /// Карточки раздела: пути и шаблоны от папки файла сборника.
    pub cards: Vec<String>,
}

/// Кто указан в `editors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EditorsRole {
    /// Составители.
    #[default]
    Compilers,
    /// Редакторы.
    Editors,
}

/// Порядок практик в сборнике.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// Как перечислены (шаблон — по именам файлов).
    #[default]
    AsListed,
    /// По названию практики.
    Title,
    /// По фамилии первого автора.
    Author,
}

impl Collection {
    /// Every card pattern with the section it belongs to (`None`: the top-level list).
    pub fn patterns(&self) -> Vec<(Option<usize>, &str)> {
        let top = self.cards.iter().map(|p| (None, p.as_str()));
        let sections = self
            .sections
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.cards.iter().map(move |p| (Some(i), p.as_str())));
        top.chain(sections).collect()
    }
}
