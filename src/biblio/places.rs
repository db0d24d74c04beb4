//! Places of publication, abbreviated as ГОСТ Р 7.0.12 allows (М., СПб., Н. Новгород) or in
//! full.

use super::style::Places;

/// (short form, aliases of the short form, full form).
pub(super) const PLACES: &[(&str, &[&str], &str)] = &[
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
