// labels.test.mjs — a field's name follows the page's <label for=> elements as they change, with the real extension in Chromium: labels added in an earlier task, and in the very task that commits the field.
// Run: node tests/browser/labels.test.mjs --bin build-asan/bin   (ctest does, as `browser_labels`)
import { startAgent, startShop, launchWithExtension, drained, sessionFiles, readSession, check, fail, lastStep, sameSteps, finish } from './harness.mjs';

const agent = await startAgent();
const shop = await startShop();
let browser;
try {
  browser = await launchWithExtension(agent);
  const page = await browser.context.newPage();
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
  check(await drained(browser.worker), 'the agent acknowledged everything the extension sent');
  await browser.context.close();
  await agent.stop();

  const files = sessionFiles(agent.out);
  check(files.length === 1, `one session for the one tab: ${files.length}`);
  const fills = readSession(files[0]).filter((e) => e.kind === 'action' && e.type === 'fill').map((e) => lastStep(e.target.locator));
  sameSteps('fills', fills, ["textbox 'Email'", "textbox 'Email Login'", "textbox 'Password Login'"]);
} catch (e) {
  fail(e.stack || String(e));
}
await finish({ browser, agent, shop }, 'browser labels: each field named by its labels as they were when it was committed');
