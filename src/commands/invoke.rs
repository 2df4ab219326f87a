//! `slint invoke FUNCTION`: run one function of the template locally, without Docker. The result
//! goes to standard output, the function's logs to standard error; the exit status is 1 when the
//! function fails or times out.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use slint_preview::env_vars::EnvOverrides;
use slint_preview::interpreter::Interpreters;
use slint_preview::logs::Stderr;
use slint_preview::project::{self, Project};
use slint_preview::resolve::Settings;
use slint_preview::{cleanup, dynamodb, InvokeRequest, Runner, RunnerOptions};

use crate::error::{CliError, Status};

/// The options every command that runs functions takes.
#[derive(Args, Debug, Clone)]
pub struct RunArgs {
    /// The template (default: template.yaml or template.yml in the current folder).
    #[arg(short = 't', long = "template", value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Deploy-time parameter values, SAM CLI style: 'Stage=dev Size=3' (repeatable).
    #[arg(long = "parameter-overrides", value_name = "KEY=VALUE ...")]
    pub parameter_overrides: Vec<String>,
    /// Environment variable overrides in SAM CLI's JSON format.
    #[arg(long = "env-vars", value_name = "FILE")]
    pub env_vars: Option<PathBuf>,
    /// The interpreter for a runtime, e.g. python3.12=/usr/bin/python3.12 (repeatable).
    #[arg(long = "runtime-exec", value_name = "RUNTIME=PATH")]
    pub runtime_exec: Vec<String>,
    /// Stop a function that goes above its MemorySize (Linux).
    #[arg(long)]
    pub enforce_memory: bool,
    /// The region functions see (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Create the template's tables on this local DynamoDB-compatible endpoint and point the
    /// functions' SDKs at it.
    #[arg(long = "dynamodb-endpoint", value_name = "URL")]
    pub dynamodb_endpoint: Option<String>,
}

/// Everything needed to start functions.
pub struct Session {
    pub project: Project,
    pub interpreters: Interpreters,
    pub options: RunnerOptions,
}

impl RunArgs {
    pub fn session(&self) -> Result<Session, CliError> {
        let cwd = std::env::current_dir().map_err(|e| CliError::new(format!("cannot read the current folder: {e}")))?;
        let path = project::locate(self.template.as_deref(), &cwd).map_err(CliError::new)?;
        let parameters = project::parse_parameter_overrides(&self.parameter_overrides).map_err(|e| CliError::new(format!("--parameter-overrides: {e}")))?;
        let env = match &self.env_vars {
            Some(file) => {
                let text = std::fs::read_to_string(file).map_err(|e| CliError::new(format!("{}: {e}", file.display())))?;
                EnvOverrides::parse(&text).map_err(|e| CliError::new(format!("{}: {e}", file.display())))?
            }
            None => EnvOverrides::default(),
        };
        let mut settings = Settings::default();
        if let Some(region) = &self.region {
            settings.region = region.clone();
        }
        let project = Project::load(&path, parameters, env, settings).map_err(CliError::new)?;
        for warning in project.parameter_warnings().map_err(CliError::new)? {
            eprintln!("warning: {warning}");
        }
        let overrides: BTreeMap<String, PathBuf> =
            self.runtime_exec.iter().map(|text| Interpreters::parse_override(text)).collect::<Result<_, _>>().map_err(CliError::new)?;
        let mut options = RunnerOptions { enforce_memory: self.enforce_memory, ..RunnerOptions::default() };
        if self.enforce_memory && !cfg!(target_os = "linux") {
            eprintln!("warning: --enforce-memory reads memory from /proc and only works on Linux");
        }
        if let Some(endpoint) = &self.dynamodb_endpoint {
            let outcomes = project.with_deployment(|deployment, _| dynamodb::create_tables(endpoint, deployment)).map_err(CliError::new)?.map_err(CliError::new)?;
            for outcome in outcomes {
                match outcome {
                    dynamodb::TableOutcome::Created { logical_id, name } => eprintln!("created table `{name}` ({logical_id}) on {endpoint}"),
                    dynamodb::TableOutcome::AlreadyExists { logical_id, name } => eprintln!("table `{name}` ({logical_id}) already exists on {endpoint}"),
                    dynamodb::TableOutcome::Skipped { logical_id, why } => eprintln!("warning: table `{logical_id}` was not created: {why}"),
                }
            }
            options.extra_environment.extend(dynamodb::function_environment(endpoint));
        }
        Ok(Session { project, interpreters: Interpreters::new(overrides), options })
    }
}

#[derive(Args, Debug)]
pub struct InvokeArgs {
    /// The function: its logical id or FunctionName (optional when the template has only one).
    #[arg(value_name = "FUNCTION")]
    function: Option<String>,
    /// The event: a JSON file, or `-` to read it from standard input.
    #[arg(short = 'e', long = "event", value_name = "FILE|-", conflicts_with = "no_event")]
    event: Option<PathBuf>,
    /// Invoke with an empty event (`{}`), the default when no event is given.
    #[arg(long)]
    no_event: bool,
    #[command(flatten)]
    run: RunArgs,
}

pub fn run(args: InvokeArgs) -> Result<Status, CliError> {
    cleanup::install_signal_handlers().map_err(|e| CliError::new(format!("cannot watch for Ctrl-C: {e}")))?;
    let payload = read_event(args.event.as_ref(), args.no_event)?;
    let session = args.run.session()?;
    let name = match args.function {
        Some(name) => name,
        None => match session.project.function_names().map_err(CliError::new)?.as_slice() {
            [only] => only.clone(),
            [] => return Err(CliError::new("the template has no Lambda functions")),
            names => return Err(CliError::new(format!("name the function to invoke: {}", names.join(", ")))),
        },
    };
    let config = session.project.function(&name).map_err(CliError::new)?;
    let runner = Runner::new(config, &session.interpreters, Arc::new(Stderr::new(false)), session.options).map_err(CliError::new)?;
    for warning in runner.warnings() {
        eprintln!("warning: {warning}");
    }
    let result = runner.invoke(&InvokeRequest { payload, ..InvokeRequest::default() }).map_err(CliError::new)?;
    drop(runner);
    let mut out = std::io::stdout().lock();
    let written = out.write_all(result.outcome.payload()).and_then(|()| out.write_all(b"\n")).and_then(|()| out.flush());
    if let Err(error) = written {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(CliError::new(format!("cannot write the result: {error}")));
        }
    }
    Ok(if result.outcome.is_success() { Status::Success } else { Status::Findings })
}

fn read_event(event: Option<&PathBuf>, no_event: bool) -> Result<Vec<u8>, CliError> {
    let bytes = match event {
        _ if no_event => return Ok(b"{}".to_vec()),
        None => return Ok(b"{}".to_vec()),
        Some(path) if path.as_os_str() == "-" => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| CliError::new(format!("cannot read the event from standard input: {e}")))?;
            bytes
        }
        Some(path) => std::fs::read(path).map_err(|e| CliError::new(format!("{}: {e}", path.display())))?,
    };
    serde_json::from_slice::<serde_json::Value>(&bytes).map_err(|e| CliError::new(format!("the event is not JSON: {e}")))?;
    Ok(bytes)
}
