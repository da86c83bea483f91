// The visitors' ratings (docs/protocol.md, section 6: "ratings" and "rated"): the list in the
// right-hand column and the rating at the end of a conversation's transcript.
import { announce, el, node } from './dom.js';
import { visitorName } from './format.js';
import { inboxHead, moreItems } from './inbox.js';
import { renderConversation } from './conversation-view.js';
import { state } from './state.js';
import { arr, int, newestFirst, obj, parseTime, str } from './values.js';

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

export function ratingOf(id) {
  return state.ratings.find((r) => r.conversation === id) || null;
}

export function onRatings(msg) {
  state.ratings = arr(msg.items).map(normalizeRating).filter(Boolean).sort(newestFirst);
  state.ratingsMore = Math.max(0, int(msg.more) ?? 0);
  renderRatings();
  if (state.conversations.has(state.selected)) renderConversation();
}

export function onRated(raw) {
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
  li.append(inboxHead(r.fields, r.created), scoreNode(r));
  if (r.operator) li.append(node('p', 'kv-caption', `Answered by ${r.operator}`));
  if (r.comment) li.append(node('p', 'inbox-text', r.comment));
  return li;
}

export function renderRatings() {
  el.ratings.replaceChildren(...state.ratings.map(ratingItem), ...moreItems(state.ratingsMore));
  el.ratingsCount.textContent = String(state.ratings.length + state.ratingsMore);
  el.ratingsEmpty.hidden = state.ratings.length > 0;
}

// The rating at the end of a conversation's transcript, once the visitor gave one.
export function ratingEventItem(r) {
  const li = node('li', 'system-event rating-event');
  li.dataset.testid = 'rating-event';
  li.append(node('span', '', 'The visitor rated the conversation: '), scoreNode(r),
    node('span', '', ` ${ratingWords(r)}`));
  if (r.comment) li.append(node('p', 'inbox-text', r.comment));
  return li;
}
