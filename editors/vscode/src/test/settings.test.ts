import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { test } from 'node:test';

import { findBinary, serverSettings, Setting } from '../settings';

function settings(values: Record<string, unknown>): Setting {
  return <T>(key: string) => values[key] as T | undefined;
}

test('empty settings are left for slint.toml to decide', () => {
  const sent = serverSettings(settings({ configPath: '', select: [], ignore: [' '], severity: {}, debounceMs: 15, inlayHints: true }));
  assert.deepStrictEqual(sent, { debounceMs: 15, inlayHints: true });
});

test('settings are passed on under the names the server reads', () => {
  const sent = serverSettings(
    settings({ configPath: '/x/slint.toml', select: ['T', 'L'], ignore: ['T3'], severity: { T201: 'warning' }, inlayHints: false, baseline: 'main' }),
  );
  assert.deepStrictEqual(sent, {
    baseline: 'main',
    configPath: '/x/slint.toml',
    select: ['T', 'L'],
    ignore: ['T3'],
    severity: { T201: 'warning' },
    inlayHints: false,
  });
});

test('the binary comes from the setting, else from PATH', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slint-vscode-'));
  const binary = path.join(dir, 'slint');
  assert.strictEqual(findBinary(settings({}), { PATH: dir }, 'linux'), undefined, 'nothing there yet');
  fs.writeFileSync(binary, '#!/bin/sh\n', { mode: 0o644 });
  assert.strictEqual(findBinary(settings({}), { PATH: dir }, 'linux'), undefined, 'not executable');
  fs.chmodSync(binary, 0o755);
  assert.strictEqual(findBinary(settings({}), { PATH: `/nonexistent:${dir}` }, 'linux'), binary);
  assert.strictEqual(findBinary(settings({ path: '/opt/slint' }), { PATH: dir }, 'linux'), '/opt/slint');
  fs.rmSync(dir, { recursive: true });
});
