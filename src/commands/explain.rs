//! `slint explain CODE`: one rule's metadata and documentation.

use std::io::{self, Write};

use clap::Args;
use slint_rules::config::unknown_rule_message;
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
    writeln!(out, "# {} {}", rule.code, rule.name)?;
    writeln!(out)?;
    writeln!(out, "{}", rule.summary)?;
    writeln!(out)?;
    writeln!(out, "- Area: {}", rule.area.title())?;
    writeln!(out, "- Default severity: {}", rule.severity)?;
    if !rule.cfn_lint.is_empty() {
        writeln!(out, "- cfn-lint: {}", rule.cfn_lint.join(", "))?;
    }
    let docs = rule.docs.trim();
    if !docs.is_empty() {
        writeln!(out)?;
        writeln!(out, "{docs}")?;
    }
    Ok(())
}
