//! Golden tests for ГОСТ Р 7.0.100-2018 records: the six worked examples of domain.md §5,
//! the seed's other materials written as structured entries, and every entry kind the
//! formatter knows. Entries are written in TOML exactly as a card would write them.

use mentorcard::biblio::{format, from_csl_json, Dash, Entry, GostStyle, ManyAuthors, Places};

fn entry(toml_text: &str) -> Entry {
    match toml::from_str(toml_text) {
        Ok(e) => e,
        Err(e) => panic!("bad test entry: {e}\n{toml_text}"),
    }
}

fn gost(toml_text: &str) -> String {
    format(&entry(toml_text), &GostStyle::new())
}

// --- domain.md §5, worked examples ------------------------------------------------------------

#[test]
fn example_1_book_one_author_with_organisation() {
    assert_eq!(
        gost(
            r#"
            type = "book"
            author = ["Головницкая Н. П."]
            title = "Производство продуктов питания по-немецки"
            genre = "учебное пособие"
            organization = "Волгоградский государственный аграрный университет"
            publisher-place = "Волгоград"
            publisher = "Волгоградский ГАУ"
            issued = 2019
            number-of-pages = 88
            "#
        ),
        "Головницкая, Н. П. Производство продуктов питания по-немецки : учебное пособие / \
         Н. П. Головницкая ; Волгоградский государственный аграрный университет. — Волгоград : \
         Волгоградский ГАУ, 2019. — 88 с. — Текст : непосредственный."
    );
}

#[test]
fn example_2_book_two_authors_place_expanded() {
    assert_eq!(
        gost(
            r#"
            type = "book"
            author = [{ family = "Хабаров", given = "А. В." }, "Яскин А.А."]
            title = "Почвоведение"
            genre = "учебник"
            publisher-place = "М."
            publisher = "Колос"
            issued = 2001
            number-of-pages = "231"
            illustrations = true
            "#
        ),
        "Хабаров, А. В. Почвоведение : учебник / А. В. Хабаров, А. А. Яскин. — Москва : Колос, \
         2001. — 231 с. : ил. — Текст : непосредственный."
    );
}

#[test]
fn example_3_journal_article() {
    assert_eq!(
        gost(
            r#"
            type = "article-journal"
            author = ["Козаченко Ю. В."]
            title = "Акариформные клещи и иммунопатология в трудах отечественных исследователей"
            container-title = "Аспирант и соискатель"
            issued = 2018
            issue = "2 (104)"
            page = "19-21"
            "#
        ),
        "Козаченко, Ю. В. Акариформные клещи и иммунопатология в трудах отечественных \
         исследователей / Ю. В. Козаченко. — Текст : непосредственный // Аспирант и соискатель. \
         — 2018. — № 2 (104). — С. 19–21."
    );
}

#[test]
fn example_4_law_in_official_gazette() {
    assert_eq!(
        gost(
            r#"
            type = "legislation"
            title = "Об исполнительном производстве"
            genre = "Федеральный закон"
            number = "229-ФЗ"
            adopted = "принят Государственной думой 14 сентября 2007 года"
            container-title = "Собрание законодательства Российской Федерации"
            issued = 2007
            issue = 41
            page = 4849
            "#
        ),
        "Об исполнительном производстве : Федеральный закон № 229-ФЗ : принят Государственной \
         думой 14 сентября 2007 года. — Текст : непосредственный // Собрание законодательства \
         Российской Федерации. — 2007. — № 41. — Ст. 4849."
    );
}

#[test]
fn example_5_website() {
    assert_eq!(
        gost(
            r#"
            type = "webpage"
            title = "Российская государственная библиотека"
            genre = "официальный сайт"
            publisher-place = "Москва"
            issued = "1999-"
            URL = "http://www.rsl.ru"
            accessed = 2019-06-26
            "#
        ),
        "Российская государственная библиотека : официальный сайт. — Москва, 1999 — . — URL: \
         http://www.rsl.ru (дата обращения: 26.06.2019). — Текст : электронный."
    );
}

#[test]
fn example_6_seed_material_1() {
    assert_eq!(
        gost(SEED_1),
        "Александров, Е. Л. Интернет — легко и просто! : популярный самоучитель : методическое \
         пособие / Е. Л. Александров. — Санкт-Петербург : Питер, 2005. — 208 с. : ил. — \
         Текст : непосредственный."
    );
}

// --- the seed's other materials (row 13, items 2–6) -------------------------------------------

const SEED_1: &str = r#"
    type = "book"
    author = ["Александров Е.Л."]
    title = "Интернет - легко и просто!"
    genre = "популярный самоучитель : методическое пособие"
    publisher-place = "СПб"
    publisher = "Питер"
    issued = 2005
    number-of-pages = 208
    illustrations = true
"#;

const SEED_2: &str = r#"
    type = "book"
    author = ["Будилов В. А."]
    title = "Основы программирования для Интернета"
    genre = "учебное пособие"
    publisher-place = "Санкт-Петербург"
    publisher = "БХВ-Петербург"
    issued = 2003
    number-of-pages = 736
    illustrations = true
"#;

const SEED_3: &str = r#"
    type = "book"
    author = ["Дронов В. А."]
    title = "Самоучитель Macromedia Dreamweaver 8"
    genre = "методическое пособие"
    publisher-place = "Санкт-Петербург"
    publisher = "БХВ-Петербург"
    issued = 2006
    number-of-pages = 320
    illustrations = true
"#;

const SEED_4: &str = r#"
    type = "book"
    author = ["Кузнецов М. В.", "Симдянов И. В."]
    title = "PHP. Практика создания Web-сайтов"
    genre = "учебное пособие"
    edition = 2
    publisher-place = "Санкт-Петербург"
    publisher = "БХВ-Петербург"
    issued = 2009
    number-of-pages = 1264
"#;

const SEED_5: &str = r#"
    type = "article-journal"
    author = ["Нартова-Бочавер С."]
    title = "«Coping behavior» в системе понятий психологии личности"
    container-title = "Психологический журнал"
    issued = 1997
    issue = 5
    page = 56
"#;

const SEED_6: &str = r#"
    type = "book"
    author = ["Нартова-Бочавер С."]
    title = "Психология личности и межличностных отношений"
    publisher-place = "Москва"
    publisher = "ЭКСМО-Пресс"
    issued = 2001
"#;

#[test]
fn seed_materials_2_to_6() {
    assert_eq!(
        gost(SEED_2),
        "Будилов, В. А. Основы программирования для Интернета : учебное пособие / В. А. Будилов. \
         — Санкт-Петербург : БХВ-Петербург, 2003. — 736 с. : ил. — Текст : непосредственный."
    );
    assert_eq!(
        gost(SEED_3),
        "Дронов, В. А. Самоучитель Macromedia Dreamweaver 8 : методическое пособие / \
         В. А. Дронов. — Санкт-Петербург : БХВ-Петербург, 2006. — 320 с. : ил. — Текст : \
         непосредственный."
    );
    assert_eq!(
        gost(SEED_4),
        "Кузнецов, М. В. PHP. Практика создания Web-сайтов : учебное пособие / М. В. Кузнецов, \
         И. В. Симдянов. — 2-е изд. — Санкт-Петербург : БХВ-Петербург, 2009. — 1264 с. — \
         Текст : непосредственный."
    );
    assert_eq!(
        gost(SEED_5),
        "Нартова-Бочавер, С. «Coping behavior» в системе понятий психологии личности / \
         С. Нартова-Бочавер. — Текст : непосредственный // Психологический журнал. — 1997. — \
         № 5. — С. 56."
    );
    assert_eq!(
        gost(SEED_6),
        "Нартова-Бочавер, С. Психология личности и межличностных отношений / \
         С. Нартова-Бочавер. — Москва : ЭКСМО-Пресс, 2001. — Текст : непосредственный."
    );
}

// --- other kinds --------------------------------------------------------------------------------

const FOUR_AUTHORS: &str = r#"
    type = "book"
    author = ["Иванов И. И.", "Петров П. П.", "Сидоров С. С.", "Кузнецова К. К."]
    title = "Наставничество в школе"
    genre = "практическое пособие"
    publisher-place = "Москва"
    publisher = "Просвещение"
    issued = 2021
    number-of-pages = 160
    collection-title = "Библиотека учителя"
    ISBN = "978-5-09-000000-0"
"#;

#[test]
fn four_authors_first_three_and_others_by_default() {
    assert_eq!(
        gost(FOUR_AUTHORS),
        "Наставничество в школе : практическое пособие / И. И. Иванов, П. П. Петров, \
         С. С. Сидоров [и др.]. — Москва : Просвещение, 2021. — 160 с. — (Библиотека учителя). \
         — ISBN 978-5-09-000000-0. — Текст : непосредственный."
    );
}

#[test]
fn four_authors_all_or_first_one_as_settings() {
    let e = entry(FOUR_AUTHORS);
    let all = GostStyle {
        many_authors: ManyAuthors::All,
        ..GostStyle::new()
    };
    assert!(format(&e, &all).starts_with(
        "Наставничество в школе : практическое пособие / И. И. Иванов, П. П. Петров, \
         С. С. Сидоров, К. К. Кузнецова. — Москва"
    ));
    let one = GostStyle {
        many_authors: ManyAuthors::FirstOne,
        ..GostStyle::new()
    };
    assert!(format(&e, &one)
        .starts_with("Наставничество в школе : практическое пособие / И. И. Иванов [и др.]. —"));
}

#[test]
fn three_authors_keep_the_heading() {
    assert_eq!(
        gost(
            r#"
            type = "book"
            author = ["Маркова О. В.", "Петров А. И.", "Смирнова Е. С."]
            title = "Сопровождение молодых педагогов"
            genre = "методические рекомендации"
            publisher-place = "Ростов н/Д"
            publisher = "Феникс"
            issued = 2020
            number-of-pages = 96
            "#
        ),
        "Маркова, О. В. Сопровождение молодых педагогов : методические рекомендации / \
         О. В. Маркова, А. И. Петров, Е. С. Смирнова. — Ростов-на-Дону : Феникс, 2020. — 96 с. \
         — Текст : непосредственный."
    );
}

#[test]
fn edited_collection_has_no_heading() {
    assert_eq!(
        gost(
            r#"
            type = "book"
            editor = ["Петрова Л. С."]
            title = "Лучшие практики наставничества"
            genre = "сборник материалов"
            edition = "2-е изд., перераб. и доп."
            publisher-place = "Казань"
            publisher = "Отечество"
            issued = 2022
            number-of-pages = 212
            "#
        ),
        "Лучшие практики наставничества : сборник материалов / под редакцией Л. С. Петрова. — \
         2-е изд., перераб. и доп. — Казань : Отечество, 2022. — 212 с. — Текст : \
         непосредственный."
    );
}

#[test]
fn author_and_editor() {
    assert_eq!(
        gost(
            r#"
            type = "book"
            author = ["Сергеев С. С."]
            editor = ["Орлова А. А.", "Волков В. В."]
            title = "Педагог и наставник"
            publisher-place = "М."
            publisher = "Наука"
            issued = 2019
            number-of-pages = 300
            "#
        ),
        "Сергеев, С. С. Педагог и наставник / С. С. Сергеев ; под редакцией А. А. Орлова, \
         В. В. Волков. — Москва : Наука, 2019. — 300 с. — Текст : непосредственный."
    );
}

#[test]
fn organisation_as_author_goes_after_the_slash() {
    assert_eq!(
        gost(
            r#"
            type = "report"
            author = [{ literal = "Министерство просвещения Российской Федерации" }]
            title = "Методические рекомендации по внедрению целевой модели наставничества"
            publisher-place = "Москва"
            issued = 2020
            number-of-pages = 45
            "#
        ),
        "Методические рекомендации по внедрению целевой модели наставничества / Министерство \
         просвещения Российской Федерации. — Москва, 2020. — 45 с. — Текст : непосредственный."
    );
}

#[test]
fn chapter_in_edited_collection() {
    assert_eq!(
        gost(
            r#"
            type = "chapter"
            author = ["Иванова М. А."]
            title = "Реверсивное наставничество в дополнительном образовании"
            container-title = "Наставничество в образовании : материалы конференции"
            editor = ["Петров П. П."]
            publisher-place = "Екатеринбург"
            publisher = "УрФУ"
            issued = 2023
            page = "15 - 20"
            "#
        ),
        "Иванова, М. А. Реверсивное наставничество в дополнительном образовании / \
         М. А. Иванова. — Текст : непосредственный // Наставничество в образовании : материалы \
         конференции / под редакцией П. П. Петров. — Екатеринбург : УрФУ, 2023. — С. 15–20."
    );
}

#[test]
fn article_with_volume_and_doi() {
    assert_eq!(
        gost(
            r#"
            type = "article-journal"
            author = ["Смирнов А. А.", "Орлова Б. Б."]
            title = "Наставничество как ресурс"
            container-title = "Педагогика"
            issued = 2020
            volume = 12
            issue = 3
            page = "45-52"
            DOI = "https://doi.org/10.1234/ped.2020.3.45"
            "#
        ),
        "Смирнов, А. А. Наставничество как ресурс / А. А. Смирнов, Б. Б. Орлова. — \
         DOI 10.1234/ped.2020.3.45. — Текст : непосредственный // Педагогика. — 2020. — \
         Т. 12, № 3. — С. 45–52."
    );
}

#[test]
fn online_newspaper_article_with_day_and_month() {
    let e = from_csl_json(
        r#"[{"id": "x1", "type": "article-newspaper", "title": "Что означает новый закон о национальной платежной системе",
            "author": [{"family": "Гришаев", "given": "С."}],
            "container-title": "Российская газета : сайт",
            "issued": {"date-parts": [[2011, 6, 30]]},
            "URL": "http://www.rg.ru/2011/06/30/zakon-dok.html",
            "accessed": {"date-parts": [["2019", "7", "15"]]},
            "language": "ru-RU", "abstract": "…"}]"#,
    )
    .unwrap();
    assert_eq!(
        format(&e[0], &GostStyle::new()),
        "Гришаев, С. Что означает новый закон о национальной платежной системе / С. Гришаев. — \
         Текст : электронный // Российская газета : сайт. — 2011. — 30 июня. — URL: \
         http://www.rg.ru/2011/06/30/zakon-dok.html (дата обращения: 15.07.2019)."
    );
}

#[test]
fn web_page_with_access_restriction() {
    assert_eq!(
        gost(
            r#"
            type = "webpage"
            title = "Электронная библиотека диссертаций"
            genre = "сайт"
            organization = "Российская государственная библиотека"
            publisher-place = "Москва"
            issued = "2003–"
            URL = "https://dvs.rsl.ru"
            accessed = "27.03.2018"
            access = "для зарегистрир. пользователей"
            "#
        ),
        "Электронная библиотека диссертаций : сайт / Российская государственная библиотека. — \
         Москва, 2003 — . — URL: https://dvs.rsl.ru (дата обращения: 27.03.2018). — Режим \
         доступа: для зарегистрир. пользователей. — Текст : электронный."
    );
}

#[test]
fn book_in_an_electronic_library() {
    assert_eq!(
        gost(
            r#"
            type = "book"
            author = ["Петров П. П."]
            title = "Педагогическое наставничество"
            genre = "учебник"
            publisher-place = "Москва"
            publisher = "Юрайт"
            issued = 2019
            number-of-pages = 300
            collection-title = "Высшее образование"
            ISBN = "978-5-534-00000-0"
            container-title = "Образовательная платформа Юрайт [сайт]"
            URL = "https://urait.ru/bcode/000000"
            accessed = 2020-02-01
            "#
        ),
        "Петров, П. П. Педагогическое наставничество : учебник / П. П. Петров. — Москва : \
         Юрайт, 2019. — 300 с. — (Высшее образование). — ISBN 978-5-534-00000-0. — Текст : \
         электронный // Образовательная платформа Юрайт [сайт]. — URL: \
         https://urait.ru/bcode/000000 (дата обращения: 01.02.2020)."
    );
}

#[test]
fn law_from_a_legal_database() {
    assert_eq!(
        gost(
            r#"
            type = "legislation"
            title = "Об образовании в Российской Федерации"
            genre = "Федеральный закон"
            enacted = 2012-12-29
            number = "273-ФЗ"
            adopted = "[принят Государственной думой 21 декабря 2012 года]"
            container-title = "КонсультантПлюс : справочно-правовая система"
            URL = "https://www.consultant.ru/document/cons_doc_LAW_140174/"
            accessed = 2025-01-31
            "#
        ),
        "Об образовании в Российской Федерации : Федеральный закон от 29.12.2012 № 273-ФЗ : \
         [принят Государственной думой 21 декабря 2012 года]. — Текст : электронный // \
         КонсультантПлюс : справочно-правовая система. — URL: \
         https://www.consultant.ru/document/cons_doc_LAW_140174/ (дата обращения: 31.01.2025)."
    );
}

// A law cited from a legal database in the revision the author read, and a site with a note
// on how often it is updated. Punctuation as printed in ГОСТ Р 7.0.100-2018 itself (the
// example of the notes area: «Правительство Российской Федерации : официальный сайт. –
// Москва. – Обновляется в течение суток. – URL: http://government.ru (дата обращения:
// 19.02.2018). – Текст : электронный.») and in university library guides to it for acts read
// in КонсультантПлюс or Гарант (the revision «(ред. от ДД.ММ.ГГГГ)» ends the information
// about the title, the content type stands before « // », the database is described as a
// site after it); guides consulted: РНБ, Центр правовой информации, «Описание электронных
// ресурсов из справочно-правовых систем» (https://nlr.ru/lawcenter_rnb/RA6035/ssylka-na-sps)
// and Научная библиотека университета «Дубна», «Как составить библиографическое описание
// для электронных ресурсов удаленного доступа»
// (https://lib.uni-dubna.ru/MegaPRO/Web/Home/Custom/web_help16_recomends_sbs_el).

#[test]
fn law_from_a_legal_database_in_a_given_revision() {
    assert_eq!(
        gost(
            r#"
            type = "legislation"
            title = "Об образовании в Российской Федерации"
            genre = "Федеральный закон"
            number = "273-ФЗ"
            adopted = "[принят Государственной думой 21 декабря 2012 года : одобрен Советом Федерации 26 декабря 2012 года]"
            revision = 2022-12-29
            container-title = "КонсультантПлюс : справочно-правовая система"
            URL = "http://www.consultant.ru/document/cons_doc_LAW_140174/"
            accessed = 2023-02-15
            "#
        ),
        "Об образовании в Российской Федерации : Федеральный закон № 273-ФЗ : [принят \
         Государственной думой 21 декабря 2012 года : одобрен Советом Федерации 26 декабря 2012 \
         года] (ред. от 29.12.2022). — Текст : электронный // КонсультантПлюс : \
         справочно-правовая система. — URL: http://www.consultant.ru/document/cons_doc_LAW_140174/ \
         (дата обращения: 15.02.2023)."
    );
    // without the adoption statement the revision is the element after the number
    assert_eq!(
        gost(
            r#"
            type = "legislation"
            title = "О персональных данных"
            genre = "Федеральный закон"
            enacted = 2006-07-27
            number = "152-ФЗ"
            revision = "08.08.2024"
            container-title = "Гарант.ру : информационно-правовой портал"
            URL = "https://base.garant.ru/12148567/"
            accessed = 2025-01-31
            "#
        ),
        "О персональных данных : Федеральный закон от 27.07.2006 № 152-ФЗ (ред. от \
         08.08.2024). — Текст : электронный // Гарант.ру : информационно-правовой портал. — \
         URL: https://base.garant.ru/12148567/ (дата обращения: 31.01.2025)."
    );
}

#[test]
fn website_with_a_note_on_how_often_it_is_updated() {
    assert_eq!(
        gost(
            r#"
            type = "webpage"
            title = "Правительство Российской Федерации"
            genre = "официальный сайт"
            publisher-place = "Москва"
            note = "Обновляется в течение суток"
            URL = "http://government.ru"
            accessed = 2018-02-19
            "#
        ),
        "Правительство Российской Федерации : официальный сайт. — Москва. — Обновляется в \
         течение суток. — URL: http://government.ru (дата обращения: 19.02.2018). — Текст : \
         электронный."
    );
}

#[test]
fn zotero_keeps_the_note_and_reads_a_revision_from_version() {
    let json = r#"[
      {"type": "webpage", "title": "Правительство Российской Федерации",
       "genre": "официальный сайт", "publisher-place": "Москва",
       "note": "Обновляется в течение суток\nCitation Key: government2018",
       "URL": "http://government.ru", "accessed": {"date-parts": [[2018, 2, 19]]}},
      {"type": "legislation", "title": "Об образовании в Российской Федерации",
       "genre": "Федеральный закон", "number": "273-ФЗ", "version": "ред. от 29.12.2022",
       "container-title": "КонсультантПлюс : справочно-правовая система",
       "URL": "http://www.consultant.ru/document/cons_doc_LAW_140174/",
       "accessed": {"date-parts": [["2023", "2", "15"]]}},
      {"type": "book", "title": "Программа", "version": "2.0.9"}
    ]"#;
    let entries = from_csl_json(json).unwrap();
    assert_eq!(
        entries[0].note.as_deref(),
        Some("Обновляется в течение суток")
    );
    assert!(format(&entries[0], &GostStyle::new())
        .contains("— Москва. — Обновляется в течение суток. — URL: http://government.ru"));
    assert_eq!(
        entries[1].revision,
        mentorcard::date::Date::new(2022, 12, 29)
    );
    assert!(format(&entries[1], &GostStyle::new())
        .contains("Федеральный закон № 273-ФЗ (ред. от 29.12.2022). — Текст : электронный //"));
    // a software version is not a revision
    assert_eq!(entries[2].revision, None);
}

#[test]
fn law_in_a_separate_edition() {
    assert_eq!(
        gost(
            r#"
            type = "legislation"
            title = "Трудовой кодекс Российской Федерации"
            genre = "ТК"
            adopted = "текст с изменениями и дополнениями на 1 февраля 2020 года"
            publisher-place = "Москва"
            publisher = "Эксмо"
            issued = 2020
            number-of-pages = 256
            ISBN = "978-5-04-000000-0"
            "#
        ),
        "Трудовой кодекс Российской Федерации : ТК : текст с изменениями и дополнениями на \
         1 февраля 2020 года. — Москва : Эксмо, 2020. — 256 с. — ISBN 978-5-04-000000-0. — \
         Текст : непосредственный."
    );
}

// --- settings -----------------------------------------------------------------------------------

#[test]
fn en_dash_no_content_type_abbreviated_places() {
    let style = GostStyle {
        dash: Dash::En,
        content_type: false,
        many_authors: ManyAuthors::FirstThree,
        places: Places::Abbreviated,
    };
    assert_eq!(
        format(&entry(SEED_1), &style),
        "Александров, Е. Л. Интернет – легко и просто! : популярный самоучитель : методическое \
         пособие / Е. Л. Александров. – СПб. : Питер, 2005. – 208 с. : ил."
    );
}

#[test]
fn style_loads_from_toml_with_defaults() {
    let s: GostStyle = toml::from_str("dash = \"en\"").unwrap();
    assert_eq!(
        s,
        GostStyle {
            dash: Dash::En,
            ..GostStyle::new()
        }
    );
    assert!(
        s.content_type,
        "one field set keeps the content-type area on"
    );
    let s: GostStyle = toml::from_str("").unwrap();
    assert_eq!(s, GostStyle::new());
    assert_eq!(GostStyle::default(), GostStyle::new());
    let s: GostStyle =
        toml::from_str("many_authors = \"all\"\nplaces = \"abbreviated\"\ncontent_type = false")
            .unwrap();
    assert_eq!(s.many_authors, ManyAuthors::All);
    assert_eq!(s.places, Places::Abbreviated);
    assert!(!s.content_type);
    assert!(toml::from_str::<GostStyle>("dashes = \"en\"").is_err());
}

// --- CSL-JSON -----------------------------------------------------------------------------------

#[test]
fn zotero_export_loads_and_formats() {
    let json = r#"[
      {"id": "http://zotero.org/users/1/items/ABC", "type": "book",
       "title": "Почвоведение", "genre": "учебник",
       "author": [{"family": "Хабаров", "given": "Алексей Викторович"},
                  {"family": "Яскин", "given": "А. А."}],
       "publisher": "Колос", "publisher-place": "М.",
       "issued": {"date-parts": [["2001"]]}, "number-of-pages": "231",
       "ISBN": "5-10-003516-3 978-5-10-003516-3", "language": "ru",
       "note": "Citation Key: khabarov2001\nPMID: 123"},
      {"type": "article-journal", "title": "Акариформные клещи",
       "author": [{"family": "Козаченко", "given": "Ю. В."}],
       "container-title": "Аспирант и соискатель",
       "issued": {"date-parts": [[2018]]}, "issue": "2 (104)", "page": "19-21"}
    ]"#;
    let entries = from_csl_json(json).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(
        format(&entries[0], &GostStyle::new()),
        "Хабаров, А. В. Почвоведение : учебник / А. В. Хабаров, А. А. Яскин. — Москва : Колос, \
         2001. — 231 с. — ISBN 5-10-003516-3. — Текст : непосредственный."
    );
    assert_eq!(
        format(&entries[1], &GostStyle::new()),
        "Козаченко, Ю. В. Акариформные клещи / Ю. В. Козаченко. — Текст : непосредственный // \
         Аспирант и соискатель. — 2018. — № 2 (104). — С. 19–21."
    );
}

#[test]
fn csl_errors_name_the_item() {
    use mentorcard::message::CslError;
    let err = from_csl_json(r#"[{"type": "book", "title": "A"}, {"type": "book"}]"#).unwrap_err();
    assert!(matches!(err, CslError::Item { index: 2, .. }), "{err:?}");
    assert!(from_csl_json("{").is_err());
    assert!(from_csl_json("42").is_err());
    let err =
        from_csl_json(r#"[{"type":"webpage","title":"A","accessed":{"date-parts":[[2019]]}}]"#)
            .unwrap_err();
    assert!(matches!(err, CslError::Item { index: 1, .. }), "{err:?}");
}

#[test]
fn card_rejects_unknown_fields() {
    let r: Result<Entry, _> = toml::from_str("type = \"book\"\ntitle = \"A\"\nauthors = []");
    assert!(r.is_err());
}

#[test]
fn typography_over_records_binds_spaces_but_keeps_urls() {
    use mentorcard::typography::apply;
    let rec = gost(
        r#"
        type = "webpage"
        title = "Российская государственная библиотека"
        genre = "официальный сайт"
        publisher-place = "Москва"
        issued = "1999-"
        URL = "http://www.rsl.ru/a-1-2"
        accessed = 2019-06-26
        "#,
    );
    let typeset = apply(&rec);
    assert_eq!(
        typeset,
        "Российская государственная библиотека : официальный сайт.\u{a0}— Москва, \
         1999\u{a0}— .\u{a0}— URL: http://www.rsl.ru/a-1-2 (дата обращения: 26.06.2019).\u{a0}— \
         Текст : электронный."
    );
    assert_eq!(apply(&typeset), typeset);
    let seed = apply(&gost(SEED_1));
    assert_eq!(
        seed,
        "Александров, Е.\u{a0}Л.\u{a0}Интернет\u{a0}— легко и\u{a0}просто! : популярный \
         самоучитель : методическое пособие / Е.\u{a0}Л.\u{a0}Александров.\u{a0}— \
         Санкт-Петербург : Питер, 2005.\u{a0}— 208\u{a0}с. : ил.\u{a0}— Текст : непосредственный."
    );
}

#[test]
fn a_typeset_record_binds_the_space_before_its_colons_and_semicolons() {
    use mentorcard::biblio::typeset;
    use mentorcard::typography::apply;
    let record = typeset(&gost(
        r#"
        type = "book"
        author = ["Головницкая Н. П."]
        title = "Производство продуктов питания по-немецки"
        genre = "учебное пособие"
        organization = "Волгоградский государственный аграрный университет"
        publisher-place = "Волгоград"
        publisher = "Волгоградский ГАУ"
        issued = 2019
        "#,
    ));
    assert_eq!(
        record,
        "Головницкая, Н. П. Производство продуктов питания по-немецки\u{a0}: учебное пособие / \
         Н. П. Головницкая\u{a0}; Волгоградский государственный аграрный университет. — \
         Волгоград\u{a0}: Волгоградский ГАУ, 2019. — Текст\u{a0}: непосредственный."
    );
    assert_eq!(typeset(&record), record);
    assert_eq!(apply(&apply(&record)), apply(&record));
}

// --- old-style strings read back into entries ---------------------------------------------------

use mentorcard::biblio::{parse_plain, to_toml};

fn from_plain(s: &str) -> String {
    match parse_plain(s) {
        Some(e) => {
            // the suggested TOML loads back to the same entry
            let again: Entry = toml::from_str(&to_toml(&e)).unwrap();
            assert_eq!(again, e);
            format(&e, &GostStyle::new())
        }
        None => panic!("not parsed: {s}"),
    }
}

#[test]
fn seed_plain_strings_suggest_structured_entries() {
    assert_eq!(
        from_plain(
            "Будилов В.А. Основы программирования для Интернета [Текст]: учебное пособие / \
             В.А. Будилов. - СПб: БХВ - Петербург, 2003. - 736с.: ил."
        ),
        gost(SEED_2)
    );
    assert_eq!(
        from_plain(
            "Дронов В.А. Самоучитель Macromedia Dreamweaver 8. [Текст]: Методическое пособие / \
             В.А. Дронов—СПб.: БХВ - Петербург, 2006.— 320с:ил"
        ),
        gost(SEED_3)
    );
    // the seed types РНР in Cyrillic; the parser cannot know
    assert_eq!(
        from_plain(
            "Кузнецов М.В., Симдянов И.В. РНР. Практика создания Web-сайтов [Текст]: учебное \
             пособие / М.В. Кузнецов, 2-ое издание – СПб: БХВ - Петербург, 2009 – 1264с."
        ),
        gost(SEED_4).replace("PHP", "РНР")
    );
    // the journal's abbreviated name stays as typed
    assert_eq!(
        from_plain(
            "Нартова-Бочавер С.: «Coping behavior» в системе понятий психологии личности.- \
             Психол. журнал -1997.- №5-С.56"
        ),
        gost(SEED_5).replace("Психологический журнал", "Психол. журнал")
    );
    assert_eq!(
        from_plain(
            "Нартова-Бочавер С. Психология личности и межличностных отношений. - М.: Из-во \
             ЭКСМО-Пресс, 2001."
        ),
        gost(SEED_6)
    );
    assert_eq!(
        from_plain(
            "Хабаров А.В. Почвоведение: учебник / А.В. Хабаров, А.А. Яскин. - М. : Колос, 2001. \
             – 231 с. : ил."
        ),
        "Хабаров, А. В. Почвоведение : учебник / А. В. Хабаров, А. А. Яскин. — Москва : Колос, \
         2001. — 231 с. : ил. — Текст : непосредственный."
    );
    assert_eq!(parse_plain("просто текст"), None);
    assert_eq!(parse_plain(""), None);
}

// --- warnings -----------------------------------------------------------------------------------

#[test]
fn entry_warnings_about_urls_dates_and_hosts() {
    use mentorcard::biblio::entry_warnings;
    use mentorcard::date::Date;
    let today = Date::new(2025, 1, 31).unwrap();
    let codes = |t: &str| -> Vec<&'static str> {
        entry_warnings(&entry(t), today)
            .iter()
            .map(|n| n.code())
            .collect()
    };
    assert!(codes(SEED_2).is_empty());
    assert_eq!(
        codes("type = \"webpage\"\ntitle = \"A\"\nURL = \"https://a.ru\""),
        ["biblio-url-no-access-date"]
    );
    assert_eq!(
        codes("type = \"webpage\"\ntitle = \"A\"\nURL = \"https://a.ru\"\naccessed = 2025-02-01"),
        ["biblio-access-date-future"]
    );
    assert_eq!(
        codes("type = \"webpage\"\ntitle = \"A\""),
        ["biblio-web-no-url"]
    );
    assert_eq!(
        codes("type = \"book\"\ntitle = \"A\"\naccessed = 2020-01-01"),
        ["biblio-access-date-no-url"]
    );
    assert_eq!(
        codes("type = \"article-journal\"\ntitle = \"A\""),
        ["biblio-no-container"]
    );
    assert_eq!(
        codes("type = \"брошюра\"\ntitle = \" \""),
        ["biblio-no-title", "biblio-unknown-type"]
    );
    let w = entry_warnings(
        &entry("type = \"webpage\"\ntitle = \"A\"\nURL = \"https://a.ru\"\naccessed = 2025-02-01"),
        today,
    );
    assert!(w[0]
        .text(mentorcard::locale::Lang::Ru)
        .contains("01.02.2025"));
    assert!(w[0].text(mentorcard::locale::Lang::En).contains("future"));
}

#[test]
fn article_without_host_does_not_print_an_empty_double_slash() {
    assert_eq!(
        gost("type = \"article-journal\"\nauthor = [\"Иванов И. И.\"]\ntitle = \"Заметка\"\nissued = 2020"),
        "Иванов, И. И. Заметка / И. И. Иванов. — 2020. — Текст : непосредственный."
    );
}

// --- the example card's «norms» and «materials», as the lead copies them --------------------------

/// Rows 7 and 13 of the seed, structured. Kept here verbatim so the example card can copy it.
const EXAMPLE_CARD_PART: &str = r#"
[[norms]]
ref = "273-ФЗ"
amendments = "с изм. и доп. от 24.04.2020 № 147-ФЗ"

[[norms]]
ref = "Указ № 94"

[[norms]]
ref = "Указ № 204"
title = "О национальных целях и стратегических задачах развития Российской Федерации на период до 2024 года"

[[norms]]
kind = "Паспорт федерального проекта"
title = "Современная школа"
note = "утв. президиумом Совета при Президенте Российской Федерации по стратегическому развитию и национальным проектам, протокол от 24.12.2018 № 16"

[[materials]]
type = "book"
author = ["Александров Е. Л."]
title = "Интернет — легко и просто!"
genre = "популярный самоучитель : методическое пособие"
publisher-place = "Санкт-Петербург"
publisher = "Питер"
issued = 2005
number-of-pages = 208
illustrations = true

[[materials]]
type = "book"
author = ["Будилов В. А."]
title = "Основы программирования для Интернета"
genre = "учебное пособие"
publisher-place = "Санкт-Петербург"
publisher = "БХВ-Петербург"
issued = 2003
number-of-pages = 736
illustrations = true

[[materials]]
type = "book"
author = ["Дронов В. А."]
title = "Самоучитель Macromedia Dreamweaver 8"
genre = "методическое пособие"
publisher-place = "Санкт-Петербург"
publisher = "БХВ-Петербург"
issued = 2006
number-of-pages = 320
illustrations = true

[[materials]]
type = "book"
author = ["Кузнецов М. В.", "Симдянов И. В."]
title = "PHP. Практика создания Web-сайтов"
genre = "учебное пособие"
edition = 2
publisher-place = "Санкт-Петербург"
publisher = "БХВ-Петербург"
issued = 2009
number-of-pages = 1264

[[materials]]
type = "article-journal"
author = ["Нартова-Бочавер С."]
title = "«Coping behavior» в системе понятий психологии личности"
container-title = "Психологический журнал"
issued = 1997
issue = 5
page = 56

[[materials]]
type = "book"
author = ["Нартова-Бочавер С."]
title = "Психология личности и межличностных отношений"
publisher-place = "Москва"
publisher = "ЭКСМО-Пресс"
issued = 2001
"#;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CardPart {
    norms: Vec<mentorcard::norms::Act>,
    materials: Vec<Entry>,
}

#[test]
fn example_card_norms_and_materials() {
    use mentorcard::norms::{act_warnings, cite, order, NormOrder};
    let part: CardPart = toml::from_str(EXAMPLE_CARD_PART).unwrap();
    let cites: Vec<String> = order(&part.norms, NormOrder::LegalForce)
        .into_iter()
        .map(|i| cite(&part.norms[i]))
        .collect();
    assert_eq!(
        cites,
        [
            "Федеральный закон от 29.12.2012 №\u{a0}273-ФЗ «Об образовании в Российской \
             Федерации» (с изм. и доп. от 24.04.2020 №\u{a0}147-ФЗ)",
            "Указ Президента Российской Федерации от 02.03.2018 №\u{a0}94 «Об учреждении знака \
             отличия „За наставничество“»",
            "Указ Президента Российской Федерации от 07.05.2018 №\u{a0}204 «О национальных целях \
             и стратегических задачах развития Российской Федерации на период до 2024 года»",
            "Паспорт федерального проекта «Современная школа» (утв. президиумом Совета при \
             Президенте Российской Федерации по стратегическому развитию и национальным \
             проектам, протокол от 24.12.2018 №\u{a0}16)",
        ]
    );
    let codes: Vec<Vec<&str>> = part
        .norms
        .iter()
        .map(|a| act_warnings(a).iter().map(|n| n.code()).collect())
        .collect();
    assert_eq!(
        codes,
        [
            vec![],
            vec![],
            vec!["norm-goals-2024"],
            vec!["norm-project-ended"]
        ]
    );
    let records: Vec<String> = part
        .materials
        .iter()
        .map(|e| format(e, &GostStyle::new()))
        .collect();
    let seeds = [SEED_1, SEED_2, SEED_3, SEED_4, SEED_5, SEED_6];
    let expected: Vec<String> = seeds.iter().map(|s| gost(s)).collect();
    assert_eq!(records, expected);
}

#[test]
fn authors_as_one_string_and_compilers() {
    assert_eq!(
        gost(
            r#"
            type = "book"
            author = "Кузнецов М.В., Симдянов И.В."
            title = "PHP. Практика создания Web-сайтов"
            issued = 2009
            "#
        ),
        "Кузнецов, М. В. PHP. Практика создания Web-сайтов / М. В. Кузнецов, И. В. Симдянов. — \
         2009. — Текст : непосредственный."
    );
    assert_eq!(
        gost(
            r#"
            type = "book"
            author = "Александров, Е. Л."
            title = "Интернет"
            "#
        ),
        "Александров, Е. Л. Интернет / Е. Л. Александров. — Текст : непосредственный."
    );
    assert_eq!(
        gost(
            r#"
            type = "book"
            compiler = ["Иванова А. А.", "Петрова Б. Б."]
            title = "Наставничество в детском саду"
            genre = "методические рекомендации"
            organization = "Управление образования"
            publisher-place = "Тула"
            issued = 2024
            number-of-pages = 48
            "#
        ),
        "Наставничество в детском саду : методические рекомендации / составители А. А. Иванова, \
         Б. Б. Петрова ; Управление образования. — Тула, 2024. — 48 с. — Текст : \
         непосредственный."
    );
    assert_eq!(
        gost(
            r#"
            type = "book"
            compiler = "Иванова А. А."
            title = "Игры"
            "#
        ),
        "Игры / составитель А. А. Иванова. — Текст : непосредственный."
    );
}

#[test]
fn old_style_electronic_resource_is_read_with_url_and_access_date() {
    assert_eq!(
        from_plain(
            "Иванов И.И. Наставничество в школе [Электронный ресурс]. - URL: \
             https://nastavnik-2020.ru/a-b (дата обращения: 01.02.2020)."
        ),
        "Иванов, И. И. Наставничество в школе / И. И. Иванов. — URL: \
         https://nastavnik-2020.ru/a-b (дата обращения: 01.02.2020). — Текст : электронный."
    );
}

#[test]
fn old_style_law_from_a_legal_database_and_site_with_a_note_are_read() {
    assert_eq!(
        from_plain(
            "Об образовании в Российской Федерации [Электронный ресурс] : федер. закон от \
             29.12.2012 № 273-ФЗ (ред. от 29.12.2022) // КонсультантПлюс. - URL: \
             http://www.consultant.ru/document/cons_doc_LAW_140174/ (дата обращения: 15.02.2023)."
        ),
        "Об образовании в Российской Федерации : Федеральный закон от 29.12.2012 № 273-ФЗ \
         (ред. от 29.12.2022). — Текст : электронный // КонсультантПлюс. — URL: \
         http://www.consultant.ru/document/cons_doc_LAW_140174/ (дата обращения: 15.02.2023)."
    );
    assert_eq!(
        from_plain(
            "Правительство Российской Федерации [Электронный ресурс] : официальный сайт. - М. - \
             Обновляется в течение суток. - URL: http://government.ru (дата обращения: \
             19.02.2018)."
        ),
        "Правительство Российской Федерации : официальный сайт. — Москва. — Обновляется в \
         течение суток. — URL: http://government.ru (дата обращения: 19.02.2018). — Текст : \
         электронный."
    );
}

#[test]
fn schema_describes_fields_in_russian() {
    let schema = serde_json::to_value(schemars::schema_for!(Entry)).unwrap();
    let props = &schema["properties"];
    for key in [
        "type",
        "author",
        "title",
        "publisher-place",
        "number-of-pages",
        "URL",
        "accessed",
        "revision",
        "note",
    ] {
        assert!(
            props[key]["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "{key} has no description"
        );
    }
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
    assert!(schema["required"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("title")));
    let act = serde_json::to_value(schemars::schema_for!(mentorcard::norms::Act)).unwrap();
    assert!(act["properties"]["ref"]["description"]
        .as_str()
        .unwrap()
        .contains("273-ФЗ"));
    assert_eq!(act["additionalProperties"], serde_json::json!(false));
    let style = serde_json::to_value(schemars::schema_for!(GostStyle)).unwrap();
    assert!(style["properties"]["dash"].is_object());
}

#[test]
fn law_in_a_separate_edition_with_number_and_adoption() {
    assert_eq!(
        gost(
            r#"
            type = "legislation"
            title = "Об образовании в Российской Федерации"
            genre = "Федеральный закон"
            number = "№ 273-ФЗ"
            adopted = "[принят Государственной думой 21 декабря 2012 года : одобрен Советом Федерации 26 декабря 2012 года]"
            publisher-place = "Москва"
            publisher = "Проспект"
            issued = 2013
            number-of-pages = 158
            "#
        ),
        "Об образовании в Российской Федерации : Федеральный закон № 273-ФЗ : [принят \
         Государственной думой 21 декабря 2012 года : одобрен Советом Федерации 26 декабря 2012 \
         года]. — Москва : Проспект, 2013. — 158 с. — Текст : непосредственный."
    );
}
