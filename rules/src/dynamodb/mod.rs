//! DynamoDB: key and index design, capacity settings, data safety, access from functions, and
//! changes between two versions of a template that CloudFormation cannot apply in place.
//!
//! Every rule reads the table model (`slint_linter::model::tables`), which resolves parameters
//! and conditions into variants; rules check each variant and report each finding once.

pub mod baseline;
mod findings;
mod iam;
pub mod options;
mod words;

pub mod attribute_definitions_mismatch;
pub mod billing_mode_switch;
pub mod billing_mode_throughput;
pub mod duplicate_index_name;
pub mod fixed_table_name;
pub mod function_without_table_permission;
pub mod global_index_on_sort_key;
pub mod global_index_throughput;
pub mod incomplete_deletion_policy;
pub mod invalid_key_attribute_type;
pub mod invalid_key_schema;
pub mod invalid_stream_view_type;
pub mod local_index_partition_key;
pub mod local_index_same_sort_key;
pub mod local_index_without_sort_key;
pub mod low_cardinality_partition_key;
pub mod many_all_projections;
pub mod non_key_attributes_without_include;
pub mod on_demand_throughput;
pub mod removed_table;
pub mod replacement_change;
pub mod table_without_point_in_time_recovery;
pub mod table_without_retain_policy;
pub mod timestamp_partition_key;
pub mod too_many_global_indexes;
pub mod too_many_local_indexes;
pub mod too_many_projected_attributes;
pub mod unsupported_global_index_update;
pub mod wildcard_permission;

/// Checks the options a DynamoDB rule reads from its `[rules.CODE]` table in `slint.toml`.
pub(crate) fn check_options(code: &str, table: &toml::Table) -> Result<(), String> {
    if code == many_all_projections::RULE.code {
        return many_all_projections::check_options(table);
    }
    Ok(())
}
