//! The slint rule catalogue (one file per rule, grouped by area) and the engine that runs it.

pub mod config;
pub mod context;
pub mod date;
pub mod docs;
pub mod engine;
pub mod memo;
pub mod registry;
pub mod rule;
pub mod settings;
pub mod suppression;

mod apigw;
mod dynamodb;
mod events;
mod lambda;
mod sam;
pub mod suggest;
mod schema;
mod template;

pub use context::Context;
pub use dynamodb::baseline::Baseline;
pub use dynamodb::options::DynamoDbOptions;
pub use engine::{lint_bytes, lint_read, lint_read_remembering, lint_str, Linted};
pub use memo::Memo;
pub use registry::{all_rules, find_rule};
pub use rule::{Area, Report, Rule};
pub use settings::Settings;
