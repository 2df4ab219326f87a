//! jsonc-parser descends recursively, so nesting is measured before it runs.

/// The byte offset of the first `[` or `{` that opens a level deeper than `max`, outside strings.
pub(super) fn first_too_deep(text: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(at);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_in_strings_do_not_count() {
        assert_eq!(first_too_deep(r#"{"a": "[[[[\"[[["}"#, 2), None);
        assert_eq!(first_too_deep(r#"{"a": [[1]]}"#, 2), Some(7));
        assert_eq!(first_too_deep(r#"[[]][[]]"#, 2), None);
    }
}
