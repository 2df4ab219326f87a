#!/usr/bin/env python3
"""Times a command the way bench/run.sh uses hyperfine, for machines without hyperfine.

Runs the command (output discarded, exit status ignored) a few times to warm up, then --runs
times, and writes hyperfine's JSON shape (`results[0]` with median, mean, min, max, times in
seconds), so bench/report.py reads either.

    python3 bench/timeit.py --runs 10 --warmup 2 --name slint --export-json out.json -- slint check t.yaml
"""

import argparse
import json
import statistics
import subprocess
import sys
import time


def run_once(command):
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--name", required=True)
    parser.add_argument("--export-json", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command to time")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    for _ in range(args.warmup):
        run_once(command)
    times = [run_once(command) for _ in range(args.runs)]
    result = {
        "command": args.name,
        "median": statistics.median(times),
        "mean": statistics.fmean(times),
        "min": min(times),
        "max": max(times),
        "times": times,
    }
    with open(args.export_json, "w", encoding="utf-8") as out:
        json.dump({"results": [result]}, out, indent=2)
    print(f"{args.name}: median {result['median'] * 1000:.1f} ms over {args.runs} runs", file=sys.stderr)


if __name__ == "__main__":
    main()
