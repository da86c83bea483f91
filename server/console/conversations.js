// The operator's conversations as the server tells of them: new ones, their sequenced events,
// the acknowledgements of our own messages, and the visitor's typing.
import { attachmentOf, attachmentPolicy } from './attachment-view.js';
import { avatarId } from './avatar.js';
import { stopOwnTyping } from './composer.js';
import { renderConversationList } from './conversation-list.js';
import { renderConversationChrome, renderTranscript, transcriptAtEnd } from './conversation-view.js';
import { announce, el } from './dom.js';
import { visitorName } from './format.js';
import { renderAll, updateTitle } from './render.js';
import { limits, state } from './state.js';
import { arr, codePoints, int, obj, parseTime, str } from './values.js';

const VISITOR_TYPING_MS = 15000;  // the visitor's indicator fades if no stop arrives

function makeConversation(c) {
  return {
    id: str(c.id), state: str(c.state) || 'active', fields: obj(c.fields), customData: obj(c.customData),
    language: str(c.language), attachments: attachmentPolicy(c.attachments),
    events: [],            // sequenced events, by seq
    seqs: new Set(),
    pending: [],           // our messages not yet acknowledged: {clientId, text, time, state}
    visitorTyping: false, typingTimer: null, unread: 0,
    draft: '', typingSent: false, typingIdleTimer: null,
    // Read marks: the visitor's (what "Seen" shows) and the latest of ours the server was sent.
    visitorRead: Math.max(0, int(c.visitorRead) ?? 0), operatorReadSent: 0,
  };
}

export function onConversation(raw, fresh, previous) {
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

// Puts an event in its place by seq; the server's order, whatever order the frames came in.
function insertEvent(conv, ev) {
  let i = conv.events.length;
  while (i > 0 && conv.events[i - 1].seq > ev.seq) i--;
  conv.events.splice(i, 0, ev);
}

// Adds a sequenced event unless its seq was seen; returns it, or null for a duplicate or junk.
function addEvent(conv, raw) {
  const e = obj(raw);
  const seq = int(e.seq);
  const type = str(e.type);
  if (seq === null || !type || conv.seqs.has(seq)) return null;
  const ev = {
    seq, type, time: parseTime(e.time), from: str(e.from), name: str(e.name),
    text: codePoints(str(e.text)).slice(0, limits.maxText).join(''), by: str(e.by), operator: str(e.operator), clientId: str(e.clientId),
    avatar: avatarId(e.avatar), attachment: type === 'message' ? attachmentOf(e.attachment) : null,
  };
  conv.seqs.add(seq);
  // Our own message confirmed by an event (e.g. after a reconnect): the pending copy goes.
  if (ev.clientId) conv.pending = conv.pending.filter((p) => p.clientId !== ev.clientId);
  insertEvent(conv, ev);
  if (type === 'ended') conv.state = 'ended';
  return ev;
}

export function onEvent(id, raw) {
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
    const said = ev.attachment ? `${ev.text ? `${ev.text} ` : ''}(file: ${ev.attachment.name})` : ev.text;
    announce(state.selected === id ? `${who}: ${said}` : `New message from ${who}`);
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
export function onHistory(id, events) {
  const conv = state.conversations.get(id);
  if (!conv) return;
  for (const e of arr(events)) addEvent(conv, e);
  if (state.selected === id) renderTranscript(conv);
}

export function onAck(msg) {
  const clientId = str(msg.clientId);
  const seq = int(msg.seq);
  for (const conv of state.conversations.values()) {
    const p = conv.pending.find((x) => x.clientId === clientId);
    if (!p) continue;
    conv.pending = conv.pending.filter((x) => x !== p);
    if (seq !== null && !conv.seqs.has(seq)) {
      conv.seqs.add(seq);
      insertEvent(conv, {
        seq, type: 'message', time: parseTime(msg.time) ?? p.time, from: 'operator',
        name: state.operator ? state.operator.name : '', text: p.text, by: '', operator: '', clientId,
        avatar: state.operator ? state.operator.avatar : '', attachment: p.attachment || null,
      });
    }
    if (state.selected === conv.id) renderTranscript(conv);
    renderConversationList();
    return;
  }
}

export function onTyping(id, active) {
  const conv = state.conversations.get(id);
  if (!conv) return;
  setVisitorTyping(conv, active);
}

export function setVisitorTyping(conv, active) {
  window.clearTimeout(conv.typingTimer);
  conv.visitorTyping = active && conv.state !== 'ended';
  if (conv.visitorTyping) {
    conv.typingTimer = window.setTimeout(() => setVisitorTyping(conv, false), VISITOR_TYPING_MS);
  }
  if (state.selected === conv.id) {
    const atBottom = transcriptAtEnd();
    el.typing.hidden = !conv.visitorTyping;
    if (atBottom) el.transcript.scrollTop = el.transcript.scrollHeight; // the indicator takes room from the transcript
  }
  renderConversationList();
}
