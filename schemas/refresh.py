#!/usr/bin/env python3
"""Rebuilds slint's schema bundle (schemas/data/) from pinned wheels on the Python package index.

Sources, both pinned by version and by the sha256 of their wheel:
  * cfn-lint: the CloudFormation resource provider schemas of us-east-1 (and of the few types
    that only other regions have, from the first such region by name), the SAM resource
    schemas (`AWS::Serverless::*`, in provider-schema form) and SAM's Globals schema, and the
    Lambda runtime lifecycle table;
  * aws-sam-translator: SAM's policy templates (names and parameters).

Only data files are taken from the wheels, never code. Where a schema is known to be wrong, a
JSON Patch in schemas/patches/<Type__Name>.json (with the reason) corrects it; a patch that no
longer applies is reported, so that it can be dropped once upstream is fixed.

The bundle is two files:
  * data/index.tsv   one line per entry: name, offset, length, sha256 (16 digits) of the uncompressed JSON;
  * data/schemas.bin each entry's minified JSON, zlib-compressed on its own, so that slint only
                     inflates the types a template uses.
Entry names are resource type names, plus `@`-prefixed names for the tables that are not resource
types. Run it from anywhere: `python3 schemas/refresh.py`; it prints what changed.
"""

import argparse
import copy
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile
import zlib

CFN_LINT_VERSION = "1.58.0"
CFN_LINT_SHA256 = "9d9f06043160756a6158f5c3f92a44ce38254b1c578127461608305bc8262987"
SAM_TRANSLATOR_VERSION = "1.115.0"
SAM_TRANSLATOR_SHA256 = "9be2d7b04041a64e89ed3fb1186f948377ecc118033a8a7538f271d4bcab0afa"

REGION = "us-east-1"
SCHEMAS = "cfnlint/data/schemas/"
RUNTIMES = "cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json"
SAM_GLOBALS = SCHEMAS + "other/sam/globals.json"
POLICY_TEMPLATES = "samtranslator/policy_templates_data/policy_templates.json"

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
INDEX = os.path.join(DATA, "index.tsv")
BLOB = os.path.join(DATA, "schemas.bin")
LICENSES = os.path.join(HERE, "licenses")
PATCHES = os.path.join(HERE, "patches")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", help="a folder that already holds the two pinned wheels (skips the download)")
    parser.add_argument("--check", action="store_true", help="only report what would change; write nothing")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="slint-schemas-") as scratch:
        wheels = args.wheels or download(scratch)
        cfn_lint = open_wheel(wheels, "cfn_lint", CFN_LINT_VERSION, CFN_LINT_SHA256)
        sam = open_wheel(wheels, "aws_sam_translator", SAM_TRANSLATOR_VERSION, SAM_TRANSLATOR_SHA256)
        entries = collect(cfn_lint, sam)
        apply_patches(entries)
        schema_date = read_json(cfn_lint, SCHEMAS + "version.json").get("schema_date", "unknown")
        report(read_index(), entries)
        if args.check:
            return
        write_bundle(entries, schema_date)
        write_licenses(cfn_lint, sam)
        write_notice(schema_date)


def download(scratch):
    """Fetches the pinned wheels with pip in a throwaway virtual environment, hashes enforced."""
    venv = os.path.join(scratch, "venv")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    requirements = os.path.join(scratch, "requirements.txt")
    with open(requirements, "w") as out:
        out.write(f"cfn-lint=={CFN_LINT_VERSION} --hash=sha256:{CFN_LINT_SHA256}\n")
        out.write(f"aws-sam-translator=={SAM_TRANSLATOR_VERSION} --hash=sha256:{SAM_TRANSLATOR_SHA256}\n")
    wheels = os.path.join(scratch, "wheels")
    pip = os.path.join(venv, "bin", "pip")
    subprocess.run(
        [pip, "download", "--quiet", "--no-deps", "--only-binary=:all:", "--require-hashes",
         "-r", requirements, "-d", wheels],
        check=True,
    )
    return wheels


def open_wheel(folder, distribution, version, sha256):
    path = os.path.join(folder, f"{distribution}-{version}-py3-none-any.whl")
    with open(path, "rb") as wheel:
        actual = hashlib.sha256(wheel.read()).hexdigest()
    if actual != sha256:
        sys.exit(f"{path}: sha256 {actual} is not the pinned {sha256}")
    return zipfile.ZipFile(path)


def read_json(wheel, member):
    return json.loads(wheel.read(member))


def provider_indexes(cfn_lint):
    """us-east-1 first, then SAM's types, then every other region by name: the first index that
    names a type decides which schema of it is bundled."""
    others = sorted(
        name[len(SCHEMAS):] for name in cfn_lint.namelist()
        if name.startswith(SCHEMAS + "providers/") and name.endswith(".json")
        and name.rsplit("/", 1)[1][:-len(".json")] not in (REGION, "sam")
    )
    return [f"providers/{REGION}.json", "providers/sam.json", *others]


def collect(cfn_lint, sam):
    """Every entry of the bundle, name to parsed JSON, in name order."""
    entries = {}
    for provider_index in provider_indexes(cfn_lint):
        for type_name, schema_file in read_json(cfn_lint, SCHEMAS + provider_index).items():
            if type_name in entries:
                continue
            schema = read_json(cfn_lint, f"{SCHEMAS}resources/{schema_file}.json")
            if schema.get("typeName") != type_name:
                sys.exit(f"{provider_index}: {type_name} points at the schema of {schema.get('typeName')}")
            entries[type_name] = schema
    entries["@sam-globals"] = read_json(cfn_lint, SAM_GLOBALS)
    entries["@lambda-runtimes"] = read_json(cfn_lint, RUNTIMES)
    entries["@sam-policy-templates"] = read_json(sam, POLICY_TEMPLATES)
    return dict(sorted(entries.items()))


def apply_patches(entries):
    """Applies every patch file to its entry, in place; reports patches that no longer apply."""
    if not os.path.isdir(PATCHES):
        return
    for file_name in sorted(os.listdir(PATCHES)):
        if not file_name.endswith(".json"):
            continue
        name = file_name[:-len(".json")].replace("__", "::")
        with open(os.path.join(PATCHES, file_name), encoding="utf-8") as patch_file:
            patch = json.load(patch_file)
        if name not in entries:
            print(f"patch {file_name}: no entry {name} in the bundle any more")
            continue
        for operation in patch["patch"]:
            try:
                apply_operation(entries[name], operation)
            except (KeyError, IndexError, TypeError) as error:
                print(f"patch {file_name}: {operation['op']} {operation['path']} no longer applies ({error!r})")


def pointer_parent(document, pointer):
    """The container a JSON Pointer's last step is in, and that step."""
    steps = [step.replace("~1", "/").replace("~0", "~") for step in pointer.split("/")[1:]]
    for step in steps[:-1]:
        document = document[int(step) if isinstance(document, list) else step]
    return document, steps[-1]


def pointer_get(document, pointer):
    parent, last = pointer_parent(document, pointer)
    return parent[int(last) if isinstance(parent, list) else last]


def apply_operation(document, operation):
    """The JSON Patch operations the patches use: add, replace, remove and copy."""
    op = operation["op"]
    if op == "copy":
        value = copy.deepcopy(pointer_get(document, operation["from"]))
    elif op in ("add", "replace"):
        value = operation["value"]
    elif op == "remove":
        value = None
    else:
        raise TypeError(f"unsupported operation {op}")
    parent, last = pointer_parent(document, operation["path"])
    if op in ("replace", "remove"):
        pointer_get(document, operation["path"])  # must exist
    if op == "remove":
        del parent[int(last) if isinstance(parent, list) else last]
    elif isinstance(parent, list) and op == "add":
        parent.insert(len(parent) if last == "-" else int(last), value)
    else:
        parent[int(last) if isinstance(parent, list) else last] = value


def minified(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode("utf-8")


def digest(text):
    """Enough of a sha256 to tell versions of one entry apart, short enough to keep the index small."""
    return hashlib.sha256(text).hexdigest()[:16]


def read_index():
    """The committed bundle's entries, name to sha256, or nothing on the first run."""
    if not os.path.exists(INDEX):
        return {}
    index = {}
    with open(INDEX, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            name, _offset, _length, entry_digest = line.rstrip("\n").split("\t")
            index[name] = entry_digest
    return index


def report(old, entries):
    new = {name: digest(minified(value)) for name, value in entries.items()}
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(name for name in set(old) & set(new) if old[name] != new[name])
    for title, names in (("added", added), ("removed", removed), ("changed", changed)):
        print(f"{len(names)} {title}")
        for name in names:
            print(f"  {name}")
    resource_types = sum(1 for name in new if not name.startswith("@"))
    print(f"{resource_types} resource types, {len(new) - resource_types} tables")


def write_bundle(entries, schema_date):
    os.makedirs(DATA, exist_ok=True)
    offset = 0
    lines = [
        f"# slint schema bundle: cfn-lint {CFN_LINT_VERSION} ({REGION} schemas of {schema_date}), "
        f"aws-sam-translator {SAM_TRANSLATOR_VERSION}. Written by schemas/refresh.py; do not edit.\n",
        "# name\toffset\tlength\tsha256 of the uncompressed JSON, first 16 hex digits\n",
    ]
    with open(BLOB, "wb") as blob:
        for name, value in entries.items():
            text = minified(value)
            packed = zlib.compress(text, 9)
            blob.write(packed)
            lines.append(f"{name}\t{offset}\t{len(packed)}\t{digest(text)}\n")
            offset += len(packed)
    with open(INDEX, "w", encoding="utf-8") as index:
        index.writelines(lines)
    print(f"wrote {os.path.relpath(BLOB)} ({offset} bytes) and {os.path.relpath(INDEX)}")


def write_licenses(cfn_lint, sam):
    os.makedirs(LICENSES, exist_ok=True)
    copies = (
        (cfn_lint, f"cfn_lint-{CFN_LINT_VERSION}.dist-info/licenses/LICENSE", "cfn-lint.LICENSE"),
        (sam, f"aws_sam_translator-{SAM_TRANSLATOR_VERSION}.dist-info/licenses/LICENSE", "aws-sam-translator.LICENSE"),
        (sam, f"aws_sam_translator-{SAM_TRANSLATOR_VERSION}.dist-info/licenses/NOTICE", "aws-sam-translator.NOTICE"),
    )
    for wheel, member, target in copies:
        with open(os.path.join(LICENSES, target), "wb") as out:
            out.write(wheel.read(member))


def write_notice(schema_date):
    with open(os.path.join(HERE, "NOTICE"), "w", encoding="utf-8") as notice:
        notice.write(NOTICE.format(
            cfn_lint=CFN_LINT_VERSION, cfn_lint_sha=CFN_LINT_SHA256, schema_date=schema_date,
            sam=SAM_TRANSLATOR_VERSION, sam_sha=SAM_TRANSLATOR_SHA256, region=REGION,
        ))


NOTICE = """slint schema bundle (schemas/data/)

The data files in schemas/data/ are taken, unchanged apart from minification and compression,
from two packages published on the Python package index. schemas/refresh.py rebuilds them.

cfn-lint {cfn_lint} (wheel sha256 {cfn_lint_sha})
  https://github.com/aws-cloudformation/cfn-lint
  Licence: MIT No Attribution (licenses/cfn-lint.LICENSE).
  Taken: the CloudFormation resource provider schemas of {region} (schema date {schema_date}) and
  of the types that only other regions offer,
  the AWS::Serverless::* resource schemas and SAM Globals schema, and the Lambda runtime
  lifecycle table (cfnlint/data/schemas/ and cfnlint/data/AdditionalSpecs/).
  The resource provider schemas are published by Amazon Web Services through the CloudFormation
  registry; the SAM schemas are derived from the AWS Serverless Application Model specification.

aws-sam-translator {sam} (wheel sha256 {sam_sha})
  https://github.com/aws/serverless-application-model
  Licence: Apache License 2.0 (licenses/aws-sam-translator.LICENSE, with its NOTICE in
  licenses/aws-sam-translator.NOTICE).
  Taken: SAM's policy templates (samtranslator/policy_templates_data/policy_templates.json).

Corrections: schemas/patches/ holds JSON Patches, each with its reason, that fix schemas known
to be wrong; they are applied when the bundle is built.

No program code of either package is included in slint.
"""


if __name__ == "__main__":
    main()
