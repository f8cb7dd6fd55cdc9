// recorder_profile.mjs — the extension's recorder on one warm page (the shop's checkout: 30 committed fields, 15 single-page navigations), a CPU profile counted in samples, by function.
// Run: node tests/bench/browser/recorder_profile.mjs --bin build-bench/bin   (samples, not sampled time: on shared cores a sample's time says more about the machine than the code)
import { onShopPage, secrets } from '../../browser/harness.mjs';

await onShopPage(async (page, shop) => {
  await page.goto(shop.url + 'checkout.html');
  await page.waitForTimeout(1000);
  // A page session's profile ends with its document: everything below stays on this one.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  for (let round = 0; round < 3; ++round) {
    for (const field of ['name', 'email', 'phone', 'address', 'city', 'postcode', 'card', 'expiry', 'cvc', 'notes'])
      await page.fill(`#${field}`, secrets[field] + round);
    for (let i = 0; i < 5; ++i) {
      await page.evaluate((k) => history.pushState({}, '', '?k=' + k), round * 5 + i);
      await page.waitForTimeout(200);
    }
  }
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (id) => { const f = nodes.get(id).callFrame; return `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`; };  // a profile counts lines from 0
  const self = new Map(), inclusive = new Map();
  let total = 0;
  for (const id of profile.samples) {
    const stack = [];
    for (let n = id; n !== undefined; n = parent.get(n)) stack.push(n);
    if (!stack.some((n) => nodes.get(n).callFrame.url.endsWith('/recorder.js'))) continue;
    ++total;
    self.set(name(id), (self.get(name(id)) || 0) + 1);
    for (const key of new Set(stack.map(name))) inclusive.set(key, (inclusive.get(key) || 0) + 1);
  }
  console.log(`samples with recorder.js on the stack: ${total} (50 µs apart)`);
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `  ${String(v).padStart(5)}  ${k}`).join('\n');
  console.log(`self:\n${top(self)}\ninclusive:\n${top(inclusive)}`);
});
