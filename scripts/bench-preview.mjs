// Benchmarks the live preview on the bundled example: save → the browser's DOM shows the
// change, over 30 saves (headless Chromium through playwright-core; a MutationObserver in the
// page stamps the moment the new title is in the DOM), then the idle CPU of `serve` (with the
// page open) and of `watch` over 10 s, from /proc/PID/stat. Targets: median ≤ 300 ms, idle ≈ 0.
//
// usage: (cd tests/browser && npm ci) && cargo build --release
//        node scripts/bench-preview.mjs [path/to/mentorcard]   (default target/release/mentorcard)
//        SAVES=50 IDLE_SECONDS=20 node scripts/bench-preview.mjs
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const bin = resolve(process.argv[2] ?? join(targetDir, 'release/mentorcard'));
const saves = Number(process.env.SAVES ?? 30);
const idleSeconds = Number(process.env.IDLE_SECONDS ?? 10);
const TITLE = 'title = "Реверсивное наставничество"';

const dir = mkdtempSync(join(tmpdir(), 'mentorcard-bench-'));
const card = join(dir, 'card.toml');
copyFileSync(join(root, 'examples/reverse-mentoring.toml'), card);
copyFileSync(card, join(dir, 'watched.toml'));
const original = readFileSync(card, 'utf8');
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function start(args) {
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
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

/** utime + stime of a process, in clock ticks. */
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const serve = start(['serve', 'card.toml']);
const watch = start(['watch', 'watched.toml', '-o', 'out']);
let browser;
try {
  await until(() => /http:\/\/127\.0\.0\.1:\d+\//.test(serve.out), 20_000, 'address');
  await until(() => serve.out.includes('пересобрано') && watch.out.includes('слежу'), 20_000, 'first builds');
  const url = serve.out.match(/http:\/\/127\.0\.0\.1:\d+\//)[0];
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  await page.goto(url);
  await page.evaluate(() => {
    window.seen = {};
    new MutationObserver(() => {
      const title = document.querySelector('#title')?.textContent;
      if (title && !(title in window.seen)) window.seen[title] = Date.now();
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  });

  const latencies = [];
  for (let i = 1; i <= saves; i += 1) {
    const title = `Замер ${i}`;
    const saved = Date.now();
    writeFileSync(card, original.replace(TITLE, `title = "${title}"`));
    await page.waitForFunction((t) => t in window.seen, title, { timeout: 10_000 });
    latencies.push((await page.evaluate((t) => window.seen[t], title)) - saved);
    await sleep(250); // let the PDF of this save finish before the next one
  }
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const median = latencies.length % 2
    ? latencies[(latencies.length - 1) / 2]
    : (latencies[latencies.length / 2 - 1] + latencies[latencies.length / 2]) / 2;
  console.log(`save → DOM over ${saves} saves: median ${median} ms, p90 ${at(0.9)} ms, min ${latencies[0]} ms, max ${latencies.at(-1)} ms (target median ≤ 300 ms)`);

  await sleep(1000);
  const tick = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const before = [cpuTicks(serve.pid), cpuTicks(watch.pid)];
  await sleep(idleSeconds * 1000);
  const after = [cpuTicks(serve.pid), cpuTicks(watch.pid)];
  const [s, w] = after.map((t, i) => t - before[i]);
  const percent = (t) => ((100 * t) / tick / idleSeconds).toFixed(2);
  console.log(`idle CPU over ${idleSeconds} s: serve ${percent(s)} % (${s} ticks, page open), watch ${percent(w)} % (${w} ticks)`);
  process.exitCode = median <= 300 ? 0 : 1;
} finally {
  await browser?.close();
  serve.kill('SIGINT');
  watch.kill('SIGINT');
  await sleep(300);
  rmSync(dir, { recursive: true, force: true });
}
