// spa_hook.js — runs in the page's own world: tells recorder.js when a single-page app changes the URL through the History API.
(() => {
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (...args) {
      const result = original.apply(this, args);
      window.dispatchEvent(new CustomEvent('semtrace:history'));
      return result;
    };
  }
})();
