// recorder_self_time.mjs — where the extension's recorder spends the page's main thread over whole purchases, by function: V8's sampler in a Chromium trace, each sample's own function (a native one named with the recorder's function that called it).
// Run: node tests/bench/browser/recorder_self_time.mjs --bin build-bench/bin [PURCHASES]   (a tool for whoever makes the recorder cheaper; ms a purchase)
// Unlike recorder_profile.mjs (one warm page), this covers every page of the purchase, cold code and extension messaging included.
import { onShopPage, purchase } from '../../browser/harness.mjs';
import { profilesOf, startTrace, underScripts } from './trace.mjs';

const purchases = Number(process.argv.find((a) => /^\d+$/.test(a)) || 3);
const self = new Map();
let total = 0;
const isOurs = (node) => (node.callFrame.url || '').endsWith('recorder.js');
const site = (node) => `${node.callFrame.functionName || '(anonymous)'} line ${node.callFrame.lineNumber + 1}`;
for (let run = 0; run < purchases; ++run) {
  await onShopPage(async (page, shop) => {
    const endTrace = await startTrace(page, ['disabled-by-default-v8.cpu_profiler']);
    await purchase(page, shop);
    for (const p of profilesOf(await endTrace())) {
      const ours = underScripts(p, ['recorder.js']);
      for (const id of p.samples) {
        if (!ours(id)) continue;
        const leaf = p.nodes.get(id);
        let caller = leaf;
        while (!isOurs(caller)) caller = p.nodes.get(caller.parent);
        const key = leaf === caller ? site(leaf) : `${leaf.callFrame.functionName || '(native)'} in ${site(caller)}`;
        self.set(key, (self.get(key) || 0) + p.interval);
        total += p.interval;
      }
    }
  });
}
const ms = (us) => (us / 1000 / purchases).toFixed(2);
console.log(`recorder.js on the stack: ${ms(total)} ms a purchase (${purchases} purchases); its own time by function:`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms(us).padStart(7)} ms  ${key}`);
