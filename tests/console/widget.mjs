// A widget on the raw protocol (docs/protocol.md, section 3) for the console's browser tests:
// what it received, taken in order by predicate.
import { STEP_TIMEOUT, importPackage } from './harness.mjs';

const { default: WebSocket } = await importPackage('ws');

export class Widget {
  constructor(url) {
    this.messages = [];
    this.waiters = [];
    this.ws = new WebSocket(url);
    this.ws.on('error', () => {});
    this.heartbeat = setInterval(() => { if (this.ws.readyState === WebSocket.OPEN) this.ws.ping(); }, 5000);
    this.ws.on('close', () => clearInterval(this.heartbeat));
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)));
      for (const w of [...this.waiters]) w();
    });
  }

  opened() { return new Promise((resolve, reject) => { this.ws.once('open', resolve); this.ws.once('error', reject); }); }

  send(msg) { this.ws.send(JSON.stringify(msg)); }

  // The first message not taken yet that `pred` accepts, taken; waits for it.
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
        reject(new Error(`the widget received no ${what}; it received:\n${this.messages.map((m) => JSON.stringify(m)).join('\n')}`));
      }, timeout);
      if (!check()) this.waiters.push(check);
    });
  }

  close() { clearInterval(this.heartbeat); this.ws.close(1000); }
}
