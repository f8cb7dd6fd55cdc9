// record_demo.mjs — make demo's browser part: a purchase in this shop, in Debian's Chromium with the semtrace extension, recorded by semtrace-agent; prints the session file.
// Run: node examples/web_checkout/record_demo.mjs --bin build/bin OUT_DIR
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startAgent, startShop, launchWithExtension, drained, sessionFiles, cleanUp, purchase } from '../../tests/browser/harness.mjs';

const out = process.argv[process.argv.length - 1];
// The policy keeps search terms, in the field and in the URL's q (the page marks the field
// data-semtrace-unmask); every other typed text is masked. The shop runs on 127.0.0.1, which
// the IP address detector would redact in every URL. The cart page is blocked (block.urls): it
// sends nothing at all, so the session goes from the product list straight to the checkout.
const agent = await startAgent({ capture: { fields: [{ match: "**/textbox 'Search'", mode: 'plain' }] },
  urls: { keep_query: ['q'] }, block: { urls: ['http://127.0.0.1:*/cart.html'] }, detectors: { disable: ['ipv4'] } }, 1000);
const shop = await startShop();
let browser;
try {
  browser = await launchWithExtension(agent);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1800 });
  await purchase(page, shop);
  if (!(await drained(browser.worker))) throw new Error('the agent did not acknowledge everything the extension sent');
  await browser.context.close();
  await agent.stop();
  mkdirSync(out, { recursive: true });
  for (const f of sessionFiles(agent.out)) {
    const to = join(out, `web-checkout-${f.split('/').pop()}`);
    cpSync(f, to);
    console.log(to);
  }
} finally {
  if (browser) await browser.context.close().catch(() => {});
  await agent.stop().catch(() => {});
  shop.close();
  cleanUp(agent);
}
