// The conversation shown: its header, the visitor's details, the transcript, and the End and
// Close buttons.
import { attachmentView, forgetThumbnails } from './attachment-view.js';
import { avatarImage } from './avatar.js';
import { retry, stopOwnTyping } from './composer.js';
import { definitionList, el, node } from './dom.js';
import { clockTime, humanize, visitorName } from './format.js';
import { ratingEventItem, ratingOf } from './ratings.js';
import { reportRead, seenSeq } from './read-marks.js';
import { renderAll } from './render.js';
import { sendRaw } from './socket.js';
import { dropUploads, renderUploads } from './uploads.js';
import { selectedConversation, state } from './state.js';
import { str } from './values.js';

// Whether the transcript is scrolled (nearly) to its end, where the newest is in sight.
export function transcriptAtEnd() {
  const t = el.transcript;
  return t.scrollHeight - t.scrollTop - t.clientHeight < 40;
}

export function renderConversation() {
  const conv = selectedConversation();
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
  renderUploads();
}

export function renderConversationChrome(conv) {
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

export function updateComposer() {
  const conv = selectedConversation();
  const ended = !conv || conv.state === 'ended';
  el.composer.hidden = ended && !!conv;
  el.input.disabled = ended;
  el.attach.disabled = ended;
  // A preset that allows no files: no button. The file chooser offers the types it allows.
  const policy = conv ? conv.attachments : null;
  el.attach.hidden = !!policy && policy.maxBytes === 0;
  el.attachInput.accept = policy ? policy.types.join(',') : '';
  el.send.disabled = ended; // while disconnected, a message waits as "sending" and goes on reconnect
}

export function renderTranscript(conv) {
  const atBottom = transcriptAtEnd();
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
      from: own ? 'operator' : 'visitor', author, avatar: own ? e.avatar : '', text: e.text, attachment: e.attachment, time: e.time, seq: e.seq,
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
    from: 'operator', author: (state.operator && state.operator.name) || 'You',
    avatar: state.operator ? state.operator.avatar : '', text: p.text, attachment: p.attachment, time: p.time,
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
  const picture = avatarImage(m.avatar, 'avatar-message');
  if (picture) head.append(picture);
  head.append(node('span', 'message-author', m.author));
  if (m.time !== null) {
    const t = node('time', 'message-time', clockTime(m.time));
    t.dateTime = new Date(m.time).toISOString();
    head.append(t);
  }
  bubble.append(head);
  if (m.attachment) bubble.append(attachmentView(m.attachment));
  // A file may come with no words.
  if (m.text || !m.attachment) {
    const text = node('p', 'message-text', m.text);
    text.dataset.testid = 'message-text';
    bubble.append(text);
  }
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

el.end.addEventListener('click', () => {
  const conv = selectedConversation();
  if (!conv || conv.state === 'ended') return;
  stopOwnTyping(conv);
  if (sendRaw({ type: 'end', conversation: conv.id })) el.end.disabled = true;
});

el.close.addEventListener('click', () => {
  const id = state.selected;
  const conv = state.conversations.get(id);
  if (conv) forgetThumbnails(conv.events.filter((e) => e.attachment).map((e) => e.attachment.id));
  state.conversations.delete(id);
  dropUploads((c) => c !== id);
  state.order = state.order.filter((x) => x !== id);
  state.selected = state.order[state.order.length - 1] || null;
  renderAll();
});
