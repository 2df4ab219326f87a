use super::super::{parse_str, parse_str_reusing, parse_text, yaml, Parsed, Reading, SyntaxError};
use super::parse;
use crate::span::LineIndex;
use crate::syntax::Node;
use crate::testing::{corpus_texts, XorShift};

/// The tree and errors of reading the whole text at once.
fn whole(text: &str) -> (Option<Node>, Vec<SyntaxError>) {
    let mut errors = Vec::new();
    let root = yaml::parse(text, &mut errors);
    (root, errors)
}

/// Where two trees first differ, for a failure message people can read.
fn difference(a: &Node, b: &Node, path: &str) -> Option<String> {
    use crate::syntax::Value;
    if a.span != b.span || a.short_form != b.short_form {
        return Some(format!("{path}: {:?} {:?} != {:?} {:?}", a.span, a.short_form, b.span, b.short_form));
    }
    match (&a.value, &b.value) {
        (Value::Map(x), Value::Map(y)) if x.len() == y.len() => x.entries.iter().zip(&y.entries).find_map(|(x, y)| {
            if x.key != y.key || x.key_span != y.key_span {
                return Some(format!("{path}: key {} {:?} != {} {:?}", x.key, x.key_span, y.key, y.key_span));
            }
            difference(&x.value, &y.value, &format!("{path}/{}", x.key))
        }),
        (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (x, y))| difference(x, y, &format!("{path}/{i}")))
        }
        (x, y) => (x != y).then(|| format!("{path}: {x:?} != {y:?}")),
    }
}

fn same_tree(a: &Option<Node>, b: &Option<Node>) -> Result<(), String> {
    match (a, b) {
        (Some(a), Some(b)) => difference(a, b, "").map_or(Ok(()), Err),
        (None, None) => Ok(()),
        _ => Err(format!("one tree is missing: {} / {}", a.is_some(), b.is_some())),
    }
}

fn assert_read_in_pieces(text: &str) {
    let (expected, errors) = whole(text);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(parse(text, &LineIndex::new(text), None), expected, "read in pieces:\n{text}");
}

fn assert_read_whole(text: &str) {
    assert_eq!(parse(text, &LineIndex::new(text), None), None, "should not be read in pieces:\n{text}");
}

/// Reading `after` with `before` as the previous version gives what reading it whole gives.
fn assert_reread(before: &str, after: &str) {
    let previous = parse_str(before);
    let reread = parse_str_reusing(after, &previous);
    let whole = parse_text(after.to_owned(), Vec::new(), Reading::Whole);
    assert_eq!((reread.root, reread.errors), (whole.root, whole.errors), "{before}\n-- edited to --\n{after}");
}

const TEMPLATE: &str = "\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
# the resources
Resources:
  # a comment before the first resource
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST

# a comment at the margin, between resources
  \"Quoted\":
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub '${AWS::StackName}-topic'
  Function:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: |
        def handler(event, context):
            return 1
      Policies: [ !GetAtt Table.Arn , { Version: '2012-10-17' } ]
      Environment: { Variables: { TABLE: !Ref Table } }
Outputs:
  TableName:
    Value: !Ref Table
";

#[test]
fn resources_read_one_at_a_time_give_the_whole_tree() {
    assert_read_in_pieces(TEMPLATE);
    assert_read_in_pieces(&TEMPLATE.replace('\n', "\r\n"));
    assert_read_in_pieces(&TEMPLATE.replace("Outputs:\n  TableName:\n    Value: !Ref Table\n", ""));
    assert_read_in_pieces(&TEMPLATE.replace("  ", "    "));
    assert_read_in_pieces("Resources:  # all of them\n  A:\n    Type: AWS::SNS::Topic\n");
    assert_read_in_pieces("Resources:\n  A: { Type: AWS::SNS::Topic }\n  B: {Type: AWS::SNS::Topic}\nOutputs: {}");
}

#[test]
fn what_the_pieces_cannot_say_is_read_whole() {
    // The meaning of a piece depends on the rest of the document.
    assert_read_whole("Resources:\n  A: &topic\n    Type: AWS::SNS::Topic\n  B: *topic\n");
    assert_read_whole("%TAG !x! tag:example.com,2000:\n---\nResources:\n  A:\n    Type: T\n");
    assert_read_whole("Resources:\n  A:\n    Type: T\n---\nResources:\n  B:\n    Type: T\n");
    // Errors only the whole document shows.
    assert_read_whole("Resources:\n  A:\n    Type: T\n  A:\n    Type: U\n");
    assert_read_whole("Outputs: {}\nResources:\n  A:\n    Type: T\nOutputs: {}\n");
    assert_read_whole("Resources:\n  A:\n    Type: [T\n  B:\n    Type: U\n");
    assert_read_whole("Resources:\n  A:\n    Description: \"one\n  B: two\"\n");
    // Shapes the pieces do not cover.
    assert_read_whole("Resources: { A: { Type: T } }\n");
    assert_read_whole("Resources:\n- A\n");
    assert_read_whole("Resources:\n  - A\n");
    assert_read_whole("Resources:\n  ? A\n  : B\n");
    assert_read_whole("Resources:\nA:\n  Type: T\n");
}

#[test]
fn nesting_is_limited_as_in_the_whole_document() {
    let nested = |lists: usize| format!("Resources:\n  A:\n    B:\n{}x\n", "      - ".repeat(1) + &"- ".repeat(lists - 1));
    for lists in super::super::MAX_DEPTH - 5..super::super::MAX_DEPTH + 2 {
        let text = nested(lists);
        let (root, errors) = whole(&text);
        match parse(&text, &LineIndex::new(&text), None) {
            Some(tree) => assert_eq!((Some(tree), Vec::new()), (root, errors), "{lists} lists"),
            None => assert!(!errors.is_empty(), "{lists} lists read whole without a reason"),
        }
    }
}

#[test]
fn an_edit_rereads_what_changed_and_nothing_else() {
    let edits: [(&str, &str); 9] = [
        ("BillingMode: PAY_PER_REQUEST", "BillingMode: PROVISIONED"),
        ("      BillingMode: PAY_PER_REQUEST\n", ""),
        ("  Function:\n", "  Extra:\n    Type: AWS::SNS::Topic\n  Function:\n"),
        ("  \"Quoted\":\n    Type: AWS::SNS::Topic\n", ""),
        ("Transform: AWS::Serverless-2016-10-31\n", ""),
        ("    Value: !Ref Table\n", "    Value: !GetAtt Table.Arn\n    Export: { Name: x }\n"),
        ("def handler", "async def handler"),
        ("TopicName: !Sub", "TopicName: !Sub\n  Broken: ["),
        ("  Table:", "  Function:"),
    ];
    for (from, to) in edits {
        let edited = TEMPLATE.replacen(from, to, 1);
        assert_ne!(edited, TEMPLATE);
        assert_reread(TEMPLATE, &edited);
        assert_reread(&edited, TEMPLATE);
    }
}

#[test]
fn a_resource_reused_from_the_previous_version_moves_with_its_text() {
    let previous = parse_str(TEMPLATE);
    let edited = TEMPLATE.replace("AWSTemplateFormatVersion: '2010-09-09'\n", "");
    let reread = parse_str_reusing(&edited, &previous);
    let function = reread.root.as_ref().and_then(|root| root.get("Resources")).and_then(|r| r.get("Function")).unwrap();
    assert_eq!(function.raw(&edited).lines().next(), Some("Type: AWS::Serverless::Function"));
}

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

fn corpus_yaml() -> Vec<String> {
    corpus_texts(&["yaml", "yml"])
}

#[test]
fn corpus_templates_read_in_pieces_as_they_read_whole() {
    let texts = corpus_yaml();
    let mut in_pieces = 0;
    for text in &texts {
        if let Some(tree) = parse(text, &LineIndex::new(text), None) {
            in_pieces += 1;
            let (root, errors) = whole(text);
            assert!(errors.is_empty(), "read in pieces but has errors whole: {errors:?}\n{text}");
            if let Err(difference) = same_tree(&Some(tree), &root) {
                panic!("{difference}\n{text}");
            }
        }
    }
    eprintln!("{in_pieces} of {} YAML corpus templates read in pieces", texts.len());
    // Most templates are laid out the usual way; if none were, this test would prove nothing.
    assert!(texts.is_empty() || in_pieces * 2 > texts.len(), "only {in_pieces} of {} read in pieces", texts.len());
}

/// Typing, deleting and pasting lines anywhere in real templates: each edited version, read with
/// the version before it, gives what reading it whole gives, errors included.
#[test]
fn edited_corpus_templates_reread_as_they_read_whole() {
    let mut random = XorShift(0x5eed_1e55);
    for text in corpus_yaml().iter().step_by(3) {
        let mut previous: Parsed = parse_str(text);
        let mut current = text.clone();
        for _ in 0..8 {
            let Some(edited) = random.edit_a_line(&current, &["x", ": ", "\"", "  ", "[", "- "]) else { break };
            current = edited;
            let reread = parse_str_reusing(&current, &previous);
            let Parsed { root, errors, .. } = parse_text(current.clone(), Vec::new(), Reading::Whole);
            if reread.errors != errors {
                let at = errors.first().map_or(0, |e| e.span.start as usize);
                let from = current[..at].char_indices().rev().filter(|(_, c)| *c == '\n').nth(6).map_or(0, |(i, _)| i);
                panic!("errors differ: {:?} != {errors:?}\n{}", reread.errors, &current[from..(at + 200).min(current.len())]);
            }
            if let Err(difference) = same_tree(&reread.root, &root) {
                panic!("{difference}\n{current}");
            }
            previous = reread;
        }
    }
}
