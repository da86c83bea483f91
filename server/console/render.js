// The whole page drawn again from the state, and the tab's title.
import { renderConversationList } from './conversation-list.js';
import { renderConversation } from './conversation-view.js';
import { renderInbox } from './inbox.js';
import { renderQueue } from './queue.js';
import { renderRatings } from './ratings.js';
import { state } from './state.js';

export function renderAll() {
  renderQueue();
  renderConversationList();
  renderConversation();
  renderInbox();
  renderRatings();
  updateTitle();
}

export function updateTitle() {
  let unread = 0;
  for (const c of state.conversations.values()) unread += c.unread;
  const waiting = state.queue.length;
  const parts = [];
  if (unread) parts.push(`(${unread})`);
  if (waiting) parts.push(`${waiting} waiting ·`);
  parts.push('OWidget Console');
  document.title = parts.join(' ');
}
