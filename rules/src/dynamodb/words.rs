//! Attribute names as words, for the key-design hints: `orderStatus`, `order_status`,
//! `ORDER-STATUS` and `OrderSTATUS2` all end in the word `status`.

/// The lower-cased words of an attribute name, split at separators, at lower-to-upper case
/// changes, before the last capital of an acronym (`HTTPStatus` is `http` + `status`) and
/// around digits.
pub(super) fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut current, &mut words);
            continue;
        }
        if let Some(&previous) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = (previous.is_lowercase() && c.is_uppercase())
                || (previous.is_uppercase() && c.is_uppercase() && next_is_lower)
                || (previous.is_ascii_digit() != c.is_ascii_digit() && previous.is_alphanumeric());
            if boundary {
                flush(&mut current, &mut words);
            }
        }
        current.extend(c.to_lowercase());
    }
    flush(&mut current, &mut words);
    words
}

fn flush(current: &mut String, words: &mut Vec<String>) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// Why a name suggests few distinct values, as a parenthesis for messages (empty when the name
/// is the word itself): its head word (the last one, ignoring a trailing number) is in
/// `low_cardinality`, or it reads as a yes/no flag (`isActive`, `has_children`).
pub(super) fn low_cardinality_reason(name: &str, low_cardinality: &[String]) -> Option<String> {
    let words = words(name);
    let head = head_word(&words)?;
    if low_cardinality.iter().any(|w| w == head) {
        return Some(if words.len() == 1 { String::new() } else { format!(" (`{head}`)") });
    }
    if words.len() >= 2 && matches!(words[0].as_str(), "is" | "has" | "can" | "should") {
        return Some(format!(" (`{}…`, a yes/no flag)", words[0]));
    }
    None
}

/// Whether a name reads as a point in time: its head word is in `timestamp_words`.
pub(super) fn timestamp_word<'w>(name: &str, timestamp_words: &'w [String]) -> Option<&'w str> {
    let words = words(name);
    let head = head_word(&words)?;
    timestamp_words.iter().find(|w| *w == head).map(String::as_str)
}

/// The last word that is not a number (`status2` → `status`).
fn head_word(words: &[String]) -> Option<&str> {
    words.iter().rev().find(|w| !w.chars().all(|c| c.is_ascii_digit())).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Vec<String> {
        super::super::options::LOW_CARDINALITY_WORDS.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn splits_the_usual_spellings() {
        assert_eq!(words("orderStatus"), ["order", "status"]);
        assert_eq!(words("order_status"), ["order", "status"]);
        assert_eq!(words("ORDER-STATUS"), ["order", "status"]);
        assert_eq!(words("HTTPStatus"), ["http", "status"]);
        assert_eq!(words("GSI1PK"), ["gsi", "1", "pk"]);
        assert_eq!(words("createdAt"), ["created", "at"]);
        assert_eq!(words(""), Vec::<String>::new());
    }

    #[test]
    fn judges_the_head_word_only() {
        let words = defaults();
        assert_eq!(low_cardinality_reason("status", &words).as_deref(), Some(""));
        assert_eq!(low_cardinality_reason("orderStatus", &words).as_deref(), Some(" (`status`)"));
        assert!(low_cardinality_reason("isActive", &words).is_some());
        assert!(low_cardinality_reason("statusId", &words).is_none(), "an id, not a status");
        assert!(low_cardinality_reason("realEstate", &words).is_none(), "`estate` is not `state`");
        assert!(low_cardinality_reason("island", &words).is_none(), "one word starting with `is`");
        assert!(low_cardinality_reason("pk", &words).is_none());
    }

    #[test]
    fn finds_timestamps() {
        let words: Vec<String> = super::super::options::TIMESTAMP_WORDS.iter().map(|w| w.to_string()).collect();
        assert_eq!(timestamp_word("createdAt", &words), Some("at"));
        assert_eq!(timestamp_word("event_timestamp", &words), Some("timestamp"));
        assert_eq!(timestamp_word("ts", &words), Some("ts"));
        assert_eq!(timestamp_word("timeZone", &words), None);
    }
}
