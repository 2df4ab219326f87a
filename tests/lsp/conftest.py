"""Fixtures that start the real `slint lsp` binary and talk to it as an editor would."""

import asyncio
import json
import os
import pathlib
import subprocess
import tempfile

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
SLINT = os.environ.get("SLINT_BIN", str(ROOT / "target" / "debug" / "slint"))

# The rule pages the server writes for its findings to link to go to a folder of this run.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="slint-lsp-tests-")

# The tests check what the server does with findings, not which rules exist: they run the
# template rules only, so that rules added to other areas do not change what the fixtures show.
SERVER_OPTIONS = {"select": ["T"]}

# How long a test waits for the server to publish findings before it fails.
DIAGNOSTICS_TIMEOUT = 10.0


def capabilities(name: str = "visual-studio-code") -> types.ClientCapabilities:
    return client_capabilities(name)


def accept_registrations(client: LanguageClient):
    """The test client takes part in dynamic registration, as the editors whose capabilities it
    claims do (the server registers a watcher for `slint.toml`)."""
    client.registrations = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        client.registrations.extend(params.registrations)


def record_publications(client: LanguageClient):
    """Keeps every `publishDiagnostics` in order, so that tests can wait for one by document
    and version however many arrive at once."""
    client.published = []
    handler = client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def recording(*args):
        client.published.append(args[-1])
        return handler(*args)

    client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = recording


def prepare(client: LanguageClient):
    accept_registrations(client)
    record_publications(client)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SLINT, "lsp"]))
async def client(lsp_client: LanguageClient):
    prepare(lsp_client)
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities(), root_uri=ROOT.as_uri(), initialization_options=SERVER_OPTIONS)
    )
    lsp_client.server_capabilities = result.capabilities
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SLINT, "lsp"]))
async def neovim(lsp_client: LanguageClient):
    """A client with Neovim's capabilities, which offer UTF-8 positions."""
    prepare(lsp_client)
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities("neovim"), root_uri=ROOT.as_uri(), initialization_options=SERVER_OPTIONS)
    )
    yield
    await lsp_client.shutdown_session()


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text()


def open_document(client: LanguageClient, uri: str, text: str, language: str = "yaml", version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )


def replace_all(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def mark(client: LanguageClient) -> int:
    """How many findings were published so far; pass it as `since` to wait for later ones."""
    return len(client.published)


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None, since: int = 0, timeout=DIAGNOSTICS_TIMEOUT):
    """Waits for findings of `uri` published after `since` (of `version`, when given)."""

    async def wait():
        while True:
            for params in client.published[since:]:
                if params.uri == uri and (version is None or params.version == version):
                    return list(params.diagnostics)
            await asyncio.sleep(0.005)

    return await asyncio.wait_for(wait(), timeout)


async def open_and_lint(client: LanguageClient, name: str, uri: str | None = None, text: str | None = None):
    """Opens a fixture (or `text` under `uri`) and waits for its first findings."""
    uri = uri or (FIXTURES / name).as_uri()
    text = text if text is not None else fixture_text(name)
    language = "json" if name.endswith(".json") else "yaml"
    since = mark(client)
    open_document(client, uri, text, language)
    return uri, text, await diagnostics_for(client, uri, 1, since)


def position_of(text: str, needle: str, offset: int = 0, occurrence: int = 0) -> types.Position:
    """The position of the `occurrence`-th `needle` in `text`, plus `offset` characters."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    at += offset
    line = text.count("\n", 0, at)
    column = at - (text.rfind("\n", 0, at) + 1)
    # UTF-16 columns; the fixtures are ASCII unless a test says otherwise.
    return types.Position(line=line, character=len(text[at - column : at].encode("utf-16-le")) // 2)


def text_at(text: str, range_: types.Range) -> str:
    lines = text.split("\n")
    if range_.start.line == range_.end.line:
        return lines[range_.start.line][range_.start.character : range_.end.character]
    raise AssertionError("multi-line range")


def apply_edits(text: str, edits) -> str:
    """Applies text edits (non-overlapping, any order) to ASCII text."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position):
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


class RawServer:
    """`slint lsp` driven with hand-written JSON-RPC, for messages a typed client cannot send."""

    def __init__(self):
        self.process = subprocess.Popen([SLINT, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def send(self, message: dict):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read(self) -> dict:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self.process.stdout.read(1)
            if not byte:
                raise EOFError("the server closed its output")
            header += byte
        length = next(int(line.split(b":")[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length"))
        return json.loads(self.process.stdout.read(length))

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def notify(self, method: str, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self) -> int:
        return self.process.wait(timeout=10)
