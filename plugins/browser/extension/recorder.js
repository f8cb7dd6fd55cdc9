// recorder.js — the content script: DOM events as semantic actions, the page's interactive elements as a UI tree; masked in the page before anything leaves it (docs/browser.md).
//# allFunctionsCalledOnLoad
// (V8's compile hint, above: compile every function with the script. Compiled one at a time as
// each was first called, the recorder's functions were compiled again on every page, some fifty
// times in a purchase, about 5 ms of the page's main thread; now the script once, about 2 ms,
// taken from Chromium's cache on the pages after. `node tests/bench/browser/recorder_calls.mjs` counts them.)
(() => {
  'use strict';
  if (window.top !== window) return;  // frames are not read: cross-origin ones could not be, same-origin ones are not asked for

  // ---- what an element is: role, accessible name, value, place ----------------------------

  const TRACKED = 'a[href],button,input,select,textarea,summary,[role],' +
    '[contenteditable="true"],[contenteditable=""],[contenteditable="plaintext-only"],' +
    'h1,h2,h3,h4,h5,h6,nav,main,form,header,footer,aside,dialog,img[alt],table';
  const CLICKABLE = 'a[href],button,input[type=button],input[type=submit],input[type=reset],input[type=image],summary,' +
    '[role=button],[role=link],[role=menuitem],[role=tab],[role=option],[role=treeitem],[role=switch]';
  const LANDMARKS = { NAV: 'navigation', MAIN: 'main', HEADER: 'banner', FOOTER: 'contentinfo', ASIDE: 'complementary', FORM: 'form', DIALOG: 'dialog' };
  const CONTAINERS = new Set(['navigation', 'main', 'banner', 'contentinfo', 'complementary', 'form', 'dialog', 'region', 'table', 'tabpanel', 'menu']);
  const NAMED_BY_CONTENT = new Set(['button', 'link', 'heading', 'tab', 'menuitem', 'option', 'treeitem', 'cell', 'switch']);
  const INPUT_ROLES = new Map([['button', 'button'], ['submit', 'button'], ['reset', 'button'], ['image', 'button'],
    ['checkbox', 'checkbox'], ['radio', 'radio'], ['range', 'slider'], ['search', 'searchbox'], ['number', 'spinbutton']]);
  const STATE = { checked: 1, open: 2, focused: 4, disabled: 8 };
  const MAX_TEXT = 120;

  // An editing host, from its attribute: isContentEditable brings the page's style and layout up
  // to date before it answers, and asked of each element around a field the page has just
  // changed, it cost a forced layout at every committed field. (What an editing host holds is
  // not a textbox of its own.)
  function editingHost(el) {
    const value = el.getAttribute('contenteditable');
    return value !== null && ['', 'true', 'plaintext-only'].includes(value.toLowerCase());
  }

  function roleOf(el) {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.trim().split(/\s+/)[0] || null;
    switch (el.tagName) {
      case 'A': return el.hasAttribute('href') ? 'link' : null;
      case 'BUTTON': case 'SUMMARY': return 'button';
      case 'SELECT': return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
      case 'TEXTAREA': return 'textbox';
      case 'IMG': return 'img';
      case 'TABLE': return 'table';
      case 'H1': case 'H2': case 'H3': case 'H4': case 'H5': case 'H6': return 'heading';
      case 'INPUT': {
        const type = (el.getAttribute('type') || 'text').toLowerCase();
        return type === 'hidden' ? null : INPUT_ROLES.get(type) || 'textbox';
      }
      default:
        if (LANDMARKS[el.tagName]) return LANDMARKS[el.tagName];
        return editingHost(el) ? 'textbox' : null;
    }
  }

  // Text a person can read may carry their data: inside data-semtrace-mask it is replaced, and
  // anything shaped like an email address, a long number, an identity number or a labelled
  // secret never leaves the page, in ASCII, in the full-width forms an input method types
  // ("０１７０ ５５５０ １２３４", "ｄａｎａ＠ｅｘａｍｐｌｅ．ｏｒｇ") or in any script's digits
  // ("٠١٧٠ ٥٥٥٠ ١٢٣٤", "०१७० ५५५० १२३४": \p{Nd}).
  // The agent's privacy engine runs every detector again (defence in depth).
  const EMAIL = /[^\s@＠<>()"',;]+[@＠][^\s@＠<>()"',;]+[.．][a-zａ-ｚ]{2,}/gi;
  const NUMBER = /[+＋]?\p{Nd}[\p{Nd} ().\-/　（）．－／]{6,}\p{Nd}/gu;
  const OTHER_DIGIT = /\p{Nd}/u;
  // The larger patterns below are built the first time a text needs one: built with the script,
  // they cost 0.1-0.3 ms on every page, and most pages never show a labelled secret or an
  // identity number.
  const lazy = (build) => { let pattern = null; return () => (pattern ??= build()); };
  // A value after a label that names a secret ("Wi-Fi password: fluffy", "PIN: 4821",
  // "api_key=…", "my password is hunter22") is replaced and its label kept, as the agent's
  // labelled_secret detector does (docs/policy.md; it reads more forms: camelCase labels,
  // a phrase such as "Password for the router:"). PINs and security codes need a digit, and so
  // do values after "is" but after a possessive ("my password is fluffy"); a number alone, four
  // digits (three for a code).
  const CODE_LABEL = 'pin(?: code| number)?|cvv|cvc|csc|security code';
  const SECRET_LABEL = 'password|passwd|passwort|kennwort|passphrase|passcode|pwd|pw|pass|secret|token|credentials?|' +
    'authorization|(?:api|access|secret|private|licen[cs]e|product|encryption|master|signing)[ _-]?key|' +
    'mot de passe|mdp|contraseña|clave|senha|wachtwoord|adgangskode|passord|lösenord|hasło|haslo|salasana|heslo|' +
    'jelszó|şifre|sifre|пароль|パスワード|暗証番号|密码|密碼|비밀번호|كلمة المرور|كلمة السر|סיסמה|รหัสผ่าน|mật khẩu|kata sandi|' + CODE_LABEL;
  // The label, the separator (a quote may close the label and open the value), then the value:
  // a quoted string, or a word (an Authorization's scheme kept) less a sentence's , ; or .
  const OWNER = 'my|your|our|his|her|their|mein|meine|dein|deine|sein|seine|ihr|ihre|unser|unsere|mon|ma|ton|ta|son|sa|notre|votre|mi|tu|su|nuestra';
  // What a message says of a password after "is" ("Your password is incorrect"): no value.
  const SAYS = lazy(() => new RegExp('^(?:incorrect|invalid|wrong|required|too|not|expired|expiring|about|weak|strong|set|reset|changed|' +
    'updated|saved|missing|empty|the|a|an|being|now|still|case-sensitive|correct|valid|secure|protected|encrypted|stored|' +
    'hidden|visible|shown|sent|compromised|known|used|old|new|different|same|long|short|ok|good|fine|safe|unsafe|locked|' +
    'blocked|disabled|enabled|active|pending|due|going|displayed|generated|managed|shared|private|secret|unique|common|' +
    'easy|at|in|on|for|of|to|never|always|only|also|very|please|here|below|falsch|ungültig|zu|abgelaufen|erforderlich|' +
    'nicht|invalide|trop|expiré|requis|pas|incorrecta|inválida|requerida|demasiado|muy)[!?)]*$', 'iu'));
  const LABELLED = lazy(() => new RegExp(`(?<edge>^|[^\\p{L}\\p{N}])(?<owner>(?:${OWNER})\\s+(?:[\\p{L}-]{1,16}\\s+)?)?(?<label>${SECRET_LABEL})` +
    `(?<separator>\\s*["'”]?\\s*(?:[:=：](?:=|>)?|\\s(?:is|was|ist|est|es)\\s)\\s*)` +
    `(?:(?<open>["'“«])(?<quoted>[^"'”»\\n]+)(?<close>["'”»])|(?<scheme>(?:bearer|basic|digest|token|bot)\\s+)?` +
    `(?<word>[^\\s"'”»]+?)(?=[,;.]?(?:[\\s"'”»]|$)))`, 'giu'));
  const IS_CODE = lazy(() => new RegExp(`^(?:${CODE_LABEL})$`, 'iu'));
  // Identity numbers that hold letters, whose six or seven digits NUMBER leaves: the UK's
  // National Insurance number ("JG103759A", "JG 10 37 59 A"), Mexico's CURP, Italy's codice
  // fiscale, Spain's NIE ("X-1208225-N"), in ASCII or full width. By shape: the agent's
  // national_id detector checks their letters and digits (docs/policy.md).
  const CAP = '[A-ZＡ-Ｚ]', DIG = '[0-9０-９]', SP = '[ 　]';
  const ID = lazy(() => new RegExp('(?<![\\p{L}\\p{N}])(?:' +
    `${CAP}{2}${SP}?(?:${DIG}{6}|${DIG}{2}${SP}${DIG}{2}${SP}${DIG}{2})${SP}?[A-DＡ-Ｄ]|` +  // NINO
    `${CAP}{4}${DIG}{6}[HMXＨＭＸ]${CAP}{5}(?:${CAP}|${DIG})${DIG}|` +                          // CURP
    `${CAP}{6}${DIG}{2}${CAP}${DIG}{2}${CAP}${DIG}{3}${CAP}|` +                                 // codice fiscale
    `[XYZＸＹＺ][-－]?${DIG}{7}[-－]?${CAP})(?![\\p{L}\\p{N}])`, 'gu'));                   // NIE
  // Identity numbers only the words before them name ("Passport No. L898902C3", "Tax ID:
  // 12-3456789", "SSN 123456789"), as the agent's labelled_id detector reads them
  // (docs/policy.md): a word that names one by itself, or one of ID_AFTER with a word such as
  // "ID" or "number" after it; then capitals and digits with 5 digits or more, in groups one
  // separator apart, each with a digit.
  const ID_WORD = 'passports?|passeport|pasaporte|passaporto|paspoort|paszport|reisepass|ssns?|itin|tin|nhs|medicare|' +
    'licen[cs]e|licencia|licenza|f[üu]hrerschein|rijbewijs|dl|bsn|cpr|pesel|personnummer|personalausweis|ausweisnummer|' +
    'ausweis|steuernummer|idnr|nif|dni|curp|cpf|rg|aadhaa?r|nino|kimlik|tckn|паспорт|инн|снилс|身份证|身份證|身分證|' +
    '护照|護照|マイナンバー|パスポート|주민등록번호|여권|account|acct|kontonummer|konto|cuenta|compte';  // (a longer word first)
  const ID_AFTER = 'tax|taxpayer|social|national|identity|identification|citizen|voter|steuer|card';
  const ID_BETWEEN = 'no|nr|nbr|num|number|is|id|security|s|my|your|his|her|their|the|de|du|la|le|el|mi|su|tu|ist|est|es|' +
    'mein|meine|номер|мой';
  const ID_SEP = '[\\s:.#=(\\-\'’：]{1,4}';
  const ID_LABELLED = lazy(() => new RegExp(`(?<![\\p{L}\\p{N}])(?:(?<word>${ID_WORD})|(?<after>${ID_AFTER}))` +
    `(?<between>(?:${ID_SEP}(?:${ID_BETWEEN})(?![\\p{L}\\p{N}]))*)(?<sep>[\\s:.#=(\\-：]{0,4})` +
    `(?<value>[\\p{L}\\p{N}]+(?:[ .\\-/][\\p{L}\\p{N}]+)*)`, 'giu'));
  // One as a person types it ("l898902c3", "x12345678"): one to three letters, one in lower
  // case, then digits, in one word, five of them before any other lower-case letter; a word
  // glued on after a digit stays ("l898902exp"). Where the value ends in the word, or -1.
  function typedIdEnd(word) {
    if (!/^(?=[A-Za-z]{0,2}[a-z])[A-Za-z]{1,3}(?=[0-9])[0-9A-Za-z]*$/.test(word)) return -1;
    const first = word.search(/[0-9]/);
    const tail = /[A-Za-z]*$/.exec(word)[0].length;
    const end = tail >= 2 ? word.length - tail : word.length;
    const digitsIn = (part) => part.replace(/[^0-9]/g, '').length;
    return digitsIn(/^[0-9A-Z]*/.exec(word.slice(first))[0]) >= 5 && digitsIn(word.slice(0, end)) >= 5 && end <= 32 ? end : -1;
  }
  function labelledId(...match) {
    const all = match[0], g = match[match.length - 1];
    if (g.after !== undefined && !g.between) return all;  // "Tax 12345.00": not without "ID" or "number"
    const typed = typedIdEnd(g.value.split(/[ .\-/]/)[0]);
    if (typed >= 0) return all.slice(0, all.length - g.value.length) + '⟨ID⟩' + g.value.slice(typed);
    // The groups of capitals and digits, one separator throughout, each with a digit.
    const parts = g.value.split(/([ .\-/])/);  // groups at even places, separators between
    const groups = [];
    let end = 0, digits = 0;
    for (let k = 0; k < parts.length; k += 2) {
      if (!/^[A-Z0-9]*[0-9][A-Z0-9]*$/.test(parts[k]) || (k > 2 && parts[k - 1] !== parts[1])) break;
      digits += parts[k].replace(/[^0-9]/g, '').length;
      groups.push(parts[k].length);
      end += (k > 0 ? 1 : 0) + parts[k].length;
    }
    const sep = parts[1];
    const date = groups.length === 3 && '-./'.includes(sep) &&
      ((groups[0] === 4 && groups[1] <= 2 && groups[2] <= 2) || (groups[0] <= 2 && groups[1] <= 2 && (groups[2] === 4 || groups[2] === 2)));
    if (digits < 5 || date) return all;
    return all.slice(0, all.length - g.value.length) + '⟨ID⟩' + g.value.slice(end);
  }
  function unlabelled(...match) {
    const all = match[0], g = match[match.length - 1];
    const value = g.quoted !== undefined ? g.quoted : g.word;
    const digits = (value.match(/\p{Nd}/gu) || []).length;
    const code = IS_CODE().test(g.label);
    const copula = !/[:=：]/.test(g.separator);
    // After "is", a word without a digit only after a possessive ("my password is fluffy").
    const owned = copula && !code && g.owner && value.length >= 3 && !SAYS().test(value);
    if ((code || copula) && digits === 0 && !owned) return all;
    if (!/\p{L}/u.test(value) && digits < (code ? 3 : 4)) return all;
    const kept = g.edge + (g.owner || '') + g.label + g.separator;
    return g.quoted !== undefined ? kept + g.open + '⟨SECRET⟩' + g.close : kept + (g.scheme || '') + '⟨SECRET⟩';
  }
  function masked(el) {
    const mark = el.closest('[data-semtrace-mask],[data-semtrace-unmask]');
    return !!mark && mark.hasAttribute('data-semtrace-mask');
  }
  // Text without an @ cannot hold an address, nor text with fewer than two digits a number, nor
  // text without a ':', '=' or "is" a labelled secret: counting is cheaper
  // than running the patterns over every name (and compiling them on every page).
  function scrubText(text) {
    let digits = 0, at = false, separator = false;
    for (let i = 0; i < text.length; ++i) {
      const c = text.charCodeAt(i);
      if ((c >= 48 && c <= 57) || (c > 127 && OTHER_DIGIT.test(text[i]))) ++digits;
      else if (c === 64 || c === 0xff20) at = true;
      else if (c === 58 || c === 61 || c === 0xff1a) separator = true;
    }
    if (separator || / (?:is|was|ist|est|es) /.test(text)) text = text.replace(LABELLED(), unlabelled);
    if (digits >= 5) text = text.replace(ID_LABELLED(), labelledId);
    if (digits >= 6) text = text.replace(ID(), '⟨ID⟩');
    if (at) text = text.replace(EMAIL, '⟨EMAIL⟩');
    return digits >= 2 ? text.replace(NUMBER, '⟨NUMBER⟩') : text;
  }
  function visibleText(el, text) {
    text = (text || '').replace(/\s+/g, ' ').trim();
    if (!text) return '';
    if (masked(el)) return '<masked>';
    if (text.length > MAX_TEXT) text = text.slice(0, MAX_TEXT - 1) + '…';
    return scrubText(text);
  }
  const contentOf = (el) => el.textContent || '';

  // An input's <label>s. Not el.labels: Chromium searches the whole document for label[for]
  // at each call, which made a key frame of a 60,000-node page take seconds. The for= labels
  // are indexed once, and again after the page adds or removes elements or changes a for=
  // (the mutation observer says so; what it has not delivered yet is taken first). Before the
  // observer runs, the index lasts one task: within one the page cannot change them.
  const LABELABLE = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'METER', 'OUTPUT', 'PROGRESS']);
  let labelIndex = null;  // for= id -> its labels
  function labelsFor(id) {
    if (labelIndex && recording) {
      const undelivered = observer.takeRecords();
      if (undelivered.length) onMutations(undelivered);
    }
    if (!labelIndex) {
      labelIndex = new Map();
      for (const l of document.querySelectorAll('label[for]')) labelIndex.set(l.htmlFor, (labelIndex.get(l.htmlFor) || []).concat(l));
      if (!recording) queueMicrotask(() => { labelIndex = null; });
    }
    return labelIndex.get(id) || [];
  }
  function labelOf(el) {
    const wrapping = el.closest('label');
    const labels = wrapping ? [wrapping] : [];
    if (el.id) for (const l of labelsFor(el.id)) if (l !== wrapping) labels.push(l);
    return labels.map(contentOf).join(' ');
  }

  function nameOf(el, role) {
    let name = '';
    const by = el.getAttribute('aria-labelledby');
    if (by) name = by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(contentOf).join(' ');
    if (!name) name = el.getAttribute('aria-label') || '';
    if (!name && LABELABLE.has(el.tagName)) name = labelOf(el);
    if (!name && el.tagName === 'IMG') name = el.getAttribute('alt') || '';
    if (!name && el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type)) name = el.value || el.type;
    if (!name && NAMED_BY_CONTENT.has(role)) name = contentOf(el);
    if (!name) name = el.getAttribute('title') || el.getAttribute('placeholder') || '';
    return visibleText(el, name);
  }

  function blocked(el) { return !!el.closest('[data-semtrace-block]'); }

  // Fields whose value never leaves the page, whatever the policy says.
  function secret(el) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    const auto = (el.getAttribute('autocomplete') || '').toLowerCase().split(/\s+/);
    return type === 'password' || auto.some((t) => t.startsWith('cc-') || t === 'one-time-code') || blocked(el);
  }

  // Typed text: masked unless the page marks the field data-semtrace-unmask (and it is no secret).
  function typedValue(el) {
    const text = editingHost(el) ? el.textContent : el.value;
    if (!text) return null;
    const mark = el.closest('[data-semtrace-mask],[data-semtrace-unmask]');  // the nearest says
    if (secret(el) || !mark || mark.hasAttribute('data-semtrace-mask')) return { state: 'masked' };
    return { state: 'plain', text: scrubText(text) };
  }
  function choiceOf(select) {
    const chosen = Array.from(select.selectedOptions || [], (o) => visibleText(o, o.label || o.textContent));
    return chosen.join(', ');
  }

  function stateOf(el) {
    let s = 0;
    if (el.checked || el.getAttribute('aria-checked') === 'true') s |= STATE.checked;
    if (el.open || el.getAttribute('aria-expanded') === 'true') s |= STATE.open;
    if (document.activeElement === el) s |= STATE.focused;
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') s |= STATE.disabled;
    return s;
  }

  const rounded = (r) => [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
  const boundsOf = (el) => rounded(el.getBoundingClientRect());

  const quote = (name) => name.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const step = (role, name) => (name ? `${role} '${quote(name)}'` : role);
  function pageStep() { return step('page', visibleText(document.documentElement, document.title)); }

  // A path of role and name steps from the page through the landmarks, forms and dialogs around
  // the element: stable when the markup around it changes, readable by a person.
  function locatorOf(el) {
    const steps = [];
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const role = roleOf(a);
      if (!role || (a !== el && !CONTAINERS.has(role))) continue;
      steps.unshift(step(role, nameOf(a, role)));
    }
    steps.unshift(pageStep());
    return steps.join('/');
  }

  // ---- the UI tree: ids, nodes, key frames and deltas ---------------------------------------

  const ids = new WeakMap();
  let nextId = 1;
  function idOf(el) {
    let id = ids.get(el);
    if (!id) ids.set(el, (id = nextId++));
    return id;
  }
  const sent = new Map();  // id -> {el, text, bounds}: what the agent has of each node

  function trackedParent(el) {
    for (let a = el.parentElement; a; a = a.parentElement) if (ids.has(a) && sent.has(ids.get(a))) return ids.get(a);
    return 0;
  }

  // `rect`: the element's box when the caller has it without forcing a layout (a key frame's
  // IntersectionObserver); otherwise it is measured here.
  function nodeOf(el, rect) {
    const role = roleOf(el);
    if (!role || blocked(el)) return null;
    const r = rect || el.getBoundingClientRect();
    const rendered = r.width || r.height || (!rect && el.getClientRects().length);
    if (!rendered) return null;
    const node = { id: idOf(el), parent: trackedParent(el), role, name: nameOf(el, role), bounds: rounded(r) };
    if (el.tagName === 'SELECT') {
      const choice = choiceOf(el);
      if (choice) node.value = { state: 'plain', text: choice };
    } else if (role === 'textbox' || role === 'searchbox' || role === 'spinbutton') {
      const v = typedValue(el);
      if (v) node.value = v;
    }
    const state = stateOf(el);
    if (state) node.state = state;
    return node;
  }

  // Work in slices of a few milliseconds per animation frame, so that a page mutating
  // thousands of nodes a second stays responsive: what is left waits for the next frame. A
  // slice takes at least SLICE_MIN items: on a page whose scripts change it all the time, the
  // first element measured in a frame pays for the page's whole layout, and a slice of one
  // element per frame would never finish.
  const SLICE_MS = 4, SLICE_MIN = 256;
  function inSlices(items, each, done) {
    let i = 0;
    const run = () => {
      const until = performance.now() + SLICE_MS;
      for (let n = 0; i < items.length && (n < SLICE_MIN || performance.now() < until); ++n) each(items[i++]);
      if (i < items.length) requestAnimationFrame(run);
      else done();
    };
    run();
  }

  let keyFrameRunning = false, keyFrameBegan = 0;
  function keyFrame() {
    if (keyFrameRunning) return;
    keyFrameRunning = true;
    keyFrameBegan = performance.now();
    const elements = Array.from(document.querySelectorAll(TRACKED));  // nodeOf leaves out what is blocked
    // Every box in one go, from the browser's own next layout: measuring element by element
    // would force a layout of the whole page each time the page's scripts have changed it.
    const boxes = new Map();
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) boxes.set(e.target, e.boundingClientRect);
      if (boxes.size < elements.length) return;
      io.disconnect();
      build(elements, boxes);
    });
    if (!elements.length) return build(elements, boxes);
    for (const el of elements) io.observe(el);
  }

  function build(elements, boxes) {
    const nodes = [];
    sent.clear();
    inSlices(elements, (el) => {
      const node = nodeOf(el, boxes.get(el));
      if (!node) return;
      sent.set(node.id, { el, text: JSON.stringify(node), bounds: node.bounds });
      nodes.push(node);
    }, () => {
      // What changed while the frame was being taken stays dirty (a slice may have read it
      // before the change): the next delta sends what differs from the frame.
      keyFrameRunning = false;
      send({ type: 'snapshot', nodes });
      // For anyone profiling the page (and make bench-browser): how long the key frame took, as an
      // event the page's own scripts can hear. (Not a performance.measure: a fifth of a
      // millisecond each, in a purchase a thirtieth of the recorder's time.)
      const ms = performance.now() - keyFrameBegan;
      window.dispatchEvent(new CustomEvent('semtrace:keyframe', { detail: JSON.stringify({ ms, nodes: nodes.length }) }));
    });
  }

  // Mutations mark elements dirty; a delta is sent for what changed, debounced.
  const dirty = new Set();
  let removedIds = [];
  let deltaTimer = 0;
  function markTree(root) {
    if (root.nodeType !== 1) return;
    if (root.matches(TRACKED)) dirty.add(root);
    for (const el of root.querySelectorAll(TRACKED)) dirty.add(el);
  }
  function noteRemoved(root) {
    if (root.nodeType !== 1) return;
    const check = (el) => {
      const id = ids.get(el);
      if (id && sent.has(id) && !el.isConnected) { sent.delete(id); removedIds.push(id); }
    };
    check(root);
    for (const el of root.querySelectorAll(TRACKED)) check(el);
  }
  function scheduleDelta() {
    if (!deltaTimer) deltaTimer = setTimeout(() => { deltaTimer = 0; sendDelta(); }, 150);
  }
  // What became of one element since the agent last had it: its node into `changed`, or its id
  // into removedIds (no longer shown), or nothing when it is as it was. `rect` as nodeOf takes it.
  function refresh(el, changed, rect) {
    if (!el.isConnected) return;
    const node = nodeOf(el, rect);
    if (!node) {
      const id = ids.get(el);
      if (id && sent.delete(id)) removedIds.push(id);
      return;
    }
    const text = JSON.stringify(node);
    const before = sent.get(node.id);
    if (before && before.text === text) return;
    sent.set(node.id, { el, text, bounds: node.bounds });
    changed.push(node);
  }
  function deltaOf(changed) {
    const removed = removedIds;
    removedIds = [];
    return changed.length || removed.length ? { type: 'delta', nodes: changed, removed } : null;
  }
  function sendDelta() {
    if (blockedHere) return dirty.clear();  // the next key frame, at an address not blocked, has it all
    if (keyFrameRunning) return scheduleDelta();
    const items = Array.from(dirty);
    dirty.clear();
    const changed = [];
    inSlices(items, (el) => refresh(el, changed), () => send(deltaOf(changed)));
  }
  // A field the person committed: its node now, to go with the action in one message (a delta
  // of its own cost a timer and a message at every committed field, and was lost when the
  // person left the page within the timer's 150 ms). Its box as the tree has it: measuring
  // would force a layout of the page the field has just changed; only a field the tree does
  // not have yet (the page added it since) is measured. During a key frame it waits for the
  // next delta; before recording begins, the first key frame takes it.
  function committedDelta(el) {
    if (!recording || blockedHere) return null;
    if (keyFrameRunning) {
      dirty.add(el);
      scheduleDelta();
      return null;
    }
    dirty.delete(el);
    const known = sent.get(ids.get(el));
    const changed = [];
    refresh(el, changed, known && { x: known.bounds[0], y: known.bounds[1], width: known.bounds[2], height: known.bounds[3] });
    return deltaOf(changed);
  }
  function onMutations(records) {
    for (const r of records) {
      if (r.type === 'childList' || r.attributeName === 'for') labelIndex = null;
      if (r.type === 'childList') {
        r.addedNodes.forEach(markTree);
        r.removedNodes.forEach(noteRemoved);
      } else {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const tracked = el && el.closest(TRACKED);
        if (tracked) dirty.add(tracked);
      }
    }
    scheduleDelta();
  }
  const observer = new MutationObserver(onMutations);

  // ---- actions -------------------------------------------------------------------------------

  // Bounds as the tree has them when it has the element: measuring again would force a layout
  // of the page at every click and committed field (a third of a millisecond each).
  function target(el) {
    const known = sent.get(ids.get(el));
    return { locator: locatorOf(el), id: idOf(el), bounds: known ? known.bounds : boundsOf(el) };
  }
  // `after`: messages to send with the action's, in the same one (a delta, or null).
  function act(action, el, value, ...after) {
    if (blockedHere) return;
    if (blocked(el)) return send(...after);
    const m = { type: 'action', action, target: target(el) };
    if (value) m.value = value;
    send(m, ...after);
  }

  // A part of the address (a path segment, a kept parameter's value) scrubbed as names are,
  // read with its escapes decoded ('+' a space in a query): "dana%40example.org" is an address.
  // A part with nothing to replace stays as the page wrote it; one with a placeholder is written
  // encoded again, but for the placeholder's brackets, as the agent writes its own.
  function decodedPart(part, query) {
    try { return decodeURIComponent(query ? part.replace(/\+/g, ' ') : part); } catch { return null; }
  }
  function scrubPart(part, query) {
    if (!part) return part;
    const text = decodedPart(part, query) ?? (query ? part.replace(/\+/g, ' ') : part);  // (undecoded: a stray '%')
    const scrubbed = scrubText(text);
    return scrubbed === text ? part : encodeURIComponent(scrubbed).replace(/%E2%9F%A8/g, '⟨').replace(/%E2%9F%A9/g, '⟩');
  }
  // The page's address without its fragment, credentials or query, but for the parameters the
  // policy keeps; its path and those values scrubbed. Read from location's parts: no URL object
  // to build on every page the recorder starts in.
  let keepQuery = [];  // none until the worker says: an address taken before is stripped of its whole query
  function destination(place) {
    const kept = [];
    if (keepQuery.length)
      for (const pair of place.search.slice(1).split('&')) {
        const equals = pair.indexOf('=');
        const key = equals < 0 ? pair : pair.slice(0, equals);
        const name = decodedPart(key, true);
        if (name !== null && keepQuery.includes(name)) kept.push(equals < 0 ? pair : key + '=' + scrubPart(pair.slice(equals + 1), true));
      }
    const path = place.pathname.split('/').map((segment) => scrubPart(segment, false)).join('/');
    return place.origin + path + (kept.length ? '?' + kept.join('&') : '');
  }
  // `t`: when it happened, if not now.
  const navigation = (place, t) =>
    ({ type: 'action', action: 'navigate', target: { locator: pageStep() }, value: { state: 'plain', text: destination(place) }, t });
  // The policy's block.urls (as the agent's patterns over an address without its query and
  // fragment, whole, case ignored) and block.domains (a host and its subdomains): while the
  // page is at such an address it sends nothing, not even its navigate (the agent drops what
  // would come anyway). Known once the worker answers.
  let blockUrls = [], blockDomains = [], blockedHere = false;
  function addressBlocked(place) {
    const host = place.hostname.toLowerCase();
    if (blockDomains.some((d) => host === d || host.endsWith('.' + d))) return true;
    const base = place.origin + place.pathname;
    return blockUrls.some((pattern) => pattern.test(base));
  }
  function navigated() {
    if (early) return send(navigation(location));  // before the worker's answer: start() takes the key frame
    blockedHere = addressBlocked(location);
    if (blockedHere) return;
    send(navigation(location));
    keyFrame();
  }

  function onClick(e, action) {
    const el = e.target instanceof Element && e.target.closest(CLICKABLE);
    if (el) act(action, el);
  }

  function onChange(e) {
    const el = e.target;
    if (!(el instanceof Element)) return;
    const type = (el.getAttribute('type') || '').toLowerCase();
    const delta = committedDelta(el);
    if (el.tagName === 'SELECT') act('select', el, { state: 'plain', text: choiceOf(el) }, delta);
    else if (type === 'checkbox' || type === 'radio') act('toggle', el, { state: 'plain', text: el.checked ? 'on' : 'off' }, delta);
    else if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || editingHost(el)) act('fill', el, typedValue(el) || { state: 'plain', text: '' }, delta);
    else send(delta);
  }

  // One scroll action per gesture: the direction, once the scrolling has stopped for a moment.
  let scroll = null;
  function onScroll(e) {
    const el = e.target === document ? document.scrollingElement : e.target;
    if (!(el instanceof Element)) return;
    if (!scroll || scroll.el !== el) scroll = { el, x: el.scrollLeft, y: el.scrollTop, timer: 0 };
    clearTimeout(scroll.timer);
    scroll.timer = setTimeout(() => {
      const dy = el.scrollTop - scroll.y, dx = el.scrollLeft - scroll.x;
      scroll = null;
      if (!dx && !dy) return;
      const direction = Math.abs(dy) >= Math.abs(dx) ? (dy > 0 ? 'down' : 'up') : (dx > 0 ? 'right' : 'left');
      const on = el === document.scrollingElement ? null : el;
      if (on) act('scroll', on, { state: 'plain', text: direction });
      else send({ type: 'action', action: 'scroll', target: { locator: pageStep() }, value: { state: 'plain', text: direction } });
    }, 250);
  }

  // Key combinations with Ctrl, Alt or Meta only: plain typing never becomes an event.
  function onKey(e) {
    if (!(e.ctrlKey || e.altKey || e.metaKey) || ['Control', 'Alt', 'Meta', 'Shift'].includes(e.key)) return;
    const keys = [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Meta'].filter(Boolean);
    const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
    const el = document.activeElement instanceof Element && document.activeElement !== document.body ? document.activeElement : null;
    const combo = { state: 'plain', text: keys.concat(key).join('+') };
    if (el) act('shortcut', el, combo);
    else send({ type: 'action', action: 'shortcut', target: { locator: pageStep() }, value: combo });
  }

  // ---- to the service worker ------------------------------------------------------------------

  // Events go over one port: a message sent on its own opened a channel each time, half a
  // millisecond of the page's main thread per event. Each is numbered; the worker says which
  // it has taken, and those it had not when the port closed (Chrome stopped the worker) are
  // sent again on a new port. The worker drops any it had taken already, by page and number.
  //
  // A message the page could not keep still takes its number: the worker sees the gap in a
  // page's numbers and passes it on as a gap in the tab's sequence, which the agent marks in the
  // session. Nothing is lost without a trace.
  let recording = false;
  let page = '';  // this page's id for the worker: made when recording starts, not on every page of every site
  const MAX_UNACKED = 5000;  // while the worker cannot be reached: the oldest go first
  const unacked = [];        // {kind, page, n, event}, oldest first
  let port = null, sentCount = 0, failures = 0;
  // Until the worker answers whether this page is recorded, what the person does waits here
  // (masked as always, in this page's memory only): the answer takes a round trip to the worker,
  // and longer when Chrome has to start it, and a person can act before it comes.
  const MAX_EARLY = 1000;
  let early = [];       // messages; null once recording has begun (or the answer was no)
  let earlyLost = 0;
  let answer = null;    // the worker's, once it came: asked once per page, taken once
  // Messages sent together go in one message to the worker (null ones are left out): each of
  // the port's messages costs the page 20-150 microseconds whatever its size.
  function send(...messages) {
    if (blockedHere) return;
    const entries = [];
    for (const message of messages) {
      if (!message) continue;
      if (message.t === undefined) message.t = Date.now();  // when it happened: the agent may hear of it much later
      if (early) {
        if (early.length < MAX_EARLY) early.push(message);
        else ++earlyLost;
        continue;
      }
      if (!recording) return;
      message.site = location.host;
      const entry = { kind: 'event', page, n: ++sentCount, event: message };
      unacked.push(entry);
      if (unacked.length > MAX_UNACKED) unacked.shift();
      entries.push(entry);
    }
    if (!entries.length) return;
    if (port) {
      try { return port.postMessage(entries.length === 1 ? entries[0] : { kind: 'events', entries }); } catch { port = null; }
    }
    openPort();
  }
  // The port opens as the script starts and first asks whether the page is recorded (one
  // channel a page: a message of its own would open another, half a millisecond more).
  function openPort() {
    try {
      port = chrome.runtime.connect({ name: 'semtrace-events' });
    } catch {  // the extension was updated or removed: this page's recorder is done
      port = null;
      if (early) stop();
      return;
    }
    const mine = port;
    port.onMessage.addListener((m) => {
      failures = 0;
      if (m.config) return answer ? undefined : start((answer = m.config));
      if (m.keyFrame) return recording && !blockedHere ? keyFrame() : undefined;  // the agent's session has none of this page
      while (unacked.length && unacked[0].n <= m.ack) unacked.shift();
    });
    port.onDisconnect.addListener(() => {
      if (port === mine) port = null;
      if ((early || unacked.length) && ++failures < 20) setTimeout(() => { if (!port) openPort(); }, 50 * failures);
      else if (early) stop();
    });
    try {
      if (!answer) port.postMessage({ kind: 'config' });
      for (let i = 0; i < unacked.length; i += 200)  // all not yet taken, in order
        port.postMessage({ kind: 'events', entries: unacked.slice(i, i + 200) });
    } catch {
      port = null;  // gone already: its disconnection tries again
    }
  }

  // Listening starts with the page (the script runs at document_start), before the worker says
  // whether the page is recorded; on a page that is not, the listeners go again.
  const listeners = [
    [document, 'click', (e) => onClick(e, 'click'), true],
    [document, 'dblclick', (e) => onClick(e, 'double_click'), true],
    [document, 'contextmenu', (e) => onClick(e, 'context_click'), true],
    [document, 'change', onChange, true],
    [document, 'submit', (e) => e.target instanceof Element && act('submit', e.target), true],
    [document, 'scroll', onScroll, { capture: true, passive: true }],
    [document, 'keydown', onKey, true],
    [window, 'semtrace:history', navigated, false],
    [window, 'popstate', navigated, false],
    [window, 'hashchange', navigated, false],
  ];
  for (const [on, type, handler, options] of listeners) on.addEventListener(type, handler, options);
  const loadedAt = { origin: location.origin, hostname: location.hostname, pathname: location.pathname, search: location.search };  // before a single-page app moves on

  function stop() {
    early = null;
    for (const [on, type, handler, options] of listeners) on.removeEventListener(type, handler, options);
    if (port) port.disconnect();
    port = null;
  }

  // The page is recorded: its address and first key frame once its document is parsed, then
  // what the person did meanwhile, in order.
  function start(config) {
    if (!config || !config.record) return stop();
    const begin = () => {
      const waiting = early;
      early = null;
      recording = true;
      page = crypto.randomUUID();
      keepQuery = config.keep_query || [];
      const block = config.block || {};
      blockUrls = (block.url_patterns || []).map((pattern) => new RegExp(`^(?:${pattern})$`, 'i'));
      blockDomains = (block.domains || []).map((domain) => domain.toLowerCase());
      // What happened before the answer, on a page whose address is blocked, is let go with it.
      blockedHere = addressBlocked(loadedAt) || addressBlocked(location);
      observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true,
        attributeFilter: ['aria-label', 'aria-labelledby', 'aria-checked', 'aria-expanded', 'aria-disabled', 'alt', 'title',
          'placeholder', 'role', 'disabled', 'open', 'hidden', 'class', 'style', 'value', 'for', 'data-semtrace-mask', 'data-semtrace-block'] });
      if (blockedHere) return;
      send(navigation(loadedAt, Math.round(performance.timeOrigin)), ...waiting);  // when the page was asked for
      sentCount += earlyLost;  // numbers the worker will see missing
      keyFrame();
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', begin, { once: true });
    else begin();
  }

  openPort();
})();
