"""Change-aware checks: a template is compared with its last committed version, as
`slint check --baseline HEAD` does."""

import asyncio
import subprocess

from lsprotocol import types

from conftest import diagnostics_for, mark, open_document

TABLE = """AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: {key}
          AttributeType: S
      KeySchema:
        - AttributeName: {key}
          KeyType: HASH
"""


def committed_repository(tmp_path):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "tests@example.invalid")
    git("config", "user.name", "tests")
    (tmp_path / "template.yaml").write_text(TABLE.format(key="id"))
    git("add", "template.yaml")
    git("commit", "-q", "-m", "table")
    return tmp_path / "template.yaml"


def configure(client, **settings):
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"slint": {"select": ["D026"], **settings}})
    )


async def findings_of(client, uri, text, timeout=10.0):
    """Opens the document and returns the first non-empty findings published for it: the
    committed version is read after opening, so the run that compares with it comes second."""
    since = mark(client)
    open_document(client, uri, text)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for params in client.published[since:]:
            if params.uri == uri and len(params.diagnostics) > 0:
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    return []


async def test_a_key_change_against_the_committed_version_is_reported(client, tmp_path):
    path = committed_repository(tmp_path)
    configure(client)
    found = await findings_of(client, path.as_uri(), TABLE.format(key="pk"))
    assert [d.code for d in found] == ["D026"], found
    assert "HEAD:template.yaml" in found[0].message or any(
        "HEAD" in r.message for r in found[0].related_information or []
    ), found[0]


async def test_no_comparison_when_turned_off(client, tmp_path):
    path = committed_repository(tmp_path)
    configure(client, baseline="")
    since = mark(client)
    open_document(client, path.as_uri(), TABLE.format(key="pk"))
    assert await diagnostics_for(client, path.as_uri(), 1, since) == []
    await asyncio.sleep(1.5)
    published = [p for p in client.published[since:] if p.uri == path.as_uri()]
    assert all(len(p.diagnostics) == 0 for p in published), published
