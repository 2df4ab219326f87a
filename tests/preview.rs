//! The preview commands end to end through the `slint` binary: `invoke` keeps the result on
//! standard output and the logs on standard error, `events` builds from the template's routes,
//! `serve` listens on loopback and stops with its functions on Ctrl-C.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn slint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_slint"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/preview").join(name).join("template.yaml")
}

fn has(program: &str) -> bool {
    let found = Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: `{program}` is not installed");
    }
    found
}

#[test]
fn invoke_prints_the_result_and_logs_apart() {
    if !has("python3") {
        return;
    }
    let mut child = slint()
        .args(["invoke", "PySync", "-e", "-", "-t"])
        .arg(fixture("invoke"))
        .args(["--parameter-overrides", "Greeting=hi", "--region", "ap-south-1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(br#"{"id": 5}"#).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["event"], serde_json::json!({"id": 5}));
    assert_eq!(result["greeting"], "hi from the layer");
    assert_eq!(result["env"]["AWS_REGION"], "ap-south-1");
    assert!(stderr.contains("START RequestId") && stderr.contains("REPORT RequestId"), "{stderr}");
    assert!(stderr.contains("warning: function `PySync`: variable `LATER`"), "{stderr}");
}

#[test]
fn invoke_exits_1_when_the_function_fails() {
    if !has("python3") {
        return;
    }
    let output = slint().args(["invoke", "PyError", "--no-event", "-t"]).arg(fixture("invoke")).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(error["errorType"], "ValueError");
    let output = slint().args(["invoke", "Nope", "-t"]).arg(fixture("invoke")).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no function `Nope`"));
}

#[test]
fn events_come_from_the_template() {
    let output = slint().args(["events", "apigw-rest", "--route", "GET /items/42", "-t"]).arg(fixture("serve")).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let event: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(event["resource"], "/items/{id}");
    assert_eq!(event["pathParameters"], serde_json::json!({"id": "42"}));
    assert_eq!(event["requestContext"]["stage"], "dev");

    let output = slint().args(["events", "apigw-http", "--route", "GET /v1/items/{id}", "-t"]).arg(fixture("serve")).output().unwrap();
    let event: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(event["version"], "1.0", "the route's payload format");

    let output = slint().args(["events", "dynamodb-stream", "-t"]).arg(fixture("dynamodb")).output().unwrap();
    assert!(output.status.success());
    let output = slint().args(["events", "sqs", "--body", "hello", "-t"]).arg(fixture("invoke")).output().unwrap();
    let event: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(event["Records"][0]["body"], "hello");
}

#[cfg(unix)]
#[test]
fn serve_listens_on_loopback_and_cleans_up_on_ctrl_c() {
    if !has("python3") {
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = slint()
        .args(["serve", "--port", &port.to_string(), "-t"])
        .arg(fixture("serve"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut stream = loop {
        match std::net::TcpStream::connect(("127.0.0.1", port)) {
            Ok(stream) => break stream,
            Err(_) if started.elapsed() < Duration::from_secs(20) => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => panic!("serve did not listen: {error}"),
        }
    };
    stream.write_all(b"GET /items/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");

    // SIGINT, as Ctrl-C sends it: slint stops and takes the function processes with it.
    send_sigint(child.id());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains(&format!("Serving on http://127.0.0.1:{port}")), "{stderr}");
    if cfg!(target_os = "linux") {
        std::thread::sleep(Duration::from_millis(200));
        let leftover = processes_running_in(&fixture("serve").parent().unwrap().join("python"));
        assert!(leftover.is_empty(), "function processes outlived slint: {leftover:?}");
    }
}

/// Processes whose working folder is `folder`: the function processes started there.
fn processes_running_in(folder: &Path) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let cwd = std::fs::read_link(entry.path().join("cwd")).ok()?;
            (cwd == folder).then_some(pid)
        })
        .collect()
}

#[cfg(unix)]
fn send_sigint(pid: u32) {
    let status = Command::new("kill").args(["-INT", &pid.to_string()]).status().unwrap();
    assert!(status.success());
}
