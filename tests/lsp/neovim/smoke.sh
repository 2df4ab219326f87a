#!/usr/bin/env bash
# Runs the headless Neovim smoke test against the built `slint` binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
export SLINT_BIN="${SLINT_BIN:-$root/target/debug/slint}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed 's/!Ref OrdersTable$/!Ref OrdersTabel/' "$here/../fixtures/orders.yaml" > "$work/template.yaml"
export SLINT_TEMPLATE="$work/template.yaml"
# -u: only the test's own setup, no user configuration; the Lua file ends Neovim itself.
timeout 120 nvim --headless -n -i NONE -u "$here/smoke.lua"
