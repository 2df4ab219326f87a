use serde_json::{json, Value as Json};

use super::*;
use crate::syntax::parse_str;

/// Findings as `line:column Kind message`, for a value checked against an inline schema.
fn check(schema: Json, yaml: &str) -> Vec<String> {
    let parsed = parse_str(yaml);
    let root = parsed.root.as_ref().expect("test YAML parses");
    let compiled = CompiledSchema::compile(&schema);
    let anchor = Span::new(0, 0);
    render(&parsed, validate(&compiled, root, anchor, &ResolveNothing))
}

fn render(parsed: &crate::syntax::Parsed, errors: Vec<SchemaError>) -> Vec<String> {
    errors
        .into_iter()
        .map(|e| {
            let at = parsed.line_index.line_column(e.span.start as usize, &parsed.text);
            format!("{}:{} {:?} {}", at.line, at.column, e.kind, e.message)
        })
        .collect()
}

/// Findings for every resource of a template, checked against the bundled schemas with the
/// template's own evaluator resolving intrinsic functions.
fn check_template(yaml: &str) -> Vec<String> {
    let parsed = parse_str(yaml);
    let root = parsed.root.as_ref().expect("test YAML parses");
    let template = Template::new(root, &parsed.text, Default::default()).expect("a mapping");
    let mut errors = Vec::new();
    for resource in &template.resources {
        let schema = Validators::bundled().get(resource.type_name.unwrap()).expect("a bundled type");
        let empty = Node::new(resource.name_span, crate::syntax::Value::Map(Default::default()));
        let properties = resource.properties.as_deref().unwrap_or(&empty);
        let anchor = resource.node.as_map().and_then(|m| m.entry("Properties")).map_or(resource.name_span, |e| e.key_span);
        errors.extend(validate(&schema, properties, anchor, &template));
    }
    render(&parsed, errors)
}

fn object(properties: Json) -> Json {
    json!({"typeName": "Acme::Test::Thing", "type": "object", "additionalProperties": false, "properties": properties})
}

#[test]
fn unknown_keys_are_reported_on_the_key_with_a_suggestion() {
    let schema = object(json!({"Runtime": {"type": "string"}, "Handler": {"type": "string"}}));
    assert_eq!(
        check(schema, "Runtim: x\nHandler: y\n"),
        ["1:1 UnknownProperty `Runtim` is not a property of Acme::Test::Thing; did you mean `Runtime`?"]
    );
}

#[test]
fn missing_required_properties_are_reported_once_on_the_parent_key() {
    let schema = object(json!({
        "VpcConfig": {"type": "object", "required": ["SubnetIds", "SecurityGroupIds"],
                      "properties": {"SubnetIds": {"type": "array"}, "SecurityGroupIds": {"type": "array"}}}
    }));
    assert_eq!(
        check(schema, "VpcConfig:\n  Other: 1\n"),
        ["1:1 MissingRequired `VpcConfig` is missing the required properties `SubnetIds` and `SecurityGroupIds`"]
    );
}

#[test]
fn types_follow_cloudformation_coercions() {
    let schema = object(json!({
        "Name": {"type": "string"}, "Size": {"type": "integer"}, "On": {"type": "boolean"},
        "Ratio": {"type": "number"}, "List": {"type": "array"}
    }));
    assert!(check(schema.clone(), "Name: 12\nSize: '30'\nOn: 'true'\nRatio: '0.5'\nList: [a]\n").is_empty());
    assert_eq!(
        check(schema, "Name: [a]\nSize: 1.5\nOn: maybe\nList: a\n"),
        [
            "1:7 WrongType `Name` must be a string, not a list",
            "2:7 WrongType `Size` must be an integer, not 1.5, which is not a whole number",
            "3:5 WrongType `On` must be a boolean, not the string `maybe`",
            "4:7 WrongType `List` must be a list, not the string `a`",
        ]
    );
}

#[test]
fn enums_list_their_values_and_suggest_the_closest() {
    let schema = object(json!({"Tracing": {"type": "string", "enum": ["Active", "PassThrough"]}}));
    assert_eq!(
        check(schema.clone(), "Tracing: Activ\n"),
        ["1:10 ValueNotAllowed `Tracing` must be one of `Active` or `PassThrough`, not `Activ`; did you mean `Active`?"]
    );
    assert!(check(schema, "Tracing: Active\n").is_empty());
    let case_insensitive = object(json!({"Day": {"type": "string", "enumCaseInsensitive": ["monday", "tuesday"]}}));
    assert!(check(case_insensitive, "Day: MONDAY\n").is_empty());
}

#[test]
fn strings_numbers_and_lists_are_held_to_their_bounds() {
    let schema = object(json!({
        "Name": {"type": "string", "maxLength": 5, "pattern": "^[a-z]+$"},
        "Memory": {"type": "integer", "minimum": 128, "maximum": 10240},
        "Subnets": {"type": "array", "maxItems": 2, "uniqueItems": true, "items": {"type": "string"}}
    }));
    assert_eq!(
        check(schema, "Name: Abc\nMemory: 64\nSubnets: [a, b, a]\n"),
        [
            "1:7 PatternMismatch `Name` `Abc` does not match the pattern `^[a-z]+$`",
            "2:9 OutOfRange `Memory` must be at least 128, not 64",
            "3:10 LengthOutOfRange `Subnets` must have at most 2 items, not 3",
            "3:17 DuplicateItem `Subnets` lists `a` twice (items 1 and 3); each item must be unique",
        ]
    );
}

#[test]
fn one_mistake_gives_one_finding() {
    let schema = object(json!({"Name": {"type": "string", "minLength": 3, "pattern": "^[a-z]+$", "enum": ["abc"]}}));
    assert_eq!(check(schema, "Name: X\n").len(), 1);
}

#[test]
fn required_alternatives_are_explained_in_words() {
    let schema = json!({
        "typeName": "Acme::Test::Thing",
        "properties": {"Code": {"type": "object", "properties": {"S3Bucket": {}, "S3Key": {}, "ZipFile": {}},
            "oneOf": [{"required": ["S3Bucket", "S3Key"]}, {"required": ["ZipFile"]}]}}
    });
    assert_eq!(
        check(schema.clone(), "Code:\n  Other: 1\n"),
        ["1:1 MissingRequired `Code` needs exactly one of `S3Bucket` and `S3Key` or `ZipFile`"]
    );
    assert_eq!(
        check(schema.clone(), "Code:\n  S3Bucket: b\n  S3Key: k\n  ZipFile: z\n"),
        ["4:3 Conflict set only one of `S3Bucket` and `S3Key` or `ZipFile`"]
    );
    assert!(check(schema, "Code:\n  ZipFile: z\n").is_empty());
}

#[test]
fn tagged_alternatives_name_the_tag() {
    let event = |tag: &str, property: &str| {
        json!({"type": "object", "additionalProperties": false, "required": ["Type", "Properties"],
               "properties": {"Type": {"type": "string", "enum": [tag]},
                              "Properties": {"type": "object", "additionalProperties": false,
                                             "properties": {property: {"type": "string"}}}}})
    };
    let schema = json!({"typeName": "Acme::Test::Thing", "type": "object",
        "properties": {"Events": {"type": "object", "additionalProperties": {"anyOf": [event("S3", "Bucket"), event("SQS", "Queue")]}}}});
    assert_eq!(
        check(schema.clone(), "Events:\n  Upload:\n    Type: SQSS\n    Properties: {Queue: q}\n"),
        ["3:11 ValueNotAllowed `Type` must be one of `S3` or `SQS`, not `SQSS`; did you mean `SQS`?"]
    );
    assert_eq!(
        check(schema.clone(), "Events:\n  Upload:\n    Type: SQS\n    Properties: {Bucket: q}\n"),
        ["4:18 UnknownProperty `Bucket` is not a property of `Upload.Properties`"]
    );
    assert!(check(schema.clone(), "Events:\n  Upload:\n    Type: S3\n    Properties: {Bucket: b}\n").is_empty());

    // The same alternatives tried inside another set of alternatives, where every one of them
    // is tried in full, explain themselves the same way.
    let events = schema["properties"]["Events"].clone();
    let nested = json!({"typeName": "Acme::Test::Thing", "type": "object",
        "properties": {"Events": {"anyOf": [{"type": "string"}, events]}}});
    for (yaml, expected) in [
        ("Events:\n  Upload:\n    Type: SQSS\n    Properties: {Queue: q}\n", "3:11 ValueNotAllowed `Type` must be one of `S3` or `SQS`, not `SQSS`; did you mean `SQS`?"),
        ("Events:\n  Upload:\n    Type: SQS\n    Properties: {Bucket: q}\n", "4:18 UnknownProperty `Bucket` is not a property of `Upload.Properties`"),
    ] {
        assert_eq!(check(nested.clone(), yaml), [expected]);
        assert_eq!(check(schema.clone(), yaml), [expected]);
    }
    assert!(check(nested, "Events:\n  Upload:\n    Type: S3\n    Properties: {Bucket: b}\n").is_empty());
}

#[test]
fn dependencies_and_exclusions_point_at_the_key_that_breaks_them() {
    let schema = json!({"typeName": "Acme::Test::Thing", "type": "object",
        "properties": {"A": {}, "B": {}, "C": {}, "D": {}},
        "dependencies": {"A": ["B"]}, "dependentExcluded": {"C": ["D"], "D": ["C"]}, "requiredXor": ["A", "C"]});
    assert_eq!(
        check(schema, "A: 1\nC: 2\nD: 3\n"),
        [
            "1:1 Conflict `A` needs `B` as well",
            "2:1 Conflict set only one of `A` or `C`, not `A` and `C`",
            "3:1 Conflict `C` and `D` cannot be used together",
        ]
    );
}

#[test]
fn refs_resolve_including_recursive_definitions() {
    let schema = json!({"typeName": "Acme::Test::Thing", "type": "object",
        "definitions": {"Node": {"type": "object", "additionalProperties": false,
            "properties": {"Name": {"type": "string"}, "Children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}}}},
        "properties": {"Root": {"$ref": "#/definitions/Node"}}});
    assert_eq!(
        check(schema, "Root:\n  Children:\n    - Children:\n        - Nme: x\n"),
        ["4:11 UnknownProperty `Nme` is not a property of an item of `Children`; did you mean `Name`?"]
    );
}

#[test]
fn intrinsic_functions_are_silent_without_a_resolver() {
    let schema = object(json!({"Size": {"type": "integer", "maximum": 3}, "Name": {"type": "string"}}));
    assert!(check(schema, "Size: !Ref Size\nName: !GetAtt A.B\n").is_empty());
}

#[test]
fn bundled_lambda_schema_catches_real_mistakes() {
    let template = r#"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.99
      MemorySize: 64000
      Role: arn:aws:iam::123456789012:role/x
      Code: {ZipFile: "def handler(e, c): pass"}
      Handler: index.handler
      Timout: 3
"#;
    assert_eq!(
        check_template(template),
        [
            "6:16 ValueNotAllowed `Runtime` must be one of 51 allowed values, not `python3.99`; did you mean `python3.9`?",
            "7:19 OutOfRange `MemorySize` must be at most 32768, not 64000",
            "11:7 UnknownProperty `Timout` is not a property of AWS::Lambda::Function; did you mean `Timeout`?",
        ]
    );
}

#[test]
fn intrinsic_values_are_checked_through_what_they_resolve_to() {
    let template = r#"
Parameters:
  Memory:
    Type: Number
    AllowedValues: [128, 99999]
  Stage:
    Type: String
Conditions:
  Big: !Equals [!Ref Stage, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Code: {ZipFile: x}
      MemorySize: !Ref Memory
      Timeout: !If [Big, 9000, !Ref AWS::NoValue]
      Runtime: !Ref Stage
"#;
    let found = check_template(template);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("16:19 OutOfRange `MemorySize` must be at most 32768, not 99999"), "{found:#?}");
    assert!(found[1].starts_with("17:26 OutOfRange `Timeout` must be at most 5400, not 9000"), "{found:#?}");
}

#[test]
fn a_required_property_behind_no_value_counts_as_written() {
    let template = r#"
Conditions:
  HasRole: !Equals [a, b]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !If [HasRole, arn:aws:iam::123456789012:role/x, !Ref AWS::NoValue]
      Code: {ZipFile: x}
"#;
    assert!(check_template(template).is_empty());
}

#[test]
fn read_only_properties_cannot_be_set() {
    let template = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/r\n      Code: {ZipFile: x}\n      Arn: x\n";
    let found = check_template(template);
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("7:7 UnknownProperty `Arn` is read-only"), "{found:?}");
}

#[test]
fn resources_without_properties_report_missing_ones_at_the_resource() {
    let found = check_template("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n");
    assert_eq!(found, ["2:3 MissingRequired AWS::Lambda::Function is missing the required properties `Code` and `Role`"]);
}
