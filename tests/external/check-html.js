// Checks a built HTML page in headless Chromium: no horizontal scroll at 375 px, zero axe-core
// violations at 375 and 1280 px, no network requests, and print-to-PDF with the table header
// repeated. Usage: node check-html.js PAGE.html OUT_PREFIX  (writes OUT_PREFIX-*.png and .pdf)
const { chromium } = require('playwright-core');
const fs = require('fs');

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

(async () => {
  const [file, prefix] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  let failures = 0;
  const requests = [];
  for (const width of [375, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto('file://' + fs.realpathSync(file));
    const d = await page.evaluate(() => ({
      sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,
    }));
    console.log(`${width} px: scrollWidth ${d.sw}, clientWidth ${d.cw}`);
    if (d.sw > d.cw) { console.log('  FAIL: horizontal scroll'); failures++; }
    await page.addScriptTag({ content: axeSource });
    const res = await page.evaluate(async () => await axe.run(document));
    console.log(`${width} px: ${res.violations.length} axe-core violations`);
    for (const v of res.violations) {
      console.log('  FAIL:', v.id, v.impact, v.help, v.nodes.map((n) => n.target.join(' ')).slice(0, 3));
      failures++;
    }
    await page.screenshot({ path: `${prefix}-${width}.png` });
    await page.close();
  }
  const page = await browser.newPage();
  await page.goto('file://' + fs.realpathSync(file));
  await page.pdf({ path: `${prefix}.pdf`, preferCSSPageSize: true });
  await browser.close();
  if (requests.length) { console.log('FAIL: network requests', requests); failures++; }
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
