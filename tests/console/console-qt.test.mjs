// End-to-end test of the operator console with a Qt visitor: the built owidget-server, headless
// Chromium driven by playwright-core as the operator, and owidget-test-visitor (the real
// OWidget::Controller, driven with JSON lines on stdin and stdout) as the visitor.
//
//   OWIDGET_SERVER=<build>/server/owidget-server \
//   OWIDGET_VISITOR=<build>/tests/console/owidget-test-visitor \
//     node --test tests/console/console-qt.test.mjs
//
// Environment: OWIDGET_SERVER and OWIDGET_VISITOR (required), OWIDGET_SCREENSHOT_DIR (default:
// a temporary directory), OWIDGET_CHROMIUM (default: Debian's chromium, found on PATH).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STEP_TIMEOUT, demoPresetFor, launchBrowser, startServer } from './harness.mjs';

// ---- The Qt visitor ----------------------------------------------------------------------------

// owidget-test-visitor as a child process: commands go to its stdin, and every JSON line it
// prints is kept, in order, for next() to take.
class QtVisitor {
  constructor(args, { home }) {
    const binary = process.env.OWIDGET_VISITOR;
    assert.ok(binary, 'set OWIDGET_VISITOR to the built owidget-test-visitor binary');
    assert.ok(fs.existsSync(binary), `OWIDGET_VISITOR=${binary} does not exist`);
    fs.mkdirSync(home, { recursive: true });
    this.events = [];
    this.waiters = [];
    this.stderr = '';
    this.exit = null;
    // Its own HOME: the stored conversation of one run is never resumed by the next.
    this.child = spawn(binary, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, HOME: home, QT_QPA_PLATFORM: 'offscreen' },
    });
    this.child.stdin.on('error', () => {}); // a write after it exited: reported by next()
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      resolve(this.exit);
      for (const w of [...this.waiters]) w();
    }));
    this.child.on('error', (err) => {
      this.stderr += `cannot run ${binary}: ${err.message}\n`;
    });
    const orphanGuard = () => { if (this.exit === null) this.child.kill('SIGKILL'); };
    process.on('exit', orphanGuard);
    this.exited.then(() => process.off('exit', orphanGuard));

    let pending = '';
    this.child.stdout.setEncoding('utf8').on('data', (chunk) => {
      pending += chunk;
      let end;
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        if (!line.trim()) continue;
        let event;
        try { event = JSON.parse(line); } catch { event = { event: '<not JSON>', line }; }
        this.events.push(event);
      }
      for (const w of [...this.waiters]) w();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk) => { this.stderr += chunk; });
  }

  send(command) {
    if (this.exit === null) this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  // What it printed, for failure messages.
  transcript() {
    const lines = this.events.map(({ taken, ...e }) => JSON.stringify(e)).join('\n');
    const exit = this.exit ? `\n(exited: code ${this.exit.code}, signal ${this.exit.signal})` : '';
    return `${lines || '(nothing)'}${exit}${this.stderr ? `\n--- its stderr ---\n${this.stderr}` : ''}`;
  }

  // The first event since the last one taken that matches; earlier non-matching ones are kept.
  // Rejects at once when the visitor has exited without printing it.
  next(what, pred, timeout = STEP_TIMEOUT) {
    return new Promise((resolve, reject) => {
      const done = () => {
        this.waiters = this.waiters.filter((w) => w !== check);
        clearTimeout(timer);
      };
      const check = () => {
        const i = this.events.findIndex((e) => !e.taken && pred(e));
        if (i >= 0) {
          this.events[i].taken = true;
          done();
          resolve({ ...this.events[i], index: i });
          return true;
        }
        if (this.exit !== null) {
          done();
          reject(new Error(`the Qt visitor exited before printing ${what}; it printed:\n${this.transcript()}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`the Qt visitor printed no ${what} within ${timeout} ms; it printed:\n` +
          this.transcript()));
      }, timeout);
      if (!check()) this.waiters.push(check);
    });
  }

  // Asks it to quit; the exit status, or SIGKILL after 10 s.
  async quit() {
    this.send({ cmd: 'quit' });
    return this.stop(10_000);
  }

  // Closes its stdin (which makes it quit), then SIGTERM and SIGKILL if it lingers.
  async stop(grace = 5_000) {
    if (this.exit !== null) return this.exit;
    this.child.stdin.end();
    const term = setTimeout(() => this.child.kill('SIGTERM'), grace);
    const kill = setTimeout(() => this.child.kill('SIGKILL'), grace + 5_000);
    const result = await this.exited;
    clearTimeout(term);
    clearTimeout(kill);
    return result;
  }
}

// ---- The test ----------------------------------------------------------------------------------

test('an operator accepts and chats with a conversation that a Qt client started',
  { timeout: 180_000 }, async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'owidget-console-qt-'));
    const shots = process.env.OWIDGET_SCREENSHOT_DIR || path.join(tmp, 'screenshots');
    fs.mkdirSync(shots, { recursive: true });
    const { company, preset, language, fields } = demoPresetFor('alice');

    // The pre-chat form of the demo preset, as a person fills it in: the phone number written
    // the local way, without the country code.
    const form = {};
    for (const field of fields) {
      form[field.name] = field.type === 'email' ? 'jana@example.com'
        : field.type === 'phone' ? '777 666 555'
          : field.name === 'name' ? 'Jana Dvořáková' : 'Objednávka 2026-4411';
    }
    assert.ok(form.name && form.phone, `the demo preset ${preset} has no name or phone field`);

    const server = await startServer(tmp);
    let browser = null;
    let page = null;
    let visitor = null;
    let dialogs = [];
    let pageErrors = [];
    let step = '';
    const at = (name) => { step = name; };
    let passed = false;

    try {
      ({ browser, page, dialogs, pageErrors } = await launchBrowser());

      at('alice logs in; she is offline');
      await page.goto(`${server.url}/console/`);
      await page.fill('#login', 'alice');
      await page.fill('#password', 'alice-demo');
      await page.click('#login-submit');
      await page.locator('#availability').waitFor({ state: 'visible' });
      await page.waitForFunction(() => document.body.dataset.connected === 'true');
      assert.equal(await page.inputValue('#availability'), 'offline');

      at('the Qt visitor connects while nobody is online');
      const args = ['--server', server.url, '--company', company, '--preset', preset];
      if (language) args.push('--language', language);
      visitor = new QtVisitor(args, { home: path.join(tmp, 'visitor-home') });
      const config = await visitor.next('the configuration', (e) => e.event === 'config');
      assert.equal(config.preset, preset);
      assert.deepEqual(config.fields, fields.map((f) => f.name));
      await visitor.next('the state Connected', (e) => e.event === 'state' && e.connection === 'Connected');
      const early = visitor.events.filter((e) => e.event === 'status' && e.code !== 0);
      assert.deepEqual(early, [], 'nobody is online yet, but the visitor printed another status');

      at('alice goes online; the visitor\'s status callback says 1');
      await page.selectOption('#availability', 'online');
      await visitor.next('status 1', (e) => e.event === 'status' && e.code === 1);

      at('the visitor opens the chat and starts a conversation');
      visitor.send({ cmd: 'open' });
      const opened = await visitor.next('chatWindowOpen', (e) => e.event === 'app' && e.type === 'chatWindowOpen');
      visitor.send({ cmd: 'start', fields: form });
      const startReply = await visitor.next('the answer to start', (e) => e.event === 'reply' && e.cmd === 'start');
      assert.equal(startReply.ok, true, `startChat refused the form ${JSON.stringify(form)}:\n${visitor.transcript()}`);
      const created = await visitor.next('chatSessionCreated',
        (e) => e.event === 'app' && e.type === 'chatSessionCreated');
      assert.equal(created.queuePosition, 1, 'the only visitor is first in the queue');
      assert.ok(created.index > opened.index);
      await visitor.next('the chat state Waiting', (e) => e.event === 'chat' && e.state === 'Waiting');

      at('alice sees the visitor in the queue, with the phone number normalized');
      const item = page.locator('[data-testid=queue-item]', { hasText: form.name });
      await item.waitFor({ state: 'visible' });
      assert.equal(await page.locator('[data-testid=queue-item]').count(), 1);
      assert.equal(await item.locator('[data-testid=queue-position]').textContent(), '1');
      const shown = await item.locator('dd').allTextContents();
      assert.ok(shown.includes('+420 777 666 555'),
        `the queue item shows the phone as +420 777 666 555 (the controller normalizes it): ${shown}`);
      assert.ok(shown.includes(form.email), `the queue item shows the e-mail: ${shown}`);
      assert.ok(!shown.includes(form.phone), `the phone reached the server as typed: ${shown}`);
      if (language) {
        assert.equal(await item.locator('[data-testid=queue-language]').textContent(), language.toUpperCase());
      }
      const conversation = await item.getAttribute('data-id');
      assert.match(conversation ?? '', /.+/, 'the queue item carries the conversation id');

      at('alice accepts; the visitor gets chatSessionStarted with Alice');
      await item.locator('[data-testid=accept]').click();
      const started = await visitor.next('chatSessionStarted',
        (e) => e.event === 'app' && e.type === 'chatSessionStarted');
      assert.equal(started.operator, 'Alice');
      assert.ok(started.index > created.index, 'chatSessionStarted came after chatSessionCreated');
      await visitor.next('the chat state Active', (e) => e.event === 'chat' && e.state === 'Active');
      await page.locator(`[data-testid=conversation-tab][data-id="${conversation}"]`).waitFor();
      await item.waitFor({ state: 'detached' });
      assert.equal(await page.textContent('[data-testid=conversation-title]'), form.name);

      at('the visitor types; alice sees it');
      visitor.send({ cmd: 'typing', active: true });
      await page.locator('[data-testid=typing]').waitFor({ state: 'visible' });

      at('the visitor writes, with HTML; alice sees it literally');
      const visitorText = 'Dobrý den, <b>tučně</b> & <img src=x onerror=alert(1)> prosím o pomoc.';
      visitor.send({ cmd: 'send', text: visitorText });
      const sendReply = await visitor.next('the answer to send', (e) => e.event === 'reply' && e.cmd === 'send');
      assert.equal(sendReply.ok, true, 'sendMessage refused the text');
      const delivered = await visitor.next('delivered', (e) => e.event === 'delivered' && e.clientId === sendReply.clientId);
      const fromVisitor = page.locator(`[data-testid=message][data-from=visitor][data-seq="${delivered.seq}"]`);
      await fromVisitor.waitFor();
      assert.equal(await fromVisitor.locator('[data-testid=message-text]').textContent(), visitorText);
      assert.equal(await page.locator('#transcript b, #transcript img').count(), 0,
        'no element was made from the visitor\'s text');
      await page.locator('[data-testid=typing]').waitFor({ state: 'hidden' });

      at('alice types (the visitor\'s controller reports it) and answers with two lines and HTML');
      const input = page.locator('#message-input');
      await input.click();
      await input.pressSequentially('Dobrý den, Jano.');
      await visitor.next('the operator typing', (e) => e.event === 'typing' && e.active === true);
      await input.press('Shift+Enter');
      await input.pressSequentially('Tohle <i>není</i> HTML & nikdy nebude.');
      await input.press('Enter');
      const aliceText = 'Dobrý den, Jano.\nTohle <i>není</i> HTML & nikdy nebude.';
      const fromAlice = await visitor.next('alice\'s message', (e) => e.event === 'message' && e.sender === 'operator');
      assert.equal(fromAlice.text, aliceText, 'the visitor got exactly what alice typed');
      assert.equal(fromAlice.name, 'Alice');
      assert.equal(fromAlice.seq, delivered.seq + 1);
      await visitor.next('the operator stopped typing', (e) => e.event === 'typing' && e.active === false);
      await page.locator(`[data-testid=message][data-from=operator][data-seq="${fromAlice.seq}"][data-state=delivered]`).waitFor();
      assert.equal(await page.locator('#transcript i').count(), 0);

      at('the visitor answers');
      const thanks = 'Číslo je 2026-4411. Děkuji!';
      visitor.send({ cmd: 'send', text: thanks });
      const thanksReply = await visitor.next('the answer to send', (e) => e.event === 'reply' && e.cmd === 'send');
      await visitor.next('delivered', (e) => e.event === 'delivered' && e.clientId === thanksReply.clientId);
      await page.locator('[data-testid=message][data-from=visitor] [data-testid=message-text]', { hasText: thanks }).waitFor();
      await page.screenshot({ path: path.join(shots, 'console-qt-conversation.png') });

      at('alice ends the conversation; the visitor gets chatSessionEnded');
      await page.click('[data-testid=end]');
      const ended = await visitor.next('chatSessionEnded', (e) => e.event === 'app' && e.type === 'chatSessionEnded');
      assert.ok(ended.index > started.index);
      await visitor.next('the chat state Ended', (e) => e.event === 'chat' && e.state === 'Ended');
      await page.locator('[data-testid=ended-note]').waitFor({ state: 'visible' });
      await page.screenshot({ path: path.join(shots, 'console-qt-ended.png') });

      at('the visitor closes the chat and quits');
      visitor.send({ cmd: 'close' });
      await visitor.next('chatWindowClosed', (e) => e.event === 'app' && e.type === 'chatWindowClosed');
      const appEvents = visitor.events.filter((e) => e.event === 'app').map((e) => e.type);
      assert.deepEqual(appEvents, ['chatWindowOpen', 'chatSessionCreated', 'chatSessionStarted',
        'chatSessionEnded', 'chatWindowClosed'], 'the app events, in order, each once');
      const operatorTexts = visitor.events.filter((e) => e.event === 'message' && e.sender === 'operator')
        .map((e) => e.text);
      assert.deepEqual(operatorTexts, [aliceText], 'the visitor shows alice\'s message once');
      const problems = visitor.events.filter((e) => e.event === 'error' || e.event === 'badCommand');
      assert.deepEqual(problems, [], 'the visitor reported no error');
      assert.deepEqual(await visitor.quit(), { code: 0, signal: null }, 'the visitor quits with status 0');

      assert.equal(dialogs.length, 0, `the page opened dialogs: ${dialogs.join(', ')}`);
      assert.deepEqual(pageErrors, [], 'the page threw no errors');
      passed = true;
    } catch (err) {
      if (page) await page.screenshot({ path: path.join(shots, 'console-qt-failure.png') }).catch(() => {});
      throw new Error(`step "${step}" failed: ${err.message}\n` +
        `--- the Qt visitor printed ---\n${visitor ? visitor.transcript() : '(not started)'}\n` +
        `--- server log ---\n${server.log()}\n(screenshots in ${shots})`, { cause: err });
    } finally {
      if (visitor) await visitor.stop();
      if (browser) await browser.close().catch(() => {});
      const stopped = await server.stop();
      console.log(`screenshots: ${shots}`);
      if (passed) {
        fs.rmSync(path.join(tmp, 'visitor-home'), { recursive: true, force: true });
        for (const f of fs.readdirSync(tmp)) {
          if (f.startsWith('db.sqlite')) fs.rmSync(path.join(tmp, f), { force: true });
        }
        assert.deepEqual(stopped, { code: 0, signal: null },
          `owidget-server did not stop cleanly on SIGTERM\n${server.log()}`);
      }
    }
  });
