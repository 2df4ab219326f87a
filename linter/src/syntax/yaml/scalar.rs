//! What a plain (unquoted) scalar means, the way CloudFormation's YAML 1.1 reader decides it:
//! `yes` and `off` are booleans, `0755` is octal, `~` is null.

use std::borrow::Cow;

use crate::syntax::Value;

/// The value of a plain scalar written without a tag. A string takes over the text the parser
/// made for it.
pub(super) fn resolve_plain(text: Cow<'_, str>) -> Value {
    if is_null(&text) {
        Value::Null
    } else if let Some(b) = parse_bool(&text) {
        Value::Bool(b)
    } else if let Some(n) = parse_int(&text).or_else(|| parse_float(&text)) {
        Value::Number(n)
    } else {
        Value::String(text.into())
    }
}

pub(super) fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

pub(super) fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// Decimal (`1_000`), hexadecimal (`0x1F`), octal (`0755` as YAML 1.1 writes it, or `0o755`)
/// and binary (`0b101`) integers, with an optional sign.
pub(super) fn parse_int(text: &str) -> Option<f64> {
    let (negative, body) = split_sign(text);
    let magnitude = if let Some(digits) = body.strip_prefix("0x") {
        digits_in_radix(digits, 16)?
    } else if let Some(digits) = body.strip_prefix("0o") {
        digits_in_radix(digits, 8)?
    } else if let Some(digits) = body.strip_prefix("0b") {
        digits_in_radix(digits, 2)?
    } else if body == "0" {
        0.0
    } else if let Some(digits) = body.strip_prefix('0') {
        // YAML 1.1 reads a leading zero as octal; `09` is no number at all.
        if digits.bytes().all(|b| matches!(b, b'0'..=b'7' | b'_')) {
            digits_in_radix(digits, 8).unwrap_or(0.0)
        } else {
            return None;
        }
    } else if body.starts_with(|c: char| c.is_ascii_digit()) && body.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
        without_underscores(body).parse().ok()?
    } else {
        return None;
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Floats with a fraction or an exponent (`1.5`, `.5`, `1.`, `1e3`, `-2.5E-3`), `.inf` and `.nan`.
pub(super) fn parse_float(text: &str) -> Option<f64> {
    let (negative, body) = split_sign(text);
    let magnitude = match body {
        ".inf" | ".Inf" | ".INF" => f64::INFINITY,
        ".nan" | ".NaN" | ".NAN" => return (body.len() == text.len()).then_some(f64::NAN),
        _ if is_float_syntax(body) => without_underscores(body).parse().ok()?,
        _ => return None,
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// `digits[.digits]` or `.digits`, then an optional exponent; a fraction or an exponent is required
/// (without either the text is an integer, or not a number). Underscores may follow any digit.
fn is_float_syntax(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut i = 0;
    let integer_digits = take_digits(bytes, &mut i);
    let mut fraction = false;
    let mut fraction_digits = 0;
    if bytes.get(i) == Some(&b'.') {
        fraction = true;
        i += 1;
        fraction_digits = take_digits(bytes, &mut i);
    }
    if integer_digits == 0 && fraction_digits == 0 {
        return false;
    }
    let mut exponent = false;
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        exponent = true;
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == bytes.len() && (fraction || exponent)
}

/// Advances past digits and underscores that start with a digit; returns how many digits it saw.
fn take_digits(bytes: &[u8], i: &mut usize) -> usize {
    if !bytes.get(*i).is_some_and(u8::is_ascii_digit) {
        return 0;
    }
    let mut digits = 0;
    while let Some(&b) = bytes.get(*i) {
        match b {
            b'0'..=b'9' => digits += 1,
            b'_' => {}
            _ => break,
        }
        *i += 1;
    }
    digits
}

fn digits_in_radix(digits: &str, radix: u32) -> Option<f64> {
    let mut value = 0.0_f64;
    let mut seen_digit = false;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        value = value * f64::from(radix) + f64::from(c.to_digit(radix)?);
        seen_digit = true;
    }
    seen_digit.then_some(value)
}

fn without_underscores(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('_') {
        text.replace('_', "").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<f64> {
        match resolve_plain(text.into()) {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn integers_in_every_base() {
        assert_eq!(number("42"), Some(42.0));
        assert_eq!(number("-17"), Some(-17.0));
        assert_eq!(number("+3"), Some(3.0));
        assert_eq!(number("1_000_000"), Some(1e6));
        assert_eq!(number("0"), Some(0.0));
        assert_eq!(number("0x1F"), Some(31.0));
        assert_eq!(number("0755"), Some(493.0));
        assert_eq!(number("0o755"), Some(493.0));
        assert_eq!(number("0b101"), Some(5.0));
        assert_eq!(number("-0x10"), Some(-16.0));
    }

    #[test]
    fn floats_need_a_fraction_or_exponent() {
        assert_eq!(number("1.5"), Some(1.5));
        assert_eq!(number(".5"), Some(0.5));
        assert_eq!(number("-.5"), Some(-0.5));
        assert_eq!(number("1."), Some(1.0));
        assert_eq!(number("1e3"), Some(1000.0));
        assert_eq!(number("2.5E-3"), Some(0.0025));
        assert_eq!(number("1_000.25"), Some(1000.25));
        assert_eq!(number(".inf"), Some(f64::INFINITY));
        assert_eq!(number("-.Inf"), Some(f64::NEG_INFINITY));
        assert!(number(".nan").is_some_and(f64::is_nan));
    }

    #[test]
    fn near_numbers_stay_strings() {
        for text in [
            "09",
            "012345678901",
            "0x",
            "0xG",
            "1e",
            ".",
            "1.2.3",
            "e3",
            "_1",
            "1-2",
            "-.nan",
            "1_e",
            "inf",
            "nan",
            "12:30",
            "0b2",
        ] {
            assert_eq!(resolve_plain(text.into()), Value::String(text.into()), "{text}");
        }
    }

    #[test]
    fn yaml_1_1_booleans_and_nulls() {
        for text in ["yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"] {
            assert_eq!(resolve_plain(text.into()), Value::Bool(true), "{text}");
        }
        for text in ["no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"] {
            assert_eq!(resolve_plain(text.into()), Value::Bool(false), "{text}");
        }
        for text in ["y", "n", "yES", "tRUE"] {
            assert_eq!(resolve_plain(text.into()), Value::String(text.into()), "{text}");
        }
        for text in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(resolve_plain(text.into()), Value::Null, "{text}");
        }
    }
}
