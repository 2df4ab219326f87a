//! `docs/rules.md` is generated from the rules; this keeps the committed file in sync.

use std::path::Path;

#[test]
fn rules_reference_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
    let generated = slint_rules::docs::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date; regenerate it with `UPDATE_DOCS=1 cargo test -p slint-rules --test docs`"
    );
}

#[test]
fn every_rule_documents_every_section() {
    for rule in slint_rules::all_rules() {
        for section in ["## What it does", "## Why it matters", "## Example", "## Use instead", "## References"] {
            assert!(rule.docs.contains(section), "{} ({}) has no `{section}` section", rule.code, rule.name);
        }
        assert!(rule.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}: name must be kebab-case", rule.code);
        assert!(!rule.summary.ends_with('.'), "{}: summaries are phrases without a final period", rule.code);
    }
}

#[test]
fn codes_and_names_are_unique() {
    let rules = slint_rules::all_rules();
    for (i, a) in rules.iter().enumerate() {
        for b in &rules[i + 1..] {
            assert_ne!(a.code, b.code);
            assert_ne!(a.name, b.name);
        }
    }
}
