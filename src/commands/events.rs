//! `slint events KIND`: print an event as an AWS service would send it, to invoke a function
//! with. API events are built from the template's routes; the others from its event sources.

use std::io::Write;

use clap::{Args, ValueEnum};
use slint_preview::events::template::{self, Kind};

use super::invoke::RunArgs;
use crate::error::{CliError, Status};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum EventKind {
    /// API Gateway REST API (v1) proxy event.
    ApigwRest,
    /// API Gateway HTTP API event (payload 2.0, or 1.0 when the route says so).
    ApigwHttp,
    Sqs,
    DynamodbStream,
    S3,
    Sns,
    Eventbridge,
    Schedule,
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    #[arg(value_enum)]
    kind: EventKind,
    /// The route, e.g. 'GET /items/{id}' or 'GET /items/42'.
    #[arg(long, value_name = "'METHOD /path'")]
    route: Option<String>,
    /// Use this function's event source (queue, table, bucket, topic, rule, route).
    #[arg(long, value_name = "FUNCTION")]
    function: Option<String>,
    /// The message body, object key or detail the event carries.
    #[arg(long, value_name = "TEXT")]
    body: Option<String>,
    /// HTTP API payload format version.
    #[arg(long, value_name = "1.0|2.0", value_parser = ["1.0", "2.0"])]
    payload_version: Option<String>,
    #[command(flatten)]
    run: RunArgs,
}

pub fn run(args: EventsArgs) -> Result<Status, CliError> {
    let kind = match args.kind {
        EventKind::ApigwRest => Kind::ApigwRest,
        EventKind::ApigwHttp => Kind::ApigwHttp,
        EventKind::Sqs => Kind::Sqs,
        EventKind::DynamodbStream => Kind::DynamodbStream,
        EventKind::S3 => Kind::S3,
        EventKind::Sns => Kind::Sns,
        EventKind::Eventbridge => Kind::Eventbridge,
        EventKind::Schedule => Kind::Schedule,
    };
    let request = template::Request { route: args.route, function: args.function, body: args.body, payload_version: args.payload_version };
    let session = args.run.session()?;
    let project = &session.project;
    let event = project
        .with_deployment(|deployment, functions| template::build(kind, &request, deployment, functions, &project.folder))
        .map_err(CliError::new)?
        .map_err(CliError::new)?;
    let text = serde_json::to_string_pretty(&event).map_err(|e| CliError::new(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::new(format!("cannot write the event: {error}"))),
        _ => Ok(Status::Success),
    }
}
