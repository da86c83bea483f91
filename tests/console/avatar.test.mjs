// The operator's picture end to end (docs/protocol.md section 8): the built owidget-server with
// the demo data, where Alice has a picture; headless Chromium driven by playwright-core as the
// console; and a widget speaking the raw protocol. The frames name the picture by id, the
// server serves it at /v1/avatars/<id>.png, and the console shows it beside Alice's name.
//
//   OWIDGET_SERVER=<build>/server/owidget-server node --test tests/console/avatar.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  STEP_TIMEOUT, demoPresetFor, importPackage, launchBrowser, startServer,
} from './harness.mjs';

const { default: WebSocket } = await importPackage('ws');

const ID = /^[0-9a-f]{32}$/;

// A widget on the raw protocol: what it received, taken in order by predicate.
function openWidget(url) {
  const ws = new WebSocket(url);
  const messages = [];
  const waiters = [];
  ws.on('error', () => {});
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    for (const w of [...waiters]) w();
  });
  return {
    opened: () => new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); }),
    send: (msg) => ws.send(JSON.stringify(msg)),
    close: () => ws.close(1000),
    next: (what, pred) => new Promise((resolve, reject) => {
      const check = () => {
        const i = messages.findIndex((m) => !m.taken && pred(m));
        if (i < 0) return false;
        messages[i].taken = true;
        const w = waiters.indexOf(check);
        if (w >= 0) waiters.splice(w, 1);
        clearTimeout(timer);
        resolve(messages[i]);
        return true;
      };
      const timer = setTimeout(() => reject(new Error(`the widget received no ${what}; it received:\n`
        + messages.map((m) => JSON.stringify(m)).join('\n'))), STEP_TIMEOUT);
      if (!check()) waiters.push(check);
    }),
  };
}

test('the operator\'s picture goes from the import to the widget and the console', { timeout: 120_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'owidget-avatar-'));
  const { company, preset, language } = demoPresetFor('alice');
  const server = await startServer(tmp);
  const socketUrl = `${server.url.replace(/^http/, 'ws')}/v1/socket`;
  let browser = null;
  const widgets = [];
  let step = '';
  const at = (name) => { step = name; };
  try {
    let page;
    let pageErrors;
    ({ browser, page, pageErrors } = await launchBrowser());
    // The browser fetches the picture from this server, and gets it.
    const pictureLoaded = page.waitForResponse((r) => /\/v1\/avatars\/[0-9a-f]{32}\.png$/.test(r.url())
      && r.status() === 200);

    at('alice logs in: the bar shows her picture, as the server serves it');
    await page.goto(`${server.url}/console/`);
    await page.fill('#login', 'alice');
    await page.fill('#password', 'alice-demo');
    await page.click('#login-submit');
    await page.waitForFunction(() => document.body.dataset.connected === 'true');
    const bar = page.locator('[data-testid=operator-avatar] [data-testid=avatar]');
    await bar.waitFor();
    const own = await bar.getAttribute('data-avatar');
    assert.match(own, ID);
    await page.waitForFunction((id) => {
      const picture = document.querySelector('[data-testid=operator-avatar] [data-testid=avatar]');
      return picture && getComputedStyle(picture).backgroundImage.includes(`/v1/avatars/${id}.png`);
    }, own);
    await pictureLoaded;
    await page.selectOption('#availability', 'online');

    at('the picture is served at its id, cacheable for good');
    const picture = await fetch(`${server.url}/v1/avatars/${own}.png`);
    assert.equal(picture.status, 200);
    assert.equal(picture.headers.get('content-type'), 'image/png');
    const png = Buffer.from(await picture.arrayBuffer());
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');

    at('a visitor starts a conversation; alice accepts it: `joined` names her picture');
    const widget = openWidget(socketUrl);
    widgets.push(widget);
    await widget.opened();
    widget.send({ type: 'hello', protocol: 1, company, preset, language });
    await widget.next('welcome', (m) => m.type === 'welcome');
    widget.send({ type: 'start', clientId: randomUUID(), language, fields: { name: 'Jana', email: 'jana@example.com' } });
    const created = await widget.next('created', (m) => m.type === 'created');
    await page.locator(`[data-testid=queue-item][data-id="${created.conversation}"] [data-testid=accept]`).click();
    const joined = await widget.next('joined', (m) => m.type === 'joined');
    assert.equal(joined.operator, 'Alice');
    assert.equal(joined.avatar, own);

    at('alice answers: her message carries the picture, and the console shows it beside her name');
    await page.fill('#message-input', 'Hello Jana');
    await page.keyboard.press('Enter');
    const hello = await widget.next('message', (m) => m.type === 'message' && m.from === 'operator');
    assert.equal(hello.avatar, own);
    const mine = page.locator(`[data-testid=message][data-seq="${hello.seq}"] [data-testid=avatar]`);
    await mine.waitFor();
    assert.equal(await mine.getAttribute('data-avatar'), own);

    at('the visitor\'s message has no picture');
    widget.send({ type: 'message', clientId: randomUUID(), text: 'Hi' });
    const ack = await widget.next('ack', (m) => m.type === 'ack');
    await page.locator(`[data-testid=message][data-seq="${ack.seq}"]`).waitFor();
    assert.equal(await page.locator(`[data-testid=message][data-seq="${ack.seq}"] [data-testid=avatar]`).count(), 0);

    at('the widget resumes: `welcome` and the replayed events name the picture');
    widget.close();
    const again = openWidget(socketUrl);
    widgets.push(again);
    await again.opened();
    again.send({ type: 'hello', protocol: 1, company, preset, language,
      resume: { conversation: created.conversation, secret: created.secret, lastSeq: 0 } });
    const welcome = await again.next('welcome', (m) => m.type === 'welcome');
    assert.equal(welcome.conversation.operator, 'Alice');
    assert.equal(welcome.conversation.avatar, own);
    assert.equal((await again.next('replayed joined', (m) => m.type === 'joined')).avatar, own);
    assert.equal((await again.next('replayed message', (m) => m.type === 'message' && m.from === 'operator')).avatar, own);

    at('a reload: the snapshot names the pictures again');
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.connected === 'true');
    await bar.waitFor();
    assert.equal(await bar.getAttribute('data-avatar'), own);
    assert.deepEqual(pageErrors, [], 'the page threw no errors');
  } catch (err) {
    throw new Error(`step "${step}" failed: ${err.message}\n--- server log ---\n${server.log()}`, { cause: err });
  } finally {
    for (const w of widgets) w.close();
    if (browser) await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
