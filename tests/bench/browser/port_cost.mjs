// port_cost.mjs — what an extension's messaging costs a page's main thread before the recorder does anything: the first touch of chrome.runtime, connect(), the listeners, a message.
// Run: node tests/bench/browser/port_cost.mjs [PAGES]   (a tool for whoever weighs the recorder's cost; page loads of the shop, means in µs)
// The recorder (recorder.js) pays these on every page it records; rrweb, which sends nothing, does not.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium, source, startShop } from '../../browser/harness.mjs';

const pages = Number(process.argv[2] || 40);
const probe = join(source, 'tests/bench/browser/port_cost');
const profile = mkdtempSync(join(tmpdir(), 'semtrace-port-cost-'));
const shop = await startShop();
const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', `--disable-extensions-except=${probe}`, `--load-extension=${probe}`, '--disable-gpu'] });
try {
  const page = await context.newPage();
  const rows = [];
  page.on('console', (m) => { if (m.text().startsWith('port-cost ')) rows.push(m.text().split(' ').slice(1).map(Number)); });
  for (let i = 0; i < pages; ++i) {
    await page.goto(`${shop.url}?visit=${i}`);
    await page.waitForTimeout(150);
  }
  const names = ['first touch of chrome.runtime', 'runtime.connect()', 'two listeners', 'first postMessage', 'second', 'third'];
  // performance.now() is coarsened to 100 µs in a page: one figure says little, a mean over many pages does.
  console.log(`${rows.length} page loads of the shop, Chromium's main thread, mean µs (performance.now, coarsened to 100 µs each):`);
  names.forEach((name, k) => console.log(`  ${name.padEnd(30)} ${(rows.reduce((s, r) => s + r[k], 0) / rows.length).toFixed(0)}`));
} finally {
  await context.close();
  shop.close();
  rmSync(profile, { recursive: true, force: true });
}
