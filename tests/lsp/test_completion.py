"""Completion while typing: sections, resource types, property names with snippets, allowed
values, reference targets, GetAtt attributes, `${}` variables, conditions, mappings, SAM events."""

from lsprotocol import types

from conftest import fixture_text, mark, open_and_lint, diagnostics_for, replace_all

BASE = fixture_text("orders.yaml")


async def complete(client, text, marker="|", uri="file:///tmp/complete/template.yaml"):
    """Puts `text` (with `|` at the cursor) in the document and asks for completions there."""
    at = text.index(marker)
    text = text.replace(marker, "", 1)
    client.completion_version = getattr(client, "completion_version", 1) + 1
    if client.completion_version == 2:
        since = mark(client)
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=2, text=text)
            )
        )
    else:
        replace_all(client, uri, text, client.completion_version)
    line = text.count("\n", 0, at)
    character = at - (text.rfind("\n", 0, at) + 1)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else result
    return {item.label: item for item in items}


def inserted(item):
    return item.text_edit.new_text


async def test_top_level_sections_not_yet_written(client):
    items = await complete(client, "AWSTemplateFormatVersion: '2010-09-09'\nRes|\n")
    assert "Resources" in items and "Outputs" in items
    assert "AWSTemplateFormatVersion" not in items
    assert inserted(items["Resources"]) == "Resources: "


async def test_resource_types_filtered_by_what_is_typed(client):
    items = await complete(client, "Resources:\n  Fn:\n    Type: AWS::Lambda::Fu|\n")
    assert "AWS::Lambda::Function" in items
    assert "AWS::S3::Bucket" not in items
    resolved = await client.completion_item_resolve_async(items["AWS::Lambda::Function"])
    assert "Lambda function" in resolved.documentation.value


async def test_property_names_required_first_as_snippets(client):
    text = "Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      |\n"
    items = await complete(client, text)
    assert "BillingMode" not in items, "properties already written are not offered"
    key_schema = items["KeySchema"]
    assert key_schema.sort_text < items["TableName"].sort_text, "required properties sort first"
    assert key_schema.insert_text_format == types.InsertTextFormat.Snippet
    assert inserted(key_schema) == "KeySchema:\n        - AttributeName: $1\n          KeyType: $2"
    assert "(required)" in key_schema.detail
    assert "TableName" in items and items["TableName"].documentation is not None


async def test_enum_values_and_booleans(client):
    items = await complete(client, "Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: |\n")
    assert set(items) == {"PAY_PER_REQUEST", "PROVISIONED"}
    items = await complete(client, "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: |\n")
    assert set(items) == {"true", "false"}


async def test_ref_targets(client):
    items = await complete(client, BASE.replace("TABLE: !Ref OrdersTable", "TABLE: !Ref |"))
    assert {"Stage", "OrdersTable", "OrdersQueue", "AWS::Region", "OrdersFunctionRole"} <= set(items)
    assert items["Stage"].label_details.description == "parameter: String"
    assert items["OrdersTable"].label_details.description == "AWS::DynamoDB::Table"


async def test_get_att_resources_and_attributes(client):
    items = await complete(client, BASE.replace("!GetAtt OrdersTable.Arn", "!GetAtt OrdersTable.|"))
    assert "Arn" in items and "StreamArn" in items
    assert inserted(items["Arn"]) == "Arn"


async def test_sub_variables_and_their_attributes(client):
    items = await complete(client, BASE.replace('!Sub "orders-${Stage}"', '!Sub "orders-${|"'))
    assert "Stage" in items and "AWS::StackName" in items and "AWS::NoValue" not in items
    items = await complete(client, BASE.replace('!Sub "orders-${Stage}"', '!Sub "orders-${OrdersTable.|"'))
    assert "Arn" in items


async def test_conditions_mappings_and_depends_on(client):
    items = await complete(client, BASE.replace("Condition: IsProd", "Condition: |"))
    assert set(items) == {"IsProd"}
    items = await complete(client, BASE.replace("!FindInMap [Sizes, !Ref Stage, Memory]", "!FindInMap [|"))
    assert set(items) == {"Sizes"}
    items = await complete(client, BASE.replace("!FindInMap [Sizes, !Ref Stage, Memory]", "!FindInMap [Sizes, |"))
    assert set(items) == {"dev", "prod"}
    items = await complete(client, BASE.replace("!FindInMap [Sizes, !Ref Stage, Memory]", "!FindInMap [Sizes, dev, |"))
    assert set(items) == {"Memory"}
    items = await complete(client, BASE.replace("DependsOn: [OrdersTable]", "DependsOn: [|"))
    assert "OrdersTable" in items and "OrdersQueue" not in items, "a resource does not depend on itself"


async def test_sam_event_types_and_properties(client):
    text = BASE.replace("          Type: Api\n          Properties:\n            Path: /orders\n            Method: get\n", "          Type: |\n", 1)
    items = await complete(client, text)
    assert {"Api", "HttpApi", "SQS", "Schedule"} <= set(items)
    text = BASE.replace("          Type: Api\n          Properties:\n            Path: /orders\n            Method: get\n", "          Type: SQS\n          Properties:\n            |\n", 1)
    items = await complete(client, text)
    assert "Queue" in items and "BatchSize" in items and "Path" not in items


async def test_intrinsic_tags(client):
    items = await complete(client, "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Su|\n")
    assert "!Sub" in items and "!GetAtt" in items and "!RefAll" not in items
    assert inserted(items["!Sub"]) == "!Sub "


async def test_json_property_names(client):
    text = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"Del|"}}}}'
    items = await complete(client, text, uri="file:///tmp/complete/template.json")
    item = items["DelaySeconds"]
    assert item.text_edit.new_text == '"DelaySeconds": $0'


async def test_json_intrinsic_lists(client):
    base = fixture_text("orders.json")
    uri = "file:///tmp/complete/lists.json"
    text = base.replace('{"Ref": "Queue"}', '{"Fn::GetAtt": ["Queue", "|"]}')
    items = await complete(client, text, uri=uri)
    assert "Arn" in items and "QueueUrl" in items
    text = base.replace('{"Ref": "Queue"}', '{"Fn::GetAtt": ["|"]}')
    items = await complete(client, text, uri=uri)
    assert set(items) == {"Queue", "Topic"}


async def test_completion_on_text_that_does_not_parse(client):
    text = BASE.replace("TABLE: !Ref OrdersTable", "TABLE: !Ref |") + "  Broken: [\n"
    items = await complete(client, text)
    assert "OrdersTable" in items and "Stage" in items
