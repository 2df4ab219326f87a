#!/usr/bin/env bash
# Takes images/screenshot.png: the packaged extension and the real `slint lsp` in code-server
# (the open-source VS Code, served to a browser), driven by headless Chromium through
# playwright-core. Not part of CI, and nothing it installs lands in the repository: code-server,
# playwright-core and the demo template live in a temporary folder that is removed afterwards.
#
# Needs: Node 20 with npm (code-server 4.96.4 runs on Node 20 only), curl, a C/C++ toolchain,
# Python and the Kerberos headers (libkrb5-dev) for code-server's native modules, ripgrep,
# Chromium, and a built slint (`cargo build --release --bin slint`). Only the npm registry is
# used: code-server's own install script fetches ripgrep and prebuilt modules from GitHub, so it
# is skipped and its steps are done here.
#
# usage: editors/vscode/scripts/screenshot.sh [output.png]   (default: images/screenshot.png)
# environment: SLINT (binary), CHROMIUM (browser), PORT (default 18123), KEEP=1 keeps the folder
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$(realpath -m "${1:-$here/images/screenshot.png}")"
slint="${SLINT:-$repo/target/release/slint}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
port="${PORT:-18123}"

[ -x "$slint" ] || { echo "no slint binary at $slint: cargo build --release --bin slint" >&2; exit 2; }
[ -n "$chromium" ] || { echo "no Chromium found: set CHROMIUM" >&2; exit 2; }
command -v rg >/dev/null || { echo "ripgrep (rg) is needed" >&2; exit 2; }
[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || { echo "code-server 4.96.4 needs Node 20" >&2; exit 2; }

work="$(mktemp -d /tmp/slint-vscode-shot.XXXXXX)"
server=""
cleanup() {
  # code-server runs in its own process group: end it with its helpers (file watcher, extension host).
  if [ -n "$server" ]; then kill -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ "${KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
# code-server writes its config and logs under the XDG folders: keep them in the work folder.
export XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" XDG_CACHE_HOME="$work/xdg/cache"
# Native modules build against the running Node's headers when they are installed next to it.
nodedir="$(dirname "$(dirname "$(command -v node)")")"
if [ -f "$nodedir/include/node/node.h" ]; then export npm_config_nodedir="$nodedir"; fi

echo "== code-server and playwright-core into $work"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts code-server@4.96.4 playwright-core@1.65.1 node-gyp@11 >/dev/null
npm_config_build_from_source=true npm rebuild argon2 >/dev/null
gyp="$work/node_modules/node-gyp/bin/node-gyp.js"

vscode="$work/node_modules/code-server/lib/vscode"
cd "$vscode"
# One dependency is pinned to a git commit whose tarball is the registry's 0.27.0 (same integrity).
node -e '
  const fs = require("fs"); const f = "npm-shrinkwrap.json"; const s = JSON.parse(fs.readFileSync(f));
  const p = s.packages["node_modules/@vscode/proxy-agent"];
  p.resolved = `https://registry.npmjs.org/@vscode/proxy-agent/-/proxy-agent-${p.version}.tgz`;
  fs.writeFileSync(f, JSON.stringify(s, null, 2));'
npm install --no-audit --no-fund --ignore-scripts --omit=dev >/dev/null
for module in kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid; do
  (cd "node_modules/$module" && node "$gyp" rebuild -j "$(nproc)" >/dev/null 2>&1) || { echo "building $module failed" >&2; exit 1; }
done
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
(cd extensions && npm install --no-audit --no-fund --ignore-scripts --omit=dev >/dev/null && node postinstall.mjs >/dev/null)

echo "== the extension"
cd "$here"
npm ci >/dev/null
npm run package >/dev/null
code_server=(node "$work/node_modules/code-server/out/node/entry.js" --config "$work/config.yaml"
  --user-data-dir "$work/data" --extensions-dir "$work/extensions" --disable-telemetry --disable-update-check)
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$work/config.yaml"
"${code_server[@]}" --install-extension "$here/slint.vsix" >/dev/null

mkdir -p "$work/data/User"
cat > "$work/data/User/settings.json" <<EOF
{
  "slint.path": "$slint",
  "workbench.colorTheme": "Default Dark Modern",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false,
  "editor.minimap.enabled": false,
  "editor.fontSize": 14,
  "window.commandCenter": false,
  "workbench.layoutControl.enabled": false
}
EOF

# The orders-api example with two mistakes: a misspelled !Ref target, and a timeout longer than
# API Gateway waits for.
mkdir -p "$work/demo"
cp -r "$repo/examples/orders-api/." "$work/demo/"
node -e '
  const fs = require("fs"); const f = process.argv[1]; let s = fs.readFileSync(f, "utf8");
  s = s.replace("      Handler: app.create_order\n", "      Handler: app.create_order\n      Timeout: 45\n");
  s = s.replace("- DynamoDBCrudPolicy:\n            TableName: !Ref OrdersTable", "- DynamoDBCrudPolicy:\n            TableName: !Ref OrderTable");
  fs.writeFileSync(f, s);' "$work/demo/template.yaml"
line="$(grep -n 'TableName: !Ref OrderTable$' "$work/demo/template.yaml" | cut -d: -f1)"

echo "== code-server on 127.0.0.1:$port"
setsid "${code_server[@]}" --bind-addr "127.0.0.1:$port" --auth none > "$work/code-server.log" 2>&1 &
server=$!
for _ in $(seq 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 1
done

cat > "$work/shot.js" <<'EOF'
// Opens template.yaml, waits for slint's findings, opens the Problems panel, hovers the error.
const { chromium } = require('playwright-core');
const [url, out, line, executablePath] = process.argv.slice(2);
(async () => {
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
  const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'template.yaml' });
  await file.waitFor({ timeout: 60000 });
  await file.dblclick();
  await page.waitForSelector('.monaco-editor [class*=squiggly-]', { timeout: 60000 });
  await page.waitForTimeout(1500);
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30000 });
  await page.waitForTimeout(1000);
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.waitForTimeout(500);
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  const box = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('.monaco-hover:not(.hidden) .hover-contents', { timeout: 30000 });
  await page.waitForTimeout(2500);
  await page.screenshot({ path: out });
  await browser.close();
})().catch((error) => { console.error(error); process.exit(1); });
EOF
echo "== screenshot"
mkdir -p "$(dirname "$out")"
(cd "$work" && node shot.js "http://127.0.0.1:$port/?folder=$work/demo" "$out" "$line:29" "$chromium")
echo "wrote $out"
