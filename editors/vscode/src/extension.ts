// The slint extension: starts `slint lsp` for YAML and JSON documents and passes the user's
// settings on. slint itself decides which documents are CloudFormation or SAM templates, by
// their content, and leaves the others alone.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

import { findBinary, serverSettings } from './settings';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('slint.restart', () => restart(context)),
    vscode.workspace.onDidChangeConfiguration(async (change) => {
      if (change.affectsConfiguration('slint.path')) {
        await restart(context);
      } else if (change.affectsConfiguration('slint') && client) {
        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { slint: serverSettings(setting) } });
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const binary = findBinary(setting);
  if (!binary) {
    const choice = await vscode.window.showErrorMessage(
      'slint: the `slint` binary was not found on PATH. Install it, or set `slint.path` to where it is.',
      'Open settings',
    );
    if (choice === 'Open settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'slint.path');
    }
    return;
  }
  const serverOptions: ServerOptions = { command: binary, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
    ],
    initializationOptions: serverSettings(setting),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/slint.toml'),
    },
  };
  client = new LanguageClient('slint', 'slint', serverOptions, clientOptions);
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`slint: the language server did not start (${binary}): ${String(error)}`);
  }
}

async function stop(): Promise<void> {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

function setting<T>(key: string): T | undefined {
  return vscode.workspace.getConfiguration('slint').get<T>(key);
}
