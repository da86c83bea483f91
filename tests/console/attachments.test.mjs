// Attachments in the operator console (docs/protocol.md, section 9): the built owidget-server,
// headless Chromium driven by playwright-core, and a widget speaking the raw protocol.
// The operator attaches files by the button (from the keyboard), sees the upload's progress and
// may cancel it; the visitor gets the messages that name them and can download the same bytes;
// the visitor's picture shows in the console as a thumbnail; a file over the preset's limit or
// of a refused type is named in an error and nothing is sent; an upload whose answer the
// connection lost is sent again with the same key and stored once.
//
//   OWIDGET_SERVER=<build>/server/owidget-server node --test tests/console/attachments.test.mjs
// OWIDGET_SCREENSHOT_DIR, when set, receives console-attachments.png and console-attachment-error.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { demoPresetFor, launchBrowser, startServer } from './harness.mjs';
import { acceptedVisitor, aliceOnline, recordSentFrames } from './widget.mjs';

// A real PNG of w × h pixels, so that the browser decodes it: a gradient, 8-bit RGB.
function png(w, h) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const head = Buffer.alloc(13);
  head.writeUInt32BE(w, 0);
  head.writeUInt32BE(h, 4);
  head[8] = 8; // bit depth
  head[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) row.set([(x * 255 / w) | 0, (y * 255 / h) | 0, 160], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', head), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const base64url = (bytes) => bytes.toString('base64url');

// Pictures of the console for people to look at, when OWIDGET_SCREENSHOT_DIR asks for them.
async function shoot(page, name) {
  const dir = process.env.OWIDGET_SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name) });
}

// The `message` frames with a file the console sent, recorded in the page.
const attachmentFrames = (page) => page.evaluate(() => window.sentFrames
  .map((f) => JSON.parse(f)).filter((f) => f.type === 'message' && f.attachment).map((f) => f.attachment));

test('files go both ways between the console and a visitor', { timeout: 180_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'owidget-attachments-'));
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
    const secret = base64url(randomBytes(32));
    let conversation;
    ({ widget, conversation } = await acceptedVisitor(page, server, { company, preset, language }, secret));
    const visitorHeaders = { 'X-OWidget-Conversation': conversation, 'X-OWidget-Secret': secret };

    at('the attach button has a name and opens the file chooser from the keyboard');
    const attach = page.getByRole('button', { name: 'Attach files' });
    await attach.focus();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'attach', 'the focus is on the attach button');
    const picture = png(320, 200);
    // On a loaded machine the chooser twice did not come within 10 s of the Enter, with the focus
    // on the button just before it; why is not known yet. It gets one more Enter, and what the
    // page looked like the first time is printed, so that a failure says more next time.
    let chooser;
    try {
      [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), page.keyboard.press('Enter')]);
    } catch (error) {
      const seen = await page.evaluate(() => ({
        focus: document.activeElement?.id, attachDisabled: document.getElementById('attach')?.disabled,
      }));
      console.log(`no file chooser after the first Enter (${error.message.split('\n')[0]}): ${JSON.stringify(seen)}`);
      [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), attach.press('Enter')]);
    }
    assert.ok(chooser.isMultiple());
    await chooser.setFiles([
      { name: 'chart.png', mimeType: 'image/png', buffer: picture },
      { name: 'Faktura č. 7.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);

    at('the visitor gets both files in message events, in the order chosen, and downloads the same bytes');
    const sent = [
      await widget.next('the picture', (m) => m.type === 'message' && m.from === 'operator'),
      await widget.next('the PDF', (m) => m.type === 'message' && m.from === 'operator'),
    ];
    assert.equal(sent[0].from, 'operator');
    assert.deepEqual({ ...sent[0].attachment, id: '' },
      { id: '', name: 'chart.png', type: 'image/png', size: picture.length, width: 320, height: 200 });
    assert.deepEqual({ ...sent[1].attachment, id: '' },
      { id: '', name: 'Faktura č. 7.pdf', type: 'application/pdf', size: PDF.length });
    for (const [m, bytes] of [[sent[0], picture], [sent[1], PDF]]) {
      const res = await fetch(`${server.url}/v1/attachments/${m.attachment.id}`, { headers: visitorHeaders });
      assert.equal(res.status, 200);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes);
    }

    at('the console shows its own picture as a thumbnail and the PDF as a card');
    const ownPicture = page.locator(`[data-testid=message][data-from=operator] [data-testid=attachment-image] img`);
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid=message][data-from=operator] [data-testid=attachment-image] img');
      return img && img.complete && img.naturalWidth === 320;
    });
    assert.equal(await ownPicture.getAttribute('src'), `/v1/attachments/${sent[0].attachment.id}`);
    const card = page.locator('[data-testid=message][data-from=operator] [data-testid=attachment-file]');
    await card.waitFor();
    assert.match(await card.textContent(), /Faktura č\. 7\.pdf/);
    const download = card.getByRole('link', { name: /^Download Faktura č\. 7\.pdf/ });
    assert.equal(await download.getAttribute('href'), `/v1/attachments/${sent[1].attachment.id}`);
    await page.locator('[data-testid=message][data-from=operator][data-state=delivered] [data-testid=attachment-file]').waitFor();

    at('the visitor sends a picture: the console shows it as a thumbnail that loads');
    const theirs = png(64, 48);
    const up = await fetch(`${server.url}/v1/attachments`, {
      method: 'POST', body: theirs,
      headers: { ...visitorHeaders, 'Content-Type': 'image/png', 'X-OWidget-File-Name': 'screenshot.png' },
    });
    assert.equal(up.status, 201);
    const { attachment: theirAttachment } = await up.json();
    widget.send({ type: 'message', clientId: randomUUID(), text: 'This is what I see', attachment: theirAttachment.id });
    const theirAck = await widget.next('ack of the picture', (m) => m.type === 'ack');
    const theirItem = page.locator(`[data-testid=message][data-from=visitor][data-seq="${theirAck.seq}"]`);
    await theirItem.waitFor();
    assert.equal(await theirItem.locator('[data-testid=message-text]').textContent(), 'This is what I see');
    const theirImg = theirItem.locator('[data-testid=attachment-image] img');
    assert.equal(await theirImg.getAttribute('alt'), 'screenshot.png');
    assert.equal(await theirImg.getAttribute('width'), '64'); // its room reserved from the event
    await page.waitForFunction((seq) => {
      const img = document.querySelector(`[data-testid=message][data-seq="${seq}"] [data-testid=attachment-image] img`);
      return img && img.complete && img.naturalWidth === 64;
    }, theirAck.seq);
    await shoot(page, 'console-attachments.png');

    at('a file over the limit is named in an error, and nothing is sent, not even uploaded');
    let framesBefore = (await attachmentFrames(page)).length;
    // The conversation says what its preset allows: the console refuses before uploading.
    let uploadsTried = 0;
    const countUploads = (request) => { if (request.url().endsWith('/v1/operator/attachments')) uploadsTried++; };
    page.on('request', countUploads);
    const big = path.join(tmp, 'big.png');
    fs.writeFileSync(big, Buffer.concat([picture, Buffer.alloc(11 * 1024 * 1024)]));
    await page.locator('[data-testid=attach-input]').setInputFiles(big);
    const bigError = page.locator('[data-testid=upload][data-state=failed] [data-testid=upload-error]');
    await bigError.waitFor();
    assert.match(await bigError.textContent(), /“big\.png” is too large \(11\.1 MB\): files may be at most 10 MB\./);
    assert.match(await page.locator('[data-testid=toast]').textContent(), /too large/);
    // The refusal takes its room from the transcript, whose newest messages stay in view.
    assert.ok(await page.evaluate(() => {
      const t = document.querySelector('[data-testid=transcript]');
      return t.scrollHeight - t.scrollTop - t.clientHeight < 40;
    }), 'the transcript no longer shows its newest messages');
    await shoot(page, 'console-attachment-error.png');
    await page.getByRole('button', { name: 'Remove big.png' }).click();
    await page.locator('[data-testid=upload]').waitFor({ state: 'detached' });

    at('a type the preset refuses is named in an error, and nothing is sent');
    await page.locator('[data-testid=attach-input]').setInputFiles(
      { name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<p>hi</p>') });
    await bigError.waitFor();
    assert.match(await bigError.textContent(),
      /“page\.html” was refused: files of type text\/html are not accepted here \(only PNG, JPEG, .*PDF.*\)\./);
    await page.getByRole('button', { name: 'Remove page.html' }).click();
    assert.equal((await attachmentFrames(page)).length, framesBefore);
    page.off('request', countUploads);
    assert.equal(uploadsTried, 0, 'a refused file was uploaded before it was refused');
    assert.equal(await page.locator('[data-testid=attach-input]').getAttribute('accept'),
      'image/png,image/jpeg,image/webp,image/gif,application/pdf,text/plain');

    at('a cancelled upload sends nothing');
    let held = null;
    const holding = new Promise((resolve) => {
      page.route('**/v1/operator/attachments', (route) => { held = route; resolve(); });
    });
    await page.locator('[data-testid=attach-input]').setInputFiles({ name: 'later.png', mimeType: 'image/png', buffer: picture });
    await holding;
    await page.getByRole('progressbar', { name: 'Uploading later.png' }).waitFor();
    await page.getByRole('button', { name: 'Cancel upload of later.png' }).click();
    await page.locator('[data-testid=upload]').waitFor({ state: 'detached' });
    await held.abort().catch(() => {});
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    assert.equal((await attachmentFrames(page)).length, framesBefore);

    at('a file dropped on the conversation is sent');
    const dropped = await page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dropped.pdf', { type: 'application/pdf' }));
      return dt;
    }, [...PDF]);
    await page.dispatchEvent('#transcript', 'dragover', { dataTransfer: dropped });
    assert.equal(await page.locator('#conversation-pane.drop-target').count(), 1, 'the pane shows where to drop');
    await page.dispatchEvent('#transcript', 'drop', { dataTransfer: dropped });
    assert.equal(await page.locator('#conversation-pane.drop-target').count(), 0);
    const droppedMessage = await widget.next('the dropped file', (m) => m.type === 'message' && m.from === 'operator');
    assert.equal(droppedMessage.attachment?.name, 'dropped.pdf');

    at('a screenshot pasted into the message is sent');
    await page.focus('#message-input');
    await page.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      const paste = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
      document.getElementById('message-input').dispatchEvent(paste);
    }, [...png(8, 8)]);
    const pasted = await widget.next('the pasted screenshot', (m) => m.type === 'message' && m.from === 'operator');
    assert.equal(pasted.attachment?.name, 'image.png');
    assert.equal(pasted.attachment?.width, 8);
    framesBefore += 2;

    at('the next message the visitor gets is the text after them: no file went');
    await page.fill('#message-input', 'Those were not for you');
    await page.keyboard.press('Enter');
    const next = await widget.next('the next message', (m) => m.type === 'message' && m.from === 'operator');
    assert.equal(next.text, 'Those were not for you');
    assert.equal(next.attachment, undefined);

    at('the answer to an upload is lost: sent again with the same key, stored once');
    const answers = [];
    await page.route('**/v1/operator/attachments', async (route) => {
      const key = route.request().headers()['x-owidget-upload-key'];
      const response = await route.fetch();
      answers.push({ key, status: response.status(), id: (await response.json()).attachment?.id });
      // The server has the file; the answer never reaches the console.
      if (answers.length === 1) await route.abort('connectionreset');
      else await route.fulfill({ response });
    });
    const retried = png(10, 10);
    await page.locator('[data-testid=attach-input]').setInputFiles({ name: 'retried.png', mimeType: 'image/png', buffer: retried });
    const got = await widget.next('the retried file', (m) => m.type === 'message' && m.attachment?.name === 'retried.png');
    assert.equal(answers.length, 2);
    assert.equal(answers[0].status, 201);
    assert.equal(answers[1].status, 200, 'the second upload found the first');
    assert.equal(answers[1].key, answers[0].key);
    assert.equal(answers[1].id, answers[0].id);
    assert.equal(got.attachment.id, answers[0].id);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    const retriedFrames = (await attachmentFrames(page)).filter((id) => id === got.attachment.id);
    assert.equal(retriedFrames.length, 1, 'one message names it');

    at('after a reload the transcript shows the files again');
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.connected === 'true');
    await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid=attachment-image] img')]
      .filter((img) => img.complete && img.naturalWidth > 0).length === n, 4);
    assert.equal(await page.locator('[data-testid=attachment-file]').count(), 2);
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
