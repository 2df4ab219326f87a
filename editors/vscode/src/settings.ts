// What the extension hands to the server, and where it finds the binary. Kept apart from the
// `vscode` module so that it can be tested with Node alone.

import * as fs from 'fs';
import * as path from 'path';

/// Reads one `slint.*` setting, as `WorkspaceConfiguration.get` does.
export type Setting = <T>(key: string) => T | undefined;

/// What the server reads from `initializationOptions` and `workspace/didChangeConfiguration`.
/// Empty settings are left out so that `slint.toml` decides.
export function serverSettings(get: Setting): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const debounceMs = get<number>('debounceMs');
  if (typeof debounceMs === 'number' && debounceMs >= 0) {
    settings.debounceMs = Math.round(debounceMs);
  }
  const inlayHints = get<boolean>('inlayHints');
  if (typeof inlayHints === 'boolean') {
    settings.inlayHints = inlayHints;
  }
  const baseline = get<string>('baseline');
  if (typeof baseline === 'string') {
    settings.baseline = baseline.trim();
  }
  const configPath = get<string>('configPath');
  if (configPath) {
    settings.configPath = configPath;
  }
  for (const key of ['select', 'ignore']) {
    const patterns = (get<string[]>(key) ?? []).filter((pattern) => pattern.trim() !== '');
    if (patterns.length > 0) {
      settings[key] = patterns;
    }
  }
  const severity = get<Record<string, string>>('severity') ?? {};
  if (Object.keys(severity).length > 0) {
    settings.severity = severity;
  }
  return settings;
}

/// `slint.path` when set, otherwise the first executable `slint` on PATH.
export function findBinary(get: Setting, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string | undefined {
  const configured = get<string>('path');
  if (configured) {
    return configured;
  }
  const names = platform === 'win32' ? ['slint.exe', 'slint.cmd'] : ['slint'];
  const separator = platform === 'win32' ? ';' : ':';
  for (const dir of (env.PATH ?? '').split(separator).filter((d) => d !== '')) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) {
          return candidate;
        }
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return undefined;
}
