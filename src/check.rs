//! Checks on a loaded card: what the schema cannot say (empty criteria, thin text, dates
//! that contradict each other). Each finding is a located diagnostic; nothing here renders.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::card::{LoadedCard, Period};
use crate::diag::{Diagnostic, Span};
use crate::locale::{self, Lang};

/// Below this many letters a criterion is probably a placeholder; a warning, not an error.
const SHORT_CRITERION_CHARS: usize = 40;

/// Every finding for a card that loaded; errors first, in source order within each severity.
pub fn check(loaded: &LoadedCard, lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let card = &loaded.card;
    let c = &card.criteria;

    for info in locale::CRITERIA {
        let path = match (info.key, &c.period) {
            ("period", Period::Detailed(_)) => "criteria.period.text".to_string(),
            (key, _) => format!("criteria.{key}"),
        };
        let Some(text) = c.text(info.key) else {
            continue;
        };
        let letters = text.chars().filter(|ch| ch.is_alphanumeric()).count();
        if info.key != "name" && letters > 0 && letters < SHORT_CRITERION_CHARS {
            out.push(
                Diagnostic::warning(
                    "short-criterion",
                    format!(
                        "{}: {} ({})",
                        capitalise(&info.describe(lang)),
                        lang.t("очень короткий текст", "very short text"),
                        lang.count(letters, ["знак", "знака", "знаков"], ["letter", "letters"])
                    ),
                )
                .at(loaded.span(&path))
                .with_hint(lang.t(
                    "жюри оценивает содержание: раскройте критерий подробнее",
                    "the jury judges the content: say more here",
                )),
            );
        }
    }

    for (i, p) in c.participants.iter().enumerate() {
        if p.role.trim().is_empty() {
            out.push(
                Diagnostic::error(
                    "empty-field",
                    format!(
                        "{} {}: {}",
                        lang.t("участник", "participant"),
                        i + 1,
                        lang.t("не указана должность или роль (role)", "role is empty")
                    ),
                )
                .at(loaded.span(&format!("criteria.participants[{i}].role")))
                .with_hint(lang.t(
                    "например: role = \"Воспитатель\"",
                    "e.g. role = \"Teacher\"",
                )),
            );
        }
    }
    if let Some(intro) = &card.introduction {
        for (i, d) in intro.definitions.iter().enumerate() {
            for (field, value) in [("term", &d.term), ("definition", &d.definition)] {
                if value.trim().is_empty() {
                    out.push(
                        Diagnostic::error(
                            "empty-field",
                            format!(
                                "{} {}: {} `{field}`",
                                lang.t("определение", "definition"),
                                i + 1,
                                lang.t("пустое поле", "empty field")
                            ),
                        )
                        .at(loaded.span(&format!("introduction.definitions[{i}].{field}"))),
                    );
                }
            }
        }
    }
    period_checks(loaded, lang, &mut out);
    sort(&mut out);
    out
}

fn period_checks(loaded: &LoadedCard, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Period::Detailed(d) = &loaded.card.criteria.period else {
        return;
    };
    for (i, years) in d.school_years.iter().enumerate() {
        if !valid_school_year(years) {
            out.push(
                Diagnostic::error(
                    "invalid-school-year",
                    format!(
                        "{} «{years}»",
                        lang.t("неверный учебный год", "invalid school year")
                    ),
                )
                .at(loaded.span(&format!("criteria.period.school_years[{i}]")))
                .with_hint(lang.t(
                    "учебный год пишется как \"2023/2024\": два года подряд через косую черту",
                    "write a school year as \"2023/2024\": two consecutive years with a slash",
                )),
            );
        }
    }
    if let (Some(start), Some(end)) = (d.start, d.end) {
        if end < start {
            out.push(
                Diagnostic::warning(
                    "period-order",
                    format!(
                        "{} ({end}) {} ({start})",
                        lang.t("дата окончания", "the end date"),
                        lang.t("раньше даты начала", "is before the start date")
                    ),
                )
                .at(loaded.span("criteria.period.end"))
                .with_hint(lang.t(
                    "проверьте, не перепутаны ли даты",
                    "check whether the dates are swapped",
                )),
            );
        }
    }
    let today = crate::date::Date::today();
    if let Some(end) = d.end {
        if end > today {
            let says_ongoing = d.text.to_lowercase().contains("по настоящее время");
            if !says_ongoing {
                out.push(
                    Diagnostic::warning(
                        "period-future",
                        format!(
                            "{} {end} {}",
                            lang.t("дата окончания", "the end date"),
                            lang.t("ещё не наступила", "is in the future")
                        ),
                    )
                    .at(loaded.span("criteria.period.end"))
                    .with_hint(lang.t(
                        "если практика продолжается, уберите end и напишите «по настоящее время»",
                        "if the practice goes on, remove end and say so in the text",
                    )),
                );
            }
        }
    }
}

/// Unfilled title and criteria, found on the parsed tree so that they are reported together
/// with schema errors (a misspelt key elsewhere must not hide an empty criterion).
pub fn check_unfilled(root: &Spanned<DeTable>, lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let blank = |v: &Spanned<DeValue>| match v.get_ref() {
        DeValue::String(s) => s.trim().is_empty(),
        DeValue::Array(a) => a.is_empty(),
        _ => false,
    };
    if let Some(title) = root.get_ref().get("title").filter(|v| blank(v)) {
        out.push(
            Diagnostic::error(
                "empty-field",
                lang.t("не заполнено название работы (title)", "the title is empty"),
            )
            .at(Span::from(title.span()))
            .with_hint(lang.t(
                "напишите название в кавычках: title = \"Реверсивное наставничество\"",
                "write the title in quotes: title = \"Reverse mentoring\"",
            )),
        );
    }
    let Some(DeValue::Table(criteria)) = root.get_ref().get("criteria").map(Spanned::get_ref)
    else {
        return out;
    };
    for info in locale::CRITERIA {
        let Some(value) = criteria.get(info.key) else {
            continue;
        };
        let value = match value.get_ref() {
            DeValue::Table(t) if info.key == "period" => match t.get("text") {
                Some(text) => text,
                None => continue,
            },
            _ => value,
        };
        if blank(value) {
            out.push(
                Diagnostic::error(
                    "empty-criterion",
                    format!(
                        "{} {}",
                        capitalise(&info.describe(lang)),
                        match info.number {
                            Some(_) => lang.t("не заполнен", "is empty"),
                            None => lang.t("не заполнена", "is empty"),
                        }
                    ),
                )
                .at(Span::from(value.span()))
                .with_hint(format!(
                    "{} {}",
                    lang.t("что здесь писать:", "what belongs here:"),
                    info.hint(lang)
                )),
            );
        }
    }
    out
}

/// `2023/2024`: two four-digit years, the second one after the first.
pub fn valid_school_year(text: &str) -> bool {
    let parts: Vec<&str> = text.trim().split('/').collect();
    match parts.as_slice() {
        [a, b] if a.len() == 4 && b.len() == 4 => match (a.parse::<u32>(), b.parse::<u32>()) {
            (Ok(a), Ok(b)) => b == a + 1,
            _ => false,
        },
        _ => false,
    }
}

/// Errors before warnings before hints; within each, in the order of the source.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| {
        (
            d.severity,
            d.span.map(|s: Span| s.start).unwrap_or(usize::MAX),
        )
    });
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_years_are_consecutive() {
        assert!(valid_school_year("2023/2024"));
        assert!(!valid_school_year("2023/2025"));
        assert!(!valid_school_year("2023-2024"));
        assert!(!valid_school_year("23/24"));
    }
}
