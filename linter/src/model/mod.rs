//! The serverless application behind a template, the same whichever way it is written (SAM
//! shorthand or raw CloudFormation): functions, what invokes them, and what they are wired to.
//! Rules, the language server and the local preview read this rather than raw properties.

pub mod apis;
pub mod event_sources;
pub mod functions;
pub mod tables;
pub mod targets;

pub use event_sources::{event_sources, permissions, Declaration, EventKind, EventSource, Permission};
pub use functions::{CodeLocation, Destination, Function, FunctionKind, FunctionUrl, Functions, InvokeConfig};
pub use targets::{arn_service, target_of, Target, TargetForm};
