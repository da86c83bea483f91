// The operator socket: connecting, reconnecting with a capped, jittered backoff, the banner that
// says so, and frames out. What arrives goes to the handlers the console sets.
import { API, api } from './api.js';
import { el } from './dom.js';

const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30000;

let socket = null;
let wantSocket = false;     // false after logout: no reconnect
let backoff = BACKOFF_MIN_MS;
let reconnectTimer = null;
let reconnectAt = 0;
let countdownTimer = null;
let connectedOnce = false;

const handlers = {
  frame: (msg) => {},             // a frame from the server, an object with a string `type`
  connectedChanged: (on) => {},   // the socket opened for frames, or closed
  sessionEnded: () => {},         // the server no longer knows our session
};

export function setSocketHandlers(h) {
  Object.assign(handlers, h);
}

function socketUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${API}/socket`;
}

export function openSocket() {
  wantSocket = true;
  backoff = BACKOFF_MIN_MS;
  connectedOnce = false;
  connect();
}

function connect() {
  window.clearTimeout(reconnectTimer);
  window.clearInterval(countdownTimer);
  reconnectTimer = null;
  if (!wantSocket) return;
  setBanner(connectedOnce ? 'reconnecting' : 'connecting', connectedOnce ? 'Reconnecting…' : 'Connecting…');
  setConnected(false);
  let ws;
  try {
    ws = new WebSocket(socketUrl());
  } catch (e) {
    scheduleReconnect();
    return;
  }
  socket = ws;
  ws.addEventListener('message', (ev) => {
    if (socket !== ws) return;
    let msg;
    try { msg = JSON.parse(ev.data); } catch (e) { return; }
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    handlers.frame(msg);
  });
  ws.addEventListener('close', (ev) => {
    if (socket !== ws) return;
    socket = null;
    setConnected(false);
    if (!wantSocket) return;
    onSocketClosed(ev.code);
  });
}

async function onSocketClosed(code) {
  // 1008: refused (session gone, or Origin). Find out whether we are still signed in.
  if (code === 1008 || !connectedOnce) {
    try {
      const { status } = await api('/me');
      if (status === 401) {
        handlers.sessionEnded();
        return;
      }
    } catch (e) { /* unreachable: keep retrying */ }
  }
  scheduleReconnect();
}

function scheduleReconnect() {
  if (!wantSocket) return;
  const delay = Math.round(backoff * (0.8 + Math.random() * 0.4));
  backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
  reconnectAt = Date.now() + delay;
  reconnectTimer = window.setTimeout(connect, delay);
  const tick = () => {
    const s = Math.max(1, Math.ceil((reconnectAt - Date.now()) / 1000));
    setBanner('offline', `Connection lost. Reconnecting in ${s} s…`, true);
  };
  tick();
  window.clearInterval(countdownTimer);
  countdownTimer = window.setInterval(tick, 1000);
}

// The server's snapshot arrived: the connection is good, and the next loss starts the backoff
// from its minimum again.
export function markSynchronized() {
  connectedOnce = true;
  backoff = BACKOFF_MIN_MS;
  window.clearInterval(countdownTimer);
  hideBanner();
}

export function stopSocket() {
  wantSocket = false;
  window.clearTimeout(reconnectTimer);
  window.clearInterval(countdownTimer);
  if (socket) {
    const ws = socket;
    socket = null;
    try { ws.close(1000); } catch (e) { /* already closed */ }
  }
  setConnected(false);
}

export function isOpen() {
  return !!socket && socket.readyState === WebSocket.OPEN;
}

export function sendRaw(msg) {
  if (!isOpen()) return false;
  socket.send(JSON.stringify(msg));
  return true;
}

el.reconnectNow.addEventListener('click', () => {
  backoff = BACKOFF_MIN_MS;
  connect();
});

function setBanner(kind, text, offerRetry) {
  el.banner.dataset.state = kind;
  el.bannerText.textContent = text;
  el.reconnectNow.hidden = !offerRetry;
  el.banner.hidden = false;
}

export function hideBanner() {
  el.banner.hidden = true;
  el.banner.dataset.state = 'connected';
}

export function setConnected(on) {
  document.body.dataset.connected = on ? 'true' : 'false';
  handlers.connectedChanged(on);
}
