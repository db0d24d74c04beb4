//! No panics on any input, and typography stays idempotent, over many generated strings made
//! of the tokens the rules react to. Deterministic: a fixed linear congruential generator.

use mentorcard::{biblio, norms, typography};

const TOKENS: &[&str] = &[
    "в",
    "и",
    "На",
    "т.",
    "д.",
    "е.",
    "А.",
    "Б.",
    "Иванов",
    "слово",
    " ",
    " ",
    " ",
    "\u{a0}",
    " - ",
    "-",
    "—",
    "–",
    "\"",
    "«",
    "»",
    "„",
    "“",
    "”",
    "2012",
    "5",
    "19",
    "с.",
    "г.",
    "млн",
    "№",
    "§",
    "N",
    "\n",
    "http://a.ru/x-1",
    "ISBN 978-5-0",
    "10.1234/x",
    "a@b.ru",
    "`к - д`",
    ",",
    ".",
    "(",
    ")",
    ":",
    "/",
    "//",
    "[Текст]",
    "СПб:",
    "М.:",
    ".-",
    "208с.",
    "ё",
    "Ё",
    "Wix.com",
    "же",
    "РФ",
    "Указ",
    "204",
    "Современная",
    "школа",
    "ФЗ",
    "\t",
    "бы",
    "ли",
    "...",
    "С.",
    "Т.",
    "марта",
    "сент.",
    "%",
    "см.",
    "г.",
    "Москва",
    "м",
    "тыс",
    "XIX",
    "XX",
    "вв.",
    "сентябрь",
    "май",
    "-е",
    "изд.",
    "(ред. от",
    "29.12.2022)",
    "федер. закон от",
    "Обновляется",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

fn samples() -> Vec<String> {
    let mut rng = Lcg(20_260_301);
    (0..4000)
        .map(|_| {
            let n = 1 + rng.next() % 14;
            (0..n).map(|_| TOKENS[rng.next() % TOKENS.len()]).collect()
        })
        .collect()
}

#[test]
fn typography_is_idempotent_and_suggest_matches_apply() {
    for s in samples() {
        let once = typography::apply(&s);
        let twice = typography::apply(&once);
        assert_eq!(twice, once, "not idempotent on {s:?}");
        assert_eq!(typography::splice(&s, &typography::suggest(&s)), once);
        for c in typography::suggest(&s) {
            assert!(s.is_char_boundary(c.range.start) && s.is_char_boundary(c.range.end));
        }
        // typography never changes letters or digits (a Latin N before a number becomes №)
        let letters = |t: &str| -> String {
            t.chars()
                .filter(|c| c.is_alphanumeric() && *c != 'N')
                .collect()
        };
        assert_eq!(letters(&once), letters(&s), "{s:?}");
    }
}

#[test]
fn library_functions_never_panic() {
    for s in samples() {
        let _ = biblio::lint_plain(&s);
        if let Some(e) = biblio::parse_plain(&s) {
            let _ = biblio::format(&e, &biblio::GostStyle::new());
            let _ = biblio::to_toml(&e);
        }
        let _ = norms::text_warnings(&s);
        let _ = norms::lookup(&s);
        let _ = typography::quoted(&s);
        let e = biblio::Entry {
            kind: s.clone(),
            title: s.clone(),
            author: vec![biblio::Name::Text(s.clone())],
            page: Some(s.clone()),
            issued: Some(biblio::Issued::Text(s.clone())),
            publisher_place: Some(s.clone()),
            edition: Some(s.clone()),
            ..Default::default()
        };
        let _ = biblio::format(&e, &biblio::GostStyle::new());
        let a = norms::Act {
            reference: Some(s.clone()),
            title: Some(s.clone()),
            amendments: Some(s.clone()),
            ..Default::default()
        };
        let _ = norms::cite(&a);
        let _ = norms::act_warnings(&a);
    }
}
