//! How alike two names are, for «did you mean» answers: a misspelt key in a card or a
//! profile, a font family the machine does not have.

/// Levenshtein distance in characters (insertions, deletions and substitutions cost one).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(super::edit_distance("probelm", "problem"), 2);
        assert_eq!(super::edit_distance("цель", "цели"), 1);
        assert_eq!(super::edit_distance("", "abc"), 3);
    }
}
