// The VS Code side of PxL support: starts `pxlc lsp --stdio` (the workspace's own pxlc when it has one) and
// connects it to .pxl files. pxlc test files (*.test.yaml, *.test.json) get validation and completion from the
// schema this extension contributes (package.json: yamlValidation, jsonValidation).

const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function serverCommand() {
  const config = vscode.workspace.getConfiguration('pxl');
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', 'pxlc');
    if (existsSync(local)) return local;
  }
  return config.get('server.command') || 'pxlc';
}

function activate(context) {
  const schema = vscode.workspace.getConfiguration('pxl').get('schema');
  const args = ['lsp', '--stdio', ...(schema ? ['--schema', schema] : [])];
  const server = { command: serverCommand(), args, transport: TransportKind.stdio };
  client = new LanguageClient('pxl', 'PxL (pxlc)', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'pxl' }, { scheme: 'untitled', language: 'pxl' }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
