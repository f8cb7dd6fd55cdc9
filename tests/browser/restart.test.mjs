// restart.test.mjs — the agent killed mid-session and started again, and the extension's service worker stopped meanwhile, with the real extension in Chromium: every click recorded once, none lost, none twice.
// Run: node tests/browser/restart.test.mjs --bin build-asan/bin   (ctest does, as `browser_restart`)
import { spawnAgent, stopServiceWorker, serviceWorkerStopper, drained, drainedByStatus, readSession, check, sameSteps, browserTest, products, cartShopper, recordedClicks } from './harness.mjs';

const { clicked, add } = cartShopper();

await browserTest(async ({ agent, shop, browser, page }) => {
  await page.goto(shop.url + 'products.html');
  for (const p of products.slice(0, 3)) await add(page, p);
  check(await drained(browser.worker), 'the first clicks were acknowledged');
  // More clicks, and the agent dies while they are on their way...
  for (const p of products.slice(3)) await add(page, p);
  await agent.stop('SIGKILL');
  // ...and more while it is away: the extension keeps them, with the times they happened.
  for (const p of products.slice(0, 3)) await add(page, p);
  await page.waitForTimeout(1500);
  for (const p of products.slice(3)) await add(page, p);
  const waiting = await browser.worker.evaluate(() => state.pending.length);
  check(waiting >= products.length, `the extension holds what the agent has not acknowledged: ${waiting}`);
  // Chrome stops a service worker idle for 30 s, and its memory with it: stop it now, as
  // Chrome would while the agent is away.
  await stopServiceWorker(browser.context);
  await spawnAgent(agent, agent.port);  // the same port the extension was given
  // The next click wakes the worker: it takes back what it held, reconnects and sends it all.
  await add(page, products[0]);
  check(await drainedByStatus(browser, 30000), 'everything held was acknowledged after the restart');
  // The worker stopped right after each of two clicks, before it could tell the page it had
  // them: the page sends them again on a new port, and the worker takes each once.
  const stopper = await serviceWorkerStopper(browser.context);
  for (const p of products.slice(1, 3)) {
    await add(page, p);
    await stopper.stop();
  }
  await stopper.close();
  await add(page, products[3]);
  check(await drainedByStatus(browser, 30000), 'the clicks around two more stops were acknowledged');
  await browser.context.close();
  await agent.stop();

  const { files, clicks } = recordedClicks(agent.out);
  check(files.length === 2, `the killed session and the one after the restart: ${files.length}`);
  sameSteps('clicks', clicks, clicked);
  // The session after the restart began while the page was open: the agent asked the page for
  // its key frame, so that the session has a tree.
  check(readSession(files[1]).some((e) => e.kind === 'snapshot'), 'the session after the restart has the page\'s key frame');
  // The clicks held while the agent was away arrived together, but happened 1.5 s apart: the
  // session after the restart has them at the page's times. Its last ten clicks: the six held,
  // the one that woke the worker, the three around its stops.
  const held = readSession(files[1]).filter((e) => e.kind === 'action' && e.type === 'click').slice(-10, -4);
  const apart = held.length === 6 ? (held[3].t_us - held[2].t_us) / 1000 : NaN;
  check(apart >= 1400 && apart < 5000, `the held clicks keep the pause between them: ${apart} ms`);
  return `browser restart: ${clicked.length} clicks across a crash of the agent and three stops of the service worker, each recorded once, at the time it happened`;
});
