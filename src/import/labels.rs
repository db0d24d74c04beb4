//! Which criterion a row label means. Contests and authors word the form's labels in many
//! ways («Нормативная база», «Нормативно-правовое обеспечение», «Сроки реализации»,
//! «Работа с детьми с ОВЗ»; domain.md §8), so a label is matched by the words it holds, not
//! by its exact text. The vocabulary below is the documents' language, not the tool's: what
//! mentorcard says is in `locale`, whose labels are matched here too.

use crate::locale::{self, Lang};

/// Word patterns per criterion with their weight: `тиражир` matches any word that begins so,
/// `цель$` only the whole word.
const VOCABULARY: &[(&str, &[(&str, u8)])] = &[
    (
        "name",
        &[
            ("наименован", 3),
            ("назван", 3),
            ("тема$", 2),
            ("name", 3),
            ("title", 3),
        ],
    ),
    (
        "problem",
        &[("проблем", 3), ("актуальн", 2), ("problem", 3)],
    ),
    (
        "participants",
        &[
            ("участник", 3),
            ("аудитори", 2),
            ("субъект", 2),
            ("participant", 3),
        ],
    ),
    (
        "goal",
        &[
            ("цель$", 3),
            ("цели$", 3),
            ("целью$", 3),
            ("задачи$", 1),
            ("goal", 3),
            ("aim", 2),
        ],
    ),
    (
        "concept",
        &[
            ("концепц", 3),
            ("концептуальн", 3),
            ("идея$", 2),
            ("идеи$", 2),
            ("concept", 3),
        ],
    ),
    (
        "methods",
        &[
            ("средств", 2),
            ("формы$", 2),
            ("форм$", 2),
            ("метод", 3),
            ("технолог", 2),
            ("механизм", 2),
            ("способ", 2),
            ("инструмент", 2),
            ("means$", 2),
            ("method", 3),
        ],
    ),
    (
        "norms",
        &[
            ("норматив", 3),
            ("правов", 2),
            ("законодат", 3),
            ("normative", 3),
            ("legal", 2),
        ],
    ),
    (
        "results",
        &[("результ", 3), ("достижени", 2), ("result", 3)],
    ),
    ("effectiveness", &[("эффективн", 3), ("effective", 3)]),
    (
        "conditions",
        &[("услови", 3), ("ресурс", 2), ("condition", 3)],
    ),
    (
        "period",
        &[
            ("период", 3),
            ("срок", 3),
            ("продолжительн", 2),
            ("длительн", 2),
            ("этап", 2),
            ("period", 3),
            ("timing", 2),
        ],
    ),
    (
        "replicability",
        &[
            ("тиражир", 3),
            ("масштабир", 3),
            ("трансляц", 2),
            ("распространен", 2),
            ("перспектив", 2),
            ("replica", 3),
            ("scal", 2),
        ],
    ),
    (
        "materials",
        &[
            ("материал", 3),
            ("литератур", 3),
            ("источник", 3),
            ("библиограф", 3),
            ("material", 3),
            ("literature", 3),
            ("sources$", 3),
            ("references$", 3),
        ],
    ),
    (
        "special_needs",
        &[
            ("овз$", 4),
            ("особ", 2),
            ("потребност", 2),
            ("инвалид", 3),
            ("инклюзи", 3),
            ("ограниченн", 2),
            ("special", 3),
            ("disabilit", 3),
        ],
    ),
];

/// Words of a table's header row (never a criterion): «№ п/п», «Критерии», «Содержание»,
/// «Описание практики».
const HEADER_WORDS: &[&str] = &[
    "№",
    "п",
    "критери",
    "содержан",
    "описан",
    "практик",
    "показател",
    "характеристик",
    "no",
    "criteri",
    "content",
    "description",
    "of",
    "the",
    "practice",
];

/// The form's labels in both languages, normalised once.
fn form_labels() -> &'static [(&'static str, [String; 2])] {
    static LABELS: std::sync::OnceLock<Vec<(&'static str, [String; 2])>> =
        std::sync::OnceLock::new();
    LABELS.get_or_init(|| {
        locale::CRITERIA
            .iter()
            .map(|c| {
                (
                    c.key,
                    [normal(c.label(Lang::Ru)), normal(c.label(Lang::En))],
                )
            })
            .collect()
    })
}

/// How strongly a (normalised) label means a criterion; the exact label of the form in
/// either language is the strongest.
fn score_normal(norm: &str, words: &[&str], key: &str) -> u8 {
    if norm.is_empty() {
        return 0;
    }
    if form_labels()
        .iter()
        .any(|(k, labels)| *k == key && labels.iter().any(|l| l == norm))
    {
        return 10;
    }
    let Some((_, patterns)) = VOCABULARY.iter().find(|(k, _)| *k == key) else {
        return 0;
    };
    patterns
        .iter()
        .filter(|(p, _)| words.iter().any(|w| matches(w, p)))
        .map(|(_, weight)| weight)
        .sum()
}

/// The criteria a label may mean, strongest first, with their scores (only those that
/// reach `MIN_SCORE`).
pub fn candidates(label: &str) -> Vec<(&'static str, u8)> {
    let norm = normal(label);
    let words = words(&norm);
    let mut out: Vec<(&'static str, u8)> = locale::CRITERIA
        .iter()
        .map(|c| (c.key, score_normal(&norm, &words, c.key)))
        .filter(|(_, s)| *s >= MIN_SCORE)
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.1));
    out
}

/// A single weak word («задачи») is not enough to place a row.
pub const MIN_SCORE: u8 = 2;

/// A column heading for what is not the practice's text: an expert's note, points, a mark.
pub fn is_extra_column(text: &str) -> bool {
    let norm = normal(text);
    let extra = [
        "примечан",
        "балл",
        "оценк",
        "комментар",
        "замечан",
        "отметк",
        "эксперт",
        "note",
        "score",
        "points",
    ];
    words(&norm)
        .iter()
        .any(|w| extra.iter().any(|e| w.starts_with(e)))
}

/// Whether a label or heading is the table's header («Критерии», «№ п/п», «Содержание»).
pub fn is_header(text: &str) -> bool {
    let norm = normal(text);
    let words = words(&norm);
    if words.is_empty() {
        return false;
    }
    if words
        .iter()
        .any(|w| w.starts_with("критери") || w.starts_with("criteri"))
    {
        return true;
    }
    words
        .iter()
        .all(|w| HEADER_WORDS.iter().any(|h| w.starts_with(h)))
}

/// Whether `text` says the language of a label is English (our own `--lang en` output).
pub fn is_english(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(char::is_ascii_alphabetic)
}

fn matches(word: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('$') {
        Some(whole) => word == whole,
        None => word.starts_with(pattern),
    }
}

/// Lower case, `ё` as `е`, a leading row number («1.», «2)») and punctuation gone.
fn normal(label: &str) -> String {
    let lower = label.trim().to_lowercase().replace('ё', "е");
    let without_number = lower.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c == '.' || c == ')' || c.is_whitespace()
    });
    without_number
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '№' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(norm: &str) -> Vec<&str> {
    norm.split(' ').filter(|w| !w.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(label: &str, key: &str) -> u8 {
        let norm = normal(label);
        score_normal(&norm, &words(&norm), key)
    }

    fn best(label: &str) -> Option<&'static str> {
        candidates(label).first().map(|c| c.0)
    }

    #[test]
    fn the_forms_own_labels_match_in_both_languages() {
        for info in locale::CRITERIA {
            assert_eq!(best(info.ru), Some(info.key), "{}", info.ru);
            assert_eq!(best(info.en), Some(info.key), "{}", info.en);
            assert_eq!(score(info.ru, info.key), 10);
        }
    }

    #[test]
    fn other_wordings_match_by_meaning() {
        for (label, key) in [
            ("Название практики", "name"),
            ("Наименование", "name"),
            ("Проблема", "problem"),
            ("Актуальность", "problem"),
            ("Участники", "participants"),
            ("Целевая аудитория", "participants"),
            ("Цель", "goal"),
            ("Цель и задачи практики", "goal"),
            ("Концепция практики", "concept"),
            ("Основная идея", "concept"),
            ("Формы и методы работы", "methods"),
            ("Технологии и методы", "methods"),
            ("Нормативная база", "norms"),
            ("Нормативно-правовое обеспечение", "norms"),
            ("Законодательная база", "norms"),
            ("Результаты", "results"),
            ("Достигнутые результаты", "results"),
            ("Эффективность", "effectiveness"),
            ("Условия реализации", "conditions"),
            ("Ресурсное обеспечение", "conditions"),
            ("Сроки реализации", "period"),
            ("Период реализации", "period"),
            ("Продолжительность", "period"),
            ("Возможность тиражирования", "replicability"),
            ("Масштабируемость", "replicability"),
            ("Список литературы", "materials"),
            ("Источники", "materials"),
            ("Список использованных источников", "materials"),
            ("Работа с детьми с ОВЗ", "special_needs"),
            (
                "Применение практики для поддержки обучающихся с ОВЗ",
                "special_needs",
            ),
            (
                "Применение практики для работы с детьми с особыми образовательными потребностями",
                "special_needs",
            ),
            ("13. Дополнительные материалы", "materials"),
            ("2) Проблема", "problem"),
        ] {
            assert_eq!(best(label), Some(key), "{label}");
        }
    }

    #[test]
    fn labels_that_mean_no_criterion_match_none() {
        for label in ["", "Примечание", "Новизна", "Задачи", "Описание практики"]
        {
            assert_eq!(best(label), None, "{label}");
        }
        // «Целевая аудитория» is not the goal, «Информационные технологии» not the problem.
        assert_eq!(score("Целевая аудитория", "goal"), 0);
        assert!(score("Условия применения практики", "special_needs") < MIN_SCORE);
    }

    #[test]
    fn header_rows_are_recognised() {
        for header in [
            "№",
            "№ п/п",
            "Критерии",
            "Критерий",
            "Наименование критерия",
            "Содержание",
            "Описание практики",
            "Criteria",
            "Content",
            "No.",
        ] {
            assert!(is_header(header), "{header}");
        }
        for label in [
            "Цель практики",
            "Участники",
            "Наименование практики ОВЗ",
            "",
        ] {
            assert!(!is_header(label), "{label}");
        }
    }
}
