#!/usr/bin/env python3
"""Turns the measurements of bench/run.sh into Markdown tables (target/bench/results.md).

With --update-doc BENCHMARKS.md, the text between the results markers of that file is replaced,
so the committed numbers are always the ones a run produced.
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
from pathlib import Path

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"

CASES = [
    ("small", "Small SAM app (`examples/orders-api/template.yaml`)"),
    ("generated-300", "Generated, 300 resources"),
    ("generated-1200", "Generated, 1,200 resources"),
]


def command_output(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def median_seconds(out, name):
    data = read_json(out / f"{name}.json")
    return data["results"][0]["median"] if data else None


def runs(out, name):
    data = read_json(out / f"{name}.json")
    return len(data["results"][0]["times"]) if data else 0


def peak_rss_kib(out, name):
    try:
        return int((out / f"{name}.rss").read_text().strip())
    except (OSError, ValueError):
        return None


def duration(seconds):
    if seconds is None:
        return "n/a"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def memory(kib):
    return "n/a" if kib is None else f"{kib / 1024:.0f} MiB"


def ratio(slow, fast):
    if slow is None or fast is None or fast <= 0:
        return "n/a"
    return f"{slow / fast:,.0f}×"


def size_of(path):
    text = Path(path).read_bytes()
    lines = text.count(b"\n")
    return f"{lines:,} lines, {len(text) / 1024:,.0f} KiB"


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_kib = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    except OSError:
        pass
    system = platform.platform()
    try:
        release = dict(
            line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line
        )
        system = release.get("PRETTY_NAME", system).strip('"')
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "nproc": command_output("nproc"),
        "cpu": cpu,
        "memory": f"{memory_kib / 1024 / 1024:.1f} GiB",
        "system": f"{system}, Linux {platform.release()}",
    }


def load_average(out):
    """The 1-minute load average when the measurements started and ended."""
    def first(name):
        try:
            return (out / name).read_text().split()[0]
        except (OSError, IndexError):
            return "?"
    return f"{first('loadavg-start')} at the start, {first('loadavg-end')} at the end"


def slint_commit(root):
    # An exported source tree has no .git; whoever exported it says which commit it is.
    if os.environ.get("SLINT_BENCH_COMMIT"):
        return os.environ["SLINT_BENCH_COMMIT"]
    commit = command_output("git", "-C", str(root), "rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = command_output("git", "-C", str(root), "status", "--porcelain", "--untracked-files=no")
    return f"{commit} (with uncommitted changes)" if dirty else commit


def wall_time_table(out, inputs, corpus_files, sample_size):
    rows = [
        "| workload | input | slint | cfn-lint | cfn-lint / slint | slint peak RSS | cfn-lint peak RSS |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, label in CASES:
        slint, cfn = median_seconds(out, f"slint-{name}"), median_seconds(out, f"cfn-lint-{name}")
        rows.append(
            f"| {label} | {size_of(inputs[name])} | {duration(slint)} | {duration(cfn)} "
            f"| {ratio(cfn, slint)} | {memory(peak_rss_kib(out, f'slint-{name}'))} "
            f"| {memory(peak_rss_kib(out, f'cfn-lint-{name}'))} |"
        )
    slint_sample, cfn_sample = median_seconds(out, "slint-sample"), median_seconds(out, "cfn-lint-sample")
    rows.append(
        f"| Corpus sample, same files for both | {sample_size} templates | {duration(slint_sample)} "
        f"| {duration(cfn_sample)} | {ratio(cfn_sample, slint_sample)} | n/a "
        f"| {memory(peak_rss_kib(out, 'cfn-lint-sample'))} |"
    )
    slint_corpus = median_seconds(out, "slint-corpus")
    cfn_corpus = median_seconds(out, "cfn-lint-corpus")
    cfn_label = duration(cfn_corpus)
    if cfn_corpus is None:
        startup = median_seconds(out, "cfn-lint-startup")
        if cfn_sample is not None and startup is not None and sample_size:
            estimate = startup + (cfn_sample - startup) * corpus_files / sample_size
            cfn_corpus = estimate
            cfn_label = f"≈ {duration(estimate)} (extrapolated)"
    rows.append(
        f"| Whole corpus (`slint check <corpus>`, folder mode) | {corpus_files:,} templates | {duration(slint_corpus)} "
        f"| {cfn_label} | {ratio(cfn_corpus, slint_corpus)} | {memory(peak_rss_kib(out, 'slint-corpus'))} | n/a |"
    )
    return rows


def work_time_table(work):
    rows = [
        "| template | size | findings | first run | median | target |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    targets = {"small": "< 5 ms (typical template)", "generated-1200": "< 50 ms (1,000-resource template)"}
    for result in work["results"]:
        if result["kind"] != "file":
            continue
        rows.append(
            f"| {result['name']} | {result['bytes'] / 1024:,.0f} KiB | {result['findings']} "
            f"| {result['first_ms']:.2f} ms | **{result['median_ms']:.2f} ms** ({result['runs']} runs) "
            f"| {targets.get(result['name'], '')} |"
        )
    rows += ["", "| set | templates | size | findings | 1 thread | all threads | per template p50 / p90 / p99 / max | target |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for result in work["results"]:
        if result["kind"] != "set":
            continue
        rows.append(
            f"| {result['name']} | {result['files']:,} | {result['bytes'] / 1024 / 1024:.1f} MiB | {result['findings']:,} "
            f"| {result['sequential_ms']:,.0f} ms | **{result['parallel_ms']:,.0f} ms** ({result['threads']} threads) "
            f"| {result['file_p50_ms']:.2f} / {result['file_p90_ms']:.2f} / {result['file_p99_ms']:.2f} / "
            f"{result['file_max_ms']:.1f} ms | < 2 s on 2 cores |"
        )
    return rows


def rules_table(result, shown=10):
    rows = [
        f"Fastest runs: reading the text and building the template model {result['baseline_ms']:.1f} ms; every "
        f"rule together on top of that {result['all_rules_ms'] - result['baseline_ms']:.1f} ms. Each rule alone "
        "on top of the model (work shared between rules, such as schema validation, is charged in full to every "
        "rule that needs it):",
        "",
        "| rule | name | alone |",
        "| --- | --- | ---: |",
    ]
    for rule in result["rules"][:shown]:
        rows.append(f"| {rule['code']} | {rule['name']} | {rule['ms']:.1f} ms |")
    return rows


def render(out, small, slint, cfn_lint, root):
    corpus_files = sum(1 for line in (out / "corpus-files.txt").read_text().splitlines() if line)
    sample_size = sum(1 for line in (out / "corpus-sample.txt").read_text().splitlines() if line)
    facts = machine()
    hyperfine = command_output("hyperfine", "--version") or "not installed: bench/timeit.py"
    slint_output = read_json(out / "slint-corpus-output.json")
    slint_files = slint_output["summary"]["files"] if slint_output else "n/a"
    work = read_json(out / "work.json")
    inputs = {"small": small, "generated-300": out / "generated-300.yaml", "generated-1200": out / "generated-1200.yaml"}
    lines = [
        f"Measured {datetime.date.today().isoformat()} with slint {slint_commit(root)} "
        f"({command_output(str(slint), '--version')}), {command_output(str(cfn_lint), '--version')}, "
        f"{command_output('rustc', '--version')}, timer {hyperfine}.",
        "",
        f"Machine: {facts['nproc']} cores as `nproc` reports them ({facts['cpu']}), {facts['memory']} memory, "
        f"{facts['system']}. The machine is shared, so other work adds noise: load average {load_average(out)}.",
        "",
        "### Wall time and peak memory (process start included)",
        "",
        "Medians; slint runs 20 times per template, cfn-lint 5 times (3 for the 1,200-resource template and the "
        f"sample). Both exit non-zero when they find something, which is ignored. `cfn-lint --version` alone takes "
        f"{duration(median_seconds(out, 'cfn-lint-startup'))}.",
        "",
        *wall_time_table(out, inputs, corpus_files, sample_size),
        "",
        f"In folder mode slint linted {slint_files} files of the corpus folder (templates it recognises; "
        f"the manifest lists {corpus_files:,}).",
    ]
    if median_seconds(out, "cfn-lint-corpus") is None:
        lines += [
            "",
            f"cfn-lint was not run over the whole corpus: its figure is extrapolated from a seeded random sample "
            f"of {sample_size} templates as startup + (sample time − startup) × {corpus_files:,} / {sample_size}. "
            "`CFN_LINT_FULL=1 bash bench/run.sh` measures it instead.",
        ]
    if work:
        lines += [
            "",
            "### Work time (`lint_bytes` in-process, no process start, release build)",
            "",
            "`cargo bench --bench lint`: each template is linted until 2 s have passed (at least 5 runs); "
            "*first run* includes building what is built lazily (resource schemas); the corpus is linted 5 times "
            "per mode, every template read into memory first.",
            "",
            *work_time_table(work),
        ]
        for result in (r for r in work["results"] if r["kind"] == "rules"):
            lines += ["", f"Where the time goes on `{result['name']}`:", "", *rules_table(result)]
    return "\n".join(lines) + "\n"


def update_doc(doc, results):
    text = doc.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{doc} has no {START} … {END} section to replace")
    doc.write_text(pattern.sub(lambda _: f"{START}\n{results}{END}", text), encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--small", type=Path, required=True, help="the small SAM template measured")
    parser.add_argument("--slint", type=Path, required=True)
    parser.add_argument("--cfn-lint", type=Path, required=True)
    parser.add_argument("--update-doc", type=Path)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    results = render(args.out, args.small, args.slint, args.cfn_lint, root)
    (args.out / "results.md").write_text(results, encoding="utf-8")
    print(results)
    if args.update_doc:
        update_doc(args.update_doc, results)


if __name__ == "__main__":
    main()
