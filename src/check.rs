//! Checks on a loaded card: what the schema cannot say (empty criteria, thin text, dates
//! that contradict each other). Each finding is a located diagnostic; nothing here renders.

use crate::card::filled;
use crate::card::{LoadedCard, Material, Norm, Period};
use crate::date::Date;
use crate::diag::{Diagnostic, Span};
use crate::document::{Block, Document};
use crate::load::Load;
use crate::locale;
use crate::message::{Message, Unfilled};
use crate::path::FieldPath;
use crate::profile::Limits;

/// Below this many letters a criterion is probably a placeholder; a warning, not an error.
const SHORT_CRITERION_CHARS: usize = 40;

/// Everything wrong with a card: the problems found while loading it, plus the checks of
/// the loaded card, sorted for printing.
///
/// `with_hints` adds the typography hints: `check` shows them, `build` (which applies the
/// typography anyway and prints no hints) skips the work.
pub fn diagnose(load: &Load, today: Date, with_hints: bool) -> Vec<Diagnostic> {
    let mut diags = load.diagnostics.clone();
    if let Some(card) = &load.card {
        diags.extend(check(card, today));
        if with_hints {
            typography_hints(card, &mut diags);
        }
    }
    sort(&mut diags);
    diags
}

/// Every error and warning for a card that loaded (hints come from `diagnose`); errors first, in source order within each severity.
pub fn check(loaded: &LoadedCard, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let card = &loaded.card;
    let c = &card.criteria;

    for info in locale::CRITERIA {
        let path = c.text_path(info.key);
        let Some(text) = c.text(info.key) else {
            continue;
        };
        let letters = text.chars().filter(|ch| ch.is_alphanumeric()).count();
        let placeholder = crate::load::is_placeholder(text);
        if info.key != "name" && letters > 0 && letters < SHORT_CRITERION_CHARS && !placeholder {
            out.push(
                Diagnostic::new(Message::ShortCriterion {
                    key: info.key,
                    letters,
                })
                .at(loaded.span(&path)),
            );
        }
    }

    for (i, p) in c.participants.iter().enumerate() {
        if p.role.trim().is_empty() {
            out.push(
                Diagnostic::new(Message::EmptyField {
                    what: Unfilled::Role { index: i },
                })
                .at(loaded.span(&format!("criteria.participants[{i}].role"))),
            );
        }
    }
    if let Some(intro) = &card.introduction {
        for (i, d) in intro.definitions.iter().enumerate() {
            for (field, value) in [("term", &d.term), ("definition", &d.definition)] {
                if value.trim().is_empty() {
                    out.push(
                        Diagnostic::new(Message::EmptyField {
                            what: Unfilled::Definition { index: i, field },
                        })
                        .at(loaded.span(&format!("introduction.definitions[{i}].{field}"))),
                    );
                }
            }
        }
    }
    period_checks(loaded, today, &mut out);
    domain_checks(loaded, &mut out);
    reference_checks(loaded, today, &mut out);
    sort(&mut out);
    out
}

/// What a jury would mark down in a mentoring card, as warnings.
fn domain_checks(loaded: &LoadedCard, out: &mut Vec<Diagnostic>) {
    let card = &loaded.card;
    let participants = &card.criteria.participants;
    let is_reverse = card.mentoring_type.as_deref().is_some_and(|t| {
        let t = t.to_lowercase();
        t.contains("реверс") || t.contains("обратн") || t.contains("reverse")
    });
    let role_of = |m: &Option<String>| {
        m.as_deref()
            .map(|r| r.trim().to_lowercase())
            .unwrap_or_default()
    };
    let has = |words: &[&str]| {
        participants
            .iter()
            .any(|p| words.contains(&role_of(&p.mentoring).as_str()))
    };
    let says_who = (has(&["наставник", "mentor"])
        && has(&["наставляемый", "наставляемая", "mentee"]))
        || (!participants.is_empty()
            && participants
                .iter()
                .all(|p| matches!(role_of(&p.mentoring).as_str(), "взаимно" | "mutual")));
    if is_reverse && !participants.is_empty() && !says_who {
        out.push(
            Diagnostic::new(Message::ReverseRoles).at(loaded.spans.key("criteria.participants")),
        );
    }
    for (i, p) in participants.iter().enumerate() {
        let empty = |l: &Vec<String>| l.iter().all(|s| s.trim().is_empty());
        if !p.role.trim().is_empty() && empty(&p.shares) && empty(&p.learns) {
            out.push(
                Diagnostic::new(Message::ParticipantEmpty {
                    index: i,
                    role: p.role.trim().to_string(),
                })
                .at(loaded.span(&format!("criteria.participants[{i}].role"))),
            );
        }
    }
}

/// Characters with spaces, as contests count them: runs of white space count as one space.
pub fn chars_with_spaces(text: &str) -> usize {
    let words = text.split_whitespace();
    let (count, gaps) = words.fold((0, 0usize), |(n, g), w| (n + w.chars().count(), g + 1));
    count + gaps.saturating_sub(1)
}

/// Each row of the criteria table as printed, by its key, with its characters with spaces.
pub fn criterion_chars(doc: &Document) -> Vec<(&'static str, usize)> {
    let rows = doc.blocks.iter().filter_map(|b| match b {
        Block::Table(t) => Some(&t.rows),
        _ => None,
    });
    let rows = rows.flatten();
    rows.map(|row| {
        let key = row.source.map(|s| s.key).unwrap_or_default();
        (key, chars_with_spaces(&Block::plain(&row.content)))
    })
    .collect()
}

/// A contest profile's limits: volume per criterion and in total, pages, required rows and
/// fields. `pages` is the page count of the PDF the card would give, when the profile limits
/// pages (the driver typesets it once; checking itself never renders).
pub fn check_limits(
    loaded: &LoadedCard,
    doc: &Document,
    limits: &Limits,
    pages: Option<usize>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(max) = limits.max_chars_per_criterion {
        for (key, n) in criterion_chars(doc) {
            if n > max {
                out.push(
                    Diagnostic::new(Message::LimitCriterionChars {
                        key: key.to_string(),
                        count: n,
                        max,
                    })
                    .at(loaded.spans.key(&format!("criteria.{key}"))),
                );
            }
        }
    }
    if let Some(max) = limits.max_total_chars {
        let n = chars_with_spaces(&doc.plain_text());
        if n > max {
            out.push(
                Diagnostic::new(Message::LimitTotalChars { count: n, max })
                    .at(loaded.span("title")),
            );
        }
    }
    if let Some(pages) = pages {
        let breach = match (limits.min_pages, limits.max_pages) {
            (_, Some(max)) if pages > max => Some((true, max)),
            (Some(min), _) if pages < min => Some((false, min)),
            _ => None,
        };
        if let Some((over, limit)) = breach {
            out.push(
                Diagnostic::new(Message::LimitPages { pages, limit, over })
                    .at(loaded.span("title")),
            );
        }
    }
    let card = &loaded.card;
    for key in &limits.required_rows {
        let present = match key.as_str() {
            "special_needs" => card
                .criteria
                .special_needs
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty()),
            _ => true,
        };
        if !present {
            out.push(
                Diagnostic::new(Message::RequiredRow { key: key.clone() })
                    .at(loaded.spans.key("criteria").or(loaded.span("title"))),
            );
        }
    }
    for key in &limits.required_metadata {
        let present = match key.as_str() {
            "authors" => card.authors.iter().any(|a| !a.name.trim().is_empty()),
            "organisation" => filled(&card.organisation).is_some(),
            "locality" => filled(&card.locality).is_some(),
            "year" => card.year.is_some(),
            "form" => filled(&card.form).is_some(),
            "type" => filled(&card.mentoring_type).is_some(),
            "introduction" => card.introduction.is_some(),
            "conclusion" => card.conclusion.is_some(),
            _ => true,
        };
        if !present {
            out.push(
                Diagnostic::new(Message::RequiredField { key: key.clone() })
                    .at(loaded.span("title")),
            );
        }
    }
    out
}

fn period_checks(loaded: &LoadedCard, today: Date, out: &mut Vec<Diagnostic>) {
    let Period::Detailed(d) = &loaded.card.criteria.period else {
        return;
    };
    for (i, years) in d.school_years.iter().enumerate() {
        if !valid_school_year(years) {
            out.push(
                Diagnostic::new(Message::InvalidSchoolYear {
                    text: years.clone(),
                })
                .at(loaded.span(&format!("criteria.period.school_years[{i}]"))),
            );
        }
    }
    if let (Some(start), Some(end)) = (d.start, d.end) {
        if end < start {
            out.push(
                Diagnostic::new(Message::PeriodOrder { start, end })
                    .at(loaded.span("criteria.period.end")),
            );
        }
    }
    if let Some(end) = d.end {
        let says_ongoing = d.text.to_lowercase().contains("по настоящее время");
        if end > today && !says_ongoing {
            out.push(
                Diagnostic::new(Message::PeriodFuture { end })
                    .at(loaded.span("criteria.period.end")),
            );
        }
    }
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

/// Findings of the bibliography, norms and typography modules, located in the card.
fn reference_checks(loaded: &LoadedCard, today: Date, out: &mut Vec<Diagnostic>) {
    let c = &loaded.card.criteria;
    for (i, norm) in c.norms.iter().enumerate() {
        let path = format!("criteria.norms[{i}]");
        let notes = match norm {
            Norm::Text(t) if crate::load::is_placeholder(t) => Vec::new(),
            Norm::Text(t) => crate::norms::text_warnings(t),
            Norm::Act(act) => crate::norms::act_warnings(act),
        };
        out.extend(
            notes
                .into_iter()
                .map(|m| Diagnostic::new(m).at(loaded.span(&path))),
        );
    }
    for (i, m) in c.materials.iter().enumerate() {
        let path = format!("criteria.materials[{i}]");
        match m {
            Material::Text(t) => {
                let findings = crate::biblio::lint_plain(t);
                // One warning per source: the first marker located, the rest named.
                if let Some(first) = findings.first() {
                    let markers: Vec<String> = findings
                        .iter()
                        .filter_map(|f| t.get(f.range.clone()))
                        .map(String::from)
                        .collect();
                    let span = loaded
                        .span(&path)
                        .map(|s| inner_span(loaded, s, t, first.range.clone()));
                    out.push(
                        Diagnostic::new(Message::OldStyleSource {
                            finding: first.finding.clone(),
                            markers,
                            hint: first.hint.clone(),
                        })
                        .at(span),
                    );
                }
            }
            Material::Entry(e) => {
                for n in crate::biblio::entry_warnings(e, today) {
                    // Point at the field the warning is about when the card has it.
                    let field = match n {
                        Message::BiblioUrlNoAccessDate => Some("URL"),
                        Message::BiblioAccessDateFuture { .. } | Message::BiblioAccessDateNoUrl => {
                            Some("accessed")
                        }
                        Message::BiblioIsbnInvalid { .. } => Some("ISBN"),
                        Message::BiblioUnknownType { .. } => Some("type"),
                        _ => None,
                    };
                    let span = field
                        .and_then(|f| loaded.span(&format!("{path}.{f}")))
                        .or(loaded.span(&path));
                    out.push(Diagnostic::new(n).at(span));
                }
            }
        }
    }
}

/// The span of `range` (bytes of the value `text`) in the source, when the source spells the
/// value literally; otherwise the whole value's span.
fn inner_span(
    loaded: &LoadedCard,
    value_span: Span,
    text: &str,
    range: std::ops::Range<usize>,
) -> Span {
    match content_start(&loaded.source.text, value_span, text) {
        Some(start) => Span::new(start + range.start, start + range.end.max(range.start)),
        None => value_span,
    }
}

/// Where a string value's text starts in the source, if the source writes it without
/// escapes (so offsets inside the value map one to one onto the file).
fn content_start(source: &str, span: Span, value: &str) -> Option<usize> {
    let raw = source.get(span.start..span.end)?;
    for quote in ["'''", "\"\"\"", "'", "\""] {
        if raw.len() >= 2 * quote.len() && raw.starts_with(quote) && raw.ends_with(quote) {
            let mut start = span.start + quote.len();
            let mut inner = &raw[quote.len()..raw.len() - quote.len()];
            if quote.len() == 3 {
                for nl in ["\r\n", "\n"] {
                    if let Some(rest) = inner.strip_prefix(nl) {
                        start += nl.len();
                        inner = rest;
                        break;
                    }
                }
            }
            return (inner == value).then_some(start);
        }
    }
    None
}

/// What Russian typography will change at build time: visible changes (quotes, dashes,
/// ranges) as located hints, one per field and rule; invisible non-breaking spaces as one
/// count for the card. Hints never fail a check.
fn typography_hints(loaded: &LoadedCard, out: &mut Vec<Diagnostic>) {
    use crate::typography::{suggest, Rule};
    let mut invisible = 0;
    for (path, text) in text_fields(loaded) {
        let Some(span) = loaded.span(&path) else {
            continue;
        };
        let looks = |t: &str| t.replace('\u{a0}', " ");
        let (visible, hidden): (Vec<_>, Vec<_>) = suggest(text)
            .into_iter()
            .partition(|c| looks(&text[c.range.clone()]) != looks(&c.replacement));
        invisible += hidden.len();
        link_scheme_hints(loaded, span, &path, text, out);
        for rule in [
            Rule::Quotes,
            Rule::Dash,
            Rule::Range,
            Rule::Ellipsis,
            Rule::NumberSign,
            Rule::Unit,
            Rule::Initials,
        ] {
            let of_rule: Vec<_> = visible.iter().filter(|c| c.rule == rule).collect();
            let Some(first) = of_rule.first() else {
                continue;
            };
            out.push(
                Diagnostic::new(Message::Typography {
                    field: FieldPath::parse(&path),
                    rule,
                    count: of_rule.len(),
                    example: (
                        text[first.range.clone()].to_string(),
                        first.replacement.clone(),
                    ),
                })
                .at(inner_span(loaded, span, text, first.range.clone())),
            );
        }
    }
    if invisible > 0 {
        out.push(Diagnostic::new(Message::TypographyNbsp {
            count: invisible,
        }));
    }
}

/// `[сайт](www.school.ru)`: a link without a scheme, which the build completes with
/// `https://` (`richtext::with_scheme`), said as a hint at the address.
fn link_scheme_hints(
    loaded: &LoadedCard,
    span: crate::diag::Span,
    path: &str,
    text: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut from = 0;
    while let Some(at) = text[from..].find("](") {
        let start = from + at + 2;
        let end = text[start..].find(')').map_or(text.len(), |i| start + i);
        let url = &text[start..end];
        if crate::richtext::with_scheme(url).is_some() {
            out.push(
                Diagnostic::new(Message::LinkScheme {
                    field: FieldPath::parse(path),
                    url: url.trim().to_string(),
                })
                .at(inner_span(loaded, span, text, start..end)),
            );
        }
        from = end.max(start);
    }
}

/// Every free-text field of the card with its path, in source order.
fn text_fields(loaded: &LoadedCard) -> Vec<(String, &str)> {
    let card = &loaded.card;
    let mut fields: Vec<(String, &str)> = vec![("title".into(), card.title.as_str())];
    if let Some(intro) = &card.introduction {
        fields.push(("introduction.text".into(), &intro.text));
        for (i, d) in intro.definitions.iter().enumerate() {
            fields.push((
                format!("introduction.definitions[{i}].definition"),
                &d.definition,
            ));
        }
        fields.push((
            "introduction.after_definitions".into(),
            &intro.after_definitions,
        ));
    }
    for info in locale::CRITERIA {
        if let Some(text) = card.criteria.text(info.key) {
            fields.push((card.criteria.text_path(info.key), text));
        }
    }
    for (i, n) in card.criteria.norms.iter().enumerate() {
        if let Norm::Text(t) = n {
            fields.push((format!("criteria.norms[{i}]"), t));
        }
    }
    if let Some(c) = &card.conclusion {
        fields.push(("conclusion.text".into(), &c.text));
    }
    fields
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
