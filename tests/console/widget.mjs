// A widget on the raw protocol (docs/protocol.md, section 3) for the console's browser tests,
// what it received taken in order by predicate; and the steps the tests share to bring alice
// online in the console with a visitor's conversation accepted.
import { randomUUID } from 'node:crypto';
import { STEP_TIMEOUT, importPackage } from './harness.mjs';

const { default: WebSocket } = await importPackage('ws');

export class Widget {
  constructor(url, options) {
    this.messages = [];
    this.waiters = [];
    this.ws = new WebSocket(url, options);
    this.ws.on('error', () => {}); // reported by opened() or as a close
    this.closed = new Promise((resolve) => this.ws.on('close', (code) => resolve(code)));
    // The protocol's heartbeat: a ping every few seconds keeps the server from timing us out.
    this.heartbeat = setInterval(() => {
      if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
    }, 5000);
    this.closed.then(() => clearInterval(this.heartbeat));
    this.ws.on('message', (data) => {
      let msg;
      try { msg = JSON.parse(String(data)); } catch { msg = { type: '<not JSON>', data: String(data) }; }
      this.messages.push(msg);
      for (const w of [...this.waiters]) w();
    });
  }

  opened() {
    return new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (req, res) => {
        req.destroy();
        clearInterval(this.heartbeat);
        reject(new Error(`HTTP ${res.statusCode}`));
      });
    });
  }

  send(msg) { this.ws.send(JSON.stringify(msg)); }

  // The first message since the last one taken that matches; earlier non-matching ones are kept.
  next(what, pred, timeout = STEP_TIMEOUT) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const i = this.messages.findIndex((m) => !m.taken && pred(m));
        if (i < 0) return false;
        this.messages[i].taken = true;
        this.waiters = this.waiters.filter((w) => w !== check);
        clearTimeout(timer);
        resolve(this.messages[i]);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`the widget received no ${what} within ${timeout} ms; it received:\n` +
          this.messages.map((m) => JSON.stringify(m)).join('\n')));
      }, timeout);
      if (!check()) this.waiters.push(check);
    });
  }

  close() {
    clearInterval(this.heartbeat);
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close(1000);
  }
}

// Every frame the page sends from now on, recorded in window.sentFrames.
export function recordSentFrames(page) {
  return page.addInitScript(() => {
    window.sentFrames = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) { window.sentFrames.push(String(data)); return send.call(this, data); };
  });
}

// alice logs in to the console and goes online.
export async function aliceOnline(page, server) {
  await page.goto(`${server.url}/console/`);
  await page.fill('#login', 'alice');
  await page.fill('#password', 'alice-demo');
  await page.click('#login-submit');
  await page.waitForFunction(() => document.body.dataset.connected === 'true');
  await page.selectOption('#availability', 'online');
}

// A visitor starts a conversation (with `secret`, when given, to resume it) and alice accepts it.
export async function acceptedVisitor(page, server, { company, preset, language }, secret) {
  const widget = new Widget(`${server.url.replace(/^http/, 'ws')}/v1/socket`);
  await widget.opened();
  widget.send({ type: 'hello', protocol: 1, company, preset, language });
  await widget.next('welcome', (m) => m.type === 'welcome');
  widget.send({
    type: 'start', clientId: randomUUID(), language, ...(secret ? { secret } : {}),
    fields: { name: 'Jana', email: 'jana@example.com' },
  });
  const { conversation } = await widget.next('created', (m) => m.type === 'created');
  await page.locator(`[data-testid=queue-item][data-id="${conversation}"] [data-testid=accept]`).click();
  await widget.next('joined', (m) => m.type === 'joined');
  // The console opens the accepted conversation, and moves the focus to its message field, when
  // its own frame comes, which may be after the visitor's: a step that focuses something must
  // start after that.
  await page.locator(`[data-testid=conversation-tab][data-id="${conversation}"][aria-selected=true]`).waitFor();
  return { widget, conversation };
}
