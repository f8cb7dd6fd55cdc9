// service_worker.js — numbers each tab's events, holds them (bounded) until semtrace-agent acknowledges them, reconnects with backoff.
'use strict';

const MAX_PENDING = 20000;          // messages held while the agent is away; newer ones are dropped and counted
const MAX_KEPT_BYTES = 8 << 20;     // of them, what is also kept in session storage (its quota is 10 MiB)
const MAX_MESSAGE_BYTES = 4 << 20;  // the agent's limit: a larger message would cost the connection
const BACKOFF_MS = [250, 500, 1000, 2000, 5000];

const state = {
  socket: null,
  connected: false,
  welcome: null,       // {policy_id, record_origins, keep_query}: from the agent
  pending: [],         // messages sent or to send, oldest first, until acknowledged: {tab, seq, text, key}
  keptBytes: 0,        // of their text, how much is also in session storage
  dropped: 0,          // not kept: the buffer was full, or the message too large
  refused: 0,          // answered with an error by the agent
  lastError: '',
  attempt: 0,
  timer: 0,
};

// Tab ids are letters only (the agent's rule: no detector may ever rewrite them): this
// browser run's id, then the tab's number in base 26. Sequence numbers survive the service
// worker being stopped and started again, in session storage.
let counters = null;
function letters(n) {
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(97 + ((n - 1) % 26)) + s;
  return s;
}
// Read once: two callers at a worker's start (an event, and a closing socket keeping what it
// held) would otherwise each make an object, and what one of them counted would be lost.
let countersRead = null;
function loadCounters() {
  countersRead = countersRead || chrome.storage.session.get('counters').then(({ counters: saved }) => {
    counters = saved || { run: Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => String.fromCharCode(97 + (b % 26))).join(''), seq: {} };
    return counters;
  }, (e) => {
    countersRead = null;  // read again next time
    throw e;
  });
  return countersRead;
}
// `from`: the page's own numbering of the event ({page, n}); null when this tab already took
// that one (a page sends again what a stopped worker had not acknowledged). A page numbers its
// events from 1 without gaps, but for those it could not keep: the numbers it skipped become a
// gap in the tab's sequence, which the agent marks in the session. `take` false (recording is
// paused): the page's number is used up, and nothing is numbered. The counters change in memory
// only: enqueueNow saves them once the event is held (saveCounters), or a worker stopped in
// between would count the page's event as taken while nothing holds it.
async function nextSeq(tabId, from, take = true) {
  const c = await loadCounters();
  const tab = `${c.run}-${letters(tabId)}`;
  let lost = 0;
  if (from) {
    const last = (c.last = c.last || {})[tab];
    const before = last && last.page === from.page ? last.n : 0;
    if (from.n <= before) return null;
    lost = from.n - before - 1;
    c.last[tab] = { page: from.page, n: from.n };
  }
  if (!take) return null;
  const seq = (c.seq[tab] = (c.seq[tab] || 0) + lost + 1);
  return { tab, seq };
}
async function saveCounters() {
  await chrome.storage.session.set({ counters: await loadCounters() });
}

// Chrome stops an idle service worker after 30 seconds, and with it this worker's memory: while
// the agent is away, each message not yet acknowledged is also kept in session storage (held
// in memory by the browser, never written to disk), under a key that orders it, and taken back
// when the worker starts again. Beyond MAX_KEPT_BYTES, messages are held in this worker only.
async function keep(message) {
  if (message.key !== undefined || state.keptBytes + message.text.length > MAX_KEPT_BYTES) return;
  message.key = null;  // being kept
  const c = await loadCounters();
  if (message.done) return;  // acknowledged meanwhile
  c.kept = (c.kept || 0) + 1;
  message.key = 'p' + String(c.kept).padStart(12, '0');
  state.keptBytes += message.text.length;
  try {
    await chrome.storage.session.set({ counters: c, [message.key]: { tab: message.tab, seq: message.seq, text: message.text } });
  } catch (e) {  // over the storage's quota after all: held in this worker only
    state.keptBytes -= message.text.length;
    message.key = undefined;
    state.lastError = `cannot keep a message across a worker restart: ${e}`;
  }
}
// The pending messages that `done` says are settled (acknowledged, or refused for good): out of
// the worker and out of session storage.
function letGo(done) {
  const gone = state.pending.filter(done);
  state.pending = state.pending.filter((m) => !done(m));
  for (const m of gone) m.done = true;
  const keys = gone.filter((m) => m.key).map((m) => m.key);
  for (const m of gone) if (m.key) state.keptBytes -= m.text.length;
  if (keys.length) chrome.storage.session.remove(keys).catch(() => {});
}
const restored = chrome.storage.session.get(null).then((all) => {
  const kept = Object.keys(all).filter((k) => /^p\d{12}$/.test(k)).sort();
  const before = kept.map((key) => Object.assign({ key }, all[key]));
  for (const m of before) state.keptBytes += m.text.length;
  state.pending = before.concat(state.pending);
}).catch(() => {});

// Read from storage once, then again only after it changes: every event asks for them.
let cachedSettings = null;
function settings() {
  if (!cachedSettings)
    cachedSettings = chrome.storage.local.get({ token: '', port: 47831, consent: null, paused: false, record_origins: [], keep_query: [], policy_id: '',
      block_url_patterns: [], block_domains: [] });
  return cachedSettings;
}

function originAllowed(origin, patterns) {
  return patterns.some((p) => {
    const re = new RegExp('^' + p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^.:/]*') + '$');
    return re.test(origin);
  });
}

// ---- the connection -------------------------------------------------------------------------

async function connect() {
  clearTimeout(state.timer);
  if (state.socket) return;
  await restored;
  if (state.socket) return;
  const s = await settings();
  if (!s.token) return;
  let socket;
  try {
    socket = new WebSocket(`ws://127.0.0.1:${s.port}/v1/record`, ['semtrace.v1', `token.${s.token}`]);
  } catch (e) {
    return retry(String(e));
  }
  state.socket = socket;
  socket.onopen = () => {
    state.connected = true;
    state.attempt = 0;
    state.lastError = '';
    if (!s.consent) return;  // the agent's welcome still says which policy and sites to show
    socket.send(JSON.stringify({ type: 'hello', consent: s.consent, extension: chrome.runtime.getManifest().version }));
    for (const m of state.pending) socket.send(m.text);  // everything not acknowledged, in order
  };
  socket.onmessage = (e) => receive(JSON.parse(e.data));
  socket.onclose = (e) => {
    state.socket = null;
    state.connected = false;
    // What was sent but not acknowledged is kept too: the agent may never have written it.
    for (const m of state.pending) if (!m.key) keep(m);
    retry(e.reason || `connection closed (${e.code})`);
  };
}

function retry(why) {
  state.lastError = why;
  const delay = BACKOFF_MS[Math.min(state.attempt++, BACKOFF_MS.length - 1)];
  state.timer = setTimeout(connect, delay);
}

function receive(m) {
  if (m.type === 'welcome') {
    state.welcome = m;
    const block = m.block || {};
    chrome.storage.local.set({ record_origins: m.record_origins || [], keep_query: m.keep_query || [], policy_id: m.policy_id,
      block_url_patterns: block.url_patterns || [], block_domains: block.domains || [] });
  } else if (m.type === 'ack') {
    const acked = new Map(m.acks.map((a) => [a.tab, a.seq]));
    letGo((p) => acked.has(p.tab) && p.seq <= acked.get(p.tab));
    for (const a of m.acks) if (a.key_frame) askKeyFrame(a.tab).catch((e) => { state.lastError = String(e); });
  } else if (m.type === 'error') {
    state.lastError = m.error;
    if (m.tab && m.seq) {  // that message will never be taken: let it go
      state.refused++;
      letGo((p) => p.tab === m.tab && p.seq === m.seq);
    }
  }
}

// One at a time, in the order the page sent them: sequence numbers follow that order.
let queue = Promise.resolve();
const recordedTabs = new Set();  // tabs that sent something: only they have a session to close
// Events taken from pages and not yet numbered and held: until they are, `pending` does not
// count them, and a status that said "nothing pending" would be early (a page's burst of a
// thousand is numbered one storage write at a time).
let queued = 0;
function enqueue(tabId, event, from = null) {
  ++queued;
  queue = queue.then(() => enqueueNow(tabId, event, from)).catch((e) => { state.lastError = String(e); })
    .finally(() => { --queued; });
  return queue;
}

async function enqueueNow(tabId, event, from) {
  await restored;
  const s = await settings();
  const take = !s.paused && !!s.consent;
  const numbered = await nextSeq(tabId, from, take);
  if (!numbered) return take ? undefined : saveCounters();  // taken before; or paused: the page's number is used up
  const { tab, seq } = numbered;
  const text = JSON.stringify(Object.assign({ tab, seq }, event));
  if (state.pending.length >= MAX_PENDING || text.length > MAX_MESSAGE_BYTES) {
    state.dropped++;  // the agent sees the gap in seq and marks it in the session
    return saveCounters();
  }
  const message = { tab, seq, text };
  state.pending.push(message);
  if (state.connected) state.socket.send(text);
  else connect();
  if (!state.connected) await keep(message);  // connected, it is acknowledged within a second
  // Held now (sent, or kept with the counters in one write): the counters may say it is taken.
  // A worker stopped before this line numbers the page's event again when the page resends it,
  // with the same seq, and the agent skips what it already has.
  if (typeof message.key !== 'string') await saveCounters();
}

// The pages' ports, by tab: a tab's session that began while its page was open (the agent
// restarted) has no tree, and the agent asks for the page's key frame.
const portsOfTab = new Map();
async function askKeyFrame(tab) {
  const prefix = `${(await loadCounters()).run}-`;
  if (!tab.startsWith(prefix)) return;  // a tab of another run of the browser
  let n = 0;  // letters() back to the tab's id
  for (const c of tab.slice(prefix.length)) n = n * 26 + (c.charCodeAt(0) - 96);
  for (const port of portsOfTab.get(n - 1) || []) {
    try { port.postMessage({ keyFrame: true }); } catch { /* the page went meanwhile */ }
  }
}

// Whether a page's origin is recorded, and the query parameters its addresses keep.
async function configFor(sender) {
  const s = await settings();
  const origin = sender.origin || (sender.url && new URL(sender.url).origin) || '';
  return { record: !!s.consent && !!s.token && originAllowed(origin, s.record_origins), keep_query: s.keep_query,
    block: { url_patterns: s.block_url_patterns, domains: s.block_domains } };  // the agent's, as it judges them
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (message.kind === 'status') {
    settings().then((s) => reply({ connected: state.connected, pending: state.pending.length, queued, dropped: state.dropped,
      refused: state.refused, error: state.lastError, consent: s.consent, paused: s.paused, policy_id: s.policy_id || '',
      record_origins: s.record_origins, has_token: !!s.token }));
    return true;
  }
  return false;
});

// A page's port: first its question whether it is recorded, then its events (one, or several
// sent together: {kind: 'events', entries}), each taken in order and acknowledged (at most
// every 100 ms) so that the page can let it go.
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'semtrace-events' || !port.sender || !port.sender.tab) return;
  const tabId = port.sender.tab.id;
  let taken = 0, timer = 0, open = true;
  if (!portsOfTab.has(tabId)) portsOfTab.set(tabId, new Set());
  portsOfTab.get(tabId).add(port);
  port.onDisconnect.addListener(() => {
    open = false;
    const ports = portsOfTab.get(tabId);
    ports.delete(port);
    if (!ports.size) portsOfTab.delete(tabId);
  });
  const take = (m) => {
    if (!m || m.kind !== 'event') return;
    recordedTabs.add(tabId);
    enqueue(tabId, m.event, { page: m.page, n: m.n }).then(() => {
      taken = Math.max(taken, m.n);
      if (!timer) timer = setTimeout(() => { timer = 0; if (open) port.postMessage({ ack: taken }); }, 100);
    });
  };
  port.onMessage.addListener((m) => {
    if (m.kind === 'config') {
      configFor(port.sender).then((config) => { if (open) port.postMessage({ config }); });
      connect();
    } else if (m.kind === 'events' && Array.isArray(m.entries)) {
      for (const entry of m.entries) take(entry);
    } else {
      take(m);
    }
  });
});

chrome.tabs && chrome.tabs.onRemoved && chrome.tabs.onRemoved.addListener((tabId) => {
  if (recordedTabs.delete(tabId)) enqueue(tabId, { type: 'close' });
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local') cachedSettings = null;
  if (changes.token || changes.port || changes.consent) {
    if (state.socket) state.socket.close();
    else connect();
  }
});

connect();
