//! The preview's speed: cold and warm invoke latency for Python and Node.js handlers, and
//! requests per second through the gateway for a trivial handler. Run with
//! `cargo bench -p slint-preview --bench preview`; needs python3 and node on PATH.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use slint_preview::env_vars::EnvOverrides;
use slint_preview::gateway;
use slint_preview::interpreter::Interpreters;
use slint_preview::logs::Memory;
use slint_preview::project::Project;
use slint_preview::resolve::Settings;
use slint_preview::{InvokeRequest, Runner, RunnerOptions};

const COLD_RUNS: usize = 15;
const WARM_RUNS: usize = 500;
const THROUGHPUT_SECONDS: u64 = 5;
const CLIENTS: usize = 4;

fn project() -> Project {
    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/preview/bench/template.yaml");
    Project::load(&template, BTreeMap::new(), EnvOverrides::default(), Settings::default()).expect("the bench template loads")
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index].as_secs_f64() * 1000.0
}

fn latency(function: &str) {
    let project = project();
    let interpreters = Interpreters::new(BTreeMap::new());
    let request = InvokeRequest { payload: b"{}".to_vec(), ..InvokeRequest::default() };
    let mut cold = Vec::new();
    for _ in 0..COLD_RUNS {
        let config = project.function(function).expect("function resolves");
        let started = Instant::now();
        let runner = Runner::new(config, &interpreters, Arc::new(Memory::default()), RunnerOptions::default()).expect("runner");
        let result = runner.invoke(&request).expect("invokes");
        assert!(result.outcome.is_success());
        cold.push(started.elapsed());
    }
    let config = project.function(function).expect("function resolves");
    let runner = Runner::new(config, &interpreters, Arc::new(Memory::default()), RunnerOptions::default()).expect("runner");
    runner.invoke(&request).expect("warms up");
    let mut warm = Vec::new();
    for _ in 0..WARM_RUNS {
        let started = Instant::now();
        let result = runner.invoke(&request).expect("invokes");
        assert!(result.outcome.is_success());
        warm.push(started.elapsed());
    }
    println!(
        "{function:<12} cold: median {:>7.1} ms  p90 {:>7.1} ms   warm: median {:>6.2} ms  p99 {:>6.2} ms",
        percentile(&mut cold, 0.5),
        percentile(&mut cold, 0.9),
        percentile(&mut warm, 0.5),
        percentile(&mut warm, 0.99),
    );
}

/// One keep-alive connection sending GETs until `stop`.
fn client(address: SocketAddr, path: &str, stop: &AtomicBool, done: &AtomicU64) {
    let stream = TcpStream::connect(address).expect("connects");
    stream.set_nodelay(true).ok();
    let mut writer = stream.try_clone().expect("clones the stream");
    let mut reader = BufReader::new(stream);
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n");
    while !stop.load(Ordering::Relaxed) {
        writer.write_all(request.as_bytes()).expect("sends");
        let mut length = 0;
        let mut status = String::new();
        reader.read_line(&mut status).expect("reads the status");
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("reads a header");
            if line == "\r\n" {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("reads the body");
        done.fetch_add(1, Ordering::Relaxed);
    }
}

fn throughput(path: &str) {
    let (gateway, _) = gateway::for_project(&project(), &Interpreters::new(BTreeMap::new()), Arc::new(Memory::default()), &RunnerOptions::default()).expect("gateway");
    let listening = Arc::new(gateway).listen(0).expect("listens");
    let address = listening.address();
    let stop = AtomicBool::new(false);
    let done = AtomicU64::new(0);
    std::thread::scope(|scope| {
        for _ in 0..CLIENTS {
            scope.spawn(|| client(address, path, &stop, &done));
        }
        // The first second starts the instances; cold starts are not counted.
        std::thread::sleep(Duration::from_secs(1));
        let before = done.load(Ordering::Relaxed);
        let started = Instant::now();
        std::thread::sleep(Duration::from_secs(THROUGHPUT_SECONDS));
        let after = done.load(Ordering::Relaxed);
        let elapsed = started.elapsed().as_secs_f64();
        stop.store(true, Ordering::Relaxed);
        println!("serve {path:<6} {CLIENTS} keep-alive clients: {:>7.0} requests/s", (after - before) as f64 / elapsed);
    });
}

fn main() {
    latency("PyTrivial");
    latency("NodeTrivial");
    throughput("/py");
    throughput("/node");
}
