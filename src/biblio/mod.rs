//! Bibliographic entries for «Дополнительные материалы», with CSL-JSON variable names so
//! that Zotero exports map one to one. Formatting by ГОСТ Р 7.0.100-2018 lives here too.
//!
//! The formatter produces ordinary spaces, exactly as the standard's records are printed;
//! [`typeset`] binds the space before the prescribed `:` and `;` for the page, and layout
//! runs [`crate::typography::apply`] over the result to bind initials and numbers with
//! non-breaking spaces (it leaves URLs, DOIs and ISBNs alone).
//!
//! One job a module: `model` (the entry and how it reads from a card or an export), `names`
//! (people and their initials), `places` (abbreviated places), `style` (the profile's
//! choices), `gost` (the record), `warnings` (what an entry lacks), `csl` (Zotero's CSL-JSON),
//! `plain` (sources written as one string: lint, and the suggested structured entry).

mod csl;
mod gost;
mod model;
mod names;
mod places;
mod plain;
mod style;
mod warnings;

pub use csl::*;
pub use gost::*;
pub use model::*;
pub use names::*;
pub use places::*;
pub use plain::*;
pub use style::*;
pub use warnings::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Message;

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
