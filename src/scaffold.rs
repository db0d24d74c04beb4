//! The starting card `mentorcard new` writes: every field present, each criterion introduced
//! by a comment saying what belongs there, and a schema directive so editors autocomplete.

use crate::locale::{self, Lang};

/// The bundled example, exactly as shipped in `examples/`.
pub const EXAMPLE: &str = include_str!("../examples/reverse-mentoring.toml");

/// File name of the schema that `new` writes beside a card, so the directive works offline.
pub const SCHEMA_FILE: &str = "mentorcard.schema.json";

fn directive() -> String {
    format!("#:schema ./{SCHEMA_FILE}\n")
}

/// The example with its schema directive pointing at a schema beside it.
pub fn example() -> String {
    let body = EXAMPLE
        .split_once('\n')
        .map(|(_, rest)| rest)
        .unwrap_or(EXAMPLE);
    directive() + body
}

pub fn scaffold(lang: Lang) -> String {
    let mut s = directive();
    s.push_str(lang.t(
        "# Карточка практики наставничества. Заполните поля и проверьте: mentorcard check ФАЙЛ\n\
         # Текст пишется в кавычках; многострочный — в тройных апострофах '''…'''.\n\
         # Абзацы разделяйте пустой строкой, пункты списка начинайте с «- » или «1. ».\n\
         # **жирный**, *курсив*, [ссылка](https://…).\n\n",
        "# A mentoring practice card. Fill in the fields and check: mentorcard check FILE\n\
         # Text goes in quotes; several lines in triple apostrophes '''…'''.\n\
         # Separate paragraphs with a blank line, start list items with \"- \" or \"1. \".\n\
         # **bold**, *italic*, [link](https://…).\n\n",
    ));
    s.push_str(lang.t("# Название работы\n", "# Title of the work\n"));
    s.push_str("title = \"\"\n");
    s.push_str(&format!("language = \"{}\"\n", lang.code()));
    s.push_str(lang.t(
        "# Форма: «учитель – учитель», «ученик – ученик», «студент – ученик»…\n",
        "# Form: “teacher – teacher”, “student – student”…\n",
    ));
    s.push_str("form = \"\"\n");
    s.push_str(lang.t(
        "# Вид: традиционное, реверсивное, групповое, флеш-наставничество…\n",
        "# Type: traditional, reverse, group, flash mentoring…\n",
    ));
    s.push_str("type = \"\"\n");
    s.push_str(lang.t(
        "# Организация, населённый пункт, год (можно удалить)\n",
        "# Organisation, locality, year (optional)\n",
    ));
    s.push_str("organisation = \"\"\nlocality = \"\"\n# year = 2025\n\n");
    s.push_str(lang.t(
        "# Авторы: повторите раздел для каждого автора\n",
        "# Authors: repeat the section for each author\n",
    ));
    s.push_str("[[authors]]\nname = \"\"\nposition = \"\"\n\n");
    s.push_str(lang.t(
        "# Введение: тема, актуальность\n",
        "# Introduction: the topic and why it matters\n",
    ));
    s.push_str("[introduction]\ntext = '''\n'''\n\n");
    s.push_str(lang.t(
        "# Определения терминов (наставничество, наставник, наставляемый)\n",
        "# Definitions of terms\n",
    ));
    s.push_str("[[introduction.definitions]]\nterm = \"\"\ndefinition = \"\"\n\n");
    s.push_str("[criteria]\n");
    for info in locale::CRITERIA {
        let number = info.number.map(|n| format!("{n}. ")).unwrap_or_default();
        s.push_str(&format!(
            "\n# {number}{} — {}\n",
            info.label(lang),
            info.hint(lang)
        ));
        match info.key {
            "participants" => s.push_str(lang.t(
                "# (участники — в разделах [[criteria.participants]] ниже)\n",
                "# (participants are the [[criteria.participants]] sections below)\n",
            )),
            "norms" => s.push_str(lang.t(
                "# Каждый акт — строка в кавычках, через запятую.\nnorms = [\n]\n",
                "# One act per quoted string, separated by commas.\nnorms = [\n]\n",
            )),
            "materials" => s.push_str(lang.t(
                "# Каждый источник — строка в кавычках или запись { type = \"book\", author = […], title = \"…\" }.\nmaterials = [\n]\n",
                "# One source per quoted string, or a record { type = \"book\", author = […], title = \"…\" }.\nmaterials = [\n]\n",
            )),
            "special_needs" => s.push_str(&format!(
                "{}{} = '''\n'''\n",
                lang.t("# Строка без номера; удалите, если конкурс её не требует.\n", "# Unnumbered row; delete it if the contest does not ask for it.\n"),
                info.key
            )),
            key => s.push_str(&format!("{key} = '''\n'''\n")),
        }
    }
    s.push_str(lang.t(
        "\n# 3. Участники: повторите раздел для каждого участника\n",
        "\n# 3. Participants: repeat the section for each participant\n",
    ));
    s.push_str("[[criteria.participants]]\nrole = \"\"\n");
    s.push_str(lang.t(
        "# наставник, наставляемый или взаимно\n",
        "# mentor, mentee or mutual\n",
    ));
    s.push_str("mentoring = \"\"\nshares = []\nlearns = []\n\n");
    s.push_str(lang.t("# Заключение\n", "# Conclusion\n"));
    s.push_str("[conclusion]\ntext = '''\n'''\n");
    s
}
