//! `slint rules`: the rule catalogue as a table or as JSON.

use std::io::{self, Write};

use clap::{Args, ValueEnum};
use serde::Serialize;
use slint_rules::{all_rules, Rule};

use crate::columns::write_columns;
use crate::error::{CliError, Status};

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// An aligned table.
    Text,
    /// `{"version": 1, "rules": [...]}`.
    Json,
}

pub fn run(args: RulesArgs) -> Result<Status, CliError> {
    let mut out = io::stdout().lock();
    let written = match args.format {
        RulesFormat::Text => write_table(all_rules(), &mut out),
        RulesFormat::Json => write_json(all_rules(), &mut out),
    };
    match written {
        Ok(()) => Ok(Status::Success),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(Status::Success),
        Err(error) => Err(CliError::new(format!("cannot write the rule list: {error}"))),
    }
}

const HEADINGS: [&str; 6] = ["CODE", "NAME", "AREA", "SEVERITY", "CFN-LINT", "SUMMARY"];

fn write_table(rules: &[&Rule], out: &mut impl Write) -> io::Result<()> {
    let rows: Vec<[String; 6]> = rules
        .iter()
        .map(|rule| {
            [
                rule.code.to_owned(),
                rule.name.to_owned(),
                rule.area.title().to_owned(),
                rule.severity.to_string(),
                if rule.cfn_lint.is_empty() { "-".to_owned() } else { rule.cfn_lint.join(",") },
                rule.summary.to_owned(),
            ]
        })
        .collect();
    write_columns(out, HEADINGS, &rows)
}

#[derive(Serialize)]
struct Catalogue<'a> {
    version: u32,
    rules: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    code: &'a str,
    name: &'a str,
    area: &'a str,
    severity: &'a str,
    cfn_lint: &'a [&'a str],
    summary: &'a str,
}

fn write_json(rules: &[&Rule], out: &mut impl Write) -> io::Result<()> {
    let catalogue = Catalogue {
        version: 1,
        rules: rules
            .iter()
            .map(|rule| Entry {
                code: rule.code,
                name: rule.name,
                area: rule.area.title(),
                severity: rule.severity.as_str(),
                cfn_lint: rule.cfn_lint,
                summary: rule.summary,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &catalogue)?;
    writeln!(out)
}
