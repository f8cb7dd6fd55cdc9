// tabs.test.mjs — one session for the whole browser (semtrace-agent --session-per browser), with the real extension in Chromium: a person going back and forth between two tabs of the shop; at each action, the tree `semtrace tree` rebuilds is the tab acted in.
// Run: node tests/browser/tabs.test.mjs --bin build/bin   (ctest does, as `browser_tabs`)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { binDir, browserTest, check, drained, lastStep, readSession, sameSteps, sessionFiles } from './harness.mjs';

await browserTest(async ({ agent, shop, browser, page: signIn }) => {
  await signIn.goto(shop.url);
  const products = await browser.context.newPage();
  await products.goto(`${shop.url}products.html`);
  // Back and forth, each page's key frame long taken (the recorder sends it once the worker
  // answers): an action in the other tab is what says the person turned to it.
  await signIn.waitForTimeout(500);
  await signIn.check('#remember');
  await products.click('button[aria-label="Add Desk lamp to cart"]');
  await signIn.fill('#email', 'someone@example.org');
  await signIn.press('#email', 'Tab');
  await products.click('button[aria-label="Add Floor lamp to cart"]');
  check(await drained(browser.worker), 'the agent acknowledged everything the extension sent');
  await browser.context.close();
  await agent.stop();

  const files = sessionFiles(agent.out);
  check(files.length === 1, `one session for the browser: ${files.length}`);
  const acted = readSession(files[0]).filter((e) => e.kind === 'action' && e.type !== 'navigate');
  sameSteps('actions', acted.map((e) => `${e.type} ${lastStep(e.target.locator)}`), ["toggle checkbox 'Keep me signed in'",
    "click button 'Add Desk lamp to cart'", "fill textbox 'Email'", "click button 'Add Floor lamp to cart'"]);
  // What each tab alone has: the sign-in form's fields, the product list's buttons.
  const own = { signIn: "textbox 'Email'", products: "button 'Add Desk lamp to cart'" };
  for (const [i, e] of acted.entries()) {
    const tree = spawnSync(join(binDir(), 'semtrace'), ['tree', files[0], '--at', `${e.t_us / 1000}ms`], { encoding: 'utf8' });
    if (tree.status !== 0) throw new Error(`semtrace tree: ${tree.stderr}`);
    const [mine, other] = i % 2 === 0 ? [own.signIn, own.products] : [own.products, own.signIn];
    check(tree.stdout.includes(lastStep(e.target.locator)), `the tree at action ${i} holds its target: ${tree.stdout}`);
    check(tree.stdout.includes(mine), `the tree at action ${i} is its tab's (${mine}): ${tree.stdout}`);
    check(!tree.stdout.includes(other), `the tree at action ${i} holds the other tab's ${other}: ${tree.stdout}`);
  }
  return 'browser tabs: in one session of the whole browser, the tree at each action is the tab the person acted in';
}, {}, ['--session-per', 'browser']);
