//! Helpers shared by the preview's integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use slint_preview::env_vars::EnvOverrides;
use slint_preview::interpreter::Interpreters;
use slint_preview::logs::Memory;
use slint_preview::project::Project;
use slint_preview::resolve::Settings;
use slint_preview::{Runner, RunnerOptions};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/preview").join(name)
}

pub fn settings() -> Settings {
    Settings { region: "eu-west-1".into(), account_id: "123456789012".into(), stack_name: "preview-tests".into() }
}

pub fn project(folder: &str, env: EnvOverrides) -> Project {
    Project::load(&fixture(folder).join("template.yaml"), BTreeMap::new(), env, settings()).expect("fixture template loads")
}

/// A runner for one function of the `invoke` fixture, logging into memory.
pub fn runner_with(function: &str, env: EnvOverrides, options: RunnerOptions) -> (Runner, Arc<Memory>) {
    let config = project("invoke", env).function(function).expect("function resolves");
    let log = Arc::new(Memory::default());
    let runner = Runner::new(config, &Interpreters::new(BTreeMap::new()), log.clone(), options).expect("runner starts");
    (runner, log)
}

pub fn runner(function: &str) -> (Runner, Arc<Memory>) {
    runner_with(function, EnvOverrides::default(), RunnerOptions::default())
}

pub fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

/// Whether a program runs on this machine; tests that need it skip with a message otherwise.
pub fn available(program: &str) -> bool {
    runs(program, "--version")
}

/// Whether `program flag` runs and succeeds; tests that need it skip with a message otherwise.
pub fn runs(program: &str, flag: &str) -> bool {
    let found = std::process::Command::new(program).arg(flag).output().is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: `{program}` is not installed");
    }
    found
}

/// A response read by [`http`].
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        json(&self.body)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request over a fresh connection, the way a browser or curl would send it.
pub fn http(address: std::net::SocketAddr, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("connects to the gateway");
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned())).collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Reply { status, headers, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 4 + size..];
    }
    out
}
