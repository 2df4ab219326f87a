//! `--dynamodb-endpoint` against moto's server: the template's tables are created with their
//! keys, indexes and streams, and a real handler reads and writes them through boto3.
//!
//! Needs `moto_server` (`pip install 'moto[server]'`); skipped with a message when it is not
//! installed. `SLINT_MOTO_ENDPOINT` points the test at a server that is already running.

mod common;

use std::collections::BTreeMap;
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{json, project, runs};

use serde_json::json;
use slint_preview::dynamodb::{self, TableOutcome};
use slint_preview::env_vars::EnvOverrides;
use slint_preview::interpreter::Interpreters;
use slint_preview::logs::Memory;
use slint_preview::{InvokeRequest, Outcome, Runner, RunnerOptions};

/// A moto server on a free loopback port, stopped when dropped.
struct Moto {
    child: Option<Child>,
    endpoint: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn moto() -> Option<Moto> {
    if let Ok(endpoint) = std::env::var("SLINT_MOTO_ENDPOINT") {
        return Some(Moto { child: None, endpoint });
    }
    if !runs("moto_server", "--help") {
        eprintln!("skipped: install moto's server with `pip install 'moto[server]'` to run the DynamoDB tests");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
    let child = Command::new("moto_server").args(["-H", "127.0.0.1", "-p", &port.to_string()]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().ok()?;
    let moto = Moto { child: Some(child), endpoint: format!("http://127.0.0.1:{port}") };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(30) {
            panic!("moto_server did not start on port {port}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(moto)
}

#[test]
fn tables_are_created_and_functions_use_them() {
    let Some(moto) = moto() else { return };
    let project = project("dynamodb", EnvOverrides::default());
    let outcomes = project.with_deployment(|deployment, _| dynamodb::create_tables(&moto.endpoint, deployment)).unwrap().unwrap();
    assert_eq!(
        outcomes,
        [
            TableOutcome::Created { logical_id: "Orders".into(), name: "orders-test".into() },
            TableOutcome::Created { logical_id: "Sessions".into(), name: "Sessions".into() },
        ]
    );
    let region = &project.settings.region;
    let mut tables = dynamodb::list_tables(&moto.endpoint, region).unwrap();
    tables.sort();
    assert_eq!(tables, ["Sessions", "orders-test"]);

    // Creating again leaves the existing tables alone.
    let again = project.with_deployment(|deployment, _| dynamodb::create_tables(&moto.endpoint, deployment)).unwrap().unwrap();
    assert!(again.iter().all(|o| matches!(o, TableOutcome::AlreadyExists { .. })), "{again:?}");

    let boto3 = std::process::Command::new("python3").args(["-c", "import boto3"]).output().is_ok_and(|o| o.status.success());
    if !boto3 {
        eprintln!("skipped the handler part: the python3 on PATH cannot import boto3 (moto's virtual environment has it)");
        return;
    }
    let config = project.function("Store").unwrap();
    let mut options = RunnerOptions::default();
    options.extra_environment.extend(dynamodb::function_environment(&moto.endpoint));
    options.extra_environment.insert("AWS_ACCESS_KEY_ID".into(), "testing".into());
    options.extra_environment.insert("AWS_SECRET_ACCESS_KEY".into(), "testing".into());
    let log = Arc::new(Memory::default());
    let runner = Runner::new(config, &Interpreters::new(BTreeMap::new()), log.clone(), options).unwrap();
    let result = runner.invoke(&InvokeRequest { payload: br#"{"customer": "c-1", "order": "o-1"}"#.to_vec(), ..Default::default() }).unwrap();
    let Outcome::Success(payload) = &result.outcome else { panic!("{:?}\n{}", result.outcome, log.text()) };
    let body = json(payload);
    assert_eq!(body["table"], "orders-test");
    assert_eq!(body["endpoint"], moto.endpoint.as_str());
    assert_eq!(body["item"], json!({"customerId": "c-1", "orderId": "o-1", "status": "NEW"}));
    assert_eq!(body["new_orders"], 1, "the GSI was created and is queryable");
}
