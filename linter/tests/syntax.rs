//! The YAML and JSON readers: trees with byte spans, short-form tags, YAML 1.1 scalars, and every
//! way a template can be malformed. Trees are rendered one node per line as
//! `value @start..end ⟨source text⟩`, so a wrong span shows up as the wrong source text.

use std::fmt::Write;

use slint_linter::syntax::{parse, parse_str, Node, Parsed, SyntaxErrorKind, Value, MAX_DEPTH, SHORT_FORM_TAGS};

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/// The tree and the errors of a parse, for snapshots.
fn render(parsed: &Parsed) -> String {
    let mut out = String::new();
    match &parsed.root {
        Some(root) => render_node(&mut out, &parsed.text, root, 0, true),
        None => out.push_str("(no tree)\n"),
    }
    for error in &parsed.errors {
        write!(out, "error {:?} @{}..{}", error.kind, error.span.start, error.span.end).unwrap();
        write!(out, " ⟨{}⟩: {}", excerpt(&parsed.text, error.span.range()), error.message).unwrap();
        if let Some((span, note)) = &error.related {
            write!(out, " [related @{}..{} ⟨{}⟩: {note}]", span.start, span.end, excerpt(&parsed.text, span.range()))
                .unwrap();
        }
        out.push('\n');
    }
    out
}

/// The tree without spans: what the template means, to compare YAML with JSON.
fn meaning(parsed: &Parsed) -> String {
    let mut out = String::new();
    render_node(&mut out, &parsed.text, parsed.root.as_ref().expect("a tree"), 0, false);
    out
}

fn render_node(out: &mut String, text: &str, node: &Node, indent: usize, spans: bool) {
    let value = match &node.value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("{n:?}"),
        Value::String(s) => format!("{s:?}"),
        Value::Seq(_) => "[]".to_owned(),
        Value::Map(_) => "{}".to_owned(),
    };
    out.push_str(&value);
    if spans {
        write!(out, " @{}..{} ⟨{}⟩", node.span.start, node.span.end, excerpt(text, node.span.range())).unwrap();
        if let Some(short) = node.short_form {
            write!(out, " short-form @{}..{}", short.tag_span.start, short.tag_span.end).unwrap();
        }
    } else if node.short_form.is_some() {
        out.push_str(" short-form");
    }
    out.push('\n');
    let pad = "  ".repeat(indent + 1);
    match &node.value {
        Value::Seq(items) => {
            for item in items {
                write!(out, "{pad}- ").unwrap();
                render_node(out, text, item, indent + 1, spans);
            }
        }
        Value::Map(map) => {
            for entry in &map.entries {
                if spans {
                    write!(out, "{pad}{:?} @{}..{}: ", entry.key, entry.key_span.start, entry.key_span.end).unwrap();
                } else {
                    write!(out, "{pad}{:?}: ", entry.key).unwrap();
                }
                render_node(out, text, &entry.value, indent + 1, spans);
            }
        }
        _ => {}
    }
}

/// The source text of a span on one line, long texts shortened in the middle.
fn excerpt(text: &str, range: std::ops::Range<usize>) -> String {
    let raw = text.get(range).unwrap_or("<not on a character boundary>");
    let chars: Vec<char> = raw.chars().collect();
    let shown: String = if chars.len() > 40 {
        chars[..24].iter().chain(['…'].iter()).chain(chars[chars.len() - 12..].iter()).collect()
    } else {
        raw.to_owned()
    };
    shown.replace('\r', "\\r").replace('\n', "\\n").replace('\t', "\\t")
}

fn kinds(parsed: &Parsed) -> Vec<SyntaxErrorKind> {
    parsed.errors.iter().map(|e| e.kind).collect()
}

/// Every span lies inside the text, on character boundaries.
fn assert_spans_in_text(parsed: &Parsed, name: &str) {
    let text = &parsed.text;
    let valid = |span: slint_linter::Span| span.end as usize <= text.len() && text.get(span.range()).is_some();
    if let Some(root) = &parsed.root {
        root.walk(&mut |node| {
            assert!(valid(node.span), "{name}: node span {:?} outside the text", node.span);
            if let Value::Map(map) = &node.value {
                for entry in &map.entries {
                    assert!(valid(entry.key_span), "{name}: key span {:?} outside the text", entry.key_span);
                }
            }
        });
    }
    for error in &parsed.errors {
        assert!(valid(error.span), "{name}: error span {:?} outside the text", error.span);
    }
}

// ---------------------------------------------------------------------------------------------
// Well-formed templates
// ---------------------------------------------------------------------------------------------

const BLOCK_TEMPLATE: &str = "\
AWSTemplateFormatVersion: '2010-09-09' # the only version
Transform: AWS::Serverless-2016-10-31
Description: >-
  Orders API
  and its table
Resources:
  # the function
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      MemorySize: 512
      Code: |
        exports.handler = async () => {};

      Events:
        - Type: Api
          Path: /orders
";

#[test]
fn block_yaml() {
    let parsed = parse_str(BLOCK_TEMPLATE);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    insta::assert_snapshot!(render(&parsed));
}

#[test]
fn flow_yaml() {
    let parsed =
        parse_str("Resources: {Queue: {Type: 'AWS::SQS::Queue', Properties: {Tags: [a, \"b\", 3]}}}\nOutputs: {}\n");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    insta::assert_snapshot!(render(&parsed));
}

#[test]
fn every_short_form_tag_becomes_its_long_form() {
    let text: String =
        SHORT_FORM_TAGS.iter().enumerate().map(|(i, (tag, _))| format!("K{i}: !{tag} arg{i}\n")).collect();
    let parsed = parse_str(&text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let root = parsed.root.as_ref().unwrap().as_map().unwrap();
    assert_eq!(root.len(), SHORT_FORM_TAGS.len());
    for (i, (tag, long)) in SHORT_FORM_TAGS.iter().enumerate() {
        let node = &root.entries[i].value;
        let short = node.short_form.expect("remembers the short form");
        assert_eq!(&parsed.text[short.tag_span.range()], format!("!{tag}"));
        let entry = &node.as_map().unwrap().entries[0];
        assert_eq!(entry.key, *long);
        assert_eq!(entry.key_span, short.tag_span);
        let argument = if *tag == "GetAtt" { &entry.value.as_seq().unwrap()[0] } else { &entry.value };
        assert_eq!(argument.as_str(), Some(format!("arg{i}").as_str()), "!{tag}");
        assert_eq!(node.raw(&parsed.text), format!("!{tag} arg{i}"));
    }
}

#[test]
fn short_forms_on_scalars_lists_and_mappings() {
    let parsed = parse_str(
        "\
A: !Ref Bucket
B: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'
C: !Join
  - ','
  - [a, b]
D: !GetAtt Function.Arn
E: !GetAtt Stack.Outputs.Url
F: !GetAtt [Function, Arn]
G: !GetAtt \"Quoted.Arn\"
H: !Sub |
  echo ${Name}
I: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}
J: !Condition IsProd
K: !Ref
L: &anchored !Base64 text
M: !Ref 0755
",
    );
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    insta::assert_snapshot!(render(&parsed));
}

#[test]
fn nested_short_forms() {
    let parsed = parse_str(
        "\
Value: !If [IsProd, !Ref Prod, !Ref AWS::NoValue]
Url: !Sub ['https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}', {Api: !Ref Api, Stage: !FindInMap [Env, !Ref Env, Stage]}]
Check: !And
  - !Not [!Equals [!Ref Env, dev]]
  - !Condition HasBucket
",
    );
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    insta::assert_snapshot!(render(&parsed));
}

#[test]
fn yaml_1_1_scalars() {
    let parsed = parse_str(
        "\
null_tilde: ~
null_word: Null
null_empty:
bool_yes: yes
bool_On: On
bool_OFF: OFF
bool_true: True
not_bool_y: y
int: -1_024
hex: 0x1F
octal_1_1: 0755
octal_1_2: 0o755
account_id: 012345678901
float: 6.5
exponent: 1e3
fraction_only: .5
infinity: -.inf
version: 1.2.3
quoted_yes: 'yes'
quoted_number: \"0755\"
block_number: |-
  42
forced_string: !!str 10
forced_int: !!int '42'
forced_float: !!float 3
forced_bool: !!bool \"no\"
forced_null: !!null whatever
non_specific: ! 42
key_1: one
1: number key
true: boolean key
",
    );
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    insta::assert_snapshot!(render(&parsed));
}

#[test]
fn multi_byte_text_has_byte_spans() {
    let text = "Description: Überprüfung ✓\nTags:\n  名前: !Sub 'ö-${Stage}'\n  emoji: \"🚀\"\nRef: !GetAtt Fünf.Ärn\n";
    let parsed = parse_str(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_spans_in_text(&parsed, "multi-byte");
    let root = parsed.root.as_ref().unwrap();
    let tags = root.get("Tags").unwrap().as_map().unwrap();
    assert_eq!(&text[tags.entries[0].key_span.range()], "名前");
    assert_eq!(tags.entries[1].value.raw(text), "\"🚀\"");
    insta::assert_snapshot!(render(&parsed));
}

#[test]
fn bom_and_crlf() {
    let parsed = parse_str("\u{feff}Resources:\r\n  Topic:\r\n    Type: AWS::SNS::Topic\r\n");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    insta::assert_snapshot!(render(&parsed));
    let json = parse_str("\u{feff}{\"Resources\": {}}");
    assert!(json.errors.is_empty(), "{:?}", json.errors);
    assert_eq!(json.root.as_ref().unwrap().as_map().unwrap().entries[0].key_span.start, 4);
}

#[test]
fn flow_collections_indented_no_deeper_than_their_key() {
    // YAML 1.2 wants these lines indented deeper than `PolicyDocument:` and `Action:`;
    // CloudFormation reads them as they are, and real templates are written this way.
    let text = "\
Resources:
  Policy:
    Properties:
      PolicyDocument: {
        \"Version\": \"2012-10-17\",
        \"Statement\": [
      {\"Effect\": \"Allow\", # why
      \"Action\": \"s3:*\"}
        ]
      }
      Action: [
        \"a\",
        'b c',
      ]
      Next: x
";
    let parsed = parse_str(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.text, text, "the text itself is left as written");
    insta::assert_snapshot!(render(&parsed));

    // A real error after a repaired collection is reported where it is.
    let later = parse_str("A: [\n  x,\n]\nB: 'unclosed\nC: d\n");
    assert_eq!(kinds(&later), [SyntaxErrorKind::InvalidSyntax]);
    assert_eq!(later.errors[0].span.start, 15, "the quote that is never closed");
}

#[test]
fn a_tab_may_separate_a_key_from_its_value() {
    let parsed = parse_str("Description:\tOrders\nTimeout:\t\t30\n");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let root = parsed.root.as_ref().unwrap();
    assert_eq!(root.get("Description").unwrap().as_str(), Some("Orders"));
    assert_eq!(root.get("Timeout").unwrap().raw(&parsed.text), "30");
    assert_eq!(root.get("Timeout").unwrap().as_f64(), Some(30.0));
}

#[test]
fn aliases_copy_the_anchored_node() {
    let parsed = parse_str("Defaults: &defaults\n  Runtime: python3.12\n  Timeout: 30\nA: *defaults\nB: [*defaults]\n");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let root = parsed.root.as_ref().unwrap();
    assert_eq!(root.get("A"), root.get("Defaults"));
    assert_eq!(root.get("B").unwrap().as_seq().unwrap()[0], *root.get("Defaults").unwrap());
}

#[test]
fn json_template() {
    let parsed = parse_str(
        r#"{
  "Resources": {
    "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": 512, "Timeout": 2.5e1, "Layers": [], "Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Ok": true, "None": null}},
    "Ünïcode": {"Description": "naïve ✓"}
  }
}"#,
    );
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_spans_in_text(&parsed, "json");
    insta::assert_snapshot!(render(&parsed));
}

#[test]
fn json_and_yaml_mean_the_same() {
    let yaml = parse_str(
        "\
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Name: !Sub '${AWS::StackName}-fn'
      Memory: !If [IsProd, 1024, 128]
      Enabled: true
",
    );
    let json = parse_str(
        r#"{
  "Parameters": {"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}},
  "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
  "Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
    "Role": {"Fn::GetAtt": ["Role", "Arn"]},
    "Name": {"Fn::Sub": "${AWS::StackName}-fn"},
    "Memory": {"Fn::If": ["IsProd", 1024, 128]},
    "Enabled": true
  }}}
}"#,
    );
    assert!(yaml.errors.is_empty() && json.errors.is_empty(), "{:?} {:?}", yaml.errors, json.errors);
    let without_short_form_marks = meaning(&yaml).replace(" short-form", "");
    assert_eq!(without_short_form_marks, meaning(&json));
}

// ---------------------------------------------------------------------------------------------
// Malformed templates
// ---------------------------------------------------------------------------------------------

fn malformed(text: &str) -> String {
    let parsed = parse_str(text);
    assert_spans_in_text(&parsed, text);
    render(&parsed)
}

#[test]
fn yaml_syntax_errors() {
    insta::assert_snapshot!(
        "unclosed_flow_list",
        malformed("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: {Layers: [a, b}\nOutputs: {}\n")
    );
    insta::assert_snapshot!("colon_in_plain_value", malformed("Resources:\n  Fn:\n    Description: see: here\n"));
    insta::assert_snapshot!("bad_indentation", malformed("Resources:\n  A:\n    Type: x\n   B: y\n"));
    insta::assert_snapshot!("unterminated_quote", malformed("Description: 'never closed\nResources: {}\n"));
}

#[test]
fn tabs_for_indentation() {
    let text = "Resources:\n\tFn:\n\t\tType: AWS::Lambda::Function\n";
    let parsed = parse_str(text);
    assert_eq!(kinds(&parsed), [SyntaxErrorKind::InvalidSyntax]);
    assert_eq!(parsed.errors[0].span.start, 11, "points at the tab");
    assert!(parsed.errors[0].message.contains("tabs are not allowed for indentation"));
    insta::assert_snapshot!(render(&parsed));
    insta::assert_snapshot!("tab_after_plain_value", malformed("A: x\n\tB: 1\n"));
}

#[test]
fn duplicate_keys() {
    let yaml = parse_str("Resources:\n  Fn: {Type: A}\n  Table: {Type: B}\n  Fn: {Type: C}\n");
    assert_eq!(kinds(&yaml), [SyntaxErrorKind::DuplicateKey]);
    assert_eq!(yaml.root.as_ref().unwrap().get("Resources").unwrap().as_map().unwrap().len(), 2);
    insta::assert_snapshot!("duplicate_key_yaml", render(&yaml));
    let json = parse_str("{\"Resources\": {\"Fn\": {\"Type\": \"A\"}, \"Fn\": {\"Type\": \"C\"}}}");
    assert_eq!(kinds(&json), [SyntaxErrorKind::DuplicateKey]);
    insta::assert_snapshot!("duplicate_key_json", render(&json));
    // Keys compare by text, whatever type YAML would give them as values.
    let typed = parse_str("1: a\n'1': b\n");
    assert_eq!(kinds(&typed), [SyntaxErrorKind::DuplicateKey]);
}

#[test]
fn complex_keys_are_refused() {
    insta::assert_snapshot!(malformed("? [a, b]\n: list key\n? {c: d}\n: map key\nok: kept\n"));
}

#[test]
fn unknown_tags() {
    let parsed = parse_str("A: !GetAttr Fn.Arn\nB: !sub '${X}'\nC: !Foo bar\nD: !!binary aGk=\nE: !Reference [a]\n");
    assert_eq!(kinds(&parsed), [SyntaxErrorKind::UnknownTag; 5]);
    insta::assert_snapshot!(render(&parsed));
}

#[test]
fn core_tags_that_do_not_fit() {
    insta::assert_snapshot!(malformed("A: !!int ten\nB: !!map [a]\nC: !!seq x\n"));
}

#[test]
fn multiple_documents() {
    let parsed = parse_str("Resources: {}\n---\nResources: {Other: {}}\n");
    assert_eq!(kinds(&parsed), [SyntaxErrorKind::MultipleDocuments]);
    insta::assert_snapshot!(render(&parsed));
    let single = parse_str("---\nResources: {}\n...\n");
    assert!(single.errors.is_empty(), "{:?}", single.errors);
}

#[test]
fn invalid_utf8() {
    let parsed = parse(b"Description: caf\xe9\nResources: {}\n");
    assert_eq!(kinds(&parsed), [SyntaxErrorKind::InvalidUtf8]);
    insta::assert_snapshot!(render(&parsed));
}

#[test]
fn empty_files() {
    for text in ["", "  \n\n", "# nothing here\n# at all\n", "\u{feff}", "---\n"] {
        let parsed = parse_str(text);
        assert_eq!(kinds(&parsed), [SyntaxErrorKind::Empty], "{text:?}");
        assert!(parsed.root.is_none());
    }
}

#[test]
fn top_level_not_a_mapping() {
    insta::assert_snapshot!("yaml_list", malformed("- a\n- b\n"));
    insta::assert_snapshot!("yaml_scalar", malformed("just text\n"));
    insta::assert_snapshot!("json_array", malformed("[1, 2]"));
}

#[test]
fn json_syntax_errors() {
    insta::assert_snapshot!("json_unclosed_object", malformed("{\"Resources\": {\"A\": {}\n"));
    insta::assert_snapshot!("json_trailing_comma", malformed("{\"Resources\": {},}"));
    insta::assert_snapshot!("json_comment", malformed("{\n  // note\n  \"Resources\": {}\n}"));
    insta::assert_snapshot!("json_single_quotes", malformed("{'Resources': {}}"));
    insta::assert_snapshot!("json_missing_comma", malformed("{\"A\": 1 \"B\": 2}"));
    insta::assert_snapshot!("json_bare_word", malformed("{\"A\": yes}"));
    insta::assert_snapshot!("json_raw_newline_in_string", malformed("{\"A\": \"two\nlines\"}"));
}

#[test]
fn billion_laughs() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let previous = format!("*a{}", i - 1);
        let items = [previous.as_str(); 10].join(", ");
        writeln!(text, "a{i}: &a{i} [{items}]").unwrap();
    }
    let started = std::time::Instant::now();
    let parsed = parse_str(&text);
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
    assert_eq!(kinds(&parsed), [SyntaxErrorKind::AliasLimit]);
    let mut nodes = 0;
    parsed.root.as_ref().unwrap().walk(&mut |_| nodes += 1);
    assert!(nodes <= 2 * slint_linter::syntax::MAX_ALIAS_EXPANSION, "{nodes} nodes");
    insta::assert_snapshot!(render(&parsed).lines().filter(|l| l.starts_with("error")).collect::<Vec<_>>().join("\n"));
}

#[test]
fn undefined_and_recursive_aliases() {
    insta::assert_snapshot!("undefined_alias", malformed("A: &a 1\nB: *b\n"));
    insta::assert_snapshot!("recursive_alias", malformed("A: &a [1, *a]\n"));
}

// ---------------------------------------------------------------------------------------------
// Nesting
// ---------------------------------------------------------------------------------------------

/// Parses hostile nesting and returns its single error.
fn too_deep(text: &str) -> (SyntaxErrorKind, usize) {
    let started = std::time::Instant::now();
    let parsed = parse_str(text);
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
    assert_eq!(kinds(&parsed), [SyntaxErrorKind::TooDeep], "{:?}", parsed.errors);
    (parsed.errors[0].kind, parsed.errors[0].span.start as usize)
}

#[test]
fn hundred_thousand_levels() {
    const LEVELS: usize = 100_000;
    // YAML: flow lists, flow mappings, block lists.
    too_deep(&format!("a: {}", "[".repeat(LEVELS)));
    too_deep(&format!("a: {}", "{a: ".repeat(LEVELS)));
    too_deep(&format!("a:\n{}x\n", "- ".repeat(LEVELS)));
    // JSON (a file starting with `[` or `{` is read as JSON): unclosed, closed, inside an object.
    too_deep(&"[".repeat(LEVELS));
    too_deep(&format!("{}1{}", "[".repeat(LEVELS), "]".repeat(LEVELS)));
    too_deep(&format!("{{\"a\": {}1{}}}", "[".repeat(LEVELS), "]".repeat(LEVELS)));
}

#[test]
fn the_depth_limit_is_exact_for_block_yaml_and_json() {
    // The root mapping is level 1; each `- ` opens one more list.
    let block = |lists: usize| format!("a:\n{}x\n", "- ".repeat(lists));
    assert!(parse_str(&block(MAX_DEPTH - 1)).errors.is_empty());
    let (_, at) = too_deep(&block(MAX_DEPTH));
    assert_eq!(at, 3 + 2 * (MAX_DEPTH - 1), "the first list past the limit");
    let parsed = parse_str(&(block(MAX_DEPTH) + "b: kept\n"));
    assert_eq!(parsed.root.as_ref().unwrap().get("b").and_then(Node::as_str), Some("kept"));

    let json = |arrays: usize| format!("{{\"a\": {}{}}}", "[".repeat(arrays), "]".repeat(arrays));
    assert!(parse_str(&json(MAX_DEPTH - 1)).errors.is_empty());
    let (_, at) = too_deep(&json(MAX_DEPTH));
    assert_eq!(at, 6 + MAX_DEPTH - 1);
}

// ---------------------------------------------------------------------------------------------
// The corpus and random input
// ---------------------------------------------------------------------------------------------

struct CorpusFile {
    path: std::path::PathBuf,
    fixture_class: String,
}

/// The templates listed in the shared corpus manifest, or none when the corpus is not there.
fn corpus() -> Vec<CorpusFile> {
    let root = slint_linter::testing::corpus_root();
    let Ok(manifest) = std::fs::read_to_string(root.join("MANIFEST.tsv")) else {
        eprintln!("no corpus at {}; skipping", root.display());
        return Vec::new();
    };
    let mut lines = manifest.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect("manifest column");
    let (path_column, class_column) = (column("local_path"), column("fixture_class"));
    lines
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|fields| fields.len() > path_column.max(class_column))
        .map(|fields| CorpusFile {
            path: root.join(fields[path_column]),
            fixture_class: fields[class_column].to_owned(),
        })
        .collect()
}

#[test]
fn corpus_parses_without_syntax_errors() {
    let files = corpus();
    let mut failures = Vec::new();
    let mut bytes_read = 0;
    let mut contents = Vec::new();
    for file in &files {
        let bytes = std::fs::read(&file.path).unwrap_or_else(|e| panic!("{}: {e}", file.path.display()));
        bytes_read += bytes.len();
        contents.push(bytes);
    }
    let started = std::time::Instant::now();
    let parsed: Vec<Parsed> = contents.iter().map(|bytes| parse(bytes)).collect();
    eprintln!("parsed {} files, {bytes_read} bytes, in {:?}", files.len(), started.elapsed());
    for (file, parsed) in files.iter().zip(&parsed) {
        let name = file.path.display().to_string();
        assert_spans_in_text(parsed, &name);
        let syntax: Vec<_> = parsed.errors.iter().filter(|e| e.kind == SyntaxErrorKind::InvalidSyntax).collect();
        if file.fixture_class == "parse-error" {
            assert!(!parsed.errors.is_empty(), "{name} is listed as not parsing, but parsed cleanly");
        } else if !syntax.is_empty() {
            failures.push(format!("{name}: {:?}", syntax));
        }
    }
    assert!(failures.is_empty(), "{} corpus files do not parse:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn truncated_corpus_files_never_panic() {
    for file in corpus().iter().step_by(3) {
        let bytes = std::fs::read(&file.path).unwrap();
        for cut in [1, 7, 31, 97, bytes.len() / 3, bytes.len() / 2, bytes.len() * 4 / 5, bytes.len().saturating_sub(1)]
        {
            let cut = cut.min(bytes.len());
            let parsed = parse(&bytes[..cut]);
            assert_spans_in_text(&parsed, &format!("{} cut at {cut}", file.path.display()));
        }
    }
}

/// A small deterministic generator, so a failure reproduces.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_noise_never_panics() {
    let mut random = XorShift(0x5eed_1234_abcd_ef01);
    // Pieces that steer the parsers into their less travelled paths.
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        ": ",
        "- ",
        "? ",
        "\n",
        "\n  ",
        "\t",
        " ",
        "'",
        "\"",
        "\\",
        "#",
        "&a ",
        "*a",
        "!Ref ",
        "!GetAtt ",
        "!!str ",
        "!Foo ",
        "|",
        ">-",
        "---\n",
        "...\n",
        "key",
        "0755",
        "é",
        "🚀",
        "\u{feff}",
        "\r\n",
        "%YAML 1.2\n",
        "@",
    ];
    for round in 0..3000 {
        let mut bytes = Vec::new();
        for _ in 0..random.below(60) {
            if round % 4 == 0 {
                bytes.push(random.next() as u8);
            } else {
                bytes.extend_from_slice(PIECES[random.below(PIECES.len())].as_bytes());
            }
        }
        let parsed = parse(&bytes);
        assert_spans_in_text(&parsed, &format!("round {round}: {:?}", String::from_utf8_lossy(&bytes)));
    }
}

#[test]
fn mutated_corpus_files_never_panic() {
    let mut random = XorShift(0x0dd_ba11_cafe);
    for file in corpus().iter().step_by(7) {
        let mut bytes = std::fs::read(&file.path).unwrap();
        if bytes.is_empty() {
            continue;
        }
        for _ in 0..4 {
            let at = random.below(bytes.len());
            const REPLACEMENTS: &[u8] = b"{}[]:,-'\"\t\n#&*!|>";
            bytes[at] = REPLACEMENTS[random.below(REPLACEMENTS.len())];
        }
        let parsed = parse(&bytes);
        assert_spans_in_text(&parsed, &file.path.display().to_string());
    }
}
