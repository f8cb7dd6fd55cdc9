// checkout.test.mjs — a full purchase in examples/web_checkout, in Debian's Chromium with the real extension and agent: the recorded actions step by step, and planted secrets nowhere.
// Run: node tests/browser/checkout.test.mjs --bin build-asan/bin   (ctest does, as `browser`)
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { drained, sessionFiles, readSession, check, binDir, secrets, purchase, lastStep, sameSteps, browserTest,
  withoutOwnNumbers } from './harness.mjs';

const forbidden = [...Object.values(secrets), '4111111111111111', 'dana.whitfield', 'Whitfield', '5550 1234', 'Linden', 'Tr0ub4dor',
  'J. Example', 'Visa ending 4242'];


// The actions, as the replay tool and exports see them.
function describe(e) {
  return `${e.type} ${lastStep(e.target.locator)}${e.value ? ` = ${e.value.state === 'masked' ? '<masked>' : e.value.text}` : ''}`;
}

const shopPage = (title) => `page '${title} — Lumen Shop'`;
const expected = (base) => [
  `navigate ${shopPage('Sign in')} = ${base}`,
  `fill textbox 'Email' = <masked>`,
  `fill textbox 'Password' = <masked>`,
  `toggle checkbox 'Keep me signed in' = on`,
  `click button 'Sign in'`,
  `submit form 'Sign in'`,
  `navigate ${shopPage('Products')} = ${base}products.html`,
  `fill textbox 'Search' = lamp`,
  `click button 'Search'`,  // Enter in a form clicks its default button
  `submit search 'Search products'`,
  `navigate ${shopPage('Products')} = ${base}products.html?q=lamp`,  // the policy keeps q, and only q
  `click button 'Add Desk lamp to cart'`,
  `click button 'Add Floor lamp to cart'`,
  `click button 'Show as list'`,
  `navigate ${shopPage('Products')} = ${base}products.html?q=lamp`,
  `click link 'Go to cart'`,
  `navigate ${shopPage('Cart')} = ${base}cart.html`,
  `select combobox 'Quantity of Desk lamp' = 2`,
  `click link 'Checkout'`,
  `navigate ${shopPage('Checkout')} = ${base}checkout.html`,
  `fill textbox 'Full name' = <masked>`,
  `fill textbox 'Email' = <masked>`,
  `fill textbox 'Phone' = <masked>`,
  `fill textbox 'Address' = <masked>`,
  `fill textbox 'City' = <masked>`,
  `fill textbox 'Postcode' = <masked>`,
  `fill textbox 'Card number' = <masked>`,
  `fill textbox 'Expiry (MM/YY)' = <masked>`,
  `fill textbox 'Security code' = <masked>`,
  `fill textbox 'Delivery notes' = <masked>`,
  `select combobox 'Country' = Netherlands`,
  `toggle checkbox 'Send me the newsletter' = on`,
  `shortcut checkbox 'Send me the newsletter' = Ctrl+S`,  // where the focus was
  `click button 'Place order'`,
  `submit form 'Checkout'`,
  `navigate ${shopPage('Order placed')} = ${base}done.html`,
  `scroll page 'Order placed — Lumen Shop' = down`,
];

// The agent's policy decides last: search terms kept (in the field and in the URL), everything
// else typed masked; the shop runs on 127.0.0.1, which the IP address detector would otherwise
// redact in every URL.
const policy = { capture: { fields: [{ match: "**/textbox 'Search'", mode: 'plain' }] }, urls: { keep_query: ['q'] },
  detectors: { disable: ['ipv4'] } };
await browserTest(async ({ agent, shop, browser, page }) => {
  check(browser.popupText.includes('http://127.0.0.1:*'), `the popup lists the sites recorded: ${browser.popupText}`);
  await page.setViewportSize({ width: 1280, height: 1800 });  // no scrolling but the one the script does
  await purchase(page, shop);  // no waiting for the recorder: it keeps what comes before it knows
  check(await drained(browser.worker), 'the agent acknowledged everything the extension sent');
  await browser.context.close();
  await agent.stop();

  const files = sessionFiles(agent.out);
  check(files.length === 1, `one session for the one tab: ${files.length}`);
  const events = readSession(files[0]);
  const actions = events.filter((e) => e.kind === 'action').map(describe);
  sameSteps('steps', actions, expected(shop.url));
  const snapshots = events.filter((e) => e.kind === 'snapshot');
  check(snapshots.length >= 6, `a key frame per page view: ${snapshots.length}`);
  const checkoutFrame = snapshots.find((s) => s.nodes.some((n) => n.name === 'Card number'));
  check(checkoutFrame && checkoutFrame.nodes.some((n) => n.role === 'button' && n.name === 'Place order'), 'the checkout form is in the tree');
  check(!events.some((e) => JSON.stringify(e).includes('Use saved card')), 'nothing inside data-semtrace-block is recorded');
  // The tree has each committed field's new value from its action on: the field's node follows
  // the action before anything else the person does (what the replay shows at that step). A
  // person quicker than the page's key frame (Playwright is) finds the value there instead,
  // which may come after their next action.
  const fields = events.map((e, i) => [e, i]).filter(([e]) => e.kind === 'action' && ['fill', 'select', 'toggle'].includes(e.type));
  const nodesOf = (e) => (e.kind === 'delta' ? e.upserts : e.kind === 'snapshot' ? e.nodes : []);
  for (const [action, i] of fields) {
    const lastIndex = (holds) => events.findLastIndex((e, k) => k < i && holds(e));
    const treeBefore = lastIndex((e) => e.kind === 'snapshot') > lastIndex((e) => e.kind === 'action' && e.type === 'navigate');
    const next = events.findIndex((e, k) => k > i && e.kind === 'action');
    const upTo = next < 0 || !treeBefore ? events.length : next;
    const node = events.slice(i + 1, upTo).flatMap(nodesOf).find((n) => n.id === action.target.id);
    const filled = action.type !== 'fill' || (node && node.value && node.value.state === action.value.state);  // the field's rule, by its place
    check(node && filled, `the tree has the field of "${describe(action)}" as committed${treeBefore ? ' before the next action' : ''}: ${JSON.stringify(node)}`);
  }
  const withBounds = events.filter((e) => e.kind === 'action' && e.target.bounds).length;
  check(withBounds >= 20, `actions on elements carry their bounds: ${withBounds}`);

  // Planted secrets: not in the decoded session, not in the file's bytes, not on the wire
  // (the recorder's own numbers left out of the search: withoutOwnNumbers).
  const sessionId = basename(files[0], '.semtrace');
  const decoded = withoutOwnNumbers(JSON.stringify(events), sessionId);
  const wire = withoutOwnNumbers(readFileSync(agent.receivedLog, 'utf8'), sessionId);
  const raw = readFileSync(files[0]).toString('latin1').split(sessionId).join('');
  for (const s of forbidden) {
    check(!decoded.includes(s), `the session holds ${JSON.stringify(s)}`);
    check(!wire.includes(s), `a WebSocket message held ${JSON.stringify(s)}`);
    check(!raw.includes(s), `the session file's bytes hold ${JSON.stringify(s)}`);
  }
  check(wire.split('\n').length > 40, 'the agent received the messages it logged');
  // The audit with the study's detectors (the shop's 127.0.0.1 is expected) finds nothing;
  // with every built-in one, only that address.
  const scan = (...args) => {
    const r = spawnSync(join(binDir(), 'semtrace'), ['scan', ...args, files[0]], { encoding: 'utf8', env: agent.env });
    return { code: r.status, summary: (r.stdout + r.stderr).trim().split('\n').pop() };
  };
  const withPolicy = scan('--policy', join(agent.dir, 'policy.json'));
  check(withPolicy.code === 0, `semtrace scan --policy finds nothing: ${withPolicy.summary}`);
  const everything = scan();
  check(/finding\(s\) in 1 file\(s\): ipv4 \d+$/.test(everything.summary), `semtrace scan finds only the shop's IP address: ${everything.summary}`);
  return 'browser checkout: every step as expected, no planted secret anywhere';
}, policy);
