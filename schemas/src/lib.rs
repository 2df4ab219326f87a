//! The schemas slint checks templates against, embedded in the binary.
//!
//! * every CloudFormation resource provider schema of us-east-1 and SAM's `AWS::Serverless::*`
//!   schemas, by type name ([`SchemaSet::schema`]);
//! * SAM's Globals schema ([`sam_globals`]) and policy templates ([`policy_templates`]);
//! * the Lambda runtime lifecycle table ([`runtime`]).
//!
//! Each entry is compressed on its own and inflated the first time it is asked for, so a run
//! only pays for the types its templates use. Where the data comes from, and its licences, is in
//! `schemas/NOTICE`; `schemas/refresh.py` rebuilds it.

mod bundle;
mod overrides;
mod policy_templates;
mod runtimes;
mod set;

pub use overrides::LoadError;
pub use policy_templates::{policy_template, policy_templates, PolicyTemplate};
pub use runtimes::{runtime, runtimes, RuntimeLifecycle};
pub use set::SchemaSet;

use std::sync::Arc;

use serde_json::Value;

/// The bundled schema of a resource type (`AWS::Lambda::Function`, `AWS::Serverless::Api`).
pub fn schema(type_name: &str) -> Option<Arc<Value>> {
    SchemaSet::bundled().schema(type_name)
}

/// Every bundled resource type name, sorted.
pub fn type_names() -> impl Iterator<Item = &'static str> {
    bundle::resource_type_names()
}

/// SAM's schema of the template's `Globals` section: one property per resource kind
/// (`Function`, `Api`, `HttpApi`, `SimpleTable`, `StateMachine`, …).
pub fn sam_globals() -> Option<Arc<Value>> {
    bundle::table("@sam-globals")
}

/// Which version of which sources the bundle was built from, as the refresh script wrote it.
pub fn provenance() -> &'static str {
    bundle::provenance()
}
