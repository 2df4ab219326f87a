"""Semantic tokens, inlay hints and code lenses."""

import asyncio

from lsprotocol import types

from conftest import open_and_lint, position_of


def decode(data, legend_types):
    """Absolute (line, column, length, type) from the relative encoding."""
    tokens, line, column = [], 0, 0
    for i in range(0, len(data), 5):
        delta_line, delta_start, length, kind, _ = data[i : i + 5]
        line += delta_line
        column = column + delta_start if delta_line == 0 else delta_start
        tokens.append((line, column, length, legend_types[kind]))
    return tokens


async def test_semantic_tokens_for_intrinsics_and_references(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    legend = client.server_capabilities.semantic_tokens_provider.legend
    result = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    tokens = decode(result.data, legend.token_types)
    lines = text.split("\n")
    by_text = {}
    for line, column, length, kind in tokens:
        by_text.setdefault(lines[line][column : column + length], set()).add(kind)
    assert by_text["!Sub"] == {"function"}
    assert by_text["Stage"] == {"parameter"}
    assert by_text["OrdersTable"] == {"variable"}
    assert by_text["IsProd"] == {"enumMember"}
    assert by_text["AWS::DynamoDB::Table"] == {"type"}
    assert len({(t[0], t[1]) for t in tokens}) == len(tokens), "no two tokens start at one place"


async def test_semantic_tokens_in_json_leave_the_quotes_out(client):
    uri, text, _ = await open_and_lint(client, "orders.json")
    legend = client.server_capabilities.semantic_tokens_provider.legend
    result = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    lines = text.split("\n")
    found = {(lines[l][c : c + n], kind) for l, c, n, kind in decode(result.data, legend.token_types)}
    assert ("Fn::Sub", "function") in found and ("Ref", "function") in found
    assert ("Stage", "parameter") in found and ("Queue", "variable") in found


async def test_inlay_hints_show_parameter_defaults(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=200, character=0)),
        )
    )
    assert {h.label for h in hints} == {"= dev"}
    after_sub = position_of(text, "${Stage}", 7)
    assert any(h.position == after_sub for h in hints)


async def test_code_lenses_list_the_routes(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    (lens,) = [lens for lens in lenses if lens.command.command == "slint.showRoutes"]
    assert lens.range.start == position_of(text, "  OrdersFunction:", 2)
    assert lens.command.title == "GET /orders · POST /orders"
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=lens.command.command, arguments=lens.command.arguments)
    )
    assert result is None
    # The message and the response travel separately; give the message a moment.
    for _ in range(200):
        if any("OrdersFunction: GET /orders, POST /orders" in m.message for m in client.messages):
            break
        await asyncio.sleep(0.01)
    assert any("OrdersFunction: GET /orders, POST /orders" in m.message for m in client.messages), client.messages


INVOKABLE = """AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
"""


async def test_invoke_locally_runs_the_function(client, tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text("def handler(event, context):\n    return {'greeting': 'hi'}\n")
    template = tmp_path / "template.yaml"
    template.write_text(INVOKABLE)
    uri, _, _ = await open_and_lint(client, "template.yaml", uri=template.as_uri(), text=INVOKABLE)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    (invoke,) = [lens for lens in lenses if lens.command.command == "slint.invokeLocally"]
    assert invoke.command.title == "▶ Invoke locally"
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=invoke.command.command, arguments=invoke.command.arguments)
    )
    assert result["exitCode"] == 0, result
    assert '"greeting": "hi"' in result["stdout"]


async def test_unsaved_documents_get_no_invoke_lens(client):
    uri, _, _ = await open_and_lint(client, "t.yaml", uri="untitled:Untitled-1", text=INVOKABLE)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [lens for lens in lenses if lens.command.command == "slint.invokeLocally"] == []
