//! `slint explain CODE`: one rule's metadata and documentation.

use std::io::{self, Write};

use clap::Args;
use slint_rules::config::unknown_rule_message;
use slint_rules::docs::rule_page;
use slint_rules::{find_rule, Rule};

use crate::error::{CliError, Status};

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule code (T001) or name (syntax-error).
    #[arg(value_name = "CODE|NAME")]
    rule: String,
}

pub fn run(args: ExplainArgs) -> Result<Status, CliError> {
    let rule = find_rule(args.rule.trim()).ok_or_else(|| CliError::new(unknown_rule_message(args.rule.trim())))?;
    match write(rule, &mut io::stdout().lock()) {
        Ok(()) => Ok(Status::Success),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(Status::Success),
        Err(error) => Err(CliError::new(format!("cannot write the explanation: {error}"))),
    }
}

fn write(rule: &Rule, out: &mut impl Write) -> io::Result<()> {
    out.write_all(rule_page(rule).as_bytes())
}
