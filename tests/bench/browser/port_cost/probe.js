// probe.js — on each page: the time of the first touch of chrome.runtime, connect(), two listeners and three messages the size of a recorded action, logged for port_cost.mjs.
(() => {
  const action = { type: 'action', action: 'fill', target: { locator: "page 'Checkout'/form 'Shipping'/textbox 'Email'", id: 12,
    bounds: [10, 20, 300, 32] }, value: { state: 'masked' }, t: Date.now(), site: location.host };
  const marks = [performance.now()];
  const runtime = chrome.runtime;
  marks.push(performance.now());
  const port = runtime.connect({ name: 'probe' });
  marks.push(performance.now());
  port.onMessage.addListener(() => {});
  port.onDisconnect.addListener(() => {});
  marks.push(performance.now());
  for (let n = 1; n <= 3; ++n) {
    port.postMessage({ kind: 'event', page: 'p', n, event: action });
    marks.push(performance.now());
  }
  console.log('port-cost ' + marks.slice(1).map((t, i) => ((t - marks[i]) * 1000).toFixed(0)).join(' '));
})();
