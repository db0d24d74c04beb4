//! The starting card `mentorcard new` writes: every field present, each criterion introduced
//! by a comment saying what belongs there, and a schema directive so editors autocomplete.

use crate::locale::{self, Lang};

/// The bundled example, exactly as shipped in `examples/`.
pub const EXAMPLE: &str = include_str!("../examples/reverse-mentoring.toml");

/// File name of the schema that `new` writes beside a card, so the directive works offline.
pub const SCHEMA_FILE: &str = "mentorcard.schema.json";

/// The first line of a card: where editors find the schema.
pub fn directive() -> String {
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

/// The starting collection file in `lang`.
pub fn collection(lang: Lang) -> String {
    directive() + locale::collection_scaffold(lang)
}

/// The starting card in `lang`: every field, each criterion with a comment on what belongs
/// there.
pub fn scaffold(lang: Lang) -> String {
    let w = locale::scaffold_words(lang);
    let mut s = directive();
    s.push_str(w.header);
    s.push_str(w.title);
    s.push_str("title = \"\"\n");
    s.push_str(&format!("language = \"{}\"\n", lang.code()));
    s.push_str(w.form);
    s.push_str("form = \"\"\n");
    s.push_str(w.kind);
    s.push_str("type = \"\"\n");
    s.push_str(w.place);
    s.push_str("organisation = \"\"\nlocality = \"\"\n# year = 2025\n\n");
    s.push_str(w.authors);
    s.push_str("[[authors]]\nname = \"\"\nposition = \"\"\n\n");
    s.push_str(w.introduction);
    s.push_str("[introduction]\ntext = '''\n'''\n\n");
    s.push_str(w.definitions);
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
            "participants" => s.push_str(w.participants_below),
            "norms" => {
                s.push_str(w.norms);
                s.push_str("norms = [\n]\n");
            }
            "materials" => {
                s.push_str(w.materials);
                s.push_str("materials = [\n]\n");
            }
            "special_needs" => {
                s.push_str(w.special_needs);
                s.push_str(&format!("{} = '''\n'''\n", info.key));
            }
            key => s.push_str(&format!("{key} = '''\n'''\n")),
        }
    }
    s.push_str(w.participants);
    s.push_str("[[criteria.participants]]\nrole = \"\"\n");
    s.push_str(w.mentoring);
    s.push_str("mentoring = \"\"\nshares = []\nlearns = []\n\n");
    s.push_str(w.conclusion);
    s.push_str("[conclusion]\ntext = '''\n'''\n");
    s
}
