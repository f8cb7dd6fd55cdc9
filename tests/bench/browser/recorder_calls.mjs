// recorder_calls.mjs — where the extension's recorder spends the page's main thread in one purchase: a Chromium timeline trace, its calls summed by call site (CPU and wall time).
// Run: node tests/bench/browser/recorder_calls.mjs --bin build-bench/bin   (a tool for whoever makes the recorder cheaper; make bench-browser gives the totals)
import { onShopPage, purchase } from '../../browser/harness.mjs';
import { startTrace } from './trace.mjs';

await onShopPage(async (page, shop) => {
  const endTrace = await startTrace(page, ['disabled-by-default-v8.compile']);
  await purchase(page, shop);
  const events = await endTrace();
  // Every call into recorder.js (nested ones too: a site's figure holds what it called).
  const calls = events.filter((e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && e.ph === 'X' &&
    (e.args?.data?.url || '').endsWith('/recorder.js'));
  const sites = new Map();
  for (const e of calls) {
    const site = `${e.name} ${e.args.data.functionName || "(anonymous)"} line ${e.args.data.lineNumber}`;  // the trace counts lines from 1
    const s = sites.get(site) || { cpu: 0, wall: 0, n: 0 };
    s.cpu += e.tdur || 0, s.wall += e.dur || 0, ++s.n;
    sites.set(site, s);
  }
  const ms = (us) => (us / 1000).toFixed(1);
  console.log('| call site in recorder.js | calls | CPU ms | wall ms |\n|---|---|---|---|');
  for (const [site, s] of [...sites].sort((a, b) => b[1].cpu - a[1].cpu)) console.log(`| ${site} | ${s.n} | ${ms(s.cpu)} | ${ms(s.wall)} |`);
  const sum = (key) => calls.reduce((n, e) => n + (e[key] || 0), 0);
  console.log(`| all (nested calls twice) | ${calls.length} | ${ms(sum('tdur'))} | ${ms(sum('dur'))} |`);
  // V8 compiling the recorder: without the compile hint at the top of recorder.js, a function at a
  // time as each is first called, on every page; with it, all of them with the script, once.
  const inside = (e) => calls.some((c) => c.pid === e.pid && c.tid === e.tid && e.ts >= c.ts && e.ts + e.dur <= c.ts + c.dur);
  const lazy = events.filter((e) => e.name === 'V8.CompileCode' && e.ph === 'X' && inside(e));
  console.log(`\nV8 compilations inside those calls: ${lazy.length}, ${ms(lazy.reduce((n, e) => n + (e.tdur || 0), 0))} ms CPU`);
});
