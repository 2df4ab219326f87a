//! `slint lsp`: the language server, over standard input and output.

use clap::Args;

use crate::error::{CliError, Status};

#[derive(Args, Debug)]
pub struct LspArgs {
    /// Talk over standard input and output: the only transport, accepted because editor clients
    /// pass it.
    #[arg(long)]
    stdio: bool,
}

pub fn run(args: LspArgs) -> Result<Status, CliError> {
    let LspArgs { stdio: _ } = args;
    slint_lsp::run_stdio().map_err(|error| CliError::new(format!("the language server could not start: {error}")))?;
    Ok(Status::Success)
}
