// Read marks (docs/protocol.md, `read`): the visitor's, shown as "Seen", and our own, sent when
// the operator really sees the conversation.
import { renderTranscript, transcriptAtEnd } from './conversation-view.js';
import { el } from './dom.js';
import { sendRaw } from './socket.js';
import { selectedConversation, state } from './state.js';

// The visitor's mark moved: "Seen" goes under our last message it covers.
export function onVisitorRead(id, seq) {
  const conv = state.conversations.get(id);
  if (!conv || seq === null || seq <= conv.visitorRead) return;
  conv.visitorRead = seq;
  if (state.selected === id) renderTranscript(conv);
}

// The seq of our last message the visitor has read; null when none.
export function seenSeq(conv) {
  for (let i = conv.events.length - 1; i >= 0; i--) {
    const e = conv.events[i];
    if (e.type === 'message' && e.from === 'operator' && e.seq <= conv.visitorRead) return e.seq;
  }
  return null;
}

// Our mark goes when we really see the conversation: open, the tab visible, the transcript
// scrolled to its end. One frame per new mark; after a reconnect the latest goes again.
export function reportRead() {
  const conv = selectedConversation();
  if (!conv || !conv.events.length || document.visibilityState !== 'visible') return;
  if (!transcriptAtEnd()) return;
  const seq = conv.events[conv.events.length - 1].seq;
  if (seq <= conv.operatorReadSent) return;
  if (sendRaw({ type: 'read', conversation: conv.id, seq })) conv.operatorReadSent = seq;
}

el.transcript.addEventListener('scroll', reportRead);
document.addEventListener('visibilitychange', reportRead);
