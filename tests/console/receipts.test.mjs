// Read marks in the operator console (docs/protocol.md, `read`): the built owidget-server,
// headless Chromium driven by playwright-core, and a widget speaking the raw protocol.
// The console sends its mark only while the conversation is open, the tab visible and the
// transcript at its end; it shows "Seen" under its last message the visitor has read, and
// again after a reload.
//
//   OWIDGET_SERVER=<build>/server/owidget-server node --test tests/console/receipts.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoPresetFor, launchBrowser, startServer } from './harness.mjs';
import { acceptedVisitor, aliceOnline, recordSentFrames } from './widget.mjs';

// The console's `read` frames, recorded in the page as it sends them.
const readsSent = (page) => page.evaluate(() => window.sentFrames
  .map((f) => JSON.parse(f)).filter((f) => f.type === 'read').map((f) => f.seq));

const setTabVisible = (page, visible) => page.evaluate((v) => {
  Object.defineProperty(document, 'visibilityState', { value: v ? 'visible' : 'hidden', configurable: true });
  Object.defineProperty(document, 'hidden', { value: !v, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}, visible);

test('read marks go both ways between the console and a visitor', { timeout: 120_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'owidget-receipts-'));
  const { company, preset, language } = demoPresetFor('alice');
  const server = await startServer(tmp);
  let browser = null;
  let widget = null;
  let step = '';
  const at = (name) => { step = name; };
  try {
    let page;
    let pageErrors;
    ({ browser, page, pageErrors } = await launchBrowser());
    await recordSentFrames(page);

    at('alice logs in and goes online');
    await aliceOnline(page, server);

    at('a visitor starts a conversation and alice accepts it');
    ({ widget } = await acceptedVisitor(page, server, { company, preset, language }));

    at('the open conversation at its end is read: the visitor gets the mark');
    assert.equal((await widget.next('read 1', (m) => m.type === 'read')).seq, 1);

    at('with the tab hidden, a new message is not marked read');
    await setTabVisible(page, false);
    const hi = { type: 'message', clientId: randomUUID(), text: 'Hi, anyone there?' };
    widget.send(hi);
    const ack = await widget.next('ack', (m) => m.type === 'ack');
    await page.locator(`[data-testid=message][data-seq="${ack.seq}"]`).waitFor();
    assert.deepEqual(await readsSent(page), [1]);

    at('the tab comes back: the mark goes');
    await setTabVisible(page, true);
    assert.equal((await widget.next('read 2', (m) => m.type === 'read')).seq, ack.seq);
    assert.deepEqual(await readsSent(page), [1, ack.seq]);

    at('alice answers twice; "Seen" follows the visitor\'s mark, under one message only');
    for (const text of ['Hello Jana', 'How can I help?']) {
      await page.fill('#message-input', text);
      await page.keyboard.press('Enter');
      await widget.next(`message ${text}`, (m) => m.type === 'message' && m.text === text);
    }
    // Both acknowledged: numbered in the console too.
    await page.waitForFunction(() => document.querySelectorAll(
      '[data-testid=message][data-from=operator][data-seq]').length === 2);
    const seqs = await page.locator('[data-testid=message][data-from=operator]')
      .evaluateAll((items) => items.map((li) => Number(li.dataset.seq)));
    assert.equal(seqs.length, 2);
    assert.equal(await page.locator('[data-testid=message-seen]').count(), 0);
    widget.send({ type: 'read', seq: seqs[0] });
    const seen = page.locator('[data-testid=message-seen]');
    await page.locator(`[data-testid=message][data-seq="${seqs[0]}"] [data-testid=message-seen]`).waitFor();
    assert.equal(await seen.count(), 1);
    assert.equal(await seen.textContent(), 'Seen');
    widget.send({ type: 'read', seq: seqs[1] });
    await page.locator(`[data-testid=message][data-seq="${seqs[1]}"] [data-testid=message-seen]`).waitFor();
    assert.equal(await seen.count(), 1);

    at('a reload shows "Seen" again from the snapshot');
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.connected === 'true');
    await page.locator(`[data-testid=message][data-seq="${seqs[1]}"] [data-testid=message-seen]`).waitFor();
    assert.equal(await page.locator('[data-testid=message-seen]').count(), 1);
    assert.deepEqual(pageErrors, [], 'the page threw no errors');
  } catch (err) {
    throw new Error(`step "${step}" failed: ${err.message}\n--- server log ---\n${server.log()}`, { cause: err });
  } finally {
    if (widget) widget.close();
    if (browser) await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
