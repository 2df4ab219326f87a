#!/usr/bin/env python3
"""Latency and memory of `slint lsp` on a large template, measured through the protocol.

    python3 tests/lsp/bench.py --slint target/release/slint --resources 1200

Generates the template with bench/generate.py, then, with the real server over stdio:
- didOpen and each didChange to the matching publishDiagnostics (an edit is one character
  typed into the Description at the top, so every resource moves and every rule runs again);
- hover and completion on resource types, properties and references, on a version that is
  already read, and completion right after an edit, while that edit is being linted;
- resident memory after every 1,000 of 10,000 edits, sent as a fast typist would, with the
  server catching up every 50 edits.
"""

import argparse
import json
import pathlib
import random
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


class Server:
    def __init__(self, command, options):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.request("initialize", {"capabilities": {}, "initializationOptions": options})
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read_body(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self.process.stdout.read(1)
            if not byte:
                raise EOFError("the server stopped")
            header += byte
        length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
        return self.process.stdout.read(length)

    def read(self):
        return json.loads(self.read_body())

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            body = self.read_body()
            # Diagnostics published meanwhile are not what is timed: an editor reads them on
            # a thread of its own, so they are not decoded here.
            if b'"method":"textDocument/publishDiagnostics"' in body[:80]:
                continue
            message = json.loads(body)
            if message.get("id") == self.next_id and "method" not in message:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message["result"]

    def diagnostics(self, version):
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
                return message["params"]["diagnostics"]

    def rss_kib(self):
        for line in pathlib.Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=10)


def summary(samples_ms):
    samples = sorted(samples_ms)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"median {statistics.median(samples):6.2f} ms   p95 {p95:6.2f} ms   max {samples[-1]:6.2f} ms   (n={len(samples)})"


def positions(text, needle, offset, count, rng):
    found = []
    for number, line in enumerate(text.split("\n")):
        at = line.find(needle)
        if at >= 0:
            found.append({"line": number, "character": at + offset})
    rng.shuffle(found)
    return found[:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slint", default=str(ROOT / "target" / "release" / "slint"))
    parser.add_argument("--resources", type=int, default=1200)
    parser.add_argument("--debounce-ms", type=int, default=0, help="the server's debounce (0 measures the lint itself)")
    parser.add_argument("--edits", type=int, default=10_000)
    args = parser.parse_args()

    text = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(args.resources)], check=True, capture_output=True, text=True
    ).stdout
    rng = random.Random(7)
    uri = "file:///bench/template.yaml"
    server = Server([args.slint, "lsp"], {"debounceMs": args.debounce_ms})
    print(f"template: {args.resources} resources, {len(text.splitlines())} lines, {len(text) // 1024} KiB; debounce {args.debounce_ms} ms")

    started = time.perf_counter()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    found = server.diagnostics(1)
    print(f"didOpen -> publishDiagnostics: {(time.perf_counter() - started) * 1000:.1f} ms ({len(found)} findings)")

    # Typing into the template's Description, which every version keeps valid.
    description = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("Description:"))) + 1
    column = len(text.split("\n")[description])
    version = 1

    def type_character():
        nonlocal version, column
        version += 1
        change = {"range": {"start": {"line": description, "character": column}, "end": {"line": description, "character": column}}, "text": "x"}
        column += 1
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})

    latencies = []
    for _ in range(200):
        started = time.perf_counter()
        type_character()
        server.diagnostics(version)
        latencies.append((time.perf_counter() - started) * 1000)
    print(f"didChange -> publishDiagnostics: {summary(latencies)}")

    document = {"uri": uri}
    hover_at = positions(text, "Type: AWS::", 8, 60, rng) + positions(text, "!Ref ", 6, 60, rng) + positions(text, "BatchSize", 2, 30, rng)
    completion_at = positions(text, "!Ref ", 5, 60, rng) + positions(text, "Type: AWS::", 6, 30, rng) + positions(text, "      Runtime:", 6, 30, rng)

    def timed(method, places):
        samples = []
        for position in places:
            started = time.perf_counter()
            result = server.request(method, {"textDocument": document, "position": position})
            samples.append((time.perf_counter() - started) * 1000)
            assert result, (method, position)
        return samples

    print(f"hover, version already read:      {summary(timed('textDocument/hover', hover_at))}")
    print(f"completion, version already read: {summary(timed('textDocument/completion', completion_at))}")
    after_edit = []
    for position in completion_at[:100]:
        type_character()
        after_edit += timed("textDocument/completion", [position])
    server.diagnostics(version)
    print(f"completion right after an edit:   {summary(after_edit)}")

    print(f"memory after open and {version - 1} edits: {server.rss_kib() / 1024:.1f} MiB")
    checkpoints = set(range(1_000, args.edits + 1, 1_000))
    for edit in range(1, args.edits + 1):
        type_character()
        if edit % 50 == 0:
            server.diagnostics(version)
        if edit in checkpoints:
            print(f"memory after {edit:>6} more edits: {server.rss_kib() / 1024:.1f} MiB")
    server.close()


if __name__ == "__main__":
    main()
