"""The outline of a template and names searched across every open template."""

from lsprotocol import types

from conftest import open_and_lint, text_at


async def test_outline_by_section_with_resource_types_and_events(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    sections = {s.name: s for s in symbols}
    assert list(sections) == [
        "AWSTemplateFormatVersion", "Transform", "Description", "Parameters", "Mappings", "Conditions", "Globals", "Resources", "Outputs",
    ]
    resources = {r.name: r for r in sections["Resources"].children}
    assert resources["OrdersTable"].detail == "AWS::DynamoDB::Table"
    assert resources["OrdersFunction"].kind == types.SymbolKind.Function
    assert text_at(text, resources["OrdersFunction"].selection_range) == "OrdersFunction"
    events = {e.name: e.detail for e in resources["OrdersFunction"].children}
    assert events == {"ListOrders": "Api", "CreateOrder": "Api"}
    assert [p.name for p in sections["Parameters"].children] == ["Stage"]


async def test_workspace_symbols_across_open_templates(client):
    orders_uri, _, _ = await open_and_lint(client, "orders.yaml")
    json_uri, _, _ = await open_and_lint(client, "orders.json")
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="stage"))
    assert {s.location.uri for s in found} == {orders_uri, json_uri}
    fuzzy = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="ordfn"))
    assert [s.name for s in fuzzy] == ["OrdersFunction"]
    assert fuzzy[0].container_name == "Resources (AWS::Serverless::Function)"
