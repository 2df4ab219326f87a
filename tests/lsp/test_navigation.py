"""Go to definition, find references, highlights and rename for logical ids, parameters,
conditions, mappings and outputs, including inside `!Sub` strings and `DependsOn` lists."""

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from conftest import FIXTURES, apply_edits, fixture_text, open_and_lint, position_of, text_at


def at(uri, text, needle, offset=0, occurrence=0):
    return dict(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, needle, offset, occurrence)
    )


async def definition(client, uri, text, needle, offset=0, occurrence=0):
    result = await client.text_document_definition_async(types.DefinitionParams(**at(uri, text, needle, offset, occurrence)))
    return result if isinstance(result, list) else [result]


async def test_definition_from_every_kind_of_use(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    declaration = position_of(text, "  OrdersTable:", 2)
    for needle, offset in [("!Ref OrdersTable", 6), ("${OrdersTable.Arn}", 4), ("[OrdersTable]", 3), ("!GetAtt OrdersTable", 10)]:
        (location,) = await definition(client, uri, text, needle, offset)
        assert location.uri == uri
        assert location.range.start == declaration, needle
    (stage,) = await definition(client, uri, text, "${Stage}", 3)
    assert stage.range.start == position_of(text, "  Stage:", 2)
    (condition,) = await definition(client, uri, text, "Condition: IsProd", 12)
    assert condition.range.start == position_of(text, "  IsProd:", 2)
    (mapping,) = await definition(client, uri, text, "[Sizes", 2)
    assert mapping.range.start == position_of(text, "  Sizes:", 2)
    (generated,) = await definition(client, uri, text, "OrdersFunctionRole", 2)
    assert generated.range.start == position_of(text, "  OrdersFunction:", 2), "SAM's role leads to its function"


async def test_definition_across_templates_through_exports(client):
    orders_uri, _, _ = await open_and_lint(client, "orders.yaml")
    uri, text, _ = await open_and_lint(client, "consumer.yaml")
    (location,) = await definition(client, uri, text, "orders-table-arn", 3)
    assert location.uri == orders_uri
    assert text_at(fixture_text("orders.yaml"), location.range) == "TableArn"


async def test_references_include_sub_strings_and_depends_on(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    found = await client.text_document_references_async(
        types.ReferenceParams(context=types.ReferenceContext(include_declaration=True), **at(uri, text, "  OrdersTable:", 4))
    )
    assert len(found) == 5
    assert all(text_at(text, location.range) == "OrdersTable" for location in found)
    without = await client.text_document_references_async(
        types.ReferenceParams(context=types.ReferenceContext(include_declaration=False), **at(uri, text, "  OrdersTable:", 4))
    )
    assert len(without) == 4


async def test_references_of_an_exported_output_in_other_templates(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    consumer_uri, _, _ = await open_and_lint(client, "consumer.yaml")
    found = await client.text_document_references_async(
        types.ReferenceParams(context=types.ReferenceContext(include_declaration=False), **at(uri, text, "  TableArn:", 3))
    )
    assert [location.uri for location in found] == [consumer_uri]


async def test_highlights_mark_the_declaration_as_written(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    highlights = await client.text_document_document_highlight_async(
        types.DocumentHighlightParams(**at(uri, text, "${Stage}", 3))
    )
    kinds = sorted(h.kind for h in highlights)
    assert kinds.count(types.DocumentHighlightKind.Write) == 1
    assert len(highlights) == 4


async def test_rename_updates_every_use_and_derived_sam_names(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(**at(uri, text, "!Ref OrdersTable", 6)))
    assert prepared.placeholder == "OrdersTable"
    edit = await client.text_document_rename_async(types.RenameParams(new_name="Orders", **at(uri, text, "!Ref OrdersTable", 6)))
    renamed = apply_edits(text, edit.changes[uri])
    assert "OrdersTable" not in renamed
    assert "${Orders.Arn}" in renamed and "DependsOn: [Orders]" in renamed and "!GetAtt Orders.Arn" in renamed
    function = await client.text_document_rename_async(types.RenameParams(new_name="Api", **at(uri, text, "  OrdersFunction:", 4)))
    renamed = apply_edits(text, function.changes[uri])
    assert "!GetAtt ApiRole.Arn" in renamed, "the reference to SAM's generated role follows the function"


async def test_rename_refuses_clashes_bad_names_and_pseudo_parameters(client):
    uri, text, _ = await open_and_lint(client, "orders.yaml")
    with pytest.raises(JsonRpcException, match="already a resource"):
        await client.text_document_rename_async(types.RenameParams(new_name="OrdersQueue", **at(uri, text, "  OrdersTable:", 4)))
    with pytest.raises(JsonRpcException, match="already a parameter"):
        await client.text_document_rename_async(types.RenameParams(new_name="Stage", **at(uri, text, "  OrdersTable:", 4)))
    with pytest.raises(JsonRpcException, match="not a valid name"):
        await client.text_document_rename_async(types.RenameParams(new_name="Orders-Table", **at(uri, text, "  OrdersTable:", 4)))
    with pytest.raises(JsonRpcException, match="generated by SAM"):
        await client.text_document_prepare_rename_async(types.PrepareRenameParams(**at(uri, text, "OrdersFunctionRole", 2)))


async def test_rename_in_json_keeps_the_quotes(client):
    uri, text, _ = await open_and_lint(client, "orders.json")
    edit = await client.text_document_rename_async(types.RenameParams(new_name="Env", **at(uri, text, '"Stage":', 2)))
    renamed = apply_edits(text, edit.changes[uri])
    assert '"Env": {"Type"' in renamed and "orders-${Env}" in renamed
