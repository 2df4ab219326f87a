use std::collections::BTreeMap;

use super::*;
use crate::syntax::parse_str;

fn with_tables(text: &str, check: impl FnOnce(&Template, Vec<Table>)) {
    with_overrides(text, BTreeMap::new(), check)
}

fn with_overrides(text: &str, overrides: BTreeMap<String, String>, check: impl FnOnce(&Template, Vec<Table>)) {
    let parsed = parse_str(text);
    let root = parsed.root.as_ref().expect("a tree");
    let template = Template::new(root, &parsed.text, overrides).expect("a template");
    let tables = template.tables();
    check(&template, tables);
}

fn key_names(variant: &TableVariant) -> Vec<String> {
    variant.key_schema.as_ref().unwrap().elements.iter().map(|e| e.name().unwrap_or("?").to_owned()).collect()
}

#[test]
fn reads_the_three_table_types() {
    let text = r#"
Resources:
  Plain:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    Properties:
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}, {AttributeName: g, AttributeType: N}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      GlobalSecondaryIndexes:
        - IndexName: ByG
          KeySchema: [{AttributeName: g, KeyType: HASH}]
          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [a, b]}
      StreamSpecification: {StreamViewType: NEW_IMAGE}
  Global:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      Replicas: [{Region: us-east-1, PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  Simple:
    Type: AWS::Serverless::SimpleTable
  Function:
    Type: AWS::Serverless::Function
"#;
    with_tables(text, |_, tables| {
        assert_eq!(tables.iter().map(|t| t.logical_id()).collect::<Vec<_>>(), ["Plain", "Global", "Simple"]);

        let plain = &tables[0].variants[0];
        assert_eq!(tables[0].kind, TableKind::Table);
        assert_eq!(plain.billing_mode(), Some(BillingMode::Provisioned), "the default");
        let index = &plain.global_indexes.as_ref().unwrap().items[0];
        assert_eq!(index.name(), Some("ByG"));
        assert_eq!(index.projection_type(), Some("INCLUDE"));
        assert_eq!(index.projection.as_ref().unwrap().non_key_attributes.as_ref().unwrap().items.len(), 2);
        assert_eq!(tables[0].has_stream(), Some(true));
        assert_eq!(tables[0].deletion_policy.keeps_data(), Some(true));
        assert_eq!(tables[0].update_replace_policy.keeps_data(), Some(false));
        assert_eq!(plain.point_in_time_recovery, PointInTimeRecovery::Disabled { at: None });

        let global = &tables[1].variants[0];
        assert_eq!(global.billing_mode(), Some(BillingMode::PayPerRequest));
        assert_eq!(global.point_in_time_recovery, PointInTimeRecovery::Enabled);

        let simple = &tables[2].variants[0];
        assert_eq!(simple.billing_mode(), Some(BillingMode::PayPerRequest), "SAM's default");
        assert_eq!(key_names(simple), ["id"], "SAM's default key");
        let definitions = simple.attribute_definitions.as_ref().unwrap();
        assert!(definitions.derived);
        assert_eq!(definitions.items[0].attribute_type.text(), Some("String"));
    });
}

#[test]
fn parameters_are_chosen_once_per_variant() {
    let text = r#"
Parameters:
  Key:
    Type: String
    AllowedValues: [pk, id]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: !Ref Key, AttributeType: S}]
      KeySchema: [{AttributeName: !Ref Key, KeyType: HASH}]
"#;
    with_tables(text, |_, tables| {
        let variants = &tables[0].variants;
        assert_eq!(variants.len(), 2, "one per allowed value, never mixed");
        for variant in variants {
            let defined = variant.attribute_definitions.as_ref().unwrap().items[0].name.text().unwrap().to_owned();
            assert_eq!(key_names(variant), [defined.clone()]);
            let source = variant.key_schema.as_ref().unwrap().elements[0].attribute.parameter.clone().unwrap();
            assert_eq!(source.name, "Key");
            assert!(source.value_span.is_some());
        }
    });
}

#[test]
fn overrides_fix_a_parameter() {
    let text = r#"
Parameters:
  Key:
    Type: String
    AllowedValues: [pk, id]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: !Ref Key, KeyType: HASH}]
"#;
    let overrides = BTreeMap::from([("Key".to_owned(), "id".to_owned())]);
    with_overrides(text, overrides, |_, tables| {
        assert_eq!(tables[0].variants.len(), 1);
        assert_eq!(key_names(&tables[0].variants[0]), ["id"]);
        assert_eq!(tables[0].variants[0].key_schema.as_ref().unwrap().elements[0].attribute.parameter.as_ref().unwrap().value_span, None);
    });
}

#[test]
fn conditions_follow_the_parameters_they_test() {
    let text = r#"
Parameters:
  Billing:
    Type: String
    AllowedValues: [PROVISIONED, PAY_PER_REQUEST]
Conditions:
  IsProvisioned: !Equals [!Ref Billing, PROVISIONED]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: !Ref Billing
      ProvisionedThroughput: !If [IsProvisioned, {ReadCapacityUnits: 1, WriteCapacityUnits: 1}, !Ref AWS::NoValue]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
"#;
    with_tables(text, |_, tables| {
        let variants = &tables[0].variants;
        assert_eq!(variants.len(), 2, "no variant pairs PAY_PER_REQUEST with capacity");
        for variant in variants {
            let provisioned = variant.billing_mode() == Some(BillingMode::Provisioned);
            assert_eq!(variant.provisioned_throughput.is_some(), provisioned);
        }
    });
}

#[test]
fn undecidable_conditions_give_both_branches() {
    let text = r#"
Conditions:
  InUsEast: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: !If
        - InUsEast
        - [{AttributeName: a, KeyType: HASH}]
        - [{AttributeName: b, KeyType: HASH}]
"#;
    with_tables(text, |_, tables| {
        let mut keys: Vec<Vec<String>> = tables[0].variants.iter().map(key_names).collect();
        keys.sort();
        assert_eq!(keys, [["a"], ["b"]]);
    });
}

#[test]
fn unknown_values_stay_unknown() {
    let text = r#"
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !ImportValue shared-name
      AttributeDefinitions:
        - {AttributeName: id, AttributeType: S}
        - !ImportValue shared-definition
      KeySchema: [{AttributeName: !GetAtt Other.Name, KeyType: HASH}]
"#;
    with_tables(text, |_, tables| {
        let variant = &tables[0].variants[0];
        assert_eq!(variant.table_name.as_ref().unwrap().value, None);
        assert!(!variant.attribute_definitions.as_ref().unwrap().complete);
        assert!(!variant.key_schema.as_ref().unwrap().complete);
    });
}

#[test]
fn hostile_shapes_do_not_panic() {
    for text in [
        "Resources: {T: {Type: AWS::DynamoDB::Table, Properties: 5}}",
        "Resources: {T: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: {a: b}, GlobalSecondaryIndexes: [1, [2]], AttributeDefinitions: x}}}",
        "Resources: {T: {Type: AWS::Serverless::SimpleTable, Properties: {PrimaryKey: [1]}}}",
        "Resources: {T: {Type: AWS::DynamoDB::GlobalTable, Properties: {Replicas: {Fn::If: [C, [], []]}}}}",
        "Conditions: {C: {Condition: C}}\nResources: {T: {Type: AWS::DynamoDB::Table, Properties: {BillingMode: {Fn::If: [C, a, b]}}}}",
    ] {
        with_tables(text, |_, tables| assert_eq!(tables.len(), 1, "{text}"));
    }
}

#[test]
fn many_parameters_are_capped() {
    let mut text = String::from("Parameters:\n");
    for i in 0..10 {
        text.push_str(&format!("  P{i}: {{Type: String, AllowedValues: [a, b, c]}}\n"));
    }
    text.push_str("Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      KeySchema:\n");
    for i in 0..10 {
        text.push_str(&format!("        - {{AttributeName: !Ref P{i}, KeyType: HASH}}\n"));
    }
    with_tables(&text, |_, tables| assert!(tables[0].variants.len() <= scenario::MAX_SCENARIOS));
}

fn changes_between(old: &str, new: &str) -> Vec<TableChangeKind> {
    let old_parsed = parse_str(old);
    let new_parsed = parse_str(new);
    let old = Template::new(old_parsed.root.as_ref().unwrap(), &old_parsed.text, BTreeMap::new()).unwrap();
    let new = Template::new(new_parsed.root.as_ref().unwrap(), &new_parsed.text, BTreeMap::new()).unwrap();
    compare(&old, &new).into_iter().map(|c| c.kind).collect()
}

const BASE: &str = r#"
Resources:
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}, {AttributeName: g, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      GlobalSecondaryIndexes:
        - {IndexName: G1, KeySchema: [{AttributeName: g, KeyType: HASH}], Projection: {ProjectionType: ALL}}
"#;

#[test]
fn compares_by_logical_id() {
    assert!(changes_between(BASE, BASE).is_empty());
    let renamed_key = BASE.replace("[{AttributeName: pk, KeyType: HASH}]", "[{AttributeName: g, KeyType: HASH}]");
    assert!(matches!(changes_between(BASE, &renamed_key)[..], [TableChangeKind::KeySchemaChanged { .. }]));
    let two_new = BASE.replace(
        "Projection: {ProjectionType: ALL}}",
        "Projection: {ProjectionType: ALL}}\n        - {IndexName: G2, KeySchema: [{AttributeName: g, KeyType: HASH}], Projection: {ProjectionType: ALL}}\n        - {IndexName: G3, KeySchema: [{AttributeName: g, KeyType: HASH}], Projection: {ProjectionType: ALL}}",
    );
    assert!(matches!(&changes_between(BASE, &two_new)[..], [TableChangeKind::GlobalIndexesCreatedAndDeleted { created, deleted }] if created.len() == 2 && deleted.is_empty()));
    let one_new = BASE.replace(
        "Projection: {ProjectionType: ALL}}",
        "Projection: {ProjectionType: ALL}}\n        - {IndexName: G2, KeySchema: [{AttributeName: g, KeyType: HASH}], Projection: {ProjectionType: ALL}}",
    );
    assert!(changes_between(BASE, &one_new).is_empty());
    let removed = "Resources: {}";
    assert!(matches!(&changes_between(BASE, removed)[..], [TableChangeKind::TableRemoved { deletion_policy: None }]));
    let switched = BASE.replace("BillingMode: PAY_PER_REQUEST", "ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}");
    assert!(changes_between(BASE, &switched).iter().any(|c| matches!(c, TableChangeKind::BillingModeSwitched { .. })));
}

#[test]
fn values_that_depend_on_parameters_are_not_compared() {
    let old = "Parameters: {K: {Type: String, AllowedValues: [a, b]}}\nResources: {T: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [{AttributeName: !Ref K, KeyType: HASH}]}}}";
    let new = "Resources: {T: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [{AttributeName: a, KeyType: HASH}]}}}";
    assert!(changes_between(old, new).is_empty());
}
