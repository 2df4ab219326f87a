//! `slint serve`: the template's HTTP APIs on 127.0.0.1, with API Gateway's rules, running the
//! functions locally; they restart when their code changes. Ctrl-C stops everything.

use std::sync::Arc;

use clap::Args;
use slint_preview::gateway;
use slint_preview::logs::Stderr;
use slint_preview::cleanup;

use super::invoke::RunArgs;
use crate::error::{CliError, Status};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The port on 127.0.0.1.
    #[arg(short = 'p', long, default_value_t = 3000)]
    port: u16,
    /// Most instances of one function running at once; further requests wait.
    #[arg(long, default_value_t = 10, value_name = "N")]
    max_instances: usize,
    #[command(flatten)]
    run: RunArgs,
}

pub fn run(args: ServeArgs) -> Result<Status, CliError> {
    cleanup::install_signal_handlers().map_err(|e| CliError::new(format!("cannot watch for Ctrl-C: {e}")))?;
    let mut session = args.run.session()?;
    session.options.watch = true;
    session.options.max_instances = args.max_instances.max(1);
    let (gateway, warnings) =
        gateway::for_project(&session.project, &session.interpreters, Arc::new(Stderr::new(true)), &session.options).map_err(CliError::new)?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    if gateway.model().routes.is_empty() {
        return Err(CliError::new(format!("{}: no API Gateway routes to serve", session.project.path.display())));
    }
    let gateway = Arc::new(gateway);
    let listening = Arc::clone(&gateway).listen(args.port).map_err(|e| CliError::new(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let address = listening.address();
    for api in &gateway.model().apis {
        eprintln!("{}", api.label());
        for route in gateway.model().routes.iter().filter(|r| gateway.model().apis[r.api].logical_id == api.logical_id) {
            let target = match &route.target {
                gateway::model::Target::Function(name) => name.clone(),
                gateway::model::Target::Mock => "MOCK".to_owned(),
                gateway::model::Target::Unsupported(why) => format!("not served: {why}"),
            };
            eprintln!("  {:<7} http://{address}{}  →  {target}", route.method, if route.path == "$default" { "/*" } else { &route.path });
        }
    }
    eprintln!("Serving on http://{address} (Ctrl-C to stop)");
    listening.wait();
    Ok(Status::Success)
}
