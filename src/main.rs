//! `slint`: a linter for AWS SAM and CloudFormation templates.

mod baseline;
mod columns;
mod commands;
mod configs;
mod error;
mod files;
mod parameters;
mod report;
mod sniff;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::Status;

#[derive(Parser)]
#[command(
    name = "slint",
    version,
    about = "Lint AWS SAM and CloudFormation templates",
    long_about = "Lint AWS SAM and CloudFormation templates (YAML or JSON): the whole template, and \
                  Lambda, API Gateway and DynamoDB in depth.",
    after_help = "Exit status: 0 when nothing reaches --fail-on, 1 when a finding does, 2 when slint \
                  could not do what was asked (bad flag, missing file, bad slint.toml).",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint templates, folders of templates or glob patterns.
    Check(commands::check::CheckArgs),
    /// List every rule: code, name, area, default severity, cfn-lint ids and summary.
    Rules(commands::rules::RulesArgs),
    /// Show a rule's documentation.
    Explain(commands::explain::ExplainArgs),
    /// Run the language server over standard input and output, for editors.
    Lsp(commands::lsp::LspArgs),
    /// Run one function of the template locally, without Docker.
    Invoke(commands::invoke::InvokeArgs),
    /// Serve the template's HTTP APIs on 127.0.0.1, running their functions locally.
    Serve(commands::serve::ServeArgs),
    /// Print an event as an AWS service would send it, to invoke a function with.
    Events(commands::events::EventsArgs),
    /// List the API Gateway routes of a template: method, path, API, stage, function, auth, API key.
    Routes(commands::routes::RoutesArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Rules(args) => commands::rules::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Lsp(args) => commands::lsp::run(args),
        Command::Invoke(args) => commands::invoke::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Events(args) => commands::events::run(args),
        Command::Routes(args) => commands::routes::run(args),
    };
    match result {
        Ok(status) => status.into(),
        Err(error) => {
            eprintln!("error: {error}");
            Status::Trouble.into()
        }
    }
}
