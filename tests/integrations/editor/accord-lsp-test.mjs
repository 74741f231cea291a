#!/usr/bin/env node
// Editor integration check: drives `accord lsp` over stdio with the real LSP client libraries of
// VS Code (vscode-languageserver-protocol, over the vscode-jsonrpc node transport), the way an editor
// does, against a fresh temp dataset: a copy of tests/fixtures/base under data/ with its accord.toml.
//
// The binary is ACCORD_BIN, or target/debug/accord from the repo root. It is never built here.
//
// Every check prints PASS or FAIL with details; the exit code is non-zero when any check fails.
// The whole run is bounded by ACCORD_LSP_TIMEOUT_MS (default 60 s) and the server is always killed.

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/node.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..', '..');
const ACCORD_BIN = path.resolve(REPO, process.env.ACCORD_BIN || 'target/debug/accord');
const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'base');
const OVERALL_TIMEOUT_MS = Number(process.env.ACCORD_LSP_TIMEOUT_MS ?? 60_000);
const STEP_TIMEOUT_MS = 20_000;

// A claim on one line, with Korean and an emoji before a misspelt holder (as in tests/accord/lsp.rs).
const CLAIM =
  'claims:\n  - {id: ruiz-claim, kind: statement, summary: "협정 😀 서명", holders: [ana-ruis], citations: [{source: example-source, quote: Ana Ruiz, modality: stated, according_to: [ana-ruiz]}]}\n';

// ---------------------------------------------------------------------------------------------
// Reporting

const results = [];
function check(name, ok, details = []) {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
  for (const line of [].concat(details)) {
    for (const l of String(line).split('\n')) console.log(`     ${l}`);
  }
}
const short = (s, n = 200) => {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};
const json = (v) => JSON.stringify(v);
const showDiag = (d) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} severity ${d.severity}` +
  ` [${d.source ?? '-'} ${d.code ?? '-'}] ${short(d.message, 400)}` +
  (d.relatedInformation?.length
    ? ` related: ${d.relatedInformation.map((r) => `${r.location.uri}@${r.location.range.start.line}:${r.location.range.start.character} ${short(r.message, 80)}`).join('; ')}`
    : '');
// Runs one named check; an exception (a timeout, an error response) fails it with its message.
async function step(name, body) {
  try {
    await body();
  } catch (e) {
    check(name, false, e?.code !== undefined ? `error ${e.code}: ${e.message}` : e?.stack ?? String(e));
  }
}

// ---------------------------------------------------------------------------------------------
// The dataset, and text helpers

function dataset() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-lsp-test-'));
  mkdirSync(path.join(dir, 'data'));
  for (const name of ['base.yaml', 'example-source.txt', 'fund-text.txt']) {
    copyFileSync(path.join(FIXTURE, name), path.join(dir, 'data', name));
  }
  writeFileSync(path.join(dir, 'accord.toml'), 'data = ["data"]\n');
  return dir;
}

// The position of the first `needle` after `after` in `text`, in UTF-16 code units (JS strings are UTF-16).
function positionOf(text, after, needle) {
  const start = text.indexOf(after);
  if (start < 0) throw new Error(`anchor ${json(after)} not found`);
  const at = text.indexOf(needle, start);
  if (at < 0) throw new Error(`needle ${json(needle)} not found after ${json(after)}`);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

// Applies LSP TextEdits (UTF-16 positions) to a text.
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

// Checks that a buffer holds nothing but Content-Length framed JSON-RPC messages.
function framesOf(buf) {
  const frames = [];
  let rest = buf;
  while (rest.length) {
    const headerEnd = rest.indexOf('\r\n\r\n');
    if (headerEnd < 0) return { frames, junk: rest.toString('utf8') };
    const header = rest.subarray(0, headerEnd).toString('ascii');
    const fields = header.split('\r\n');
    const length = /^Content-Length: (\d+)$/i.exec(fields.find((f) => /^Content-Length:/i.test(f)) ?? '');
    if (!length || fields.some((f) => !/^[A-Za-z-]+: .+$/.test(f))) return { frames, junk: rest.toString('utf8') };
    const start = headerEnd + 4;
    const end = start + Number(length[1]);
    if (rest.length < end) return { frames, junk: rest.toString('utf8') };
    const body = rest.subarray(start, end).toString('utf8');
    try {
      const msg = JSON.parse(body);
      if (msg.jsonrpc !== '2.0') return { frames, junk: body };
      frames.push(msg);
    } catch {
      return { frames, junk: body };
    }
    rest = rest.subarray(end);
  }
  return { frames, junk: '' };
}

// ---------------------------------------------------------------------------------------------
// A session: the server process, a protocol connection to it, and what it published.

const sessions = [];

function startServer(folder, label) {
  const child = spawn(ACCORD_BIN, ['lsp', '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
  const s = { label, child, stdout: [], stderr: '', diagnostics: [], waiters: new Set(), other: [], exit: null, errors: [] };
  s.exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      s.exit = { code, signal };
      resolve(s.exit);
    }),
  );
  child.on('error', (e) => s.errors.push(`spawn: ${e.message}`));
  child.stdout.on('data', (chunk) => s.stdout.push(chunk)); // a raw copy, beside the reader's
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (t) => (s.stderr += t));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onError(([error]) => s.errors.push(`connection: ${error?.message ?? error}`));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    const event = { seq: s.diagnostics.length, uri: params.uri, diagnostics: params.diagnostics };
    s.diagnostics.push(event);
    if (process.env.ACCORD_LSP_DEBUG) console.log(`DEBUG ${label} publishDiagnostics ${event.uri}: ${event.diagnostics.map(showDiag).join(' | ') || 'none'}`);
    for (const w of [...s.waiters]) w(event);
  });
  connection.onNotification((method, params) => s.other.push(`${method}: ${short(json(params), 300)}`));
  connection.onRequest((method) => {
    s.other.push(`server request ${method}`);
    return null;
  });
  connection.listen();
  s.connection = connection;
  sessions.push(s);
  return s;
}

// The first publishDiagnostics (seq >= sinceSeq) that `accept` takes; `accept` gets the event.
function waitForPublish(s, sinceSeq, accept, what, timeoutMs = STEP_TIMEOUT_MS) {
  const seen = [];
  return new Promise((resolve, reject) => {
    const consider = (e) => {
      if (e.seq < sinceSeq) return false;
      seen.push(e);
      if (!accept(e)) return false;
      cleanup();
      resolve(e);
      return true;
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(
          `no publishDiagnostics ${what} within ${timeoutMs} ms; seen: ` +
            (seen.map((e) => `${e.uri}: ${e.diagnostics.map(showDiag).join(' | ') || 'none'}`).join(' || ') || 'none'),
        ),
      );
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      s.waiters.delete(consider);
    };
    for (const e of s.diagnostics) if (consider(e)) return;
    s.waiters.add(consider);
  });
}
// The next diagnostics published for `uri` after sinceSeq, whatever they are.
const nextDiagnostics = (s, uri, sinceSeq) =>
  waitForPublish(s, sinceSeq, (e) => e.uri === uri, `for ${uri}`).then((e) => e.diagnostics);

function withTimeout(promise, what, ms = STEP_TIMEOUT_MS) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
  ]);
}
const request = (s, method, params) => withTimeout(s.connection.sendRequest(method, params), method);
// The error code of a request expected to fail, or a description of its result.
async function errorCode(s, method, params) {
  try {
    const result = await request(s, method, params);
    return { code: null, result };
  } catch (e) {
    return { code: e.code ?? null, message: e.message };
  }
}

async function initialize(s, folder, capabilities) {
  const uri = pathToFileURL(folder).href;
  const init = await request(s, 'initialize', {
    processId: process.pid,
    clientInfo: { name: 'accord-lsp-test', version: '1' },
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'dataset' }],
    capabilities,
  });
  s.connection.sendNotification('initialized', {});
  return init;
}

async function stopServer(s) {
  if (s.exit) return s.exit;
  try {
    await withTimeout(s.connection.sendRequest('shutdown'), 'shutdown', 3000);
    await s.connection.sendNotification('exit');
  } catch (e) {
    s.errors.push(`shutdown: ${e.message}`);
  }
  const exit = await Promise.race([s.exited, new Promise((r) => setTimeout(() => r(null), 3000))]);
  if (!exit) s.child.kill('SIGKILL');
  return exit;
}

// ---------------------------------------------------------------------------------------------
// The run

const dirs = [];

async function main() {
  if (!existsSync(ACCORD_BIN)) {
    check('the accord binary exists', false, `${ACCORD_BIN} is missing: build it (cargo build) or set ACCORD_BIN`);
    return;
  }
  const dir = dataset();
  dirs.push(dir);
  const baseUri = pathToFileURL(path.join(dir, 'data', 'base.yaml')).href;
  const claimsUri = pathToFileURL(path.join(dir, 'data', 'claims.yaml')).href;
  const baseText = readFileSync(path.join(dir, 'data', 'base.yaml'), 'utf8');
  console.log(`accord ${ACCORD_BIN}, node ${process.version}, dataset ${dir}`);

  const s = startServer(dir, 'main');
  const at = (uri, position) => ({ textDocument: { uri }, position });

  // --- 1. initialize
  const init = await initialize(s, dir, {
    general: { positionEncodings: ['utf-16'] },
    textDocument: {
      publishDiagnostics: { relatedInformation: true },
      rename: { prepareSupport: true },
      completion: { completionItem: { snippetSupport: false } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
  });
  {
    const c = init?.capabilities ?? {};
    const wanted = ['definitionProvider', 'referencesProvider', 'renameProvider', 'hoverProvider', 'completionProvider', 'codeActionProvider', 'documentSymbolProvider', 'workspaceSymbolProvider'];
    const missing = wanted.filter((k) => !c[k]);
    const sync = typeof c.textDocumentSync === 'object' ? c.textDocumentSync.change : c.textDocumentSync;
    check('initialize: utf-16 positions, incremental sync, and the definition/references/rename/hover/completion/codeAction/symbol providers', c.positionEncoding === 'utf-16' && missing.length === 0 && sync === 2 && c.renameProvider?.prepareProvider === true, [
      `serverInfo: ${json(init?.serverInfo ?? null)}`,
      `positionEncoding: ${json(c.positionEncoding)}, textDocumentSync: ${json(c.textDocumentSync)}, renameProvider: ${json(c.renameProvider)}`,
      ...(missing.length ? [`missing: ${missing.join(', ')}`] : []),
    ]);
  }

  // --- 2. An unsaved claims.yaml with a dangling holder after Korean text and an emoji.
  let version = 1;
  const claimLine = CLAIM.split('\n')[1];
  const column = claimLine.indexOf('ana-ruis'); // UTF-16 code units
  const expectedRange = { start: { line: 1, character: column }, end: { line: 1, character: column + 'ana-ruis'.length } };
  let finding;
  let since = s.diagnostics.length;
  s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: claimsUri, languageId: 'yaml', version, text: CLAIM } });
  await step('diagnostics: dangling-reference on the unsaved claims.yaml at its UTF-16 range', async () => {
    const diags = await nextDiagnostics(s, claimsUri, since);
    finding = diags.find((d) => d.code === 'dangling-reference');
    const ok =
      diags.length === 1 &&
      finding &&
      finding.source === 'accord' &&
      finding.severity === 1 &&
      json(finding.range) === json(expectedRange) &&
      finding.message.includes('did you mean `ana-ruiz`?') &&
      /^help: /m.test(finding.message);
    check('diagnostics: dangling-reference on the unsaved claims.yaml at its UTF-16 range', Boolean(ok), [
      `expected range ${json(expectedRange)} (UTF-8 byte column would be ${Buffer.byteLength(claimLine.slice(0, column))})`,
      ...diags.map(showDiag),
    ]);
  });

  // --- 3. The quick fix.
  await step('codeAction: a preferred quickfix replacing the holder with ana-ruiz', async () => {
    if (!finding) throw new Error('no finding to fix');
    const actions = await request(s, 'textDocument/codeAction', { textDocument: { uri: claimsUri }, range: finding.range, context: { diagnostics: [finding] } });
    const fix = (actions ?? []).find((a) => a.kind === 'quickfix');
    const edits = fix?.edit?.changes?.[claimsUri];
    check('codeAction: a preferred quickfix replacing the holder with ana-ruiz', fix?.isPreferred === true && json(edits) === json([{ range: expectedRange, newText: 'ana-ruiz' }]), [
      ...(actions ?? []).map((a) => `${a.kind} preferred=${a.isPreferred} ${json(a.title)} edit=${short(json(a.edit), 400)}`),
    ]);
  });

  // --- 4. The fix typed in (an incremental change): the finding is gone.
  let claim = CLAIM.replace('ana-ruis', 'ana-ruiz');
  since = s.diagnostics.length;
  s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: claimsUri, version: ++version }, contentChanges: [{ range: expectedRange, text: 'ana-ruiz' }] });
  await step('didChange with the fix: the next diagnostics of claims.yaml are empty', async () => {
    const diags = await nextDiagnostics(s, claimsUri, since);
    check('didChange with the fix: the next diagnostics of claims.yaml are empty', diags.length === 0, diags.map(showDiag));
  });

  // --- 5. Completion in a partial id: `holders: [ana-]`.
  await step('completion: holders: [ana-] offers people and organizations, not sources', async () => {
    const holder = positionOf(claim, 'holders:', 'ana-ruiz');
    const typed = { start: holder, end: { line: holder.line, character: holder.character + 'ana-ruiz'.length } };
    s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: claimsUri, version: ++version }, contentChanges: [{ range: typed, text: 'ana-' }] });
    const cursor = { line: holder.line, character: holder.character + 4 };
    const res = await request(s, 'textDocument/completion', at(claimsUri, cursor));
    const items = Array.isArray(res) ? res : res?.items ?? [];
    const labels = items.map((i) => i.label);
    const ana = items.find((i) => i.label === 'ana-ruiz');
    const editRange = ana?.textEdit?.range ?? ana?.textEdit?.replace;
    const ok =
      labels.includes('ana-ruiz') &&
      labels.includes('examplia') &&
      !labels.includes('example-source') &&
      !labels.includes('examplia-nordland-meeting') &&
      ana?.detail === 'person · Ana Ruiz' &&
      ana?.textEdit?.newText === 'ana-ruiz' &&
      editRange?.start.line === holder.line &&
      editRange?.start.character === holder.character &&
      editRange?.end.character === cursor.character;
    check('completion: holders: [ana-] offers people and organizations, not sources', ok, [
      `offered: ${labels.join(', ') || '(nothing)'}`,
      `ana-ruiz item: ${json(ana ?? null)}`,
      `expected textEdit range ${json({ start: holder, end: cursor })}`,
    ]);
    // Back to the fixed text.
    s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: claimsUri, version: ++version },
      contentChanges: [{ range: { start: holder, end: cursor }, text: 'ana-ruiz' }],
    });
  });

  // --- 5b. Field names while a key is typed, before its colon (the buffer is not YAML yet).
  await step('completion: a key typed without its colon offers the fields the record lacks', async () => {
    const draftUri = pathToFileURL(path.join(dir, 'data', 'draft.yaml')).href;
    const draft = 'claims:\n  - id: draft-claim\n    kind: statement\n    sum\n';
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: draftUri, languageId: 'yaml', version: 1, text: draft } });
    const cursor = { line: 3, character: 7 };
    const res = await request(s, 'textDocument/completion', at(draftUri, cursor));
    const items = Array.isArray(res) ? res : res?.items ?? [];
    const labels = items.map((i) => i.label);
    const summary = items.find((i) => i.label === 'summary');
    const docs = typeof summary?.documentation === 'string' ? summary.documentation : summary?.documentation?.value ?? '';
    const ok =
      labels.includes('summary') &&
      labels.includes('holders') &&
      !labels.includes('kind') &&
      !labels.includes('id') &&
      summary?.kind === 5 &&
      docs.length > 0 &&
      summary?.textEdit?.newText === 'summary: ' &&
      json(summary?.textEdit?.range) === json({ start: { line: 3, character: 4 }, end: cursor });
    check('completion: a key typed without its colon offers the fields the record lacks', ok, [
      `offered: ${labels.join(', ') || '(nothing)'}`,
      `summary item: ${json(summary ?? null)}`,
    ]);
    s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: draftUri } });
  });

  // --- 6. Hover, definition, references, rename.
  const holder = positionOf(claim, 'holders:', 'ana-ruiz');
  const definitionAt = positionOf(baseText, 'people:', 'ana-ruiz');
  await step('hover: the person record of the holder', async () => {
    const h = await request(s, 'textDocument/hover', at(claimsUri, holder));
    const text = h?.contents?.value ?? '';
    const ok = h?.contents?.kind === 'markdown' && text.startsWith('**person** `ana-ruiz`\n\nAna Ruiz\n\n') && new RegExp(`base\\.yaml:${definitionAt.line + 1}$`).test(text);
    check('hover: the person record of the holder', ok, [`hover: ${json(h)}`, `expected a markdown ending in base.yaml:${definitionAt.line + 1}`]);
  });
  await step('definition: the id of the person in base.yaml', async () => {
    const d = await request(s, 'textDocument/definition', at(claimsUri, holder));
    const loc = Array.isArray(d) ? d[0] : d;
    const uri = loc?.uri ?? loc?.targetUri;
    const range = loc?.range ?? loc?.targetSelectionRange;
    const ok = uri === baseUri && json(range?.start) === json(definitionAt) && range?.end.character === definitionAt.character + 8;
    check('definition: the id of the person in base.yaml', ok, [`definition: ${json(d)}`, `expected ${baseUri} at ${json(definitionAt)}`]);
  });
  await step('references: from the definition, with the declaration, in base.yaml and claims.yaml', async () => {
    const refs = await request(s, 'textDocument/references', { ...at(baseUri, definitionAt), context: { includeDeclaration: true } });
    const files = [...new Set((refs ?? []).map((l) => l.uri))].sort();
    const inBase = (refs ?? []).filter((l) => l.uri === baseUri).length;
    const inClaims = (refs ?? []).filter((l) => l.uri === claimsUri).length;
    const hasDecl = (refs ?? []).some((l) => l.uri === baseUri && json(l.range.start) === json(definitionAt));
    // base.yaml: the id, participants, according_to; claims.yaml: holders, according_to.
    check('references: from the definition, with the declaration, in base.yaml and claims.yaml', json(files) === json([baseUri, claimsUri].sort()) && inBase === 3 && inClaims === 2 && hasDecl, [
      `files: ${files.join(', ')}; ${inBase} in base.yaml, ${inClaims} in claims.yaml (expected 3 and 2); declaration included: ${hasDecl}`,
    ]);
  });
  await step('prepareRename and rename to ana-ruiz-lopez: edits in both files', async () => {
    const prepared = await request(s, 'textDocument/prepareRename', at(claimsUri, holder));
    const edit = await request(s, 'textDocument/rename', { ...at(claimsUri, holder), newName: 'ana-ruiz-lopez' });
    const changes = edit?.changes ?? {};
    const renamed = (t) => t.replace(/(?<![\w-])ana-ruiz(?![\w-])/g, 'ana-ruiz-lopez');
    const baseOk = changes[baseUri] && applyEdits(baseText, changes[baseUri]) === renamed(baseText);
    const claimsOk = changes[claimsUri] && applyEdits(claim, changes[claimsUri]) === renamed(claim);
    const preparedOk = prepared?.placeholder === 'ana-ruiz' && json(prepared?.range?.start) === json(holder);
    check('prepareRename and rename to ana-ruiz-lopez: edits in both files', preparedOk && Object.keys(changes).length === 2 && baseOk && claimsOk, [
      `prepareRename: ${json(prepared)}`,
      `rename changes: ${Object.entries(changes).map(([u, es]) => `${path.basename(u)}: ${es.length} edit(s) ${short(json(es), 300)}`).join('; ')}`,
      `applied to base.yaml gives the renamed text: ${Boolean(baseOk)}; to claims.yaml: ${Boolean(claimsOk)}`,
    ]);
  });
  await step('rename to "Ana Ruiz" (not an id) and to example-source (taken) are rejected with -32602', async () => {
    const bad = await errorCode(s, 'textDocument/rename', { ...at(claimsUri, holder), newName: 'Ana Ruiz' });
    const taken = await errorCode(s, 'textDocument/rename', { ...at(claimsUri, holder), newName: 'example-source' });
    check('rename to "Ana Ruiz" (not an id) and to example-source (taken) are rejected with -32602', bad.code === -32602 && taken.code === -32602, [
      `"Ana Ruiz": ${json(bad)}`,
      `"example-source": ${json(taken)}`,
    ]);
  });

  // --- 7. Symbols.
  await step('documentSymbol of base.yaml: its records, not the claim', async () => {
    const symbols = await request(s, 'textDocument/documentSymbol', { textDocument: { uri: baseUri } });
    const names = [];
    const walk = (list) => (list ?? []).forEach((x) => (names.push(x.name), walk(x.children)));
    walk(symbols);
    const want = ['example-source', 'fund-text', 'examplia', 'nordland', 'ana-ruiz', 'examplia-nordland-meeting', 'rare-earths'];
    const missing = want.filter((n) => !names.includes(n));
    check('documentSymbol of base.yaml: its records, not the claim', missing.length === 0 && !names.includes('ruiz-claim'), [
      `symbols: ${names.join(', ')}`,
      ...(missing.length ? [`missing: ${missing.join(', ')}`] : []),
    ]);
  });
  await step('workspace/symbol "ruiz": ana-ruiz in base.yaml and ruiz-claim in the open claims.yaml', async () => {
    const found = await request(s, 'workspace/symbol', { query: 'ruiz' });
    const got = (found ?? []).map((x) => `${x.name}@${path.basename(x.location?.uri ?? '?')}`);
    check('workspace/symbol "ruiz": ana-ruiz in base.yaml and ruiz-claim in the open claims.yaml', json(got) === json(['ana-ruiz@base.yaml', 'ruiz-claim@claims.yaml']), [`found: ${got.join(', ') || '(nothing)'}`]);
  });

  // --- 8. A duplicate id across two files: the finding points at the other file.
  await step('duplicate id: a duplicate-id diagnostic with relatedInformation at the other file', async () => {
    const people = 'people:\n  - id: ana-ruiz\n    name: Ana Ruiz\n    citations:\n      - source: example-source\n        quote: Ana Ruiz\n';
    const lines = claim.split('\n').length - 1; // claim ends with a newline: append at the last (empty) line
    since = s.diagnostics.length;
    s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: claimsUri, version: ++version },
      contentChanges: [{ range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: people }],
    });
    claim += people;
    const dupInClaims = positionOf(claim, 'people:', 'ana-ruiz');
    const event = await waitForPublish(s, since, (e) => e.diagnostics.some((d) => d.code === 'duplicate-id'), 'with a duplicate-id');
    const d = event.diagnostics.find((x) => x.code === 'duplicate-id');
    const other = event.uri === claimsUri ? baseUri : claimsUri;
    const otherAt = event.uri === claimsUri ? definitionAt : dupInClaims;
    const rel = d.relatedInformation ?? [];
    const pointsAtOther = rel.some((r) => r.location.uri === other && json(r.location.range.start) === json(otherAt));
    // `accord check` on the same files reports it on data/claims.yaml:2:9, "first defined here" at data/base.yaml:33:9.
    check('duplicate id: a duplicate-id diagnostic with relatedInformation at the other file', event.uri === claimsUri && json(d.range.start) === json(dupInClaims) && pointsAtOther, [
      `published for ${event.uri}: ${showDiag(d)}`,
      `expected on claims.yaml at ${json(dupInClaims)}, related to ${other} at ${json(otherAt)}`,
    ]);
  });

  // --- 9. Robustness.
  await step('an unknown request gets -32601 and the server keeps answering', async () => {
    const unknown = await errorCode(s, 'accord/unknown', {});
    const after = await request(s, 'textDocument/hover', at(claimsUri, holder));
    check('an unknown request gets -32601 and the server keeps answering', unknown.code === -32601 && Boolean(after?.contents), [`accord/unknown: ${json(unknown)}`, `hover after it: ${short(json(after), 120)}`]);
  });
  await step('a request with bad params gets -32602', async () => {
    const bad = await errorCode(s, 'textDocument/codeAction', { textDocument: 3 });
    const after = await request(s, 'workspace/symbol', { query: 'nordland' });
    check('a request with bad params gets -32602', bad.code === -32602 && Array.isArray(after) && after.length > 0, [`codeAction {textDocument: 3}: ${json(bad)}`, `workspace/symbol after it: ${short(json(after), 120)}`]);
  });

  // --- The utf-8 position encoding, when the client offers it (a second server on its own dataset).
  await step('positionEncoding: utf-8 when offered, and the finding at its UTF-8 byte column', async () => {
    const dir8 = dataset();
    dirs.push(dir8);
    const s8 = startServer(dir8, 'utf-8');
    const init8 = await initialize(s8, dir8, { general: { positionEncodings: ['utf-8', 'utf-16'] } });
    const uri = pathToFileURL(path.join(dir8, 'data', 'claims.yaml')).href;
    const since8 = s8.diagnostics.length;
    s8.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: CLAIM } });
    const diags = await nextDiagnostics(s8, uri, since8);
    const bytes = Buffer.byteLength(claimLine.slice(0, column), 'utf8');
    const exit = await stopServer(s8);
    check('positionEncoding: utf-8 when offered, and the finding at its UTF-8 byte column', init8?.capabilities?.positionEncoding === 'utf-8' && diags[0]?.range.start.character === bytes && exit?.code === 0, [
      `positionEncoding: ${json(init8?.capabilities?.positionEncoding)}; expected start character ${bytes} (UTF-16: ${column})`,
      ...diags.map(showDiag),
      `exit: ${json(exit)}`,
    ]);
  });

  // --- Shutdown, exit code, and nothing but LSP frames on stdout.
  const exit = await stopServer(s);
  check('shutdown + exit: the server exits with code 0', exit?.code === 0, `exit: ${json(exit)}`);
}

// Run after every server has stopped, whatever happened before: a client chokes on stray output
// (it waits forever for a frame), so this is what explains such a hang.
function checkStdout() {
  for (const x of sessions) {
    const { frames, junk } = framesOf(Buffer.concat(x.stdout));
    check(`stdout (${x.label} server) holds nothing but LSP frames`, junk === '' && frames.length > 0 && x.errors.length === 0, [
      `${frames.length} frame(s)`,
      ...(junk ? [`not a frame: ${json(short(junk, 300))}`] : []),
      ...x.errors,
    ]);
  }
}

function report() {
  console.log('');
  console.log('Server messages (other notifications, server requests, stderr):');
  const all = sessions.flatMap((x) => [...x.other, ...x.stderr.split('\n').filter((l) => l.trim()).map((l) => `stderr: ${l}`)].map((l) => `[${x.label}] ${l}`));
  if (!all.length) console.log('  (none)');
  for (const l of all) console.log(`  ${short(l, 1000)}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log('');
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed;
}

function cleanup() {
  for (const x of sessions) if (x.child.exitCode === null && x.child.signalCode === null) x.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

const overall = setTimeout(() => {
  check(`overall timeout of ${OVERALL_TIMEOUT_MS} ms`, false, 'the run did not finish in time');
  report();
  cleanup();
  process.exit(2);
}, OVERALL_TIMEOUT_MS);

try {
  await main();
} catch (e) {
  check('the run completed', false, e?.stack ?? String(e));
}
for (const x of sessions) await stopServer(x).catch(() => {});
checkStdout();
clearTimeout(overall);
const failed = report();
cleanup();
process.exit(failed || results.length === 0 ? 1 : 0);
