//! Rules that check every resource against its type's published schema: types, properties,
//! values, resource attributes and `Fn::GetAtt` attribute names.
//!
//! The properties of a document are validated once ([`document`]); each property rule reports
//! the findings of one kind.

pub(crate) mod document;
pub(crate) mod memo;

pub mod conflicting_properties;
pub mod duplicate_list_item;
pub mod invalid_resource_attribute;
pub mod length_out_of_range;
pub mod missing_required_property;
pub mod pattern_mismatch;
pub mod unknown_getatt_attribute;
pub mod unknown_property;
pub mod unknown_resource_type;
pub mod value_not_allowed;
pub mod value_out_of_range;
pub mod wrong_type;

use slint_linter::schema::ErrorKind;
use slint_linter::{Related, Severity};

use crate::{Context, Report};

/// Reports the document's schema findings of one kind. A finding in a value slint computed from
/// parameters or mappings is a warning: deploy-time values may differ from what slint saw.
fn report_kind(cx: &Context, report: &mut Report, kind: ErrorKind) {
    for error in document::errors(cx).iter().filter(|e| e.kind == kind) {
        let diagnostic = if error.resolved {
            report.add_with_severity(Severity::Warning, error.span, error.message.clone())
        } else {
            report.add(error.span, error.message.clone())
        };
        diagnostic
            .related
            .extend(error.related.iter().map(|(span, message)| Related { span: *span, message: message.clone() }));
    }
}
