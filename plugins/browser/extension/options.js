// options.js — reads and saves the agent's port and token.
'use strict';
const $ = (id) => document.getElementById(id);
chrome.storage.local.get({ port: 47831, token: '' }).then((s) => { $('port').value = s.port; $('token').value = s.token; });
$('save').onclick = async () => {
  const token = $('token').value.trim();
  if (!/^[0-9a-f]{64}$/.test(token)) return ($('saved').textContent = 'The token is 64 hex digits: copy it again.');
  await chrome.storage.local.set({ port: Number($('port').value) || 47831, token });
  $('saved').textContent = 'Saved.';
};
