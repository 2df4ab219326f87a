//! Every rule, in code order.

use crate::rule::Rule;
use crate::template;

static RULES: &[&Rule] = &[
    &template::syntax_error::RULE,
];

pub fn all_rules() -> &'static [&'static Rule] {
    RULES
}

/// A rule by code (`T201`) or name (`unknown-ref-target`), case-insensitively.
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name))
}
