// Writing to the visitor: sending a message, sending again what was not acknowledged, and the
// operator's own typing indicator.
import { renderConversationList } from './conversation-list.js';
import { renderTranscript } from './conversation-view.js';
import { el, showToast } from './dom.js';
import { sendRaw } from './socket.js';
import { limits, selectedConversation, state } from './state.js';
import { codePoints, uuid } from './values.js';

const TYPING_IDLE_MS = 5000;      // we stop "typing" after this long without a key press

function sendMessage() {
  const conv = selectedConversation();
  if (!conv || conv.state === 'ended') return;
  const text = el.input.value.trim();
  if (!text) return;
  if (codePoints(text).length > limits.maxText) {
    showToast(`A message can have at most ${limits.maxText} characters.`);
    return;
  }
  const p = { clientId: uuid(), text, time: Date.now(), state: 'sending' };
  conv.pending.push(p);
  sendPending(conv, p);
  stopOwnTyping(conv);
  el.input.value = '';
  conv.draft = '';
  renderTranscript(conv);
  renderConversationList();
}

export function resendPending() {
  for (const conv of state.conversations.values()) {
    if (conv.state === 'ended') {
      for (const p of conv.pending) p.state = 'failed';
      continue;
    }
    for (const p of conv.pending) {
      p.state = 'sending';
      sendPending(conv, p);
    }
  }
  const conv = selectedConversation();
  if (conv) renderTranscript(conv);
}

export function retry(conv, p) {
  p.state = 'sending';
  p.error = '';
  sendPending(conv, p);
  renderTranscript(conv);
}

// A message of ours, sent or sent again with its clientId; a file it names goes by its id.
export function sendPending(conv, p) {
  const msg = { type: 'message', conversation: conv.id, clientId: p.clientId, text: p.text };
  if (p.attachment) msg.attachment = p.attachment.id;
  return sendRaw(msg);
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

export function stopOwnTyping(conv) {
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
  const conv = selectedConversation();
  if (!conv) return;
  conv.draft = el.input.value;
  noteOwnTyping(conv);
});
