//! Small helpers for writing messages in plain words.

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    join(items, "or")
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    join(items, "and")
}

fn join<S: AsRef<str>>(items: &[S], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., tail] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {last} {}", init.join(", "), tail.as_ref())
        }
    }
}

/// A name or value in backticks, shortened when it is long.
pub(crate) fn code(text: &str) -> String {
    const LIMIT: usize = 60;
    if text.chars().count() <= LIMIT {
        format!("`{text}`")
    } else {
        let head: String = text.chars().take(LIMIT).collect();
        format!("`{head}…`")
    }
}

/// The candidate closest to `word`, if it is close enough to be what was meant: a different
/// case, or a few edits for the word's length.
pub fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let budget = match word.chars().count() {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let distance = if candidate.to_lowercase() == lower { 0 } else { edit_distance(&lower, &candidate.to_lowercase()) };
        if distance <= budget && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Levenshtein distance counted in characters, with a swap of two neighbours as one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = (0..=b.len()).collect();
    let mut previous: Vec<usize> = vec![0; b.len() + 1];
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let substitution = before[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(before[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(previous[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut previous, &mut before);
        std::mem::swap(&mut before, &mut current);
    }
    before[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        assert_eq!(or_list(&["`A`"]), "`A`");
        assert_eq!(or_list(&["`A`", "`B`"]), "`A` or `B`");
        assert_eq!(and_list(&["`A`", "`B`", "`C`"]), "`A`, `B` and `C`");
    }

    #[test]
    fn suggests_near_misses_only() {
        let properties = ["Runtime", "Role", "Handler", "MemorySize"];
        assert_eq!(did_you_mean("Runtim", properties), Some("Runtime"));
        assert_eq!(did_you_mean("memorysize", properties), Some("MemorySize"));
        assert_eq!(did_you_mean("Hnadler", properties), Some("Handler"));
        assert_eq!(did_you_mean("Environment", properties), None);
        assert_eq!(did_you_mean("AWS::Lamda::Function", ["AWS::Lambda::Function", "AWS::Lambda::Alias"]), Some("AWS::Lambda::Function"));
    }

    #[test]
    fn counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn shortens_long_values() {
        let long = "x".repeat(100);
        assert!(code(&long).ends_with("…`"));
        assert_eq!(code("a"), "`a`");
    }
}
