#!/usr/bin/env node
// Editor integration check: drives the real `yaml-language-server` (Red Hat) over stdio, the way an
// editor does, and proves that the `# yaml-language-server: $schema=...` modeline of the data files
// gives completion, hover and diagnostics from schemas/accord.schema.json.
//
// Plain Node, no dependencies of its own: the JSON-RPC client (Content-Length framing over stdio) is
// written out below. The server is the one `npm ci` installs next to this file (see run.sh).
//
// Every check prints PASS or FAIL with details; the exit code is non-zero when any check fails.
// The whole run is bounded by ACCORD_LSP_TIMEOUT_MS (default 60 s) and the server is always killed.
//
// The schema store is disabled, and a guard preloaded into the server process records every attempt
// to open a network connection: the run fails if the server tries to fetch anything.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..', '..');
const SERVER_PKG = path.join(HERE, 'node_modules', 'yaml-language-server');
const SERVER_BIN = path.join(SERVER_PKG, 'bin', 'yaml-language-server');
const SCHEMA_PATH = path.join(REPO, 'schemas', 'accord.schema.json');
const OVERALL_TIMEOUT_MS = Number(process.env.ACCORD_LSP_TIMEOUT_MS ?? 60_000);
const STEP_TIMEOUT_MS = 20_000;

// The settings the client pushes with workspace/didChangeConfiguration and answers
// workspace/configuration with. No schema store: nothing but the package registries is reachable.
const SETTINGS = {
  yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false } },
};

const GUARD_MARK = 'ACCORD-LSP-NETWORK-ATTEMPT';
// Preloaded into the server (node --import data:...). It only records connection attempts on stderr
// and lets them proceed (they fail anyway here): it must not change how the server behaves.
const NETWORK_GUARD = `
import net from 'node:net'; import tls from 'node:tls'; import http from 'node:http';
import https from 'node:https'; import dns from 'node:dns';
const show = (a) => { try {
  if (typeof a[0] === 'string' || a[0] instanceof URL) return String(a[0]);
  if (typeof a[0] === 'number') return String(a[1] ?? 'localhost') + ':' + a[0];
  const o = a[0] || {}; return (o.protocol || '') + '//' + (o.hostname || o.host || '') + (o.port ? ':' + o.port : '') + (o.path || '');
} catch { return '?'; } };
const wrap = (obj, name, label) => { const orig = obj[name]; obj[name] = function (...a) {
  process.stderr.write('${GUARD_MARK} ' + label + ' ' + show(a) + '\\n'); return orig.apply(this, a); }; };
wrap(net, 'connect', 'net.connect'); wrap(net, 'createConnection', 'net.createConnection');
wrap(tls, 'connect', 'tls.connect'); wrap(dns, 'lookup', 'dns.lookup');
wrap(http, 'request', 'http.request'); wrap(http, 'get', 'http.get');
wrap(https, 'request', 'https.request'); wrap(https, 'get', 'https.get');
if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'fetch');
`;

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
const short = (s, n = 160) => {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};
const docText = (d) => (d == null ? '' : typeof d === 'string' ? d : d.value ?? '');
const hoverText = (h) => {
  const c = h?.contents;
  if (c == null) return '';
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return typeof c === 'string' ? c : c.value ?? '';
};
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const showDiag = (d) =>
  `line ${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity] ?? d.severity}` +
  ` [${d.source ?? '-'}${d.code != null ? ` ${d.code}` : ''}] ${short(d.message, 400)}`;

// ---------------------------------------------------------------------------------------------
// A minimal LSP client: Content-Length framed JSON-RPC 2.0 over the child's stdio.

class LspClient {
  constructor(child) {
    this.child = child;
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.requestHandlers = new Map();
    this.diagnostics = []; // every publishDiagnostics, in arrival order: { seq, uri, diagnostics }
    this.diagWaiters = new Set();
    this.logs = []; // window/logMessage, window/showMessage, other notifications
    this.serverRequests = [];
    child.stdout.on('data', (chunk) => this.onData(chunk));
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /Content-Length:\s*(\d+)/i.exec(header);
      if (!match) throw new Error(`bad LSP header from server: ${JSON.stringify(header)}`);
      const length = Number(match[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body));
    }
  }

  dispatch(msg) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`${p.method} failed: ${msg.error.code} ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      this.serverRequests.push(msg.method);
      const handler = this.requestHandlers.get(msg.method);
      let result = null;
      try {
        result = handler ? handler(msg.params) : null;
      } catch (e) {
        this.send({ jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: String(e) } });
        return;
      }
      this.send({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      const event = { seq: this.diagnostics.length, uri: msg.params.uri, diagnostics: msg.params.diagnostics };
      this.diagnostics.push(event);
      if (process.env.ACCORD_LSP_DEBUG) {
        console.log(`DEBUG publishDiagnostics #${event.seq} ${event.uri}: ${event.diagnostics.map(showDiag).join(' | ') || 'none'}`);
      }
      for (const w of [...this.diagWaiters]) w(event);
      return;
    }
    if (msg.method === 'window/logMessage' || msg.method === 'window/showMessage') {
      this.logs.push(`${msg.method} type=${msg.params.type}: ${msg.params.message}`);
      return;
    }
    if (msg.method !== '$/progress') this.logs.push(`${msg.method}: ${short(JSON.stringify(msg.params), 300)}`);
  }

  send(msg) {
    const body = JSON.stringify(msg);
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
  }

  request(method, params, timeoutMs = STEP_TIMEOUT_MS) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  onRequest(method, handler) {
    this.requestHandlers.set(method, handler);
  }

  // The first publishDiagnostics for `uri` with seq >= sinceSeq that satisfies `accept`.
  waitForDiagnostics(uri, sinceSeq, accept = () => true, timeoutMs = STEP_TIMEOUT_MS) {
    const seen = [];
    return new Promise((resolve, reject) => {
      const consider = (e) => {
        if (e.uri !== uri || e.seq < sinceSeq) return false;
        seen.push(e);
        if (!accept(e.diagnostics)) return false;
        cleanup();
        resolve(e.diagnostics);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        const last = seen.at(-1);
        reject(
          new Error(
            `no matching textDocument/publishDiagnostics for ${uri} within ${timeoutMs} ms` +
              (last ? `; last one had: ${last.diagnostics.map(showDiag).join(' | ') || 'no diagnostics'}` : '; none arrived'),
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.diagWaiters.delete(consider);
      };
      for (const e of this.diagnostics) if (consider(e)) return;
      this.diagWaiters.add(consider);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers on the data and the schema

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
const def = (name) => {
  const d = schema.$defs?.[name];
  if (!d) throw new Error(`schemas/accord.schema.json has no $defs/${name}`);
  return d;
};
const uriOf = (rel) => pathToFileURL(path.join(REPO, rel)).href;
const readData = (rel) => readFileSync(path.join(REPO, rel), 'utf8');

function findLine(lines, re, from = 0, what = String(re)) {
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  throw new Error(`cannot find ${what} in the data file: the test's anchors need updating`);
}

function listDataFiles(dir = path.join(REPO, 'data')) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listDataFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(path.relative(REPO, full).split(path.sep).join('/'));
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// The run

let server;
let client;
const stderrLines = [];

async function main() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 6)) {
    check('node is recent enough', false, `node ${process.version}: need >= 20.6 (node --import)`);
    return;
  }
  if (!existsSync(SERVER_BIN)) {
    check('yaml-language-server is installed', false, `${SERVER_BIN} is missing: run tests/integrations/editor/run.sh (npm ci)`);
    return;
  }
  const serverVersion = JSON.parse(readFileSync(path.join(SERVER_PKG, 'package.json'), 'utf8')).version;
  console.log(`yaml-language-server ${serverVersion}, node ${process.version}, repo ${REPO}`);

  server = spawn(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(NETWORK_GUARD)}`, SERVER_BIN, '--stdio'],
    { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderrBuf = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (s) => {
    stderrBuf += s;
    const parts = stderrBuf.split('\n');
    stderrBuf = parts.pop();
    stderrLines.push(...parts.filter((l) => l.trim()));
  });
  client = new LspClient(server);
  server.on('exit', (code, signal) => {
    if (shuttingDown) return;
    stderrLines.push(`(server exited early: code ${code}, signal ${signal})`);
    for (const [id, p] of client.pending) {
      clearTimeout(p.timer);
      client.pending.delete(id);
      p.reject(new Error(`${p.method}: the server exited (code ${code}, signal ${signal})`));
    }
  });

  // Configuration: answer every section the server pulls from the same settings object.
  let configAnswered;
  const configPulled = new Promise((r) => (configAnswered = r));
  client.onRequest('workspace/configuration', (params) => {
    const answer = params.items.map(({ section }) => {
      if (!section) return SETTINGS;
      let v = SETTINGS;
      for (const key of section.split('.')) v = v?.[key];
      return v ?? null;
    });
    if (params.items.some((i) => i.section === 'yaml')) configAnswered();
    return answer;
  });
  for (const m of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) {
    client.onRequest(m, () => null);
  }

  // --- Handshake
  const init = await client.request('initialize', {
    processId: process.pid,
    clientInfo: { name: 'accord-lsp-test', version: '1' },
    rootUri: pathToFileURL(REPO).href,
    rootPath: REPO,
    workspaceFolders: [{ uri: pathToFileURL(REPO).href, name: 'accord' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        completion: {
          dynamicRegistration: false,
          completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
          contextSupport: true,
        },
        hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { relatedInformation: true, versionSupport: false },
      },
    },
    initializationOptions: {},
  });
  const caps = init?.capabilities ?? {};
  check('initialize: server offers completion and hover', Boolean(caps.completionProvider && caps.hoverProvider), [
    `serverInfo: ${JSON.stringify(init?.serverInfo ?? null)}`,
    `completionProvider: ${JSON.stringify(caps.completionProvider)}, hoverProvider: ${JSON.stringify(caps.hoverProvider)}`,
  ]);
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: SETTINGS });
  const pulled = await Promise.race([configPulled.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
  check('configuration: server pulled the "yaml" settings with workspace/configuration', pulled);

  // Versions go up across the whole run, even when a URI is closed and opened again: the server
  // caches parsed documents by URI and version and does not drop them on didClose, so reopening a
  // URI at version 1 with other text would be answered from the stale parse.
  let version = 0;
  const open = (rel, text) => {
    const uri = uriOf(rel);
    const sinceSeq = client.diagnostics.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++version, text } });
    return { uri, sinceSeq };
  };
  const close = (uri) => client.notify('textDocument/didClose', { textDocument: { uri } });
  const completion = (uri, line, character) =>
    client.request('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
      context: { triggerKind: 1 },
    });

  // --- (b, part 1) The unmodified data files get no diagnostics.
  // yaml-language-server turns every warning into an error before publishing, so any diagnostic counts.
  const files = listDataFiles();
  for (const rel of files) {
    const text = readData(rel);
    const modeline = /^# yaml-language-server: \$schema=(\S+)/.exec(text);
    const { uri, sinceSeq } = open(rel, text);
    try {
      const diags = await client.waitForDiagnostics(uri, sinceSeq);
      check(`diagnostics: unmodified ${rel} has none`, diags.length === 0, [
        `modeline: ${modeline ? modeline[1] : 'MISSING'}`,
        ...diags.map(showDiag),
      ]);
    } catch (e) {
      check(`diagnostics: unmodified ${rel} has none`, false, e.message);
    }
    close(uri);
  }

  // --- (a) Completion of field names in a new person record (people.yaml).
  {
    const rel = 'data/actors/people.yaml';
    const lines = readData(rel).split('\n');
    const at = findLine(lines, /^ {2}- id: /, findLine(lines, /^ {2}- id: /, 0, 'a first person') + 1, 'a second person');
    const mod = [...lines.slice(0, at), '  - id: lsp-test-person', '    ', '', ...lines.slice(at)];
    const { uri } = open(rel, mod.join('\n'));
    const person = def('Person');
    const expected = Object.keys(person.properties).filter((k) => k !== 'id');
    try {
      const res = await completion(uri, at + 1, 4);
      const items = Array.isArray(res) ? res : res?.items ?? [];
      const byLabel = new Map(items.map((i) => [i.label, i]));
      const missing = expected.filter((k) => !byLabel.has(k));
      const others = items.filter((i) => !expected.includes(i.label));
      check(`completion: field names of a new Person record (${rel}, line ${at + 2})`, missing.length === 0, [
        ...others.map(
          (i) => `other item "${i.label}": kind ${i.kind}, insertText ${JSON.stringify(i.insertText ?? i.textEdit?.newText)}, documentation ${JSON.stringify(short(docText(i.documentation), 200))}`,
        ),
        `expected (Person properties minus id): ${expected.join(', ')}`,
        `offered: ${items.map((i) => i.label).join(', ') || '(nothing)'}`,
        ...(missing.length ? [`missing: ${missing.join(', ')}`] : []),
      ]);
      const badDocs = expected.filter(
        (k) => byLabel.has(k) && !docText(byLabel.get(k).documentation).includes(person.properties[k].description),
      );
      check('completion: Person field items carry the schema descriptions as documentation', missing.length === 0 && badDocs.length === 0, [
        ...expected.filter((k) => byLabel.has(k)).map((k) => `${k}: ${JSON.stringify(short(docText(byLabel.get(k).documentation), 120))}`),
        ...(badDocs.length ? [`without the schema description: ${badDocs.join(', ')}`] : []),
      ]);
    } catch (e) {
      check(`completion: field names of a new Person record (${rel})`, false, e.message);
    }
    close(uri);
  }

  // --- (a) Completion of the missing field names inside an existing event record (events.yaml).
  const eventsRel = 'data/events.yaml';
  const eventsLines = readData(eventsRel).split('\n');
  {
    const idLine = findLine(eventsLines, /^ {2}- id: us-france-meeting\s*$/, 0, 'the us-france-meeting event');
    let end = idLine + 1;
    while (end < eventsLines.length && (/^ {4}\S/.test(eventsLines[end]) || /^ {5,}/.test(eventsLines[end]))) end++;
    const record = eventsLines.slice(idLine, end).join('\n').replace(/^ {2}- /, '    ');
    const present = [...record.matchAll(/^ {4}([a-z_]+):/gm)].map((m) => m[1]);
    const titleLine = findLine(eventsLines, /^ {4}title: /, idLine, 'the title of us-france-meeting');
    const mod = [...eventsLines.slice(0, titleLine + 1), '    ', ...eventsLines.slice(titleLine + 1)];
    const { uri } = open(eventsRel, mod.join('\n'));
    const event = def('Event');
    const expected = Object.keys(event.properties).filter((k) => !present.includes(k));
    try {
      const res = await completion(uri, titleLine + 1, 4);
      const items = Array.isArray(res) ? res : res?.items ?? [];
      const labels = items.map((i) => i.label);
      const missing = expected.filter((k) => !labels.includes(k));
      const repeated = present.filter((k) => labels.includes(k));
      check(`completion: missing field names inside an existing Event record (${eventsRel}, line ${titleLine + 2})`, missing.length === 0, [
        `already in the record: ${present.join(', ')}`,
        `expected (the other Event properties): ${expected.join(', ')}`,
        `offered: ${labels.join(', ') || '(nothing)'}`,
        ...(missing.length ? [`missing: ${missing.join(', ')}`] : []),
        ...(repeated.length ? [`note: fields already present were offered again: ${repeated.join(', ')}`] : []),
      ]);
      const byLabel = new Map(items.map((i) => [i.label, i]));
      const badDocs = expected.filter(
        (k) => byLabel.has(k) && !docText(byLabel.get(k).documentation).includes(event.properties[k].description),
      );
      check('completion: Event field items carry the schema descriptions as documentation', missing.length === 0 && badDocs.length === 0, [
        ...expected.filter((k) => byLabel.has(k)).map((k) => `${k}: ${JSON.stringify(short(docText(byLabel.get(k).documentation), 120))}`),
        ...(badDocs.length ? [`without the schema description: ${badDocs.join(', ')}`] : []),
      ]);
    } catch (e) {
      check(`completion: missing field names inside an existing Event record (${eventsRel})`, false, e.message);
    }
    close(uri);
  }

  // --- (a) Completion of an enum value: `kind: ` of an event.
  {
    const kindLine = findLine(eventsLines, /^ {4}kind: \S+\s*$/, 0, 'an event kind');
    const mod = [...eventsLines];
    mod[kindLine] = '    kind: ';
    const { uri } = open(eventsRel, mod.join('\n'));
    const kinds = def('EventKind');
    try {
      const res = await completion(uri, kindLine, mod[kindLine].length);
      const items = Array.isArray(res) ? res : res?.items ?? [];
      const byLabel = new Map(items.map((i) => [i.label, i]));
      const missing = kinds.enum.filter((k) => !byLabel.has(k));
      check(`completion: EventKind values after "kind: " (${eventsRel}, line ${kindLine + 1})`, missing.length === 0, [
        `expected: ${kinds.enum.join(', ')}`,
        `offered: ${items.map((i) => i.label).join(', ') || '(nothing)'}`,
        ...(missing.length ? [`missing: ${missing.join(', ')}`] : []),
      ]);
      const badDocs = kinds.enum.filter(
        (k, i) => byLabel.has(k) && !docText(byLabel.get(k).documentation).includes(kinds.markdownEnumDescriptions[i]),
      );
      check('completion: EventKind value items carry their markdownEnumDescriptions', missing.length === 0 && badDocs.length === 0, [
        ...kinds.enum.filter((k) => byLabel.has(k)).map((k) => `${k}: ${JSON.stringify(short(docText(byLabel.get(k).documentation), 120))}`),
        ...(badDocs.length ? [`without their description: ${badDocs.join(', ')}`] : []),
      ]);
    } catch (e) {
      check(`completion: EventKind values after "kind: " (${eventsRel})`, false, e.message);
    }
    close(uri);
  }

  // --- (b) A wrong value is reported on its line, and says what is allowed.
  const wrongValue = async ({ rel, lineRe, replace, label, wants, accept }) => {
    const lines = readData(rel).split('\n');
    const at = findLine(lines, lineRe, 0, label);
    const mod = [...lines];
    mod[at] = mod[at].replace(lineRe, replace);
    const { uri, sinceSeq } = open(rel, mod.join('\n'));
    const name = `diagnostics: ${label} → ${mod[at].trim()} (${rel}, line ${at + 1})`;
    try {
      const diags = await client.waitForDiagnostics(uri, sinceSeq, (ds) => ds.some((d) => d.range.start.line === at));
      const good = diags.filter((d) => d.range.start.line === at && accept(d.message));
      check(name, good.length > 0, [
        `published: ${diags.length} diagnostic(s)`,
        ...diags.map(showDiag),
        ...(good.length ? [] : [`no diagnostic on line ${at + 1} ${wants}`]),
      ]);
    } catch (e) {
      check(name, false, e.message);
    }
    close(uri);
  };
  const namesAll = (values) => (message) => values.every((v) => message.includes(`"${v}"`));
  const kinds = def('EventKind').enum;
  await wrongValue({
    rel: eventsRel,
    lineRe: /^( {4}kind: )\S+\s*$/,
    replace: '$1not_a_kind',
    label: 'an event kind',
    wants: `names all of: ${kinds.join(', ')}`,
    accept: namesAll(kinds),
  });
  const modalities = def('Modality').enum;
  await wrongValue({
    rel: 'data/actors/organizations.yaml',
    lineRe: /^(\s+modality: )\S+\s*$/,
    replace: '$1rumour',
    label: 'a citation modality',
    wants: `names all of: ${modalities.join(', ')}`,
    accept: namesAll(modalities),
  });
  // EmailAddress has a pattern written with \uXXXX escapes: an ideographic space (U+3000, written as a
  // YAML escape) must break it, which only happens if the server reads those escapes right.
  const articleRel = 'data/articles/hankyung-trump-zelensky-summit-minerals-agreement.yaml';
  await wrongValue({
    rel: articleRel,
    lineRe: /^(\s+email: )\S+\s*$/,
    replace: '$1"water\\u3000bean@hankyung.com"',
    label: 'an author email with U+3000 in it',
    wants: 'says the value does not match the EmailAddress pattern',
    accept: (m) => /pattern/i.test(m),
  });

  // --- (c) Hover on field names shows the schema's description of that field.
  {
    const { uri } = open(eventsRel, eventsLines.join('\n'));
    const event = def('Event');
    const hoverOn = async (field, valueToo) => {
      const at = findLine(eventsLines, new RegExp(`^ {2}(- | {2})${field}: `), 0, `an event ${field}`);
      const character = eventsLines[at].indexOf(field) + 1;
      const name = `hover: Event.${field} shows its schema description (${eventsRel}, line ${at + 1})`;
      try {
        const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: at, character } });
        const text = hoverText(h);
        // A field typed by a definition (`allOf: [{"$ref"}]` beside its own description) shows
        // the definition's title and description on hover; its own description is what
        // completion shows (checked above). A plain field shows its own description.
        const property = event.properties[field];
        const ref = property.allOf?.[0]?.$ref?.replace('#/$defs/', '');
        const target = ref ? def(ref) : property;
        const want = (target.markdownDescription ?? target.description).split('\n')[0];
        const heading = `#### ${ref ?? 'Event'}`;
        check(name, text.includes(want) && text.startsWith(heading), [
          `expected: ${JSON.stringify(heading)} and ${JSON.stringify(want)}`,
          `hover text: ${JSON.stringify(text)}`,
        ]);
        if (valueToo) {
          const valueAt = eventsLines[at].indexOf(': ') + 3;
          const hv = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: at, character: valueAt } });
          console.log(`INFO hover on the value "${eventsLines[at].split(': ')[1]}": ${JSON.stringify(hoverText(hv))}`);
        }
      } catch (e) {
        check(name, false, e.message);
      }
    };
    await hoverOn('title', false); // a plain string property
    await hoverOn('kind', true); // a field typed by an enum definition
    await hoverOn('id', false); // a field typed by an id definition with examples
    close(uri);
  }

  // --- No network: the schema store is off, and the schema's "$id" (https://accord.invalid/...) is never fetched.
  await new Promise((r) => setTimeout(r, 200));
  const attempts = stderrLines.filter((l) => l.includes(GUARD_MARK));
  check('network: the server attempted no connection (schema store off, $id not fetched)', attempts.length === 0, attempts);
}

let shuttingDown = false;
async function shutdown() {
  if (!server) return;
  shuttingDown = true;
  if (server.exitCode === null && server.signalCode === null) {
    try {
      await client.request('shutdown', null, 3000);
      client.notify('exit', null);
    } catch {
      // killed below
    }
    await new Promise((r) => {
      const t = setTimeout(r, 1500);
      server.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  }
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
}

function report() {
  console.log('');
  console.log('Server messages (window/logMessage, window/showMessage, other notifications, stderr):');
  const all = [...(client?.logs ?? []), ...stderrLines.map((l) => `stderr: ${l}`)];
  if (!all.length) console.log('  (none)');
  for (const l of all) console.log(`  ${short(l, 1000)}`);
  if (client) console.log(`Requests the server sent: ${[...new Set(client.serverRequests)].join(', ') || '(none)'}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log('');
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed;
}

const overall = setTimeout(async () => {
  check(`overall timeout of ${OVERALL_TIMEOUT_MS} ms`, false, 'the run did not finish in time');
  report();
  if (server && server.exitCode === null) server.kill('SIGKILL');
  process.exit(2);
}, OVERALL_TIMEOUT_MS);

try {
  await main();
} catch (e) {
  check('the run completed', false, e.stack ?? String(e));
}
await shutdown();
clearTimeout(overall);
const failed = report();
process.exit(failed || results.length === 0 ? 1 : 0);
