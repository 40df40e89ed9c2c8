// A real LSP client for tests: `pxlc lsp --stdio` as a child process, spoken to in JSON-RPC over its stdin and
// stdout (vscode-jsonrpc, the protocol layer VS Code itself uses).

import { spawn, type ChildProcess } from 'node:child_process';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node.js';
import { PXLC } from './cli.js';

export class LspClient {
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly rpc: MessageConnection,
  ) {
    rpc.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, [...(this.published.get(p.uri) ?? []), p]);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async start(args: readonly string[] = []): Promise<LspClient> {
    const child = spawn(process.execPath, [PXLC, 'lsp', '--stdio', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    const rpc = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    rpc.listen();
    const client = new LspClient(child, rpc);
    await rpc.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await rpc.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.rpc.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'pxl', version: 1, text },
    });
  }

  /** Replaces the whole text (a full-document change). */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** An incremental change: replace the text between two positions, as editors send keystrokes. */
  async edit(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  /** The diagnostics published for the document's current version. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    for (;;) {
      const latest = this.published.get(uri)?.at(-1);
      if (latest && latest.version === version) return latest.diagnostics;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.rpc.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.on('exit', resolve));
    await this.rpc.sendRequest('shutdown');
    await this.rpc.sendNotification('exit');
    const code = await exited;
    this.rpc.dispose();
    return code;
  }
}
