// `mentorcard serve` in a real browser: headless Chromium driven by playwright-core opens the
// preview; a new title saved in the card appears by itself within 1 s; a syntax error shows
// the error panel naming its line over the last good page; the fix removes the panel.
// Between saves the page sends no request (no polling). Exits non-zero on any failure.
//
// usage: node tests/browser/preview.mjs [path/to/mentorcard]   (default target/debug/mentorcard)
//        CHROMIUM=/path/to/chromium SCREENSHOTS=dir node tests/browser/preview.mjs
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:net';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = resolve(process.argv[2] ?? join(root, 'target/debug/mentorcard'));
const shots = process.env.SCREENSHOTS;
const TITLE = 'title = "Реверсивное наставничество"';
const dir = mkdtempSync(join(tmpdir(), 'mentorcard-browser-'));
const card = join(dir, 'card.toml');
copyFileSync(join(root, 'examples/reverse-mentoring.toml'), card);
const original = readFileSync(card, 'utf8');
const save = (text) => writeFileSync(card, text);

// Nothing here may hang: the whole run has a deadline.
setTimeout(() => finish('the browser test timed out after 120 s'), 120_000).unref();

const env = { ...process.env };
delete env.MENTORCARD_LANG;
delete env.SOURCE_DATE_EPOCH;
const server = spawn(bin, ['serve', 'card.toml'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
let err = '';
server.stdout.on('data', (d) => (out += d));
server.stderr.on('data', (d) => (err += d));
const exited = new Promise((done) => server.on('exit', (code, signal) => done({ code, signal })));

let browser;
let passed = 0;
let failed = 0;

async function finish(problem) {
  if (problem) {
    failed += 1;
    console.log(`not ok - ${problem}\n--- server stdout\n${out}--- server stderr\n${err}`);
  }
  await browser?.close().catch(() => {});
  if (server.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

async function step(name, run) {
  await run();
  passed += 1;
  console.log(`ok - ${name}`);
}

function until(what, test, ms) {
  return new Promise((done, fail) => {
    const end = Date.now() + ms;
    const tick = () => {
      if (server.exitCode !== null) return fail(new Error(`the server exited (${server.exitCode}) before ${what}`));
      const value = test();
      if (value) return done(value);
      if (Date.now() > end) return fail(new Error(`no ${what} within ${ms} ms`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

try {
  const url = (await until('address', () => out.match(/http:\/\/127\.0\.0\.1:\d+\//), 20_000))[0];
  await until('first build', () => out.includes('пересобрано за'), 20_000);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const title = () => page.locator('#title').textContent();
  const panel = page.locator('#mentorcard-problems');

  await step('the preview opens with the card and a link to its PDF', async () => {
    await page.goto(url);
    check((await title()) === 'Реверсивное наставничество', `title: ${await title()}`);
    const href = await page.locator('#mentorcard-pdf').getAttribute('href');
    const pdf = await page.request.get(new URL(href, url).href);
    check(pdf.headers()['content-type'] === 'application/pdf', 'the PDF link serves a PDF');
    check((await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'the PDF starts with %PDF-');
    await page.evaluate(() => (window.notReloaded = true));
  });

  await step('a new title saved in the card shows by itself within 1 s', async () => {
    save(original.replace(TITLE, 'title = "Новое название практики"'));
    await page.waitForFunction(
      () => document.querySelector('#title')?.textContent === 'Новое название практики',
      null,
      { timeout: 1000 },
    );
    check((await page.title()) === 'Новое название практики', `document title: ${await page.title()}`);
    check(await page.evaluate(() => window.notReloaded === true), 'updated in place, not reloaded');
  });

  await step('between saves the page sends no request', async () => {
    await page.waitForTimeout(300);
    const before = requests.length;
    await page.waitForTimeout(1500);
    check(requests.length === before, `requests while idle: ${requests.slice(before).join(', ')}`);
  });

  await step('a syntax error shows the error panel naming its line', async () => {
    save(original.replace(TITLE, 'title = "Новое название практики'));
    await panel.waitFor({ state: 'visible', timeout: 5000 });
    const text = await panel.innerText();
    check(text.includes('card.toml:6:9'), `the panel names file:line:column: ${text}`);
    check(text.includes('6 | title = "Новое название практики'), `the panel shows the line: ${text}`);
    check(text.includes('подсказка:'), `the panel gives the hint: ${text}`);
    check((await title()) === 'Новое название практики', 'the last good page stays under the panel');
    if (shots) await page.screenshot({ path: join(shots, 'preview-error-panel.png') });
  });

  await step('the fix removes the panel and the card is back', async () => {
    save(original);
    await panel.waitFor({ state: 'detached', timeout: 5000 });
    await page.waitForFunction(() => document.querySelector('#title')?.textContent === 'Реверсивное наставничество', null, { timeout: 5000 });
    if (shots) await page.screenshot({ path: join(shots, 'preview-fixed.png') });
  });

  await step('nine tabs all update after a save: they share one event stream', async () => {
    // a browser keeps at most six connections to one server: one stream per tab would
    // leave the seventh tab and after it without news of a build
    const context = await browser.newContext();
    const tabs = [];
    for (let i = 0; i < 9; i += 1) {
      const tab = await context.newPage();
      await tab.goto(url);
      tabs.push(tab);
    }
    save(original.replace(TITLE, 'title = "Девять вкладок"'));
    await Promise.all(tabs.map((tab) => tab.waitForFunction(
      () => document.querySelector('#title')?.textContent === 'Девять вкладок',
      null,
      { timeout: 5000 },
    )));
    await context.close();
    save(original);
    await page.waitForFunction(() => document.querySelector('#title')?.textContent === 'Реверсивное наставничество', null, { timeout: 5000 });
  });

  await step('an endless request header is cut off with 431, and the server stays up', async () => {
    const { port } = new URL(url);
    const answer = await new Promise((done, fail) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nX-Endless: ');
        socket.write('a'.repeat(200_000));
      });
      let got = '';
      socket.on('data', (d) => (got += d));
      socket.on('error', () => done(got));
      socket.on('close', () => done(got));
      setTimeout(() => fail(new Error('no answer to an endless header')), 10_000).unref();
    });
    check(answer.startsWith('HTTP/1.1 431'), `answer: ${answer.slice(0, 80)}`);
    const again = await page.request.get(url);
    check(again.ok(), 'the server still answers');
  });

  await step('Ctrl-C stops the server with exit code 0 and leaves no file', async () => {
    server.kill('SIGINT');
    const { code } = await exited;
    check(code === 0, `exit code ${code}`);
    const left = readdirSync(dir).filter((name) => name !== 'card.toml');
    check(left.length === 0, `files left: ${left.join(', ')}`);
  });
  await finish();
} catch (e) {
  await finish(e.stack ?? String(e));
}
