//! Rules about the template as a whole: syntax, sections, references.

pub mod circular_dependency;
pub mod duplicate_key;
pub mod invalid_find_in_map;
pub mod not_a_mapping;
mod parse_findings;
pub mod sub_without_variables;
pub mod syntax_error;
pub mod unknown_condition;
pub mod unknown_depends_on;
pub mod unknown_getatt_target;
pub mod unknown_ref_target;
pub mod unknown_sub_variable;
pub mod unknown_tag;
