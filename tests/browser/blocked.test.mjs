// blocked.test.mjs — pages at addresses the policy blocks (block.urls, block.domains) send nothing, with the real extension and agent in Chromium: a whole page, and a single-page app's move into a blocked path and back.
// Run: node tests/browser/blocked.test.mjs --bin build-asan/bin   (ctest does, as `browser_blocked`)
import { readFileSync } from 'node:fs';
import { drained, sessionFiles, readSession, check, lastStep, sameSteps, browserTest } from './harness.mjs';

const policy = { block: { urls: ['http://127.0.0.1:*/cart.html', 'http://127.0.0.1:*/private/**'] }, detectors: { disable: ['ipv4'] } };
await browserTest(async ({ agent, shop, browser, page }) => {
  await page.setViewportSize({ width: 1280, height: 1800 });
  await page.goto(shop.url + 'products.html');
  await page.click('button[aria-label="Add Desk lamp to cart"]');
  // The app moves to a blocked path: what is done there never leaves the page.
  await page.evaluate(() => history.pushState({}, '', '/private/health-notes'));
  await page.click('button[aria-label="Add Floor lamp to cart"]');
  await page.evaluate(() => history.pushState({}, '', '/products.html'));
  await page.click('button[aria-label="Add Coffee mug to cart"]');
  // A whole page at a blocked address, then one that is not.
  await page.goto(shop.url + 'cart.html');
  await page.selectOption('select[aria-label="Quantity of Desk lamp"]', '3');
  await page.goto(shop.url + 'checkout.html');
  await page.fill('#city', 'Hamburg');
  await page.press('#city', 'Tab');  // committed when it loses focus
  check(await drained(browser.worker), 'the agent acknowledged everything the extension sent');
  await browser.context.close();
  await agent.stop();

  const wire = readFileSync(agent.receivedLog, 'utf8');
  for (const never of ['private', 'health-notes', 'cart.html', 'Quantity of'])
    check(!wire.includes(never), `the extension sent ${JSON.stringify(never)} from a blocked address`);
  check(!wire.split('\n').some((m) => m.includes('"action":"click"') && m.includes('Floor lamp')),
    'the extension sent the click made at the blocked path');
  const files = sessionFiles(agent.out);
  check(files.length === 1, `one session: ${files.length}`);
  const events = readSession(files[0]);
  const actions = events.filter((e) => e.kind === 'action').map((e) =>
    `${e.type} ${e.type === 'navigate' ? e.value.text.replace(shop.url, '/') : lastStep(e.target.locator)}`);
  sameSteps('steps', actions, ['navigate /products.html', "click button 'Add Desk lamp to cart'", 'navigate /products.html',
    "click button 'Add Coffee mug to cart'", 'navigate /checkout.html', "fill textbox 'City'"]);
  check(!JSON.stringify(events).includes('Quantity of'), 'the blocked page\'s tree is not in the session');
  return 'browser blocked: nothing sent from a blocked page or a blocked path of a single-page app; recording goes on after';
}, policy);
