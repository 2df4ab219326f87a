//! Invokes real Python, Node.js and custom-runtime handlers through the Runtime API.

mod common;

use std::time::{Duration, Instant};

use common::{available, json, runner as start, runner_with};
use serde_json::json;
use slint_preview::env_vars::EnvOverrides;
use slint_preview::{FailureKind, InvokeRequest, Outcome, RunnerOptions};

fn request(event: serde_json::Value) -> InvokeRequest {
    InvokeRequest { payload: event.to_string().into_bytes(), ..InvokeRequest::default() }
}

fn failure(outcome: &Outcome) -> (FailureKind, String, serde_json::Value) {
    match outcome {
        Outcome::Failure { kind, error_type, payload } => (*kind, error_type.clone(), json(payload)),
        Outcome::Success(payload) => panic!("expected a failure, got {}", String::from_utf8_lossy(payload)),
    }
}

fn success(outcome: &Outcome) -> serde_json::Value {
    match outcome {
        Outcome::Success(payload) => json(payload),
        Outcome::Failure { payload, .. } => panic!("expected success, got {}", String::from_utf8_lossy(payload)),
    }
}

#[test]
fn python_handler_sees_lambda_environment_and_stays_warm() {
    if !available("python3") {
        return;
    }
    let env = EnvOverrides::parse(r#"{"PySync": {"FROM_ENV_FILE": "yes"}}"#).unwrap();
    let (runner, log) = runner_with("PySync", env, RunnerOptions::default());
    assert!(runner.warnings().iter().any(|w| w.contains("`LATER`")), "{:?}", runner.warnings());
    assert!(runner.warnings().iter().any(|w| w.contains("`FROM_ENV_FILE`")), "{:?}", runner.warnings());
    std::env::set_var("HOSTILE_SHELL_VAR", "leaked");

    let first = runner.invoke(&request(json!({"id": 7}))).unwrap();
    let body = success(&first.outcome);
    assert_eq!(body["event"], json!({"id": 7}));
    assert_eq!(body["greeting"], "hello from the layer");
    assert_eq!(body["request_id"], first.request_id.as_str());
    assert_eq!(body["memory"], "256");
    assert!(body["remaining_ms"].as_u64().unwrap() > 3000);
    let env = &body["env"];
    assert_eq!(env["AWS_LAMBDA_FUNCTION_NAME"], "PySync");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "256");
    assert_eq!(env["AWS_REGION"], "eu-west-1");
    assert_eq!(env["_HANDLER"], "app.echo");
    assert_eq!(env["AWS_LAMBDA_LOG_GROUP_NAME"], "/aws/lambda/PySync");
    assert!(env["AWS_LAMBDA_LOG_STREAM_NAME"].as_str().unwrap().contains("/[$LATEST]"));
    assert_eq!(env["AWS_EXECUTION_ENV"], "AWS_Lambda_python3.12");
    assert_eq!(env["TABLE_ARN"], "arn:aws:dynamodb:eu-west-1:123456789012:table/Items");
    assert_eq!(env["ONLY_HERE"], "eu-west-1-Items");
    assert_eq!(env["LATER"], serde_json::Value::Null, "unresolvable values stay unset");
    assert_eq!(env["FROM_ENV_FILE"], "yes");
    assert_eq!(env["TZ"], ":UTC");
    assert_eq!(env["HOSTILE_SHELL_VAR"], serde_json::Value::Null, "the shell's variables do not leak in");
    assert!(env["LAMBDA_TASK_ROOT"].as_str().unwrap().ends_with("python/"));
    assert!(first.init_duration.is_some(), "the first invocation is a cold start");

    let second = runner.invoke(&request(json!({"id": 8}))).unwrap();
    let warm = success(&second.outcome);
    assert_eq!(warm["pid"], body["pid"], "the warm process is reused");
    assert_eq!(warm["invocations"], 2);
    assert!(second.init_duration.is_none());
    assert_eq!(runner.instance_count(), 1);

    let logs = log.text();
    assert!(logs.contains(&format!("START RequestId: {} Version: $LATEST", first.request_id)), "{logs}");
    assert!(logs.contains(&format!("END RequestId: {}", first.request_id)), "{logs}");
    let report = logs.lines().find(|l| l.starts_with(&format!("REPORT RequestId: {}", first.request_id))).unwrap();
    assert!(report.contains("Memory Size: 256 MB") && report.contains("Init Duration:"), "{report}");
    assert!(report.contains("Max Memory Used: ") && !report.contains("Max Memory Used: ?"), "{report}");
}

#[test]
fn python_errors_timeouts_and_import_failures() {
    if !available("python3") {
        return;
    }
    let (runner, log) = start("PyError");
    let result = runner.invoke(&request(json!({"id": "o-1"}))).unwrap();
    let (kind, error_type, payload) = failure(&result.outcome);
    assert_eq!((kind, error_type.as_str()), (FailureKind::Unhandled, "ValueError"));
    assert_eq!(payload["errorMessage"], "the order o-1 does not exist");
    assert!(payload["stackTrace"][0].as_str().unwrap().contains("app.py"), "{payload}");
    assert!(log.text().contains("[ERROR] ValueError: the order o-1 does not exist"));
    // An unhandled error keeps the environment warm.
    assert!(runner.invoke(&request(json!({"id": "o-2"}))).unwrap().init_duration.is_none());

    let (runner, log) = start("PyTimeout");
    let started = Instant::now();
    let result = runner.invoke(&request(json!({}))).unwrap();
    let (kind, error_type, payload) = failure(&result.outcome);
    assert_eq!((kind, error_type.as_str()), (FailureKind::Timeout, "Sandbox.Timedout"));
    assert!(payload["errorMessage"].as_str().unwrap().ends_with("Task timed out after 1.00 seconds"));
    assert!(started.elapsed() < Duration::from_secs(5), "killed at the deadline, not at the sleep's end");
    let logs = log.text();
    assert!(logs.contains("going to sleep") && logs.contains("Task timed out after 1.00 seconds"), "{logs}");
    assert!(logs.contains("Status: timeout"), "{logs}");
    assert_eq!(runner.instance_count(), 0, "a timed-out instance is gone");
    // The next invocation starts a fresh process.
    assert!(runner.invoke(&request(json!({}))).unwrap().init_duration.is_some());

    let (runner, _) = start("PyImportFailure");
    let (kind, error_type, payload) = failure(&runner.invoke(&request(json!({}))).unwrap().outcome);
    assert_eq!((kind, error_type.as_str()), (FailureKind::Init, "Runtime.ImportModuleError"));
    assert_eq!(payload["errorMessage"], "Unable to import module 'broken': No module named 'module_that_is_not_installed'");

    let (runner, _) = start("PyMissingHandler");
    let (_, error_type, payload) = failure(&runner.invoke(&request(json!({}))).unwrap().outcome);
    assert_eq!(error_type, "Runtime.HandlerNotFound");
    assert_eq!(payload["errorMessage"], "Handler 'nope' missing on module 'app'");

    let (runner, _) = start("PyExit");
    let (kind, error_type, payload) = failure(&runner.invoke(&request(json!({}))).unwrap().outcome);
    assert_eq!((kind, error_type.as_str()), (FailureKind::Crashed, "Runtime.ExitError"));
    assert!(payload["errorMessage"].as_str().unwrap().ends_with("Runtime exited with error: exit status 3"), "{payload}");
}

#[test]
fn python_output_goes_to_the_log_and_large_responses_are_limited() {
    if !available("python3") {
        return;
    }
    let (runner, log) = start("PyNoise");
    let result = runner.invoke(&request(json!({}))).unwrap();
    assert_eq!(success(&result.outcome), json!({"quiet": true}));
    let logs = log.text();
    let begin = logs.find("START").unwrap();
    let end = logs.find("END RequestId").unwrap();
    for noise in ["print to stdout", "write to stderr", "a warning through logging"] {
        let at = logs.find(noise).unwrap_or_else(|| panic!("`{noise}` missing from {logs}"));
        assert!(begin < at && at < end, "`{noise}` is logged between START and END: {logs}");
    }
    assert!(logs.contains("[WARNING]\t") && logs.contains(&format!("\t{}\ta warning through logging", result.request_id)), "{logs}");

    let (runner, _) = start("PyLarge");
    let result = runner.invoke(&request(json!({"size": 1_000_000}))).unwrap();
    assert_eq!(success(&result.outcome).as_str().unwrap().len(), 1_000_000);
    let result = runner.invoke(&request(json!({"size": 7_000_000}))).unwrap();
    let (kind, error_type, _) = failure(&result.outcome);
    assert_eq!((kind, error_type.as_str()), (FailureKind::ResponseTooLarge, "Function.ResponseSizeTooLarge"));
    // The runtime survives an oversized response.
    assert!(runner.invoke(&request(json!({"size": 10}))).unwrap().outcome.is_success());
}

#[test]
fn memory_is_reported_and_can_be_enforced() {
    if !available("python3") || !cfg!(target_os = "linux") {
        return;
    }
    let (runner, log) = start("PyMemory");
    let result = runner.invoke(&request(json!({"mib": 200}))).unwrap();
    assert!(result.outcome.is_success());
    assert!(result.max_memory_mb.unwrap() > 200, "{:?}", result.max_memory_mb);
    assert!(log.text().contains("more than its MemorySize of 128 MB"), "{}", log.text());

    let options = RunnerOptions { enforce_memory: true, ..RunnerOptions::default() };
    let (runner, _) = runner_with("PyMemory", EnvOverrides::default(), options);
    let result = runner.invoke(&request(json!({"mib": 300, "hold": 2}))).unwrap();
    let (kind, error_type, _) = failure(&result.outcome);
    assert_eq!((kind, error_type.as_str()), (FailureKind::OutOfMemory, "Runtime.OutOfMemory"));
}

#[test]
fn inline_code_runs_from_a_temporary_folder() {
    if !available("python3") {
        return;
    }
    let (runner, _) = start("PyInline");
    let result = runner.invoke(&request(json!({}))).unwrap();
    assert_eq!(success(&result.outcome), json!({"inline": true, "function": "PyInline"}));
}

#[test]
fn node_esm_commonjs_and_callback_handlers() {
    if !available("node") {
        return;
    }
    let (runner, log) = start("NodeEsm");
    let result = runner.invoke(&request(json!({"id": 1}))).unwrap();
    let body = success(&result.outcome);
    assert_eq!(body["module"], "esm");
    assert_eq!(body["name"], "node-esm");
    assert_eq!(body["requestId"], result.request_id.as_str());
    assert_eq!(body["remaining"], true);
    let logs = log.text();
    assert!(logs.contains(&format!("\t{}\tINFO\tesm handler got {{ id: 1 }}", result.request_id)), "{logs}");

    let (runner, _) = start("NodeCommonJs");
    let first = success(&runner.invoke(&request(json!({"n": 1}))).unwrap().outcome);
    let second = success(&runner.invoke(&request(json!({"n": 2}))).unwrap().outcome);
    assert_eq!(first["module"], "commonjs");
    assert_eq!(first["file"], "cjs.js");
    assert_eq!(first["handler"], "lib/cjs.handler");
    assert_eq!((first["pid"].clone(), second["invocations"].clone()), (second["pid"].clone(), json!(2)));

    let (runner, _) = start("NodeCallback");
    assert_eq!(success(&runner.invoke(&request(json!({"id": "c"}))).unwrap().outcome), json!({"style": "callback", "id": "c"}));

    // A plain function that neither returns a promise nor calls back answers null, as on Lambda.
    let (runner, _) = start("NodeSyncReturn");
    assert_eq!(success(&runner.invoke(&request(json!({}))).unwrap().outcome), serde_json::Value::Null);
}

#[test]
fn node_errors_timeouts_import_failures_and_large_responses() {
    if !available("node") {
        return;
    }
    let (runner, _) = start("NodeError");
    let (kind, error_type, payload) = failure(&runner.invoke(&request(json!({"id": 4}))).unwrap().outcome);
    assert_eq!((kind, error_type.as_str()), (FailureKind::Unhandled, "TypeError"));
    assert_eq!(payload["errorMessage"], "cannot handle 4");
    assert!(payload["trace"][0].as_str().unwrap().starts_with("TypeError: cannot handle 4"), "{payload}");

    let (runner, log) = start("NodeTimeout");
    let started = Instant::now();
    let (kind, _, _) = failure(&runner.invoke(&request(json!({}))).unwrap().outcome);
    assert_eq!(kind, FailureKind::Timeout);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(log.text().contains("Task timed out after 1.00 seconds"));

    let (runner, _) = start("NodeImportFailure");
    let (kind, error_type, payload) = failure(&runner.invoke(&request(json!({}))).unwrap().outcome);
    assert_eq!((kind, error_type.as_str()), (FailureKind::Init, "Runtime.ImportModuleError"));
    assert!(payload["errorMessage"].as_str().unwrap().contains("package-that-is-not-installed"), "{payload}");

    let (runner, _) = start("NodeLarge");
    assert_eq!(success(&runner.invoke(&request(json!({"size": 2_000_000}))).unwrap().outcome).as_str().unwrap().len(), 2_000_000);
    let (_, error_type, _) = failure(&runner.invoke(&request(json!({"size": 6_500_000}))).unwrap().outcome);
    assert_eq!(error_type, "Function.ResponseSizeTooLarge");
}

#[test]
fn provided_runtime_runs_its_own_bootstrap() {
    if !available("curl") {
        return;
    }
    let (runner, log) = start("Provided");
    let result = runner.invoke(&request(json!({"hello": "custom"}))).unwrap();
    let body = success(&result.outcome);
    assert_eq!(body["handler"], "echo.sh");
    assert_eq!(body["event"], json!({"hello": "custom"}));
    assert!(body["task_root"].as_str().unwrap().ends_with("provided/"));
    assert!(log.text().contains(&format!("custom runtime handling {}", result.request_id)));
    assert!(runner.invoke(&request(json!({}))).unwrap().init_duration.is_none(), "the bootstrap stays warm");
}

#[test]
fn concurrent_invocations_get_their_own_instances() {
    if !available("node") {
        return;
    }
    let (runner, _) = start("NodeCallback");
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..3).map(|i| scope.spawn({
            let runner = &runner;
            move || runner.invoke(&request(json!({"id": i}))).unwrap()
        })).collect();
        for handle in handles {
            assert!(handle.join().unwrap().outcome.is_success());
        }
    });
    assert!(runner.instance_count() >= 2, "{} instances", runner.instance_count());
}

#[test]
fn unsupported_runtimes_say_what_to_do() {
    let error = common::project("invoke", EnvOverrides::default()).function("JavaFunction").unwrap_err();
    assert!(error.contains("java21") && error.contains("sam local invoke"), "{error}");
    let error = common::project("invoke", EnvOverrides::default()).function("Nope").unwrap_err();
    assert!(error.contains("no function `Nope`") && error.contains("PySync"), "{error}");
}

#[test]
fn a_code_change_restarts_the_function() {
    if !available("python3") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(
        dir.path().join("template.yaml"),
        "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      CodeUri: src/\n      Handler: app.handler\n",
    )
    .unwrap();
    let app = dir.path().join("src/app.py");
    std::fs::write(&app, "import os\ndef handler(event, context):\n    return {'version': 1, 'pid': os.getpid()}\n").unwrap();
    let project = slint_preview::project::Project::load(&dir.path().join("template.yaml"), Default::default(), EnvOverrides::default(), common::settings()).unwrap();
    let log = std::sync::Arc::new(slint_preview::logs::Memory::default());
    let options = RunnerOptions { watch: true, ..RunnerOptions::default() };
    let runner = slint_preview::Runner::new(project.function("Fn").unwrap(), &slint_preview::interpreter::Interpreters::new(Default::default()), log.clone(), options).unwrap();
    let first = success(&runner.invoke(&request(json!({}))).unwrap().outcome);
    assert_eq!(first["version"], 1);

    std::fs::write(&app, "import os\ndef handler(event, context):\n    return {'version': 2, 'pid': os.getpid()}\n").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !log.text().contains("code changed") {
        assert!(Instant::now() < deadline, "the change was not noticed: {}", log.text());
        std::thread::sleep(Duration::from_millis(100));
    }
    let second = success(&runner.invoke(&request(json!({}))).unwrap().outcome);
    assert_eq!(second["version"], 2);
    assert_ne!(second["pid"], first["pid"], "a fresh process runs the new code");
    assert_eq!(runner.instance_count(), 1, "the old instance is gone");
}
