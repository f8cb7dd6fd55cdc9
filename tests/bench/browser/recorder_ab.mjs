// recorder_ab.mjs — this tree's browser recorder against another copy of the extension, one traced purchase each in turn: main-thread CPU per run, medians.
// Run: node tests/bench/browser/recorder_ab.mjs --bin build/bin --before DIR [--runs N]
// DIR is the extension of the code to compare with, e.g. from `git worktree add /tmp/before HEAD~1`:
// /tmp/before/plugins/browser/extension. On two shared cores one purchase's figure moves by a
// tenth or more from run to run, so the two alternate (neither gets the quieter minutes) and
// only medians of several runs say anything; run it once with the same DIR as this tree's
// extension to see the noise on the day.
import { parseArgs } from 'node:util';
import { extensionDir, onShopPage, purchase } from '../../browser/harness.mjs';
import { median, tracer } from './trace.mjs';

const { values } = parseArgs({ options: { bin: { type: 'string' }, before: { type: 'string' }, runs: { type: 'string', default: '8' } } });
if (!values.before) throw new Error('--before DIR: the extension directory to compare this tree\'s with');
const sides = [['before', values.before], ['this tree', extensionDir]];
const cpu = { before: [], 'this tree': [] };
for (let run = 0; run < Number(values.runs); ++run)
  for (const [name, dir] of sides) {
    const figures = await onShopPage(async (page, shop) => {
      const trace = await tracer(page);
      await purchase(page, shop);
      return trace(['recorder.js', 'spa_hook.js']);
    }, 1000, dir);
    cpu[name].push(figures.cpu * 1000);
    process.stderr.write(`run ${run + 1}: ${name} ${(figures.cpu * 1000).toFixed(1)} ms\n`);
  }
const ms = (xs) => xs.map((x) => x.toFixed(1)).join(', ');
for (const [name] of sides)
  console.log(`${name}: recorder main-thread CPU per purchase, median ${median(cpu[name]).toFixed(1)} ms (${ms(cpu[name])})`);
