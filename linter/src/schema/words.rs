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
    fn shortens_long_values() {
        let long = "x".repeat(100);
        assert!(code(&long).ends_with("…`"));
        assert_eq!(code("a"), "`a`");
    }
}
