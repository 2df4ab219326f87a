//! `slint routes` on real templates, one for each way of writing an API (SAM events on explicit
//! and implicit APIs, raw API Gateway v1 and v2 resources, an inline OpenAPI definition, and an
//! `AWS::Include`d one), as users run it: the table, the JSON, and what goes wrong.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routes")
}

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn transcript(&self) -> String {
        format!("exit status: {}\n----- stdout -----\n{}----- stderr -----\n{}", self.status, self.stdout, self.stderr)
    }
}

/// `slint routes ARGS` run from the fixture folder, so that paths in the output are relative.
fn routes(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_slint"))
        .arg("routes")
        .args(args)
        .current_dir(fixtures())
        .output()
        .expect("the slint binary starts");
    Run {
        status: output.status.code().expect("slint exits rather than being killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

#[test]
fn sam_events_on_explicit_apis_with_authorizers() {
    insta::assert_snapshot!(routes(&["-t", "sam-events/template.yaml"]).transcript());
}

#[test]
fn sam_http_api_events_on_the_implicit_api() {
    insta::assert_snapshot!(routes(&["sam-http/template.yaml"]).transcript());
}

#[test]
fn raw_rest_api_resources() {
    insta::assert_snapshot!(routes(&["-t", "rest-resources/template.yaml"]).transcript());
}

#[test]
fn raw_http_api_resources_with_lambda_authorizers() {
    insta::assert_snapshot!(routes(&["-t", "http-resources/template.yaml"]).transcript());
}

#[test]
fn inline_openapi_definition_named_by_events() {
    insta::assert_snapshot!(routes(&["-t", "openapi/template.yaml"]).transcript());
}

#[test]
fn included_openapi_definition_is_read_beside_the_template() {
    insta::assert_snapshot!(routes(&["include"]).transcript());
}

#[test]
fn json_carries_apis_integrations_and_positions() {
    let run = routes(&["-t", "sam-events/template.yaml", "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.transcript());
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON output");
    insta::assert_json_snapshot!(json);
}

#[test]
fn json_of_an_http_api_gives_payload_format_and_timeouts() {
    let run = routes(&["-t", "sam-http/template.yaml", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON output");
    let routes = json["routes"].as_array().expect("a list of routes");
    assert_eq!(routes.len(), 4);
    for route in routes {
        assert_eq!(route["api"], "ServerlessHttpApi");
        assert_eq!(route["integration"]["payload_format_version"], "2.0");
        assert_eq!(route["integration"]["timeout_ms"], 30000.0);
        assert_eq!(route["stages"], serde_json::json!(["$default"]));
    }
    assert_eq!(routes[0]["path"], "$default");
    assert_eq!(routes[0]["method"], "ANY");
}

#[test]
fn a_folder_without_a_template_is_an_error() {
    let run = routes(&["licenses"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no template in licenses"), "{}", run.transcript());
}

#[test]
fn a_template_without_apis_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("template.yaml"), "Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_slint")).args(["routes"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "template.yaml: no API Gateway routes\n");
}

#[test]
fn parameter_overrides_decide_the_stage_name() {
    let dir = tempfile::tempdir().unwrap();
    let template = "\
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      OpenApiVersion: '3.0'
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /hello, Method: get}
";
    std::fs::write(dir.path().join("template.yaml"), template).unwrap();
    let run = |extra: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_slint"))
            .args(["routes", "--format", "json"])
            .args(extra)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        json["routes"][0]["stages"].clone()
    };
    // The stage name is a parameter: its default is shown, and an override replaces it.
    assert_eq!(run(&[]), serde_json::json!(["dev"]));
    assert_eq!(run(&["--parameter", "Stage=prod"]), serde_json::json!(["prod"]));
}
