// The operator's conversations as tabs: their last line, unread counts, and which one is shown.
import { renderConversation } from './conversation-view.js';
import { el, node } from './dom.js';
import { visitorName } from './format.js';
import { updateTitle } from './render.js';
import { selectedConversation, state } from './state.js';

// A message's words, or the name of the file it carries.
const said = (m) => m.text || (m.attachment ? `📎 ${m.attachment.name}` : '');

function lastLine(conv) {
  if (conv.pending.length) return `You: ${said(conv.pending[conv.pending.length - 1])}`;
  for (let i = conv.events.length - 1; i >= 0; i--) {
    const e = conv.events[i];
    if (e.type === 'message') return (e.from === 'operator' ? 'You: ' : '') + said(e);
    if (e.type === 'ended') return 'Ended';
  }
  return 'Started';
}

export function renderConversationList() {
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

function select(id) {
  const old = selectedConversation();
  if (old) old.draft = el.input.value;
  state.selected = id;
  const conv = state.conversations.get(id);
  if (conv) conv.unread = 0;
  renderConversation();
  renderConversationList();
  updateTitle();
}

// Back in the tab: the conversation shown has been seen.
document.addEventListener('visibilitychange', () => {
  const conv = selectedConversation();
  if (!document.hidden && conv && conv.unread) {
    conv.unread = 0;
    renderConversationList();
    updateTitle();
  }
});
