//! Linting version after version of a document with a [`Memo`] finds exactly what linting each
//! version afresh finds: over edits of the sections a resource's findings are read from, and
//! over random edits of the corpus templates (skipped when the corpus is absent; `SLINT_CORPUS`
//! names it when it is not at `../shared/corpus`).

use slint_linter::syntax::{parse_str, Parsed};
use slint_linter::template::Template;
use slint_linter::testing::{corpus_texts, XorShift};
use slint_linter::Diagnostic;
use slint_rules::{lint_read, lint_read_remembering, Memo, Settings};

fn findings(parsed: &Parsed, settings: &Settings, memo: Option<&Memo>) -> Vec<Diagnostic> {
    let template = parsed.root.as_ref().and_then(|root| Template::new(root, &parsed.text, settings.parameters.clone()));
    match memo {
        Some(memo) => lint_read_remembering(parsed, template.as_ref(), settings, memo),
        None => lint_read(parsed, template.as_ref(), settings),
    }
}

/// Lints `text` with `memo` and afresh, and fails where the two differ.
fn assert_remembered_as_fresh(text: &str, settings: &Settings, memo: &Memo) -> Vec<Diagnostic> {
    let parsed = parse_str(text);
    let remembered = findings(&parsed, settings, Some(memo));
    let fresh = findings(&parsed, settings, None);
    assert_eq!(remembered, fresh, "with the memo != afresh for\n{text}");
    fresh
}

fn schema_rules() -> Settings {
    Settings { select: vec!["S".to_owned()], ..Settings::default() }
}

const TEMPLATE: &str = r#"Transform: AWS::Serverless-2016-10-31
Description: orders
Parameters:
  Memory:
    Type: Number
    AllowedValues: [256]
Mappings:
  Retention:
    dev: {Seconds: 3600}
Globals:
  Function:
    Timeout: 30
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      MemorySize: !Ref Memory
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: !FindInMap [Retention, dev, Seconds]
      VisibilityTimeout: 99999
"#;

#[test]
fn findings_read_from_other_sections_follow_their_edits() {
    let settings = schema_rules();
    let memo = Memo::default();
    let codes = |found: &[Diagnostic]| found.iter().map(|d| d.code).collect::<Vec<_>>();
    assert_eq!(codes(&assert_remembered_as_fresh(TEMPLATE, &settings, &memo)), ["S007"]);
    // Text before every section moves every finding.
    let longer = TEMPLATE.replace("Description: orders", "Description: orders and their payments");
    assert_eq!(codes(&assert_remembered_as_fresh(&longer, &settings, &memo)), ["S007"]);
    // A parameter's values, a mapping entry and Globals change findings of resources whose text
    // did not change.
    for (from, to) in [("[256]", "[64]"), ("Seconds: 3600", "Seconds: 5"), ("Timeout: 30", "Timeout: ninety")] {
        let edited = longer.replace(from, to);
        let found = assert_remembered_as_fresh(&edited, &settings, &memo);
        assert_eq!(found.len(), 2, "{to}: {found:?}");
        assert_remembered_as_fresh(&longer, &settings, &memo);
    }
    // Deploy-time parameter values do too.
    let overridden = Settings { parameters: [("Memory".to_owned(), "1".to_owned())].into(), ..schema_rules() };
    assert_eq!(assert_remembered_as_fresh(&longer, &overridden, &memo).len(), 2);
}

#[test]
fn an_alias_reads_the_anchor_as_it_is_now() {
    let settings = schema_rules();
    let memo = Memo::default();
    let text = "Resources:
  A:
    Type: AWS::SNS::Subscription
    Properties: &subscription
      Protocol: email
      Endpoint: orders@example.com
      TopicArn: arn:aws:sns:us-east-1:123456789012:orders
  B:
    Type: AWS::SNS::Subscription
    Properties: *subscription
";
    assert!(assert_remembered_as_fresh(text, &settings, &memo).is_empty());
    // B's text is unchanged, but what it reads through the alias now lacks `Protocol`: both
    // resources miss it, each reported at its own `Properties`.
    let found = assert_remembered_as_fresh(&text.replace("      Protocol: email\n", ""), &settings, &memo);
    assert_eq!(found.len(), 2, "{found:?}");
}

/// Deleting, copying, swapping and typing into lines anywhere in real templates.
#[test]
fn edited_corpus_templates_lint_with_the_memo_as_afresh() {
    let settings = schema_rules();
    let mut random = XorShift(0x0dd_ba11);
    for text in corpus_texts(&["yaml", "yml", "json", "template"]).iter().step_by(2) {
        let memo = Memo::default();
        let mut current = text.clone();
        assert_remembered_as_fresh(&current, &settings, &memo);
        for _ in 0..6 {
            let Some(edited) = random.edit_a_line(&current, &["x", "1", "-", " "]) else { break };
            current = edited;
            assert_remembered_as_fresh(&current, &settings, &memo);
        }
    }
}
