// Benchmarks `mentorcard edit` on the bundled example: keystroke → the field's message and
// character count updated, and keystroke → the preview showing the new text, over 30 edits
// of criterion 5 (headless Chromium through playwright-core; the page stamps both moments
// with performance.now()). Baseline in the same run: `mentorcard check` of the same card as
// a process, which is what she would run without the form. Goal: median ≤ 150 ms.
//
// usage: (cd tests/browser && npm ci) && cargo build --release
//        node scripts/bench-editor.mjs [path/to/mentorcard]   (default target/release/mentorcard)
//        EDITS=50 node scripts/bench-editor.mjs
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const bin = resolve(process.argv[2] ?? join(targetDir, 'release/mentorcard'));
const edits = Number(process.env.EDITS ?? 30);

const dir = mkdtempSync(join(tmpdir(), 'mentorcard-bench-editor-'));
copyFileSync(join(root, 'examples/reverse-mentoring.toml'), join(dir, 'card.toml'));
const server = spawn(bin, ['edit', 'card.toml', '--no-open'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
let out = '';
server.stdout.on('data', (d) => (out += d));
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p90: s[Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)] };
};
const ms = (x) => `${x.toFixed(1)} ms`;

let browser;
try {
  for (let i = 0; i < 400 && !/http:\/\/127\.0\.0\.1:\d+\//.test(out); i += 1) await sleep(25);
  const url = out.match(/http:\/\/127\.0\.0\.1:\d+\//)[0];
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.locator('#summary p').first().waitFor();
  await page.frameLocator('#preview').locator('h1').first().waitFor();
  const area = page.locator('[data-path="criteria.concept"] textarea');
  await area.click();
  await page.keyboard.press('End');
  const counted = [];
  const previewed = [];
  for (let i = 0; i < edits; i += 1) {
    const mark = `Z${i}Q`;
    await page.evaluate((mark) => {
      const count = document.querySelector('[data-path="criteria.concept"] .count');
      const frame = document.getElementById('preview');
      window.times = {};
      window.addEventListener('keydown', () => { window.times.key = performance.now(); }, { once: true });
      new MutationObserver((_, obs) => { window.times.count = performance.now(); obs.disconnect(); })
        .observe(count, { childList: true, characterData: true, subtree: true });
      frame.addEventListener('load', function loaded() {
        if (frame.contentDocument?.body?.textContent.includes(mark)) {
          window.times.preview = performance.now();
          frame.removeEventListener('load', loaded);
        }
      });
    }, mark);
    await page.keyboard.type(mark, { delay: 0 });
    await page.waitForFunction(() => window.times.preview && window.times.count, null, { timeout: 10_000 });
    const t = await page.evaluate(() => window.times);
    counted.push(t.count - t.key);
    previewed.push(t.preview - t.key);
    await sleep(1000); // let the autosave happen between edits, as when she pauses
  }
  const check = [];
  for (let i = 0; i < 10; i += 1) {
    const start = process.hrtime.bigint();
    try { execFileSync(bin, ['check', 'card.toml'], { cwd: dir, stdio: 'ignore' }); } catch {}
    check.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const [c, p, b] = [stats(counted), stats(previewed), stats(check)];
  console.log(`edits: ${edits} (typing starts the check ${40} ms after the last key)`);
  console.log(`keystroke → message and count: median ${ms(c.median)}, p90 ${ms(c.p90)}`);
  console.log(`keystroke → preview shows it:  median ${ms(p.median)}, p90 ${ms(p.p90)}`);
  console.log(`baseline, \`mentorcard check\` as a process: median ${ms(b.median)}`);
  console.log(`ratio, preview / check: ${(p.median / b.median).toFixed(2)}; goal: median ≤ 150 ms → ${p.median <= 150 ? 'met' : 'not met'}`);
} finally {
  await browser?.close().catch(() => {});
  server.kill('SIGINT');
  await sleep(200);
  rmSync(dir, { recursive: true, force: true });
}
