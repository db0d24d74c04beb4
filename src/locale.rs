//! Russian and English words for messages and labels. Russian is the default because our
//! users are Russian teachers; English follows the card's `language` or `--lang en`.

use serde::{Deserialize, Serialize};

/// Language of messages and of the rendered labels.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    /// Picks the Russian or English wording.
    pub fn t<'a>(self, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" | "rus" | "russian" | "русский" => Some(Lang::Ru),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// An I/O error in words a teacher understands.
    pub fn io_error(self, e: &std::io::Error) -> String {
        match e.kind() {
            std::io::ErrorKind::NotFound => self.t("файл не найден", "file not found").into(),
            std::io::ErrorKind::PermissionDenied => {
                self.t("нет прав доступа", "permission denied").into()
            }
            std::io::ErrorKind::IsADirectory => self
                .t("это папка, а не файл", "this is a folder, not a file")
                .into(),
            std::io::ErrorKind::InvalidData => self
                .t("файл не в кодировке UTF-8", "the file is not UTF-8")
                .into(),
            _ => e.to_string(),
        }
    }

    /// `n` with the right noun form: Russian has three (1 ошибка, 2 ошибки, 5 ошибок).
    pub fn count(self, n: usize, ru: [&str; 3], en: [&str; 2]) -> String {
        match self {
            Lang::Ru => {
                let form = if n % 10 == 1 && n % 100 != 11 {
                    ru[0]
                } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
                    ru[1]
                } else {
                    ru[2]
                };
                format!("{n} {form}")
            }
            Lang::En => format!("{n} {}", if n == 1 { en[0] } else { en[1] }),
        }
    }
}

/// First letter upper-cased: messages start with a criterion's description.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// One row of the form: key, number and labels (domain.md §2).
pub struct CriterionInfo {
    pub key: &'static str,
    pub number: Option<u8>,
    pub ru: &'static str,
    pub en: &'static str,
    /// What belongs in the row, for scaffold comments and hints.
    pub hint_ru: &'static str,
    pub hint_en: &'static str,
}

impl CriterionInfo {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.t(self.ru, self.en)
    }

    pub fn hint(&self, lang: Lang) -> &'static str {
        lang.t(self.hint_ru, self.hint_en)
    }

    /// «Критерий 4 «Цель практики»» / "criterion 4 “Goal”": how messages name a row.
    pub fn describe(&self, lang: Lang) -> String {
        match (lang, self.number) {
            (Lang::Ru, Some(n)) => format!("критерий {n} «{}»", self.ru),
            (Lang::Ru, None) => format!("строка «{}»", self.ru),
            (Lang::En, Some(n)) => format!("criterion {n} “{}”", self.en),
            (Lang::En, None) => format!("the row “{}”", self.en),
        }
    }
}

macro_rules! criteria {
    ($( $key:literal, $num:expr, $ru:literal, $en:literal, $hru:literal, $hen:literal; )*) => {
        /// The rows of the criteria table in form order.
        pub const CRITERIA: &[CriterionInfo] = &[
            $( CriterionInfo { key: $key, number: $num, ru: $ru, en: $en, hint_ru: $hru, hint_en: $hen }, )*
        ];
    };
}

criteria! {
    "name", Some(1), "Наименование практики", "Name of the practice",
        "название практики, можно с коротким пояснением", "the title of the practice, perhaps with a short explanation";
    "problem", Some(2), "Проблема, на решение которой направлена практика", "Problem the practice addresses",
        "какую проблему решает практика", "which problem the practice solves";
    "participants", Some(3), "Участники практики", "Participants",
        "кто участвует: должность, чем делится и чему учится, кто наставник", "who takes part: position, what they share and learn, who mentors whom";
    "goal", Some(4), "Цель практики", "Goal",
        "цель практики, можно в нескольких абзацах", "the goal, possibly in several paragraphs";
    "concept", Some(5), "Концептуальная идея", "Concept",
        "главная идея практики", "the main idea of the practice";
    "methods", Some(6), "Средства, формы и методы реализации", "Means, forms and methods",
        "как практика реализуется: средства, формы, методы", "how the practice is carried out: means, forms, methods";
    "norms", Some(7), "Нормативное подкрепление практики", "Normative basis",
        "законы, указы, распоряжения, письма, на которые опирается практика", "laws, decrees, orders and letters the practice rests on";
    "results", Some(8), "Результативность практики", "Results",
        "показатели результативности, можно списком", "indicators of results, a list is fine";
    "effectiveness", Some(9), "Эффективность практики", "Effectiveness",
        "при каких условиях практика эффективна", "when the practice is effective";
    "conditions", Some(10), "Условия применения практики", "Conditions of use",
        "что нужно, чтобы применить практику", "what is needed to apply the practice";
    "period", Some(11), "Период реализации практики", "Period of implementation",
        "сроки: текст, при желании даты или учебные годы", "timing: text, optionally dates or school years";
    "replicability", Some(12), "Тиражируемость практики", "Replicability",
        "как практику могут перенять другие", "how others can adopt the practice";
    "materials", Some(13), "Дополнительные материалы", "Additional materials",
        "литература и ресурсы: строки или записи по ГОСТ", "literature and resources: strings or structured records";
    "special_needs", None,
        "Применение практики для поддержки обучающихся с особыми образовательными или социальными потребностями",
        "Use of the practice to support learners with special educational or social needs",
        "как практика помогает обучающимся с особыми потребностями", "how the practice supports learners with special needs";
}

pub fn criterion(key: &str) -> Option<&'static CriterionInfo> {
    CRITERIA.iter().find(|c| c.key == key)
}

/// Labels of the document (headings, table header, participant lines).
pub struct Labels {
    pub introduction: &'static str,
    pub practice: &'static str,
    pub conclusion: &'static str,
    pub header: [&'static str; 3],
    pub participant: &'static str,
    pub shares: &'static str,
    pub learns: &'static str,
    pub dates: &'static str,
    pub school_years: &'static str,
    pub form: &'static str,
    pub kind: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Ru => Labels {
            introduction: "Введение",
            practice: "Описание практики",
            conclusion: "Заключение",
            header: ["№", "Критерии", "Содержание"],
            participant: "Участник",
            shares: "делится",
            learns: "осваивает",
            dates: "Сроки",
            school_years: "Учебные годы",
            form: "Форма наставничества",
            kind: "вид",
        },
        Lang::En => Labels {
            introduction: "Introduction",
            practice: "The practice",
            conclusion: "Conclusion",
            header: ["No.", "Criteria", "Content"],
            participant: "Participant",
            shares: "shares",
            learns: "learns",
            dates: "Dates",
            school_years: "School years",
            form: "Form of mentoring",
            kind: "type",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plural_forms() {
        let f = |n| Lang::Ru.count(n, ["ошибка", "ошибки", "ошибок"], ["error", "errors"]);
        assert_eq!(f(1), "1 ошибка");
        assert_eq!(f(3), "3 ошибки");
        assert_eq!(f(5), "5 ошибок");
        assert_eq!(f(11), "11 ошибок");
        assert_eq!(f(21), "21 ошибка");
        assert_eq!(f(112), "112 ошибок");
        assert_eq!(
            Lang::En.count(1, ["", "", ""], ["error", "errors"]),
            "1 error"
        );
    }

    #[test]
    fn form_has_thirteen_numbered_rows_and_one_unnumbered() {
        assert_eq!(CRITERIA.iter().filter(|c| c.number.is_some()).count(), 13);
        assert_eq!(criterion("special_needs").and_then(|c| c.number), None);
    }
}
