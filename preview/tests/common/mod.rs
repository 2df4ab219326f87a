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
    let found = std::process::Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: `{program}` is not installed");
    }
    found
}
