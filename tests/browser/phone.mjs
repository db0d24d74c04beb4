// The built HTML page in a real browser, from a small phone to a desktop: headless Chromium
// driven by playwright-core opens the example's page at each width and measures every visible
// table cell. A cell must be wide enough to read (no label squeezed to one letter per line,
// as the unnumbered special-needs row once was at 375 px), its text must fit inside it, and
// nothing may scroll sideways. Exits non-zero on any failure.
//
// usage: node tests/browser/phone.mjs [path/to/mentorcard]   (default target/debug/mentorcard)
//        CHROMIUM=/path/to/chromium SCREENSHOTS=dir node tests/browser/phone.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = resolve(process.argv[2] ?? join(root, 'target/debug/mentorcard'));
const shots = process.env.SCREENSHOTS;
const dir = mkdtempSync(join(tmpdir(), 'mentorcard-phone-'));

/// Widths in CSS px: the smallest phones still sold, the common phone, a tablet, a desktop.
const VIEWPORTS = [
  { name: 'small phone', width: 320, height: 640 },
  { name: 'phone', width: 375, height: 812 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1280, height: 800 },
];
/// A label or content cell narrower than this cannot be read comfortably (about 12 letters).
const MIN_CELL_PX = 120;
/// Fewer letters than this per line on average means the text is being squeezed.
const MIN_LETTERS_PER_LINE = 8;
/// The special-needs label is the longest (92 letters): at 12 letters a line it takes 8 lines.
const READABLE_LETTERS_PER_LINE = 12;

setTimeout(() => finish('the browser test timed out after 120 s'), 120_000).unref();

let browser;
let passed = 0;
let failed = 0;

async function finish(problem) {
  if (problem) {
    failed += 1;
    console.log(`not ok - ${problem}`);
  }
  await browser?.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/// Runs in the page: every visible cell of the criteria table with what was measured.
function measureCells() {
  const lineOf = (el) => {
    const style = getComputedStyle(el);
    const line = parseFloat(style.lineHeight);
    return Number.isFinite(line) ? line : parseFloat(style.fontSize) * 1.2;
  };
  // The lines a cell's text sits on: distinct tops of its text fragments, and its letters.
  const textLines = (cell) => {
    const tops = [];
    let letters = 0;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      letters += node.textContent.replace(/\s/g, '').length;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && !tops.some((t) => Math.abs(t - r.top) < 2)) tops.push(r.top);
      }
    }
    return { lines: tops.length, letters };
  };
  const cells = [];
  for (const cell of document.querySelectorAll('table.criteria th, table.criteria td')) {
    const rect = cell.getBoundingClientRect();
    const inHiddenHead = cell.closest('thead') && cell.closest('thead').getBoundingClientRect().width <= 1;
    if (inHiddenHead || !cell.checkVisibility()) continue;
    const row = cell.closest('tr');
    const num = row.querySelector('.num');
    cells.push({
      kind: cell.classList.contains('num') ? 'num' : cell.classList.contains('label') ? 'label' : 'content',
      row: row.id || 'header',
      unnumbered: !!num && num.textContent.trim() === '',
      text: cell.textContent.trim().slice(0, 40),
      left: rect.left,
      right: rect.right,
      width: rect.width,
      height: rect.height,
      line: lineOf(cell),
      overflow: cell.scrollWidth - cell.clientWidth,
      ...textLines(cell),
    });
  }
  return {
    cells,
    pageWidth: document.documentElement.scrollWidth,
    pageHeight: document.documentElement.scrollHeight,
  };
}

const env = { ...process.env };
delete env.MENTORCARD_LANG;
delete env.SOURCE_DATE_EPOCH;

try {
  const built = spawnSync(bin, ['build', join(root, 'examples/reverse-mentoring.toml'), '-f', 'html', '-o', dir], {
    encoding: 'utf8',
    timeout: 60_000,
    env,
  });
  check(built.status === 0, `mentorcard build exited ${built.status}: ${built.stderr}`);
  const url = pathToFileURL(join(dir, 'reverse-mentoring.html')).href;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  for (const viewport of VIEWPORTS) {
    const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
    await page.goto(url);
    const { cells, pageWidth, pageHeight } = await page.evaluate(measureCells);
    if (shots) await page.screenshot({ path: join(shots, `page-${viewport.width}.png`), fullPage: true });
    const at = `at ${viewport.width} px`;
    const where = (c) => `${c.kind} cell of ${c.row} («${c.text}…»): ${Math.round(c.width)}×${Math.round(c.height)} px, ${c.letters} letters on ${c.lines} lines`;
    const widths = (kind) => cells.filter((c) => c.kind === kind).map((c) => Math.round(c.width));
    console.log(`# ${viewport.name} ${at}: page ${pageWidth}×${pageHeight} px; ${cells.length} cells; ` +
      `label widths ${Math.min(...widths('label'))}–${Math.max(...widths('label'))} px, ` +
      `content widths ${Math.min(...widths('content'))}–${Math.max(...widths('content'))} px`);

    // Every check runs at every width, so one run reports all that is wrong.
    const step = (name, run) => {
      try {
        run();
        passed += 1;
        console.log(`ok - ${name} ${at}`);
      } catch (e) {
        failed += 1;
        console.log(`not ok - ${name} ${at}: ${e.message}`);
      }
    };
    step('the page does not scroll sideways', () => {
      check(pageWidth <= viewport.width, `the page is ${pageWidth} px wide`);
      for (const c of cells) check(c.right <= viewport.width + 0.5 && c.left >= -0.5, `outside the screen: ${where(c)}`);
    });
    step('every label and content cell is wide enough to read', () => {
      check(cells.length > 0, 'no table cells found');
      for (const c of cells.filter((c) => c.kind !== 'num')) check(c.width >= MIN_CELL_PX, `too narrow: ${where(c)}`);
    });
    step('no cell squeezes its text to a few letters per line', () => {
      for (const c of cells) {
        if (c.kind === 'num') {
          check(c.lines <= 1, `a number broken over lines: ${where(c)}`);
        } else if (c.letters >= MIN_LETTERS_PER_LINE) {
          check(c.letters / c.lines >= MIN_LETTERS_PER_LINE, `squeezed: ${where(c)}`);
        }
      }
    });
    step('the text of every cell stays inside it', () => {
      for (const c of cells) check(c.overflow <= 1, `text overflows by ${c.overflow} px: ${where(c)}`);
    });
    step('the special-needs row shows its label in readable lines', () => {
      const label = cells.find((c) => c.kind === 'label' && c.unnumbered);
      check(label, 'no unnumbered row in the example');
      const lines = Math.ceil(label.letters / READABLE_LETTERS_PER_LINE);
      check(label.width >= MIN_CELL_PX, `its label is too narrow: ${where(label)}`);
      check(label.lines <= lines, `its label takes more than ${lines} lines: ${where(label)}`);
      check(label.height <= label.line * lines + 20, `its label is too tall: ${where(label)}`);
    });
    await page.close();
  }
  await finish();
} catch (e) {
  await finish(e.stack ?? String(e));
}
