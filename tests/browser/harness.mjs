// harness.mjs — what the browser tests and the benchmark share: the real semtrace-agent, the example shop, Debian's Chromium with the extension loaded and set up as a person would.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../examples/web_checkout/serve.mjs';

export { chromium };  // for the benchmark, which lives beside the C++ ones

export const source = fileURLToPath(new URL('../..', import.meta.url));
export const extensionDir = join(source, 'plugins/browser/extension');

export function binDir() {
  const i = process.argv.indexOf('--bin');
  return i > 0 ? process.argv[i + 1] : join(source, 'build/bin');
}

export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
}

export function check(condition, message) {
  if (!condition) fail(message);
  return condition;
}

// A folder, a token, a policy that records the shop's origin, and the agent on a free port.
// `ackMs`: how often the agent commits; the tests want answers fast, the agent's default is 250.
// `agentArgs`: more of the agent's options (`--session-per browser`).
export async function startAgent(extraPolicy = {}, ackMs = 50, agentArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'semtrace-browser-'));
  const token = Array.from({ length: 64 }, (_, i) => '0123456789abcdef'[(i * 7 + 3) % 16]).join('');
  writeFileSync(join(dir, 'token'), token + '\n');
  const policy = Object.assign({ semtrace_policy: 1, id: 'web-checkout-test', browser: { record_origins: ['http://127.0.0.1:*'] } }, extraPolicy);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
  const out = join(dir, 'sessions');
  const env = Object.assign({}, process.env, { SEMTRACE_PSEUDONYM_KEY: process.env.SEMTRACE_PSEUDONYM_KEY || 'ab'.repeat(32) });
  const agent = { dir, token, out, env, ackMs, agentArgs, receivedLog: join(dir, 'received.log') };
  await spawnAgent(agent, 0);
  return agent;
}

// (Re)starts the agent process of `agent` on `port` (0: a free one): a restart keeps the port the
// extension was given.
// `fileBytes`: its files cannot grow past this (prlimit's RLIMIT_FSIZE), as on a full disk, until
// agent.liftFileSizeLimit(); `retryMs`: how often it then looks for room. What it says on stderr
// is passed on and kept in agent.said.
export async function spawnAgent(agent, port, { fileBytes, retryMs } = {}) {
  const args = ['--port', String(port), '--out', agent.out, '--token-file', join(agent.dir, 'token'), '--policy',
    join(agent.dir, 'policy.json'), '--ack-ms', String(agent.ackMs), '--log-received', agent.receivedLog, ...agent.agentArgs];
  if (retryMs) args.push('--retry-ms', String(retryMs));
  const bin = join(binDir(), 'semtrace-agent');
  // prlimit sets the limit and runs the agent in its own process (exec): the pid is the agent's.
  const child = fileBytes === undefined ? spawn(bin, args, { env: agent.env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('prlimit', [`--fsize=${fileBytes}:unlimited`, '--', bin, ...args], { env: agent.env, stdio: ['ignore', 'pipe', 'pipe'] });
  agent.said = '';
  child.stderr.on('data', (d) => {
    agent.said += d;
    process.stderr.write(d);
  });
  agent.liftFileSizeLimit = () => spawnSync('prlimit', ['--pid', String(child.pid), '--fsize=unlimited:unlimited']).status;
  agent.port = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const m = text.match(/listening on 127\.0\.0\.1:(\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`semtrace-agent exited (${code}) before listening`)));
  });
  agent.stop = (signal = 'SIGTERM') => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', resolve);
    child.kill(signal);
  });
}

export async function startShop() {
  const server = await serve(0);
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

// Chromium with the extension (by default this tree's; `extension`: another copy, for a
// comparison); the options page given the port and token, the popup the person's consent: the
// steps a person follows, in the extension's own pages.
export async function launchWithExtension(agent, { consent = true, extension = extensionDir } = {}) {
  const context = await chromium.launchPersistentContext(join(agent.dir, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  const id = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  await options.fill('#port', String(agent.port));
  await options.fill('#token', agent.token);
  await options.click('#save');
  await options.waitForSelector('#saved:has-text("Saved.")');
  await options.close();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  await popup.waitForSelector('#policy:has-text("web-checkout-test")');  // the agent's welcome reached the extension
  if (consent) {
    await popup.fill('#subject', 'annotator-7');
    await popup.click('#agree');
    await popup.waitForSelector('#state:has-text("Recording the sites below.")');
  }
  const popupText = await popup.textContent('body');
  await popup.close();
  return { context, worker, id, popupText };
}

// What a person types in the checkout test and the demo: every one of these is a secret or
// personal, and must not be kept.
export const secrets = {
  email: 'dana.whitfield@example.org',
  password: 'Tr0ub4dor&3-horse',
  name: 'Dana Whitfield',
  phone: '+49 170 5550 1234',
  address: '17 Linden Allee',
  city: 'Hamburg',
  postcode: '20095',
  card: '4111 1111 1111 1111',
  expiry: '09/29',
  cvc: '737',
  notes: 'Call dana.whitfield@example.org or +49 170 5550 1234, code 4242',
};
// A whole purchase in examples/web_checkout, as a person would make it, and as quickly as
// Playwright can: the recorder keeps what is done on a page before it knows the page is recorded
// (early.test.mjs). `leaving()` runs just before each action that leaves a page (the benchmark
// collects rrweb's events there).
export async function purchase(page, shop, { leaving = async () => {} } = {}) {
  await page.goto(shop.url);
  await page.fill('#email', secrets.email);
  await page.fill('#password', secrets.password);
  await page.check('#remember');
  await leaving();
  await page.click('button:has-text("Sign in")');
  await page.waitForURL('**/products.html');
  await page.fill('#search', 'lamp');
  await leaving();
  await page.press('#search', 'Enter');
  await page.waitForURL('**/products.html?q=lamp');
  await page.click('button[aria-label="Add Desk lamp to cart"]');
  await page.click('button[aria-label="Add Floor lamp to cart"]');
  await page.click('#view-toggle');  // a single-page change of the URL
  await page.waitForURL('**view=list');
  await leaving();
  await page.click('a:has-text("Go to cart")');
  await page.waitForURL('**/cart.html');
  await page.selectOption('select[aria-label="Quantity of Desk lamp"]', '2');
  await leaving();
  await page.click('a:has-text("Checkout")');
  await page.waitForURL('**/checkout.html');
  for (const field of ['name', 'email', 'phone', 'address', 'city', 'postcode', 'card', 'expiry', 'cvc', 'notes'])
    await page.fill(`#${field}`, secrets[field]);
  await page.click('.saved-cards button');  // inside data-semtrace-block: not recorded
  await page.selectOption('#country', 'Netherlands');
  await page.check('#newsletter');
  await page.keyboard.press('Control+S');  // a shortcut: kept as the key combination
  await leaving();
  await page.click('button:has-text("Place order")');
  await page.waitForURL('**/done.html');
  await page.waitForSelector('#order:not(:empty)');
  await page.mouse.move(400, 400);
  for (let i = 0; i < 4; ++i) await page.mouse.wheel(0, 300);  // one gesture, one action
  await page.waitForTimeout(600);  // the gesture ends after 250 ms of stillness
}

// The last role-and-name step of a locator: `button 'Add Desk lamp to cart'` (names may hold '/').
export function lastStep(locator) {
  return locator.match(/(?:^|\/)([a-z]+(?: '(?:[^'\\]|\\.)*')?)$/)[1];
}

// Recorded steps against the expected ones, one check per place, both lengths.
export function sameSteps(what, recorded, expected) {
  check(recorded.length === expected.length, `${expected.length} ${what} expected, ${recorded.length} recorded`);
  for (let i = 0; i < Math.max(recorded.length, expected.length); ++i)
    check(recorded[i] === expected[i], `${what} ${i}: recorded ${JSON.stringify(recorded[i])}, expected ${JSON.stringify(expected[i])}`);
}

// The end of every browser test: browser, agent and shop stopped; the folder removed when all
// went well, kept (and named) when not; `success` printed when all went well.
export async function finish({ browser, agent, shop }, success) {
  if (browser) await browser.context.close().catch(() => {});
  await agent.stop().catch(() => {});
  shop.close();
  if (process.exitCode) console.error(`kept for a look: ${agent.dir}`);
  else {
    cleanUp(agent);
    console.log(success);
  }
}

// The frame of a browser test: the agent (its policy with `policy` added, `agentArgs` among its
// options), the shop, Chromium with the extension set up as a person would, and a page. `body`
// returns the line printed when all went well; an exception is a failure; `finish` ends it
// either way.
export async function browserTest(body, policy = {}, agentArgs = []) {
  const agent = await startAgent(policy, 50, agentArgs);
  const shop = await startShop();
  let browser, success = '';
  try {
    browser = await launchWithExtension(agent);
    const page = await browser.context.newPage();
    success = await body({ agent, shop, browser, page });
  } catch (e) {
    fail(e.stack || String(e));
  }
  await finish({ browser, agent, shop }, success);
}

// Asks `holds` every 100 ms until it says yes or the time is up; true if it did.
export async function within(timeoutMs, holds) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await holds()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Until the agent has acknowledged everything the extension holds, and the worker has numbered
// everything pages gave it.
export async function drained(worker, timeoutMs = 15000) {
  return within(timeoutMs, async () => (await worker.evaluate(() => state.pending.length + queued)) === 0);
}

// Stops the extension's service worker as Chrome does one that was idle (DevTools protocol,
// ServiceWorker.stopWorker): what it held in memory is gone; it starts again on the next event.
export async function stopServiceWorker(context) {
  const stopper = await serviceWorkerStopper(context);
  await stopper.stop();
  await stopper.close();
}

// The same, ready beforehand: stop() then takes a few milliseconds, so a test can stop the
// worker between an event reaching it and its acknowledgement reaching the page.
export async function serviceWorkerStopper(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const running = new Map();
  let stops = 0;  // times a running worker was seen stopped: a page may start it again at once
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) {
      const on = v.runningStatus === 'running' && v.scriptURL.endsWith('/service_worker.js');
      if (running.get(v.versionId) && !on) ++stops;
      running.set(v.versionId, on);
    }
  });
  const anyRunning = () => [...running.values()].some(Boolean);
  await cdp.send('ServiceWorker.enable');
  return {
    async stop() {
      await within(5000, anyRunning);
      const before = stops;
      for (const [versionId, on] of running) if (on) await cdp.send('ServiceWorker.stopWorker', { versionId });
      check(await within(5000, () => stops > before), 'the service worker was stopped');
    },
    close: () => page.close(),
  };
}

// The same question as drained() asked through the extension's own status message, from one of
// its pages: for a service worker started again, which Playwright gives no handle to.
export async function drainedByStatus(browser, timeoutMs = 15000) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.id}/options.html`);
  try {
    return await within(timeoutMs, async () => {
      const status = await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'status' }));
      return status.pending === 0 && status.queued === 0;
    });
  } finally {
    await page.close();
  }
}

// The shop's products, and a person adding them to the cart one by one: `clicked` holds each
// click as the session should show it.
export const products = ['Desk lamp', 'Office chair', 'Coffee mug', 'Floor lamp', 'Notebook', 'Headset'];
export function cartShopper() {
  const clicked = [];
  async function add(page, name) {
    await page.click(`button[aria-label="Add ${name} to cart"]`);
    clicked.push(`click button 'Add ${name} to cart'`);
  }
  return { clicked, add };
}

// The clicks in a folder's sessions, oldest file first, as `cartShopper` writes them.
export function recordedClicks(out) {
  const files = sessionFiles(out).sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  const clicks = files.flatMap((f) => readSession(f))
    .filter((e) => e.kind === 'action' && e.type === 'click')
    .map((e) => `click ${lastStep(e.target.locator)}`);
  return { files, clicks };
}

export function sessionFiles(out) {
  return readdirSync(out).filter((f) => f.endsWith('.semtrace')).map((f) => join(out, f));
}

// A session's JSON or the agent's log of WebSocket messages without the numbers the recorder
// makes itself (times, sequence numbers, node ids, boxes, state bits), the session's random id
// and the shop's address (its port is random), for a search for planted secrets: a 13-digit time
// holds a short secret such as a card's "737" or a PIN's "4821" by chance about once in a
// hundred messages, and the session id (32 hex digits) in one run of about 150. Every other
// number stays in.
export function withoutOwnNumbers(json, sessionId) {
  return json.split(sessionId).join('').replace(/"(t|t_us|seq|id|parent|state)":\d+/g, '"$1":0')
    .replace(/"(bounds|removed)":\[[-\d.,e]*\]/g, '"$1":[]').replace(/"site":"[^"]*"/g, '"site":""');
}

// The session through the C++ reader: `semtrace cat --json`, one event per line.
export function readSession(file) {
  const r = spawnSync(join(binDir(), 'semtrace'), ['cat', '--json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`semtrace cat ${file}: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

// The shop, an agent (committing every `ackMs`) and Chromium with the extension (`extension`, as
// launchWithExtension takes it); `use(page, shop)` runs on a page the purchase fits in without
// scrolling, then everything is closed. For the recorder's tools in tests/bench/browser.
export async function onShopPage(use, ackMs = 1000, extension = extensionDir) {
  const shop = await startShop();
  const agent = await startAgent({ detectors: { disable: ['ipv4'] } }, ackMs);
  const browser = await launchWithExtension(agent, { extension });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 1800 });
    return await use(page, shop);
  } finally {
    await browser.context.close();
    await agent.stop();
    cleanUp(agent);
    shop.close();
  }
}

// SEMTRACE_KEEP=1 keeps the folder (sessions, the agent's log of messages) for a look.
export function cleanUp(agent) {
  if (process.env.SEMTRACE_KEEP) return console.error(`kept: ${agent.dir}`);
  rmSync(agent.dir, { recursive: true, force: true });
}
