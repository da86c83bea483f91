// OWidget operator console: plain JavaScript, no framework, no build step.
//
// Everything that comes from the network is untrusted: it is checked for its type and put on the
// page with textContent only, never as HTML. The protocol is docs/protocol.md, section 6.
'use strict';

(function () {
  const API = '/v1/operator';
  // The protocol's limits come with the snapshot (its `limits`); until then nothing is cut
  // or refused here, and the server still checks.
  let maxText = Infinity;
  const TYPING_IDLE_MS = 5000;      // we stop "typing" after this long without a key press
  const VISITOR_TYPING_MS = 15000;  // the visitor's indicator fades if no stop arrives
  const BACKOFF_MIN_MS = 1000;
  const BACKOFF_MAX_MS = 30000;
  const AVAILABILITY = ['online', 'busy', 'away', 'offline'];
  const CHOSEN_KEY = 'owidget.console.availability'; // the operator's own choice, for this tab

  const $ = (id) => document.getElementById(id);
  const el = {
    loginView: $('login-view'), loginForm: $('login-form'), login: $('login'), password: $('password'),
    loginSubmit: $('login-submit'), loginError: $('login-error'),
    consoleView: $('console-view'), operatorBar: $('operator-bar'), operatorName: $('operator-name'),
    availability: $('availability'), availabilityDot: $('availability-dot'), logout: $('logout'),
    banner: $('connection-banner'), bannerText: $('connection-text'), reconnectNow: $('reconnect-now'),
    toast: $('toast'), announcer: $('announcer'),
    queue: $('queue'), queueCount: $('queue-count'), queueEmpty: $('queue-empty'),
    queueTemplate: $('queue-item-template'),
    conversationList: $('conversation-list'), conversationCount: $('conversation-count'),
    conversationsEmpty: $('conversations-empty'),
    placeholder: $('conversation-placeholder'), placeholderHint: $('placeholder-hint'),
    pane: $('conversation-pane'),
    title: $('conversation-title'), meta: $('conversation-meta'),
    details: $('visitor-details'), detailsBody: $('visitor-details-body'),
    transcript: $('transcript'), typing: $('typing-indicator'),
    composer: $('composer'), input: $('message-input'), send: $('send'),
    end: $('end-conversation'), close: $('close-conversation'), endedNote: $('conversation-ended'),
    offline: $('offline-messages'), offlineCount: $('offline-count'), offlineEmpty: $('offline-empty'),
    callbacks: $('callback-requests'), callbackCount: $('callback-count'), callbackEmpty: $('callback-empty'),
    ratings: $('ratings'), ratingsCount: $('ratings-count'), ratingsEmpty: $('ratings-empty'),
  };

  // ---- State ---------------------------------------------------------------------------------

  const state = {
    operator: null,           // {login, name, groups}
    availability: 'offline',
    queue: [],                // Q objects, sorted by position
    conversations: new Map(), // id -> Conversation (see makeConversation)
    order: [],                // conversation ids, in the order they were accepted
    selected: null,           // id of the conversation shown
    offline: [],              // O objects, newest first
    callbacks: [],            // R objects, newest first
    offlineMore: 0,           // older offline messages the snapshot left out
    callbacksMore: 0,         // older callback requests the snapshot left out
    ratings: [],              // RT objects, newest first
    ratingsMore: 0,           // older ratings the "ratings" message left out
  };

  let socket = null;
  let wantSocket = false;     // false after logout: no reconnect
  let backoff = BACKOFF_MIN_MS;
  let reconnectTimer = null;
  let reconnectAt = 0;
  let countdownTimer = null;
  let connectedOnce = false;
  let toastTimer = null;

  // ---- Small helpers -------------------------------------------------------------------------

  const str = (v) => (typeof v === 'string' ? v : '');
  const int = (v) => (Number.isInteger(v) ? v : null);
  const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
  // The protocol counts characters as code points; a string's length counts UTF-16 units.
  const codePoints = (s) => Array.from(s);
  const arr = (v) => (Array.isArray(v) ? v : []);

  function node(tag, className, text) {
    const n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function uuid() {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b); // available also where randomUUID is not (plain http off loopback)
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function parseTime(s) {
    const t = Date.parse(str(s));
    return Number.isNaN(t) ? null : t;
  }

  function clockTime(ms) {
    if (ms === null) return '';
    return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function waitingFor(ms) {
    if (ms === null) return '';
    const s = Math.max(0, Math.floor((Date.now() - ms) / 1000));
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min ${s % 60} s`;
    return `${Math.floor(m / 60)} h ${m % 60} min`;
  }

  function humanize(key) {
    const k = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
    return k ? k[0].toUpperCase() + k.slice(1) : '';
  }

  // A <dl> of an untrusted string map; values that are not strings are skipped.
  function definitionList(map, className) {
    const dl = node('dl', className || 'kv');
    for (const [k, v] of Object.entries(obj(map))) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
      const row = node('div', 'kv-row');
      row.append(node('dt', null, humanize(k)), node('dd', null, String(v)));
      dl.append(row);
    }
    return dl;
  }

  function visitorName(fields) {
    const f = obj(fields);
    return str(f.name).trim() || str(f.email).trim() || str(f.phone).trim() || 'Visitor';
  }

  function announce(text) {
    el.announcer.textContent = '';
    // A new text node in a live region is what screen readers pick up.
    window.setTimeout(() => { el.announcer.textContent = text; }, 50);
  }

  function showToast(text) {
    el.toast.textContent = text;
    el.toast.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => { el.toast.hidden = true; }, 6000);
  }

  async function api(path, body) {
    const init = { method: body === undefined ? 'GET' : 'POST', credentials: 'same-origin', headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(API + path, init);
    let data = null;
    if (res.status !== 204) {
      try { data = await res.json(); } catch (e) { data = null; }
    }
    return { status: res.status, data: obj(data) };
  }

  // ---- Views ---------------------------------------------------------------------------------

  function showLogin(message) {
    el.consoleView.hidden = true;
    el.operatorBar.hidden = true;
    el.loginView.hidden = false;
    el.loginError.hidden = !message;
    el.loginError.textContent = message || '';
    el.loginSubmit.disabled = false;
    hideBanner();
    document.title = 'OWidget Console';
    el.login.focus();
  }

  function showConsole() {
    el.loginView.hidden = true;
    el.consoleView.hidden = false;
    el.operatorBar.hidden = false;
    el.operatorName.textContent = state.operator ? (str(state.operator.name) || str(state.operator.login)) : '';
    renderAll();
  }

  function setOperator(op) {
    const o = obj(op);
    state.operator = { login: str(o.login), name: str(o.name), groups: arr(o.groups).filter((g) => typeof g === 'string') };
    if (AVAILABILITY.includes(o.availability)) setAvailability(o.availability);
    el.operatorName.textContent = state.operator.name || state.operator.login;
    el.operatorName.title = state.operator.groups.length ? `Groups: ${state.operator.groups.join(', ')}` : '';
  }

  function setAvailability(s) {
    if (!AVAILABILITY.includes(s)) return;
    state.availability = s;
    el.placeholderHint.textContent = s === 'online'
      ? 'Accept a visitor from the queue to start a conversation.'
      : 'Set yourself online, then accept a visitor from the queue.';
    el.availability.value = s;
    el.availabilityDot.dataset.state = s;
    el.availability.dataset.state = s;
  }

  // ---- Login and logout ----------------------------------------------------------------------

  el.loginForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const login = el.login.value.trim();
    const password = el.password.value;
    if (!login || !password) {
      el.loginError.textContent = 'Enter your login and password.';
      el.loginError.hidden = false;
      return;
    }
    el.loginSubmit.disabled = true;
    el.loginError.hidden = true;
    try {
      const { status, data } = await api('/login', { login, password });
      if (status === 200) {
        el.password.value = '';
        setOperator(data.operator);
        startSession();
        return;
      }
      if (status === 401) el.loginError.textContent = 'Wrong login or password.';
      else if (status === 429) el.loginError.textContent = 'Too many attempts. Wait a moment and try again.';
      else el.loginError.textContent = str(obj(data.error).message) || `The server answered ${status}.`;
    } catch (err) {
      el.loginError.textContent = 'The server cannot be reached. Check the connection and try again.';
    }
    el.loginError.hidden = false;
    el.loginSubmit.disabled = false;
    el.password.focus();
    el.password.select();
  });

  el.logout.addEventListener('click', async () => {
    stopSocket();
    try { await api('/logout', {}); } catch (e) { /* the session ends on the server anyway */ }
    resetState();
    showLogin('');
  });

  // What the operator last chose in this tab. A server restart forgets it; the console sets it
  // again after reconnecting, so that the operator is never silently offline.
  function chosenAvailability() {
    try { return sessionStorage.getItem(CHOSEN_KEY) || ''; } catch (e) { return ''; }
  }

  function rememberAvailability(s) {
    try {
      if (s) sessionStorage.setItem(CHOSEN_KEY, s);
      else sessionStorage.removeItem(CHOSEN_KEY);
    } catch (e) { /* storage off: nothing is restored */ }
  }

  function resetState() {
    rememberAvailability('');
    state.operator = null;
    state.queue = [];
    state.conversations.clear();
    state.order = [];
    state.selected = null;
    state.offline = [];
    state.callbacks = [];
    state.ratings = [];
    setAvailability('offline');
  }

  function startSession() {
    showConsole();
    wantSocket = true;
    backoff = BACKOFF_MIN_MS;
    connectedOnce = false;
    connect();
  }

  // ---- The socket ----------------------------------------------------------------------------

  function socketUrl() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}${API}/socket`;
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
      handle(msg);
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
          stopSocket();
          resetState();
          showLogin('Your session has ended. Sign in again.');
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

  function stopSocket() {
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

  function sendRaw(msg) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
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

  function hideBanner() {
    el.banner.hidden = true;
    el.banner.dataset.state = 'connected';
  }

  function setConnected(on) {
    document.body.dataset.connected = on ? 'true' : 'false';
    el.availability.disabled = !on;
    updateComposer();
    for (const b of el.queue.querySelectorAll('[data-testid=accept]')) b.disabled = !on;
  }

  // ---- Incoming messages ---------------------------------------------------------------------

  function handle(msg) {
    switch (msg.type) {
      case 'snapshot': return onSnapshot(msg);
      case 'queue': state.queue = normalizeQueue(msg.queue); return renderQueue();
      case 'queued': return onQueued(msg.entry);
      case 'dequeued': return onDequeued(msg);
      case 'conversation': return onConversation(msg.conversation, true);
      case 'event': return onEvent(str(msg.conversation), msg.event);
      case 'events': return onHistory(str(msg.conversation), msg.events);
      case 'ack': return onAck(msg);
      case 'typing': return onTyping(str(msg.conversation), msg.active === true);
      case 'read': return onVisitorRead(str(msg.conversation), int(msg.seq));
      case 'offlineMessage': return onInboxItem(state.offline, msg.item, 'New offline message');
      case 'callbackRequest': return onInboxItem(state.callbacks, msg.item, 'New callback request');
      case 'ratings': return onRatings(msg);
      case 'rated': return onRated(msg.item);
      case 'availability':
        setAvailability(msg.state);
        return;
      case 'error': return onError(msg);
      default: return; // a type we do not know: ignored, as the protocol asks
    }
  }

  function onSnapshot(msg) {
    connectedOnce = true;
    backoff = BACKOFF_MIN_MS;
    window.clearInterval(countdownTimer);
    hideBanner();
    if (msg.operator) setOperator(msg.operator);
    const textLength = int(obj(msg.limits).textLength);
    if (textLength !== null && textLength > 0) maxText = textLength;
    if (AVAILABILITY.includes(msg.availability)) setAvailability(msg.availability);
    const chosen = chosenAvailability();
    const restore = AVAILABILITY.includes(chosen) && chosen !== state.availability;
    state.queue = normalizeQueue(msg.queue);

    // The snapshot is the truth; keep what we have not had acknowledged yet and send it again.
    const previous = state.conversations;
    state.conversations = new Map();
    state.order = [];
    for (const c of arr(msg.conversations)) onConversation(c, false, previous.get(str(obj(c).id)));
    // Conversations the server no longer lists for us have ended (perhaps while we were away);
    // they stay readable until the operator closes them.
    for (const [id, conv] of previous) {
      if (state.conversations.has(id)) continue;
      conv.state = 'ended';
      for (const p of conv.pending) p.state = 'failed';
      setVisitorTyping(conv, false);
      state.conversations.set(id, conv);
      state.order.push(id);
    }
    if (!state.conversations.has(state.selected)) state.selected = state.order[0] || null;

    state.offline = arr(msg.offlineMessages).map(normalizeInbox).filter(Boolean).sort(newestFirst);
    state.callbacks = arr(msg.callbackRequests).map(normalizeInbox).filter(Boolean).sort(newestFirst);
    // The snapshot holds the newest only; it says how many older ones there are.
    state.offlineMore = Math.max(0, int(msg.offlineMessagesMore) ?? 0);
    state.callbacksMore = Math.max(0, int(msg.callbackRequestsMore) ?? 0);
    setConnected(true);
    if (restore) {
      sendRaw({ type: 'availability', state: chosen });
      el.availabilityDot.dataset.state = chosen; // confirmed by the server's "availability"
    }
    renderAll();
    resendPending();
  }

  function normalizeQueue(q) {
    return arr(q).map(obj).filter((x) => str(x.id)).map((x) => ({
      id: str(x.id), group: str(x.group), position: int(x.position), created: parseTime(x.created),
      language: str(x.language), fields: obj(x.fields), customData: obj(x.customData),
    })).sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9));
  }

  // The server sends what changed in the queue, not the whole queue each time.
  function onQueued(raw) {
    const [entry] = normalizeQueue([raw]);
    if (!entry || state.queue.some((q) => q.id === entry.id)) return;
    state.queue.push(entry);
    state.queue.sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9));
    renderQueue();
  }

  // The one that left may be gone already (the operator's own accept removes it at once): the
  // message itself says where it was.
  function onDequeued(msg) {
    const id = str(msg.conversation);
    const gone = state.queue.find((q) => q.id === id);
    const group = str(msg.group) || (gone ? gone.group : '');
    const position = int(msg.position) ?? (gone ? gone.position : null);
    state.queue = state.queue.filter((q) => q.id !== id);
    // Those behind it in its group moved up by one.
    if (position !== null) {
      for (const q of state.queue) {
        if (q.group === group && q.position !== null && q.position > position) q.position -= 1;
      }
    }
    renderQueue();
  }

  function normalizeInbox(x) {
    const o = obj(x);
    if (o.id === undefined || o.id === null) return null;
    return { id: String(o.id), created: parseTime(o.created), fields: obj(o.fields), text: str(o.text), phone: str(o.phone) };
  }

  const newestFirst = (a, b) => (b.created || 0) - (a.created || 0);

  function makeConversation(c) {
    return {
      id: str(c.id), state: str(c.state) || 'active', fields: obj(c.fields), customData: obj(c.customData),
      language: str(c.language), group: str(c.group),
      events: [],            // sequenced events, by seq
      seqs: new Set(),
      pending: [],           // our messages not yet acknowledged: {clientId, text, time, state}
      visitorTyping: false, typingTimer: null, unread: 0,
      draft: '', typingSent: false, typingIdleTimer: null,
      // Read marks: the visitor's (what "Seen" shows) and the latest of ours the server was sent.
      visitorRead: Math.max(0, int(c.visitorRead) ?? 0), operatorReadSent: 0,
    };
  }

  function onConversation(raw, fresh, previous) {
    const c = obj(raw);
    const id = str(c.id);
    if (!id) return;
    const conv = makeConversation(c);
    if (previous) {
      conv.pending = previous.pending.filter((p) => p.state !== 'delivered');
      conv.draft = previous.draft;
      conv.unread = previous.unread;
    } else if (state.conversations.has(id)) {
      const old = state.conversations.get(id);
      conv.pending = old.pending;
      conv.draft = old.draft;
    }
    for (const e of arr(c.events)) addEvent(conv, e);
    if (conv.events.some((e) => e.type === 'ended')) conv.state = 'ended';
    state.conversations.set(id, conv);
    if (!state.order.includes(id)) state.order.push(id);
    if (fresh) {
      state.selected = id;
      state.queue = state.queue.filter((q) => q.id !== id);
      renderAll();
      announce(`Conversation with ${visitorName(conv.fields)} started`);
      el.input.focus();
    }
  }

  // Adds a sequenced event unless its seq was seen; returns it, or null for a duplicate or junk.
  function addEvent(conv, raw) {
    const e = obj(raw);
    const seq = int(e.seq);
    const type = str(e.type);
    if (seq === null || !type || conv.seqs.has(seq)) return null;
    const ev = {
      seq, type, time: parseTime(e.time), from: str(e.from), name: str(e.name),
      text: codePoints(str(e.text)).slice(0, maxText).join(''), by: str(e.by), operator: str(e.operator), clientId: str(e.clientId),
    };
    conv.seqs.add(seq);
    // Our own message confirmed by an event (e.g. after a reconnect): the pending copy goes.
    if (ev.clientId) conv.pending = conv.pending.filter((p) => p.clientId !== ev.clientId);
    let i = conv.events.length;
    while (i > 0 && conv.events[i - 1].seq > seq) i--;
    conv.events.splice(i, 0, ev);
    if (type === 'ended') conv.state = 'ended';
    return ev;
  }

  function onEvent(id, raw) {
    const conv = state.conversations.get(id);
    if (!conv) return;
    const ev = addEvent(conv, raw);
    if (!ev) return;
    if (ev.type === 'message' && ev.from === 'visitor') setVisitorTyping(conv, false);
    if (ev.type === 'ended') {
      setVisitorTyping(conv, false);
      stopOwnTyping(conv);
    }
    const visible = state.selected === id && !document.hidden;
    if (!visible && (ev.type === 'message' || ev.type === 'ended')) conv.unread++;
    // The transcript is redrawn as a whole, so it is not a live region itself; this one speaks.
    const who = visitorName(conv.fields);
    if (ev.type === 'message' && ev.from === 'visitor') {
      announce(state.selected === id ? `${who}: ${ev.text}` : `New message from ${who}`);
    } else if (ev.type === 'ended') {
      announce(`The conversation with ${who} has ended`);
    }
    if (state.selected === id) renderTranscript(conv);
    if (state.selected === id) renderConversationChrome(conv);
    renderConversationList();
    updateTitle();
  }

  // Earlier events of a conversation that came with its newest only: history, so nothing is
  // announced or counted unread.
  function onHistory(id, events) {
    const conv = state.conversations.get(id);
    if (!conv) return;
    for (const e of arr(events)) addEvent(conv, e);
    if (state.selected === id) renderTranscript(conv);
  }

  function onAck(msg) {
    const clientId = str(msg.clientId);
    const seq = int(msg.seq);
    for (const conv of state.conversations.values()) {
      const p = conv.pending.find((x) => x.clientId === clientId);
      if (!p) continue;
      conv.pending = conv.pending.filter((x) => x !== p);
      if (seq !== null && !conv.seqs.has(seq)) {
        conv.seqs.add(seq);
        const ev = {
          seq, type: 'message', time: parseTime(msg.time) ?? p.time, from: 'operator',
          name: state.operator ? state.operator.name : '', text: p.text, by: '', operator: '', clientId,
        };
        let i = conv.events.length;
        while (i > 0 && conv.events[i - 1].seq > seq) i--;
        conv.events.splice(i, 0, ev);
      }
      if (state.selected === conv.id) renderTranscript(conv);
      renderConversationList();
      return;
    }
  }

  function onTyping(id, active) {
    const conv = state.conversations.get(id);
    if (!conv) return;
    setVisitorTyping(conv, active);
  }

  function setVisitorTyping(conv, active) {
    window.clearTimeout(conv.typingTimer);
    conv.visitorTyping = active && conv.state !== 'ended';
    if (conv.visitorTyping) {
      conv.typingTimer = window.setTimeout(() => setVisitorTyping(conv, false), VISITOR_TYPING_MS);
    }
    if (state.selected === conv.id) {
      const t = el.transcript;
      const atBottom = t.scrollHeight - t.scrollTop - t.clientHeight < 40;
      el.typing.hidden = !conv.visitorTyping;
      if (atBottom) t.scrollTop = t.scrollHeight; // the indicator takes room from the transcript
    }
    renderConversationList();
  }

  function onInboxItem(list, raw, label) {
    const item = normalizeInbox(raw);
    if (!item || list.some((x) => x.id === item.id)) return;
    list.unshift(item);
    renderInbox();
    announce(label);
  }

  function onError(msg) {
    const code = str(msg.code);
    const message = str(msg.message) || code || 'Something went wrong.';
    const clientId = str(msg.clientId);
    if (clientId) {
      for (const conv of state.conversations.values()) {
        const p = conv.pending.find((x) => x.clientId === clientId);
        if (p) {
          p.state = 'failed';
          p.error = message;
          if (state.selected === conv.id) renderTranscript(conv);
        }
      }
    }
    if (code === 'unauthorized') {
      stopSocket();
      resetState();
      showLogin('Your session has ended. Sign in again.');
      return;
    }
    // Accept buttons that were waiting for an answer can be used again.
    for (const b of el.queue.querySelectorAll('[data-testid=accept]')) b.disabled = false;
    showToast(message);
  }

  // ---- Outgoing ------------------------------------------------------------------------------

  el.availability.addEventListener('change', () => {
    const wanted = el.availability.value;
    if (!sendRaw({ type: 'availability', state: wanted })) {
      setAvailability(state.availability);
      showToast('Not connected: your availability is unchanged.');
      return;
    }
    rememberAvailability(wanted);
    el.availabilityDot.dataset.state = wanted; // confirmed by the server's "availability"
  });

  function accept(id, button) {
    if (sendRaw({ type: 'accept', conversation: id })) {
      button.disabled = true;
      button.textContent = 'Accepting…';
    }
  }

  function sendMessage() {
    const conv = state.conversations.get(state.selected);
    if (!conv || conv.state === 'ended') return;
    const text = el.input.value.trim();
    if (!text) return;
    if (codePoints(text).length > maxText) {
      showToast(`A message can have at most ${maxText} characters.`);
      return;
    }
    const p = { clientId: uuid(), text, time: Date.now(), state: 'sending' };
    conv.pending.push(p);
    sendRaw({ type: 'message', conversation: conv.id, clientId: p.clientId, text });
    stopOwnTyping(conv);
    el.input.value = '';
    conv.draft = '';
    renderTranscript(conv);
    renderConversationList();
  }

  function resendPending() {
    for (const conv of state.conversations.values()) {
      if (conv.state === 'ended') {
        for (const p of conv.pending) p.state = 'failed';
        continue;
      }
      for (const p of conv.pending) {
        p.state = 'sending';
        sendRaw({ type: 'message', conversation: conv.id, clientId: p.clientId, text: p.text });
      }
    }
    const conv = state.conversations.get(state.selected);
    if (conv) renderTranscript(conv);
  }

  function retry(conv, p) {
    p.state = 'sending';
    p.error = '';
    sendRaw({ type: 'message', conversation: conv.id, clientId: p.clientId, text: p.text });
    renderTranscript(conv);
  }

  function noteOwnTyping(conv) {
    if (conv.state === 'ended') return;
    window.clearTimeout(conv.typingIdleTimer);
    if (!el.input.value.trim()) {
      stopOwnTyping(conv);
      return;
    }
    if (!conv.typingSent) {
      conv.typingSent = sendRaw({ type: 'typing', conversation: conv.id, active: true });
    }
    conv.typingIdleTimer = window.setTimeout(() => stopOwnTyping(conv), TYPING_IDLE_MS);
  }

  function stopOwnTyping(conv) {
    window.clearTimeout(conv.typingIdleTimer);
    if (conv.typingSent) {
      sendRaw({ type: 'typing', conversation: conv.id, active: false });
      conv.typingSent = false;
    }
  }

  el.composer.addEventListener('submit', (e) => {
    e.preventDefault();
    sendMessage();
  });

  el.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      sendMessage();
    }
  });

  el.input.addEventListener('input', () => {
    const conv = state.conversations.get(state.selected);
    if (!conv) return;
    conv.draft = el.input.value;
    noteOwnTyping(conv);
  });

  el.end.addEventListener('click', () => {
    const conv = state.conversations.get(state.selected);
    if (!conv || conv.state === 'ended') return;
    stopOwnTyping(conv);
    if (sendRaw({ type: 'end', conversation: conv.id })) el.end.disabled = true;
  });

  el.close.addEventListener('click', () => {
    const id = state.selected;
    state.conversations.delete(id);
    state.order = state.order.filter((x) => x !== id);
    state.selected = state.order[state.order.length - 1] || null;
    renderAll();
  });

  function select(id) {
    const old = state.conversations.get(state.selected);
    if (old) old.draft = el.input.value;
    state.selected = id;
    const conv = state.conversations.get(id);
    if (conv) conv.unread = 0;
    renderConversation();
    renderConversationList();
    updateTitle();
  }

  // ---- Read marks (docs/protocol.md, `read`) ---------------------------------------------------

  // The visitor's mark moved: "Seen" goes under our last message it covers.
  function onVisitorRead(id, seq) {
    const conv = state.conversations.get(id);
    if (!conv || seq === null || seq <= conv.visitorRead) return;
    conv.visitorRead = seq;
    if (state.selected === id) renderTranscript(conv);
  }

  // The seq of our last message the visitor has read; null when none.
  function seenSeq(conv) {
    for (let i = conv.events.length - 1; i >= 0; i--) {
      const e = conv.events[i];
      if (e.type === 'message' && e.from === 'operator' && e.seq <= conv.visitorRead) return e.seq;
    }
    return null;
  }

  // Our mark goes when we really see the conversation: open, the tab visible, the transcript
  // scrolled to its end. One frame per new mark; after a reconnect the latest goes again.
  function reportRead() {
    const conv = state.conversations.get(state.selected);
    if (!conv || !conv.events.length || document.visibilityState !== 'visible') return;
    const t = el.transcript;
    if (t.scrollHeight - t.scrollTop - t.clientHeight >= 40) return;
    const seq = conv.events[conv.events.length - 1].seq;
    if (seq <= conv.operatorReadSent) return;
    if (sendRaw({ type: 'read', conversation: conv.id, seq })) conv.operatorReadSent = seq;
  }

  el.transcript.addEventListener('scroll', reportRead);
  document.addEventListener('visibilitychange', reportRead);

  document.addEventListener('visibilitychange', () => {
    const conv = state.conversations.get(state.selected);
    if (!document.hidden && conv && conv.unread) {
      conv.unread = 0;
      renderConversationList();
      updateTitle();
    }
  });

  // ---- Rendering -----------------------------------------------------------------------------

  function renderAll() {
    renderQueue();
    renderConversationList();
    renderConversation();
    renderInbox();
    renderRatings();
    updateTitle();
  }

  function renderQueue() {
    const focusedId = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest('[data-testid=queue-item]')?.dataset.id;
    el.queue.replaceChildren();
    const connected = !!socket && socket.readyState === WebSocket.OPEN;
    for (const q of state.queue) {
      const li = el.queueTemplate.content.firstElementChild.cloneNode(true);
      li.dataset.id = q.id;
      li.querySelector('.queue-position').textContent = q.position !== null ? String(q.position) : '–';
      li.querySelector('.queue-position').title = 'Place in the queue';
      li.querySelector('.queue-name').textContent = visitorName(q.fields);
      const lang = li.querySelector('.queue-lang');
      lang.textContent = q.language ? q.language.toUpperCase() : '';
      lang.title = q.language ? `Language: ${q.language}` : '';
      lang.hidden = !q.language;
      const wait = li.querySelector('.queue-wait');
      wait.dataset.created = q.created !== null ? String(q.created) : '';
      wait.textContent = waitLabel(q);
      const data = li.querySelector('.queue-data');
      const fields = Object.entries(q.fields).filter(([k]) => k !== 'name');
      if (fields.length) data.append(definitionList(Object.fromEntries(fields)));
      if (Object.keys(q.customData).length) {
        const sub = node('p', 'kv-caption', 'Custom data');
        data.append(sub, definitionList(q.customData, 'kv kv-custom'));
      }
      const button = li.querySelector('[data-testid=accept]');
      button.disabled = !connected;
      button.setAttribute('aria-label', `Accept ${visitorName(q.fields)}`);
      button.addEventListener('click', () => accept(q.id, button));
      el.queue.append(li);
      if (focusedId === q.id) button.focus();
    }
    el.queueCount.textContent = String(state.queue.length);
    el.queueEmpty.hidden = state.queue.length > 0;
    updateTitle();
  }

  function waitLabel(q) {
    const parts = [];
    if (q.created !== null) parts.push(`waiting ${waitingFor(q.created)}`);
    if (q.group) parts.push(q.group);
    return parts.join(' · ');
  }

  // The waiting times tick without rebuilding the list.
  window.setInterval(() => {
    for (const li of el.queue.children) {
      const q = state.queue.find((x) => x.id === li.dataset.id);
      if (q) li.querySelector('.queue-wait').textContent = waitLabel(q);
    }
  }, 1000);

  function lastLine(conv) {
    if (conv.pending.length) return `You: ${conv.pending[conv.pending.length - 1].text}`;
    for (let i = conv.events.length - 1; i >= 0; i--) {
      const e = conv.events[i];
      if (e.type === 'message') return (e.from === 'operator' ? 'You: ' : '') + e.text;
      if (e.type === 'ended') return 'Ended';
    }
    return 'Started';
  }

  function renderConversationList() {
    el.conversationList.replaceChildren();
    for (const id of state.order) {
      const conv = state.conversations.get(id);
      if (!conv) continue;
      const li = node('li', 'conversation-tab');
      li.setAttribute('role', 'tab');
      li.tabIndex = id === state.selected ? 0 : -1;
      li.dataset.testid = 'conversation-tab';
      li.dataset.id = id;
      li.dataset.state = conv.state;
      li.setAttribute('aria-selected', id === state.selected ? 'true' : 'false');
      li.setAttribute('aria-controls', 'conversation-pane');
      const head = node('div', 'conversation-tab-head');
      head.append(node('span', 'conversation-tab-name', visitorName(conv.fields)));
      if (conv.state === 'ended') head.append(node('span', 'pill pill-muted', 'ended'));
      if (conv.unread) {
        const badge = node('span', 'badge', String(conv.unread));
        badge.setAttribute('aria-label', `${conv.unread} unread`);
        head.append(badge);
      }
      const line = conv.visitorTyping
        ? node('span', 'conversation-tab-line typing-text', 'typing…')
        : node('span', 'conversation-tab-line', lastLine(conv));
      li.append(head, line);
      li.addEventListener('click', () => select(id));
      li.addEventListener('keydown', (e) => {
        const i = state.order.indexOf(id);
        let next = null;
        if (e.key === 'ArrowDown') next = state.order[i + 1];
        if (e.key === 'ArrowUp') next = state.order[i - 1];
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(id); el.input.focus(); return; }
        if (next) {
          e.preventDefault();
          select(next);
          el.conversationList.querySelector(`[data-id="${CSS.escape(next)}"]`)?.focus();
        }
      });
      el.conversationList.append(li);
    }
    const n = state.order.length;
    el.conversationCount.textContent = String(n);
    el.conversationsEmpty.hidden = n > 0;
  }

  function renderConversation() {
    const conv = state.conversations.get(state.selected);
    el.placeholder.hidden = !!conv;
    el.pane.hidden = !conv;
    if (!conv) return;
    el.title.textContent = visitorName(conv.fields);
    el.detailsBody.replaceChildren();
    const hasFields = Object.keys(conv.fields).length > 0;
    const hasCustom = Object.keys(conv.customData).length > 0;
    if (hasFields) el.detailsBody.append(definitionList(conv.fields));
    if (hasCustom) el.detailsBody.append(node('p', 'kv-caption', 'Custom data'), definitionList(conv.customData, 'kv kv-custom'));
    el.details.hidden = !hasFields && !hasCustom;
    el.input.value = conv.draft;
    el.typing.hidden = !conv.visitorTyping;
    renderConversationChrome(conv);
    renderTranscript(conv);
  }

  function renderConversationChrome(conv) {
    const meta = [];
    const f = conv.fields;
    if (str(f.email)) meta.push(str(f.email));
    if (str(f.phone)) meta.push(str(f.phone));
    if (conv.language) meta.push(conv.language.toUpperCase());
    el.meta.textContent = meta.join(' · ');
    const ended = conv.state === 'ended';
    el.end.hidden = ended;
    el.end.disabled = false;
    el.close.hidden = !ended;
    el.endedNote.hidden = !ended;
    if (ended) {
      const e = conv.events.find((x) => x.type === 'ended');
      const by = e ? e.by : '';
      el.endedNote.textContent = by === 'visitor' ? 'The visitor ended this conversation.'
        : by === 'operator' ? 'You ended this conversation.' : 'This conversation has ended.';
      el.typing.hidden = true;
    }
    el.pane.dataset.state = conv.state;
    updateComposer();
  }

  function updateComposer() {
    const conv = state.conversations.get(state.selected);
    const ended = !conv || conv.state === 'ended';
    el.composer.hidden = ended && !!conv;
    el.input.disabled = ended;
    el.send.disabled = ended; // while disconnected, a message waits as "sending" and goes on reconnect
  }

  function renderTranscript(conv) {
    const atBottom = el.transcript.scrollHeight - el.transcript.scrollTop - el.transcript.clientHeight < 40;
    const items = [];
    let lastDay = '';
    const entries = conv.events.map((e) => ({ kind: 'event', e }))
      .concat(conv.pending.map((p) => ({ kind: 'pending', p })));
    for (const entry of entries) {
      const t = entry.kind === 'event' ? entry.e.time : entry.p.time;
      const day = t !== null ? new Date(t).toDateString() : '';
      if (day && day !== lastDay && lastDay) {
        items.push(node('li', 'day-separator', new Date(t).toLocaleDateString()));
      }
      if (day) lastDay = day;
      items.push(entry.kind === 'event' ? eventItem(conv, entry.e) : pendingItem(conv, entry.p));
    }
    const rating = ratingOf(conv.id);
    if (rating) items.push(ratingEventItem(rating));
    el.transcript.replaceChildren(...items);
    if (atBottom || items.length < 3) el.transcript.scrollTop = el.transcript.scrollHeight;
    reportRead();
  }

  function eventItem(conv, e) {
    if (e.type === 'message') {
      const own = e.from === 'operator';
      const author = own ? (e.name || (state.operator && state.operator.name) || 'You') : visitorName(conv.fields);
      return messageItem({
        from: own ? 'operator' : 'visitor', author, text: e.text, time: e.time, seq: e.seq,
        clientId: e.clientId, state: own ? 'delivered' : '', seen: own && e.seq === seenSeq(conv),
      });
    }
    let text = '';
    if (e.type === 'joined') text = `${e.operator || e.name || 'An operator'} joined the conversation`;
    else if (e.type === 'ended') {
      text = e.by === 'visitor' ? 'The visitor ended the conversation'
        : e.by === 'operator' ? 'The conversation was ended by the operator' : 'The conversation ended';
    } else text = humanize(e.type);
    const li = node('li', 'system-event');
    li.dataset.testid = 'system-event';
    li.dataset.type = e.type;
    li.dataset.seq = String(e.seq);
    li.append(node('span', null, text));
    if (e.time !== null) li.append(node('time', 'system-time', clockTime(e.time)));
    return li;
  }

  function pendingItem(conv, p) {
    const li = messageItem({
      from: 'operator', author: (state.operator && state.operator.name) || 'You', text: p.text, time: p.time,
      seq: null, clientId: p.clientId, state: p.state,
    });
    if (p.state === 'failed') {
      const retryButton = node('button', 'button button-small button-link', 'Send again');
      retryButton.type = 'button';
      retryButton.addEventListener('click', () => retry(conv, p));
      li.querySelector('.message-status').append(' ', retryButton);
      if (p.error) li.title = p.error;
    }
    return li;
  }

  function messageItem(m) {
    const li = node('li', `message message-${m.from}`);
    li.dataset.testid = 'message';
    li.dataset.from = m.from;
    if (m.seq !== null) li.dataset.seq = String(m.seq);
    if (m.clientId) li.dataset.clientId = m.clientId;
    if (m.state) li.dataset.state = m.state;
    const bubble = node('div', 'bubble');
    const head = node('div', 'message-head');
    head.append(node('span', 'message-author', m.author));
    if (m.time !== null) {
      const t = node('time', 'message-time', clockTime(m.time));
      t.dateTime = new Date(m.time).toISOString();
      head.append(t);
    }
    const text = node('p', 'message-text', m.text);
    text.dataset.testid = 'message-text';
    bubble.append(head, text);
    li.append(bubble);
    if (m.from === 'operator') {
      const label = m.state === 'sending' ? 'Sending…' : m.state === 'failed' ? 'Not sent.' : 'Delivered';
      const s = node('span', 'message-status', label);
      s.dataset.testid = 'message-status';
      li.append(s);
    }
    if (m.seen) {
      const seen = node('span', 'message-seen', 'Seen');
      seen.dataset.testid = 'message-seen';
      li.append(seen);
    }
    return li;
  }

  function inboxItem(item, kind) {
    const li = node('li', 'inbox-item');
    li.dataset.testid = kind;
    li.dataset.id = item.id;
    const head = node('div', 'inbox-head');
    head.append(node('span', 'inbox-name', visitorName(item.fields)));
    if (item.created !== null) {
      const t = node('time', 'inbox-time', new Date(item.created).toLocaleString([], {
        day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
      }));
      t.dateTime = new Date(item.created).toISOString();
      head.append(t);
    }
    li.append(head);
    if (kind === 'callback-request' && item.phone) {
      const a = node('a', 'inbox-phone', item.phone);
      a.href = `tel:${item.phone.replace(/[^0-9+]/g, '')}`;
      li.append(a);
    }
    const fields = Object.entries(item.fields).filter(([k]) => k !== 'name');
    if (fields.length) li.append(definitionList(Object.fromEntries(fields), 'kv kv-compact'));
    if (item.text) li.append(node('p', 'inbox-text', item.text));
    return li;
  }

  function renderInbox() {
    const more = (count, testid) => {
      const li = node('li', 'inbox-more', `${count} older not shown`);
      li.dataset.testid = testid;
      return count > 0 ? [li] : [];
    };
    el.offline.replaceChildren(...state.offline.map((x) => inboxItem(x, 'offline-message')),
      ...more(state.offlineMore, 'offline-more'));
    el.callbacks.replaceChildren(...state.callbacks.map((x) => inboxItem(x, 'callback-request')),
      ...more(state.callbacksMore, 'callback-more'));
    el.offlineCount.textContent = String(state.offline.length + state.offlineMore);
    el.callbackCount.textContent = String(state.callbacks.length + state.callbacksMore);
    el.offlineEmpty.hidden = state.offline.length > 0;
    el.callbackEmpty.hidden = state.callbacks.length > 0;
  }

  // ---- Ratings (docs/protocol.md, section 6: "ratings" and "rated") ---------------------------

  function normalizeRating(x) {
    const o = obj(x);
    const conversation = str(o.conversation);
    const score = int(o.score);
    if (!conversation || score === null) return null;
    return {
      conversation, created: parseTime(o.created), kind: str(o.kind) === 'thumbs' ? 'thumbs' : 'stars',
      score, comment: str(o.comment), operator: str(o.operator), fields: obj(o.fields),
    };
  }

  // What a rating says, in words and in signs.
  function ratingWords(r) {
    if (r.kind === 'thumbs') return r.score === 1 ? 'Satisfied' : 'Not satisfied';
    return `${r.score} of 5 stars`;
  }
  function ratingSigns(r) {
    if (r.kind === 'thumbs') return r.score === 1 ? '\u{1F44D}' : '\u{1F44E}';
    return '\u2605'.repeat(Math.max(0, Math.min(5, r.score))) + '\u2606'.repeat(Math.max(0, 5 - r.score));
  }

  function ratingOf(id) {
    return state.ratings.find((r) => r.conversation === id) || null;
  }

  function onRatings(msg) {
    state.ratings = arr(msg.items).map(normalizeRating).filter(Boolean).sort(newestFirst);
    state.ratingsMore = Math.max(0, int(msg.more) ?? 0);
    renderRatings();
    if (state.conversations.has(state.selected)) renderConversation();
  }

  function onRated(raw) {
    const r = normalizeRating(raw);
    if (!r || ratingOf(r.conversation)) return;
    state.ratings.unshift(r);
    renderRatings();
    if (r.conversation === state.selected) renderConversation();
    announce(`${visitorName(r.fields)} rated the conversation: ${ratingWords(r)}`);
  }

  function scoreNode(r) {
    const s = node('span', 'rating-score', ratingSigns(r));
    s.dataset.kind = r.kind;
    s.dataset.score = String(r.score);
    s.setAttribute('role', 'img');
    s.setAttribute('aria-label', ratingWords(r));
    return s;
  }

  function ratingItem(r) {
    const li = node('li', 'inbox-item');
    li.dataset.testid = 'rating';
    li.dataset.conversation = r.conversation;
    const head = node('div', 'inbox-head');
    head.append(node('span', 'inbox-name', visitorName(r.fields)));
    if (r.created !== null) {
      const t = node('time', 'inbox-time', new Date(r.created).toLocaleString([], {
        day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
      }));
      t.dateTime = new Date(r.created).toISOString();
      head.append(t);
    }
    li.append(head, scoreNode(r));
    if (r.operator) li.append(node('p', 'kv-caption', `Answered by ${r.operator}`));
    if (r.comment) li.append(node('p', 'inbox-text', r.comment));
    return li;
  }

  function renderRatings() {
    const more = state.ratingsMore > 0 ? [node('li', 'inbox-more', `${state.ratingsMore} older not shown`)] : [];
    el.ratings.replaceChildren(...state.ratings.map(ratingItem), ...more);
    el.ratingsCount.textContent = String(state.ratings.length + state.ratingsMore);
    el.ratingsEmpty.hidden = state.ratings.length > 0;
  }

  // The rating at the end of a conversation's transcript, once the visitor gave one.
  function ratingEventItem(r) {
    const li = node('li', 'system-event rating-event');
    li.dataset.testid = 'rating-event';
    li.append(node('span', '', 'The visitor rated the conversation: '), scoreNode(r),
      node('span', '', ` ${ratingWords(r)}`));
    if (r.comment) li.append(node('p', 'inbox-text', r.comment));
    return li;
  }

  function updateTitle() {
    let unread = 0;
    for (const c of state.conversations.values()) unread += c.unread;
    const waiting = state.queue.length;
    const parts = [];
    if (unread) parts.push(`(${unread})`);
    if (waiting) parts.push(`${waiting} waiting ·`);
    parts.push('OWidget Console');
    document.title = parts.join(' ');
  }

  // ---- Start ---------------------------------------------------------------------------------

  (async function start() {
    try {
      const { status, data } = await api('/me');
      if (status === 200) {
        setOperator(data.operator);
        startSession();
        return;
      }
      showLogin('');
    } catch (e) {
      showLogin('The server cannot be reached. Reload the page to try again.');
    }
  })();
})();
