"""Quick fixes from the rules, fix-all, and suppressing a finding for its resource or its line."""

from lsprotocol import types

from conftest import apply_edits, diagnostics_for, fixture_text, mark, open_and_lint, replace_all

QUEUE = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Nope\n"


async def actions(client, uri, diagnostic, only=None):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=only),
        )
    )


async def apply_and_relint(client, uri, text, action, version=2):
    edited = apply_edits(text, action.edit.changes[uri])
    since = mark(client)
    replace_all(client, uri, edited, version)
    return edited, await diagnostics_for(client, uri, version, since)


async def test_a_rule_fix_is_the_preferred_action(client):
    text = "AWSTemplateFormatVersion: '2010-09-09'\nResource:\n  Queue:\n    Type: AWS::SQS::Queue\n"
    uri, _, found = await open_and_lint(client, "t.yaml", uri="file:///tmp/fix/section.yaml", text=text)
    finding = next(d for d in found if d.code == "T101")
    offered = await actions(client, uri, finding)
    preferred = [a for a in offered if a.is_preferred]
    assert len(preferred) == 1 and preferred[0].kind == types.CodeActionKind.QuickFix
    edited, after = await apply_and_relint(client, uri, text, preferred[0])
    assert "Resources:" in edited
    assert after == []


async def test_suppress_for_the_resource(client):
    uri, _, (finding,) = await open_and_lint(client, "t.yaml", uri="file:///tmp/fix/resource.yaml", text=QUEUE)
    offered = await actions(client, uri, finding)
    (resource,) = [a for a in offered if a.title == "Ignore T201 for this resource"]
    edited, after = await apply_and_relint(client, uri, QUEUE, resource)
    assert "    Metadata:\n      slint:\n        ignore:\n          - T201" in edited
    assert after == []


async def test_suppress_for_the_line(client):
    uri, _, (finding,) = await open_and_lint(client, "t.yaml", uri="file:///tmp/fix/line.yaml", text=QUEUE)
    offered = await actions(client, uri, finding)
    (line,) = [a for a in offered if a.title == "Ignore T201 on this line"]
    edited, after = await apply_and_relint(client, uri, QUEUE, line)
    assert "      # slint-ignore T201\n      QueueName: !Ref Nope" in edited
    assert after == []


async def test_suppress_in_json_keeps_valid_json(client):
    text = fixture_text("orders.json").replace('"Ref": "Queue"', '"Ref": "Queu"')
    uri, _, (finding,) = await open_and_lint(client, "orders.json", uri="file:///tmp/fix/orders.json", text=text)
    offered = await actions(client, uri, finding)
    assert not [a for a in offered if "line" in a.title], "JSON has no comments"
    (resource,) = [a for a in offered if "resource" in a.title]
    _, after = await apply_and_relint(client, uri, text, resource)
    assert after == []


async def test_fix_all_applies_every_fix_once(client):
    text = "AWSTemplateFormatVersion: '2010-09-09'\nResource:\n  Queue:\n    Type: AWS::SQS::Queue\nOutput:\n  X:\n    Value: 1\n"
    uri, _, found = await open_and_lint(client, "t.yaml", uri="file:///tmp/fix/all.yaml", text=text)
    assert [d.code for d in found].count("T101") == 2
    offered = await actions(client, uri, found[0], only=[types.CodeActionKind.SourceFixAll])
    (fix_all,) = offered
    edited, after = await apply_and_relint(client, uri, text, fix_all)
    assert "Resources:" in edited and "Outputs:" in edited
    assert [d.code for d in after if d.code == "T101"] == []


async def test_a_missing_attribute_definition_is_added(client):
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"slint": {"select": ["D001"]}}))
    text = (
        "Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n"
        "      AttributeDefinitions:\n        - AttributeName: customerId\n          AttributeType: S\n"
        "      KeySchema:\n        - {AttributeName: customerId, KeyType: HASH}\n        - {AttributeName: orderId, KeyType: RANGE}\n"
    )
    uri, _, (finding,) = await open_and_lint(client, "t.yaml", uri="file:///tmp/fix/table.yaml", text=text)
    assert finding.code == "D001"
    offered = await actions(client, uri, finding)
    (add,) = [a for a in offered if a.title.startswith("Add `orderId` to `AttributeDefinitions`")]
    edited, after = await apply_and_relint(client, uri, text, add)
    assert "      AttributeDefinitions:\n        - {AttributeName: orderId, AttributeType: S}\n        - AttributeName: customerId" in edited
    assert after == []
