//! Rules about the template as a whole: syntax, sections, references.

pub mod circular_dependency;
pub mod duplicate_key;
pub mod invalid_find_in_map;
pub mod invalid_parameter_default;
pub mod missing_resources;
pub mod not_a_mapping;
pub mod output_without_value;
mod parse_findings;
pub mod sub_without_variables;
pub mod syntax_error;
pub mod unknown_condition;
pub mod unknown_depends_on;
pub mod unknown_getatt_target;
pub mod unknown_ref_target;
pub mod unknown_section;
pub mod unknown_sub_variable;
pub mod unknown_tag;
pub mod unused_condition;
pub mod unused_mapping;
pub mod unused_parameter;
pub(crate) mod usage;
