// full_disk_demo.mjs — make demo's full disk under semtrace-agent: clicks held while no file can grow, then recorded once each when there is room, without a restart.
// Run: node examples/web_checkout/full_disk_demo.mjs --bin build/bin OUT_DIR   (copies the session files there)
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { browserTest, spawnAgent, drained, drainedByStatus, check, sessionFiles, cartShopper, products } from '../../tests/browser/harness.mjs';

const out = process.argv[process.argv.length - 1];
await browserTest(async ({ agent, browser, shop, page }) => {
  const { add } = cartShopper();
  await page.goto(shop.url + 'products.html');
  await add(page, products[0]);
  check(await drained(browser.worker), 'the first click was acknowledged');
  console.log('-- the disk fills up: semtrace-agent started again on the same port, its files unable to grow (prlimit --fsize=0), looking for room every second');
  await agent.stop();
  await spawnAgent(agent, agent.port, { fileBytes: 0, retryMs: 1000 });
  for (const p of products.slice(1, 4)) await add(page, p);
  await page.waitForTimeout(2000);
  const held = await browser.worker.evaluate(() => state.pending.length);
  const refused = await browser.worker.evaluate(() => state.refused);
  console.log(`-- three more clicks: the extension holds ${held} messages, ${refused} refused; now there is room again (prlimit lifts the limit)`);
  // The session that begins now has no key frame of the page, open since before: the agent
  // asks the page for one (the recorder tells the page's scripts when it has sent one).
  const keyFrame = page.evaluate(() => new Promise((resolve) => window.addEventListener('semtrace:keyframe', () => resolve(true), { once: true })));
  check(agent.liftFileSizeLimit() === 0, 'prlimit lifted the limit');
  check(await drainedByStatus(browser, 30000), 'everything held was acknowledged');
  check(await Promise.race([keyFrame, new Promise((resolve) => setTimeout(() => resolve(false), 10000))]), 'the page sent the key frame the agent asked for');
  check(await drainedByStatus(browser, 30000), 'the key frame was acknowledged');
  await browser.context.close();
  await agent.stop();
  mkdirSync(out, { recursive: true });
  for (const f of sessionFiles(agent.out)) cpSync(f, join(out, f.split('/').pop()), { preserveTimestamps: true });  // make demo lists them oldest first
  return `-- every held message acknowledged, without a restart of the agent; the sessions are in ${out}`;
});
