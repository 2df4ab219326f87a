"""Findings as the user types: on open, on every change, from the same rules and `slint.toml` as
`slint check`, and only for templates."""

import asyncio
import pathlib
import subprocess
import sys
import urllib.parse

import pytest
from lsprotocol import types

from conftest import (
    FIXTURES,
    ROOT,
    SERVER_OPTIONS,
    RawServer,
    mark,
    diagnostics_for,
    fixture_text,
    open_and_lint,
    open_document,
    position_of,
    replace_all,
    text_at,
)


async def test_a_clean_template_has_no_findings(client):
    _, _, found = await open_and_lint(client, "orders.yaml")
    assert found == []


async def test_findings_carry_code_rule_name_and_exact_range(client):
    text = fixture_text("orders.yaml").replace("!Ref OrdersTable\n", "!Ref OrdersTabel\n")
    uri, _, found = await open_and_lint(client, "orders.yaml", uri="file:///tmp/typo/orders.yaml", text=text)
    (finding,) = [d for d in found if d.code == "T201"]
    assert finding.source == "slint(unknown-ref-target)"
    assert finding.severity == types.DiagnosticSeverity.Error
    assert text_at(text, finding.range) == "OrdersTabel"
    assert "did you mean `OrdersTable`" in finding.message
    page = urllib.parse.urlparse(finding.code_description.href)
    assert page.scheme == "file"
    assert pathlib.Path(urllib.parse.unquote(page.path)).read_text().startswith("# T201 unknown-ref-target\n")


async def test_findings_follow_every_change(client):
    uri = "file:///tmp/change/orders.yaml"
    text = fixture_text("orders.yaml")
    await open_and_lint(client, "orders.yaml", uri=uri, text=text)
    broken = text.replace("[OrdersTable]", "[OrdersTabel]")
    since = mark(client)
    replace_all(client, uri, broken, 2)
    found = await diagnostics_for(client, uri, 2, since)
    assert [d.code for d in found] == ["T205"], found
    since = mark(client)
    replace_all(client, uri, text, 3)
    assert await diagnostics_for(client, uri, 3, since) == []


async def test_edits_to_a_large_template_find_what_a_fresh_read_finds(client):
    """A large template is read a resource at a time, and each version reuses the resources the
    edit left alone: after every edit the findings are those of opening that text afresh."""
    text = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "300"], check=True, capture_output=True, text=True
    ).stdout
    uri = "file:///large/template.yaml"
    await open_and_lint(client, "template.yaml", uri=uri, text=text)
    dead_letter_queue = "  OrdersDeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n      SqsManagedSseEnabled: true\n\n"
    edits = [
        ("TableName: !Ref OrdersTable", "TableName: !Ref OrderTable"),  # inside one resource
        (dead_letter_queue, ""),  # a resource removed
        ("  LogLevel:\n", "  LogLevels:\n"),  # the head: every resource moves
        ("  GetOrdersFunction:\n", "  OrdersQueue:\n    Type: AWS::SNS::Topic\n  GetOrdersFunction:\n"),  # a logical ID twice
        ("  OrdersQueue:\n    Type: AWS::SNS::Topic\n  GetOrdersFunction:\n", "  GetOrdersFunction:\n"),
    ]
    shape = lambda findings: [(d.code, d.range, d.message) for d in findings]
    for version, (old, new) in enumerate(edits, start=2):
        assert old in text
        text = text.replace(old, new, 1)
        since = mark(client)
        replace_all(client, uri, text, version)
        edited = await diagnostics_for(client, uri, version, since)
        _, _, fresh = await open_and_lint(client, "template.yaml", uri=f"file:///large/fresh-{version}.yaml", text=text)
        assert edited, f"edit {version - 1} should leave findings"
        assert shape(edited) == shape(fresh), f"after edit {version - 1}"


async def test_incremental_edits_are_applied_in_utf16(client):
    uri = "file:///tmp/utf16/orders.yaml"
    text = fixture_text("orders.yaml").replace("Description: Orders service", "Description: Bestellungen – ☕ 😀")
    await open_and_lint(client, "orders.yaml", uri=uri, text=text)
    # Replace `OrdersTable` in `!Ref OrdersTable` on a line after the non-ASCII one.
    at = position_of(text, "!Ref OrdersTable", 5)
    end = types.Position(line=at.line, character=at.character + len("OrdersTable"))
    since = mark(client)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=types.Range(start=at, end=end), text="Nothing")
            ],
        )
    )
    (finding,) = await diagnostics_for(client, uri, 2, since)
    assert finding.code == "T201"
    assert finding.range.start == at


async def test_related_locations_point_into_the_document(client):
    # A cycle: the table waits for the queue, which waits for the table.
    text = fixture_text("orders.yaml").replace(
        "    Type: AWS::DynamoDB::Table\n", "    Type: AWS::DynamoDB::Table\n    DependsOn: OrdersQueue\n"
    )
    uri, _, found = await open_and_lint(client, "orders.yaml", uri="file:///tmp/related/orders.yaml", text=text)
    finding = next(d for d in found if d.related_information)
    for related in finding.related_information:
        assert related.location.uri == uri
    assert {text_at(text, r.location.range) for r in finding.related_information} >= {"OrdersQueue", "OrdersTable"}


async def test_files_that_are_not_templates_are_left_alone(client):
    uri = (FIXTURES / "workflow.yaml").as_uri()
    open_document(client, uri, fixture_text("workflow.yaml"))
    with pytest.raises(asyncio.TimeoutError):
        await diagnostics_for(client, uri, timeout=1.0)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=1))
    )
    assert hover is None


async def test_a_document_becomes_a_template_when_it_says_so(client):
    uri = "file:///tmp/grow/template.yaml"
    open_document(client, uri, "Resources:\n")
    since = mark(client)
    replace_all(client, uri, "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Nope\n", 2)
    assert [d.code for d in await diagnostics_for(client, uri, 2, since)] == ["T205"]


async def test_json_templates_are_linted(client):
    text = fixture_text("orders.json").replace('"Ref": "Queue"', '"Ref": "Queu"')
    _, _, found = await open_and_lint(client, "orders.json", uri="file:///tmp/json/orders.json", text=text)
    assert [d.code for d in found] == ["T201"]
    assert text_at(text, found[0].range) == '"Queu"'


async def test_slint_toml_applies_as_in_the_cli(client, tmp_path):
    (tmp_path / "slint.toml").write_text('ignore = ["T201"]\n')
    nested = tmp_path / "app"
    nested.mkdir()
    text = fixture_text("orders.yaml").replace("!Ref OrdersTable\n", "!Ref OrdersTabel\n")
    _, _, found = await open_and_lint(client, "orders.yaml", uri=(nested / "template.yaml").as_uri(), text=text)
    assert found == []


async def test_a_broken_slint_toml_is_reported_in_the_file_and_defaults_apply(client, tmp_path):
    (tmp_path / "slint.toml").write_text("ignore = 3\n")
    config_uri = (tmp_path / "slint.toml").as_uri()
    since = mark(client)
    text = fixture_text("orders.yaml").replace("!Ref OrdersTable\n", "!Ref OrdersTabel\n")
    _, _, found = await open_and_lint(client, "orders.yaml", uri=(tmp_path / "template.yaml").as_uri(), text=text)
    assert [d.code for d in found] == ["T201"]
    (problem,) = await diagnostics_for(client, config_uri, since=since)
    assert problem.range.start.line == 0
    assert any(m.type == types.MessageType.Warning and "slint.toml" in m.message for m in client.messages)


async def test_editor_settings_select_and_reconfigure(client):
    uri = "file:///tmp/settings/orders.yaml"
    text = fixture_text("orders.yaml").replace("!Ref OrdersTable\n", "!Ref OrdersTabel\n")
    await open_and_lint(client, "orders.yaml", uri=uri, text=text)
    since = mark(client)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"slint": {**SERVER_OPTIONS, "severity": {"T201": "warning"}}})
    )
    (finding,) = await diagnostics_for(client, uri, since=since)
    assert finding.severity == types.DiagnosticSeverity.Warning


async def test_closing_clears_findings(client):
    uri = "file:///tmp/close/orders.yaml"
    text = fixture_text("orders.yaml").replace("!Ref OrdersTable\n", "!Ref OrdersTabel\n")
    await open_and_lint(client, "orders.yaml", uri=uri, text=text)
    since = mark(client)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert await diagnostics_for(client, uri, since=since) == []


async def test_half_typed_documents_never_stop_the_server(client):
    """Every prefix of a real template, sent as the user would type it, with requests between."""
    uri = "file:///tmp/typing/orders.yaml"
    text = fixture_text("orders.yaml")
    open_document(client, uri, "")
    version = 1
    for end in range(0, len(text), 37):
        version += 1
        replace_all(client, uri, text[:end], version)
        typed = text[:end]
        # The cursor is where the user is typing: the end of what is there so far.
        position = types.Position(line=typed.count("\n"), character=len(typed) - (typed.rfind("\n") + 1))
        doc = types.TextDocumentIdentifier(uri=uri)
        await client.text_document_hover_async(types.HoverParams(text_document=doc, position=position))
        await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=position))
        await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
    version += 1
    since = mark(client)
    replace_all(client, uri, text, version)
    assert await diagnostics_for(client, uri, version, since) == []


def test_malformed_requests_get_errors_and_the_server_carries_on():
    """Bytes the typed client would refuse to send, written straight to the server."""
    with RawServer() as server:
        server.request("initialize", {"capabilities": {}})
        server.notify("initialized", {})
        error = server.request("textDocument/hover", {"textDocument": {"uri": 3}})
        assert error["error"]["code"] == -32602, error
        error = server.request("textDocument/definition", {"textDocument": {"uri": "file:///x.yaml"}, "position": "here"})
        assert "error" in error, error
        unknown = server.request("slint/doesNotExist", {})
        assert unknown["error"]["code"] == -32601, unknown
        server.notify("textDocument/didOpen", {"textDocument": {"uri": "file:///t.yaml", "languageId": "yaml", "version": 1, "text": "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"}})
        hover = server.request("textDocument/hover", {"textDocument": {"uri": "file:///t.yaml"}, "position": {"line": 2, "character": 12}})
        assert "AWS::SQS::Queue" in hover["result"]["contents"]["value"]
        assert server.request("shutdown", None)["result"] is None
        server.notify("exit", None)
        assert server.wait() == 0
