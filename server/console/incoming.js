// The server's frames on the operator socket (docs/protocol.md, section 6), each handed to the
// part of the console that takes it; the snapshot, which sets them all, and errors.
import { availabilityToRestore, restoreAvailability, setAvailability, AVAILABILITY } from './availability.js';
import { resendPending } from './composer.js';
import { renderTranscript } from './conversation-view.js';
import { onAck, onConversation, onEvent, onHistory, onTyping, setVisitorTyping } from './conversations.js';
import { showToast } from './dom.js';
import { normalizeInbox, onInboxItem } from './inbox.js';
import { normalizeQueue, onDequeued, onQueued, renderQueue, setAcceptEnabled } from './queue.js';
import { onRated, onRatings } from './ratings.js';
import { onVisitorRead } from './read-marks.js';
import { renderAll } from './render.js';
import { endSession, setOperator } from './session.js';
import { markSynchronized, setConnected } from './socket.js';
import { limits, state } from './state.js';
import { arr, int, newestFirst, obj, str } from './values.js';

export function handle(msg) {
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
  markSynchronized();
  if (msg.operator) setOperator(msg.operator);
  const textLength = int(obj(msg.limits).textLength);
  if (textLength !== null && textLength > 0) limits.maxText = textLength;
  if (AVAILABILITY.includes(msg.availability)) setAvailability(msg.availability);
  const restore = availabilityToRestore();
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
  if (restore) restoreAvailability(restore);
  renderAll();
  resendPending();
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
    endSession();
    return;
  }
  // Accept buttons that were waiting for an answer can be used again.
  setAcceptEnabled(true);
  showToast(message);
}
