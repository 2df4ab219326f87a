//! `slint check --baseline REF` and `--baseline-file`: the real binary against real git history
//! in a temporary repository, and against a previous version kept in a file.

use std::path::Path;
use std::process::{Command, Output};

const V1: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - {AttributeName: customerId, AttributeType: S}
        - {AttributeName: orderId, AttributeType: S}
      KeySchema:
        - {AttributeName: customerId, KeyType: HASH}
        - {AttributeName: orderId, KeyType: RANGE}
  Sessions:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
"#;

/// v1 with a local secondary index added to Orders (a replacement) and Sessions removed.
const V2: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - {AttributeName: customerId, AttributeType: S}
        - {AttributeName: orderId, AttributeType: S}
        - {AttributeName: orderDate, AttributeType: S}
      KeySchema:
        - {AttributeName: customerId, KeyType: HASH}
        - {AttributeName: orderId, KeyType: RANGE}
      LocalSecondaryIndexes:
        - IndexName: ByDate
          KeySchema:
            - {AttributeName: customerId, KeyType: HASH}
            - {AttributeName: orderDate, KeyType: RANGE}
          Projection: {ProjectionType: KEYS_ONLY}
"#;

/// v1 with one global secondary index added: CloudFormation applies it in place.
const V1_WITH_INDEX: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - {AttributeName: customerId, AttributeType: S}
        - {AttributeName: orderId, AttributeType: S}
        - {AttributeName: orderDate, AttributeType: S}
      KeySchema:
        - {AttributeName: customerId, KeyType: HASH}
        - {AttributeName: orderId, KeyType: RANGE}
      GlobalSecondaryIndexes:
        - IndexName: ByDate
          KeySchema: [{AttributeName: orderDate, KeyType: HASH}]
          Projection: {ProjectionType: KEYS_ONLY}
  Sessions:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
"#;

/// The change-aware rules only, so that other rules' findings do not blur the assertions.
const CHANGE_RULES: &str = "D026,D027,D028,D029";

fn slint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slint"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the slint binary runs")
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=slint tests", "-c", "user.email=tests@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A repository with `infra/template.yaml` committed at v1.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    git(dir.path(), &["init", "--quiet"]);
    std::fs::create_dir(dir.path().join("infra")).unwrap();
    std::fs::write(dir.path().join("infra/template.yaml"), V1).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "--quiet", "-m", "v1"]);
    dir
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn codes(output: &Output) -> Vec<String> {
    // parseable: path:line:col:endline:endcol:CODE:severity:message
    stdout(output).lines().filter_map(|line| line.split(':').nth(5).map(str::to_owned)).collect()
}

#[test]
fn git_revision_reports_what_the_update_cannot_do_in_place() {
    let repo = repository();
    std::fs::write(repo.path().join("infra/template.yaml"), V2).unwrap();
    // Run from the repository root with a nested path, and from the folder itself.
    for (cwd, path) in [(repo.path().to_path_buf(), "infra/template.yaml"), (repo.path().join("infra"), "template.yaml")] {
        let output = slint(&cwd, &["check", "--baseline", "HEAD", "--select", CHANGE_RULES, "--format", "parseable", path]);
        assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
        assert_eq!(codes(&output), ["D029", "D026"], "{}", stdout(&output));
        let text = stdout(&output);
        assert!(text.contains("local secondary index `ByDate` is added"), "{text}");
        assert!(text.contains("table `Sessions` was removed") && text.contains("HEAD:infra/template.yaml line 13"), "{text}");
    }
}

#[test]
fn committed_changes_are_compared_with_the_named_revision() {
    let repo = repository();
    std::fs::write(repo.path().join("infra/template.yaml"), V1_WITH_INDEX).unwrap();
    git(repo.path(), &["commit", "--quiet", "-am", "one new index"]);
    std::fs::write(repo.path().join("infra/template.yaml"), V2).unwrap();
    git(repo.path(), &["commit", "--quiet", "-am", "v2"]);

    // Against the previous commit the working tree (v2) adds an LSI and drops a GSI.
    let output = slint(repo.path(), &["check", "--baseline", "HEAD~1", "--select", CHANGE_RULES, "--format", "parseable", "infra/template.yaml"]);
    assert_eq!(codes(&output), ["D029", "D026"], "{}", stdout(&output));

    // Against itself nothing changed.
    let output = slint(repo.path(), &["check", "--baseline", "HEAD", "--select", CHANGE_RULES, "infra/template.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));

    // One global index added in place is fine.
    std::fs::write(repo.path().join("infra/template.yaml"), V1_WITH_INDEX).unwrap();
    let output = slint(repo.path(), &["check", "--baseline", "HEAD~2", "--select", CHANGE_RULES, "infra/template.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn a_template_new_since_the_revision_has_nothing_to_compare() {
    let repo = repository();
    std::fs::write(repo.path().join("infra/new.yaml"), V2).unwrap();
    let output = slint(repo.path(), &["check", "--baseline", "HEAD", "--select", CHANGE_RULES, "infra/new.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
}

#[test]
fn baseline_raises_the_retain_policy_hint_for_a_replaced_table() {
    let repo = repository();
    std::fs::write(repo.path().join("infra/template.yaml"), V2).unwrap();
    let with = slint(repo.path(), &["check", "--baseline", "HEAD", "--select", "D020", "--format", "parseable", "infra/template.yaml"]);
    let without = slint(repo.path(), &["check", "--select", "D020", "--format", "parseable", "infra/template.yaml"]);
    assert!(stdout(&with).contains(":D020:warning:") && stdout(&with).contains("is replaced by this update"), "{}", stdout(&with));
    assert!(stdout(&without).contains(":D020:info:") && !stdout(&without).contains(":warning:"), "{}", stdout(&without));
}

#[test]
fn baseline_file_compares_with_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.yaml"), V1).unwrap();
    std::fs::write(dir.path().join("template.yaml"), V2).unwrap();
    let output = slint(dir.path(), &["check", "--baseline-file", "old.yaml", "--select", CHANGE_RULES, "--format", "parseable", "template.yaml"]);
    assert_eq!(codes(&output), ["D029", "D026"], "{}", stdout(&output));
    assert!(stdout(&output).contains("old.yaml line"), "{}", stdout(&output));

    let same = slint(dir.path(), &["check", "--baseline-file", "template.yaml", "--select", CHANGE_RULES, "template.yaml"]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
}

#[test]
fn bad_baselines_are_refused_with_a_reason() {
    let repo = repository();
    let unknown = slint(repo.path(), &["check", "--baseline", "no-such-branch", "infra/template.yaml"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("not a commit, branch or tag"), "{}", String::from_utf8_lossy(&unknown.stderr));

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("template.yaml"), V1).unwrap();
    let not_a_repo = slint(outside.path(), &["check", "--baseline", "HEAD", "template.yaml"]);
    assert_eq!(not_a_repo.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&not_a_repo.stderr).contains("not in a git repository"));

    let missing = slint(outside.path(), &["check", "--baseline-file", "gone.yaml", "template.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("gone.yaml"));

    std::fs::write(outside.path().join("second.yaml"), V1).unwrap();
    let two = slint(outside.path(), &["check", "--baseline-file", "template.yaml", "template.yaml", "second.yaml"]);
    assert_eq!(two.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&two.stderr).contains("one template"));

    let both = slint(outside.path(), &["check", "--baseline", "HEAD", "--baseline-file", "template.yaml", "template.yaml"]);
    assert_eq!(both.status.code(), Some(2), "the two flags exclude each other");
}

#[test]
fn standard_input_uses_its_stdin_filename() {
    let repo = repository();
    let mut child = Command::new(env!("CARGO_BIN_EXE_slint"))
        .current_dir(repo.path())
        .args(["check", "--baseline", "HEAD", "--stdin-filename", "infra/template.yaml", "--select", CHANGE_RULES, "--format", "parseable", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(V2.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(codes(&output), ["D029", "D026"], "{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
}
