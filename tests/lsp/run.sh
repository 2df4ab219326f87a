#!/usr/bin/env bash
# End-to-end tests of `slint lsp`: builds the binary, installs the pinned pytest-lsp into a
# virtual environment, and runs the tests against the real server. Neovim's smoke test runs
# too when `nvim` is installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${SLINT_LSP_VENV:-$root/target/lsp-venv}"

cargo build --manifest-path "$root/Cargo.toml" --bin slint
export SLINT_BIN="${SLINT_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/slint}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

cd "$here"
status=0
"$venv/bin/python" -m pytest -q "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no tests" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    exit "$status"
fi

if command -v nvim >/dev/null 2>&1; then
    "$here/neovim/smoke.sh"
else
    echo "note: nvim is not installed; the Neovim smoke test was skipped" >&2
fi
