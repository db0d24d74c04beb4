//! Normative acts for «Нормативное подкрепление практики»: structured entries, in-text
//! citations, and the registry of acts mentoring cards usually cite.

use serde::{Deserialize, Serialize};

use crate::date::{Date, MONTHS_GENITIVE};
use crate::message::{EndedProject, Message, Written};
use crate::typography;

/// Нормативный акт. Акт из встроенного справочника можно указать кратко: `ref = "273-ФЗ"`;
/// поля, заданные в карточке, важнее справочника.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// Краткая ссылка на акт из справочника: «273-ФЗ», «Указ № 94», «Р-145», «3273-р».
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Вид акта: «Федеральный закон», «Указ Президента Российской Федерации», «Распоряжение».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Кем принят, в родительном падеже: «Минпросвещения России», «Правительства Российской
    /// Федерации».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Дата принятия.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Номер: «273-ФЗ», «Р-145».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Название без кавычек; кавычки внутри станут „лапками“.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Изменения: «с изм. и доп. от 24.04.2020 № 147-ФЗ» или «ред. от 01.09.2024».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amendments: Option<String>,
    /// Примечание в скобках: «утв. президиумом Совета при Президенте Российской Федерации
    /// по стратегическому развитию и национальным проектам, протокол от 24.12.2018 № 16».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Legal force and order
// ---------------------------------------------------------------------------------------------

/// Rank of an act in a list, strongest first (domain.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LegalForce {
    Constitution,
    FederalLaw,
    PresidentialDecree,
    Government,
    Ministry,
    Letter,
    Other,
}

/// How the «Нормативное подкрепление» list is ordered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum NormOrder {
    /// По юридической силе (законы, указы, акты Правительства, министерств, письма, прочее),
    /// внутри — по дате.
    #[default]
    LegalForce,
    /// В том порядке, в каком акты записаны в карточке.
    AsWritten,
}

/// The force of an act, read from its kind and issuer.
pub fn legal_force(act: &Act) -> LegalForce {
    let act = resolve(act);
    force_from(
        &act.kind.as_deref().unwrap_or("").to_lowercase(),
        &act.issuer.as_deref().unwrap_or("").to_lowercase(),
    )
}

/// The force of a norm typed as a string, read from its words before `от`, `№` or `«`.
pub fn text_legal_force(text: &str) -> LegalForce {
    let lower = plain_lower(text);
    let head = lower
        .split(" от ")
        .next()
        .unwrap_or("")
        .split(['№', '(', '«'])
        .next()
        .unwrap_or("");
    force_from(head, "")
}

/// `kind` and `issuer` in lower case.
fn force_from(kind: &str, issuer: &str) -> LegalForce {
    let all = format!("{kind} {issuer}");
    if kind.contains("конституц") && !kind.contains("закон") {
        LegalForce::Constitution
    } else if kind.contains("письм") {
        LegalForce::Letter
    } else if kind.contains("кодекс")
        || (kind.contains("закон") && (kind.contains("федеральн") || kind.contains("конституц")))
    {
        LegalForce::FederalLaw
    } else if kind.contains("указ") {
        LegalForce::PresidentialDecree
    } else if all.contains("правительств") {
        LegalForce::Government
    } else if ["приказ", "распоряжен", "постановлен", "решени"]
        .iter()
        .any(|k| kind.contains(k))
    {
        LegalForce::Ministry
    } else {
        LegalForce::Other
    }
}

/// One entry of the «Нормативное подкрепление» list: structured, or a string kept as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NormItem<'a> {
    Act(&'a Act),
    Text(&'a str),
}

impl NormItem<'_> {
    fn sort_key(&self) -> (LegalForce, Option<Date>) {
        match self {
            NormItem::Act(a) => (legal_force(a), resolve(a).date),
            NormItem::Text(t) => (text_legal_force(t), first_date(t)),
        }
    }
}

/// Indices of `acts` in the order the list is printed; the caller keeps its own spans.
/// Undated acts go last within their rank; ties keep the author's order.
pub fn order(acts: &[Act], order: NormOrder) -> Vec<usize> {
    let items: Vec<NormItem> = acts.iter().map(NormItem::Act).collect();
    order_items(&items, order)
}

/// Like [`order`], for a list mixing structured acts and plain strings.
pub fn order_items(items: &[NormItem], order: NormOrder) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    if order == NormOrder::LegalForce {
        let keys: Vec<(LegalForce, Option<Date>)> = items.iter().map(NormItem::sort_key).collect();
        idx.sort_by_key(|&i| {
            let (force, date) = keys[i];
            (force, date.is_none(), date, i)
        });
    }
    idx
}

// ---------------------------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------------------------

/// An act of the built-in registry (`assets/norms.toml`, a file a methodologist can read and
/// extend): what a short reference in a card stands for.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownAct {
    pub kind: String,
    #[serde(default)]
    pub issuer: Option<String>,
    pub date: Date,
    pub number: String,
    #[serde(default)]
    pub title: Option<String>,
    /// Whether the catalogue can say what the act is about when its title is not known
    /// (`locale::act_about`).
    #[serde(default)]
    pub about: bool,
}

const UKAZ: &str = "Указ Президента Российской Федерации";

/// The registry file as it is built in.
pub const REGISTRY_TOML: &str = include_str!("../assets/norms.toml");

#[derive(Deserialize)]
struct RegistryFile {
    act: Vec<KnownAct>,
}

/// The built-in acts, read once from `assets/norms.toml` (a test reads the same file, so a
/// broken one fails the tests, not a teacher's build).
pub fn registry() -> &'static [KnownAct] {
    static REGISTRY: std::sync::OnceLock<Vec<KnownAct>> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| {
        toml::from_str::<RegistryFile>(REGISTRY_TOML)
            .map(|f| f.act)
            .unwrap_or_default()
    })
}

fn norm_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '№')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Finds an act by a short reference: `273-ФЗ`, `ФЗ-273`, `Указ № 94`, `Указ 94`, `р-145`.
pub fn lookup(reference: &str) -> Option<&'static KnownAct> {
    // `… № 204 …`: the number after the sign is the reference.
    let r = match reference.split_once('№') {
        Some((_, after)) => after.split_whitespace().next().unwrap_or(""),
        None => reference,
    };
    let key = norm_key(r);
    if key.is_empty() {
        return None;
    }
    registry().iter().find(|k| {
        let num = norm_key(&k.number);
        if key == num {
            return true;
        }
        // `фз-273` for `273-фз`
        if let Some((n, suffix)) = num.split_once('-') {
            if key == format!("{suffix}-{n}") || key == format!("{n}{suffix}") {
                return true;
            }
        }
        // a kind word before the number: `указ94`, `указпрезидента94`
        key.strip_suffix(&num)
            .is_some_and(|prefix| !prefix.is_empty() && prefix.chars().all(char::is_alphabetic))
    })
}

/// The act with what the registry knows filled in; the card's own values win.
pub fn resolve(act: &Act) -> Act {
    let Some(known) = act.reference.as_deref().and_then(lookup) else {
        return act.clone();
    };
    let mut out = act.clone();
    // A card that writes its own kind («Распоряжение Минпросвещения России») usually names
    // the issuer in it, so the registry's issuer would be said twice.
    if out.kind.is_none() {
        out.kind = Some(known.kind.to_string());
        out.issuer = out.issuer.or_else(|| known.issuer.clone());
    }
    out.date = out.date.or(Some(known.date));
    out.number = out.number.or_else(|| Some(known.number.to_string()));
    out.title = out.title.or_else(|| known.title.clone());
    out
}

// ---------------------------------------------------------------------------------------------
// Citation
// ---------------------------------------------------------------------------------------------

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `№147-ФЗ`, `№ 147-ФЗ`, `N 16` → `№` + nbsp + number.
fn number_signs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let latin_n = c == 'N'
            && (i == 0 || chars[i - 1] == ' ')
            && chars.get(i + 1) == Some(&' ')
            && chars.get(i + 2).is_some_and(char::is_ascii_digit);
        if c == '№' || latin_n {
            out.push('№');
            i += 1;
            while chars.get(i).is_some_and(|c| *c == ' ' || *c == '\u{a0}') {
                i += 1;
            }
            if i < chars.len() {
                out.push('\u{a0}');
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn parenthesised(text: &str) -> String {
    let t = text.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    format!("({})", number_signs(t.trim()))
}

/// The in-text citation: `Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в
/// Российской Федерации» (с изм. и доп. от 24.04.2020 № 147-ФЗ)`, nbsp after `№`.
pub fn cite(act: &Act) -> String {
    let act = resolve(act);
    let mut parts: Vec<String> = Vec::new();
    if let Some(k) = non_empty(&act.kind) {
        parts.push(k.to_string());
    }
    if let Some(i) = non_empty(&act.issuer) {
        parts.push(i.to_string());
    }
    if let Some(d) = act.date {
        parts.push(format!("от {}", d.dotted()));
    }
    if let Some(n) = non_empty(&act.number) {
        parts.push(format!("№\u{a0}{}", n.trim_start_matches('№').trim()));
    }
    if let Some(t) = non_empty(&act.title) {
        parts.push(typography::quoted(t));
    }
    if let Some(a) = non_empty(&act.amendments) {
        parts.push(parenthesised(a));
    }
    if let Some(n) = non_empty(&act.note) {
        parts.push(parenthesised(n));
    }
    if parts.is_empty() {
        if let Some(r) = non_empty(&act.reference) {
            parts.push(number_signs(r));
        }
    }
    parts.join(" ")
}

/// Lower case, quotes and nbsp removed, so «Современная школа» and "Современной школы" match.
fn plain_lower(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '«' | '»' | '„' | '“' | '”' | '"'))
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Mentions of projects that ended with the national project «Образование» in 2024.
fn project_notes(text: &str) -> Vec<Message> {
    let t = plain_lower(text);
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let pair = |a: &str, b: &str| {
        words
            .windows(2)
            .any(|w| w[0].starts_with(a) && w[1].starts_with(b))
    };
    let mut out = Vec::new();
    if pair("современн", "школ") {
        out.push(Message::NormProjectEnded {
            project: EndedProject::ModernSchool,
        });
    } else if pair("национальн", "проект") && words.contains(&"образование")
    {
        out.push(Message::NormProjectEnded {
            project: EndedProject::Education,
        });
    }
    out
}

/// The first date in a string: `29.12.2012`, `2012-12-29` or `2 марта 2018 года`.
pub fn first_date(text: &str) -> Option<Date> {
    let t = plain_lower(text);
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(d) = Date::parse(w.trim_end_matches('.')) {
            return Some(d);
        }
        if let Some(m) = MONTHS_GENITIVE.iter().position(|m| m == w) {
            let day = i.checked_sub(1).and_then(|j| words[j].parse::<u8>().ok());
            let year = words
                .get(i + 1)
                .and_then(|y| y.get(..4))
                .and_then(|y| y.parse::<i32>().ok());
            if let (Some(d), Some(y)) = (day, year) {
                if let Some(date) = Date::new(y, m as u8 + 1, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// `29.12.2012`, `2012-12-29` or `2 марта 2018`.
fn has_date(text: &str) -> bool {
    let t = plain_lower(text);
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| w.len() >= 4 && w.chars().take(4).all(|c| c.is_ascii_digit());
    words.iter().any(|w| {
        let w = w.trim_end_matches('.');
        Date::parse(w).is_some()
    }) || words
        .windows(2)
        .any(|w| MONTHS_GENITIVE.contains(&w[0]) && year(w[1]))
}

/// `№ 273-ФЗ`, `№273`, `N 16`.
fn has_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let mut j = i + 1;
        while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\u{a0}') {
            j += 1;
        }
        let followed = chars.get(j).is_some_and(|c| c.is_alphanumeric());
        (c == '№' && followed)
            || (c == 'N'
                && (i == 0 || !chars[i - 1].is_alphanumeric())
                && j > i + 1
                && chars.get(j).is_some_and(char::is_ascii_digit))
    })
}

fn is_204(act: &Act) -> bool {
    let kind = act.kind.as_deref().unwrap_or("").to_lowercase();
    let num = act.number.as_deref().unwrap_or("").trim();
    kind.contains("указ") && num.trim_start_matches('№').trim() == "204"
}

/// Warnings about one structured act: unknown reference, missing date or number, a title
/// the registry does not know, and the status facts of domain.md §4.
pub fn act_warnings(act: &Act) -> Vec<Message> {
    let mut out = Vec::new();
    let known = act.reference.as_deref().and_then(lookup);
    if let (Some(r), None) = (non_empty(&act.reference), known) {
        out.push(Message::NormUnknownRef {
            reference: r.to_string(),
        });
    }
    let r = resolve(act);
    let identified_by_note = non_empty(&r.note).is_some_and(|n| has_date(n) && has_number(n));
    let kind = r.kind.as_deref().unwrap_or("").to_lowercase();
    let exempt = kind.contains("конституц") || identified_by_note;
    if non_empty(&r.kind).is_none() && known.is_none() {
        out.push(Message::NormMissingKind);
    }
    if r.date.is_none() && !exempt {
        out.push(Message::NormMissingDate {
            written: Written::Act,
        });
    }
    if non_empty(&r.number).is_none() && !exempt {
        out.push(Message::NormMissingNumber {
            written: Written::Act,
        });
    }
    if non_empty(&r.title).is_none() {
        out.push(Message::NormMissingTitle {
            about: known.filter(|k| k.about).map(|k| k.number.as_str()),
        });
    }
    if is_204(&r) {
        out.push(Message::NormGoals2024);
    }
    let text = [&r.title, &r.note, &r.amendments, &r.kind]
        .iter()
        .filter_map(|s| non_empty(s))
        .collect::<Vec<_>>()
        .join(" ");
    out.extend(project_notes(&text));
    out
}

/// Warnings about a norm written as a plain string: the status facts, a missing date or
/// number, and a hint when the act is in the registry and could be cited by reference.
pub fn text_warnings(text: &str) -> Vec<Message> {
    let mut out = Vec::new();
    let lower = plain_lower(text);
    let mentions_204 = lower.contains("указ")
        && (lower.contains("№ 204") || lower.contains("№204") || lower.contains("n 204"));
    let date = has_date(text);
    let number = has_number(text);
    if !date && !lower.contains("конституц") {
        out.push(Message::NormMissingDate {
            written: Written::Text,
        });
    }
    if !number && !lower.contains("конституц") {
        out.push(Message::NormMissingNumber {
            written: Written::Text,
        });
    }
    if mentions_204 {
        out.push(Message::NormGoals2024);
    }
    out.extend(project_notes(text));
    // A known act typed by hand, found by its number or its title: suggest the short reference.
    let by_number = text.split_once('№').and_then(|(_, after)| {
        let num = after
            .trim_start()
            .split(|c: char| c.is_whitespace() || matches!(c, '«' | '"' | ',' | ')' | '('))
            .next()
            .unwrap_or("");
        lookup(num)
    });
    let by_title = || {
        registry().iter().find(|k| {
            k.title
                .as_deref()
                .is_some_and(|t| lower.contains(&plain_lower(t).replace('\u{a0}', " ")))
        })
    };
    if let Some(k) = by_number.or_else(by_title) {
        let r = if k.kind == UKAZ {
            format!("Указ № {}", k.number)
        } else {
            k.number.to_string()
        };
        out.push(Message::NormUseRef { reference: r });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reading a typed citation back into an act (for `import`)
// ---------------------------------------------------------------------------------------------

/// Reads a norm typed as one string into a structured act when the whole string can be read:
/// an act of the registry found by its number (its kind and, when given, its date agreeing),
/// or any act written `Вид от ДД.ММ.ГГГГ № N «Название»`. Amendments and notes in brackets
/// at the end are kept. `None` when anything would be left over: nothing written is lost.
pub fn recognise(text: &str) -> Option<Act> {
    let t = text.replace('\u{a0}', " ");
    let mut core = t
        .trim()
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_string();
    // Brackets at the end: amendments and notes.
    let mut brackets = Vec::new();
    while core.ends_with(')') {
        let open = matching_open(&core)?;
        brackets.insert(0, core[open + 1..core.len() - 1].trim().to_string());
        core = core[..open]
            .trim_end()
            .trim_end_matches([',', '.'])
            .trim_end()
            .to_string();
    }
    let (head, title) = match core.find('«') {
        // Words after the closing quote would have no field to go to.
        Some(_) if !core.ends_with('»') => return None,
        Some(at) => (core[..at].trim(), Some(title_in_quotes(&core[at..]))),
        None => (core.trim(), None),
    };
    let (kind, date, number) = act_head(head)?;
    let mut amendments = Vec::new();
    let mut notes = Vec::new();
    for b in brackets {
        let lower = b.to_lowercase();
        if ["с изм", "в ред", "ред.", "ред ", "с изменени", "с посл"]
            .iter()
            .any(|p| lower.starts_with(p))
        {
            amendments.push(b);
        } else {
            notes.push(b);
        }
    }
    let join = |v: Vec<String>| (!v.is_empty()).then(|| v.join("; "));
    let mut act = Act {
        amendments: join(amendments),
        note: join(notes),
        ..Act::default()
    };
    let known = lookup(&number).filter(|k| {
        let date_agrees = date.is_none_or(|d| d == k.date);
        date_agrees && same_kind(&kind, &k.kind)
    });
    match known {
        Some(k) => {
            act.reference = Some(if k.kind == UKAZ {
                format!("Указ № {}", k.number)
            } else {
                k.number.to_string()
            });
            act.title =
                title.filter(|t| !k.title.as_deref().is_some_and(|known| same_title(t, known)));
        }
        None => {
            act.kind = Some(kind);
            act.date = Some(date?);
            act.number = Some(number);
            act.title = Some(title?);
        }
    }
    Some(act)
}

/// The `(` that the final `)` of `text` closes, outside quotes.
fn matching_open(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut quotes = 0i32;
    for (i, c) in text.char_indices().rev() {
        match c {
            '»' => quotes += 1,
            '«' => quotes -= 1,
            ')' if quotes <= 0 => depth += 1,
            '(' if quotes <= 0 => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `«Название «в кавычках»»` → `Название «в кавычках»`, forgiving a lost closing quote.
fn title_in_quotes(quoted: &str) -> String {
    let inner = quoted.trim().strip_prefix('«').unwrap_or(quoted).trim();
    let opens = inner.matches('«').count();
    let closes = inner.matches('»').count();
    let inner = if closes > opens {
        inner.strip_suffix('»').unwrap_or(inner)
    } else {
        inner
    };
    inner.trim().to_string()
}

/// `Федеральный закон от 29.12.2012 № 273-ФЗ` → (kind, date, number); the number may also
/// come before the date. `None` unless the head is exactly that.
fn act_head(head: &str) -> Option<(String, Option<Date>, String)> {
    let head = head.trim().trim_end_matches(',').trim();
    let (kind, rest) = match (head.find(" от "), head.find('№')) {
        (Some(o), Some(n)) if o < n => (&head[..o], &head[o..]),
        (_, Some(n)) => (&head[..n], &head[n..]),
        (Some(o), None) => (&head[..o], &head[o..]),
        (None, None) => return None,
    };
    let kind = kind.trim().trim_end_matches(',').trim();
    if kind.is_empty() || !kind.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let mut rest = rest.trim();
    let mut date = None;
    let mut number = None;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("от ") {
            let (d, r) = take_date(after)?;
            date = Some(d);
            rest = r.trim_start_matches(',').trim();
        } else if let Some(after) = rest.strip_prefix('№') {
            let after = after.trim_start();
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            let n = after[..end].trim_end_matches(',');
            if n.is_empty() {
                return None;
            }
            number = Some(n.to_string());
            rest = after[end..].trim();
        } else {
            return None;
        }
    }
    Some((kind.to_string(), date, number?))
}

/// A date at the start: `29.12.2012`, `2 марта 2018 года`, `7 мая 2018 г.`; and the rest.
fn take_date(text: &str) -> Option<(Date, &str)> {
    let t = text.trim_start();
    let word_end = |s: &str| s.find(char::is_whitespace).unwrap_or(s.len());
    let first = &t[..word_end(t)];
    if let Some(d) = Date::parse(first.trim_end_matches([',', '.']).trim_end_matches(" г")) {
        let rest = t[first.len()..].trim_start();
        return Some((d, skip_year_word(rest)));
    }
    let day: u8 = first.parse().ok()?;
    let rest = t[first.len()..].trim_start();
    let month_word = &rest[..word_end(rest)];
    let month = MONTHS_GENITIVE
        .iter()
        .position(|m| *m == month_word.to_lowercase())?;
    let rest = rest[month_word.len()..].trim_start();
    let year_word = &rest[..word_end(rest)];
    let year: i32 = year_word.trim_end_matches(['.', ',']).parse().ok()?;
    let d = Date::new(year, month as u8 + 1, day)?;
    Some((d, skip_year_word(rest[year_word.len()..].trim_start())))
}

/// `года`, `г.`, `г` after a date.
fn skip_year_word(rest: &str) -> &str {
    for w in ["года", "г.", "г"] {
        if let Some(r) = rest.strip_prefix(w) {
            if r.is_empty() || r.starts_with([' ', ',']) {
                return r.trim_start_matches(',').trim_start();
            }
        }
    }
    rest
}

/// Whether a kind typed in a card names the registry's kind («Указ Президента РФ» — «Указ
/// Президента Российской Федерации»).
fn same_kind(typed: &str, known: &str) -> bool {
    let typed = typed.to_lowercase();
    let known = known.to_lowercase();
    [
        "указ",
        "закон",
        "распоряжен",
        "письм",
        "постановлен",
        "приказ",
    ]
    .iter()
    .any(|stem| known.contains(stem) && typed.contains(stem))
}

/// Titles equal but for quotes, spaces and case, or a typed title cut short with `…`.
fn same_title(typed: &str, known: &str) -> bool {
    let norm = |s: &str| {
        plain_lower(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let typed = norm(typed);
    let known = norm(known);
    match typed
        .strip_suffix('…')
        .or_else(|| typed.strip_suffix("..."))
    {
        Some(start) => known.starts_with(start.trim_end()),
        None => typed == known,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn act(toml_text: &str) -> Act {
        toml::from_str(toml_text).unwrap()
    }

    fn codes(notes: &[Message]) -> Vec<&'static str> {
        notes.iter().map(Message::code).collect()
    }

    #[test]
    fn cites_a_structured_act_with_amendments() {
        let a = act(r#"
            kind = "Федеральный закон"
            date = 2012-12-29
            number = "273-ФЗ"
            title = "Об образовании в Российской Федерации"
            amendments = "с изм. и доп. от 24.04.2020 №147-ФЗ"
        "#);
        assert_eq!(
            cite(&a),
            "Федеральный закон от 29.12.2012 №\u{a0}273-ФЗ «Об образовании в Российской \
             Федерации» (с изм. и доп. от 24.04.2020 №\u{a0}147-ФЗ)"
        );
        assert!(act_warnings(&a).is_empty());
    }

    #[test]
    fn cites_by_short_reference() {
        let a = act(r#"
            ref = "273-ФЗ"
            amendments = "(с изм. и доп. от 24.04.2020 № 147-ФЗ)"
        "#);
        assert_eq!(
            cite(&a),
            "Федеральный закон от 29.12.2012 №\u{a0}273-ФЗ «Об образовании в Российской \
             Федерации» (с изм. и доп. от 24.04.2020 №\u{a0}147-ФЗ)"
        );
        assert_eq!(
            cite(&act(r#"ref = "Указ № 94""#)),
            "Указ Президента Российской Федерации от 02.03.2018 №\u{a0}94 «Об учреждении знака \
             отличия „За наставничество“»"
        );
        assert_eq!(
            cite(&act(r#"ref = "Р-145""#)),
            "Распоряжение Минпросвещения России от 25.12.2019 №\u{a0}Р-145 «Об утверждении \
             методологии (целевой модели) наставничества обучающихся для организаций, \
             осуществляющих образовательную деятельность по общеобразовательным, дополнительным \
             общеобразовательным и программам среднего профессионального образования, в том \
             числе с применением лучших практик обмена опытом между обучающимися»"
        );
        assert_eq!(
            cite(&act(r#"ref = "309""#)),
            "Указ Президента Российской Федерации от 07.05.2024 №\u{a0}309 «О национальных целях \
             развития Российской Федерации на период до 2030 года и на перспективу до 2036 года»"
        );
        // no title known: nothing invented
        assert_eq!(
            cite(&act(r#"ref = "3273-р""#)),
            "Распоряжение Правительства Российской Федерации от 31.12.2019 №\u{a0}3273-р"
        );
        assert_eq!(
            cite(&act(r#"ref = "АЗ-1128/08/657""#)),
            "Совместное письмо Минпросвещения России и Общероссийского Профсоюза образования от \
             21.12.2021 №\u{a0}АЗ-1128/08/657"
        );
    }

    #[test]
    fn every_registry_act_is_found_by_its_number() {
        // The file parses in full (registry() would give an empty list otherwise), each act
        // once, each found by its own number; an act marked `about` has the catalogue's words.
        let file: RegistryFile = toml::from_str(REGISTRY_TOML).expect("assets/norms.toml reads");
        assert_eq!(file.act, registry());
        let mut numbers: Vec<&str> = registry().iter().map(|k| k.number.as_str()).collect();
        numbers.sort();
        numbers.dedup();
        assert_eq!(
            numbers.len(),
            registry().len(),
            "a number twice in assets/norms.toml"
        );
        for k in registry() {
            assert_eq!(lookup(&k.number), Some(k), "{}", k.number);
            assert!(!k.kind.trim().is_empty(), "{}: no kind", k.number);
            if k.about {
                assert!(
                    crate::locale::act_about(&k.number, crate::locale::Lang::Ru).is_some(),
                    "{}: about without words",
                    k.number
                );
            }
        }
        assert_eq!(registry().len(), 12);
        assert_eq!(lookup("фз-273").map(|k| k.number.as_str()), Some("273-ФЗ"));
        assert_eq!(lookup("273 ФЗ").map(|k| k.number.as_str()), Some("273-ФЗ"));
        assert_eq!(lookup("Указ 204").map(|k| k.number.as_str()), Some("204"));
        assert_eq!(
            lookup("Указ Президента № 401").map(|k| k.number.as_str()),
            Some("401")
        );
        assert_eq!(
            lookup("мр-42/02").map(|k| k.number.as_str()),
            Some("МР-42/02")
        );
        assert_eq!(lookup("1294"), None);
        assert_eq!(lookup("12-94"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("№"), None);
    }

    #[test]
    fn card_values_win_over_the_registry() {
        let a = act(r#"
            ref = "Указ № 204"
            title = "О национальных целях и стратегических задачах развития Российской Федерации на период до 2024 года"
        "#);
        assert_eq!(
            cite(&a),
            "Указ Президента Российской Федерации от 07.05.2018 №\u{a0}204 «О национальных целях \
             и стратегических задачах развития Российской Федерации на период до 2024 года»"
        );
        let w = act_warnings(&a);
        assert_eq!(codes(&w), ["norm-goals-2024"]);
        assert!(w[0].text(crate::locale::Lang::Ru).contains("№ 309"));
        assert!(w[0]
            .text(crate::locale::Lang::Ru)
            .contains("Проверьте актуальность"));
        assert!(!w[0]
            .text(crate::locale::Lang::Ru)
            .to_lowercase()
            .contains("утратил"));
        assert!(!w[0]
            .text(crate::locale::Lang::En)
            .to_lowercase()
            .contains("repealed"));
    }

    #[test]
    fn school_project_passport_warns_about_the_ended_national_project() {
        let a = act(r#"
            kind = "Паспорт федерального проекта"
            title = "Современная школа"
            note = "утв. президиумом Совета при Президенте Российской Федерации по стратегическому развитию и национальным проектам, протокол от 24.12.2018 N 16"
        "#);
        assert_eq!(
            cite(&a),
            "Паспорт федерального проекта «Современная школа» (утв. президиумом Совета при \
             Президенте Российской Федерации по стратегическому развитию и национальным \
             проектам, протокол от 24.12.2018 №\u{a0}16)"
        );
        let w = act_warnings(&a);
        assert_eq!(codes(&w), ["norm-project-ended"]);
        assert!(w[0]
            .text(crate::locale::Lang::Ru)
            .contains("«Молодёжь и дети»"));
        assert!(w[0]
            .text(crate::locale::Lang::Ru)
            .contains("«Педагоги и наставники»"));
        assert!(w[0].text(crate::locale::Lang::En).contains("ended in 2024"));
    }

    #[test]
    fn own_kind_suppresses_the_registry_issuer() {
        assert_eq!(
            cite(&act(r#"
                ref = "Р-145"
                kind = "Распоряжение Минпросвещения России"
                title = "Об утверждении методологии (целевой модели) наставничества обучающихся"
            "#)),
            "Распоряжение Минпросвещения России от 25.12.2019 №\u{a0}Р-145 «Об утверждении \
             методологии (целевой модели) наставничества обучающихся»"
        );
    }

    #[test]
    fn missing_pieces_are_warned() {
        let a = act(r#"
            kind = "Приказ"
            issuer = "Минпросвещения России"
            title = "Об утверждении положения"
        "#);
        assert_eq!(
            codes(&act_warnings(&a)),
            ["norm-missing-date", "norm-missing-number"]
        );
        let w = act_warnings(&act(r#"ref = "1264-р""#));
        assert_eq!(codes(&w), ["norm-missing-title"]);
        assert!(w[0]
            .text(crate::locale::Lang::Ru)
            .contains("Концепция развития наставничества до 2030 года"));
        let w = act_warnings(&act(r#"ref = "999-ФЗ""#));
        assert_eq!(
            codes(&w),
            [
                "norm-unknown-ref",
                "norm-missing-kind",
                "norm-missing-date",
                "norm-missing-number",
                "norm-missing-title"
            ]
        );
        assert_eq!(cite(&act(r#"ref = "999-ФЗ""#)), "999-ФЗ");
        assert!(act_warnings(&act(r#"
            kind = "Конституция Российской Федерации"
            amendments = "с изменениями, одобренными в ходе общероссийского голосования 01.07.2020"
            title = "x"
        "#))
        .is_empty());
    }

    #[test]
    fn plain_string_norms_from_the_seed() {
        let w = text_warnings(
            "Федеральный закон от 29.12.2012 №273-ФЗ «Об образовании в Российской Федерации» \
             (с изм. и доп. от 24.04.2020 №147-ФЗ).",
        );
        assert_eq!(codes(&w), ["norm-use-ref"]);
        assert!(w[0]
            .text(crate::locale::Lang::Ru)
            .contains("ref = \"273-ФЗ\""));
        let w = text_warnings(
            "Указ Президента РФ от 2 марта 2018 года №94 «Об учреждении знака отличия «За наставничество».",
        );
        assert_eq!(codes(&w), ["norm-use-ref"]);
        assert!(w[0]
            .text(crate::locale::Lang::Ru)
            .contains("ref = \"Указ № 94\""));
        let w = text_warnings(
            "Указ Президента РФ от 7 мая 2018 года №204 «О национальных целях и стратегических \
             задачах развития Российской Федерации на период до 2024 года».",
        );
        assert_eq!(codes(&w), ["norm-goals-2024", "norm-use-ref"]);
        let w = text_warnings(
            "Паспорт федерального проекта «Современная школа» (утв. президиумом Совета при \
             Президенте РФ по стратегическому развитию и национальным проектам, протокол от \
             24.12.2018 N 16).",
        );
        assert_eq!(codes(&w), ["norm-project-ended"]);
        let w = text_warnings("Федеральный закон «Об образовании в Российской Федерации»");
        assert_eq!(
            codes(&w),
            ["norm-missing-date", "norm-missing-number", "norm-use-ref"]
        );
        let w = text_warnings("Положение о наставничестве в МБОУ СОШ № 5");
        assert_eq!(codes(&w), ["norm-missing-date"]);
        let w = text_warnings("Национальный проект «Образование»");
        assert_eq!(
            codes(&w),
            [
                "norm-missing-date",
                "norm-missing-number",
                "norm-project-ended"
            ]
        );
        assert!(text_warnings("").len() == 2);
    }

    #[test]
    fn ordered_by_legal_force_then_date() {
        let acts = vec![
            act(r#"ref = "МР-42/02""#),
            act(r#"kind = "Паспорт федерального проекта"
                   title = "Современная школа""#),
            act(r#"ref = "Р-145""#),
            act(r#"ref = "Указ № 309""#),
            act(r#"ref = "3273-р""#),
            act(r#"ref = "Указ № 94""#),
            act(r#"ref = "381-ФЗ""#),
            act(r#"ref = "273-ФЗ""#),
            act(r#"kind = "Конституция Российской Федерации"
                   title = "x""#),
        ];
        let forces: Vec<LegalForce> = acts.iter().map(legal_force).collect();
        assert_eq!(
            forces,
            [
                LegalForce::Letter,
                LegalForce::Other,
                LegalForce::Ministry,
                LegalForce::PresidentialDecree,
                LegalForce::Government,
                LegalForce::PresidentialDecree,
                LegalForce::FederalLaw,
                LegalForce::FederalLaw,
                LegalForce::Constitution
            ]
        );
        assert_eq!(
            order(&acts, NormOrder::LegalForce),
            [8, 7, 6, 5, 3, 4, 2, 0, 1]
        );
        assert_eq!(
            order(&acts, NormOrder::AsWritten),
            (0..acts.len()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn mixed_lists_of_strings_and_acts_are_ordered_too() {
        let passport = "Паспорт федерального проекта «Современная школа» (утв. президиумом \
                        Совета при Президенте РФ по стратегическому развитию и национальным \
                        проектам, протокол от 24.12.2018 N 16).";
        let decree = "Указ Президента РФ от 7 мая 2018 года №204 «О национальных целях»";
        let letter = "Письмо Минпросвещения России от 23.01.2020 № МР-42/02";
        let law = act(r#"ref = "273-ФЗ""#);
        let older_decree = act(r#"ref = "Указ № 94""#);
        let items = [
            NormItem::Text(passport),
            NormItem::Text(letter),
            NormItem::Text(decree),
            NormItem::Act(&older_decree),
            NormItem::Act(&law),
        ];
        assert_eq!(order_items(&items, NormOrder::LegalForce), [4, 3, 2, 1, 0]);
        assert_eq!(first_date(decree), Date::new(2018, 5, 7));
        assert_eq!(first_date(passport), Date::new(2018, 12, 24));
        assert_eq!(first_date("без даты"), None);
        assert_eq!(first_date("от 31 февраля 2018"), None);
        assert_eq!(text_legal_force(letter), LegalForce::Letter);
        assert_eq!(
            text_legal_force("Распоряжение Правительства РФ от 31.12.2019 № 3273-р"),
            LegalForce::Government
        );
        assert_eq!(
            text_legal_force("Приказ Минпросвещения России от 01.01.2020 № 1"),
            LegalForce::Ministry
        );
    }

    #[test]
    fn rejects_unknown_fields_and_loads_every_field() {
        assert!(toml::from_str::<Act>("reference = \"273-ФЗ\"").is_err());
        let a = act(r#"
            ref = "273-ФЗ"
            kind = "Федеральный закон"
            issuer = "x"
            date = "29.12.2012"
            number = "273-ФЗ"
            title = "t"
            amendments = "ред. от 01.09.2024"
            note = "n"
        "#);
        assert_eq!(a.date, Date::new(2012, 12, 29));
    }
    #[test]
    fn typed_citations_become_acts() {
        let a = recognise("Федеральный закон от 29.12.2012 №273-ФЗ «Об образовании в Российской Федерации» (с изм. и доп. от 24.04.2020 №147-ФЗ).").unwrap();
        assert_eq!(a.reference.as_deref(), Some("273-ФЗ"));
        assert_eq!(a.title, None);
        assert_eq!(
            a.amendments.as_deref(),
            Some("с изм. и доп. от 24.04.2020 №147-ФЗ")
        );
        let a = recognise("Указ Президента РФ от 2 марта 2018 года №94 «Об учреждении знака отличия «За наставничество».").unwrap();
        assert_eq!(a.reference.as_deref(), Some("Указ № 94"));
        assert_eq!(a.title, None, "the registry's title, quotes aside");
        let a = recognise("Указ Президента РФ от 7 мая 2018 года №204 «О национальных целях и стратегических задачах развития Российской Федерации на период до 2024 года».").unwrap();
        assert_eq!(a.reference.as_deref(), Some("Указ № 204"));
        assert!(a.title.unwrap().starts_with("О национальных целях"));
        let a = recognise("Распоряжение Минпросвещения России от 25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся…».").unwrap();
        assert_eq!(a.reference.as_deref(), Some("Р-145"));
        assert_eq!(a.title, None, "a title cut short with … is the registry's");
        let a =
            recognise("Приказ Минобрнауки России от 17.10.2013 № 1155 «Об утверждении ФГОС ДО»")
                .unwrap();
        assert_eq!(a.kind.as_deref(), Some("Приказ Минобрнауки России"));
        assert_eq!(a.date, Date::new(2013, 10, 17));
        assert_eq!(a.number.as_deref(), Some("1155"));
        assert_eq!(a.title.as_deref(), Some("Об утверждении ФГОС ДО"));
    }

    #[test]
    fn citations_that_cannot_be_read_whole_stay_strings() {
        for s in [
            "Паспорт федерального проекта «Современная школа» (утв. президиумом Совета, протокол от 24.12.2018 № 16)",
            "Положение о системе наставничества педагогических работников МБОУ «СОШ № 5» г. Тамбова.",
            "Программа наставничества МАОУ «Лицей № 2» г. Пензы на 2024–2026 годы.",
            "Приказ школы от 01.09.2023 № 94 «О наставничестве»",
            "Указ Президента РФ от 5 мая 2018 года №94 «Об учреждении знака»",
            "",
        ] {
            let got = recognise(s);
            assert!(
                got.as_ref().is_none_or(|a| a.reference.is_none() && a.kind.is_some()),
                "{s}: {got:?}"
            );
        }
        assert_eq!(
            recognise("Паспорт федерального проекта «Современная школа»"),
            None
        );
        assert_eq!(
            recognise("Приказ школы от 01.09.2023 № 94 «О наставничестве»")
                .unwrap()
                .reference,
            None
        );
    }

    #[test]
    fn our_own_citations_read_back_to_the_same_citation() {
        for act in [
            Act {
                reference: Some("273-ФЗ".into()),
                amendments: Some("с изм. и доп. от 24.04.2020 № 147-ФЗ".into()),
                ..Act::default()
            },
            Act {
                reference: Some("Указ № 94".into()),
                ..Act::default()
            },
            Act {
                reference: Some("Указ № 204".into()),
                title: Some("О национальных целях".into()),
                ..Act::default()
            },
            Act {
                reference: Some("МР-42/02".into()),
                title: Some("О направлении целевой модели".into()),
                ..Act::default()
            },
        ] {
            let text = cite(&act);
            let back = recognise(&text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(cite(&back), text);
        }
    }
}
