//! Every rule, in code order.

use crate::dynamodb;
use crate::rule::Rule;
use crate::schema;
use crate::sam;
use crate::template;

static RULES: &[&Rule] = &[
    &template::syntax_error::RULE,
    &template::duplicate_key::RULE,
    &template::unknown_tag::RULE,
    &template::not_a_mapping::RULE,
    &template::unknown_section::RULE,
    &template::missing_resources::RULE,
    &template::output_without_value::RULE,
    &template::invalid_parameter_default::RULE,
    &template::unknown_ref_target::RULE,
    &template::unknown_getatt_target::RULE,
    &template::unknown_sub_variable::RULE,
    &template::sub_without_variables::RULE,
    &template::unknown_depends_on::RULE,
    &template::circular_dependency::RULE,
    &template::unknown_condition::RULE,
    &template::invalid_find_in_map::RULE,
    &template::unused_parameter::RULE,
    &template::unused_condition::RULE,
    &template::unused_mapping::RULE,
    &sam::missing_transform::RULE,
    &schema::unknown_resource_type::RULE,
    &schema::unknown_property::RULE,
    &schema::missing_required_property::RULE,
    &schema::wrong_type::RULE,
    &schema::value_not_allowed::RULE,
    &schema::pattern_mismatch::RULE,
    &schema::value_out_of_range::RULE,
    &schema::length_out_of_range::RULE,
    &schema::conflicting_properties::RULE,
    &schema::invalid_resource_attribute::RULE,
    &schema::unknown_getatt_attribute::RULE,
    &schema::duplicate_list_item::RULE,
    &dynamodb::attribute_definitions_mismatch::RULE,
    &dynamodb::invalid_key_attribute_type::RULE,
    &dynamodb::invalid_key_schema::RULE,
    &dynamodb::too_many_local_indexes::RULE,
    &dynamodb::local_index_without_sort_key::RULE,
    &dynamodb::local_index_partition_key::RULE,
    &dynamodb::local_index_same_sort_key::RULE,
    &dynamodb::too_many_global_indexes::RULE,
    &dynamodb::duplicate_index_name::RULE,
    &dynamodb::global_index_throughput::RULE,
    &dynamodb::non_key_attributes_without_include::RULE,
    &dynamodb::too_many_projected_attributes::RULE,
    &dynamodb::many_all_projections::RULE,
    &dynamodb::billing_mode_throughput::RULE,
    &dynamodb::on_demand_throughput::RULE,
    &dynamodb::low_cardinality_partition_key::RULE,
    &dynamodb::timestamp_partition_key::RULE,
    &dynamodb::global_index_on_sort_key::RULE,
    &dynamodb::invalid_stream_view_type::RULE,
    &dynamodb::table_without_retain_policy::RULE,
    &dynamodb::incomplete_deletion_policy::RULE,
    &dynamodb::table_without_point_in_time_recovery::RULE,
    &dynamodb::fixed_table_name::RULE,
    &dynamodb::function_without_table_permission::RULE,
    &dynamodb::wildcard_permission::RULE,
    &dynamodb::replacement_change::RULE,
    &dynamodb::unsupported_global_index_update::RULE,
    &dynamodb::billing_mode_switch::RULE,
    &dynamodb::removed_table::RULE,
];

pub fn all_rules() -> &'static [&'static Rule] {
    RULES
}

/// A rule by code (`T201`) or name (`unknown-ref-target`), case-insensitively.
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name))
}
