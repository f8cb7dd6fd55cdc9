// full_disk.test.mjs — the agent's disk fills up while a person shops, with the real extension in Chromium: nothing is refused, and once there is room again every click is recorded once, without a restart of the agent.
// Run: node tests/browser/full_disk.test.mjs --bin build-asan/bin   (ctest does, as `browser_full_disk`)
import { spawnAgent, within, drained, drainedByStatus, check, sameSteps, browserTest, products, cartShopper, recordedClicks } from './harness.mjs';

const { clicked, add } = cartShopper();

await browserTest(async ({ agent, browser, shop, page }) => {
  await page.goto(shop.url + 'products.html');
  await add(page, products[0]);
  check(await drained(browser.worker), 'the first click was acknowledged');
  // The disk fills up: the agent, started again on the same port, can write no byte to a file
  // (a session cannot even begin), and looks for room every 200 ms.
  await agent.stop();
  await spawnAgent(agent, agent.port, { fileBytes: 0, retryMs: 200 });
  for (const p of products) await add(page, p);
  check(await within(20000, async () => agent.said.includes('held by the extension, unacknowledged, until semtrace-agent can write them')),
    `the agent says it holds them: ${JSON.stringify(agent.said)}`);
  await page.waitForTimeout(1000);  // five looks for room, none found: nothing changes
  const held = await browser.worker.evaluate(() => state.pending.length);
  check(held >= products.length, `the extension keeps what the agent could not write: ${held} messages`);
  check(!agent.said.includes('room to write again'), 'no room found while there is none');
  const refused = await browser.worker.evaluate(() => state.refused);
  check(refused === 0, `nothing refused: ${refused}`);
  // Room again: the agent asks for what it held by closing the connection; the extension
  // reconnects and sends it all.
  check(agent.liftFileSizeLimit() === 0, 'prlimit lifted the limit');
  check(await drainedByStatus(browser, 30000), 'everything held was acknowledged once there was room, without a restart');
  check(agent.said.includes('there is room to write again; the held messages of 1 tab are asked for again'),
    `the agent says it asked for them: ${JSON.stringify(agent.said)}`);
  await add(page, products[1]);  // and recording goes on
  check(await drainedByStatus(browser, 30000), 'the click after was acknowledged');
  await browser.context.close();
  await agent.stop();

  const { files, clicks } = recordedClicks(agent.out);
  check(files.length === 2, `the session before the disk filled and the one after: ${files.length}`);
  sameSteps('clicks', clicks, clicked);
  return `browser full disk: ${clicked.length} clicks, ${held} messages held while no file could grow, each recorded once when there was room again`;
});
