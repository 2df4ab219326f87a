"""Positions in UTF-16 by default and in UTF-8 when the client offers it."""

import copy

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import SERVER_OPTIONS, SLINT, capabilities, open_and_lint, prepare

TEXT = "Description: Bestellungen ☕ 😀 — überall\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '😀-${Nope}'\n"


def utf8_capabilities():
    caps = copy.deepcopy(capabilities("neovim"))
    caps.general = types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])
    return caps


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SLINT, "lsp"]))
async def utf8(lsp_client: LanguageClient):
    prepare(lsp_client)
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=utf8_capabilities(), initialization_options=SERVER_OPTIONS))
    lsp_client.negotiated = result.capabilities.position_encoding
    yield
    await lsp_client.shutdown_session()


async def test_utf16_columns_by_default(client):
    _, _, (finding,) = await open_and_lint(client, "t.yaml", uri="file:///tmp/enc/utf16.yaml", text=TEXT)
    line = TEXT.split("\n")[5]
    column = len(line[: line.index("Nope")].encode("utf-16-le")) // 2
    assert finding.range.start == types.Position(line=5, character=column)


async def test_utf8_when_offered(utf8):
    assert utf8.negotiated == types.PositionEncodingKind.Utf8
    _, _, (finding,) = await open_and_lint(utf8, "t.yaml", uri="file:///tmp/enc/utf8.yaml", text=TEXT)
    line = TEXT.split("\n")[5]
    column = len(line[: line.index("Nope")].encode("utf-8"))
    assert finding.range.start == types.Position(line=5, character=column)
    assert finding.range.end == types.Position(line=5, character=column + 4)
