// Drives a Taplo language server (what Even Better TOML runs) over stdio as an editor does:
// opens a card, prints the diagnostics the server publishes and the hover text at the given
// positions, as JSON. Not part of `cargo test`: it needs a Taplo with its LSP, which the PyPI
// and npm builds (0.9) leave out; `cargo install taplo-cli` (default features) builds one.
//
// Usage: node tests/external/taplo-lsp.mjs TAPLO CARD.toml [LINE:COLUMN ...]  (0-based)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [taplo, file, ...positions] = process.argv.slice(2);
const abs = path.resolve(file);
const uri = pathToFileURL(abs).href;
const root = pathToFileURL(path.dirname(abs)).href;
const lsp = spawn(taplo, ["lsp", "stdio"], { stdio: ["pipe", "pipe", "ignore"] });
let buf = Buffer.alloc(0);
let id = 0;
const pending = new Map();
let diags = null;
lsp.stdout.on("data", (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const head = buf.indexOf("\r\n\r\n");
    if (head < 0) return;
    const len = Number(/Content-Length: (\d+)/i.exec(buf.slice(0, head).toString())[1]);
    if (buf.length < head + 4 + len) return;
    const msg = JSON.parse(buf.slice(head + 4, head + 4 + len).toString());
    buf = buf.slice(head + 4 + len);
    if (msg.id !== undefined && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    } else if (msg.id !== undefined && msg.method) {
      // a request from the server (workspace/configuration etc.)
      send({ jsonrpc: "2.0", id: msg.id, result: msg.method === "workspace/configuration" ? (msg.params.items || []).map(() => ({})) : null });
    } else if (msg.method === "textDocument/publishDiagnostics" && msg.params.uri === uri) {
      diags = msg.params.diagnostics;
    }
  }
});
function send(m) {
  const s = JSON.stringify(m);
  lsp.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
}
function request(method, params) {
  return new Promise((res) => {
    const i = ++id;
    pending.set(i, res);
    send({ jsonrpc: "2.0", id: i, method, params });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await request("initialize", { processId: process.pid, rootUri: root, capabilities: {}, workspaceFolders: [{ uri: root, name: "w" }] });
send({ jsonrpc: "2.0", method: "initialized", params: {} });
send({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "toml", version: 1, text: readFileSync(abs, "utf8") } } });
for (let i = 0; i < 100 && diags === null; i++) await sleep(100);
await sleep(500);
const out = { diagnostics: (diags || []).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`), hovers: {} };
for (const p of positions) {
  const [line, character] = p.split(":").map(Number);
  const r = await request("textDocument/hover", { textDocument: { uri }, position: { line, character } });
  out.hovers[p] = r.result ? r.result.contents.value : null;
}
console.log(JSON.stringify(out, null, 1));
lsp.kill();
process.exit(0);
