// popup.js — shows the recorder's state from the service worker and writes the person's choices to storage.
'use strict';
const CONSENT_TEXT_VERSION = 'semtrace-extension-consent-1';
const $ = (id) => document.getElementById(id);

async function render() {
  const s = await chrome.runtime.sendMessage({ kind: 'status' });
  const recording = !!s.consent && !s.paused;
  $('state').className = 'state' + (recording ? ' on' : s.paused ? ' paused' : '');
  $('state').textContent = !s.has_token ? 'Not set up: the token is missing (options page).'
    : !s.consent ? 'Not recording: no consent given.'
    : s.paused ? 'Paused: nothing is recorded.'
    : s.connected ? 'Recording the sites below.' : 'Recording; waiting for the semtrace agent (kept here meanwhile).';
  $('consent-form').hidden = !!s.consent;
  $('controls').hidden = !s.consent;
  $('pause').textContent = s.paused ? 'Resume' : 'Pause';
  $('policy').textContent = s.policy_id || '(the agent has not said yet)';
  $('sites').replaceChildren(...(s.record_origins.length ? s.record_origins : ['none']).map((o) => {
    const li = document.createElement('li');
    li.textContent = o;
    return li;
  }));
  $('detail').textContent = `${s.pending + (s.queued || 0)} waiting for the agent, ${s.dropped} dropped, ${s.refused} refused` +
    (s.error ? ` — last problem: ${s.error}` : '');
}

$('agree').onclick = async () => {
  const subject = $('subject').value.trim();
  if (!subject) return $('subject').focus();
  const { policy_id } = await chrome.storage.local.get({ policy_id: '' });
  await chrome.storage.local.set({ consent: { subject, given_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    text_version: CONSENT_TEXT_VERSION, policy_id } });
  render();
};
$('pause').onclick = async () => {
  const { paused } = await chrome.storage.local.get({ paused: false });
  await chrome.storage.local.set({ paused: !paused });
  render();
};
$('withdraw').onclick = async () => { await chrome.storage.local.remove('consent'); render(); };
render();
setInterval(render, 1000);
