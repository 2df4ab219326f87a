//! How a command ends: its exit status, and the errors that stop it.

use std::fmt;
use std::process::ExitCode;

/// The exit status, from best to worst, so that combining outcomes is `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Nothing reached the failure threshold.
    Success,
    /// At least one finding reached it.
    Findings,
    /// slint could not do what was asked: bad usage, unreadable input, bad configuration.
    Trouble,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Success => 0,
            Status::Findings => 1,
            Status::Trouble => 2,
        })
    }
}

/// Why slint cannot do what was asked; printed on standard error, exit status 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError(pub String);

impl CliError {
    pub fn new(message: impl Into<String>) -> Self {
        CliError(message.into())
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<slint_rules::config::ConfigError> for CliError {
    fn from(error: slint_rules::config::ConfigError) -> Self {
        CliError(error.to_string())
    }
}
