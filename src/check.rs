//! Checks on a loaded card: what the schema cannot say (empty criteria, thin text, dates
//! that contradict each other). Each finding is a located diagnostic; nothing here renders.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::card::filled;
use crate::card::{LoadedCard, Material, Norm, Period};
use crate::diag::{Diagnostic, Severity, Span};
use crate::document::{Block, Document};
use crate::locale::{self, capitalise, Lang};
use crate::profile::Limits;

/// Below this many letters a criterion is probably a placeholder; a warning, not an error.
const SHORT_CRITERION_CHARS: usize = 40;

/// Everything wrong with a card: the problems found while loading it, plus the checks of
/// the loaded card, sorted for printing.
///
/// `with_hints` adds the typography hints: `check` shows them, `build` (which applies the
/// typography anyway and prints no hints) skips the work.
pub fn diagnose(load: &crate::card::Load, lang: Lang, with_hints: bool) -> Vec<Diagnostic> {
    let mut diags = load.diagnostics.clone();
    if let Some(card) = &load.card {
        diags.extend(check(card, lang));
        if with_hints {
            typography_hints(card, lang, &mut diags);
        }
    }
    sort(&mut diags);
    diags
}

/// Every error and warning for a card that loaded (hints come from `diagnose`); errors first, in source order within each severity.
pub fn check(loaded: &LoadedCard, lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let card = &loaded.card;
    let c = &card.criteria;

    for info in locale::CRITERIA {
        let path = c.text_path(info.key);
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
    domain_checks(loaded, lang, &mut out);
    reference_checks(loaded, lang, &mut out);
    sort(&mut out);
    out
}

/// What a jury would mark down in a mentoring card, as warnings.
fn domain_checks(loaded: &LoadedCard, lang: Lang, out: &mut Vec<Diagnostic>) {
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
            Diagnostic::warning(
                "reverse-roles",
                lang.t(
                    "реверсивное наставничество: из описания участников не видно, кто кого наставляет",
                    "reverse mentoring: the participants do not say who mentors whom",
                ),
            )
            .at(loaded.spans.key("criteria.participants"))
            .with_hint(lang.t(
                "укажите у участников mentoring = \"наставник\" (младший по возрасту или стажу) и mentoring = \"наставляемый\"",
                "set mentoring = \"mentor\" (the younger or less senior one) and mentoring = \"mentee\"",
            )),
        );
    }
    for (i, p) in participants.iter().enumerate() {
        let empty = |l: &Vec<String>| l.iter().all(|s| s.trim().is_empty());
        if !p.role.trim().is_empty() && empty(&p.shares) && empty(&p.learns) {
            out.push(
                Diagnostic::warning(
                    "participant-empty",
                    format!(
                        "{} {} ({}): {}",
                        lang.t("участник", "participant"),
                        i + 1,
                        p.role.trim(),
                        lang.t(
                            "не сказано, чем он делится и чему учится",
                            "nothing listed to share or learn"
                        )
                    ),
                )
                .at(loaded.span(&format!("criteria.participants[{i}].role")))
                .with_hint(lang.t(
                    "добавьте shares = [\"…\"] (чем делится) и learns = [\"…\"] (чему учится)",
                    "add shares = [\"…\"] and learns = [\"…\"]",
                )),
            );
        }
    }
}

fn chars(n: usize, lang: Lang) -> String {
    lang.count(n, ["знак", "знака", "знаков"], ["character", "characters"])
}

/// A contest profile's limits: volume per criterion and in total, pages, required rows and
/// fields. `pages` is the page count of the PDF the card would give, when the profile limits
/// pages (the caller typesets it; checking itself never renders).
pub fn check_limits(
    loaded: &LoadedCard,
    doc: &Document,
    limits: &Limits,
    pages: Option<usize>,
    lang: Lang,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let flat = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let over = lang.t("больше допустимых", "over the limit of");
    if let Some(max) = limits.max_chars_per_criterion {
        let rows = doc.blocks.iter().filter_map(|b| match b {
            Block::CriteriaTable(t) => Some(&t.rows),
            _ => None,
        });
        for row in rows.flatten() {
            let n = flat(Block::plain(&row.content)).chars().count();
            if n > max {
                let name = locale::criterion(row.key)
                    .map(|i| capitalise(&i.describe(lang)))
                    .unwrap_or_default();
                out.push(
                    Diagnostic::error(
                        "limit-criterion-chars",
                        format!("{name}: {} — {over} {max}", chars(n, lang)),
                    )
                    .at(loaded.spans.key(&format!("criteria.{}", row.key)))
                    .with_hint(format!(
                        "{} {}",
                        lang.t("сократите текст на", "shorten the text by"),
                        chars(n - max, lang)
                    )),
                );
            }
        }
    }
    if let Some(max) = limits.max_total_chars {
        let n = flat(doc.plain_text()).chars().count();
        if n > max {
            out.push(
                Diagnostic::error(
                    "limit-total-chars",
                    format!(
                        "{}: {} — {over} {max}",
                        lang.t("объём работы", "total volume"),
                        chars(n, lang)
                    ),
                )
                .at(loaded.span("title"))
                .with_hint(format!(
                    "{} {}",
                    lang.t("сократите текст на", "shorten the text by"),
                    chars(n - max, lang)
                )),
            );
        }
    }
    if let Some(pages) = pages {
        let breach = match (limits.min_pages, limits.max_pages) {
            (_, Some(max)) if pages > max => {
                Some((lang.t("больше допустимых", "over the maximum of"), max))
            }
            (Some(min), _) if pages < min => {
                Some((lang.t("меньше требуемых", "under the minimum of"), min))
            }
            _ => None,
        };
        if let Some((words, limit)) = breach {
            out.push(
                Diagnostic::error(
                    "limit-pages",
                    format!(
                        "{} {} — {words} {limit}",
                        lang.t("в PDF получится", "the PDF will have"),
                        lang.count(
                            pages,
                            ["страница", "страницы", "страниц"],
                            ["page", "pages"]
                        )
                    ),
                )
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
            let label = locale::criterion(key)
                .map(|i| i.describe(lang))
                .unwrap_or_else(|| key.clone());
            out.push(
                Diagnostic::error(
                    "required-row",
                    format!(
                        "{} {label}",
                        lang.t("конкурс требует заполнить:", "the contest requires")
                    ),
                )
                .at(loaded.spans.key("criteria").or(loaded.span("title")))
                .with_hint(format!(
                    "{} [criteria]: {key} = '''…'''",
                    lang.t("добавьте в раздел", "add to section")
                )),
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
                Diagnostic::error(
                    "required-field",
                    format!(
                        "{} «{key}»",
                        lang.t(
                            "конкурс требует указать поле",
                            "the contest requires the field"
                        )
                    ),
                )
                .at(loaded.span("title"))
                .with_hint(required_hint(key, lang)),
            );
        }
    }
    out
}

fn required_hint(key: &str, lang: Lang) -> String {
    match key {
        "authors" => lang
            .t(
                "добавьте раздел [[authors]] с name = \"Фамилия Имя Отчество\"",
                "add an [[authors]] section with name = \"…\"",
            )
            .into(),
        "introduction" => lang
            .t(
                "добавьте раздел [introduction] с text = '''…'''",
                "add an [introduction] section with text = '''…'''",
            )
            .into(),
        "conclusion" => lang
            .t(
                "добавьте раздел [conclusion] с text = '''…'''",
                "add a [conclusion] section with text = '''…'''",
            )
            .into(),
        _ => format!(
            "{} {key} = \"…\" {}",
            lang.t("добавьте строку", "add the line"),
            lang.t(
                "в начало карточки, до первого раздела",
                "at the top of the card, before the first section"
            )
        ),
    }
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
pub fn check_unfilled(
    root: &Spanned<DeTable>,
    source: &crate::diag::SourceFile,
    lang: Lang,
) -> Vec<Diagnostic> {
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
    if criteria.get("materials").is_none() && criteria.get("materials_file").is_none() {
        if let (Some(info), Some(table)) = (
            locale::criterion("materials"),
            root.get_ref().get("criteria"),
        ) {
            out.push(
                Diagnostic::error(
                    "missing-criterion",
                    format!("{} {}", lang.t("нет строки таблицы:", "missing table row:"), info.describe(lang)),
                )
                .at(crate::schema::header_span(source, Span::from(table.span())))
                .with_hint(lang.t(
                    "добавьте в раздел [criteria]: materials = [\"…\"] или materials_file = \"источники.json\" (экспорт из Zotero)",
                    "add to section [criteria]: materials = [\"…\"] or materials_file = \"sources.json\" (a Zotero export)",
                )),
            );
        }
    }
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
        let from_file = info.key == "materials" && criteria.get("materials_file").is_some();
        if blank(value) && !from_file {
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

/// Findings of the bibliography, norms and typography modules, located in the card.
fn reference_checks(loaded: &LoadedCard, lang: Lang, out: &mut Vec<Diagnostic>) {
    let c = &loaded.card.criteria;
    let today = crate::date::Date::today();
    let note = |n: crate::norms::Note, span: Option<Span>, hint: Option<&str>| {
        // «This act is in the registry, cite it by ref» is advice, not a problem.
        let severity = if n.code == "norm-use-ref" {
            Severity::Hint
        } else {
            Severity::Warning
        };
        let mut d = Diagnostic::new(severity, n.code, lang.t(&n.ru, &n.en).to_string()).at(span);
        if let Some(h) = hint {
            d = d.with_hint(h.to_string());
        }
        d
    };
    for (i, norm) in c.norms.iter().enumerate() {
        let path = format!("criteria.norms[{i}]");
        let notes = match norm {
            Norm::Text(t) => crate::norms::text_warnings(t),
            Norm::Act(act) => crate::norms::act_warnings(act),
        };
        out.extend(notes.into_iter().map(|n| note(n, loaded.span(&path), None)));
    }
    for (i, m) in c.materials.iter().enumerate() {
        let path = format!("criteria.materials[{i}]");
        match m {
            Material::Text(t) => {
                let findings = crate::biblio::lint_plain(t);
                // One warning per source: the first marker located, the rest named.
                if let Some(first) = findings.first() {
                    let markers: Vec<&str> = findings
                        .iter()
                        .filter_map(|f| t.get(f.range.clone()))
                        .collect();
                    let span = loaded
                        .span(&path)
                        .map(|s| inner_span(loaded, s, t, first.range.clone()));
                    out.push(
                        Diagnostic::warning(
                            "old-style-source",
                            format!(
                                "{} {} ({})",
                                lang.t(&first.ru, &first.en),
                                lang.t(
                                    "— оформление по старому ГОСТ 7.1-2003",
                                    "— old ГОСТ 7.1-2003 style"
                                ),
                                markers.join(" ")
                            ),
                        )
                        .at(span)
                        .with_hint(
                            first
                                .hint
                                .replace("[[materials]]", "[[criteria.materials]]"),
                        ),
                    );
                }
            }
            Material::Entry(e) => {
                for n in crate::biblio::entry_warnings(e, today) {
                    // Point at the field the warning is about when the card has it.
                    let field = match n.code {
                        "biblio-url-no-access-date" => Some("URL"),
                        "biblio-access-date-future" | "biblio-access-date-no-url" => {
                            Some("accessed")
                        }
                        "biblio-isbn-invalid" => Some("ISBN"),
                        "biblio-unknown-type" => Some("type"),
                        _ => None,
                    };
                    let span = field
                        .and_then(|f| loaded.span(&format!("{path}.{f}")))
                        .or(loaded.span(&path));
                    out.push(note(n, span, None));
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
fn typography_hints(loaded: &LoadedCard, lang: Lang, out: &mut Vec<Diagnostic>) {
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
        for rule in [
            Rule::Quotes,
            Rule::Dash,
            Rule::Range,
            Rule::NumberSign,
            Rule::Unit,
            Rule::Initials,
        ] {
            let of_rule: Vec<_> = visible.iter().filter(|c| c.rule == rule).collect();
            let Some(first) = of_rule.first() else {
                continue;
            };
            let shown = &text[first.range.clone()];
            out.push(
                Diagnostic::hint_level(
                    "typography",
                    format!(
                        "{}: {} ({})",
                        field_words(&path, lang),
                        lang.t(rule.ru(), rule.en()),
                        lang.count(
                            of_rule.len(),
                            ["место", "места", "мест"],
                            ["place", "places"]
                        )
                    ),
                )
                .at(inner_span(loaded, span, text, first.range.clone()))
                .with_hint(format!(
                    "{} «{}» → «{}»",
                    lang.t(
                        "при сборке будет исправлено автоматически, например:",
                        "the build fixes this automatically, e.g."
                    ),
                    shown,
                    first.replacement
                )),
            );
        }
    }
    if invisible > 0 {
        out.push(Diagnostic::hint_level(
            "typography-nbsp",
            format!(
                "{} {}",
                lang.t(
                    "при сборке будут расставлены неразрывные пробелы:",
                    "the build will insert non-breaking spaces:"
                ),
                lang.count(invisible, ["место", "места", "мест"], ["place", "places"])
            ),
        ));
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

/// «Критерий 4 «Цель практики»» for a criterion's path, else the path itself.
fn field_words(path: &str, lang: Lang) -> String {
    let key = path
        .strip_prefix("criteria.")
        .map(|k| k.split(['.', '[']).next().unwrap_or(k));
    match key.and_then(locale::criterion) {
        Some(info) => capitalise(&info.describe(lang)),
        None => format!("`{path}`"),
    }
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
