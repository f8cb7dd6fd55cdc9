// labels.test.mjs — what the recorder keeps of the whole page follows it as it changes, with the real extension in Chromium: <label for=> elements added in an earlier task or moved in the very task that commits a field, and a block mark added in that task.
// Run: node tests/browser/labels.test.mjs --bin build-asan/bin   (ctest does, as `browser_labels`)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { drained, sessionFiles, readSession, check, lastStep, sameSteps, browserTest, withoutOwnNumbers } from './harness.mjs';

await browserTest(async ({ agent, shop, browser, page }) => {
  await page.goto(shop.url);
  await page.fill('#email', 'someone@example.org');
  await page.press('#email', 'Tab');  // committed when it loses focus: the recorder has read the page's labels by now
  // A second label for the field, added by the page; the field is filled in a later task.
  await page.evaluate(() => {
    const l = document.createElement('label');
    l.htmlFor = 'email';
    l.textContent = 'Login';
    document.querySelector('#sign-in').append(l);
  });
  await page.fill('#email', 'someone.else@example.org');
  await page.press('#email', 'Tab');
  // That label moved to another field, which is committed in the same task: before the
  // recorder's mutation observer has heard of the move.
  await page.evaluate(() => {
    document.querySelector('label[for=email]:last-of-type').htmlFor = 'password';
    const field = document.querySelector('#password');
    field.value = 'not a real one';
    field.dispatchEvent(new Event('change', { bubbles: true }));
  });
  // Names are scrubbed in the page: an address and a long number never leave it, as typed in
  // ASCII, by an input method in full-width mode, and with an Arabic and a Hindi keyboard's digits.
  const names = ['Mail dana@example.org or call 0170 5550 1234, room 12',
    'Ｍａｉｌ ｄａｎａ＠ｅｘａｍｐｌｅ．ｏｒｇ ｏｒ ｃａｌｌ ０１７０ ５５５０ １２３４, room 13',
    'اتصل ٠١٧٠ ٥٥٥٠ ١٢٣٤, room 14', 'फ़ोन ०१७० ५५५० १२३४, room 15',
    // ... and a labelled secret's value (a weak password is any word: its label says what it is)
    'Wi-Fi password: fluffy, room 16', 'PIN: 4821, room 17', 'my password is hunter22, room 18', 'Password is required, room 19',
    'my password is fluffy, room 20', 'Your password is incorrect, room 21',
    // ... and identity numbers that hold letters, whose six or seven digits are no long number:
    // a National Insurance number, a CURP, a codice fiscale, an NIE (and one typed in full width)
    'NI number JG103759A, room 22', 'CURP XPAL100425HDQRGL02, room 23', 'Codice fiscale RSSMRA85T10A562S, room 24',
    'NIE X-1208225-N, room 25', 'ＮＩ ＪＧ１０３７５９Ａ, room 26', 'Order AB123456, room 27',
    // ... and identity numbers only the words before them name
    'Passport No. L898902C3, room 28', 'Tax ID: 12-3456789, room 29', 'Driver licence D1234567, room 30',
    'Order ID B1234567, room 31',
    // ... as a person types one, and a bank account's number
    'passport: l898902c3, room 32', 'Account number is 88712345, room 33'];
  await page.evaluate((texts) => {
    for (const text of texts) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      document.body.append(b);
    }
  }, names);
  for (let room = 12; room <= 33; ++room) await page.click(`button:has-text("room ${room}")`);
  // A page that marks its form data-semtrace-block, and commits a field in it, in one task:
  // nothing of it may be recorded, though the recorder had seen no mark on the page before.
  await page.evaluate(() => {
    document.querySelector('#sign-in').setAttribute('data-semtrace-block', '');
    const field = document.querySelector('#email');
    field.value = 'blocked.one@example.org';
    field.dispatchEvent(new Event('change', { bubbles: true }));
  });
  // The address's path and the parameters the policy keeps are scrubbed in the page too, read
  // with their escapes decoded: a single-page app moves to a person's page with a search kept.
  await page.evaluate(() => history.pushState({}, '', '/people/dana%40example.org/orders?q=call%20%2B44%2020%207946%200958&ref=7'));
  await page.evaluate(() => history.pushState({}, '', '/people/lee@example.org/orders?q=lamp+%2Fdesk&q=jane.roe%40example.org'));
  check(await drained(browser.worker), 'the agent acknowledged everything the extension sent');
  await browser.context.close();
  await agent.stop();

  const files = sessionFiles(agent.out);
  check(files.length === 1, `one session for the one tab: ${files.length}`);
  const fills = readSession(files[0]).filter((e) => e.kind === 'action' && e.type === 'fill').map((e) => lastStep(e.target.locator));
  sameSteps('fills', fills, ["textbox 'Email'", "textbox 'Email Login'", "textbox 'Password Login'"]);
  const clicks = readSession(files[0]).filter((e) => e.kind === 'action' && e.type === 'click').map((e) => lastStep(e.target.locator));
  // ⟨NUMBER⟩, not the agent's ⟨PHONE⟩: the page scrubbed them before they left it.
  sameSteps('clicks', clicks, ["button 'Mail ⟨EMAIL⟩ or call ⟨NUMBER⟩, room 12'", "button 'Ｍａｉｌ ⟨EMAIL⟩ ｏｒ ｃａｌｌ ⟨NUMBER⟩, room 13'",
    "button 'اتصل ⟨NUMBER⟩, room 14'", "button 'फ़ोन ⟨NUMBER⟩, room 15'", "button 'Wi-Fi password: ⟨SECRET⟩, room 16'",
    "button 'PIN: ⟨SECRET⟩, room 17'", "button 'my password is ⟨SECRET⟩, room 18'", "button 'Password is required, room 19'",
    "button 'my password is ⟨SECRET⟩, room 20'", "button 'Your password is incorrect, room 21'",
    "button 'NI number ⟨ID⟩, room 22'", "button 'CURP ⟨ID⟩, room 23'", "button 'Codice fiscale ⟨ID⟩, room 24'",
    "button 'NIE ⟨ID⟩, room 25'", "button 'ＮＩ ⟨ID⟩, room 26'", "button 'Order AB123456, room 27'",
    "button 'Passport No. ⟨ID⟩, room 28'", "button 'Tax ID: ⟨ID⟩, room 29'", "button 'Driver licence ⟨ID⟩, room 30'",
    "button 'Order ID B1234567, room 31'", "button 'passport: ⟨ID⟩, room 32'", "button 'Account number is ⟨ID⟩, room 33'"]);
  const navigations = readSession(files[0]).filter((e) => e.kind === 'action' && e.type === 'navigate').map((e) => e.value.text);
  sameSteps('navigations', navigations.slice(-2), [`${shop.url}people/⟨EMAIL⟩/orders?q=call%20⟨NUMBER⟩`,
    `${shop.url}people/⟨EMAIL⟩/orders?q=lamp+%2Fdesk&q=⟨EMAIL⟩`]);
  // The labelled values never left the page (the agent would have caught them too: the wire says who did).
  const wire = withoutOwnNumbers(readFileSync(agent.receivedLog, 'utf8'), basename(files[0], '.semtrace'));
  for (const value of ['fluffy', '4821', 'hunter22', 'JG103759A', '103759', 'XPAL100425HDQRGL02', '100425', 'RSSMRA85T10A562S',
    '1208225', 'ＪＧ１０３７５９Ａ', 'dana%40', 'lee@', 'jane.roe', '7946%200958', 'L898902C3', '3456789', 'D1234567', '898902', '88712345']) check(!wire.includes(value), `a WebSocket message held ${value}`);
  return 'browser labels: each field named by its labels as they were when it was committed; a field blocked in that task not recorded; names, labelled secrets and addresses scrubbed in the page';
}, { urls: { keep_query: ['q'] }, detectors: { disable: ['ipv4'] } });
