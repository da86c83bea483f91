// End-to-end test of the operator console: the built owidget-server, headless Chromium driven by
// playwright-core, and a widget speaking the raw protocol (docs/protocol.md, section 3) over `ws`.
//
//   OWIDGET_SERVER=<build>/server/owidget-server node --test tests/console/console.test.mjs
//
// Environment: OWIDGET_SERVER (required), OWIDGET_SCREENSHOT_DIR (default: a temporary
// directory), OWIDGET_CHROMIUM (default: Debian's chromium, found on PATH).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STEP_TIMEOUT, demoPresetFor, launchBrowser, startServer } from './harness.mjs';
import { Widget } from './widget.mjs';

const HTML_TEXT = '<b>x</b><img src=x onerror=alert(1)>';

// ---- The test ----------------------------------------------------------------------------------

test('an operator chats with a visitor in the console', { timeout: 180_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'owidget-console-'));
  const shots = process.env.OWIDGET_SCREENSHOT_DIR || path.join(tmp, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  const { company, preset, language, features } = demoPresetFor('alice');

  let server = await startServer(tmp);
  const earlierLogs = [];
  let browser = null;
  let page = null;
  let widget = null;
  let dialogs = [];
  let pageErrors = [];
  let missing = [];
  let step = '';
  const at = (name) => { step = name; };
  let passed = false;

  try {
    let context;
    ({ browser, context, page, dialogs, pageErrors, missing } = await launchBrowser());

    at('the console shows the login form');
    await page.goto(`${server.url}/console/`);
    await page.locator('#login').waitFor({ state: 'visible' });
    assert.equal(await page.title(), 'OWidget Console');
    await page.screenshot({ path: path.join(shots, 'console-login.png') });

    at('a wrong password is refused');
    await page.fill('#login', 'alice');
    await page.fill('#password', 'not-her-password');
    await page.click('#login-submit');
    await page.locator('[data-testid=login-error]').waitFor({ state: 'visible' });
    assert.equal(await page.textContent('[data-testid=login-error]'), 'Wrong login or password.');

    at('alice logs in');
    await page.fill('#password', 'alice-demo');
    await page.click('#login-submit');
    await page.locator('#availability').waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.body.dataset.connected === 'true');
    assert.match(await page.textContent('[data-testid=operator-name]'), /Alice/);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'owidget_session');
    assert.ok(session, 'the login set the owidget_session cookie');
    assert.ok(session.httpOnly, 'the session cookie is HttpOnly');
    assert.equal(session.sameSite, 'Strict');
    assert.ok(!(await page.evaluate(() => document.cookie)).includes('owidget_session'),
      'the page script cannot read the session cookie');

    at('the operator socket refuses a foreign Origin');
    const wsBase = server.url.replace(/^http/, 'ws');
    const forged = new Widget(`${wsBase}/v1/operator/socket`, {
      headers: { Cookie: `owidget_session=${session.value}`, Origin: 'http://evil.example' },
    });
    const forgedResult = await Promise.race([
      forged.closed.then((code) => `closed ${code}`),
      forged.opened().then(() => forged.closed.then((code) => `closed ${code}`), (e) => `refused ${e.message}`),
      new Promise((resolve) => setTimeout(() => resolve('still open'), STEP_TIMEOUT)),
    ]);
    assert.ok(forgedResult === 'closed 1008' || forgedResult.startsWith('refused'),
      `a socket with a foreign Origin must be refused (close 1008), but it was: ${forgedResult}; ` +
      `messages: ${JSON.stringify(forged.messages)}`);
    assert.ok(!forged.messages.some((m) => m.type === 'snapshot'), 'a foreign Origin got a snapshot');
    forged.close();

    at('the widget connects while alice is offline');
    widget = new Widget(`${wsBase}/v1/socket`);
    await widget.opened();
    widget.send({ type: 'hello', protocol: 1, company, preset, language });
    const welcome = await widget.next('welcome', (m) => m.type === 'welcome');
    assert.equal(welcome.protocol, 1);
    assert.equal(welcome.status, 0, 'no operator is online yet: status 0');

    at('alice goes online and the widget sees status 1');
    await page.selectOption('#availability', 'online');
    await widget.next('status 1', (m) => m.type === 'status' && m.status === 1);
    await page.waitForFunction(() => document.querySelector('#availability-dot').dataset.state === 'online');

    at('the visitor starts a conversation and waits in the queue');
    const startId = randomUUID();
    widget.send({
      type: 'start', clientId: startId, language,
      fields: { name: 'Jana Dvořáková', email: 'jana@example.com', phone: '+420 777 666 555' },
      customData: { customerNo: '12345', plan: 'Gold' },
    });
    const created = await widget.next('created', (m) => m.type === 'created');
    assert.equal(created.clientId, startId);
    assert.match(created.conversation, /.+/);
    assert.equal(created.queuePosition, 1);
    const item = page.locator(`[data-testid=queue-item][data-id="${created.conversation}"]`);
    await item.waitFor({ state: 'visible' });
    const itemText = await item.textContent();
    for (const expected of ['Jana Dvořáková', 'jana@example.com', '+420 777 666 555', '12345', 'Gold']) {
      assert.ok(itemText.includes(expected), `the queue item shows ${expected}: ${itemText}`);
    }
    assert.equal(await item.locator('[data-testid=queue-position]').textContent(), '1');
    assert.match(await item.locator('[data-testid=queue-wait]').textContent(), /waiting \d+ s/);
    if (language) {
      assert.equal(await item.locator('[data-testid=queue-language]').textContent(), language.toUpperCase());
    }
    await page.screenshot({ path: path.join(shots, 'console-queue.png') });

    at('a second visitor queues behind the first');
    const behind = new Widget(`${wsBase}/v1/socket`);
    await behind.opened();
    behind.send({ type: 'hello', protocol: 1, company, preset, language });
    await behind.next('welcome', (m) => m.type === 'welcome');
    behind.send({
      type: 'start', clientId: randomUUID(), language,
      fields: { name: 'Petr Novák', email: 'petr@example.com', phone: '+420 777 666 556' },
    });
    const secondCreated = await behind.next('created', (m) => m.type === 'created');
    assert.equal(secondCreated.queuePosition, 2);
    const secondItem = page.locator(`[data-testid=queue-item][data-id="${secondCreated.conversation}"]`);
    await secondItem.waitFor({ state: 'visible' });
    assert.equal(await secondItem.locator('[data-testid=queue-position]').textContent(), '2');

    at('alice accepts; the visitor sees her join');
    await item.locator('[data-testid=accept]').click();
    const joined = await widget.next('joined', (m) => m.type === 'joined');
    assert.equal(joined.seq, 1);
    assert.match(joined.operator, /Alice/);
    await page.locator(`[data-testid=conversation-tab][data-id="${created.conversation}"]`).waitFor();
    await item.waitFor({ state: 'detached' });
    assert.equal(await page.textContent('[data-testid=conversation-title]'), 'Jana Dvořáková');

    at('the second visitor moves up to the front, then leaves the queue');
    await behind.next('queue 1', (m) => m.type === 'queue' && m.position === 1);
    await page.waitForFunction((id) => document.querySelector(
      `[data-testid=queue-item][data-id="${id}"] [data-testid=queue-position]`)?.textContent === '1',
    secondCreated.conversation);
    behind.send({ type: 'end' });
    await behind.next('ended', (m) => m.type === 'ended');
    await secondItem.waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=queue-item]').count(), 0);
    behind.ws.close();

    at('the visitor types and writes; alice sees both');
    widget.send({ type: 'typing', active: true });
    await page.locator('[data-testid=typing]').waitFor({ state: 'visible' });
    assert.match(await page.textContent('[data-testid=typing]'), /typing…/);
    const visitorHello = { type: 'message', clientId: randomUUID(), text: 'Dobrý den, potřebuji pomoc s objednávkou.' };
    widget.send(visitorHello);
    const helloAck = await widget.next('ack of the first message', (m) => m.type === 'ack' && m.clientId === visitorHello.clientId);
    assert.equal(helloAck.seq, joined.seq + 1);
    const helloItem = page.locator(`[data-testid=message][data-from=visitor][data-seq="${helloAck.seq}"]`);
    await helloItem.waitFor();
    assert.equal(await helloItem.locator('[data-testid=message-text]').textContent(), visitorHello.text);
    await page.locator('[data-testid=typing]').waitFor({ state: 'hidden' });
    await page.waitForFunction((text) => document.querySelector('[data-testid=announcer]').textContent === text,
      `Jana Dvořáková: ${visitorHello.text}`); // spoken by screen readers

    at('alice types (the visitor sees it) and sends two lines with Shift+Enter and Enter');
    const input = page.locator('#message-input');
    await input.click();
    await input.pressSequentially('Dobrý den, Jano.');
    await widget.next('the operator typing', (m) => m.type === 'typing' && m.active === true);
    await input.press('Shift+Enter');
    await input.pressSequentially('Jaké je číslo objednávky?');
    await input.press('Enter');
    const fromAlice = await widget.next('alice\'s message', (m) => m.type === 'message' && m.from === 'operator');
    assert.equal(fromAlice.text, 'Dobrý den, Jano.\nJaké je číslo objednávky?');
    assert.equal(fromAlice.seq, helloAck.seq + 1);
    assert.match(fromAlice.name, /Alice/);
    await widget.next('the operator stopped typing', (m) => m.type === 'typing' && m.active === false);
    assert.equal(await input.inputValue(), '', 'the input is cleared after sending');
    const aliceItem = page.locator(`[data-testid=message][data-from=operator][data-seq="${fromAlice.seq}"]`);
    await aliceItem.waitFor();
    assert.equal(await aliceItem.getAttribute('data-state'), 'delivered');
    assert.match(await aliceItem.locator('[data-testid=message-status]').textContent(), /Delivered/);
    let lastSeq = fromAlice.seq;

    at('the server stops; the console says so and keeps a message as "sending"');
    const port = new URL(server.url).port;
    let stopped = await server.stop();
    earlierLogs.push(server.log());
    assert.deepEqual(stopped, { code: 0, signal: null }, `owidget-server did not stop cleanly on SIGTERM\n${server.log()}`);
    await widget.closed;
    const banner = page.locator('[data-testid=connection-banner]');
    await banner.waitFor({ state: 'visible' });
    assert.match(await banner.textContent(), /Connection lost|Reconnecting/);
    await page.screenshot({ path: path.join(shots, 'console-reconnecting.png') });
    const whileAway = 'Jste tam ještě? Server se restartoval.';
    await input.fill(whileAway);
    await input.press('Enter');
    const pendingItem = page.locator('[data-testid=message][data-from=operator][data-state=sending]');
    await pendingItem.waitFor();
    assert.match(await pendingItem.locator('[data-testid=message-status]').textContent(), /Sending/);

    at('the server is back on the same port; the console reconnects and delivers the message');
    server = await startServer(tmp, { listen: `127.0.0.1:${port}`, importDemo: false });
    await banner.waitFor({ state: 'hidden', timeout: 45_000 });
    await page.waitForFunction((text) => [...document.querySelectorAll('[data-testid=message][data-from=operator]')]
      .some((m) => m.dataset.state === 'delivered' && m.querySelector('[data-testid=message-text]').textContent === text),
    whileAway);
    assert.equal(await page.locator('[data-testid=message][data-from=operator][data-state=sending]').count(), 0);
    assert.equal(await helloItem.locator('[data-testid=message-text]').textContent(), visitorHello.text,
      'the transcript came back after the restart');
    assert.equal(await page.locator('[data-testid=message]').count(), 3, 'no message is shown twice');

    at('the visitor resumes with its secret and gets the message it missed');
    widget = new Widget(`${wsBase}/v1/socket`);
    await widget.opened();
    widget.send({
      type: 'hello', protocol: 1, company, preset, language,
      resume: { conversation: created.conversation, secret: created.secret, lastSeq },
    });
    const resumed = await widget.next('welcome after resume', (m) => m.type === 'welcome');
    assert.equal(resumed.conversation?.id, created.conversation, `resume refused: ${JSON.stringify(widget.messages)}`);
    assert.equal(resumed.conversation.state, 'active');
    assert.equal(resumed.status, 1, 'the console set alice online again after the restart');
    assert.equal(await page.inputValue('#availability'), 'online');
    const missed = await widget.next('the message written during the restart',
      (m) => m.type === 'message' && m.from === 'operator' && m.text === whileAway);
    assert.equal(missed.seq, lastSeq + 1);
    lastSeq = missed.seq;

    at('HTML from the visitor shows literally');
    const htmlMessage = { type: 'message', clientId: randomUUID(), text: HTML_TEXT };
    widget.send(htmlMessage);
    const htmlAck = await widget.next('ack of the HTML message', (m) => m.type === 'ack' && m.clientId === htmlMessage.clientId);
    assert.equal(htmlAck.seq, lastSeq + 1);
    const htmlItem = page.locator(`[data-testid=message][data-from=visitor][data-seq="${htmlAck.seq}"]`);
    await htmlItem.waitFor();
    assert.equal(await htmlItem.locator('[data-testid=message-text]').textContent(), HTML_TEXT);
    assert.equal(await page.locator('#transcript img, #transcript b').count(), 0, 'no element was made from the text');
    assert.match(await htmlItem.locator('[data-testid=message-text]').innerHTML(), /&lt;b&gt;x&lt;\/b&gt;&lt;img/);

    at('HTML from alice reaches the visitor unchanged');
    await input.fill('Tohle <i>není</i> HTML & nikdy nebude');
    await input.press('Enter');
    const literal = await widget.next('alice\'s HTML message', (m) => m.type === 'message' && m.from === 'operator' && m.seq === htmlAck.seq + 1);
    assert.equal(literal.text, 'Tohle <i>není</i> HTML & nikdy nebude');
    await page.locator(`[data-testid=message][data-from=operator][data-seq="${literal.seq}"][data-state=delivered]`).waitFor();
    assert.equal(await page.locator('#transcript i').count(), 0);

    at('a message is measured in characters, with the limit the snapshot gave: 4,000 emoji go, 4,001 do not');
    const emoji = '\u{1F600}'; // two UTF-16 units, one character
    await input.fill(emoji.repeat(4000));
    await input.press('Enter');
    const longest = await widget.next('alice\'s 4,000 emoji', (m) => m.type === 'message' && m.from === 'operator' && m.seq === literal.seq + 1);
    assert.equal([...longest.text].length, 4000);
    await page.locator(`[data-testid=message][data-from=operator][data-seq="${longest.seq}"][data-state=delivered]`).waitFor();
    await input.fill(emoji.repeat(4001));
    await input.press('Enter');
    await page.locator('#toast', { hasText: 'A message can have at most 4000 characters.' }).waitFor();
    assert.equal(await input.inputValue(), emoji.repeat(4001), 'the refused message stays in the input');
    await input.fill('');

    at('the visitor answers');
    const thanks = { type: 'message', clientId: randomUUID(), text: 'Číslo je 2026-4411. Děkuji!' };
    widget.send(thanks);
    const thanksAck = await widget.next('ack of the last message', (m) => m.type === 'ack' && m.clientId === thanks.clientId);
    await page.locator(`[data-testid=message][data-seq="${thanksAck.seq}"]`).waitFor();

    at('a second visitor is accepted; the two conversations are kept apart');
    const tab1 = page.locator(`[data-testid=conversation-tab][data-id="${created.conversation}"]`);
    const second = new Widget(`${wsBase}/v1/socket`);
    try {
      await second.opened();
      second.send({ type: 'hello', protocol: 1, company, preset, language: 'en' });
      await second.next('welcome', (m) => m.type === 'welcome');
      second.send({ type: 'start', clientId: randomUUID(), language: 'en', fields: { name: 'John Smith' } });
      const created2 = await second.next('created', (m) => m.type === 'created');
      const item2 = page.locator(`[data-testid=queue-item][data-id="${created2.conversation}"]`);
      await item2.locator('[data-testid=accept]').click();
      await second.next('joined', (m) => m.type === 'joined');
      const tab2 = page.locator(`[data-testid=conversation-tab][data-id="${created2.conversation}"]`);
      await page.locator(`[data-testid=conversation-tab][data-id="${created2.conversation}"][aria-selected=true]`).waitFor();
      await tab1.click();
      await page.locator(`[data-testid=conversation-tab][data-id="${created.conversation}"][aria-selected=true]`).waitFor();
      const johnText = 'Hello, is anyone there?';
      second.send({ type: 'message', clientId: randomUUID(), text: johnText });
      await tab2.locator('.badge').waitFor();
      assert.equal(await tab2.locator('.badge').textContent(), '1', 'the other conversation shows one unread message');
      assert.ok(!(await page.textContent('#transcript')).includes(johnText), 'John\'s message is not in Jana\'s transcript');
      widget.send({ type: 'typing', active: true });
      await page.locator('[data-testid=typing]').waitFor({ state: 'visible' });
      await page.screenshot({ path: path.join(shots, 'console-conversation.png') });

      await tab2.click();
      await page.locator('[data-testid=message][data-from=visitor]', { hasText: johnText }).waitFor();
      assert.equal(await tab2.locator('.badge').count(), 0, 'reading the conversation clears its badge');
      assert.ok(!(await page.textContent('#transcript')).includes(thanks.text), 'Jana\'s message is not in John\'s transcript');

      at('the second visitor ends; alice sees it and closes the conversation');
      second.send({ type: 'end' });
      const ended2 = await second.next('ended', (m) => m.type === 'ended');
      assert.equal(ended2.by, 'visitor');
      await page.locator('[data-testid=ended-note]', { hasText: 'The visitor ended this conversation.' }).waitFor();
      await page.click('[data-testid=close]');
      await tab2.waitFor({ state: 'detached' });
      await page.locator(`[data-testid=conversation-tab][data-id="${created.conversation}"][aria-selected=true]`).waitFor();
    } finally {
      second.close();
    }
    assert.equal(dialogs.length, 0, `the page opened dialogs: ${dialogs.join(', ')}`);

    at('alice ends the conversation; the visitor receives ended');
    await page.click('[data-testid=end]');
    const ended = await widget.next('ended', (m) => m.type === 'ended');
    assert.equal(ended.by, 'operator');
    assert.equal(ended.seq, thanksAck.seq + 1);
    await page.locator('[data-testid=ended-note]').waitFor({ state: 'visible' });
    await page.locator('#message-input').waitFor({ state: 'hidden' });
    await page.locator('[data-testid=typing]').waitFor({ state: 'hidden' });
    await page.screenshot({ path: path.join(shots, 'console-ended.png') });

    at('the visitor rates the ended conversation; alice sees it in the transcript and the ratings');
    const rating = { type: 'rate', clientId: randomUUID(), score: 4, comment: 'Rychlé a milé, <b>díky</b>' };
    widget.send(rating);
    const rated = await widget.next('rated', (m) => m.type === 'rated' && m.clientId === rating.clientId);
    assert.equal(rated.score, 4);
    const ratingEvent = page.locator('[data-testid=rating-event]');
    await ratingEvent.waitFor();
    assert.match(await ratingEvent.textContent(), /4 of 5 stars/);
    assert.ok((await ratingEvent.textContent()).includes(rating.comment), 'the comment shows literally');
    const ratingEntry = page.locator(`[data-testid=rating][data-conversation="${created.conversation}"]`);
    await ratingEntry.waitFor();
    assert.ok((await ratingEntry.textContent()).includes('Jana Dvořáková'));
    assert.equal(await page.locator('#transcript b').count(), 0);
    await page.screenshot({ path: path.join(shots, 'console-rated.png') });

    at('an offline message and a callback request appear in the inbox');
    const other = new Widget(`${wsBase}/v1/socket`);
    try {
      await other.opened();
      other.send({ type: 'hello', protocol: 1, company, preset, language });
      await other.next('welcome', (m) => m.type === 'welcome');
      if (features.offlineMessage) {
        const leave = {
          type: 'leaveMessage', clientId: randomUUID(), fields: { name: 'Petr Svoboda', email: 'petr@example.com' },
          text: 'Prosím o zavolání <script>alert(1)</script> zítra dopoledne.',
        };
        other.send(leave);
        await other.next('received for the offline message', (m) => m.type === 'received' && m.clientId === leave.clientId);
        const item = page.locator('[data-testid=offline-message]', { hasText: 'Petr Svoboda' });
        await item.waitFor();
        assert.ok((await item.textContent()).includes(leave.text), 'the offline message shows its text literally');
      }
      if (features.callback) {
        const callback = { type: 'callbackRequest', clientId: randomUUID(), fields: { name: 'Eva Malá' }, phone: '+420 777 666 555' };
        other.send(callback);
        await other.next('received for the callback request', (m) => m.type === 'received' && m.clientId === callback.clientId);
        const item = page.locator('[data-testid=callback-request]', { hasText: 'Eva Malá' });
        await item.waitFor();
        assert.ok((await item.textContent()).includes('+420 777 666 555'));
      }
    } finally {
      other.close();
    }
    assert.equal(await page.locator('#console-view script, #console-view img').count(), 0);
    await page.screenshot({ path: path.join(shots, 'console-inbox.png') });

    at('a reload keeps the session and the history');
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.connected === 'true');
    assert.equal(await page.inputValue('#availability'), 'online');
    await page.locator(`[data-testid=rating][data-conversation="${created.conversation}"]`).waitFor();
    assert.equal(await page.locator('[data-testid=rating]').count(), 1, 'the rating is listed once');

    at('alice logs out');
    await page.click('#logout');
    await page.locator('#login').waitFor({ state: 'visible' });
    const me = await page.evaluate(async () => (await fetch('/v1/operator/me')).status);
    assert.equal(me, 401, 'after logout /v1/operator/me answers 401');

    assert.equal(dialogs.length, 0, `the page opened dialogs: ${dialogs.join(', ')}`);
    assert.deepEqual(pageErrors, [], 'the page threw no errors');
    assert.deepEqual(missing, [], 'every resource the page asked for was served');
    passed = true;
  } catch (err) {
    if (page) await page.screenshot({ path: path.join(shots, 'console-failure.png') }).catch(() => {});
    throw new Error(`step "${step}" failed: ${err.message}\n--- server log ---\n` +
      `${earlierLogs.join('')}${server.log()}\n(screenshots in ${shots})`, { cause: err });
  } finally {
    if (widget) widget.close();
    if (browser) await browser.close().catch(() => {});
    const stopped = await server.stop();
    console.log(`screenshots: ${shots}`);
    if (passed) {
      // The database goes; the screenshots stay.
      for (const f of fs.readdirSync(tmp)) {
        if (f.startsWith('db.sqlite')) fs.rmSync(path.join(tmp, f), { force: true });
      }
      // A clean stop on SIGTERM is part of the contract: nothing lost, exit status 0.
      assert.deepEqual(stopped, { code: 0, signal: null },
        `owidget-server did not stop cleanly on SIGTERM\n${server.log()}`);
    }
  }
});
