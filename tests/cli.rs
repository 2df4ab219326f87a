//! The `slint` binary driven as users drive it: arguments, standard input, files on disk, and what
//! comes back on standard output, standard error and the exit status.
//!
//! Runs that snapshot findings select the rules the fixtures are written for, so that new rules do
//! not change these snapshots; the catalogue itself is covered by the rule fixtures.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// The rules the fixtures exercise: a syntax error, a duplicate key (with a related location), an
/// unknown `Ref` (error) and a `Fn::Sub` without placeholders (warning).
const FIXTURE_RULES: &str = "T001,T002,T201,T204";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Everything a user sees, for snapshots.
    fn transcript(&self) -> String {
        format!("exit status: {}\n----- stdout -----\n{}----- stderr -----\n{}", self.status, self.stdout, self.stderr)
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|error| panic!("not JSON ({error}):\n{}", self.transcript()))
    }
}

fn slint_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_slint"));
    command.args(args).current_dir(dir).env_remove("NO_COLOR").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("the slint binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("stdin accepts the template");
    }
    drop(input);
    let output = child.wait_with_output().expect("slint finishes");
    Run {
        status: output.status.code().expect("slint exits rather than being killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn slint(args: &[&str]) -> Run {
    slint_in(&fixtures(), args, None)
}

/// `check` on the fixtures with only the fixture rules.
fn check(args: &[&str]) -> Run {
    let mut all = vec!["check", "--select", FIXTURE_RULES];
    all.extend_from_slice(args);
    slint(&all)
}

/// Codes reported per file, from the JSON format.
fn codes_by_file(run: &Run) -> Vec<(String, Vec<String>)> {
    run.json()["files"]
        .as_array()
        .expect("files is a list")
        .iter()
        .map(|file| {
            let codes = file["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect();
            (file["path"].as_str().unwrap().to_owned(), codes)
        })
        .collect()
}

fn codes(run: &Run) -> Vec<String> {
    codes_by_file(run).into_iter().flat_map(|(_, codes)| codes).collect()
}

fn temp_project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

// ---------------------------------------------------------------------------------------------
// Formats

#[test]
fn text_format() {
    let run = check(&["--color", "never", "findings.yaml", "broken.json", "duplicate.yaml", "clean.yaml"]);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn json_format() {
    let run = check(&["--format", "json", "findings.yaml", "clean.yaml"]);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn json_format_has_exactly_the_documented_shape() {
    let run = check(&["--format", "json", "findings.yaml", "broken.json", "clean.yaml"]);
    let document = run.json();
    let keys = |value: &Value| value.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&document), ["files", "summary", "version"]);
    assert_eq!(document["version"], 1);
    assert_eq!(keys(&document["summary"]), ["errors", "files", "infos", "warnings"]);
    let files = document["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    let mut seen = 0;
    for file in files {
        assert_eq!(keys(file), ["diagnostics", "path"]);
        for diagnostic in file["diagnostics"].as_array().unwrap() {
            seen += 1;
            assert_eq!(keys(diagnostic), ["cfn_lint", "code", "message", "name", "path", "range", "severity"]);
            assert!(["error", "warning", "info"].contains(&diagnostic["severity"].as_str().unwrap()));
            for end in ["start", "end"] {
                assert!(diagnostic["range"][end]["line"].as_u64().unwrap() >= 1);
                assert!(diagnostic["range"][end]["column"].as_u64().unwrap() >= 1);
            }
            assert!(diagnostic["path"].as_array().unwrap().iter().all(|s| s.is_string() || s.is_u64()));
        }
    }
    assert_eq!(seen, 3);
    // The unknown `Ref` sits under Resources.Subscription.Properties.TopicArn.
    let subscription = files.iter().find(|f| f["path"] == "findings.yaml").unwrap()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "T201")
        .cloned()
        .unwrap();
    assert_eq!(subscription["path"].as_array().unwrap()[..3], ["Resources", "Subscription", "Properties"]);
    assert_eq!(subscription["range"]["start"], serde_json::json!({"line": 11, "column": 22}));
}

#[test]
fn sarif_format() {
    let run = check(&["--format", "sarif", "duplicate.yaml", "findings.yaml", "clean.yaml"]);
    let transcript = run.transcript().replace(&format!("\"{}\"", env!("CARGO_PKG_VERSION")), "\"[VERSION]\"");
    insta::assert_snapshot!(transcript);
}

/// What GitHub code scanning requires of an upload, checked without the network.
#[test]
fn sarif_is_what_code_scanning_accepts() {
    let run = check(&["--format", "sarif", "findings.yaml", "broken.json", "duplicate.yaml", "clean.yaml"]);
    let sarif = run.json();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().starts_with("https://"));
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "slint");
    assert!(!driver["version"].as_str().unwrap().is_empty());
    if let Some(uri) = driver.get("informationUri") {
        assert!(uri.as_str().unwrap().starts_with("https://"));
    }
    let rules = driver["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(rule_ids, ["T001", "T002", "T201", "T204"]);
    for rule in rules {
        assert!(!rule["name"].as_str().unwrap().is_empty());
        assert!(!rule["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(rule["help"]["text"].is_string() && rule["help"]["markdown"].as_str().unwrap().contains("## "));
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let related: Vec<&Value> = results.iter().filter_map(|r| r.get("relatedLocations")).flat_map(|l| l.as_array().unwrap()).collect();
    assert_eq!(related.len(), 1, "the duplicate key points at the first one");
    assert_eq!(related[0]["message"]["text"], "first defined here");
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 6);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        for location in result["locations"].as_array().unwrap() {
            let physical = &location["physicalLocation"];
            let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
            assert!(!uri.starts_with('/') && !uri.contains('\\') && !uri.contains(' '), "relative URI: {uri}");
            let region = &physical["region"];
            let (start_line, end_line) = (region["startLine"].as_u64().unwrap(), region["endLine"].as_u64().unwrap());
            let (start_column, end_column) = (region["startColumn"].as_u64().unwrap(), region["endColumn"].as_u64().unwrap());
            assert!(start_line >= 1 && start_column >= 1);
            assert!((end_line, end_column) >= (start_line, start_column));
        }
    }
}

#[test]
fn junit_format() {
    let run = check(&["--format", "junit", "findings.yaml", "clean.yaml"]);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn github_format() {
    let run = check(&["--format", "github", "findings.yaml", "clean.yaml"]);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn parseable_format() {
    let run = check(&["--format", "parseable", "findings.yaml", "broken.json", "clean.yaml"]);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn every_format_on_a_clean_template() {
    let mut transcripts = String::new();
    for format in ["text", "json", "sarif", "junit", "github", "parseable"] {
        let run = check(&["--format", format, "clean.yaml"]);
        assert_eq!(run.status, 0, "{format}: {}", run.transcript());
        transcripts.push_str(&format!("===== {format}\n{}", run.transcript()));
    }
    insta::assert_snapshot!(transcripts.replace(&format!("\"{}\"", env!("CARGO_PKG_VERSION")), "\"[VERSION]\""));
}

#[test]
fn colour_only_when_asked() {
    let plain = check(&["findings.yaml"]);
    assert!(!plain.stdout.contains('\u{1b}'), "not a terminal, so no colour");
    let coloured = check(&["--color", "always", "findings.yaml"]);
    assert!(coloured.stdout.contains("\u{1b}["));
    let json = check(&["--color", "always", "--format", "json", "findings.yaml"]);
    assert!(!json.stdout.contains('\u{1b}'));
}

// ---------------------------------------------------------------------------------------------
// Exit status and rule selection

#[test]
fn exit_status_follows_fail_on() {
    // findings.yaml has an error and a warning; only the warning is left when T201 is ignored.
    let warning_only = ["--ignore", "T201", "findings.yaml"];
    assert_eq!(check(&["findings.yaml"]).status, 1);
    assert_eq!(check(&["clean.yaml"]).status, 0);
    assert_eq!(check(&warning_only).status, 1, "warnings fail by default");
    assert_eq!(check(&[&["--fail-on", "error"][..], &warning_only].concat()).status, 0);
    assert_eq!(check(&["--fail-on", "never", "findings.yaml"]).status, 0);
    let as_info = ["--ignore", "T201", "--severity", "T204=info", "findings.yaml"];
    assert_eq!(check(&as_info).status, 0, "infos never fail by default");
    assert_eq!(check(&[&["--fail-on", "info"][..], &as_info].concat()).status, 1);
}

#[test]
fn usage_and_input_errors_exit_with_2() {
    let missing = check(&["clean.yaml", "no-such-template.yaml"]);
    assert_eq!(missing.status, 2);
    assert!(missing.stderr.contains("no-such-template.yaml: no such file or folder"), "{}", missing.stderr);
    let bad_flag = slint(&["check", "--format", "xml", "clean.yaml"]);
    assert_eq!(bad_flag.status, 2);
    assert!(bad_flag.stderr.contains("xml"));
    let unknown_rule = slint(&["check", "--select", "T201,sub-without-variable", "clean.yaml"]);
    insta::assert_snapshot!(unknown_rule.transcript());
    let unknown_severity = slint(&["check", "--severity", "T201=fatal", "clean.yaml"]);
    assert_eq!(unknown_severity.status, 2);
    assert!(unknown_severity.stderr.contains("unknown severity `fatal`"));
    let bad_severity_code = slint(&["check", "--severity", "T2011=info", "clean.yaml"]);
    assert_eq!(bad_severity_code.status, 2);
    assert!(bad_severity_code.stderr.contains("did you mean `T201`?"), "{}", bad_severity_code.stderr);
    let bad_glob = check(&["nothing-here/**/*.yaml"]);
    assert_eq!(bad_glob.status, 2);
}

#[test]
fn select_ignore_and_severity() {
    assert_eq!(codes(&check(&["--format", "json", "findings.yaml"])), ["T204", "T201"]);
    assert_eq!(codes(&slint(&["check", "--format", "json", "--select", "unknown-ref-target", "findings.yaml"])), ["T201"]);
    assert_eq!(codes(&check(&["--format", "json", "--ignore", "T2", "findings.yaml"])), Vec::<String>::new());
    assert_eq!(codes(&check(&["--format", "json", "--ignore", "T204", "--ignore", "T001", "findings.yaml"])), ["T201"]);
    let run = check(&["--format", "json", "--severity", "T201=warning", "--severity", "sub-without-variables=info", "findings.yaml"]);
    let document = run.json();
    let severities: Vec<&str> = document["files"][0]["diagnostics"].as_array().unwrap().iter().map(|d| d["severity"].as_str().unwrap()).collect();
    assert_eq!(severities, ["info", "warning"]);
    assert_eq!(document["summary"]["warnings"], 1);
    assert_eq!(document["summary"]["infos"], 1);
}

#[test]
fn parameter_values_are_accepted_in_every_shape() {
    let project = temp_project(&[
        ("list.json", r#"[{"ParameterKey": "Stage", "ParameterValue": "prod"}]"#),
        ("pipeline.json", r#"{"Parameters": {"Stage": "prod"}}"#),
        ("plain.json", r#"{"Stage": "prod"}"#),
        ("broken.json", r#"{"Stage": {"nested": true}}"#),
    ]);
    let clean = fixtures().join("clean.yaml");
    let clean = clean.to_str().unwrap();
    for file in ["list.json", "pipeline.json", "plain.json"] {
        let run = slint_in(project.path(), &["check", "--parameters", file, "--parameter", "Size=3", clean], None);
        assert_eq!(run.status, 0, "{file}: {}", run.transcript());
    }
    let run = slint_in(project.path(), &["check", "--parameters", "broken.json", clean], None);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("broken.json") && run.stderr.contains("`Stage`"), "{}", run.stderr);
    let run = slint_in(project.path(), &["check", "--parameter", "NoEquals", clean], None);
    assert_eq!(run.status, 2);
}

// ---------------------------------------------------------------------------------------------
// Configuration

#[test]
fn nearest_slint_toml_applies() {
    let findings = std::fs::read_to_string(fixtures().join("findings.yaml")).unwrap();
    let project = temp_project(&[
        ("slint.toml", "select = [\"T201\", \"T204\"]\nignore = [\"sub-without-variables\"]\n"),
        ("stacks/api/template.yaml", &findings),
        ("other/slint.toml", "select = [\"T204\"]\n"),
        ("other/template.yaml", &findings),
    ]);
    let run = slint_in(project.path(), &["check", "--format", "json", "."], None);
    assert_eq!(
        codes_by_file(&run),
        [("other/template.yaml".to_owned(), vec!["T204".to_owned()]), ("stacks/api/template.yaml".to_owned(), vec!["T201".to_owned()])]
    );
    // The command line wins over the file.
    let run = slint_in(project.path(), &["check", "--format", "json", "--ignore", "T201", "stacks"], None);
    assert_eq!(codes(&run), ["T204"]);
    // `--config` replaces discovery for every template.
    let run = slint_in(project.path(), &["check", "--format", "json", "--config", "other/slint.toml", "stacks"], None);
    assert_eq!(codes(&run), ["T204"]);
    let run = slint_in(project.path(), &["check", "--format", "json", "--no-config", "--select", FIXTURE_RULES, "stacks"], None);
    assert_eq!(codes(&run), ["T204", "T201"]);
}

#[test]
fn fail_on_and_exclude_from_slint_toml() {
    let findings = std::fs::read_to_string(fixtures().join("findings.yaml")).unwrap();
    let project = temp_project(&[
        ("slint.toml", "select = [\"T204\"]\nfail-on = \"error\"\nexclude = [\"generated\", \"tests/fixtures/**\"]\n"),
        ("template.yaml", &findings),
        ("generated/template.yaml", &findings),
        ("tests/fixtures/bad.yaml", &findings),
    ]);
    let run = slint_in(project.path(), &["check", "--format", "json", "."], None);
    assert_eq!(run.status, 0, "only a warning, and fail-on is error: {}", run.transcript());
    assert_eq!(codes_by_file(&run), [("template.yaml".to_owned(), vec!["T204".to_owned()])]);
    assert_eq!(slint_in(project.path(), &["check", "--fail-on", "warning", "."], None).status, 1);
    // Named files are linted even when excluded, unless --force-exclude.
    let named = slint_in(project.path(), &["check", "--format", "json", "generated/template.yaml"], None);
    assert_eq!(codes(&named), ["T204"]);
    let forced = slint_in(project.path(), &["check", "--format", "json", "--force-exclude", "generated/template.yaml"], None);
    assert_eq!(codes_by_file(&forced), []);
}

#[test]
fn bad_slint_toml_names_the_key_and_line() {
    let project = temp_project(&[
        ("slint.toml", "select = [\"T201\"]\n\n[severity]\nT201 = \"warning\"\n\n[paramters]\nStage = \"prod\"\n"),
        ("template.yaml", "Resources: {}\n"),
        ("typo/slint.toml", "ignore = [\"unknown-ref-targte\"]\n"),
        ("typo/template.yaml", "Resources: {}\n"),
    ]);
    let root = project.path().to_str().unwrap();
    let run = slint_in(project.path(), &["check", "template.yaml"], None);
    insta::assert_snapshot!("unknown_key", run.transcript().replace(root, "[PROJECT]"));
    let run = slint_in(project.path(), &["check", "typo/template.yaml"], None);
    insta::assert_snapshot!("unknown_rule", run.transcript().replace(root, "[PROJECT]"));
    let run = slint_in(project.path(), &["check", "--config", "missing.toml", "template.yaml"], None);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("missing.toml"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// Suppression

/// A template with an unknown `Ref` in `Subscription`'s properties, written by `ref_line`, with
/// optional `Metadata` for the template and for the resource.
fn template_with_unknown_ref(template_metadata: &str, resource_metadata: &str, ref_line: &str) -> String {
    format!(
        "AWSTemplateFormatVersion: \"2010-09-09\"\n{template_metadata}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Subscription:\n    Type: AWS::SNS::Subscription\n{resource_metadata}    Properties:\n{ref_line}      Protocol: email\n      Endpoint: ops@example.com\n"
    )
}

fn unknown_ref_codes(template: &str) -> Vec<String> {
    let run = slint_in(&fixtures(), &["check", "--format", "json", "--select", "T201", "--stdin-filename", "template.yaml", "-"], Some(template));
    codes(&run)
}

#[test]
fn suppression_forms() {
    let plain_ref = "      TopicArn: !Ref Topik\n";
    assert_eq!(unknown_ref_codes(&template_with_unknown_ref("", "", plain_ref)), ["T201"], "the finding to suppress");

    let cases = [
        ("template Metadata slint", template_with_unknown_ref("Metadata:\n  slint:\n    ignore: [T201]\n", "", plain_ref)),
        ("template Metadata by name", template_with_unknown_ref("Metadata:\n  slint:\n    ignore: [unknown-ref-target]\n", "", plain_ref)),
        ("resource Metadata slint", template_with_unknown_ref("", "    Metadata:\n      slint:\n        ignore:\n          - T2\n", plain_ref)),
        ("template cfn-lint", template_with_unknown_ref("Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [E3005]\n", "", plain_ref)),
        ("resource cfn-lint prefix", template_with_unknown_ref("", "    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [E30]\n", plain_ref)),
        ("trailing comment", template_with_unknown_ref("", "", "      TopicArn: !Ref Topik # slint-ignore T201\n")),
        ("trailing comment, every rule", template_with_unknown_ref("", "", "      TopicArn: !Ref Topik  # slint-ignore\n")),
        ("comment above", template_with_unknown_ref("", "", "      # slint-ignore unknown-ref-target -- renamed next release\n      TopicArn: !Ref Topik\n")),
    ];
    for (form, template) in &cases {
        assert_eq!(unknown_ref_codes(template), Vec::<String>::new(), "{form}:\n{template}");
    }

    let not_suppressed = [
        ("another resource's Metadata", template_with_unknown_ref("", "", plain_ref).replace("    Type: AWS::SNS::Topic\n", "    Type: AWS::SNS::Topic\n    Metadata:\n      slint:\n        ignore: [T201]\n")),
        ("another code", template_with_unknown_ref("Metadata:\n  slint:\n    ignore: [T204]\n", "", plain_ref)),
        ("unrelated cfn-lint id", template_with_unknown_ref("Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [W3005]\n", "", plain_ref)),
        ("comment inside a string", template_with_unknown_ref("", "", "      TopicArn: !Ref Topik\n      Note: \"# slint-ignore T201\"\n")),
        ("quoted hash on the line", template_with_unknown_ref("", "", "      TopicArn: !Join ['#', [!Ref Topik, ' # slint-ignore']]\n")),
        ("comment two lines above", template_with_unknown_ref("", "", "      # slint-ignore T201\n      DeliveryPolicy: {}\n      TopicArn: !Ref Topik\n")),
    ];
    for (form, template) in &not_suppressed {
        assert_eq!(unknown_ref_codes(template), ["T201"], "{form}:\n{template}");
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs

#[test]
fn standard_input() {
    let template = std::fs::read_to_string(fixtures().join("findings.yaml")).unwrap();
    let run = slint_in(&fixtures(), &["check", "--select", FIXTURE_RULES, "--format", "parseable", "--stdin-filename", "stacks/orders.yaml", "-"], Some(&template));
    insta::assert_snapshot!(run.transcript());
    let unnamed = slint_in(&fixtures(), &["check", "--select", FIXTURE_RULES, "--format", "parseable", "-"], Some(&template));
    assert!(unnamed.stdout.lines().all(|line| line.starts_with("<stdin>:")), "{}", unnamed.stdout);
    assert_eq!(unnamed.stdout.lines().count(), 2);
    // Editors pass the buffer's name and no path.
    let implicit = slint_in(&fixtures(), &["check", "--select", FIXTURE_RULES, "--format", "parseable", "--stdin-filename", "stacks/orders.yaml"], Some(&template));
    assert_eq!(implicit.stdout, run.stdout);
}

#[test]
fn folders_are_searched_for_templates_by_content() {
    let template = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n";
    let sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n";
    let resources_only = "{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}}}";
    let project = temp_project(&[
        ("template.yaml", template),
        ("stacks/api.yml", sam),
        ("stacks/nested/queue.json", resources_only),
        ("stacks/legacy.template", template),
        ("stacks/exported.txt", template),
        ("stacks/notes.txt", "Resources: see the wiki\n"),
        ("stacks/template.yaml.bak", template),
        (".github/workflows/ci.yml", "name: CI\non: push\njobs: {}\n"),
        ("docker-compose.yml", "services:\n  db:\n    image: postgres\n"),
        ("events/event.json", "{\"Records\": []}\n"),
        (".aws-sam/build/template.yaml", template),
        ("node_modules/pkg/template.yaml", template),
        ("target/template.yaml", template),
        (".hidden/template.yaml", template),
    ]);
    let run = slint_in(project.path(), &["check", "--format", "json", "."], None);
    let files: Vec<String> = codes_by_file(&run).into_iter().map(|(path, _)| path).collect();
    assert_eq!(files, ["stacks/api.yml", "stacks/exported.txt", "stacks/legacy.template", "stacks/nested/queue.json", "template.yaml"]);
    assert_eq!(run.json()["summary"]["files"], 5);

    // A named file is linted whatever it looks like, unless --templates-only.
    let named = slint_in(project.path(), &["check", "--format", "json", "docker-compose.yml"], None);
    assert_eq!(codes_by_file(&named).len(), 1);
    let sniffed = slint_in(project.path(), &["check", "--format", "json", "--templates-only", "docker-compose.yml", "template.yaml"], None);
    assert_eq!(codes_by_file(&sniffed).into_iter().map(|(path, _)| path).collect::<Vec<_>>(), ["template.yaml"]);

    // Overlapping arguments lint each file once.
    let overlapping = slint_in(project.path(), &["check", "--format", "json", "stacks", "./stacks/api.yml", "stacks/nested"], None);
    assert_eq!(overlapping.json()["summary"]["files"], 4);
}

#[test]
fn glob_patterns() {
    let template = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n";
    let project = temp_project(&[
        ("templates/a.yaml", template),
        ("templates/b.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}"),
        ("templates/deep/c.yaml", template),
        ("templates/deep/workflow.yaml", "on: push\n"),
        ("other/d.yaml", template),
    ]);
    let paths = |run: &Run| codes_by_file(run).into_iter().map(|(path, _)| path).collect::<Vec<_>>();
    let run = slint_in(project.path(), &["check", "--format", "json", "templates/**/*.yaml"], None);
    assert_eq!(paths(&run), ["templates/a.yaml", "templates/deep/c.yaml"]);
    let run = slint_in(project.path(), &["check", "--format", "json", "./templates/*.{yaml,json}"], None);
    assert_eq!(paths(&run), ["templates/a.yaml", "templates/b.json"]);
    let run = slint_in(project.path(), &["check", "--format", "json", "*/d.yaml"], None);
    assert_eq!(paths(&run), ["other/d.yaml"]);
    let run = slint_in(project.path(), &["check", "templates/*.yml"], None);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("templates/*.yml: no files match"), "{}", run.stderr);
}

#[test]
fn empty_folder_is_not_an_error() {
    let project = temp_project(&[("README.md", "nothing here\n")]);
    let run = slint_in(project.path(), &["check", "."], None);
    assert_eq!(run.status, 0);
    assert!(run.stderr.contains("no templates found"));
    assert_eq!(run.stdout, "No problems found in 0 files\n");
}

// ---------------------------------------------------------------------------------------------
// Other commands

#[test]
fn rules_lists_every_rule() {
    let run = slint(&["rules", "--format", "json"]);
    assert_eq!(run.status, 0);
    let catalogue = run.json();
    assert_eq!(catalogue["version"], 1);
    let rules = catalogue["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for rule in rules {
        for field in ["code", "name", "area", "severity", "summary"] {
            assert!(!rule[field].as_str().unwrap_or_default().is_empty(), "{field} of {rule}");
        }
        assert!(rule["cfn_lint"].is_array());
    }
    let t001 = rules.iter().find(|r| r["code"] == "T001").unwrap();
    assert_eq!(t001["name"], "syntax-error");
    assert_eq!(t001["severity"], "error");

    let table = slint(&["rules"]);
    assert_eq!(table.status, 0);
    let mut lines = table.stdout.lines();
    assert!(lines.next().unwrap().starts_with("CODE  "));
    assert_eq!(lines.count(), rules.len());
    assert!(table.stdout.contains("T001  syntax-error"));
}

#[test]
fn explain_prints_the_docs() {
    let run = slint(&["explain", "syntax-error"]);
    assert_eq!(run.status, 0);
    assert!(run.stdout.starts_with("# T001 syntax-error\n"), "{}", run.stdout);
    assert!(run.stdout.contains("- Default severity: error"));
    assert!(run.stdout.contains("## What it does"));
    assert_eq!(slint(&["explain", "t001"]).stdout, run.stdout);
    let unknown = slint(&["explain", "syntax-eror"]);
    insta::assert_snapshot!(unknown.transcript());
}

#[test]
fn version_and_help() {
    let version = slint(&["--version"]);
    assert_eq!(version.status, 0);
    assert_eq!(version.stdout.trim(), format!("slint {}", env!("CARGO_PKG_VERSION")));
    let help = slint(&["check", "--help"]);
    assert_eq!(help.status, 0);
    for flag in ["--format", "--fail-on", "--select", "--ignore", "--severity", "--parameter", "--parameters", "--config", "--stdin-filename"] {
        assert!(help.stdout.contains(flag), "{flag} is documented");
    }
    assert_eq!(slint(&[]).status, 2, "a subcommand is required");
}

#[test]
fn pre_commit_hook_definition() {
    let hooks = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: slint\n"));
    assert!(hooks.contains("language: rust\n"));
    assert!(hooks.contains("entry: slint check"));
    assert!(hooks.contains("types_or: [yaml, json]"));
    // The entry must be a command the binary accepts.
    let entry = hooks.lines().find_map(|line| line.trim().strip_prefix("entry: ")).unwrap();
    let mut args: Vec<&str> = entry.split_whitespace().skip(1).collect();
    args.push("clean.yaml");
    assert_eq!(slint(&args).status, 0, "{entry}");
}
