//! Every word mentorcard says, in Russian and English: the form's labels, the document's
//! headings, the scaffold's comments, and the text of every [`Message`], [`Failure`] and
//! [`Status`]. This is the one file a new language touches. Russian is the default because
//! our users are Russian teachers; English follows the card's `language` or `--lang en`.

use serde::{Deserialize, Serialize};

use crate::fonts::Style;
use crate::message::{
    CslError, EndedProject, Failure, ImportNote, LinkFormat, ListenProblem, MaterialsProblem,
    Message, OldStyle, OldStyleHint, ProfileProblem, Section, Severity, Skipped, SourceFormat,
    Status, SyntaxKind, TemplateReason, TypeHint, Unfilled, Unsupported, UsageProblem, ValueKind,
    Written,
};
use crate::path::FieldPath;
use crate::typography::Rule;
use crate::world::FileError;

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
    /// Picks the Russian or English wording. Private to this file: the words live here.
    fn t<'a>(self, ru: &'a str, en: &'a str) -> &'a str {
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

    /// `n` with the right noun form: Russian has three (1 ошибка, 2 ошибки, 5 ошибок).
    fn count(self, n: usize, ru: [&str; 3], en: [&str; 2]) -> String {
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

    /// A volume as contests count it, one definition everywhere: characters with spaces.
    fn chars(self, n: usize) -> String {
        let count = self.count(n, ["знак", "знака", "знаков"], ["character", "characters"]);
        format!("{count} {}", self.t("с пробелами", "with spaces"))
    }

    fn places(self, n: usize) -> String {
        self.count(n, ["место", "места", "мест"], ["place", "places"])
    }

    fn pages(self, n: usize) -> String {
        self.count(n, ["страница", "страницы", "страниц"], ["page", "pages"])
    }
}

/// First letter upper-cased: messages start with a criterion's description.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------------

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

/// Labels of the document (headings, table header, participant lines, dates).
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
    /// «с 01.09.2023 по настоящее время»
    pub since: &'static str,
    pub to_date: &'static str,
    /// «по 31.05.2024»
    pub until: &'static str,
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
            since: "с",
            to_date: "по настоящее время",
            until: "по",
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
            since: "from",
            to_date: "to date",
            until: "until",
        },
    }
}

/// A face's name: «полужирный курсив».
pub fn style_name(style: Style, lang: Lang) -> &'static str {
    match style {
        Style::Regular => lang.t("обычный", "regular"),
        Style::Bold => lang.t("полужирный", "bold"),
        Style::Italic => lang.t("курсив", "italic"),
        Style::BoldItalic => lang.t("полужирный курсив", "bold italic"),
    }
}

/// The words of a сборник's own pages.
pub struct CollectionWords {
    pub contents: &'static str,
    pub foreword: &'static str,
    pub authors_index: &'static str,
    pub compiler: &'static str,
    pub compilers: &'static str,
    pub editors: &'static str,
    /// The section of practices listed outside any section.
    pub other: &'static str,
}

pub fn collection_words(lang: Lang) -> CollectionWords {
    match lang {
        Lang::Ru => CollectionWords {
            contents: "Содержание",
            foreword: "Предисловие",
            authors_index: "Указатель авторов",
            compiler: "Составитель:",
            compilers: "Составители:",
            editors: "Под редакцией:",
            other: "Другие практики",
        },
        Lang::En => CollectionWords {
            contents: "Contents",
            foreword: "Foreword",
            authors_index: "Index of authors",
            compiler: "Compiled by",
            compilers: "Compiled by",
            editors: "Edited by",
            other: "Other practices",
        },
    }
}

/// The words of the summary over many cards (`check --summary`, `--report`).
pub struct ReportWords {
    pub heading: &'static str,
    pub file: &'static str,
    pub title: &'static str,
    pub authors: &'static str,
    pub errors: &'static str,
    pub warnings: &'static str,
    pub pages: &'static str,
    pub characters: &'static str,
    pub limits: &'static str,
    /// The page limit, in the report's legend.
    pub page_limit: &'static str,
    /// In place of a title when the card cannot be read.
    pub unreadable: &'static str,
    pub organisation: &'static str,
    pub locality: &'static str,
    /// The column with what is wrong first.
    pub reason: &'static str,
    /// The least number of pages, in the report's legend.
    pub min_page_limit: &'static str,
    /// The legend's words for a bar within the limits and one outside them.
    pub within: &'static str,
    pub outside: &'static str,
    /// The spreadsheet's sheet name (at most 31 characters).
    pub sheet: &'static str,
    /// Before the warnings many cards share.
    pub shared: &'static str,
    /// How many cards share a warning.
    pub cards: &'static str,
    /// A jury copy's number, in the organiser's key.
    pub number: &'static str,
}

pub fn report_words(lang: Lang) -> ReportWords {
    match lang {
        Lang::Ru => ReportWords {
            heading: "Сводка проверки",
            file: "Файл",
            title: "Название",
            authors: "Авторы",
            errors: "Ошибок",
            warnings: "Предупр.",
            pages: "Стр.",
            characters: "Знаков",
            limits: "Нарушены ограничения",
            page_limit: "предел страниц",
            unreadable: "(не читается)",
            organisation: "Организация",
            locality: "Населённый пункт",
            reason: "Что не так (первая ошибка)",
            min_page_limit: "наименьшее число страниц",
            within: "страниц в пределах ограничений",
            outside: "страниц больше или меньше, чем разрешено",
            sheet: "Реестр",
            shared: "Предупреждения, общие для нескольких карточек:",
            cards: "карточек",
            number: "Номер",
        },
        Lang::En => ReportWords {
            heading: "Check summary",
            file: "File",
            title: "Title",
            authors: "Authors",
            errors: "Errors",
            warnings: "Warnings",
            pages: "Pages",
            characters: "Chars",
            limits: "Limits broken",
            page_limit: "page limit",
            unreadable: "(unreadable)",
            organisation: "Organisation",
            locality: "Locality",
            reason: "What is wrong (first error)",
            min_page_limit: "least pages",
            within: "pages within the limits",
            outside: "more or fewer pages than allowed",
            sheet: "Register",
            shared: "Warnings several cards share:",
            cards: "cards",
            number: "Number",
        },
    }
}

/// The last line of a summary; counts with a colon, so no noun has to agree with them.
pub fn report_totals(lang: Lang, cards: usize, failed: usize) -> String {
    format!(
        "{}: {cards}; {}: {}; {}: {failed}",
        lang.t("Карточек", "Cards"),
        lang.t("прошли проверку", "pass the check"),
        cards - failed.min(cards),
        lang.t("не прошли", "fail"),
    )
}

/// What a registry act is about, when its title is not known (by the act's number).
pub fn act_about(number: &str, lang: Lang) -> Option<&'static str> {
    let (ru, en) = match number {
        "204" => (
            "национальные цели развития на период до 2024 года",
            "national development goals to 2024",
        ),
        "474" => (
            "национальные цели развития (после Указа № 204)",
            "national development goals (after Decree No. 204)",
        ),
        "АЗ-1128/08/657" => (
            "методические рекомендации по наставничеству педагогических работников",
            "guidelines on mentoring of teaching staff",
        ),
        "381-ФЗ" => (
            "статья 351.8 Трудового кодекса РФ о наставничестве, в силе с 01.03.2025",
            "article 351.8 of the Labour Code on mentoring, in force since 01.03.2025",
        ),
        "1264-р" => (
            "Концепция развития наставничества до 2030 года",
            "the Concept of mentoring development to 2030",
        ),
        "401" => (
            "Год педагога и наставника",
            "the Year of the Teacher and Mentor",
        ),
        _ => return None,
    };
    Some(lang.t(ru, en))
}

// ---------------------------------------------------------------------------------------------
// The scaffold `mentorcard new` writes
// ---------------------------------------------------------------------------------------------

/// The comments of the starting card, in the scaffold's order.
pub struct ScaffoldWords {
    pub header: &'static str,
    pub title: &'static str,
    pub form: &'static str,
    pub kind: &'static str,
    pub place: &'static str,
    pub authors: &'static str,
    pub introduction: &'static str,
    pub definitions: &'static str,
    pub participants_below: &'static str,
    pub norms: &'static str,
    pub materials: &'static str,
    pub special_needs: &'static str,
    pub participants: &'static str,
    pub mentoring: &'static str,
    pub conclusion: &'static str,
}

/// What `mentorcard new --collection` writes after the schema directive: a commented
/// collection file for a methodologist to fill in.
pub fn collection_scaffold(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => {
            r#"# Сборник практик: титульный лист, предисловие, содержание и карточки.
# Проверка всех карточек со сводной таблицей: mentorcard check ФАЙЛ
# Сборка PDF, HTML, Markdown и DOCX:        mentorcard build ФАЙЛ

[collection]
# Название и подзаголовок — на титульном листе
title = ""
subtitle = ""
# Организация (вверху титульного листа), город и год (внизу)
organisation = ""
locality = ""
# year = 2026

# Составители; для редакторов («Под редакцией») напишите editors_role = "editors"
editors = []

# Предисловие: абзацы через пустую строку (можно удалить)
foreword = """
"""

# Карточки: пути и шаблоны от папки этого файла. «*» — любое имя: все карточки папки cards.
cards = ["cards/*.toml"]

# Порядок: "as-listed" (как перечислены, шаблон — по именам файлов), "title" (по названию),
# "author" (по фамилии первого автора)
order = "as-listed"

# Разделы (номинации) вместо общего списка cards: повторите для каждого раздела
# [[collection.sections]]
# title = "Номинация «Педагог – педагог»"
# cards = ["nomination-1/*.toml"]

# Указатель авторов в конце сборника
author_index = false
"#
        }
        Lang::En => {
            r#"# A collection of practices: title page, foreword, contents and the cards.
# Check every card, with a summary table: mentorcard check FILE
# Build PDF, HTML, Markdown and DOCX:     mentorcard build FILE

[collection]
# Title and subtitle, on the title page
title = ""
subtitle = ""
# Organisation (top of the title page), locality and year (at its foot)
organisation = ""
locality = ""
# year = 2026

# Compilers; for editors ("Edited by") write editors_role = "editors"
editors = []

# Foreword: paragraphs separated by a blank line (optional)
foreword = """
"""

# Cards: paths and patterns relative to this file's folder. "*" is any name: every card in cards.
cards = ["cards/*.toml"]

# Order: "as-listed" (a pattern's matches by file name), "title", "author" (first author's surname)
order = "as-listed"

# Sections (nominations) instead of one list of cards: repeat for each section
# [[collection.sections]]
# title = "Teacher to teacher"
# cards = ["nomination-1/*.toml"]

# An index of authors at the end
author_index = false

language = "en"
"#
        }
    }
}

pub fn scaffold_words(lang: Lang) -> ScaffoldWords {
    match lang {
        Lang::Ru => ScaffoldWords {
            header: "# Карточка практики наставничества. Заполните поля и проверьте: mentorcard check ФАЙЛ\n\
                     # Текст пишется в кавычках; многострочный — в тройных апострофах '''…'''.\n\
                     # Абзацы разделяйте пустой строкой, пункты списка начинайте с «- » или «1. ».\n\
                     # **жирный**, *курсив*, [ссылка](https://…).\n\n",
            title: "# Название работы\n",
            form: "# Форма: «учитель – учитель», «ученик – ученик», «студент – ученик»…\n",
            kind: "# Вид: традиционное, реверсивное, групповое, флеш-наставничество…\n",
            place: "# Организация, населённый пункт, год (можно удалить)\n",
            authors: "# Авторы: повторите раздел для каждого автора\n",
            introduction: "# Введение: тема, актуальность\n",
            definitions: "# Определения терминов (наставничество, наставник, наставляемый)\n",
            participants_below: "# (участники — в разделах [[criteria.participants]] ниже)\n",
            norms: "# Каждый акт — строка в кавычках, через запятую.\n",
            materials: "# Каждый источник — строка в кавычках или запись { type = \"book\", author = […], title = \"…\" }.\n",
            special_needs: "# Строка без номера; удалите, если конкурс её не требует.\n",
            participants: "\n# 3. Участники: повторите раздел для каждого участника\n",
            mentoring: "# наставник, наставляемый или взаимно\n",
            conclusion: "# Заключение\n",
        },
        Lang::En => ScaffoldWords {
            header: "# A mentoring practice card. Fill in the fields and check: mentorcard check FILE\n\
                     # Text goes in quotes; several lines in triple apostrophes '''…'''.\n\
                     # Separate paragraphs with a blank line, start list items with \"- \" or \"1. \".\n\
                     # **bold**, *italic*, [link](https://…).\n\n",
            title: "# Title of the work\n",
            form: "# Form: “teacher – teacher”, “student – student”…\n",
            kind: "# Type: traditional, reverse, group, flash mentoring…\n",
            place: "# Organisation, locality, year (optional)\n",
            authors: "# Authors: repeat the section for each author\n",
            introduction: "# Introduction: the topic and why it matters\n",
            definitions: "# Definitions of terms\n",
            participants_below: "# (participants are the [[criteria.participants]] sections below)\n",
            norms: "# One act per quoted string, separated by commas.\n",
            materials: "# One source per quoted string, or a record { type = \"book\", author = […], title = \"…\" }.\n",
            special_needs: "# Unnumbered row; delete it if the contest does not ask for it.\n",
            participants: "\n# 3. Participants: repeat the section for each participant\n",
            mentoring: "# mentor, mentee or mutual\n",
            conclusion: "# Conclusion\n",
        },
    }
}

// ---------------------------------------------------------------------------------------------
// How diagnostics print
// ---------------------------------------------------------------------------------------------

pub fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.t("ошибка", "error"),
        Severity::Warning => lang.t("предупреждение", "warning"),
        Severity::Hint => lang.t("совет", "hint"),
    }
}

/// What a long job is doing, for the progress line.
pub fn stage_word(stage: crate::parallel::Stage, lang: Lang) -> &'static str {
    use crate::parallel::Stage;
    match stage {
        Stage::Check => lang.t("проверка карточек", "checking cards"),
        Stage::Compose => lang.t("подготовка практик", "composing practices"),
        Stage::Layout => lang.t("вёрстка страниц", "laying out pages"),
        Stage::Write => lang.t("запись файлов", "writing files"),
    }
}

/// The word before a hint line: «= подсказка: …».
pub fn help_word(lang: Lang) -> &'static str {
    lang.t("подсказка", "help")
}

/// One-line totals: «card.toml: 2 ошибки, 1 предупреждение».
pub fn summary(file: &str, errors: usize, warnings: usize, hints: usize, lang: Lang) -> String {
    let hints = if hints > 0 {
        format!(
            ", {}",
            lang.count(hints, ["совет", "совета", "советов"], ["hint", "hints"])
        )
    } else {
        String::new()
    };
    if errors == 0 && warnings == 0 {
        return format!(
            "{file}: {}{hints}",
            lang.t("ошибок не найдено", "no problems found")
        );
    }
    format!(
        "{file}: {}, {}{hints}",
        lang.count(errors, ["ошибка", "ошибки", "ошибок"], ["error", "errors"]),
        lang.count(
            warnings,
            ["предупреждение", "предупреждения", "предупреждений"],
            ["warning", "warnings"]
        )
    )
}

/// A file problem in words a teacher understands.
pub fn file_error(e: &FileError, lang: Lang) -> String {
    match e {
        FileError::NotFound => lang.t("файл не найден", "file not found").into(),
        // Windows refuses to replace a file another program holds open with this same error.
        FileError::PermissionDenied if cfg!(windows) => lang
            .t(
                "нет прав доступа, или файл открыт в другой программе: закройте его и повторите",
                "permission denied, or the file is open in another program: close it and try again",
            )
            .into(),
        FileError::PermissionDenied => lang.t("нет прав доступа", "permission denied").into(),
        FileError::IsDirectory => lang
            .t("это папка, а не файл", "this is a folder, not a file")
            .into(),
        FileError::NotRegular => lang
            .t(
                "это не обычный файл (канал или устройство); укажите файл",
                "this is not a regular file (a pipe or a device); name a file",
            )
            .into(),
        FileError::TooLarge { limit: 0 } => lang
            .t(
                "файл больше, чем разрешает диск или папка (например, флешка с FAT32 — до 4 ГБ)",
                "the file is larger than the disk or folder allows (a FAT32 stick: 4 GB)",
            )
            .into(),
        FileError::TooLarge { limit } => format!(
            "{} {} {}",
            lang.t("файл больше", "the file is larger than"),
            limit >> 20,
            lang.t(
                "МБ: mentorcard не читает таких больших файлов (проверьте, тот ли это файл)",
                "MB: mentorcard reads no file this large (check that it is the right one)"
            )
        ),
        FileError::NotUtf8 => lang
            .t("файл не в кодировке UTF-8", "the file is not UTF-8")
            .into(),
        FileError::AlreadyExists => lang
            .t("файл уже существует", "the file already exists")
            .into(),
        FileError::OutsideFolder => lang
            .t(
                "это ссылка на файл вне папки",
                "it is a link to a file outside the folder",
            )
            .into(),
        FileError::InUse => lang
            .t(
                "файл открыт в другой программе (например, PDF в программе просмотра или DOCX в Word): закройте его и повторите",
                "the file is open in another program (a PDF in a viewer, a DOCX in Word, say): close it and try again",
            )
            .into(),
        FileError::DiskFull => lang
            .t(
                "на диске не осталось места: освободите место или выберите другую папку (-o)",
                "there is no space left on the disk: free some or choose another folder (-o)",
            )
            .into(),
        FileError::ReadOnly => lang
            .t(
                "диск или папка доступны только для чтения: выберите другую папку (-o)",
                "the disk or folder is read-only: choose another folder (-o)",
            )
            .into(),
        FileError::NotAFolder => lang
            .t(
                "часть пути — файл, а не папка: проверьте путь",
                "a part of the path is a file, not a folder: check the path",
            )
            .into(),
        FileError::BadName => lang
            .t(
                "такое имя файла не подходит (слишком длинное или с недопустимыми знаками): сократите его",
                "the file name is not allowed (too long or with forbidden characters): shorten it",
            )
            .into(),
        FileError::LinkLoop => lang
            .t(
                "ссылки на папки ведут по кругу: укажите сам файл, а не ссылку",
                "links lead round in a circle: name the file itself, not a link",
            )
            .into(),
        FileError::NetworkDrive => lang
            .t(
                "сетевой диск не отвечает: проверьте подключение или скопируйте файлы на свой компьютер",
                "the network drive does not answer: check the connection or copy the files to your computer",
            )
            .into(),
        FileError::Other(text) => match lang {
            Lang::Ru => format!("ошибка операционной системы (её сообщение: {text})"),
            Lang::En => text.clone(),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------------------------

fn describe(key: &str, lang: Lang) -> String {
    criterion(key)
        .map(|c| c.describe(lang))
        .unwrap_or_else(|| key.to_string())
}

/// What a field is called in schema messages: the form's label for criteria, else its path.
fn field_name(path: &FieldPath, lang: Lang) -> String {
    if let Some(info) = path.criterion_key().and_then(criterion) {
        let cap = capitalise(&info.describe(lang));
        return if path.segments().len() == 2 {
            format!("{cap} (`{path}`)")
        } else {
            format!("{cap}: `{path}`")
        };
    }
    format!("`{path}`")
}

/// «Критерий 4 «Цель практики»» for a criterion's path, else the path itself.
fn field_words(path: &FieldPath, lang: Lang) -> String {
    match path.criterion_key().and_then(criterion) {
        Some(info) => capitalise(&info.describe(lang)),
        None => format!("`{path}`"),
    }
}

fn kind_words(kind: ValueKind, lang: Lang) -> &'static str {
    match kind {
        ValueKind::String => lang.t("текст в кавычках", "text in quotes"),
        ValueKind::Integer => lang.t("целое число", "a whole number"),
        ValueKind::Number => lang.t("число", "a number"),
        ValueKind::Boolean => lang.t("true или false", "true or false"),
        ValueKind::Date => lang.t("дата", "a date"),
        ValueKind::Array => lang.t("список […]", "a list […]"),
        ValueKind::Object => lang.t("таблица (раздел)", "a table (section)"),
        ValueKind::Value => lang.t("значение", "a value"),
    }
}

fn type_hint(want: ValueKind, found: ValueKind, date: bool, lang: Lang) -> &'static str {
    match (want, found) {
        _ if date => lang.t("дату пишите как 2023-09-01 или \"01.09.2023\"", "write a date as 2023-09-01 or \"01.09.2023\""),
        (ValueKind::String, ValueKind::Array) => lang.t(
            "здесь нужен один текст, а не список; пункты списка пишите внутри текста с новой строки, начиная с «- »",
            "one text is expected, not a list; write list items inside the text, each on a new line starting with \"- \"",
        ),
        (ValueKind::Array, _) => lang.t(
            "перечислите значения в квадратных скобках: [\"первое\", \"второе\"]",
            "list the values in square brackets: [\"first\", \"second\"]",
        ),
        (ValueKind::Object, _) => lang.t(
            "здесь нужен раздел с полями, например [[criteria.participants]] с role = \"…\"",
            "a section with fields is expected, e.g. [[criteria.participants]] with role = \"…\"",
        ),
        (ValueKind::Integer | ValueKind::Number, _) => lang.t("напишите число без кавычек: 2024", "write a number without quotes: 2024"),
        _ => lang.t("исправьте значение по образцу из `mentorcard new`", "fix the value after the sample from `mentorcard new`"),
    }
}

/// Both ways to write the date she typed as `12.05.2025`: as a TOML date, or as text.
fn dotted_date_hint(typed: &str, lang: Lang) -> String {
    let parts: Vec<&str> = typed.split('.').collect();
    let iso = match parts.as_slice() {
        [d, m, y] => format!("{y}-{m:0>2}-{d:0>2}"),
        _ => "2025-05-12".into(),
    };
    match lang {
        Lang::Ru => format!(
            "похоже на дату: пишите её как {iso} (год-месяц-день, без кавычек) или в кавычках: \"{typed}\""
        ),
        Lang::En => format!(
            "this looks like a date: write it as {iso} (year-month-day, no quotes) or in quotes: \"{typed}\""
        ),
    }
}

/// (what is wrong, how to fix it) for a TOML syntax error.
fn syntax_words(kind: SyntaxKind, lang: Lang) -> (&'static str, &'static str) {
    let (ru, en, hint_ru, hint_en) = match kind {
        SyntaxKind::MustBeQuoted => ("текст нужно взять в кавычки", "text must be put in quotes",
         "пишите так: goal = \"текст\"; если в тексте есть кавычки \" или несколько строк, берите его в '''…'''",
         "write it as: goal = \"text\"; for text with quotes \" or several lines use '''…'''"),
        SyntaxKind::DuplicateKey => (
            "этот ключ уже встречался выше",
            "this key was already given above",
            "оставьте ключ один раз: объедините тексты или удалите повтор",
            "keep the key once: merge the texts or delete the repeat",
        ),
        SyntaxKind::UnclosedString => ("строка не закрыта или содержит недопустимый символ", "the string is not closed or contains an invalid character",
         "закройте текст той же кавычкой, которой открыли; для текста в несколько строк используйте три кавычки \"\"\"…\"\"\"; обратную косую черту \\ пишите как \\\\ или берите текст в '''…'''",
         "close the text with the quote it was opened with; for several lines use triple quotes \"\"\"…\"\"\"; write a backslash as \\\\ or use '''…'''"),
        SyntaxKind::BadEscape => ("недопустимая обратная косая черта \\ в строке", "invalid backslash \\ in a string",
         "напишите \\\\ вместо \\ или возьмите текст в тройные апострофы '''…''', где \\ разрешена",
         "write \\\\ instead of \\ or put the text in triple apostrophes '''…''' where \\ is allowed"),
        SyntaxKind::UnclosedMultiline => (
            "многострочный текст не закрыт",
            "a multi-line text is not closed",
            "закончите текст теми же тремя кавычками, которыми он начат",
            "end the text with the same three quotes it began with",
        ),
        SyntaxKind::MissingAssignment => (
            "после названия поля нужен знак = и значение",
            "a field name must be followed by = and a value",
            "пишите так: goal = \"текст\"",
            "write it as: goal = \"text\"",
        ),
        SyntaxKind::UnclosedHeader => (
            "заголовок раздела не закрыт",
            "a section header is not closed",
            "заголовок раздела пишется в квадратных скобках: [criteria]",
            "a section header is written in square brackets: [criteria]",
        ),
        SyntaxKind::BadArray => (
            "ошибка в списке […]",
            "error in a list […]",
            "элементы списка разделяются запятыми, список закрывается ]",
            "separate list items with commas and close the list with ]",
        ),
        SyntaxKind::BadInlineTable => (
            "ошибка во встроенной таблице {…}",
            "error in an inline table {…}",
            "пишите так: { term = \"…\", definition = \"…\" } — всё на одной строке, через запятые",
            "write it as: { term = \"…\", definition = \"…\" } on one line, separated by commas",
        ),
        SyntaxKind::BadDate => (
            "неверная дата: такого дня нет в календаре или дата записана не так",
            "invalid date: no such day, or written wrongly",
            "дата пишется как 2023-09-01 (год-месяц-день) или в кавычках \"01.09.2023\"",
            "write a date as 2023-09-01 (year-month-day) or in quotes \"01.09.2023\"",
        ),
        SyntaxKind::TrailingText => ("после значения в той же строке стоит лишний текст", "unexpected text after the value on the same line",
         "каждое поле пишется на своей строке; если внутри текста есть кавычка \", напишите её как \\\" или возьмите весь текст в '''…'''",
         "each field goes on its own line; a quote \" inside the text is written \\\" or put the whole text in '''…'''"),
        SyntaxKind::NonLatinKey => ("название поля должно быть латиницей", "a field name must be in Latin letters",
         "названия полей пишутся латиницей без пробелов, как в образце (goal, problem); русский текст — только в кавычках после =",
         "field names are Latin letters without spaces, as in the sample (goal, problem); text goes in quotes after ="),
        SyntaxKind::BadKey => (
            "недопустимое название поля",
            "invalid field name",
            "названия полей пишутся латиницей без пробелов (goal, problem); текст берите в кавычки",
            "field names are Latin letters without spaces (goal, problem); put text in quotes",
        ),
        SyntaxKind::ControlChar => (
            "в тексте стоит невидимый управляющий символ",
            "the text contains an invisible control character",
            "удалите его: поставьте курсор сразу после указанного места и сотрите один символ (такие символы попадают в текст при копировании из PDF или Word)",
            "delete it: put the cursor just after the marked place and erase one character (such characters come in when copying from a PDF or Word)",
        ),
        SyntaxKind::DottedDate => (
            "дата записана через точки без кавычек",
            "a date is written with dots and without quotes",
            "",
            "",
        ),
        SyntaxKind::CurlyQuotes => (
            "текст взят в типографские кавычки, а TOML понимает только прямые \" или '",
            "the text is in typographic quotes, and TOML reads only straight \" or '",
            "замените кавычки вокруг значения на прямые: title = \"…\" (Word ставит “ ” сам — отключите «Автоформат при вводе» или наберите кавычки в Блокноте); внутри текста «ёлочки» можно оставить",
            "replace the quotes around the value with straight ones: title = \"…\" (Word types “ ” by itself: turn off AutoFormat As You Type or type them in Notepad); «guillemets» inside the text may stay",
        ),
        SyntaxKind::Other => ("ошибка в записи", "syntax error",
         "текст пишется в кавычках: goal = \"…\"; многострочный текст — в тройных кавычках \"\"\"…\"\"\"",
         "text goes in quotes: goal = \"…\"; multi-line text in triple quotes \"\"\"…\"\"\""),
    };
    (lang.t(ru, en), lang.t(hint_ru, hint_en))
}

/// The name of a typography rule, as the title of its hint.
pub fn rule_name(rule: Rule, lang: Lang) -> &'static str {
    match rule {
        Rule::Quotes => lang.t(
            "Кавычки: внешние «ёлочки», внутренние „лапки“",
            "Quotes: outer «guillemets», inner „low-high“ quotes",
        ),
        Rule::Dash => lang.t(
            "Тире между словами: неразрывный пробел перед «—», обычный после",
            "Dash between words: non-breaking space before «—», normal space after",
        ),
        Rule::Range => lang.t(
            "Диапазон: короткое тире без пробелов (2012–2015, сентябрь–май, XIX–XX)",
            "Range: en dash without spaces (2012–2015, сентябрь–май, XIX–XX)",
        ),
        Rule::ShortWord => lang.t(
            "Неразрывный пробел после короткого слова (в, к, с, и, на, по…)",
            "Non-breaking space after a short word (в, к, с, и, на, по…)",
        ),
        Rule::Initials => lang.t(
            "Неразрывные пробелы в инициалах и после них (А. С. Пушкин)",
            "Non-breaking spaces inside and after initials (А. С. Пушкин)",
        ),
        Rule::NumberSign => lang.t(
            "Неразрывный пробел после знака № или §",
            "Non-breaking space after № or §",
        ),
        Rule::Unit => lang.t(
            "Неразрывный пробел между числом и единицей (208 с., 2005 г.)",
            "Non-breaking space between a number and its unit (208 с., 2005 г.)",
        ),
        Rule::Abbreviation => lang.t(
            "Неразрывный пробел в сокращениях и после них (т. е., см. рис. 2, С. 56, г. Москва)",
            "Non-breaking space inside and after abbreviations (т. е., см. рис. 2, С. 56, г. Москва)",
        ),
        Rule::Particle => lang.t(
            "Неразрывный пробел перед частицей бы, ли, же (хотелось бы)",
            "Non-breaking space before the particles бы, ли, же (хотелось бы)",
        ),
        Rule::Ellipsis => lang.t(
            "Многоточие одним знаком: «…» вместо трёх точек",
            "Ellipsis as one character: «…» instead of three points",
        ),
        Rule::Date => lang.t(
            "Неразрывный пробел между числом и месяцем (2 марта)",
            "Non-breaking space between a day and its month (2 марта)",
        ),
    }
}

const STRUCTURED_SAMPLE_RU: &str =
    "Запишите источник структурированно, и запись будет оформлена по ГОСТ Р 7.0.100-2018: \
{ type = \"book\", author = [\"Фамилия И. О.\"], title = \"…\", genre = \"учебное пособие\", \
publisher-place = \"Москва\", publisher = \"…\", issued = 2005, number-of-pages = 208 }";

const STRUCTURED_SAMPLE_EN: &str =
    "Write the source as a structured entry and it is formatted by GOST R 7.0.100-2018: \
{ type = \"book\", author = [\"Фамилия И. О.\"], title = \"…\", genre = \"учебное пособие\", \
publisher-place = \"Москва\", publisher = \"…\", issued = 2005, number-of-pages = 208 }";

fn old_style_words(finding: &OldStyle, lang: Lang) -> String {
    match (finding, lang) {
        (OldStyle::ContentMarker(what), Lang::Ru) => format!("Обозначение «[{what}]» по ГОСТ Р 7.0.100-2018 больше не используется: в конце записи пишут «Текст : непосредственный» или «Текст : электронный»."),
        (OldStyle::ContentMarker(what), Lang::En) => format!("The marker `[{what}]` is obsolete under GOST R 7.0.100-2018: the record ends with «Текст : непосредственный» or «Текст : электронный»."),
        (OldStyle::AreaSeparator, _) => lang.t(
            "Области описания разделяются знаком «. — » (точка, пробел, тире, пробел).",
            "Areas are separated by «. — » (point, space, dash, space).",
        ).into(),
        (OldStyle::Place(full), Lang::Ru) => format!("Место издания пишется полностью, а перед издательством — « : »: «{full} : Издательство»."),
        (OldStyle::Place(full), Lang::En) => format!("The place is written in full, followed by « : »: «{full} : Publisher»."),
        (OldStyle::PagesGlued, _) => lang.t(
            "Объём пишется через пробел: «208 с.».",
            "Write the page count with a space: «208 с.».",
        ).into(),
    }
}

impl Message {
    /// What is wrong, in one line.
    pub fn text(&self, lang: Lang) -> String {
        use Message::*;
        let t = |ru, en| lang.t(ru, en).to_string();
        match self {
            Syntax { kind, raw, .. } => {
                let mut s = format!(
                    "{}: {}",
                    lang.t("ошибка в оформлении TOML", "TOML syntax error"),
                    syntax_words(*kind, lang).0
                );
                if matches!(kind, SyntaxKind::Other | SyntaxKind::ControlChar) {
                    s.push_str(&format!(" ({raw})"));
                }
                if *kind == SyntaxKind::CurlyQuotes {
                    let close = match raw.as_str() {
                        "«" => "»",
                        "„" => "“",
                        "‘" | "’" => "’",
                        _ => "”",
                    };
                    s = match lang {
                        Lang::Ru => format!("ошибка в оформлении TOML: текст взят в кавычки {raw}…{close}, а TOML понимает только прямые \" или '"),
                        Lang::En => format!("TOML syntax error: the text is in the quotes {raw}…{close}, and TOML reads only straight \" or '"),
                    };
                }
                s
            }
            WrongType {
                field,
                expected,
                found,
                ..
            } => {
                let want: Vec<&str> = expected.iter().map(|k| kind_words(*k, lang)).collect();
                format!(
                    "{}: {} {}, {} {}",
                    field_name(field, lang),
                    lang.t("ожидается", "expected"),
                    want.join(lang.t(" или ", " or ")),
                    lang.t("а написано:", "found"),
                    kind_words(*found, lang)
                )
            }
            InvalidDate { field, text } => format!(
                "{}: {} «{text}»",
                field_name(field, lang),
                lang.t("неверная дата", "invalid date")
            ),
            UnknownValue { field, value, .. } => format!(
                "{}: {} «{value}»",
                field_name(field, lang),
                lang.t("недопустимое значение", "value not allowed")
            ),
            ProfileFit { key, left, .. } => {
                let what = match *key {
                    "margin_right_mm" => lang.t(
                        "поля слева и справа оставляют для текста",
                        "the left and right margins leave the text",
                    ),
                    "margin_bottom_mm" => lang.t(
                        "поля сверху и снизу оставляют для текста",
                        "the top and bottom margins leave the text",
                    ),
                    _ => lang.t(
                        "колонке «Содержание» таблицы остаётся",
                        "the table's content column is left with",
                    ),
                };
                format!("{what} {left:.0} {}", lang.t("мм", "mm"))
            }
            OutOfRange { field, value, .. } => format!(
                "{}: {} {value} {}",
                field_name(field, lang),
                lang.t("значение", "the value"),
                lang.t("вне допустимых пределов", "is out of range")
            ),
            UnknownKey { key, section, .. } => {
                let place = match section {
                    Section::Top => t("в начале карточки", "at the top of the card"),
                    Section::Profile => t("в профиле", "in the profile"),
                    Section::Table(p) => format!("{} [{p}]", lang.t("в разделе", "in section")),
                    Section::Entry(p, i) => {
                        format!("{} [[{p}]] № {}", lang.t("в разделе", "in section"), i + 1)
                    }
                };
                format!(
                    "{} «{key}» {place}",
                    lang.t("неизвестное поле", "unknown field")
                )
            }
            MissingCriterion { key } => format!(
                "{} {}",
                lang.t("нет строки таблицы:", "missing table row:"),
                describe(key, lang)
            ),
            MissingSection => t(
                "в карточке нет раздела [criteria] с таблицей критериев",
                "the card has no [criteria] section with the criteria table",
            ),
            MissingField { name, parent } => format!(
                "{} «{name}»{}",
                lang.t("не хватает обязательного поля", "missing required field"),
                if parent.segments().is_empty() {
                    String::new()
                } else {
                    format!(" ({})", field_name(parent, lang))
                }
            ),
            InvalidCard { detail } => detail.clone(),
            MaterialsFile { file, problem } => match problem {
                MaterialsProblem::Unreadable(e) => format!(
                    "{} «{file}»: {}",
                    lang.t(
                        "не удалось прочитать файл источников",
                        "cannot read the sources file"
                    ),
                    file_error(e, lang)
                ),
                MaterialsProblem::Invalid(e) => format!(
                    "{} «{file}»: {}",
                    lang.t("файл источников", "the sources file"),
                    csl_error(e, lang)
                ),
            },
            EmptyField { what } => match what {
                Unfilled::Title => t("не заполнено название работы (title)", "the title is empty"),
                Unfilled::Role { index } => format!(
                    "{} {}: {}",
                    lang.t("участник", "participant"),
                    index + 1,
                    lang.t("не указана должность или роль (role)", "role is empty")
                ),
                Unfilled::Definition { index, field } => format!(
                    "{} {}: {} `{field}`",
                    lang.t("определение", "definition"),
                    index + 1,
                    lang.t("пустое поле", "empty field")
                ),
            },
            EmptyCriterion { key } => {
                let numbered = criterion(key).and_then(|c| c.number).is_some();
                format!(
                    "{} {}",
                    capitalise(&describe(key, lang)),
                    if numbered {
                        lang.t("не заполнен", "is empty")
                    } else {
                        lang.t("не заполнена", "is empty")
                    }
                )
            }
            PlaceholderCriterion { key, text } => match lang {
                Lang::Ru if criterion(key).and_then(|c| c.number).is_none() => format!(
                    "{} не заполнена: вместо текста стоит «{text}»",
                    capitalise(&describe(key, lang))
                ),
                Lang::Ru => format!(
                    "{} не заполнен: вместо текста стоит «{text}»",
                    capitalise(&describe(key, lang))
                ),
                Lang::En => format!(
                    "{} is not filled in: it holds only «{text}»",
                    capitalise(&describe(key, lang))
                ),
            },
            ShortCriterion { key, letters } => format!(
                "{}: {} ({})",
                capitalise(&describe(key, lang)),
                lang.t("очень короткий текст", "very short text"),
                lang.count(*letters, ["буква", "буквы", "букв"], ["letter", "letters"])
            ),
            JuryNamesAuthor { name } => match lang {
                Lang::Ru => format!("копия для жюри: в тексте названа фамилия автора «{name}», по ней жюри узнает, чья это работа"),
                Lang::En => format!("jury copy: the text names the author “{name}”, by which the jury can tell whose work it is"),
            },
            JuryNamesOrganisation { name } => match lang {
                Lang::Ru => format!("копия для жюри: в тексте названа организация авторов «{name}»"),
                Lang::En => format!("jury copy: the text names the authors' organisation “{name}”"),
            },
            ReverseRoles => t(
                "реверсивное наставничество: из описания участников не видно, кто кого наставляет",
                "reverse mentoring: the participants do not say who mentors whom",
            ),
            ParticipantEmpty { index, role } => format!(
                "{} {} ({role}): {}",
                lang.t("участник", "participant"),
                index + 1,
                lang.t(
                    "не сказано, чем он делится и чему учится",
                    "nothing listed to share or learn"
                )
            ),
            LimitCriterionChars { key, count, max } => {
                let name = criterion(key)
                    .map(|i| capitalise(&i.describe(lang)))
                    .unwrap_or_default();
                format!(
                    "{name}: {} — {} {max}",
                    lang.chars(*count),
                    lang.t("больше допустимых", "over the limit of")
                )
            }
            LimitTotalChars { count, max } => format!(
                "{}: {} — {} {max}",
                lang.t("объём работы", "total volume"),
                lang.chars(*count),
                lang.t("больше допустимых", "over the limit of")
            ),
            LimitPages { pages, limit, over } => format!(
                "{} {} — {} {limit}",
                lang.t("в PDF получится", "the PDF will have"),
                lang.pages(*pages),
                if *over {
                    lang.t("больше допустимых", "over the maximum of")
                } else {
                    lang.t("меньше требуемых", "under the minimum of")
                }
            ),
            RequiredRow { key } => format!(
                "{} {}",
                lang.t("конкурс требует заполнить:", "the contest requires"),
                describe(key, lang)
            ),
            RequiredField { key } => format!(
                "{} «{key}»",
                lang.t(
                    "конкурс требует указать поле",
                    "the contest requires the field"
                )
            ),
            InvalidSchoolYear { text } => format!(
                "{} «{text}»",
                lang.t("неверный учебный год", "invalid school year")
            ),
            PeriodOrder { start, end } => format!(
                "{} ({end}) {} ({start})",
                lang.t("дата окончания", "the end date"),
                lang.t("раньше даты начала", "is before the start date")
            ),
            PeriodFuture { end } => format!(
                "{} {end} {}",
                lang.t("дата окончания", "the end date"),
                lang.t("ещё не наступила", "is in the future")
            ),
            NormUnknownRef { reference: r } => match lang {
                Lang::Ru => format!("Акт «{r}» не найден во встроенном справочнике: укажите вид (kind), дату (date), номер (number) и название (title) полностью."),
                Lang::En => format!("The act `{r}` is not in the built-in registry: give kind, date, number and title in full."),
            },
            NormMissingKind => t(
                "Не указан вид акта (kind): «Федеральный закон», «Указ Президента Российской Федерации», «Приказ»…",
                "The kind of act is missing (kind): «Федеральный закон», «Указ Президента Российской Федерации», «Приказ»…",
            ),
            NormMissingDate { written: Written::Act } => t(
                "У нормативного акта не указана дата принятия (date).",
                "The normative act has no date (date).",
            ),
            NormMissingDate { written: Written::Text } => t(
                "У нормативного акта не указана дата принятия (ДД.ММ.ГГГГ).",
                "The normative act has no date (DD.MM.YYYY).",
            ),
            NormMissingNumber { written: Written::Act } => t(
                "У нормативного акта не указан номер (number).",
                "The normative act has no number (number).",
            ),
            NormMissingNumber { written: Written::Text } => t(
                "У нормативного акта не указан номер (№ …).",
                "The normative act has no number (№ …).",
            ),
            NormMissingTitle { about } => match (about.and_then(|n| act_about(n, lang)), lang) {
                (Some(about), Lang::Ru) => format!("Не указано название акта (title); по сведениям справочника акт касается: {about}. Впишите официальное название из источника (например, pravo.gov.ru)."),
                (Some(about), Lang::En) => format!("The act has no title (title); the registry says it concerns {about}. Copy the official title from the source (e.g. pravo.gov.ru)."),
                (None, _) => t(
                    "Не указано название акта (title). Впишите официальное название из источника (например, pravo.gov.ru).",
                    "The act has no title (title). Copy the official title from the source (e.g. pravo.gov.ru).",
                ),
            },
            NormGoals2024 => t(
                "Указ Президента РФ от 07.05.2018 № 204 ставил национальные цели на период до 2024 года. \
                 Проверьте актуальность ссылки: национальные цели на период до 2030 года и на перспективу \
                 до 2036 года установлены Указом Президента РФ от 07.05.2024 № 309 (ранее — Указ от \
                 21.07.2020 № 474).",
                "Presidential Decree No. 204 of 07.05.2018 set national goals to 2024. Check that the \
                 reference is still relevant: the goals to 2030 and, in perspective, to 2036 are set by \
                 Decree No. 309 of 07.05.2024 (before it, Decree No. 474 of 21.07.2020).",
            ),
            NormProjectEnded { project: EndedProject::ModernSchool } => t(
                "Федеральный проект «Современная школа» входил в национальный проект «Образование» \
                 (2019–2024), который завершился в 2024 году. С 2025 года действует национальный проект \
                 «Молодёжь и дети» (2025–2030) с федеральным проектом «Педагоги и наставники».",
                "The federal project «Современная школа» (Modern School) belonged to the national \
                 project «Образование» (Education, 2019–2024), which ended in 2024. Its successor is the \
                 national project «Молодёжь и дети» (Youth and Children, 2025–2030) with the federal \
                 project «Педагоги и наставники» (Teachers and Mentors).",
            ),
            NormProjectEnded { project: EndedProject::Education } => t(
                "Национальный проект «Образование» (2019–2024) завершился в 2024 году. С 2025 года \
                 действует национальный проект «Молодёжь и дети» (2025–2030) с федеральным проектом \
                 «Педагоги и наставники».",
                "The national project «Образование» (Education, 2019–2024) ended in 2024. Its successor \
                 is the national project «Молодёжь и дети» (Youth and Children, 2025–2030) with the \
                 federal project «Педагоги и наставники» (Teachers and Mentors).",
            ),
            NormUseRef { reference: r } => match lang {
                Lang::Ru => format!(
                    "Этот акт есть во встроенном справочнике: запишите его как {{ ref = \"{r}\" }} \
                     (и при необходимости amendments), и ссылка будет оформлена автоматически."
                ),
                Lang::En => format!(
                    "This act is in the built-in registry: write it as {{ ref = \"{r}\" }} (plus \
                     amendments if needed) and the citation is formatted for you."
                ),
            },
            OldStyleSource {
                finding, markers, ..
            } => format!(
                "{} {} ({})",
                old_style_words(finding, lang),
                lang.t(
                    "— оформление по старому ГОСТ 7.1-2003",
                    "— old ГОСТ 7.1-2003 style"
                ),
                markers.join(" ")
            ),
            BiblioNoTitle => t("У источника нет заглавия.", "The entry has no title."),
            BiblioUnknownType { kind } => match lang {
                Lang::Ru => format!("Неизвестный вид источника «{kind}»: запись оформлена как книга. Возможные виды: book, chapter, article-journal, webpage, legislation."),
                Lang::En => format!("Unknown entry type `{kind}`: formatted as a book. Known types include book, chapter, article-journal, webpage, legislation."),
            },
            BiblioNoContainer => t(
                "Для статьи или главы укажите журнал или сборник (container-title): он пишется после «//».",
                "An article or chapter needs the journal or book it appeared in (container-title), printed after «//».",
            ),
            BiblioWebNoUrl => t(
                "Для сайта укажите адрес (URL) и дату обращения (accessed).",
                "A website needs its address (URL) and the date it was accessed (accessed).",
            ),
            BiblioIsbnInvalid { isbn } => match lang {
                Lang::Ru => format!("ISBN {isbn} не проходит проверку контрольной цифры: сверьте его с оборотом титульного листа."),
                Lang::En => format!("ISBN {isbn} fails its check digit: compare it with the book's copyright page."),
            },
            BiblioUrlNoAccessDate => t(
                "Для ссылки на электронный ресурс (URL) нужна дата обращения: accessed = 2025-01-31.",
                "A URL needs the date it was accessed: accessed = 2025-01-31.",
            ),
            BiblioAccessDateFuture { date, today } => match lang {
                Lang::Ru => format!(
                    "Дата обращения {} ещё не наступила (сегодня {}).",
                    date.dotted(),
                    today.dotted()
                ),
                Lang::En => format!(
                    "The access date {} is in the future (today is {}).",
                    date.dotted(),
                    today.dotted()
                ),
            },
            BiblioAccessDateNoUrl => t(
                "Дата обращения указана, а адреса (URL) нет.",
                "An access date is given but no URL.",
            ),
            Typography {
                field, rule, count, ..
            } => format!(
                "{}: {} ({})",
                field_words(field, lang),
                rule_name(*rule, lang),
                lang.places(*count)
            ),
            LinkScheme { field, url } => match lang {
                Lang::Ru => format!("{}: ссылка «{url}» без https://", field_words(field, lang)),
                Lang::En => format!("{}: the link «{url}» has no https://", field_words(field, lang)),
            },
            TypographyNbsp { count } => format!(
                "{} {}",
                lang.t(
                    "при сборке будут расставлены неразрывные пробелы:",
                    "the build will insert non-breaking spaces:"
                ),
                lang.places(*count)
            ),
            MissingGlyph { ch, criterion: key } => {
                let code = u32::from(*ch);
                let label = key.and_then(criterion).map(|c| c.label(lang));
                match (lang, label) {
                    (Lang::En, Some(label)) => format!(
                        "PDF: the font has no glyph for '{ch}' (U+{code:04X}) in the criterion «{label}»; a □ is drawn instead"
                    ),
                    (Lang::En, None) => format!(
                        "PDF: the font has no glyph for '{ch}' (U+{code:04X}); a □ is drawn instead"
                    ),
                    (Lang::Ru, Some(label)) => format!(
                        "PDF: в шрифте нет знака '{ch}' (U+{code:04X}) в критерии «{label}»; вместо него нарисован □"
                    ),
                    (Lang::Ru, None) => format!(
                        "PDF: в шрифте нет знака '{ch}' (U+{code:04X}); вместо него нарисован □"
                    ),
                }
            }
            CollectionNoMatch { pattern } => format!(
                "{} «{pattern}» {}",
                lang.t("по шаблону", "the pattern"),
                lang.t("не нашлось ни одной карточки", "matches no card")
            ),
            CollectionCardMissing { path } => format!(
                "{} «{path}» {}",
                lang.t("карточки", "the card"),
                lang.t("нет", "is not there")
            ),
            CollectionCardTwice { path } => format!(
                "{} {path} {}",
                lang.t("карточка", "the card"),
                lang.t("указана дважды: в сборник она войдёт один раз", "is listed twice: it goes in once")
            ),
            CollectionCardOutside { path } => match lang {
                Lang::Ru => format!("карточка {path} лежит вне папки сборника (или попадает туда по ссылке): проверьте, та ли это карточка"),
                Lang::En => format!("the card {path} lies outside the collection's folder (or is reached through a link): check it is the right one"),
            },
            CollectionNotACard { path } => match lang {
                Lang::Ru => format!("{path} — не карточка (у карточки расширение .toml): файл не прочитан и в сборник не войдёт"),
                Lang::En => format!("{path} is not a card (a card ends in .toml): the file was not read and stays out"),
            },
            CollectionEmpty => t(
                "в сборнике нет ни одной карточки",
                "the collection lists no cards",
            ),
            CollectionNoTitle => t(
                "у сборника нет названия",
                "the collection has no title",
            ),
            CollectionCardSkipped { path } => format!(
                "{} {path} {}",
                lang.t("карточка", "the card"),
                lang.t(
                    "не прошла проверку и пропущена (--skip-invalid)",
                    "fails the check and is left out (--skip-invalid)"
                )
            ),
            FontFaceMissing {
                family,
                style,
                instead,
                profile,
            } => format!(
                "PDF: {} «{family}»{} {} «{}»: {} «{}»",
                lang.t("в семействе", "the family"),
                match (profile, lang) {
                    (Some(p), Lang::Ru) => format!(" (font_family в профиле {p})"),
                    (Some(p), Lang::En) => format!(" (font_family of the profile {p})"),
                    (None, _) => String::new(),
                },
                lang.t("нет начертания", "has no face"),
                style_name(*style, lang),
                lang.t("вместо него используется", "it is set in"),
                style_name(*instead, lang)
            ),
            LinkNotAllowed { url, format } => {
                let what = match format {
                    LinkFormat::Html => "HTML",
                    LinkFormat::Docx => "DOCX",
                    LinkFormat::Markdown => "Markdown",
                    LinkFormat::Pdf => "PDF",
                };
                match lang {
                    Lang::Ru => format!("{what}: ссылка {url:?} записана простым текстом: разрешены только ссылки http, https, mailto, tel и ftp"),
                    Lang::En => format!("{what}: link target {url:?} was written as text: only http, https, mailto, tel and ftp links are allowed"),
                }
            }
        }
    }

    /// How to fix it: zero or more lines.
    pub fn hints(&self, lang: Lang) -> Vec<String> {
        use Message::*;
        let one = |ru: &str, en: &str| vec![lang.t(ru, en).to_string()];
        match self {
            Syntax { kind, raw, more } => {
                let mut hints = match kind {
                    SyntaxKind::DottedDate => vec![dotted_date_hint(raw, lang)],
                    _ => vec![syntax_words(*kind, lang).1.to_string()],
                };
                if *more > 0 {
                    hints.push(format!(
                        "{} {}",
                        lang.t(
                            "после исправления проверьте файл снова: ниже найдено ещё",
                            "check the file again after fixing this: further down there are"
                        ),
                        lang.count(*more, ["место", "места", "мест"], ["more place", "more places"])
                    ));
                }
                hints
            }
            WrongType { hint, .. } => match hint {
                TypeHint::Quote { key, raw } => vec![format!(
                    "{} {key} = \"{raw}\"",
                    lang.t("возьмите значение в кавычки:", "put the value in quotes:")
                )],
                TypeHint::QuoteIfText { key, raw } => vec![format!(
                    "{} {key} = \"{raw}\"",
                    lang.t(
                        "если это текст, возьмите его в кавычки:",
                        "if this is text, put it in quotes:"
                    )
                )],
                TypeHint::Kind { want, found, date } => {
                    vec![type_hint(*want, *found, *date, lang).to_string()]
                }
                TypeHint::None => Vec::new(),
            },
            InvalidDate { .. } => one(
                "такой даты нет в календаре или она записана не так; пишите 2023-09-01 или \"01.09.2023\"",
                "no such calendar date, or it is written wrongly; write 2023-09-01 or \"01.09.2023\"",
            ),
            UnknownValue {
                allowed,
                suggestion,
                ..
            } => {
                let mut hints: Vec<String> = suggestion
                    .iter()
                    .map(|s| format!("{} «{s}»?", lang.t("возможно, имелось в виду", "did you mean")))
                    .collect();
                hints.push(format!(
                    "{} {}",
                    lang.t("допустимо:", "allowed:"),
                    allowed.join(", ")
                ));
                hints
            }
            ProfileFit { need, .. } => vec![format!(
                "{} {need:.0} {} (A4: 210 × 297 {})",
                lang.t("нужно не меньше", "it needs at least"),
                lang.t("мм: уменьшите поля или ширину колонок", "mm: make the margins or columns smaller"),
                lang.t("мм", "mm")
            )],
            OutOfRange { min, max, .. } => {
                let number = |n: &f64| format!("{n}");
                vec![match (min.as_ref().map(number), max.as_ref().map(number)) {
                    (Some(lo), Some(hi)) => format!(
                        "{} {lo} {} {hi}",
                        lang.t("напишите число от", "write a number from"),
                        lang.t("до", "to")
                    ),
                    (Some(lo), None) => format!(
                        "{} {lo}",
                        lang.t("напишите число не меньше", "write a number of at least")
                    ),
                    (None, Some(hi)) => format!(
                        "{} {hi}",
                        lang.t("напишите число не больше", "write a number of at most")
                    ),
                    (None, None) => lang.t("напишите число", "write a number").to_string(),
                }]
            }
            UnknownKey {
                key,
                section,
                belongs_at_top: true,
                ..
            } => {
                let header = match section {
                    Section::Entry(p, _) => format!("[[{p}]]"),
                    Section::Table(p) => format!("[{p}]"),
                    Section::Top | Section::Profile => "[…]".into(),
                };
                vec![match lang {
                    Lang::Ru => format!("«{key}» пишется в начале файла: всё, что стоит после заголовка {header}, TOML относит к этому разделу; перенесите эту строку выше первого заголовка в квадратных скобках"),
                    Lang::En => format!("«{key}» belongs at the top of the file: TOML puts every line after the header {header} into that section; move this line above the first header in square brackets"),
                }]
            }
            UnknownKey {
                suggestion,
                suggestion_is_criterion,
                allowed,
                ..
            } => match suggestion {
                Some(best) => {
                    let label = match criterion(best) {
                        Some(c) if *suggestion_is_criterion => format!(" — {}", c.label(lang)),
                        _ => String::new(),
                    };
                    vec![format!(
                        "{} «{best}»{label}?",
                        lang.t("возможно, имелось в виду", "did you mean")
                    )]
                }
                None => {
                    let mut names = allowed.clone();
                    names.sort_unstable();
                    vec![format!(
                        "{} {}",
                        lang.t("здесь допустимы поля:", "fields allowed here:"),
                        names.join(", ")
                    )]
                }
            },
            MissingCriterion { key: "materials" } => one(
                "добавьте в раздел [criteria]: materials = [\"…\"] или materials_file = \"источники.json\" (экспорт из Zotero)",
                "add to section [criteria]: materials = [\"…\"] or materials_file = \"sources.json\" (a Zotero export)",
            ),
            MissingCriterion { key } => vec![format!(
                "{} [criteria]: {key} = \"…\" ({})",
                lang.t("добавьте в раздел", "add to section"),
                criterion(key).map(|c| c.hint(lang)).unwrap_or_default()
            )],
            CollectionNoMatch { .. } => one(
                "шаблон пишется от папки файла сборника: \"cards/*.toml\"; проверьте имя папки и расширение",
                "patterns are relative to the collection file's folder: \"cards/*.toml\"; check the folder and the extension",
            ),
            CollectionCardMissing { .. } => one(
                "путь пишется от папки файла сборника; проверьте имя файла",
                "paths are relative to the collection file's folder; check the file name",
            ),
            CollectionEmpty => one(
                "перечислите карточки: cards = [\"cards/*.toml\"]",
                "list the cards: cards = [\"cards/*.toml\"]",
            ),
            CollectionNoTitle => one(
                "впишите название для титульного листа: title = \"Лучшие практики наставничества\"",
                "write the title page's title: title = \"Best mentoring practices\"",
            ),
            MissingSection => one(
                "добавьте раздел [criteria]; образец даёт команда `mentorcard new`",
                "add a [criteria] section; `mentorcard new` writes a sample",
            ),
            MissingField { name, .. } => vec![format!(
                "{} {name} = \"…\"",
                lang.t("добавьте поле:", "add the field:")
            )],
            MaterialsFile {
                problem: MaterialsProblem::Unreadable(_),
                ..
            } => one(
                "путь указывается от папки, где лежит карточка; экспортируйте источники из Zotero в формате CSL JSON",
                "the path is relative to the card's folder; export the sources from Zotero as CSL JSON",
            ),
            MaterialsFile {
                problem: MaterialsProblem::Invalid(CslError::Item { .. }),
                ..
            } => one(
                "исправьте запись в Zotero и выгрузите файл заново (CSL JSON); числа — без кавычек или в кавычках, даты — полностью: {\"date-parts\": [[2019, 6, 26]]}",
                "fix the item in Zotero and export the file again (CSL JSON); numbers with or without quotes, dates in full: {\"date-parts\": [[2019, 6, 26]]}",
            ),
            MaterialsFile {
                problem: MaterialsProblem::Invalid(_),
                ..
            } => one(
                "выгрузите файл из Zotero заново: Файл → Экспортировать библиотеку…, формат CSL JSON",
                "export the file from Zotero again: File → Export Library…, format CSL JSON",
            ),
            EmptyField {
                what: Unfilled::Title,
            } => one(
                "напишите название в кавычках: title = \"Реверсивное наставничество\"",
                "write the title in quotes: title = \"Reverse mentoring\"",
            ),
            EmptyField {
                what: Unfilled::Role { .. },
            } => one("например: role = \"Воспитатель\"", "e.g. role = \"Teacher\""),
            EmptyCriterion { key } | PlaceholderCriterion { key, .. } => vec![format!(
                "{} {}",
                lang.t("что здесь писать:", "what belongs here:"),
                criterion(key).map(|c| c.hint(lang)).unwrap_or_default()
            )],
            ShortCriterion { .. } => one(
                "жюри оценивает содержание: раскройте критерий подробнее",
                "the jury judges the content: say more here",
            ),
            JuryNamesAuthor { .. } | JuryNamesOrganisation { .. } => one(
                "решите, оставить ли это место: копия сделана из текста карточки как есть; чтобы убрать, исправьте карточку и соберите копии заново",
                "decide whether this may stay: the copy keeps the card's text as it is; to remove it, edit the card and build the copies again",
            ),
            ReverseRoles => one(
                "укажите у участников mentoring = \"наставник\" (младший по возрасту или стажу) и mentoring = \"наставляемый\"",
                "set mentoring = \"mentor\" (the younger or less senior one) and mentoring = \"mentee\"",
            ),
            ParticipantEmpty { .. } => one(
                "добавьте shares = [\"…\"] (чем делится) и learns = [\"…\"] (чему учится)",
                "add shares = [\"…\"] and learns = [\"…\"]",
            ),
            LimitCriterionChars { count, max, .. } | LimitTotalChars { count, max } => {
                vec![format!(
                    "{} {}",
                    lang.t("сократите текст на", "shorten the text by"),
                    lang.chars(count.saturating_sub(*max))
                )]
            }
            RequiredRow { key } => vec![format!(
                "{} [criteria]: {key} = '''…'''",
                lang.t("добавьте в раздел", "add to section")
            )],
            RequiredField { key } => vec![match key.as_str() {
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
            }],
            InvalidSchoolYear { .. } => one(
                "учебный год пишется как \"2023/2024\": два года подряд через косую черту",
                "write a school year as \"2023/2024\": two consecutive years with a slash",
            ),
            PeriodOrder { .. } => one(
                "проверьте, не перепутаны ли даты",
                "check whether the dates are swapped",
            ),
            PeriodFuture { .. } => one(
                "если практика продолжается, уберите end и напишите «по настоящее время»",
                "if the practice goes on, remove end and say so in the text",
            ),
            OldStyleSource { hint, .. } => vec![match (hint, lang) {
                (OldStyleHint::Structured { toml, record }, Lang::Ru) => format!(
                    "Запишите источник структурированно (проверьте поля):\n[[criteria.materials]]\n{toml}\nПолучится: {record}"
                ),
                (OldStyleHint::Structured { toml, record }, Lang::En) => format!(
                    "Write the source as a structured entry (check the fields):\n[[criteria.materials]]\n{toml}\nIt gives: {record}"
                ),
                (OldStyleHint::Sample, _) => lang.t(STRUCTURED_SAMPLE_RU, STRUCTURED_SAMPLE_EN).into(),
                (OldStyleHint::Pages, _) => "number-of-pages = 208".into(),
            }],
            LinkScheme { url, .. } => vec![match lang {
                Lang::Ru => format!("при сборке ссылка станет https://{url} во всех форматах; если сайт открывается только по http://, напишите адрес полностью"),
                Lang::En => format!("the build makes the link https://{url} in every format; if the site opens only over http://, write the whole address"),
            }],
            Typography {
                example: (from, to),
                ..
            } => vec![format!(
                "{} «{from}» → «{to}»",
                lang.t(
                    "при сборке будет исправлено автоматически, например:",
                    "the build fixes this automatically, e.g."
                )
            )],
            _ => Vec::new(),
        }
    }
}

fn csl_error(e: &CslError, lang: Lang) -> String {
    let item = |index: &usize, title: &str| match title {
        "" => format!("{} {index}", lang.t("запись", "item")),
        title => format!("{} {index} «{title}»", lang.t("запись", "item")),
    };
    match e {
        CslError::Syntax { line, column } => format!(
            "{} {line}, {} {column}",
            lang.t(
                "это не JSON: ошибка записи в строке",
                "this is not JSON: a syntax error at line"
            ),
            lang.t("столбце", "column")
        ),
        CslError::NotArray => lang
            .t(
                "ожидается список записей CSL-JSON […]",
                "expected a list of CSL-JSON items […]",
            )
            .into(),
        CslError::ItemNotObject(n) => format!(
            "{}: {}",
            item(n, ""),
            lang.t("это не запись {…}", "is not an item {…}")
        ),
        CslError::Item {
            index,
            title,
            field: Some(field),
            missing: true,
            ..
        } => format!(
            "{}: {} «{field}»",
            item(index, title),
            lang.t("нет обязательного поля", "the required field is missing:")
        ),
        CslError::Item {
            index,
            title,
            field: Some(field),
            value,
            ..
        } => format!(
            "{}: {} «{field}» {}: {value}",
            item(index, title),
            lang.t("поле", "the field"),
            lang.t("записано неверно", "is not valid")
        ),
        CslError::Item {
            index,
            title,
            detail,
            ..
        } => format!(
            "{}: {} ({detail})",
            item(index, title),
            lang.t("запись не читается", "cannot be read")
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Failures and status lines
// ---------------------------------------------------------------------------------------------

fn template_reason(reason: &TemplateReason, lang: Lang) -> String {
    match reason {
        TemplateReason::LinkOutside => lang
            .t(
                "это ссылка на файл вне папки шаблонов",
                "it is a link to a file outside the template folder",
            )
            .into(),
        TemplateReason::TooLarge(limit) => format!(
            "{} {limit} {}",
            lang.t("он больше", "it is larger than"),
            lang.t("байт", "bytes")
        ),
        TemplateReason::NotUtf8 => lang
            .t("он не в кодировке UTF-8", "it is not UTF-8 text")
            .into(),
        TemplateReason::Io(e) => file_error(e, lang),
    }
}

fn paths(list: &[std::path::PathBuf]) -> String {
    list.iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Failure {
    /// The whole sentence, without the «ошибка:» the CLI puts before it.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Read {
                path,
                error: FileError::NotUtf8,
            } => format!(
                "{}: {}",
                path.display(),
                lang.t(
                    "файл не в кодировке UTF-8; сохраните его как «UTF-8» в редакторе",
                    "the file is not UTF-8; save it as UTF-8 in your editor"
                )
            ),
            Failure::Read { path, error } => format!(
                "{} {}: {}",
                lang.t("не удалось прочитать файл", "cannot read file"),
                path.display(),
                file_error(error, lang)
            ),
            Failure::ProfileUnknown { name, error } => format!(
                "{} «{name}»: {} ({} {})",
                lang.t("профиль", "profile"),
                file_error(error, lang),
                lang.t("встроенные профили:", "built-in profiles:"),
                crate::profile::Profile::NAMES.join(", ")
            ),
            Failure::Profile { path, detail } => {
                let detail = match detail {
                    ProfileProblem::Toml(text) => text.clone(),
                    ProfileProblem::BaseNotText => lang
                        .t(
                            "`base` — это имя профиля в кавычках",
                            "`base` must be a profile name in quotes",
                        )
                        .into(),
                    ProfileProblem::UnknownBase(base) => format!(
                        "{} `{base}` ({} {})",
                        lang.t("неизвестный базовый профиль", "unknown base profile"),
                        lang.t("известны:", "known:"),
                        crate::profile::Profile::NAMES.join(", ")
                    ),
                };
                format!("{}: {detail}", path.display())
            }
            Failure::ProfileInvalid { path, report } => format!(
                "{} {}:\n{}",
                lang.t("профиль оформления не принят", "the profile is not accepted"),
                path.display(),
                report.trim_end()
            ),
            Failure::Usage { problem, usage } => usage_text(problem, usage, lang),
            Failure::TemplateFolder { dir, error } => format!(
                "{} {}: {}",
                lang.t(
                    "не удалось открыть папку шаблонов",
                    "cannot read template folder"
                ),
                dir.display(),
                file_error(error, lang)
            ),
            Failure::TemplateFile { path, reason } => match lang {
                Lang::Ru => format!(
                    "шаблон {} нельзя использовать: {}",
                    path.display(),
                    template_reason(reason, lang)
                ),
                Lang::En => format!(
                    "cannot use template {}: {}",
                    path.display(),
                    template_reason(reason, lang)
                ),
            },
            Failure::TemplateTooLarge { limit_mb } => match lang {
                Lang::Ru => format!("HTML: шаблон выдал больше {limit_mb} МБ текста, сборка остановлена: проверьте циклы {{% for %}} в своих шаблонах (--templates); ничего не записано"),
                Lang::En => format!("HTML: the template produced more than {limit_mb} MB of text, the build was stopped: check the {{% for %}} loops in your templates (--templates); nothing was written"),
            },
            Failure::Template { detail } => {
                format!(
                    "HTML: {}: {detail}\n  = {}: {}",
                    lang.t("ошибка в шаблоне", "template error"),
                    help_word(lang),
                    lang.t(
                        "исправьте шаблон в месте, на которое указывает стрелка: каждое {{ … }} \
                         и {% … %} должно быть закрыто, имена — как во встроенном шаблоне \
                         (mentorcard templates --eject ПАПКА выгрузит его). Текст после «ошибка \
                         в шаблоне» — сообщение библиотеки шаблонов Tera, по-английски",
                        "fix the template where the arrow points: every {{ … }} and {% … %} \
                         must be closed, names as in the built-in template (mentorcard \
                         templates --eject DIR writes it out)"
                    )
                )
            }
            Failure::TemplatesExist { paths: list } => format!(
                "{}: {} ({})",
                lang.t(
                    "шаблоны уже есть, ничего не записано",
                    "not overwriting existing templates, nothing written"
                ),
                paths(list),
                lang.t(
                    "добавьте --force, чтобы перезаписать",
                    "add --force to overwrite"
                )
            ),
            Failure::Write { path, error } => format!(
                "{} {}: {}",
                lang.t("не удалось записать", "cannot write"),
                path.display(),
                file_error(error, lang)
            ),
            Failure::OutputIsCard { path } => format!(
                "{} {} — {}",
                lang.t(
                    "отказ: файл результата совпадает с карточкой:",
                    "refused: the output would overwrite the card:"
                ),
                path.display(),
                lang.t(
                    "укажите другую папку (-o ПАПКА) или дайте карточке расширение .toml",
                    "give another folder (-o FOLDER) or name the card .toml"
                )
            ),
            Failure::NotAFolder { path } => format!(
                "{} {}",
                path.display(),
                lang.t(
                    "— это файл, а не папка: укажите вместо него папку (её создадут, если её нет) или уберите этот файл",
                    "is a file, not a folder: name a folder instead (it is created if missing) or move the file away"
                )
            ),
            Failure::SameOutput {
                path,
                first,
                second,
            } => format!(
                "{} {} {} {} {}: {}",
                lang.t("отказ: карточки", "refused: the cards"),
                first.display(),
                lang.t("и", "and"),
                second.display(),
                lang.t("записали бы один и тот же файл", "would write the same file"),
                path.display()
            ) + lang.t(
                " — переименуйте одну из них или соберите их в разные папки (-o); ничего не записано",
                " — rename one of them or build them into different folders (-o); nothing was written",
            ),
            Failure::Exists { path } => format!(
                "{} {} — {}",
                path.display(),
                lang.t("уже существует", "already exists"),
                lang.t(
                    "выберите другое имя или добавьте --force, чтобы перезаписать",
                    "choose another name or add --force to overwrite"
                )
            ),
            Failure::JuryCollection { path } => match lang {
                Lang::Ru => format!(
                    "{} — файл сборника; копии для жюри делаются из отдельных карточек: укажите их, например mentorcard build заявки/*.toml --anonymous -o жюри",
                    path.display()
                ),
                Lang::En => format!(
                    "{} is a collection file; jury copies are made of single cards: name them, for example mentorcard build entries/*.toml --anonymous -o jury",
                    path.display()
                ),
            },
            Failure::EditDocument { path } => {
                let card = path.with_extension("toml");
                match lang {
                    Lang::Ru => format!(
                        "{} — документ, а форма заполняет карточку .toml. Сделайте карточку из документа: mentorcard import {}, затем откройте её в форме: mentorcard edit {}",
                        path.display(), path.display(), card.display()
                    ),
                    Lang::En => format!(
                        "{} is a document, and the form fills in a .toml card. Make the card from the document: mentorcard import {}, then open it in the form: mentorcard edit {}",
                        path.display(), path.display(), card.display()
                    ),
                }
            }
            Failure::EditCollection { path } => match lang {
                Lang::Ru => format!(
                    "{} — файл сборника, а форма заполняет одну карточку: откройте в ней карточку из сборника, например mentorcard edit папка/карточка.toml",
                    path.display()
                ),
                Lang::En => format!(
                    "{} is a collection file, and the form fills in one card: open one of its cards, for example mentorcard edit folder/card.toml",
                    path.display()
                ),
            },
            Failure::BuildRefused { path } => format!(
                "{}: {}",
                path.display(),
                lang.t(
                    "сборка отменена: сначала исправьте ошибки (подробно: mentorcard check)",
                    "build refused: fix the errors first (details: mentorcard check)"
                )
            ),
            Failure::CollectionRefused { path, cards } => {
                let names: Vec<String> = cards.iter().map(|c| c.display().to_string()).collect();
                format!(
                    "{}: {} {}; {}",
                    path.display(),
                    lang.t(
                        "сборник не собран, не прошли проверку:",
                        "collection not built, these cards fail the check:"
                    ),
                    names.join(", "),
                    lang.t(
                        "исправьте их или добавьте --skip-invalid, чтобы собрать сборник без них",
                        "fix them, or add --skip-invalid to build the collection without them"
                    )
                )
            }
            Failure::FontUnknown { family, closest } => {
                let mut s = format!(
                    "{} «{family}» {}",
                    lang.t("шрифт", "the font"),
                    lang.t(
                        "не найден ни среди шрифтов компьютера, ни в папках --font-path",
                        "is neither installed nor in a --font-path folder"
                    )
                );
                if !closest.is_empty() {
                    let names: Vec<String> = closest.iter().map(|c| format!("«{c}»")).collect();
                    s.push_str(&format!(
                        "; {} {}",
                        lang.t("похожие:", "similar:"),
                        names.join(", ")
                    ));
                }
                s.push_str(lang.t(
                    " (список шрифтов с кириллицей: mentorcard fonts)",
                    " (fonts with Cyrillic: mentorcard fonts)",
                ));
                s
            }
            Failure::FontNoCyrillic {
                family,
                path,
                missing,
            } => {
                let letters: String = missing.iter().collect();
                format!(
                    "{} «{family}» ({}) {}: {letters}{}",
                    lang.t("в шрифте", "the font"),
                    path.display(),
                    lang.t("нет русских букв", "lacks Russian letters"),
                    lang.t(
                        " — выберите шрифт с кириллицей (mentorcard fonts)",
                        " — choose a font with Cyrillic (mentorcard fonts)"
                    )
                )
            }
            Failure::FontUnreadable { path, error } => format!(
                "{} {}: {}",
                lang.t(
                    "не удалось прочитать файл шрифта",
                    "cannot read the font file"
                ),
                path.display(),
                file_error(error, lang)
            ),
            Failure::FontCorrupt { path } => format!(
                "{} {} {}",
                lang.t("файл шрифта", "the font file"),
                path.display(),
                lang.t(
                    "повреждён или это не шрифт TrueType/OpenType",
                    "is damaged or not a TrueType/OpenType font"
                )
            ),
            Failure::Listen { port, problem } => format!(
                "{} 127.0.0.1:{port}: {} ({})",
                lang.t(
                    "не удалось запустить сервер на",
                    "cannot start the server on"
                ),
                match problem {
                    ListenProblem::InUse => lang.t(
                        "порт уже занят другой программой",
                        "the port is taken by another program"
                    ),
                    ListenProblem::Denied => lang.t(
                        "порты меньше 1024 доступны только администратору",
                        "ports below 1024 need administrator rights"
                    ),
                    ListenProblem::Other(text) => text,
                },
                lang.t(
                    "выберите другой порт: --port 8080, или не указывайте его, и найдётся свободный",
                    "choose another port with --port 8080, or leave it out to get a free one"
                )
            ),
            Failure::Watch { detail } => format!(
                "{}: {detail}",
                lang.t(
                    "не удалось следить за изменениями файлов",
                    "cannot watch the files for changes"
                )
            ),
            Failure::Internal { detail } => format!(
                "{}: {detail}",
                lang.t("внутренняя ошибка mentorcard", "mentorcard internal error")
            ),
            Failure::ImportConvert { path, old, problem } => {
                use crate::world::{ConvertError, OldFormat};
                let what = match (old, lang) {
                    (OldFormat::Doc, Lang::Ru) => "документ старого формата Word 97–2003 (.doc)",
                    (OldFormat::Doc, Lang::En) => "an old Word 97–2003 document (.doc)",
                    (OldFormat::Rtf, Lang::Ru) => "документ RTF",
                    (OldFormat::Rtf, Lang::En) => "an RTF document",
                };
                let save_as = lang.t(
                    "или откройте документ в Word или LibreOffice и сохраните его как .docx («Файл → Сохранить как → Документ Word (*.docx)»), затем импортируйте этот файл",
                    "or open the document in Word or LibreOffice and save it as .docx (File → Save As → Word Document (*.docx)), then import that file",
                );
                match (problem, lang) {
                    (ConvertError::NoConverter, Lang::Ru) => format!(
                        "{}: это {what}. mentorcard читает такие документы с помощью LibreOffice, но LibreOffice на этом компьютере не найден. Установите LibreOffice (бесплатно: libreoffice.org; в Astra Linux и других: sudo apt install libreoffice-writer) и повторите, {save_as}",
                        path.display()
                    ),
                    (ConvertError::NoConverter, Lang::En) => format!(
                        "{}: this is {what}. mentorcard reads such documents with LibreOffice, which is not found on this computer. Install LibreOffice (free: libreoffice.org; on Debian-based systems: sudo apt install libreoffice-writer) and try again, {save_as}",
                        path.display()
                    ),
                    (ConvertError::TimedOut(s), Lang::Ru) => format!(
                        "{}: это {what}; LibreOffice не справился с ним за {s} с и был остановлен. Откройте документ в Word или LibreOffice сами и сохраните его как .docx, затем импортируйте этот файл",
                        path.display()
                    ),
                    (ConvertError::TimedOut(s), Lang::En) => format!(
                        "{}: this is {what}; LibreOffice did not finish within {s} s and was stopped. Open the document in Word or LibreOffice yourself and save it as .docx, then import that file",
                        path.display()
                    ),
                    (ConvertError::Failed(detail), Lang::Ru) => format!(
                        "{}: это {what}, и LibreOffice не смог его прочитать ({detail}): возможно, файл повреждён. Откройте его в Word и сохраните как .docx, затем импортируйте этот файл",
                        path.display()
                    ),
                    (ConvertError::Failed(detail), Lang::En) => format!(
                        "{}: this is {what}, and LibreOffice could not read it ({detail}): the file may be damaged. Open it in Word and save it as .docx, then import that file",
                        path.display()
                    ),
                }
            }
            Failure::ImportUnsupported { path, kind } => {
                let what = match (kind, lang) {
                    (Unsupported::Pdf, Lang::Ru) => "это PDF: из него нельзя надёжно восстановить таблицу критериев".to_string(),
                    (Unsupported::Pdf, Lang::En) => "this is a PDF: the criteria table cannot be recovered from it reliably".to_string(),
                    (Unsupported::Doc, Lang::Ru) => "это документ старого формата Word 97–2003 (.doc)".to_string(),
                    (Unsupported::Doc, Lang::En) => "this is an old Word 97–2003 document (.doc)".to_string(),
                    (Unsupported::Rtf, Lang::Ru) => "это документ RTF".to_string(),
                    (Unsupported::Rtf, Lang::En) => "this is an RTF document".to_string(),
                    (Unsupported::Other(ext), Lang::Ru) if ext.is_empty() => "у файла нет расширения, по которому видно, что это за документ".to_string(),
                    (Unsupported::Other(ext), Lang::En) if ext.is_empty() => "the file has no extension that says what document it is".to_string(),
                    (Unsupported::Other(ext), Lang::Ru) => format!("файлы «.{ext}» не читаются"),
                    (Unsupported::Other(ext), Lang::En) => format!("«.{ext}» files are not read"),
                };
                format!(
                    "{}: {what}. {}",
                    path.display(),
                    lang.t(
                        "mentorcard import читает .docx (Word), .odt (LibreOffice, МойОфис, Р7), .txt и .md. \
                         Откройте исходный документ в Word или LibreOffice и сохраните его как .docx \
                         («Файл → Сохранить как → Документ Word (*.docx)»), затем импортируйте этот файл",
                        "mentorcard import reads .docx (Word), .odt (LibreOffice, MyOffice, R7), .txt and .md. \
                         Open the original document in Word or LibreOffice and save it as .docx \
                         (File → Save As → Word Document (*.docx)), then import that file"
                    )
                )
            }
            Failure::ImportBroken { path, format } => {
                let (ru, en) = match format {
                    SourceFormat::Docx => ("документ Word (.docx)", "a Word document (.docx)"),
                    SourceFormat::Odt => ("документ OpenDocument (.odt)", "an OpenDocument text (.odt)"),
                    SourceFormat::Text => ("текст", "text"),
                    SourceFormat::Markdown => ("текст Markdown", "Markdown text"),
                };
                match lang {
                    Lang::Ru => format!(
                        "{}: файл не читается как {ru}: он повреждён или это не документ, а файл с таким расширением. \
                         Откройте его в Word или LibreOffice и сохраните заново как .docx; ничего не записано",
                        path.display()
                    ),
                    Lang::En => format!(
                        "{}: the file cannot be read as {en}: it is damaged, or it is not a document but a file with that extension. \
                         Open it in Word or LibreOffice and save it again as .docx; nothing was written",
                        path.display()
                    ),
                }
            }
            Failure::ImportTooLarge { path, limit } => format!(
                "{}: {} {} {}",
                path.display(),
                lang.t("часть документа при распаковке больше", "a part of the document unpacks to more than"),
                limit >> 20,
                lang.t(
                    "МБ: это не похоже на описание практики (файл может быть повреждён); ничего не записано",
                    "MB: this does not look like a practice description (the file may be damaged); nothing was written"
                )
            ),
            Failure::ImportTooComplex { path, limit } => match lang {
                Lang::Ru => format!(
                    "{}: в документе больше {limit} элементов разметки — это не похоже на описание практики (файл может быть повреждён или собран программой); откройте его в Word и сохраните заново как .docx; ничего не записано",
                    path.display()
                ),
                Lang::En => format!(
                    "{}: the document holds more than {limit} markup elements, which does not look like a practice description (the file may be damaged or machine-made); open it in Word and save it again as .docx; nothing was written",
                    path.display()
                ),
            },
            Failure::ImportNoTable { path } => format!(
                "{}: {}",
                path.display(),
                lang.t(
                    "таблица критериев не найдена: в документе нет таблицы со строками «Наименование практики», \
                     «Цель практики», «Участники практики»…; карточка не записана. Если таблица есть, проверьте, \
                     что это таблица Word, а не текст, выровненный пробелами",
                    "criteria table not found: the document has no table with rows such as «Наименование практики», \
                     «Цель практики», «Участники практики»…; no card was written. If there is a table, check that it \
                     is a real Word table, not text lined up with spaces"
                )
            ),
        }
    }
}

/// What a double-click on mentorcard.exe shows: the program works in a terminal, and how to
/// get there (or drop a card on the icon).
pub fn explorer_help(lang: Lang) -> String {
    match lang {
        Lang::Ru => "\
mentorcard — программа для карточки практики наставничества. Она работает в окне команд,
поэтому двойной щелчок по ней только показывает эту подсказку.

Как начать:
  1. Откройте папку, где лежит mentorcard.exe, в Проводнике.
  2. В адресной строке Проводника напишите cmd и нажмите Enter — откроется окно команд
     в этой папке.
  3. Наберите команды:
       mentorcard new моя-практика.toml      — создать карточку-заготовку;
       mentorcard check моя-практика.toml    — проверить её;
       mentorcard build моя-практика.toml    — сделать PDF, HTML, DOCX и Markdown.
     Имя с пробелами берите в кавычки: mentorcard build \"Моя практика.toml\".

Можно и проще: перетащите файл карточки (.toml) мышью на значок mentorcard.exe —
программа проверит карточку и сделает документы рядом с ней.

Все команды: mentorcard --help

Нажмите Enter, чтобы закрыть окно.
"
        .into(),
        Lang::En => "\
mentorcard makes a mentoring practice card. It works in a command window, so a double-click
only shows this note.

To start:
  1. Open the folder that holds mentorcard.exe in Explorer.
  2. Type cmd in Explorer's address bar and press Enter: a command window opens in that folder.
  3. Type:
       mentorcard new my-practice.toml      — write a starting card;
       mentorcard check my-practice.toml    — check it;
       mentorcard build my-practice.toml    — make the PDF, HTML, DOCX and Markdown.
     Put a name with spaces in quotes: mentorcard build \"My practice.toml\".

Simpler still: drag the card file (.toml) onto the mentorcard.exe icon and the program checks
it and writes the documents beside it.

Every command: mentorcard --help

Press Enter to close the window.
"
        .into(),
    }
}

/// After a card dropped on the program was built: the window waits.
pub fn press_enter(lang: Lang) -> &'static str {
    lang.t(
        "\nНажмите Enter, чтобы закрыть окно.\n",
        "\nPress Enter to close the window.\n",
    )
}

/// After the messages one file may print in full: how many more there are.
pub fn more_not_shown(file: &str, more: usize, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!(
            "{file}: ещё {} не показано — исправьте показанное и проверьте снова (все сообщения: --format json)",
            lang.count(more, ["сообщение", "сообщения", "сообщений"], ["", ""])
        ),
        Lang::En => format!(
            "{file}: {} more not shown: fix those shown and check again (every message: --format json)",
            lang.count(more, ["", "", ""], ["message", "messages"])
        ),
    }
}

/// A `--font-path` folder that does not exist.
pub fn font_path_missing(dir: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!(
            "предупреждение: папки шрифтов {} (--font-path) нет: проверьте путь; шрифты из неё не используются",
            dir.display()
        ),
        Lang::En => format!(
            "warning: the font folder {} (--font-path) does not exist: check the path; no fonts come from it",
            dir.display()
        ),
    }
}

/// What marks a table row that goes on from the page before, after its label.
pub fn continued_word(lang: Lang) -> &'static str {
    lang.t("(продолжение)", "(continued)")
}

/// The word before a failure: «ошибка: …».
pub fn error_word(lang: Lang) -> &'static str {
    lang.t("ошибка", "error")
}

impl Status {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Status::Imported { from, to } => format!(
                "{} {} {} {}",
                lang.t("карточка", "card"),
                to.display(),
                lang.t("создана из", "written from"),
                from.display()
            ),
            Status::Written(p) => format!("{} {}", lang.t("записан", "written"), p.display()),
            Status::CardWritten(p) => {
                format!(
                    "{} {}",
                    lang.t("создана карточка", "card written"),
                    p.display()
                )
            }
            Status::CollectionWritten(p) => format!(
                "{} {}",
                lang.t("создан файл сборника", "collection file written"),
                p.display()
            ),
            Status::SchemaWritten(p) => format!(
                "{} {}",
                lang.t("создана схема для редактора", "editor schema written"),
                p.display()
            ),
            Status::TemplateWritten(p) => format!(
                "{} {}",
                lang.t("записан шаблон", "template written"),
                p.display()
            ),
            Status::TemplatesNext(dir) => format!(
                "{} mentorcard build КАРТОЧКА --templates {}",
                lang.t(
                    "измените нужный файл и соберите:",
                    "edit a file and build with:"
                ),
                dir.display()
            ),
            Status::FontFamily {
                family,
                faces,
                place,
            } => {
                let have: Vec<&str> = Style::ALL
                    .into_iter()
                    .filter(|s| faces[s.index()])
                    .map(|s| style_name(s, lang))
                    .collect();
                let place = match place {
                    Some(p) => p.display().to_string(),
                    None => lang
                        .t("встроен в mentorcard", "built into mentorcard")
                        .to_string(),
                };
                format!("{family} — {} — {place}", have.join(", "))
            }
            Status::FontsHowTo => lang
                .t(
                    "чтобы PDF был набран этим шрифтом, напишите в профиле: font_family = \"Название\"",
                    "to set the PDF in a family, write in a profile: font_family = \"Name\"",
                )
                .to_string(),
            Status::Watching => lang
                .t(
                    "слежу за изменениями: сохраните карточку, и всё пересоберётся (выход — Ctrl-C)",
                    "watching for changes: save the card to rebuild (Ctrl-C to stop)",
                )
                .into(),
            Status::Rebuilt { millis } => format!(
                "{} {millis} {}",
                lang.t("пересобрано за", "rebuilt in"),
                lang.t("мс", "ms")
            ),
            Status::KeptLastGood(path) => format!(
                "{}: {}",
                path.display(),
                lang.t(
                    "есть ошибки — оставлен последний удачный вариант",
                    "has errors — the last good version is kept"
                )
            ),
            Status::Serving(url) => format!(
                "{}: {url} ({})",
                lang.t("сервер", "server"),
                lang.t(
                    "откройте в браузере; выход — Ctrl-C",
                    "open it in a browser; Ctrl-C to stop"
                )
            ),
            Status::Editing => lang
                .t(
                    "форма карточки открыта: адрес для браузера — в строке ниже; всё сохраняется само (выход — Ctrl-C)",
                    "the card's form is ready: the address for the browser is on the next line; everything saves itself (Ctrl-C to stop)",
                )
                .into(),
            Status::JuryKey(path) => match lang {
                Lang::Ru => format!("записан ключ к номерам {} — он только для организатора, жюри его не передавайте", path.display()),
                Lang::En => format!("wrote the key to the numbers {}: it is for the organiser only, do not give it to the jury", path.display()),
            },
            Status::Stopped => lang.t("остановлено", "stopped").into(),
            Status::Interrupted => lang
                .t(
                    "прервано: файлы, записанные до этого, целы, ни один не записан наполовину",
                    "interrupted: the files written before are whole, none is half-written",
                )
                .into(),
        }
    }
}

/// Where a card field's text stood in the teacher's document it was imported from, in
/// words (`criteria.norms` → «в таблице, строка «Нормативное подкрепление практики»»).
pub fn place_in_document(field: &str, lang: Lang) -> String {
    let key = field
        .strip_prefix("criteria.")
        .map(|k| k.split('.').next().unwrap_or(k));
    if let Some(info) = key.and_then(|k| CRITERIA.iter().find(|c| c.key == k)) {
        return match lang {
            Lang::Ru => format!("в таблице, строка «{}»", info.ru),
            Lang::En => format!("in the table, the row “{}”", info.en),
        };
    }
    let top = field.split('.').next().unwrap_or(field);
    let (ru, en) = match top {
        "title" => ("в названии работы", "in the title"),
        "authors" => ("в сведениях об авторах", "in the authors' details"),
        "organisation" | "locality" | "year" => (
            "в сведениях об организации",
            "in the organisation's details",
        ),
        "introduction" => ("во введении", "in the introduction"),
        "conclusion" => ("в заключении", "in the conclusion"),
        "criteria" => ("в таблице критериев", "in the criteria table"),
        _ => ("в документе", "in the document"),
    };
    lang.t(ru, en).to_string()
}

/// The words of the live preview page (`mentorcard serve`).
pub struct PreviewWords {
    /// The heading of the panel over the last good page.
    pub problems: &'static str,
    pub pdf: &'static str,
    /// The title of the page before the card was first built.
    pub title: &'static str,
    pub building: &'static str,
    pub never_built: &'static str,
    /// The panel's heading when no build has succeeded yet (no last good version to show).
    pub problems_unbuilt: &'static str,
    /// The panel's heading over a сборник built without its broken cards.
    pub left_out: &'static str,
    /// What the PDF address says before any PDF is made.
    pub no_pdf: &'static str,
}

pub fn preview_words(lang: Lang) -> PreviewWords {
    match lang {
        Lang::Ru => PreviewWords {
            problems: "В карточке ошибки — ниже последний удачный вариант. Исправьте и сохраните:",
            pdf: "Открыть PDF",
            title: "Предпросмотр карточки",
            building: "Карточка собирается…",
            never_built:
                "Карточка ещё не собралась без ошибок: исправьте их, и она появится здесь.",
            problems_unbuilt: "Есть ошибки, поэтому показать пока нечего. Исправьте и сохраните:",
            left_out: "Эти карточки не вошли в предпросмотр сборника, потому что в них ошибки. Остальное собрано ниже. Исправьте и сохраните:",
            no_pdf: "PDF ещё нет: он появится, когда карточка или сборник соберётся без ошибок.",
        },
        Lang::En => PreviewWords {
            problems: "The card has errors — below is the last good version. Fix them and save:",
            pdf: "Open PDF",
            title: "Card preview",
            building: "Building the card…",
            never_built: "The card has not built without errors yet: fix them and it appears here.",
            problems_unbuilt: "There are errors, so there is nothing to show yet. Fix them and save:",
            left_out: "These cards are left out of the collection's preview because they have errors. The rest is built below. Fix them and save:",
            no_pdf: "No PDF yet: it appears once the card or the collection builds without errors.",
        },
    }
}

// ---------------------------------------------------------------------------------------------
// What `import` reports, and the comments it writes into the card
// ---------------------------------------------------------------------------------------------

/// At most this many characters of a moved text are quoted in a report line or a comment.
const SNIPPET_CHARS: usize = 70;

/// The start of a text, on one line, for quoting.
pub fn snippet(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SNIPPET_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(SNIPPET_CHARS).collect();
    format!("{}…", cut.trim_end())
}

impl ImportNote {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ImportNote::Row {
                number,
                label,
                key,
                by_number,
            } => {
                let source = match number.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                    Some(n) => format!("{n} {}", snippet(label)),
                    None => snippet(label),
                };
                let how = if *by_number {
                    lang.t(" (по номеру строки)", " (by its row number)")
                } else {
                    ""
                };
                format!("«{source}» → {} ({key}){how}", describe(key, lang))
            }
            ImportNote::RowJoined { label, key } => format!(
                "«{}» {} {} ({key})",
                snippet(label),
                lang.t("добавлена к строке:", "joined to"),
                describe(key, lang)
            ),
            ImportNote::Skipped { text, what } => {
                let what = match what {
                    Skipped::Header => lang.t("пропущена шапка таблицы", "skipped the table header"),
                    Skipped::Caption => lang.t("пропущена подпись таблицы", "skipped the table caption"),
                    Skipped::Continuation => lang.t("пропущена пометка", "skipped the note"),
                    Skipped::EmptyRows => lang.t("пропущены пустые строки таблицы", "skipped empty table rows"),
                    Skipped::ExtraColumn => lang.t(
                        "в карточку не перенесён столбец таблицы, который не относится к описанию практики",
                        "a table column that is not part of the practice's description is not in the card",
                    ),
                };
                if text.is_empty() {
                    what.to_string()
                } else {
                    format!("{what} «{}»", snippet(text))
                }
            }
            ImportNote::Unplaced { text, key } => match lang {
                Lang::Ru => format!(
                    "текст «{}» не относится ни к одному критерию формы: он добавлен в конец {} ({key}) \
                     с комментарием в карточке — перенесите его или удалите",
                    snippet(text),
                    describe_genitive(key)
                ),
                Lang::En => format!(
                    "the text «{}» fits no criterion of the form: it was added at the end of {} ({key}) \
                     with a comment in the card; move or delete it",
                    snippet(text),
                    describe(key, lang)
                ),
            },
            ImportNote::Missing { key } => format!(
                "{} {} ({key}) — {}",
                lang.t("в документе нет строки:", "the document has no row for"),
                describe(key, lang),
                lang.t("заполните её в карточке", "fill it in in the card")
            ),
            ImportNote::Front {
                title,
                authors,
                definitions,
            } => {
                let title = match title {
                    Some(t) => format!("«{}»", snippet(t)),
                    None => lang.t("не найдено", "not found").to_string(),
                };
                format!(
                    "{} {title}; {}: {authors}; {}: {definitions}",
                    lang.t("в начале документа: название", "at the start of the document: title"),
                    lang.t("авторов", "authors"),
                    lang.t("определений терминов", "definitions of terms")
                )
            }
            ImportNote::TitleFromName { title } => format!(
                "{} «{}» — {}",
                lang.t(
                    "строки с названием в документе нет: название работы взято из критерия 1:",
                    "the document has no title line: the title is taken from criterion 1:"
                ),
                snippet(title),
                lang.t("проверьте title", "check title")
            ),
            ImportNote::Lists {
                participants,
                norms,
                acts,
                materials,
                entries,
            } => format!(
                "{}: {participants}; {}: {norms} ({} {acts}); {}: {materials} ({} {entries})",
                lang.t("участников", "participants"),
                lang.t("нормативных актов", "normative acts"),
                lang.t("распознано как акты:", "recognised as acts:"),
                lang.t("источников", "sources"),
                lang.t("записей по ГОСТ:", "structured records:")
            ),
            ImportNote::Conclusion { paragraphs } => format!(
                "{}: {paragraphs}",
                lang.t("в конце документа — заключение, абзацев", "at the end of the document: conclusion, paragraphs")
            ),
            ImportNote::Picture { caption, after } => {
                let what = match (caption.is_empty(), lang) {
                    (true, Lang::Ru) => "рисунок без подписи".to_string(),
                    (true, Lang::En) => "a picture without a caption".to_string(),
                    (false, Lang::Ru) => format!("рисунок «{}»", snippet(caption)),
                    (false, Lang::En) => format!("the picture “{}”", snippet(caption)),
                };
                let place = match (after.is_empty(), lang) {
                    (true, Lang::Ru) => "в начале документа".to_string(),
                    (true, Lang::En) => "at the start of the document".to_string(),
                    (false, Lang::Ru) => format!("после абзаца «{}»", snippet(after)),
                    (false, Lang::En) => format!("after the paragraph “{}”", snippet(after)),
                };
                match lang {
                    Lang::Ru => format!("{what} ({place}) в карточку не перенесён: места для рисунков в карточке нет — вставьте его в готовый документ сами"),
                    Lang::En => format!("{what} ({place}) is not in the card: the card has no place for pictures; add it to the built document yourself"),
                }
            }
            ImportNote::Words {
                found,
                total,
                unplaced,
            } => {
                let percent = if *total == 0 { 100 } else { found * 100 / total };
                let mut line = match lang {
                    Lang::Ru => format!("в карточке {percent} % слов документа ({found} из {total})"),
                    Lang::En => format!("the card holds {percent} % of the document's words ({found} of {total})"),
                };
                match unplaced.as_slice() {
                    [] => line.push_str(lang.t("; все абзацы размещены", "; every paragraph is placed")),
                    list => {
                        line.push_str(lang.t("; не размещены абзацы: ", "; paragraphs not placed: "));
                        let quoted: Vec<String> = list.iter().map(|p| format!("«{}»", snippet(p))).collect();
                        line.push_str(&quoted.join(", "));
                    }
                }
                line
            }
            ImportNote::FreeForm { placed } => format!(
                "{}: {placed}",
                lang.t(
                    "таблицы критериев в документе нет: текст разобран по заголовкам и подписям разделов («Актуальность», «Цель: …»), разделов отнесено к критериям по смыслу",
                    "the document has no criteria table: its text was read by section headings and labels (“Relevance”, “Goal: …”); sections placed in criteria by meaning"
                )
            ),
        }
    }
}

/// «критерия 4 «Цель практики»» / «строки «…»»: a row named in the genitive.
fn describe_genitive(key: &str) -> String {
    match criterion(key) {
        Some(CriterionInfo {
            number: Some(n),
            ru,
            ..
        }) => format!("критерия {n} «{ru}»"),
        Some(info) => format!("строки «{}»", info.ru),
        None => key.to_string(),
    }
}

/// The comments `import` writes into the card it makes.
pub struct ImportWords {
    /// Where the card came from; `{file}` is the document's name.
    pub origin: &'static str,
    /// Above a criterion that received text with no place in the form.
    pub unplaced: &'static str,
    /// Above a criterion the document did not have.
    pub missing: &'static str,
    /// Above the title when it was taken from the practice's name.
    pub title_from_name: &'static str,
    pub materials_below: &'static str,
    pub norms_below: &'static str,
    /// A table column kept out of the card; `{column}` is its heading.
    pub left_out_column: &'static str,
}

pub fn import_words(lang: Lang) -> ImportWords {
    match lang {
        Lang::Ru => ImportWords {
            origin: "# Импортировано из «{file}» командой mentorcard import: проверьте текст и заполните пустые поля.\n",
            left_out_column: "# Столбец «{column}» в карточку не перенесён: он не относится к описанию практики.\n",
            unplaced: "# mentorcard import: в конце этого поля — текст, которому в форме нет места; перенесите его или удалите:\n",
            missing: "# mentorcard import: этой строки в документе нет — заполните её.\n",
            title_from_name: "# mentorcard import: строки с названием в документе нет — это название практики из критерия 1.\n",
            materials_below: "# (источники — в разделах [[criteria.materials]] ниже)\n",
            norms_below: "# (акты — в разделах [[criteria.norms]] ниже)\n",
        },
        Lang::En => ImportWords {
            origin: "# Imported from «{file}» by mentorcard import: check the text and fill in empty fields.\n",
            left_out_column: "# The column «{column}» is not in the card: it is not part of the practice's description.\n",
            unplaced: "# mentorcard import: this field ends with text the form has no place for; move or delete it:\n",
            missing: "# mentorcard import: the document has no such row; fill it in.\n",
            title_from_name: "# mentorcard import: the document has no title line; this is the practice's name from criterion 1.\n",
            materials_below: "# (sources are the [[criteria.materials]] sections below)\n",
            norms_below: "# (acts are the [[criteria.norms]] sections below)\n",
        },
    }
}

// ---------------------------------------------------------------------------------------------
// The command line: usage errors and help
// ---------------------------------------------------------------------------------------------

fn usage_text(problem: &UsageProblem, usage: &str, lang: Lang) -> String {
    let mean = |s: &Option<String>| {
        s.as_ref()
            .map(|s| {
                format!(
                    "\n\n  {} «{s}»?",
                    lang.t("возможно, имелось в виду", "did you mean")
                )
            })
            .unwrap_or_default()
    };
    let what = match problem {
        UsageProblem::UnknownCommand { given, suggestion } => format!(
            "{} «{given}»{}",
            lang.t("нет такой команды", "no such command"),
            mean(suggestion)
        ),
        UsageProblem::UnknownArgument { given, suggestion } => format!(
            "{} «{given}»{}",
            lang.t("неизвестный параметр", "unknown option"),
            mean(suggestion)
        ),
        UsageProblem::MissingArguments(args) => format!(
            "{} {}",
            lang.t("не указано обязательное:", "required but not given:"),
            args.join(", ")
        ),
        UsageProblem::MissingCommand => {
            lang.t("не указана команда", "no command given").to_string()
        }
        UsageProblem::InvalidValue {
            arg,
            value,
            allowed,
            suggestion,
        } => {
            let mut s = format!(
                "{} «{value}» {} {arg}",
                lang.t("недопустимое значение", "invalid value"),
                lang.t("для", "for")
            );
            if !allowed.is_empty() {
                s.push_str(&format!(
                    "\n  {} {}",
                    lang.t("допустимо:", "allowed:"),
                    allowed.join(", ")
                ));
            }
            s + &mean(suggestion)
        }
        UsageProblem::DateEpoch { value } => format!(
            "SOURCE_DATE_EPOCH «{value}»: {}",
            lang.t(
                "нужно число секунд от 1970-01-01 до 9999-12-31 (годы 1970–9999)",
                "must be seconds from 1970-01-01 to 9999-12-31 (years 1970–9999)"
            )
        ),
        UsageProblem::Other(raw) => raw.clone(),
    };
    let words = usage_words(lang);
    let usage = match usage.trim() {
        "" => String::new(),
        u => format!("\n\n{}: {u}", words.usage),
    };
    format!("{what}{usage}\n\n{}", words.more)
}

/// The words of clap's help screens.
pub struct UsageWords {
    pub usage: &'static str,
    pub commands: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    pub command: &'static str,
    pub help: &'static str,
    pub version: &'static str,
    pub help_command: &'static str,
    pub more: &'static str,
}

pub fn usage_words(lang: Lang) -> UsageWords {
    match lang {
        Lang::Ru => UsageWords {
            usage: "Использование",
            commands: "Команды",
            arguments: "Аргументы",
            options: "Параметры",
            command: "КОМАНДА",
            help: "Показать эту справку",
            version: "Показать версию",
            help_command: "Показать справку по команде",
            more: "Подробнее: mentorcard --help",
        },
        Lang::En => UsageWords {
            usage: "Usage",
            commands: "Commands",
            arguments: "Arguments",
            options: "Options",
            command: "COMMAND",
            help: "Print help",
            version: "Print version",
            help_command: "Print this message or the help of the given subcommand(s)",
            more: "For more information, try '--help'.",
        },
    }
}

/// The placeholder help and usage errors show for an argument's value (`<ФАЙЛЫ>...`), by
/// the argument's id; `None` leaves clap's own (the id in capitals).
pub fn value_name(id: &str, lang: Lang) -> Option<&'static str> {
    let (ru, en) = match id {
        "files" => ("ФАЙЛЫ", "FILES"),
        "file" | "source" | "output" | "report" | "path" => ("ФАЙЛ", "FILE"),
        "out_dir" | "templates" | "eject" | "font_paths" => ("ПАПКА", "DIR"),
        "format" => ("ФОРМАТ", "FORMAT"),
        "profile" => ("ПРОФИЛЬ", "PROFILE"),
        "lang" => ("ЯЗЫК", "LANG"),
        "port" => ("ПОРТ", "PORT"),
        "shell" => ("ОБОЛОЧКА", "SHELL"),
        "source_date_epoch" => ("СЕКУНДЫ", "SECONDS"),
        _ => return None,
    };
    Some(lang.t(ru, en))
}

/// The man page's section headings (clap_mangen writes them in English) in `lang`.
pub fn man_headings(roff: &str, lang: Lang) -> String {
    let words: &[(&str, &str)] = match lang {
        Lang::Ru => &[
            (".SH NAME\n", ".SH ИМЯ\n"),
            (".SH SYNOPSIS\n", ".SH ОБЗОР\n"),
            (".SS SYNOPSIS\n", ".SS ОБЗОР\n"),
            (".SH DESCRIPTION\n", ".SH ОПИСАНИЕ\n"),
            (".SH OPTIONS\n", ".SH ПАРАМЕТРЫ\n"),
            (".SS OPTIONS\n", ".SS ПАРАМЕТРЫ\n"),
            ("[OPTIONS]", "[ПАРАМЕТРЫ]"),
            ("<COMMAND>", "<КОМАНДА>"),
            ("[possible values: ", "[допустимо: "),
            ("\\fIPossible values:\\fR", "\\fIДопустимые значения:\\fR"),
            ("[default: ", "[по умолчанию: "),
            ("[env: ", "[переменная окружения: "),
        ],
        Lang::En => &[],
    };
    swap(roff, words)
}

/// clap's own words inside a help screen or a usage line, in `lang`.
pub fn clap_words(text: &str, lang: Lang) -> String {
    let words: &[(&str, &str)] = match lang {
        Lang::Ru => &[
            ("[OPTIONS]", "[ПАРАМЕТРЫ]"),
            ("[possible values: ", "[допустимо: "),
            ("[default: ", "[по умолчанию: "),
            ("[env: ", "[переменная окружения: "),
            ("[aliases: ", "[другие имена: "),
        ],
        Lang::En => &[],
    };
    swap(text, words)
}

/// `text` with each pair's first words replaced by its second.
fn swap(text: &str, words: &[(&str, &str)]) -> String {
    words
        .iter()
        .fold(text.to_string(), |text, (en, ru)| text.replace(en, ru))
}

/// English help of a command (`build`) or of an argument (`build.out_dir`, `lang`); the
/// Russian is the doc comment on the argument itself, clap's default.
pub fn help_en(id: &str) -> Option<&'static str> {
    let (_, arg) = id.rsplit_once('.').unwrap_or(("", id));
    Some(match (id, arg) {
        ("", _) => "mentorcard — a mentoring practice card: check it, build PDF, HTML, Markdown and DOCX",
        ("check", _) => "Check cards and report every problem at once",
        ("build", _) => "Build the documents (PDF, HTML, Markdown, DOCX) from cards, or a collection of many cards",
        ("new", _) => "Write a new starting card with every criterion",
        ("import", _) => "Make a card of a finished description (.docx, .odt, .txt, .md) and check it",
        ("schema", _) => "Print the card's JSON Schema (for Taplo / Even Better TOML)",
        ("templates", _) => "Built-in HTML templates: --eject FOLDER writes them out to edit",
        ("fonts", _) => "List the Cyrillic font families the PDF can be set in",
        ("watch", _) => "Build, then rebuild after every save of the card or the collection (stop with Ctrl-C)",
        ("serve", _) => "Preview in the browser: the page updates itself and shows errors (stop with Ctrl-C)",
        ("completions", _) => "Print command completion for a shell (bash, zsh, fish, powershell, elvish)",
        ("completions.shell", _) => "The shell: bash, zsh, fish, powershell or elvish",
        (_, "lang") => "Language of messages: ru or en (default: the card's language, else ru)",
        (_, "font_paths") => "A folder of fonts for the PDF (repeatable; or MENTORCARD_FONT_PATHS, separated by «:»)",
        ("check.summary", _) => "A summary table of every card: errors, pages, characters, limits broken",
        ("check.report", _) => "Write the summary to a file: .xlsx a spreadsheet, .csv the register, otherwise an HTML page",
        ("check.quiet", _) => "Only the summary: no messages per card (they are in the --report file)",
        ("check.force", _) => "Allow replacing the report file even if it is not an earlier mentorcard report",
        (_, "jobs") => "How many cards to process at once (default: one per core)",
        (_, "anonymous") => "Jury copies: without authors, organisation and locality, numbered 001, 002…, with a key.csv for the organiser (needs -o FOLDER)",
        (_, "skip_invalid") => "Build the collection without the cards that have errors (each one is warned about)",
        ("new.collection", _) => "Write a starting collection (a file with a [collection] section) instead of a card",
        (_, "files") => "Card files (.toml) or a collection (a file with a [collection] section)",
        (_, "file") => "The card file (.toml)",
        ("check.strict", _) | ("build.strict", _) | ("watch.strict", _) => "Treat warnings as errors",
        ("check.profile", _) => "A contest profile (gost, compact or a .toml file) with volume limits and required fields",
        ("check.format", _) => "Report format: text, json or csv (the register for a spreadsheet: a row per card)",
        (_, "source_date_epoch") => "The documents' date in seconds since 1970-01-01; without it no date is written",
        (_, "format") => "Formats, comma-separated: pdf, html, md, docx (default: all)",
        (_, "out_dir") => "Folder for the output files (default: the card's folder)",
        (_, "profile") => "Layout profile: gost, compact or the path of a .toml profile file",
        (_, "templates") => "Folder of your own templates: a file of the same name replaces the built-in one",
        (_, "hyphenate") => "Hyphenate words (contests usually forbid it)",
        ("new.path", _) => "Where to write the card (default: practice.toml)",
        ("new.example", _) => "Write the finished example (reverse mentoring) instead of an empty card",
        (_, "force") => "Allow overwriting existing files",
        ("import.source", _) => "The document describing the practice: .docx, .odt, .txt or .md",
        ("import.output", _) => "Where to write the card (default: beside the document, with the extension .toml)",
        ("schema.output", _) => "Write the schema to a file instead of printing it",
        ("templates.eject", _) => "Write the built-in templates (page.html, table.html, style.css) to a folder, to edit them and build with --templates FOLDER",
        ("serve.port", _) => "Port on 127.0.0.1 (default: any free one)",
        ("serve.open", _) => "Open the page in the browser",
        ("edit", _) => "Fill in the card in a form in the browser: saved by itself, checked as you type (stop with Ctrl-C)",
        ("edit.file", _) => "The card file (.toml); created on the first save if it does not exist",
        ("edit.port", _) => "Port on 127.0.0.1 (default: any free one)",
        ("edit.no_open", _) => "Do not open the browser; only print the address",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn system_errors_are_said_in_russian() {
        use std::io::{Error, ErrorKind};
        let kinds = [
            ErrorKind::StorageFull,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::NotADirectory,
            ErrorKind::InvalidFilename,
            ErrorKind::FileTooLarge,
            ErrorKind::ResourceBusy,
            ErrorKind::TimedOut,
            ErrorKind::Other,
        ];
        for kind in kinds {
            let said = file_error(&FileError::from_io(&Error::from(kind)), Lang::Ru);
            assert!(
                said.chars().any(|c| ('а'..='я').contains(&c)),
                "{kind:?}: {said}"
            );
        }
        let full = file_error(
            &FileError::from_io(&Error::from(ErrorKind::StorageFull)),
            Lang::Ru,
        );
        assert!(full.contains("не осталось места"), "{full}");
        assert!(!full.contains("No space"), "{full}");
    }

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

    #[test]
    fn codes_come_from_the_variant() {
        assert_eq!(Message::ReverseRoles.code(), "reverse-roles");
        assert_eq!(
            Message::NormMissingDate {
                written: Written::Text
            }
            .code(),
            "norm-missing-date"
        );
        assert_eq!(
            Message::TypographyNbsp { count: 1 }.code(),
            "typography-nbsp"
        );
    }
}
