// worker.js — takes the probe's port and its messages, and does nothing with them.
chrome.runtime.onConnect.addListener((port) => port.onMessage.addListener(() => {}));
