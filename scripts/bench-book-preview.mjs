// Benchmarks `serve` on a сборник: one card of an N-practice сборник saved → its new title in
// the browser's DOM, against the same for a lone card, in one run (headless Chromium through
// playwright-core; a MutationObserver stamps the moment the title is in the DOM). Goal: the
// сборник ≤ 4 × the lone card (median over SAVES saves).
//
// usage: (cd tests/browser && npm ci) && cargo build --release
//        node scripts/bench-book-preview.mjs [path/to/mentorcard]   (N=200 SAVES=10)
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const bin = resolve(process.argv[2] ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'release/mentorcard'));
const n = Number(process.env.N ?? 200);
const saves = Number(process.env.SAVES ?? 10);
const TITLE = 'title = "Реверсивное наставничество"';
const example = readFileSync(join(root, 'examples/reverse-mentoring.toml'), 'utf8');
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

const dir = mkdtempSync(join(tmpdir(), 'mentorcard-bench-book-'));
mkdirSync(join(dir, 'cards'));
const name = (i) => join(dir, 'cards', `${String(i).padStart(4, '0')}.toml`);
for (let i = 1; i <= n; i += 1) writeFileSync(name(i), example.replace(TITLE, `title = "Практика ${i}"`));
writeFileSync(join(dir, 'book.toml'), '[collection]\ntitle = "Сборник"\ncards = ["cards/*.toml"]\n');
copyFileSync(join(root, 'examples/reverse-mentoring.toml'), join(dir, 'lone.toml'));

function start(file) {
  const child = spawn(bin, ['serve', file], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
  child.out = '';
  child.stdout.on('data', (d) => (child.out += d));
  return child;
}

async function until(test, ms, what) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms`);
    await sleep(20);
  }
}

/** Median save → DOM over `saves` saves of `file`, whose title becomes `prefix N`. */
async function measure(browser, server, file, prefix) {
  await until(() => /http:\/\/127\.0\.0\.1:\d+\//.test(server.out) && server.out.includes('пересобрано'), 120_000, 'first build');
  const url = server.out.match(/http:\/\/127\.0\.0\.1:\d+\//)[0];
  const page = await browser.newPage();
  await page.goto(url);
  await page.evaluate(() => {
    window.seen = {};
    new MutationObserver(() => {
      for (const h of document.querySelectorAll('h1, h2')) {
        const t = h.textContent;
        if (t.startsWith('Замер') && !(t in window.seen)) window.seen[t] = Date.now();
      }
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  });
  const original = readFileSync(file, 'utf8');
  const times = [];
  for (let i = 1; i <= saves; i += 1) {
    const title = `Замер ${prefix} ${i}`;
    const saved = Date.now();
    writeFileSync(file, original.replace(/^title = ".*"$/m, `title = "${title}"`));
    await page.waitForFunction((t) => t in window.seen, title, { timeout: 60_000 });
    times.push((await page.evaluate((t) => window.seen[t], title)) - saved);
    await sleep(2500); // the PDF of this save is made before the next one
  }
  await page.close();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

let browser;
const servers = [];
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  servers.push(start('lone.toml'));
  const lone = await measure(browser, servers[0], join(dir, 'lone.toml'), 'lone');
  servers[0].kill('SIGINT');
  servers.push(start('book.toml'));
  const book = await measure(browser, servers[1], name(Math.ceil(n / 2)), 'book');
  console.log(`save → DOM, median over ${saves} saves: lone card ${lone} ms, card ${Math.ceil(n / 2)} of a ${n}-practice сборник ${book} ms`);
  console.log(`ratio сборник / lone card = ${(book / lone).toFixed(1)} (goal ≤ 4)`);
} finally {
  await browser?.close();
  for (const s of servers) s.kill('SIGINT');
  await sleep(300);
  rmSync(dir, { recursive: true, force: true });
}
