// early.test.mjs — what a person does on a page before the recorder hears back from the extension's worker is recorded, in order; events a page could not keep leave a gap the session marks.
// Run: node tests/browser/early.test.mjs --bin build-asan/bin   (ctest does, as `browser_early`)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { binDir, stopServiceWorker, serviceWorkerStopper, drained, drainedByStatus, sessionFiles, readSession, check, lastStep, sameSteps, browserTest } from './harness.mjs';

// The page itself clicks a product's button `times` times in one task, the moment the shop's own
// DOMContentLoaded listener has made the buttons: sooner than anything outside the page could.
const clickWhenDrawn = (page, product, times = 1) => page.addInitScript(({ product, times }) =>
  document.addEventListener('DOMContentLoaded', () => setTimeout(() => {
    const button = document.querySelector(`button[aria-label="Add ${product} to cart"]`);
    for (let i = 0; i < times; ++i) button.click();
  })), { product, times });

let floodAsked = 0;
await browserTest(async ({ agent, shop, browser, page }) => {
  // The worker stopped, as Chrome stops an idle one: the page's question whether it is recorded
  // waits for Chrome to start it again. The first click comes the moment the document is parsed
  // (from the page itself, as nothing outside it can be that quick); the next ones as soon as
  // Playwright finds the buttons, without waiting for the page's load event.
  await clickWhenDrawn(page, 'Notebook');
  await stopServiceWorker(browser.context);
  await page.goto(shop.url + 'products.html', { waitUntil: 'commit' });
  const products = ['Desk lamp', 'Office chair', 'Coffee mug'];
  for (const p of products) await page.click(`button[aria-label="Add ${p} to cart"]`);
  await page.waitForLoadState('load');
  await page.click('button[aria-label="Add Floor lamp to cart"]');  // after it, for the order
  check(await drained(browser.worker), 'the agent acknowledged everything the extension sent');

  // Numbers a page skipped (events it could not keep) reach the agent as a gap in the tab's
  // sequence, which the session marks; numbers used while recording was paused do not.
  const fakeTab = 424242;
  const click = (name) => ({ type: 'action', action: 'click', target: { locator: `page 'Gaps'/button '${name}'` }, site: 'gaps.test' });
  await browser.worker.evaluate(async ({ fakeTab, events }) => {
    await enqueue(fakeTab, events[0], { page: 'gap-page', n: 1 });
    await enqueue(fakeTab, events[1], { page: 'gap-page', n: 4 });  // 2 and 3 were lost in the page
    await chrome.storage.local.set({ paused: true });
    await enqueue(fakeTab, events[2], { page: 'gap-page', n: 5 });  // paused: not recorded, not lost
    await chrome.storage.local.set({ paused: false });
    await enqueue(fakeTab, events[3], { page: 'gap-page', n: 6 });
  }, { fakeTab, events: ['One', 'Four', 'Five', 'Six'].map(click) });
  check(await drained(browser.worker), 'the agent acknowledged the numbered events');

  // More than a page keeps before the answer (1,000): the rest are counted, as a gap.
  const flood = await browser.context.newPage();
  await clickWhenDrawn(flood, 'Coffee mug', 1005);  // one task: the answer cannot come in between
  // The worker kept busy for five seconds: it cannot answer until the page has clicked.
  const busy = browser.worker.evaluate(() => { for (const until = Date.now() + 5000; Date.now() < until;); });
  floodAsked = Date.now();
  await flood.goto(shop.url + 'products.html');
  await busy;
  check(await drained(browser.worker), 'the agent acknowledged the flood');

  // The worker stopped while a page waits for its answer (busy, then stopped, as Chrome may):
  // the page asks again on a new port, which starts the worker again. The flood's last events
  // may still be on their way to the worker then (drained() sees only what the worker holds):
  // the flood page sends them again, and none may be lost — a worker that saved its counters
  // before it held the event lost one here in three runs of four.
  const again = await browser.context.newPage();
  const stopper = await serviceWorkerStopper(browser.context);
  const stuck = browser.worker.evaluate(() => { for (const until = Date.now() + 4000; Date.now() < until;); }).catch(() => {});
  await again.goto(shop.url + 'products.html', { waitUntil: 'commit' });
  await again.click('button[aria-label="Add Headset to cart"]');
  await stopper.stop();
  await stopper.close();
  await stuck;
  await again.click('button[aria-label="Add Headset to cart"]');
  check(await drainedByStatus(browser, 30000), 'the agent acknowledged the clicks around the stop');

  // The same page from an origin the policy does not name (localhost, not 127.0.0.1): what
  // waited for the answer is thrown away in the page, and nothing is recorded.
  const elsewhere = await browser.context.newPage();
  await clickWhenDrawn(elsewhere, 'Notebook');
  await elsewhere.goto(shop.url.replace('127.0.0.1', 'localhost') + 'products.html', { waitUntil: 'commit' });
  await elsewhere.click('button[aria-label="Add Office chair to cart"]');
  await elsewhere.waitForTimeout(500);
  await elsewhere.click('button[aria-label="Add Desk lamp to cart"]');
  check(await drainedByStatus(browser, 30000), 'nothing from the other origin waits for the agent');
  await browser.context.close();
  await agent.stop();

  const files = sessionFiles(agent.out);
  const sessions = files.map((f) => readSession(f));
  const clicks = (events) => events.filter((e) => e.kind === 'action' && e.type === 'click').length;
  const navigates = (events) => events.some((e) => e.kind === 'action' && e.type === 'navigate');
  const has = (events, name) => events.some((e) => e.kind === 'action' && e.target.locator.includes(`'Add ${name} to cart'`));
  const shopSession = sessions.find((events) => navigates(events) && has(events, 'Notebook') && clicks(events) < 100) || [];
  const askedAgain = sessions.find((events) => has(events, 'Headset')) || [];
  const floodIndex = sessions.findIndex((events) => navigates(events) && clicks(events) >= 100);
  const floodSession = sessions[floodIndex] || [];
  const floodFile = files[floodIndex];
  const gapSession = sessions.find((events) => !navigates(events)) || [];
  check(sessions.length === 4, `a session for each of the shop's three tabs and one for the numbered events: ${sessions.length}`);
  const steps = shopSession.filter((e) => e.kind === 'action').map((e) => `${e.type} ${lastStep(e.target.locator)}`);
  sameSteps('steps', steps, ["navigate page 'Products — Lumen Shop'",
    ...['Notebook', ...products, 'Floor lamp'].map((p) => `click button 'Add ${p} to cart'`)]);
  check(shopSession.some((e) => e.kind === 'snapshot'), 'the page has its key frame');
  check(!sessions.some((events) => JSON.stringify(events).includes('localhost')), 'nothing of the page on localhost was recorded');
  sameSteps('steps around the stop', askedAgain.filter((e) => e.kind === 'action').map((e) => `${e.type} ${lastStep(e.target.locator)}`),
    ["navigate page 'Products — Lumen Shop'", "click button 'Add Headset to cart'", "click button 'Add Headset to cart'"]);

  const floodClicks = clicks(floodSession);
  const floodGaps = floodSession.filter((e) => e.kind === 'marker' && e.name === 'semtrace.browser.gap')
    .map((g) => Object.fromEntries(g.attributes));
  check(floodClicks === 1000, `the page kept 1,000 clicks: ${floodClicks}`);
  // They happened as the page was drawn, five seconds before the worker could answer: they
  // keep that time, not the answer's. The session starts when the page was asked for (its
  // first event, the navigation), whole seconds in `semtrace info`.
  const info = spawnSync(join(binDir(), 'semtrace'), ['info', floodFile], { encoding: 'utf8' }).stdout;
  const startedMs = Date.parse((info.match(/^started\s+(\S+)/m) || [])[1]);
  check(Math.abs(startedMs - floodAsked) < 2500, `the session starts when the page was asked for: ${startedMs - floodAsked} ms after`);
  const lastClick = floodSession.filter((e) => e.kind === 'action' && e.type === 'click').pop();
  const clickedMs = lastClick ? startedMs + lastClick.t_us / 1000 : NaN;
  check(Math.abs(clickedMs - floodAsked) < 2500, `the waiting clicks keep their time: ${clickedMs - floodAsked} ms after the page was asked for`);
  // The navigate is 1, the clicks 2 to 1,001; the five it could not keep 1,002 to 1,006
  // ("aln" to "alr" in letters).
  check(floodGaps.length === 1 && floodGaps[0].first === 'aln' && floodGaps[0].last === 'alr',
    `the five clicks it could not keep are one gap: ${JSON.stringify(floodGaps)}`);

  const gaps = gapSession.filter((e) => e.kind === 'marker' && e.name === 'semtrace.browser.gap');
  check(gaps.length === 1, `one gap marked: ${JSON.stringify(gaps)}`);
  // The tab's sequence: One is 1, Four 4 (2 and 3 missing), Six 5 (Five used no number).
  const attrs = gaps.length ? Object.fromEntries(gaps[0].attributes) : {};
  check(attrs.first === 'b' && attrs.last === 'c', `the gap is sequence numbers 2 to 3 ("b" to "c"): ${JSON.stringify(attrs)}`);
  const numbered = gapSession.filter((e) => e.kind === 'action').map((e) => lastStep(e.target.locator));
  sameSteps('numbered clicks', numbered, ["button 'One'", "button 'Four'", "button 'Six'"]);
  return 'browser early: clicks before the worker answered recorded in order; a page\'s lost events marked as a gap, a pause not; a page not recorded keeps nothing; past 1,000 waiting, a gap; a worker stopped before answering asked again, and mid-burst lost nothing';
});
