//! `slint check`: find the templates, lint them in parallel, report in the chosen format.

use std::io::{IsTerminal, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use rayon::prelude::*;
use slint_linter::schema::SchemaFolder;
use slint_linter::Severity;
use slint_rules::config::{check_rule_pattern, Config, Discovery, FailOn};
use slint_rules::date::Date;
use slint_rules::lint_bytes;

use crate::baseline::{BaselineSource, Baselines};
use crate::configs::{Configs, Mode, Resolved};
use crate::error::{CliError, Status};
use crate::files::{self, io_reason, Input, Source};
use crate::parameters;
use crate::report::{self, FileReport, Format};
use slint_linter::detect::looks_like_template;

#[derive(Args, Debug)]
#[command(after_help = "Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 when slint could not \
                        do what was asked (bad flag, missing file, bad slint.toml).")]
pub struct CheckArgs {
    /// Templates, folders to search for templates, or quoted glob patterns ('templates/**/*.yaml');
    /// `-` reads a template from standard input. Without paths: the current folder, or standard
    /// input when --stdin-filename is given.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// When to colour text output; NO_COLOR in the environment turns `auto` off.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,

    /// The lowest severity that makes slint exit with status 1 [default: warning].
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOnArg>,

    /// Run only these rules: comma-separated codes, names or code prefixes (T2,syntax-error).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    select: Option<Vec<String>>,

    /// Never run these rules: comma-separated codes, names or code prefixes.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    ignore: Option<Vec<String>>,

    /// Report a rule at another severity: CODE=error|warning|info. Repeatable.
    #[arg(long = "severity", value_name = "CODE=LEVEL")]
    severities: Vec<String>,

    /// A value for a template parameter, as at deployment: KEY=VALUE. Repeatable.
    #[arg(long = "parameter", value_name = "KEY=VALUE")]
    parameters: Vec<String>,

    /// Parameter values from a JSON file: CloudFormation's [{"ParameterKey", "ParameterValue"}]
    /// list, {"Parameters": {...}} or a plain {"Key": "Value"} object. Repeatable.
    #[arg(long = "parameters", value_name = "FILE")]
    parameter_files: Vec<PathBuf>,

    /// A folder of resource provider schemas (JSON, one type each) that add to or replace the
    /// bundled ones: a newer release of a type, or your own registry types.
    #[arg(long, value_name = "DIR")]
    schemas: Option<PathBuf>,

    /// Judge date-dependent checks (runtime deprecation) as of this day instead of today (UTC),
    /// so that CI results do not change overnight.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<Date>,

    /// Compare each template with its version at this git revision (HEAD, main, a commit) and
    /// report the changes CloudFormation cannot apply in place, such as a DynamoDB table that
    /// would be replaced with its data.
    #[arg(long, value_name = "REF", conflicts_with = "baseline_file")]
    baseline: Option<String>,

    /// Like --baseline, with the previous version of the (single) template read from a file.
    #[arg(long, value_name = "FILE")]
    baseline_file: Option<PathBuf>,

    /// Use this configuration file instead of the nearest slint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,

    /// Ignore every slint.toml; only the command line counts.
    #[arg(long)]
    no_config: bool,

    /// The file name to show for a template read from standard input; its folder's slint.toml applies.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,

    /// Lint named files only when they look like templates, as files found in folders are
    /// (for pre-commit, which passes every changed YAML and JSON file).
    #[arg(long)]
    templates_only: bool,

    /// Apply the configuration's `exclude` patterns to named files too.
    #[arg(long)]
    force_exclude: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(arg: FailOnArg) -> FailOn {
        match arg {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Never => FailOn::Never,
        }
    }
}

pub fn run(args: CheckArgs) -> Result<Status, CliError> {
    let flags = command_line_layer(&args)?;
    let mode = if args.no_config {
        Mode::Isolated
    } else if let Some(path) = &args.config {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        Mode::Explicit(Arc::new(Config::load(&path)?))
    } else {
        Mode::Discover(Discovery::new())
    };
    let mut configs = Configs::new(mode, flags);

    let options = files::Options {
        stdin_filename: args.stdin_filename.as_deref(),
        templates_only: args.templates_only,
        force_exclude: args.force_exclude,
    };
    let paths = match (args.paths.is_empty(), &args.stdin_filename) {
        (false, _) => args.paths.clone(),
        (true, Some(_)) => vec!["-".to_owned()],
        (true, None) => vec![".".to_owned()],
    };
    let discovered = files::discover(&paths, &options, &mut |path| configs.is_excluded(path))?;
    let mut status = Status::Success;
    for problem in &discovered.problems {
        eprintln!("error: {problem}");
        status = Status::Trouble;
    }

    let jobs = discovered
        .inputs
        .into_iter()
        .map(|input| Ok((configs.resolve(&input.config_dir)?, input)))
        .collect::<Result<Vec<_>, CliError>>()?;
    let stdin = if jobs.iter().any(|(_, input)| input.source == Source::Stdin) { Some(read_stdin()?) } else { None };
    let baseline_source = match (&args.baseline, &args.baseline_file) {
        (Some(revision), _) => Some(BaselineSource::Revision(revision.clone())),
        (None, Some(path)) => Some(BaselineSource::File(path.clone())),
        (None, None) => None,
    };
    let inputs: Vec<Input> = jobs.iter().map(|(_, input)| input.clone()).collect();
    let baselines = baseline_source.map(|source| Baselines::new(source, &inputs)).transpose()?;
    let previous = Previous { baselines: baselines.as_ref(), stdin_filename: args.stdin_filename.as_deref() };

    let outcomes: Vec<Outcome> = jobs.par_iter().map(|(resolved, input)| lint(input, resolved, stdin.as_deref(), &previous)).collect();
    let mut reports = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Outcome::Linted(report, fail_on) => {
                if report.linted.diagnostics.iter().any(|d| fail_on.is_reached_by(d.severity)) {
                    status = status.max(Status::Findings);
                }
                reports.push(report);
            }
            Outcome::NotATemplate => {}
            Outcome::Failed(message) => {
                eprintln!("error: {message}");
                status = Status::Trouble;
            }
        }
    }
    if reports.is_empty() && status == Status::Success {
        eprintln!("warning: no templates found in {}", paths.join(", "));
    }

    let color = args.format == Format::Text && wants_color(args.color);
    let mut out = BufferedStandardStream::stdout(if color { ColorChoice::Always } else { ColorChoice::Never });
    match report::write(args.format, &reports, &mut out) {
        Ok(()) => Ok(status),
        // The reader went away (`slint check | head`): nothing left to tell anyone.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(status),
        Err(error) => Err(CliError::new(format!("cannot write the report: {error}"))),
    }
}

/// The flags as a configuration layer, checked against the rule catalogue.
fn command_line_layer(args: &CheckArgs) -> Result<Config, CliError> {
    let rule_list = |flag: &str, patterns: &Option<Vec<String>>| -> Result<Option<Vec<String>>, CliError> {
        let Some(patterns) = patterns else { return Ok(None) };
        let patterns: Vec<String> = patterns.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        for pattern in &patterns {
            check_rule_pattern(pattern).map_err(|message| CliError::new(format!("`--{flag}`: {message}")))?;
        }
        Ok(Some(patterns))
    };
    let mut layer = Config {
        select: rule_list("select", &args.select)?,
        ignore: rule_list("ignore", &args.ignore)?,
        fail_on: args.fail_on.map(FailOn::from),
        as_of: args.as_of,
        ..Config::default()
    };
    for assignment in &args.severities {
        let (code, level) = assignment
            .split_once('=')
            .map(|(code, level)| (code.trim(), level.trim()))
            .ok_or_else(|| CliError::new(format!("`--severity {assignment}`: expected CODE=LEVEL, e.g. T001=warning")))?;
        check_rule_pattern(code).map_err(|message| CliError::new(format!("`--severity {assignment}`: {message}")))?;
        let severity = Severity::parse(level).ok_or_else(|| {
            CliError::new(format!("`--severity {assignment}`: unknown severity `{level}` (expected error, warning or info)"))
        })?;
        layer.severity.insert(code.to_owned(), severity);
    }
    if let Some(dir) = &args.schemas {
        let folder = SchemaFolder::load(dir).map_err(|error| CliError::new(format!("`--schemas`: {error}")))?;
        layer.schemas = Some(folder);
    }
    for file in &args.parameter_files {
        layer.parameters.extend(parameters::read_file(file)?);
    }
    for assignment in &args.parameters {
        let (key, value) = parameters::parse_assignment(assignment)?;
        layer.parameters.insert(key, value);
    }
    Ok(layer)
}

enum Outcome {
    Linted(FileReport, FailOn),
    /// Found by searching, but its text is not a template's.
    NotATemplate,
    Failed(String),
}

/// Where the previous version of each template comes from, when the run compares with one.
struct Previous<'a> {
    baselines: Option<&'a Baselines>,
    stdin_filename: Option<&'a str>,
}

fn lint(input: &Input, resolved: &Resolved, stdin: Option<&[u8]>, previous: &Previous) -> Outcome {
    let bytes = match &input.source {
        Source::File(path) => match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => return Outcome::Failed(format!("{}: cannot read the file: {}", input.display, io_reason(&error))),
        },
        Source::Stdin => stdin.unwrap_or_default().to_vec(),
    };
    if input.must_look_like_template && !looks_like_template(&String::from_utf8_lossy(&bytes)) {
        return Outcome::NotATemplate;
    }
    // A mistake in one rule must not cost the user the findings in every other template.
    let baseline = match previous.baselines.map(|b| b.for_input(input, previous.stdin_filename)).transpose() {
        Ok(baseline) => baseline.flatten(),
        Err(message) => return Outcome::Failed(format!("{}: {message}", input.display)),
    };
    let settings = match baseline {
        Some(baseline) => std::borrow::Cow::Owned(slint_rules::Settings { baseline: Some(baseline), ..resolved.settings.clone() }),
        None => std::borrow::Cow::Borrowed(&resolved.settings),
    };
    match catch_unwind(AssertUnwindSafe(|| lint_bytes(&bytes, &settings))) {
        Ok(linted) => Outcome::Linted(FileReport { path: input.display.clone(), linted }, resolved.fail_on),
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_owned());
            Outcome::Failed(format!("{}: internal error while linting ({reason}); please report it with the template", input.display))
        }
    }
}

fn read_stdin() -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|error| CliError::new(format!("cannot read standard input: {}", io_reason(&error))))?;
    Ok(bytes)
}

/// Colour for `auto` only on a terminal, and never when NO_COLOR is set (https://no-color.org).
fn wants_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
    }
}
