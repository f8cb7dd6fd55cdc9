// trace.mjs — a recorder's main-thread time from a Chromium timeline trace of a page: what bench_browser.mjs and recorder_ab.mjs measure.

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The time the page's main thread spent running a recorder's code, from a trace of Chromium's
// own timeline (not sampled): every FunctionCall (a handler, observer or timer callback) and
// EvaluateScript of one of `scripts`, with all that it called, DOM and layout work included,
// on every renderer main thread; a call inside another counts once. Two sums: the thread's CPU
// time in those calls (what the recorder costs the page) and their wall time (which adds the
// moments the thread was not running at all: on 2 shared cores, often). This is the measure
// around the recorder's handlers the issue allows, exact to the microsecond.
//
// SAMPLED=1 adds V8's sampling profiler to the trace (its samples cost every row a little): the
// time with one of the scripts anywhere on the stack, which the trace's calls leave out when a
// script's code runs from a promise callback (a microtask is no FunctionCall). One profile per
// renderer spans every document of the purchase; a sample counts for the profile's median
// interval, so a long pause after a sample does not count.
export const SAMPLED = !!process.env.SAMPLED;
// V8's profiles in a trace's events (one per renderer), each with its nodes by id, its samples
// (node ids) and its median interval between samples, in microseconds.
export function profilesOf(events) {
  const profiles = new Map();
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    const p = profiles.get(key) || { nodes: new Map(), samples: [], deltas: [] };
    profiles.set(key, p);
    const data = e.args.data || {};
    for (const n of (data.cpuProfile || {}).nodes || []) p.nodes.set(n.id, n);
    p.samples.push(...((data.cpuProfile || {}).samples || []));
    p.deltas.push(...(data.timeDeltas || []));
  }
  return [...profiles.values()].map((p) => ({ nodes: p.nodes, samples: p.samples, interval: median(p.deltas.filter((d) => d > 0)) || 0 }));
}

// Whether a profile node is one of `scripts`' frames or called from one.
export function underScripts(profile, scripts) {
  const ours = new Map();
  const onStack = (id) => {
    if (!ours.has(id)) {
      const n = profile.nodes.get(id);
      ours.set(id, !!n && (scripts.some((s) => (n.callFrame.url || '').endsWith(s)) || (n.parent !== undefined && onStack(n.parent))));
    }
    return ours.get(id);
  };
  return onStack;
}

function sampledSeconds(events, scripts) {
  let seconds = 0;
  for (const p of profilesOf(events)) seconds += p.samples.filter(underScripts(p, scripts)).length * p.interval / 1e6;
  return seconds;
}

// Starts a trace of `page` with Chromium's timeline and `more` categories; the function it
// returns ends the trace and gives its events.
export async function startTrace(page, more = []) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => { for (const e of value) events.push(e); });
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', '__metadata', ...more], excludedCategories: ['*'] } });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

export async function tracer(page) {
  const endTrace = await startTrace(page, SAMPLED ? ['disabled-by-default-v8.cpu_profiler'] : []);
  return async (scripts) => {
    const events = await endTrace();
    const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`));
    const ours = (e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && e.ph === 'X' &&
      mainThreads.has(`${e.pid}:${e.tid}`) && e.args && e.args.data && scripts.some((s) => (e.args.data.url || '').endsWith(s));
    // Calls inside another call of the recorder (a nested dispatch) are in that one already.
    const calls = events.filter(ours).sort((a, b) => a.ts - b.ts);
    const reach = new Map();  // per thread: where the last outermost call ends
    let wall = 0, cpu = 0;
    for (const e of calls) {
      const key = `${e.pid}:${e.tid}`;
      if (e.ts < (reach.get(key) || 0)) continue;
      reach.set(key, e.ts + (e.dur || 0));
      wall += e.dur || 0;
      cpu += e.tdur || 0;
    }
    if (process.env.TRACE_DEBUG) {
      const urls = new Map();
      for (const e of events) if ((e.name === 'FunctionCall' || e.name === 'EvaluateScript') && e.args && e.args.data)
        urls.set(e.args.data.url, (urls.get(e.args.data.url) || 0) + (e.dur || 0));
      console.error([...urls].sort((a, b) => b[1] - a[1]).slice(0, 12));
    }
    return { wall: wall / 1e6, cpu: cpu / 1e6, sampled: SAMPLED ? sampledSeconds(events, scripts) : null };
  };
}
