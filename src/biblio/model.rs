//! The entry's model: names, dates, the record's fields with CSL-JSON names, and how they
//! read from a card or a Zotero export (one value or many, text or number, CSL or plain dates).

use crate::date::Date;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::names::{initials, parse_person, Person};

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
    pub(super) fn number(&self) -> Option<i64> {
        match self {
            TextOrNumber::Number(n) => Some(*n),
            TextOrNumber::Text(t) => t.trim().parse().ok(),
        }
    }
}

impl CslDate {
    /// (year, month, day) of the first date, as far as given.
    pub(super) fn ymd(&self) -> (Option<i32>, Option<u8>, Option<u8>) {
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

    pub(super) fn to_date(&self) -> Option<Date> {
        match self.ymd() {
            (Some(y), Some(m), Some(d)) => Date::new(y, m, d),
            _ => None,
        }
    }
}

impl Issued {
    /// The year as the record prints it; an open period (`1999-`) gets the style's dash.
    pub(super) fn year_text(&self, dash: &str) -> String {
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
    pub(super) fn day_month(&self) -> Option<String> {
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
pub(super) enum Names {
    One(Name),
    Many(Vec<Name>),
}

/// `author = "Иванов И. И."`, a list, or `"Кузнецов М. В., Симдянов И. В."` in one string
/// (split only when every piece is a person, so `"Александров, Е. Л."` stays one name).
pub(super) fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Name>, D::Error> {
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
pub(super) fn ser_text_or_number<S: serde::Serializer>(
    v: &Option<String>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v.as_deref().map(|t| (t, t.parse::<i64>())) {
        Some((t, Ok(n))) if !t.starts_with('0') || t == "0" => s.serialize_i64(n),
        Some((t, _)) => s.serialize_str(t),
        None => s.serialize_none(),
    }
}

pub(super) fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<TextOrNumber>::deserialize(d)?;
    Ok(v.map(|v| v.to_string()))
}

/// A card writes `2019-06-26` or `"26.06.2019"`; Zotero writes `{"date-parts": [[2019, 6, 26]]}`.
pub(super) fn csl_or_plain_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
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

/// `19-21`, `19 - 21`, `19—21` → `19–21`: ranges of numbers take an en dash without spaces.
pub(super) fn range_dash(text: &str) -> String {
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
