// `mentorcard edit` in a real browser: headless Chromium driven by playwright-core fills in
// the form. The example's criteria stand in the fields labelled with the form's wording;
// typing saves by itself, touching no other line of the file (comments included), and the
// preview shows the new text; an emptied criterion shows its message beside it; a change made
// to the file elsewhere reaches the form, and one that meets her unsaved text is asked about;
// a new card is written on first save; a save replayed from another origin or host or without
// the token changes nothing; nothing scrolls sideways at 375 px. Exits non-zero on a failure.
//
// usage: node tests/browser/editor.mjs [path/to/mentorcard]   (default target/debug/mentorcard)
//        CHROMIUM=/path/to/chromium SCREENSHOTS=dir node tests/browser/editor.mjs
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = resolve(process.argv[2] ?? join(root, 'target/debug/mentorcard'));
const shots = process.env.SCREENSHOTS;
const dir = mkdtempSync(join(tmpdir(), 'mentorcard-editor-'));
const card = join(dir, 'card.toml');
copyFileSync(join(root, 'examples/reverse-mentoring.toml'), card);
const original = readFileSync(card, 'utf8');

setTimeout(() => finish('the editor test timed out after 150 s'), 150_000).unref();

const env = { ...process.env };
delete env.MENTORCARD_LANG;
delete env.SOURCE_DATE_EPOCH;
const servers = [];
function start(file) {
  const server = spawn(bin, ['edit', file, '--no-open'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.out = '';
  server.err = '';
  server.stdout.on('data', (d) => (server.out += d));
  server.stderr.on('data', (d) => (server.err += d));
  server.exited = new Promise((done) => server.on('exit', (code) => done(code)));
  servers.push(server);
  return server;
}

let browser;
let passed = 0;
let failed = 0;

async function finish(problem) {
  if (problem) {
    failed += 1;
    const logs = servers.map((s) => `--- stdout\n${s.out}--- stderr\n${s.err}`).join('\n');
    console.log(`not ok - ${problem}\n${logs}`);
  }
  await browser?.close().catch(() => {});
  for (const s of servers) if (s.exitCode === null) s.kill('SIGKILL');
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
      const value = test();
      if (value) return done(value);
      if (Date.now() > end) return fail(new Error(`no ${what} within ${ms} ms`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// A raw request, so that Host and Origin can be anything a hostile page could send.
function raw(port, { method = 'POST', path = '/api/save', headers = {}, body = '' }) {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => done({ status: res.statusCode, data }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const address = async (server) => (await until('address', () => server.out.match(/^http:\/\/127\.0\.0\.1:(\d+)\/$/m), 20_000));
const tomlValue = (key) => {
  // the example's one-line values and ''' blocks, enough to compare with the form
  const text = readFileSync(card, 'utf8');
  const block = text.match(new RegExp(`^${key} = '''\\n([\\s\\S]*?)'''`, 'm'));
  if (block) return block[1];
  return JSON.parse(text.match(new RegExp(`^${key} = (".*")$`, 'm'))[1]);
};

try {
  const server = start('card.toml');
  const [url, port] = await address(server);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  const field = (label) => page.getByLabel(label, { exact: true });
  const box = (path) => page.locator(`.field[data-path="${path}"]`);

  await step('each criterion of the example stands in the field labelled with the form\'s wording', async () => {
    await page.goto(url);
    await page.locator('#summary p').first().waitFor({ timeout: 10_000 });
    const rows = {
      'Наименование практики': 'name',
      'Проблема, на решение которой направлена практика': 'problem',
      'Цель практики': 'goal',
      'Концептуальная идея': 'concept',
      'Средства, формы и методы реализации': 'methods',
      'Результативность практики': 'results',
      'Эффективность практики': 'effectiveness',
      'Условия применения практики': 'conditions',
      'Период реализации практики': 'period',
      'Тиражируемость практики': 'replicability',
      'Применение практики для поддержки обучающихся с особыми образовательными или социальными потребностями': 'special_needs',
    };
    for (const [label, key] of Object.entries(rows)) {
      const value = await field(label).inputValue();
      check(value.trimEnd() === tomlValue(key).trimEnd(), `«${label}»: ${value.slice(0, 60)}…`);
    }
    check((await field('Название практики (заголовок документа)').inputValue()) === 'Реверсивное наставничество', 'the title');
    const roles = await box('criteria.participants').getByLabel('Должность или роль', { exact: true }).evaluateAll((els) => els.map((e) => e.value));
    check(JSON.stringify(roles) === JSON.stringify(['Педагог дополнительного образования', 'Воспитатель']), `participants: ${roles}`);
    const legend = await box('criteria.norms').locator('.legend').innerText();
    check(legend.includes('Нормативное подкрепление практики'), `norms: ${legend}`);
    const record = box('criteria.norms').locator('.record').first();
    await record.waitFor({ timeout: 5000 });
    check((await record.innerText()).includes('273-ФЗ'), 'the first act is shown as it prints');
    if (shots) await page.screenshot({ path: join(shots, 'editor-desktop.png') });
  });

  await step('typing in a criterion saves by itself; no other line of the file changes; the preview shows it', async () => {
    const goal = field('Концептуальная идея');
    await goal.fill('Старший учится у младшего: новая концептуальная идея.');
    await until('the save', () => readFileSync(card, 'utf8').includes('новая концептуальная идея'), 5000);
    const now = readFileSync(card, 'utf8').split('\n');
    const before = original.split('\n');
    const changedLines = before.filter((l, i) => now[i] !== l);
    check(now.length === before.length, `lines: ${before.length} → ${now.length}`);
    check(changedLines.length === 1 && changedLines[0].startsWith('concept = '), `changed: ${changedLines}`);
    const frame = page.frameLocator('#preview');
    await frame.getByText('новая концептуальная идея').first().waitFor({ timeout: 5000 });
    await page.waitForFunction(() => document.getElementById('status').textContent === 'Сохранено', null, { timeout: 5000 })
      .catch(async () => check(false, `status: ${await page.locator('#status').innerText()}`));
  });

  await step('an emptied required criterion shows its message beside the field', async () => {
    await field('Цель практики').fill('');
    const msg = box('criteria.goal').locator('.msg.error');
    await msg.first().waitFor({ timeout: 5000 });
    const text = await msg.first().innerText();
    check(/Цель практики/.test(text), `message: ${text}`);
    check(/Ошибок: [1-9]/.test(await page.locator('#summary').innerText()), 'the summary counts it');
    if (shots) await page.screenshot({ path: join(shots, 'editor-error.png') });
    await field('Цель практики').fill('Цель снова на месте.');
    await msg.first().waitFor({ state: 'detached', timeout: 5000 });
    await until('the save', () => readFileSync(card, 'utf8').includes('Цель снова на месте.'), 5000);
  });

  await step('a change made to the file elsewhere reaches the form', async () => {
    const text = readFileSync(card, 'utf8').replace(/^problem = .*$/m, 'problem = "Проблема из текстового редактора"');
    writeFileSync(card, text);
    await page.waitForFunction(
      () => document.querySelector('[data-path="criteria.problem"] textarea')?.value === 'Проблема из текстового редактора',
      null, { timeout: 5000 });
  });

  await step('a change on disk that meets her unsaved text is asked about, not overwritten', async () => {
    const area = field('Тиражируемость практики');
    await area.fill('Мой несохранённый текст');
    const text = readFileSync(card, 'utf8').replace(/^replicability = '''\n[\s\S]*?'''/m, 'replicability = "Текст из другой программы"');
    writeFileSync(card, text);
    await until('the question', () => dialogs.length > 0, 8000);
    check(dialogs[0].includes('Тиражируемость практики'), `dialog: ${dialogs[0]}`);
    // accepted: her text stays, and is saved over the other one knowingly
    await until('her text saved', () => readFileSync(card, 'utf8').includes('Мой несохранённый текст'), 5000);
  });

  await step('a save replayed from another origin, another host or without the token changes nothing', async () => {
    const token = await page.locator('meta[name="mentorcard-token"]').getAttribute('content');
    const before = readFileSync(card, 'utf8');
    const body = JSON.stringify({ changes: { title: { base: 'Реверсивное наставничество', value: 'Взлом' } } });
    const own = `http://127.0.0.1:${port}`;
    const attempts = [
      { headers: { Host: `127.0.0.1:${port}`, Origin: 'http://evil.example', 'X-Mentorcard-Token': token }, body },
      { headers: { Host: `evil.example:${port}`, Origin: own, 'X-Mentorcard-Token': token }, body },
      { headers: { Host: `127.0.0.1:${port}`, Origin: own }, body },
      { headers: { Host: `127.0.0.1:${port}`, Origin: own, 'X-Mentorcard-Token': 'f'.repeat(32) }, body },
      { method: 'GET', path: '/api/card', headers: { Host: `127.0.0.1:${port}` } },
    ];
    for (const attempt of attempts) {
      const { status } = await raw(port, attempt);
      check(status === 403, `status ${status} for ${JSON.stringify(attempt.headers)}`);
    }
    check(readFileSync(card, 'utf8') === before, 'the card is unchanged');
  });

  await step('at 375 px nothing scrolls sideways and the preview is below the form', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForTimeout(200);
    const { scroll, client, formBottom, previewTop } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      formBottom: document.getElementById('form').getBoundingClientRect().bottom,
      previewTop: document.getElementById('preview').getBoundingClientRect().top,
    }));
    check(scroll <= client, `scrollWidth ${scroll} > ${client}`);
    check(previewTop >= formBottom, 'the preview is below the form');
    if (shots) await page.screenshot({ path: join(shots, 'editor-phone.png'), fullPage: false });
  });

  await step('Ctrl-C ends it with exit code 0 and leaves no temporary file', async () => {
    server.kill('SIGINT');
    check((await server.exited) === 0, 'exit code');
    const left = readdirSync(dir).filter((name) => name !== 'card.toml');
    check(left.length === 0, `files left: ${left.join(', ')}`);
  });

  await step('a new card from an empty form is written on first save, and check lists what is missing', async () => {
    const fresh = start('new.toml');
    const [url2] = await address(fresh);
    const p = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await p.goto(url2);
    await p.locator('#summary p').first().waitFor({ timeout: 10_000 });
    check(!existsSync(join(dir, 'new.toml')), 'no file before the first save');
    await p.getByLabel('Название практики (заголовок документа)', { exact: true }).fill('Новая практика');
    await p.getByLabel('Цель практики', { exact: true }).fill('Научить молодых педагогов работать с родителями.');
    await until('the new file', () => existsSync(join(dir, 'new.toml')) && readFileSync(join(dir, 'new.toml'), 'utf8').includes('Научить'), 5000);
    const checked = spawnSync(bin, ['check', 'new.toml'], { cwd: dir, env, encoding: 'utf8' });
    check(checked.status === 1, `check exit ${checked.status}`);
    const said = checked.stdout + checked.stderr;
    check(said.includes('«Проблема, на решение которой направлена практика»'), `check: ${said.slice(0, 300)}`);
    check(!said.includes('«Цель практики»'), 'the goal is there');
    fresh.kill('SIGINT');
    check((await fresh.exited) === 0, 'exit code');
  });
  await finish();
} catch (e) {
  await finish(e.stack ?? String(e));
}
