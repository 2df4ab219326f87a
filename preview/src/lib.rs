//! slint's local execution preview: run a template's Lambda functions, or its whole HTTP API, on
//! this machine without Docker.
//!
//! Functions run as child processes speaking the Lambda Runtime API, which slint serves on
//! 127.0.0.1 ([`runtime_api`], [`process`], [`pool`]); Python and Node.js functions are started
//! through runtime clients shipped in the binary ([`bootstrap`]), `provided` functions through
//! their own `bootstrap`. [`function`] reads a function as it would be deployed, [`events`] builds
//! the events AWS services send, [`gateway`] plays API Gateway in front of the functions, and
//! [`dynamodb`] creates the template's tables on a local DynamoDB-compatible endpoint.

pub mod bootstrap;
pub mod cleanup;
pub mod dynamodb;
pub mod clock;
pub mod env_vars;
pub mod environment;
pub mod events;
pub mod function;
pub mod gateway;
pub mod ids;
pub mod interpreter;
pub mod layers;
pub mod logs;
mod md5;
pub mod memory;
pub mod pool;
pub mod process;
pub mod project;
pub mod resolve;
pub mod runtime;
pub mod runtime_api;
pub mod watch;

pub use pool::{Runner, RunnerOptions};
pub use process::{FailureKind, InvokeRequest, InvokeResult, Outcome};
