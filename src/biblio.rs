//! Bibliographic entries for «Дополнительные материалы», with CSL-JSON variable names so
//! that Zotero exports map one to one. Formatting by ГОСТ Р 7.0.100-2018 lives here too.
//!
//! The formatter produces ordinary spaces, exactly as the standard's records are printed;
//! [`typeset`] binds the space before the prescribed `:` and `;` for the page, and layout
//! runs [`crate::typography::apply`] over the result to bind initials and numbers with
//! non-breaking spaces (it leaves URLs, DOIs and ISBNs alone).

use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::message::{CslError, Message, OldStyle, OldStyleHint};

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// Имя: «Александров Е. Л.» одной строкой или { family, given }; организацию Zotero
/// записывает как { literal }. Строка, не похожая на имя человека, тоже считается
/// организацией: ГОСТ не ставит организацию в заголовок записи.
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
    /// Название организации (так его записывает Zotero).
    Literal {
        /// Название организации целиком.
        literal: String,
    },
}

/// A person reduced to what ГОСТ prints: the family name and spaced initials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    /// `family` and initials such as `Е. Л.` (possibly empty).
    Person { family: String, initials: String },
    /// An organisation or anything that is not a personal name.
    Organisation(String),
}

impl Name {
    /// How the name is printed: a person with initials or an organisation.
    pub fn person(&self) -> Person {
        match self {
            Name::Parts { family, given } => Person::Person {
                family: family.trim().to_string(),
                initials: given.as_deref().map(initials).unwrap_or_default(),
            },
            Name::Literal { literal } => Person::Organisation(literal.trim().to_string()),
            Name::Text(text) => parse_person(text),
        }
    }
}

/// Год издания: 2005, текст («1999–» для сайта, который работает до сих пор) или дата
/// CSL-JSON (`{"date-parts": [[2011, 6, 30]]}`); месяц и день выводятся для газетных статей.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Issued {
    /// Год: 2005.
    Year(i32),
    /// Год или период текстом: «2005», «1999–» (сайт работает до сих пор).
    Text(String),
    /// Дата в форме CSL-JSON: `{"date-parts": [[2011, 6, 30]]}`.
    Parts(CslDate),
}

/// Дата CSL-JSON, как её выгружает Zotero (числа он иногда пишет строками).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CslDate {
    /// Год, месяц, день: `[[2011, 6, 30]]`.
    #[serde(rename = "date-parts", default)]
    pub date_parts: Vec<Vec<TextOrNumber>>,
    /// Дата текстом, если Zotero не разобрал её.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Дата текстом, как в источнике.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

/// Значение, которое CSL-JSON пишет числом или строкой: `"volume": 12` или `"12"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum TextOrNumber {
    /// Число.
    Number(i64),
    /// Текст.
    Text(String),
}

impl fmt::Display for TextOrNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextOrNumber::Number(n) => write!(f, "{n}"),
            TextOrNumber::Text(t) => f.write_str(t.trim()),
        }
    }
}

impl TextOrNumber {
    fn number(&self) -> Option<i64> {
        match self {
            TextOrNumber::Number(n) => Some(*n),
            TextOrNumber::Text(t) => t.trim().parse().ok(),
        }
    }
}

impl CslDate {
    /// (year, month, day) of the first date, as far as given.
    fn ymd(&self) -> (Option<i32>, Option<u8>, Option<u8>) {
        let Some(first) = self.date_parts.first() else {
            return (None, None, None);
        };
        let get = |i: usize| first.get(i).and_then(TextOrNumber::number);
        (
            get(0).and_then(|y| i32::try_from(y).ok()),
            get(1).and_then(|m| u8::try_from(m).ok()),
            get(2).and_then(|d| u8::try_from(d).ok()),
        )
    }

    fn to_date(&self) -> Option<Date> {
        match self.ymd() {
            (Some(y), Some(m), Some(d)) => Date::new(y, m, d),
            _ => None,
        }
    }
}

impl Issued {
    /// The year as the record prints it; an open period (`1999-`) gets the style's dash.
    fn year_text(&self, dash: &str) -> String {
        match self {
            Issued::Year(y) => y.to_string(),
            Issued::Parts(p) => match p.ymd() {
                (Some(y), _, _) => y.to_string(),
                _ => p
                    .literal
                    .clone()
                    .or_else(|| p.raw.clone())
                    .unwrap_or_default(),
            },
            Issued::Text(t) => {
                let t = t.trim();
                let open = t.trim_end_matches([' ', '-', '–', '—', '\u{a0}']);
                if open.len() != t.len() && !open.is_empty() {
                    format!("{open} {dash} ")
                } else {
                    range_dash(t)
                }
            }
        }
    }

    /// Day and month in words (`30 июня`), shown for newspaper and magazine articles.
    fn day_month(&self) -> Option<String> {
        let Issued::Parts(p) = self else { return None };
        let (_, Some(m), Some(d)) = p.ymd() else {
            return None;
        };
        let name = crate::date::MONTHS_GENITIVE.get(usize::from(m).checked_sub(1)?)?;
        Some(format!("{d} {name}"))
    }
}

/// Структурированная запись источника (имена полей — как в CSL-JSON / Zotero).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Вид источника: book (книга), chapter (глава, статья в сборнике), article-journal
    /// (статья в журнале), article-newspaper, webpage (сайт, страница сайта), legislation
    /// (закон, иной нормативный акт), report, thesis, paper-conference.
    #[serde(rename = "type")]
    pub kind: String,
    /// Авторы: «Александров Е. Л.» или { family = "Александров", given = "Евгений Леонидович" };
    /// один автор — можно строкой, несколько — списком или строкой через запятую.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    #[schemars(with = "Names")]
    pub author: Vec<Name>,
    /// Редакторы (для главы — редакторы сборника): выводятся как «под редакцией И. О. Фамилия».
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    #[schemars(with = "Names")]
    pub editor: Vec<Name>,
    /// Составители: выводятся как «составитель И. О. Фамилия».
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    #[schemars(with = "Names")]
    pub compiler: Vec<Name>,
    /// Заглавие.
    pub title: String,
    /// Сведения, относящиеся к заглавию: «учебное пособие»; несколько — через « : »
    /// («популярный самоучитель : методическое пособие»). Для закона — вид акта:
    /// «Федеральный закон».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// Организация в сведениях об ответственности (после «;»): «Волгоградский
    /// государственный аграрный университет».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Номер нормативного акта: «229-ФЗ».
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_number",
        serialize_with = "ser_text_or_number"
    )]
    #[schemars(with = "Option<TextOrNumber>")]
    pub number: Option<String>,
    /// Дата принятия нормативного акта (выводится «от ДД.ММ.ГГГГ»).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "csl_or_plain_date"
    )]
    #[schemars(with = "Option<Date>")]
    pub enacted: Option<Date>,
    /// Сведения о принятии акта: «принят Государственной думой 14 сентября 2007 года».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<String>,
    /// Редакция нормативного акта, по которой он цитируется (из КонсультантПлюс, Гаранта):
    /// дата, выводится «(ред. от ДД.ММ.ГГГГ)». В Zotero — поле «Extra» строкой
    /// «version: ДД.ММ.ГГГГ».
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "csl_or_plain_date"
    )]
    #[schemars(with = "Option<Date>")]
    pub revision: Option<Date>,
    /// Журнал, сборник, сайт или электронная библиотека, в которых опубликована работа.
    #[serde(
        default,
        rename = "container-title",
        skip_serializing_if = "Option::is_none"
    )]
    pub container_title: Option<String>,
    /// Серия: «Высшее образование».
    #[serde(
        default,
        rename = "collection-title",
        skip_serializing_if = "Option::is_none"
    )]
    pub collection_title: Option<String>,
    /// Номер выпуска в серии.
    #[serde(
        default,
        rename = "collection-number",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_number",
        serialize_with = "ser_text_or_number"
    )]
    #[schemars(with = "Option<TextOrNumber>")]
    pub collection_number: Option<String>,
    /// Издательство.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Место издания: «Москва» или сокращённо «М.», «СПб» (сокращения раскрываются);
    /// несколько мест — через «;».
    #[serde(
        default,
        rename = "publisher-place",
        skip_serializing_if = "Option::is_none"
    )]
    pub publisher_place: Option<String>,
    /// Год издания: 2005; для сайта, который продолжает работать, — «1999–».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Issued>,
    /// Издание: 2 (→ «2-е изд.») или текстом: «2-е изд., перераб. и доп.».
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_number",
        serialize_with = "ser_text_or_number"
    )]
    #[schemars(with = "Option<TextOrNumber>")]
    pub edition: Option<String>,
    /// Том.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_number",
        serialize_with = "ser_text_or_number"
    )]
    #[schemars(with = "Option<TextOrNumber>")]
    pub volume: Option<String>,
    /// Номер выпуска журнала: 5 или «2 (104)».
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_number",
        serialize_with = "ser_text_or_number"
    )]
    #[schemars(with = "Option<TextOrNumber>")]
    pub issue: Option<String>,
    /// Страницы статьи или главы: «19–21» (для закона в «Собрании законодательства» —
    /// номер статьи).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_number",
        serialize_with = "ser_text_or_number"
    )]
    #[schemars(with = "Option<TextOrNumber>")]
    pub page: Option<String>,
    /// Объём: число страниц (208 → «208 с.»).
    #[serde(
        default,
        rename = "number-of-pages",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_number",
        serialize_with = "ser_text_or_number"
    )]
    #[schemars(with = "Option<TextOrNumber>")]
    pub number_of_pages: Option<String>,
    /// В книге есть иллюстрации (в записи — «: ил.»).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrations: bool,
    /// ISBN — международный стандартный номер книги.
    #[serde(default, rename = "ISBN", skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
    /// DOI — цифровой идентификатор публикации: «10.1234/abcd».
    #[serde(default, rename = "DOI", skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// Примечание, которое ГОСТ приводит перед URL: «Обновляется в течение суток» (как часто
    /// обновляется сайт). В Zotero — поле «Extra».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Адрес в интернете.
    #[serde(default, rename = "URL", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Дата обращения к электронному ресурсу.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "csl_or_plain_date"
    )]
    #[schemars(with = "Option<Date>")]
    pub accessed: Option<Date>,
    /// Режим доступа: «для авториз. пользователей».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<String>,
    /// Вид содержания и средства доступа: «электронный», «непосредственный» или целиком
    /// «Изображение : непосредственный». По умолчанию — «электронный», если есть URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
}

/// Одно имя или список имён.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum Names {
    One(Name),
    Many(Vec<Name>),
}

/// `author = "Иванов И. И."`, a list, or `"Кузнецов М. В., Симдянов И. В."` in one string
/// (split only when every piece is a person, so `"Александров, Е. Л."` stays one name).
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Name>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        One(Name),
        Many(Vec<Name>),
    }
    let names = match Repr::deserialize(d)? {
        Repr::One(n) => vec![n],
        Repr::Many(v) => v,
    };
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        match &n {
            Name::Text(t) if t.contains([',', ';']) => {
                let pieces: Vec<&str> = t
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                let all_people = pieces.len() > 1
                    && pieces
                        .iter()
                        .all(|p| matches!(parse_person(p), Person::Person { .. }));
                if all_people {
                    out.extend(pieces.into_iter().map(|p| Name::Text(p.to_string())));
                } else {
                    out.push(n);
                }
            }
            _ => out.push(n),
        }
    }
    Ok(out)
}

/// Digits go back out as TOML/JSON numbers, so `to_toml` writes `number-of-pages = 208`.
fn ser_text_or_number<S: serde::Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match v.as_deref().map(|t| (t, t.parse::<i64>())) {
        Some((t, Ok(n))) if !t.starts_with('0') || t == "0" => s.serialize_i64(n),
        Some((t, _)) => s.serialize_str(t),
        None => s.serialize_none(),
    }
}

fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<TextOrNumber>::deserialize(d)?;
    Ok(v.map(|v| v.to_string()))
}

/// A card writes `2019-06-26` or `"26.06.2019"`; Zotero writes `{"date-parts": [[2019, 6, 26]]}`.
fn csl_or_plain_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Plain(Date),
        Csl(CslDate),
    }
    match Option::<Repr>::deserialize(d)? {
        None => Ok(None),
        Some(Repr::Plain(date)) => Ok(Some(date)),
        Some(Repr::Csl(c)) => c
            .to_date()
            .or_else(|| c.raw.as_deref().and_then(Date::parse))
            .map(Some)
            .ok_or_else(|| de::Error::custom("expected a full date: year, month and day")),
    }
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

/// The glyph between areas. The standard's typeset examples use `–`, library guides `—`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Dash {
    /// Длинное тире «—» (как в методических рекомендациях библиотек).
    #[default]
    Em,
    /// Среднее тире «–» (как в примерах самого стандарта).
    En,
}

impl Dash {
    fn glyph(self) -> &'static str {
        match self {
            Dash::Em => "—",
            Dash::En => "–",
        }
    }
}

/// How many of four or more authors are listed after the slash.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ManyAuthors {
    /// Первые три и «[и др.]».
    #[default]
    FirstThree,
    /// Первый и «[и др.]».
    FirstOne,
    /// Все авторы.
    All,
}

/// Place names in full (`Москва`) as the standard now wants, or in the old short forms.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Places {
    /// Полностью: «Москва», «Санкт-Петербург».
    #[default]
    Full,
    /// Сокращённо: «М.», «СПб.».
    Abbreviated,
}

/// Settings where guides disagree; the defaults follow domain.md §5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct GostStyle {
    /// Тире между областями описания.
    pub dash: Dash,
    /// Выводить область вида содержания («Текст : непосредственный»).
    pub content_type: bool,
    /// Сколько авторов перечислять, если их четыре и больше.
    pub many_authors: ManyAuthors,
    /// Названия городов полностью или сокращённо.
    pub places: Places,
}

impl Default for GostStyle {
    fn default() -> Self {
        GostStyle::new()
    }
}

impl GostStyle {
    /// The defaults of domain.md §5: `—`, content type on, three authors and «[и др.]», full
    /// place names. A profile that sets one field keeps the others at these values.
    pub fn new() -> GostStyle {
        GostStyle {
            dash: Dash::Em,
            content_type: true,
            many_authors: ManyAuthors::FirstThree,
            places: Places::Full,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

fn is_upper(c: char) -> bool {
    c.is_uppercase()
}

/// One initial token such as `Е.` or `Ж.-П.`; returns the normalised form.
fn initial_token(tok: &str) -> Option<String> {
    let mut out = String::new();
    for part in tok.split('-') {
        let mut chars = part.chars();
        let first = chars.next()?;
        if !is_upper(first) || chars.as_str() != "." {
            return None;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push(first);
        out.push('.');
    }
    Some(out)
}

/// Splits `Е.Л.` / `Е. Л.` / `Ж.-П.` into normalised initials; `None` if anything else is there.
fn parse_initials(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        // `Е.Л.` → `Е.`, `Л.`; `Ж.-П.` stays one token.
        let mut cur = String::new();
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            cur.push(c);
            if c == '.' && chars.peek() != Some(&'-') {
                out.push(initial_token(&cur)?);
                cur.clear();
            }
        }
        if !cur.is_empty() {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `Евгений Леонидович` → `Е. Л.`; `Е.Л.` → `Е. Л.`; `Жан-Поль` → `Ж.-П.`.
pub fn initials(given: &str) -> String {
    if let Some(list) = parse_initials(given) {
        return list.join(" ");
    }
    let mut out: Vec<String> = Vec::new();
    for word in given.split_whitespace() {
        let mut parts = Vec::new();
        for piece in word.split('-') {
            let piece = piece.trim_matches('.');
            if let Some(c) = piece.chars().next() {
                parts.push(format!("{}.", c.to_uppercase()));
            }
        }
        if !parts.is_empty() {
            out.push(parts.join("-"));
        }
    }
    out.join(" ")
}

/// `Иванов`, `Нартова-Бочавер`: each hyphenated part capitalised, the rest lower case.
fn is_capitalised_word(w: &str) -> bool {
    w.split('-').all(|part| {
        let mut chars = part.chars();
        matches!(chars.next(), Some(c) if is_upper(c))
            && chars.clone().next().is_some()
            && chars.all(char::is_lowercase)
    })
}

/// Reads `Фамилия И. О.`, `Фамилия, И.О.`, `И. О. Фамилия` or `Фамилия Имя Отчество`;
/// anything else is an organisation.
fn parse_person(text: &str) -> Person {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let org = || Person::Organisation(t.to_string());
    let Some(first) = words.first() else {
        return org();
    };
    let family_like = |w: &str| is_capitalised_word(w.trim_end_matches(','));
    // Фамилия И. О.
    if words.len() >= 2 && family_like(first) {
        if let Some(list) = parse_initials(&words[1..].join(" ")) {
            return Person::Person {
                family: first.trim_end_matches(',').to_string(),
                initials: list.join(" "),
            };
        }
    }
    // И. О. Фамилия
    if let Some((last, init)) = words.split_last() {
        if words.len() >= 2 && family_like(last) && !last.ends_with(',') {
            if let Some(list) = parse_initials(&init.join(" ")) {
                return Person::Person {
                    family: (*last).to_string(),
                    initials: list.join(" "),
                };
            }
        }
    }
    // Фамилия Имя Отчество — only with a real patronymic, so «Институт Развития Образования»
    // typed in title case stays an organisation.
    let patronymic = |w: &str| ["вич", "ич", "вна", "ична"].iter().any(|e| w.ends_with(e));
    if words.len() == 3
        && words.iter().all(|w| family_like(w))
        && !first.ends_with(',')
        && patronymic(words[2])
    {
        return Person::Person {
            family: (*first).to_string(),
            initials: initials(&words[1..].join(" ")),
        };
    }
    org()
}

impl Person {
    /// `Фамилия, И. О.` for the heading.
    fn heading(&self) -> String {
        match self {
            Person::Person { family, initials } if initials.is_empty() => format!("{family}."),
            Person::Person { family, initials } => format!("{family}, {initials}"),
            Person::Organisation(o) => o.clone(),
        }
    }

    /// `И. О. Фамилия` after the slash.
    fn responsibility(&self) -> String {
        match self {
            Person::Person { family, initials } if initials.is_empty() => family.clone(),
            Person::Person { family, initials } => format!("{initials} {family}"),
            Person::Organisation(o) => o.clone(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------

/// (short form, aliases of the short form, full form).
const PLACES: &[(&str, &[&str], &str)] = &[
    ("М.", &["М.", "М"], "Москва"),
    (
        "СПб.",
        &["СПб.", "СПб", "С.-Пб.", "С.-Петербург"],
        "Санкт-Петербург",
    ),
    ("Л.", &["Л.", "Л"], "Ленинград"),
    (
        "Ростов н/Д",
        &["Ростов н/Д", "Ростов н/Д.", "Ростов-н/Д"],
        "Ростов-на-Дону",
    ),
    (
        "Н. Новгород",
        &["Н. Новгород", "Н.Новгород"],
        "Нижний Новгород",
    ),
];

/// One place as the style wants it: `М.` → `Москва` (full) or `Москва` → `М.` (abbreviated).
pub fn place(name: &str, mode: Places) -> String {
    let t = name.trim();
    for (short, aliases, full) in PLACES {
        if aliases.contains(&t) || t == *full {
            return match mode {
                Places::Full => (*full).to_string(),
                Places::Abbreviated => (*short).to_string(),
            };
        }
    }
    t.to_string()
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Book,
    Part,
    Article,
    Web,
    Law,
}

fn kind_of(kind: &str) -> Kind {
    match kind.trim() {
        "chapter" | "paper-conference" | "entry" | "entry-encyclopedia" | "entry-dictionary" => {
            Kind::Part
        }
        "article" | "article-journal" | "article-magazine" | "article-newspaper" | "review"
        | "review-book" => Kind::Article,
        "webpage" | "website" | "post" | "post-weblog" => Kind::Web,
        "legislation" | "bill" | "regulation" | "law" => Kind::Law,
        _ => Kind::Book,
    }
}

/// Known CSL and card types; anything else is formatted as a book and `entry_warnings` says so.
const KNOWN_TYPES: &[&str] = &[
    "book",
    "report",
    "thesis",
    "manuscript",
    "pamphlet",
    "document",
    "standard",
    "chapter",
    "paper-conference",
    "entry",
    "entry-encyclopedia",
    "entry-dictionary",
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "review",
    "review-book",
    "webpage",
    "website",
    "post",
    "post-weblog",
    "legislation",
    "bill",
    "regulation",
    "law",
];

/// `19-21`, `19 - 21`, `19—21` → `19–21`: ranges of numbers take an en dash without spaces.
fn range_dash(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '-' | '–' | '—') && i > 0 {
            // look back over spaces to a digit, forward over spaces to a digit
            let mut b = out.trim_end_matches([' ', '\u{a0}']).to_string();
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], ' ' | '\u{a0}') {
                j += 1;
            }
            if b.ends_with(|c: char| c.is_ascii_digit())
                && j < chars.len()
                && chars[j].is_ascii_digit()
            {
                b.push('–');
                out = b;
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Joins areas with `. — `; a point (or `!`, `?`) already closing an area absorbs the new one.
struct Areas<'a> {
    dash: &'a str,
    text: String,
}

impl<'a> Areas<'a> {
    fn new(dash: &'a str, first: String) -> Self {
        Areas { dash, text: first }
    }

    fn push(&mut self, area: impl AsRef<str>) {
        let area = area.as_ref().trim_start();
        if area.is_empty() {
            return;
        }
        if ends_with_stop(&self.text) {
            self.text.push(' ');
        } else {
            self.text.push_str(". ");
        }
        self.text.push_str(self.dash);
        self.text.push(' ');
        self.text.push_str(area);
    }

    fn push_opt(&mut self, area: Option<String>) {
        if let Some(a) = area {
            self.push(a);
        }
    }

    fn finish(mut self) -> String {
        if !ends_with_stop(&self.text) {
            self.text.push('.');
        }
        self.text
    }
}

fn ends_with_stop(s: &str) -> bool {
    s.ends_with(['.', '!', '?', '…'])
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A spaced hyphen in a title is a dash typed wrongly (`Интернет - легко` → `Интернет — легко`).
fn title_text(title: &str, dash: &str) -> String {
    title.trim().replace(" - ", &format!(" {dash} "))
}

/// Formats one entry as a ГОСТ Р 7.0.100-2018 record (one line, ordinary spaces).
pub fn format(entry: &Entry, style: &GostStyle) -> String {
    let dash = style.dash.glyph();
    let kind = kind_of(&entry.kind);
    let people: Vec<Person> = entry.author.iter().map(Name::person).collect();
    let persons = people
        .iter()
        .filter(|p| matches!(p, Person::Person { .. }))
        .count();
    let heading = match people.first() {
        Some(first @ Person::Person { .. }) if people.len() <= 3 && persons == people.len() => {
            Some(first.heading())
        }
        _ => None,
    };

    // Title and statements of responsibility.
    let mut head = String::new();
    if let Some(h) = &heading {
        head.push_str(h);
        head.push(' ');
    }
    head.push_str(&title_text(&entry.title, dash));
    let mut info: Vec<String> = Vec::new();
    let mut g = non_empty(&entry.genre).unwrap_or("").to_string();
    if kind == Kind::Law {
        // `Федеральный закон от 29.12.2012 № 273-ФЗ`: kind, date and number are one element.
        if let Some(d) = entry.enacted {
            g.push_str(&format!(" от {}", d.dotted()));
        }
        if let Some(n) = non_empty(&entry.number) {
            g.push_str(&format!(" № {}", n.trim_start_matches('№').trim()));
        }
    }
    if !g.trim().is_empty() {
        info.push(g.trim().to_string());
    }
    if let Some(a) = non_empty(&entry.adopted) {
        info.push(a.to_string());
    }
    for i in &info {
        head.push_str(" : ");
        head.push_str(i);
    }
    if let Some(r) = entry.revision {
        // the revision read in a legal database follows the act's number as published guides
        // write it: «№ 273-ФЗ (ред. от 04.08.2023)», no « : » before the bracket
        head.push_str(&format!(" (ред. от {})", r.dotted()));
    }
    let mut resp: Vec<String> = Vec::new();
    if !people.is_empty() {
        resp.push(authors_statement(&people, style.many_authors));
    }
    if !entry.compiler.is_empty() {
        resp.push(names_statement(
            &entry.compiler,
            "составитель",
            "составители",
        ));
    }
    let editors_here = kind != Kind::Part;
    if editors_here && !entry.editor.is_empty() {
        resp.push(editors_statement(&entry.editor));
    }
    if let Some(o) = non_empty(&entry.organization) {
        resp.push(o.to_string());
    }
    if !resp.is_empty() {
        head.push_str(" / ");
        head.push_str(&resp.join(" ; "));
    }

    let mut rec = Areas::new(dash, head);
    let electronic = is_electronic(entry);
    let content = style.content_type.then(|| content_type(entry, electronic));
    let host = non_empty(&entry.container_title).map(str::to_string);
    // Without a host there is nothing to put after ` // `; `entry_warnings` asks for one.
    let component = host.is_some();

    if !component {
        // A monograph: everything in one description.
        rec.push_opt(edition(entry));
        rec.push_opt(publication(entry, style, dash));
        rec.push_opt(physical(entry));
        rec.push_opt(series(entry));
        rec.push_opt(note(entry));
        rec.push_opt(url_note(entry));
        rec.push_opt(access_note(entry));
        rec.push_opt(isbn(entry));
        rec.push_opt(doi(entry));
        rec.push_opt(content);
        return rec.finish();
    }

    if kind == Kind::Book || (kind == Kind::Law && entry.publisher.is_some()) {
        // A book read in an electronic library: the book's own areas, then the host.
        rec.push_opt(edition(entry));
        rec.push_opt(publication(entry, style, dash));
        rec.push_opt(physical(entry));
        rec.push_opt(series(entry));
        rec.push_opt(isbn(entry));
        rec.push_opt(doi(entry));
        rec.push_opt(content);
        let mut text = rec.text;
        if let Some(h) = &host {
            text.push_str(" // ");
            text.push_str(h);
        }
        let mut h = Areas::new(dash, text);
        h.push_opt(note(entry));
        h.push_opt(url_note(entry));
        h.push_opt(access_note(entry));
        return h.finish();
    }

    // A component part: its own areas, then ` // ` and the host's description.
    rec.push_opt(doi(entry));
    rec.push_opt(content);
    let mut text = rec.text;
    text.push_str(" // ");
    let mut host_head = host.unwrap_or_default();
    if kind == Kind::Part && !entry.editor.is_empty() {
        host_head.push_str(" / ");
        host_head.push_str(&editors_statement(&entry.editor));
    }
    text.push_str(&host_head);
    let mut h = Areas::new(dash, text);
    match kind {
        Kind::Part => {
            h.push_opt(edition(entry));
            h.push_opt(publication(entry, style, dash));
            h.push_opt(series(entry));
            h.push_opt(isbn(entry));
            h.push_opt(volume_issue(entry));
        }
        _ => {
            h.push_opt(entry.issued.as_ref().map(|i| i.year_text(dash)));
            if kind == Kind::Article {
                h.push_opt(entry.issued.as_ref().and_then(Issued::day_month));
            }
            h.push_opt(volume_issue(entry));
        }
    }
    h.push_opt(locator(entry, kind));
    h.push_opt(note(entry));
    h.push_opt(url_note(entry));
    h.push_opt(access_note(entry));
    h.finish()
}

/// A record as it goes on the page: the space before a prescribed `:` or `;` becomes
/// non-breaking, because a line must not start with a punctuation mark («просто! :
/// популярный»). [`format`] keeps the ordinary spaces the standard prints, for hints, TOML
/// and comparison with published records; typography binds the rest (initials, `208 с.`,
/// the space before each area's dash) when the document is composed.
pub fn typeset(record: &str) -> String {
    record.replace(" : ", "\u{a0}: ").replace(" ; ", "\u{a0}; ")
}

fn authors_statement(people: &[Person], rule: ManyAuthors) -> String {
    let names: Vec<String> = people.iter().map(Person::responsibility).collect();
    if names.len() >= 4 {
        let keep = match rule {
            ManyAuthors::FirstThree => 3,
            ManyAuthors::FirstOne => 1,
            ManyAuthors::All => names.len(),
        };
        if keep < names.len() {
            return format!("{} [и др.]", names[..keep].join(", "));
        }
    }
    names.join(", ")
}

fn names_statement(names: &[Name], one: &str, many: &str) -> String {
    let list: Vec<String> = names.iter().map(|n| n.person().responsibility()).collect();
    let word = if list.len() > 1 { many } else { one };
    format!("{word} {}", list.join(", "))
}

fn editors_statement(editors: &[Name]) -> String {
    let names: Vec<String> = editors
        .iter()
        .map(|n| n.person().responsibility())
        .collect();
    format!("под редакцией {}", names.join(", "))
}

fn is_electronic(entry: &Entry) -> bool {
    match non_empty(&entry.medium) {
        Some(m) => m.to_lowercase().contains("электрон"),
        None => non_empty(&entry.url).is_some() || kind_of(&entry.kind) == Kind::Web,
    }
}

fn content_type(entry: &Entry, electronic: bool) -> String {
    match non_empty(&entry.medium) {
        Some(m) if m.contains(':') => m.to_string(),
        Some(m) => format!("Текст : {m}"),
        None if electronic => "Текст : электронный".into(),
        None => "Текст : непосредственный".into(),
    }
}

fn edition(entry: &Entry) -> Option<String> {
    let e = non_empty(&entry.edition)?;
    if e.chars().all(|c| c.is_ascii_digit()) {
        Some(format!("{e}-е изд."))
    } else {
        Some(e.to_string())
    }
}

fn publication(entry: &Entry, style: &GostStyle, dash: &str) -> Option<String> {
    let places: Vec<String> = non_empty(&entry.publisher_place)
        .map(|p| {
            p.split(';')
                .map(|p| place(p, style.places))
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let publisher = non_empty(&entry.publisher);
    let year = entry.issued.as_ref().map(|i| i.year_text(dash));
    let mut out = places.join(" ; ");
    if let Some(p) = publisher {
        if !out.is_empty() {
            out.push_str(" : ");
        }
        out.push_str(p);
    }
    if let Some(y) = year.filter(|y| !y.trim().is_empty()) {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&y);
    }
    (!out.is_empty()).then_some(out)
}

fn physical(entry: &Entry) -> Option<String> {
    let pages = non_empty(&entry.number_of_pages).map(|p| {
        if p.chars().all(|c| c.is_ascii_digit()) {
            format!("{p} с.")
        } else {
            p.to_string()
        }
    });
    match (pages, entry.illustrations) {
        (Some(p), true) => Some(format!("{p} : ил.")),
        (Some(p), false) => Some(p),
        (None, true) => Some("ил.".into()),
        (None, false) => None,
    }
}

fn series(entry: &Entry) -> Option<String> {
    let s = non_empty(&entry.collection_title)?;
    let s = s.trim_start_matches('(').trim_end_matches(')');
    Some(match non_empty(&entry.collection_number) {
        Some(n) => format!("({s} ; {n})"),
        None => format!("({s})"),
    })
}

/// The note the author gives (`Обновляется в течение суток`), in the notes area before the URL.
fn note(entry: &Entry) -> Option<String> {
    non_empty(&entry.note).map(str::to_string)
}

fn url_note(entry: &Entry) -> Option<String> {
    let url = non_empty(&entry.url)?;
    Some(match entry.accessed {
        Some(d) => format!("URL: {url} (дата обращения: {})", d.dotted()),
        None => format!("URL: {url}"),
    })
}

fn access_note(entry: &Entry) -> Option<String> {
    let a = non_empty(&entry.access)?;
    Some(format!(
        "Режим доступа: {}",
        a.trim_start_matches("Режим доступа:").trim()
    ))
}

fn isbn(entry: &Entry) -> Option<String> {
    let i = non_empty(&entry.isbn)?;
    Some(format!("ISBN {}", i.trim_start_matches("ISBN").trim()))
}

fn doi(entry: &Entry) -> Option<String> {
    let d = non_empty(&entry.doi)?;
    let d = d
        .trim_start_matches("https://doi.org/")
        .trim_start_matches("http://doi.org/")
        .trim_start_matches("http://dx.doi.org/")
        .trim_start_matches("doi:")
        .trim_start_matches("DOI")
        .trim();
    Some(format!("DOI {d}"))
}

fn volume_issue(entry: &Entry) -> Option<String> {
    let vol = non_empty(&entry.volume).map(|v| {
        if v.starts_with(char::is_alphabetic) {
            v.to_string()
        } else {
            format!("Т. {v}")
        }
    });
    let iss = non_empty(&entry.issue).map(|i| {
        if i.starts_with(char::is_alphabetic) {
            i.to_string()
        } else {
            format!("№ {}", i.trim_start_matches('№').trim())
        }
    });
    match (vol, iss) {
        (Some(v), Some(i)) => Some(format!("{v}, {i}")),
        (v, i) => v.or(i),
    }
}

fn locator(entry: &Entry, kind: Kind) -> Option<String> {
    let p = non_empty(&entry.page)?;
    if p.starts_with(char::is_alphabetic) {
        return Some(range_dash(p));
    }
    let prefix = if kind == Kind::Law { "Ст." } else { "С." };
    Some(format!("{prefix} {}", range_dash(p)))
}

// ---------------------------------------------------------------------------------------------
// Warnings on structured entries
// ---------------------------------------------------------------------------------------------

/// What a jury would mark down in a structured entry: a URL without an access date, an access
/// date in the future, a type the formatter does not know.
pub fn entry_warnings(entry: &Entry, today: Date) -> Vec<Message> {
    let mut out = Vec::new();
    if entry.title.trim().is_empty() {
        out.push(Message::BiblioNoTitle);
    }
    if !KNOWN_TYPES.contains(&entry.kind.trim()) {
        out.push(Message::BiblioUnknownType {
            kind: entry.kind.clone(),
        });
    }
    let kind = kind_of(&entry.kind);
    if matches!(kind, Kind::Part | Kind::Article) && non_empty(&entry.container_title).is_none() {
        out.push(Message::BiblioNoContainer);
    }
    if kind == Kind::Web && non_empty(&entry.url).is_none() {
        out.push(Message::BiblioWebNoUrl);
    }
    if let Some(isbn) = non_empty(&entry.isbn) {
        if !isbn_valid(isbn) {
            out.push(Message::BiblioIsbnInvalid {
                isbn: isbn.to_string(),
            });
        }
    }
    if non_empty(&entry.url).is_some() {
        match entry.accessed {
            None => out.push(Message::BiblioUrlNoAccessDate),
            Some(d) if d > today => out.push(Message::BiblioAccessDateFuture { date: d, today }),
            Some(_) => {}
        }
    } else if entry.accessed.is_some() {
        out.push(Message::BiblioAccessDateNoUrl);
    }
    out
}

/// ISBN-10 or ISBN-13 check digit; hyphens, spaces and an `ISBN` prefix are ignored.
pub fn isbn_valid(isbn: &str) -> bool {
    let body = isbn
        .trim()
        .trim_start_matches("ISBN")
        .trim_start_matches(':');
    let chars: Vec<char> = body
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{a0}' | '‐'))
        .collect();
    match chars.len() {
        10 => {
            let mut sum = 0u32;
            for (i, c) in chars.iter().enumerate() {
                let v = match c {
                    '0'..='9' => *c as u32 - '0' as u32,
                    'X' | 'x' if i == 9 => 10,
                    _ => return false,
                };
                sum += v * (10 - i as u32);
            }
            sum.is_multiple_of(11)
        }
        13 => {
            let mut sum = 0u32;
            for (i, c) in chars.iter().enumerate() {
                let Some(v) = c.to_digit(10) else {
                    return false;
                };
                sum += if i % 2 == 0 { v } else { v * 3 };
            }
            sum.is_multiple_of(10)
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// CSL-JSON
// ---------------------------------------------------------------------------------------------

/// The CSL-JSON variables an entry keeps; the rest of a Zotero export (`id`, `abstract`,
/// `language`…) says nothing the record prints. `note` is Zotero's «Extra» field and
/// `version` becomes the revision of an act (see [`csl_note`], [`csl_revision`]).
const CSL_KEYS: &[&str] = &[
    "type",
    "author",
    "editor",
    "compiler",
    "title",
    "genre",
    "number",
    "container-title",
    "collection-title",
    "collection-number",
    "publisher",
    "publisher-place",
    "issued",
    "edition",
    "volume",
    "issue",
    "page",
    "number-of-pages",
    "ISBN",
    "DOI",
    "URL",
    "accessed",
    "medium",
    "note",
    "version",
];

/// Zotero's «Extra» field without the lines it keeps for machines (`Citation Key: …`,
/// `PMID: …`, `tex.…: …`): a Latin key and a colon is never a note a ГОСТ record prints.
fn csl_note(note: &str) -> Option<String> {
    let machine = |line: &str| {
        line.split_once(':').is_some_and(|(key, _)| {
            !key.is_empty()
                && key.starts_with(|c: char| c.is_ascii_alphabetic())
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_'))
        })
    };
    let lines: Vec<&str> = note
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !machine(l))
        .collect();
    (!lines.is_empty()).then(|| lines.join(". "))
}

/// CSL's `version` of an act (`29.12.2022`, `ред. от 29.12.2022`) as its revision date; a
/// version that is not a date (`2.0.9` of a program) is no revision and is dropped.
fn csl_revision(version: &str) -> Option<String> {
    let v = version.trim().trim_start_matches('(').trim_end_matches(')');
    let v = v.strip_prefix("ред. от").unwrap_or(v).trim();
    Date::parse(v).map(|d| d.dotted())
}

/// Reads a Zotero CSL-JSON export (an array of items, or one item) into entries.
/// Errors name the item by position and title so the teacher can find it in Zotero.
pub fn from_csl_json(text: &str) -> Result<Vec<Entry>, CslError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| CslError::Syntax {
        line: e.line(),
        column: e.column(),
    })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        obj @ serde_json::Value::Object(_) => vec![obj],
        _ => return Err(CslError::NotArray),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let serde_json::Value::Object(mut map) = item else {
            return Err(CslError::ItemNotObject(i + 1));
        };
        map.retain(|k, _| CSL_KEYS.contains(&k.as_str()));
        let note = map.remove("note");
        if let Some(n) = note.as_ref().and_then(|n| n.as_str()).and_then(csl_note) {
            map.insert("note".into(), serde_json::Value::String(n));
        }
        let version = map.remove("version");
        if let Some(r) = version
            .as_ref()
            .and_then(|v| v.as_str())
            .and_then(csl_revision)
        {
            map.insert("revision".into(), serde_json::Value::String(r));
        }
        // Zotero puts the ISBN of several bindings in one field: keep the first.
        if let Some(serde_json::Value::String(isbn)) = map.get_mut("ISBN") {
            if let Some(first) = isbn.split_whitespace().next() {
                *isbn = first.to_string();
            }
        }
        let title = map
            .get("title")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string();
        if !map.contains_key("type") {
            map.insert("type".into(), serde_json::Value::String("book".into()));
        }
        let item = |field: Option<&str>, missing, value: &str, detail: String| CslError::Item {
            index: i + 1,
            title: title.clone(),
            field: field.map(String::from),
            missing,
            value: value.chars().take(60).collect(),
            detail,
        };
        if !map.contains_key("title") {
            return Err(item(Some("title"), true, "", String::new()));
        }
        let entry = serde_json::from_value::<Entry>(serde_json::Value::Object(map.clone()));
        let entry = entry.map_err(|e| match culprit(&map) {
            Some((field, value)) => item(Some(field), false, &value.to_string(), e.to_string()),
            None => item(None, false, "", e.to_string()),
        })?;
        out.push(entry);
    }
    Ok(out)
}

/// The field that keeps a CSL-JSON item from being read: the first that fails on its own
/// beside the item's type and title (serde names none in "did not match any variant").
fn culprit(map: &serde_json::Map<String, serde_json::Value>) -> Option<(&str, &serde_json::Value)> {
    map.iter().find_map(|(k, v)| {
        let mut alone = serde_json::Map::new();
        for key in ["type", "title"] {
            if let Some(v) = map.get(key) {
                alone.insert(key.into(), v.clone());
            }
        }
        alone.insert(k.clone(), v.clone());
        serde_json::from_value::<Entry>(serde_json::Value::Object(alone))
            .is_err()
            .then_some((k.as_str(), v))
    })
}

// ---------------------------------------------------------------------------------------------
// Lint for plain-string entries
// ---------------------------------------------------------------------------------------------

/// An old-style marker found in a plain-string entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainFinding {
    /// Byte range of the marker in the string.
    pub range: Range<usize>,
    pub finding: OldStyle,
    /// What to write instead.
    pub hint: OldStyleHint,
}

/// Finds markers of ГОСТ 7.1-2003 and hand typing in a plain bibliographic string.
pub fn lint_plain(text: &str) -> Vec<PlainFinding> {
    let mut out = Vec::new();
    // When the string can be read, the hint is the ready structured entry.
    let structured = match parse_plain(text) {
        Some(e) => OldStyleHint::Structured {
            toml: to_toml(&e),
            record: format(&e, &GostStyle::new()),
        },
        None => OldStyleHint::Sample,
    };
    let mut push = |range: Range<usize>, finding: OldStyle, hint: OldStyleHint| {
        out.push(PlainFinding {
            range,
            finding,
            hint,
        })
    };
    for (needle, what) in [
        ("[Текст]", "Текст"),
        ("[Электронный ресурс]", "Электронный ресурс"),
        ("[Text]", "Text"),
        ("[Electronic resource]", "Electronic resource"),
    ] {
        for (at, _) in text.match_indices(needle) {
            push(
                at..at + needle.len(),
                OldStyle::ContentMarker(what.into()),
                structured.clone(),
            );
        }
    }
    // `.-`, `.–`, `.—` glued to the point, or an area separator without a point: `2005 - 208`.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c == '.' {
            if let Some(&(dat, d)) = chars.get(k + 1) {
                if matches!(d, '-' | '–' | '—') {
                    push(
                        at..dat + d.len_utf8(),
                        OldStyle::AreaSeparator,
                        structured.clone(),
                    );
                }
            }
        }
    }
    // Abbreviated places glued to the colon: `СПб:`, `М.:`, `Л.:`.
    for (place, full) in [
        ("СПб.:", "Санкт-Петербург"),
        ("СПб:", "Санкт-Петербург"),
        ("М.:", "Москва"),
        ("М:", "Москва"),
        ("Л.:", "Ленинград"),
        ("Ростов н/Д:", "Ростов-на-Дону"),
        ("Ростов н/Д.:", "Ростов-на-Дону"),
    ] {
        for (at, _) in text.match_indices(place) {
            // `М:` only as a word of its own
            let before = text[..at].chars().next_back();
            if before.is_some_and(char::is_alphabetic) {
                continue;
            }
            if place == "СПб:" && text[at..].starts_with("СПб.:") {
                continue;
            }
            push(
                at..at + place.len(),
                OldStyle::Place(full.into()),
                structured.clone(),
            );
        }
    }
    // Pages glued to the number: `208с.`
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c == 'с' && k > 0 && chars[k - 1].1.is_ascii_digit() {
            let next = chars.get(k + 1).map(|x| x.1);
            if next.is_none_or(|n| !n.is_alphabetic()) {
                let end = at + c.len_utf8() + usize::from(next == Some('.'));
                let start = chars[..k]
                    .iter()
                    .rev()
                    .take_while(|x| x.1.is_ascii_digit())
                    .last()
                    .map_or(at, |x| x.0);
                push(start..end, OldStyle::PagesGlued, OldStyleHint::Pages);
            }
        }
    }
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out
}

// ---------------------------------------------------------------------------------------------
// Old-style strings → structured entries (a suggestion, never applied silently)
// ---------------------------------------------------------------------------------------------

/// The entry as a `[[materials]]` table body for a hint or for `mentorcard` to print.
pub fn to_toml(entry: &Entry) -> String {
    toml::to_string(entry).unwrap_or_default()
}

fn is_place_word(w: &str) -> bool {
    let w = w.trim_end_matches([':', ',']);
    PLACES
        .iter()
        .any(|(short, aliases, full)| w == *short || aliases.contains(&w) || w == *full)
        || [
            "Ростов",
            "Ростов-на-Дону",
            "Москва",
            "Санкт-Петербург",
            "Ленинград",
        ]
        .contains(&w)
}

/// Splits the part after ` / ` into areas at `.-`, `. —`, and at a spaced or glued dash that
/// starts a new area (a place, a number, ISBN, URL), so `БХВ - Петербург` stays one name.
fn split_areas(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut areas = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let last_token = cur.rsplit(char::is_whitespace).next().unwrap_or("");
        let in_url = last_token.starts_with("http") || last_token.starts_with("www.");
        if matches!(c, '-' | '–' | '—') && !in_url {
            let before = cur.trim_end();
            let after: String = chars[i + 1..].iter().collect();
            let next = after.trim_start();
            let next_word = next.split_whitespace().next().unwrap_or("");
            let starts_area = next.starts_with(|c: char| c.is_ascii_digit())
                || next.starts_with("ISBN")
                || next.starts_with("URL")
                || next.starts_with("Режим")
                || next.starts_with('№')
                || next.starts_with("С.")
                || is_place_word(next_word);
            let after_point = before.ends_with('.');
            let spaced = cur.ends_with(' ') && chars.get(i + 1) == Some(&' ');
            let glued_word = !cur.ends_with(' ') && !before.ends_with(|c: char| c.is_ascii_digit());
            let space_before = cur.ends_with(' ');
            if after_point || ((spaced || space_before || glued_word || c != '-') && starts_area) {
                let area = before.trim_end_matches('.').trim().to_string();
                if !area.is_empty() {
                    areas.push(area);
                }
                cur.clear();
                i += 1;
                continue;
            }
        }
        cur.push(c);
        i += 1;
    }
    let last = cur.trim().trim_end_matches('.').trim().to_string();
    if !last.is_empty() {
        areas.push(last);
    }
    areas
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

/// Leading `Фамилия И.О., Фамилия И.О.` of an old-style record; returns names and the rest.
fn take_heading(text: &str) -> (Vec<Name>, String) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut names = Vec::new();
    let mut k = 0;
    while let Some(family) = words.get(k) {
        let family = family.trim_end_matches([',', ':']);
        if !is_capitalised_word(family) {
            break;
        }
        let mut j = k + 1;
        let mut inits = Vec::new();
        while let Some(w) = words.get(j) {
            let bare = w.trim_end_matches([',', ':']);
            match parse_initials(bare) {
                Some(list) => inits.extend(list),
                None => break,
            }
            j += 1;
            if w.ends_with([',', ':']) {
                break;
            }
        }
        if inits.is_empty() {
            break;
        }
        names.push(Name::Text(format!("{family} {}", inits.join(" "))));
        k = j;
        if !words[j - 1].ends_with(',') {
            break;
        }
    }
    (names, words[k..].join(" "))
}

/// Reads a hand-typed ГОСТ 7.1-style record (`Фамилия И.О. Заглавие [Текст]: сведения /
/// И.О. Фамилия.- М.: Издательство, 2005.- 208с.: ил.`) into an entry, or `None` when the
/// string is too irregular to guess. Used only to *suggest* the structured form.
pub fn parse_plain(text: &str) -> Option<Entry> {
    let mut t = text
        .trim()
        .trim_start_matches(['·', '•', '-', '*'])
        .trim()
        .to_string();
    for m in [
        "[Текст]",
        "[Электронный ресурс]",
        "[Text]",
        "[Electronic resource]",
    ] {
        t = t.replace(m, "");
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let (host, own) = match find_outside_urls(&t, "//") {
        Some(at) => (
            Some(t[at + 2..].trim().to_string()),
            t[..at].trim().to_string(),
        ),
        None => (None, t.clone()),
    };
    // Without ` / ` the areas follow the title directly: `Фамилия И. Заглавие. - М.: …`.
    let (left, right, bare) = match find_outside_urls(&own, "/") {
        Some(at) => (
            own[..at].trim().to_string(),
            Some(own[at + 1..].trim().to_string()),
            false,
        ),
        None if host.is_some() => (own.clone(), None, false),
        None => {
            let mut areas = split_areas(&own);
            if areas.len() < 2 {
                return None;
            }
            let first = areas.remove(0);
            (first, Some(areas.join(" . - ")), true)
        }
    };
    let mut entry = Entry {
        kind: "book".into(),
        ..Entry::default()
    };
    let (names, rest) = take_heading(&left);
    entry.author = names;
    let mut parts = rest.split(':').map(str::trim);
    let title = parts.next().unwrap_or("").trim_end_matches('.').trim();
    if title.is_empty() {
        return None;
    }
    entry.title = title.replace(" - ", " — ");
    let mut info: Vec<String> = parts
        .filter(|p| !p.is_empty())
        .map(|p| lower_first(p.trim_end_matches('.').trim()))
        .collect();
    if let Some(act) = info.first().and_then(|i| read_act(i)) {
        info.remove(0);
        entry.kind = "legislation".into();
        entry.genre = Some(act.kind);
        entry.enacted = act.date;
        entry.number = act.number;
        entry.revision = act.revision;
        if !info.is_empty() {
            entry.adopted = Some(info.join(" : "));
        }
    } else if !info.is_empty() {
        entry.genre = Some(info.join(" : "));
    }

    let mut areas = right.as_deref().map(split_areas).unwrap_or_default();
    if bare {
        // `… - Психол. журнал - 1997. - №5 - С.56`: a journal article without `//`.
        let journal = host.is_none()
            && areas.len() >= 2
            && areas[1..]
                .iter()
                .any(|a| a.starts_with('№') || a.starts_with("С."))
            && !areas.iter().any(|a| a.contains(':'));
        if journal {
            entry.kind = "article-journal".into();
            entry.container_title = Some(areas.remove(0));
        }
    } else if !areas.is_empty() {
        // Statement of responsibility; an edition may hide after a comma («М.В. Кузнецов, 2-ое издание»).
        let resp = areas.remove(0);
        let mut people = Vec::new();
        for piece in resp.split([',', ';']).map(str::trim) {
            if piece.contains("изд") {
                areas.insert(0, piece.to_string());
            } else if let Person::Person { .. } = parse_person(piece) {
                people.push(Name::Text(piece.to_string()));
            }
        }
        // the statement lists all of up to three authors; the heading only the first
        if people.len() > entry.author.len() {
            entry.author = people;
        }
    }
    if let Some(h) = &host {
        if entry.kind == "book" {
            entry.kind = "article-journal".into();
        }
        let mut host_areas = split_areas(h);
        if host_areas.is_empty() {
            return None;
        }
        entry.container_title = Some(host_areas.remove(0));
        areas.extend(host_areas);
    }
    for area in areas {
        read_area(&area, &mut entry);
    }
    if entry.url.is_some() && entry.kind == "book" && entry.publisher.is_none() {
        entry.kind = "webpage".into();
    }
    for a in &mut entry.author {
        if let Name::Text(s) = a {
            if let Person::Person { family, initials } = parse_person(s) {
                *s = format!("{family} {initials}");
            }
        }
    }
    Some(entry)
}

/// What an old-style record says about an act after its title.
struct ActInfo {
    kind: String,
    date: Option<Date>,
    number: Option<String>,
    revision: Option<Date>,
}

/// Reads `федер. закон от 29.12.2012 № 273-ФЗ (ред. от 29.12.2022)`: the kind of act (in
/// full: «Федеральный закон»), its date, number and the revision it was read in. `None`
/// when the text is not an act's or holds something this would lose.
fn read_act(text: &str) -> Option<ActInfo> {
    let mut t = text.trim().to_string();
    let mut revision = None;
    if let Some(at) = t.find("(ред. от") {
        let end = t[at..].find(')').map_or(t.len(), |e| at + e + 1);
        let date = t[at + "(ред. от".len()..end].trim_end_matches(')').trim();
        revision = Some(Date::parse(date)?);
        t.replace_range(at..end, "");
    }
    let t = t.trim();
    let (head, number) = match t.split_once('№') {
        Some((head, n)) => {
            let n = n.trim();
            if n.is_empty() || n.contains(char::is_whitespace) {
                return None;
            }
            (head.trim(), Some(n.to_string()))
        }
        None => (t, None),
    };
    let (kind, date) = match head.rsplit_once(" от ") {
        Some((kind, d)) => (kind.trim(), Some(Date::parse(d.trim())?)),
        None => (head, None),
    };
    let lower = kind.to_lowercase();
    let act = [
        "закон",
        "указ",
        "постановлен",
        "распоряжен",
        "приказ",
        "кодекс",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if !act || (number.is_none() && date.is_none() && revision.is_none()) {
        return None;
    }
    let kind = kind
        .replace(
            "федер. конституц. закон",
            "федеральный конституционный закон",
        )
        .replace("федер. закон", "федеральный закон");
    // capitalised, as the kind of act stands after « : » in the standard's examples
    let mut letters = kind.chars();
    let kind = letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    Some(ActInfo {
        kind,
        date,
        number,
        revision,
    })
}

/// Byte offset of the first `pat` that is not inside a URL (`https://…` has slashes too).
fn find_outside_urls(text: &str, pat: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = text.get(from..)?.find(pat) {
        let at = from + rel;
        let token = text[..at]
            .split(char::is_whitespace)
            .next_back()
            .unwrap_or("");
        if !(token.starts_with("http") || token.starts_with("www.") || token.starts_with("ftp")) {
            return Some(at);
        }
        from = at + pat.len();
    }
    None
}

fn leading_number(s: &str) -> Option<String> {
    let d: String = s.chars().take_while(char::is_ascii_digit).collect();
    (!d.is_empty()).then_some(d)
}

fn read_area(area: &str, entry: &mut Entry) {
    let a = area.trim();
    if a.contains("изд") && a.starts_with(|c: char| c.is_ascii_digit()) {
        entry.edition = leading_number(a);
    } else if let Some(isbn) = a.strip_prefix("ISBN") {
        entry.isbn = Some(isbn.trim().to_string());
    } else if let Some(url) = a
        .strip_prefix("URL:")
        .or_else(|| a.strip_prefix("Режим доступа:"))
        .filter(|u| u.contains("http") || u.contains("www."))
    {
        let (url, rest) = url.split_once(" (").unwrap_or((url, ""));
        let url = url
            .trim()
            .trim_end_matches(", свободный")
            .trim_end_matches(',');
        entry.url = Some(url.to_string());
        // `(дата обращения: 01.02.2020)`
        if let Some((_, date)) = rest.split_once(':') {
            entry.accessed = Date::parse(date.trim().trim_end_matches(')').trim());
        }
    } else if let Some(issue) = a.strip_prefix('№') {
        // `№5-С.56` in one area
        let (iss, page) = match issue.split_once("С.") {
            Some((i, p)) => (i.trim_end_matches(['-', '–', '—', ' ', '.']), Some(p)),
            None => (issue, None),
        };
        entry.issue = Some(iss.trim().to_string());
        if let Some(p) = page {
            entry.page = Some(range_dash(p.trim()));
        }
    } else if let Some(p) = a.strip_prefix("С.") {
        entry.page = Some(range_dash(p.trim()));
    } else if a.len() == 4 && a.chars().all(|c| c.is_ascii_digit()) {
        entry.issued = a.parse().ok().map(Issued::Year);
    } else if let Some(n) = leading_number(a).filter(|_| {
        let rest = a
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start();
        rest.starts_with('с') || rest.starts_with('p')
    }) {
        entry.number_of_pages = Some(n);
        entry.illustrations = a.contains("ил");
    } else if let Some((place_part, rest)) = a.split_once(':') {
        let places: Vec<String> = place_part
            .split(';')
            .map(|p| place(p, Places::Full))
            .collect();
        entry.publisher_place = Some(places.join(" ; "));
        let (publisher, year) = match rest.rsplit_once(',') {
            Some((p, y)) if y.trim().chars().all(|c| c.is_ascii_digit()) => (p, Some(y.trim())),
            _ => (rest, None),
        };
        let publisher = publisher.trim().replace(" - ", "-");
        let publisher = publisher
            .strip_prefix("Из-во ")
            .unwrap_or(&publisher)
            .to_string();
        entry.publisher = Some(publisher);
        if let Some(y) = year.and_then(|y| y.parse().ok()) {
            entry.issued = Some(Issued::Year(y));
        }
    } else if let Some((p, y)) = a.rsplit_once(',') {
        if is_place_word(p.trim()) {
            entry.publisher_place = Some(place(p, Places::Full));
            entry.issued = y.trim().parse().ok().map(Issued::Year);
        }
    } else if is_place_word(a) {
        entry.publisher_place = Some(place(a, Places::Full));
    } else if NOTE_OPENINGS.iter().any(|n| a.starts_with(n)) {
        let note = match entry.note.take() {
            Some(before) => format!("{before}. {a}"),
            None => a.to_string(),
        };
        entry.note = Some(note);
    }
}

/// How the notes a ГОСТ record keeps begin: how often a site is updated, where its title was
/// taken from, when it was published.
const NOTE_OPENINGS: &[&str] = &[
    "Обновляется",
    "Обновление",
    "Дата обновления",
    "Дата публикации",
    "Загл. с",
    "Заглавие с",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn person(s: &str) -> Person {
        Name::Text(s.into()).person()
    }

    #[test]
    fn names_in_every_written_form() {
        let want = Person::Person {
            family: "Александров".into(),
            initials: "Е. Л.".into(),
        };
        assert_eq!(person("Александров Е.Л."), want);
        assert_eq!(person("Александров Е. Л."), want);
        assert_eq!(person("Александров, Е. Л."), want);
        assert_eq!(person("Е.Л. Александров"), want);
        assert_eq!(person("Александров Евгений Леонидович"), want);
        assert_eq!(
            Name::Parts {
                family: "Александров".into(),
                given: Some("Евгений Леонидович".into())
            }
            .person(),
            want
        );
        assert_eq!(
            person("Нартова-Бочавер С."),
            Person::Person {
                family: "Нартова-Бочавер".into(),
                initials: "С.".into()
            }
        );
        assert_eq!(initials("Жан-Поль"), "Ж.-П.");
        assert_eq!(initials("Ж.-П."), "Ж.-П.");
        assert_eq!(
            person("Российская государственная библиотека"),
            Person::Organisation("Российская государственная библиотека".into())
        );
        assert_eq!(
            person("Нартова-Бочавер Софья Кимовна"),
            Person::Person {
                family: "Нартова-Бочавер".into(),
                initials: "С. К.".into()
            }
        );
        assert_eq!(
            person("Институт Развития Образования"),
            Person::Organisation("Институт Развития Образования".into())
        );
        assert_eq!(
            person("Волгоградский ГАУ"),
            Person::Organisation("Волгоградский ГАУ".into())
        );
        assert_eq!(person(""), Person::Organisation(String::new()));
    }

    #[test]
    fn places_expand_and_abbreviate() {
        assert_eq!(place("М.", Places::Full), "Москва");
        assert_eq!(place("СПб", Places::Full), "Санкт-Петербург");
        assert_eq!(place("СПб.", Places::Full), "Санкт-Петербург");
        assert_eq!(place("Л.", Places::Full), "Ленинград");
        assert_eq!(place("Ростов н/Д", Places::Full), "Ростов-на-Дону");
        assert_eq!(place("Москва", Places::Abbreviated), "М.");
        assert_eq!(place("Санкт-Петербург", Places::Abbreviated), "СПб.");
        assert_eq!(place("Волгоград", Places::Abbreviated), "Волгоград");
    }

    #[test]
    fn isbn_check_digits() {
        assert!(isbn_valid("978-5-4461-0960-9"));
        assert!(isbn_valid("5-94157-371-5"));
        assert!(isbn_valid("ISBN 0-306-40615-2"));
        assert!(isbn_valid("0-8044-2957-X"));
        assert!(!isbn_valid("978-5-4461-0960-8"));
        assert!(!isbn_valid("5-94157-371-1"));
        assert!(!isbn_valid("12345"));
        assert!(!isbn_valid("ёёёёёёёёёё"));
    }

    #[test]
    fn ranges_take_an_en_dash() {
        assert_eq!(range_dash("19-21"), "19–21");
        assert_eq!(range_dash("19 - 21"), "19–21");
        assert_eq!(range_dash("19—21"), "19–21");
        assert_eq!(range_dash("56"), "56");
        assert_eq!(range_dash("XII-21"), "XII-21");
    }

    #[test]
    fn lint_finds_old_markers_with_byte_ranges() {
        let s = "Александров Е.Л. Интернет - легко и просто! Популярный самоучитель [Текст]: Методическое пособие / Е.Л. Александров.- СПб: Питер, 2005.- 208с.: ил.";
        let found = lint_plain(s);
        let texts: Vec<&str> = found.iter().map(|f| &s[f.range.clone()]).collect();
        assert_eq!(texts, ["[Текст]", ".-", "СПб:", ".-", "208с."]);
        let message = Message::OldStyleSource {
            finding: found[0].finding.clone(),
            markers: Vec::new(),
            hint: found[0].hint.clone(),
        };
        let lang = crate::locale::Lang::Ru;
        assert!(message.text(lang).contains("Текст : непосредственный"));
        let hint = message.hints(lang).join("\n");
        assert!(hint.contains("type = \"book\""));
        assert!(hint.contains("author = [\"Александров Е. Л.\"]"));
        assert!(hint.contains("Получится: Александров, Е. Л. Интернет — легко и просто!"));
        assert!(lint_plain(
            "Хабаров, А. В. Почвоведение : учебник. — Москва : Колос, 2001. — 231 с."
        )
        .is_empty());
        let s = "Нартова-Бочавер С. Психология. - М.: Из-во ЭКСМО-Пресс, 2001.";
        let texts: Vec<&str> = lint_plain(s).iter().map(|f| &s[f.range.clone()]).collect();
        assert_eq!(texts, ["М.:"]);
    }
}
