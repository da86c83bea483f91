// The inbox: offline messages and callback requests left while nobody was there.
import { announce, definitionList, el, node } from './dom.js';
import { dayAndTime, visitorName } from './format.js';
import { state } from './state.js';
import { obj, parseTime, str } from './values.js';

export function normalizeInbox(x) {
  const o = obj(x);
  if (o.id === undefined || o.id === null) return null;
  return { id: String(o.id), created: parseTime(o.created), fields: obj(o.fields), text: str(o.text), phone: str(o.phone) };
}

export function onInboxItem(list, raw, label) {
  const item = normalizeInbox(raw);
  if (!item || list.some((x) => x.id === item.id)) return;
  list.unshift(item);
  renderInbox();
  announce(label);
}

// The head of an entry in the right-hand column: who, and when.
export function inboxHead(fields, created) {
  const head = node('div', 'inbox-head');
  head.append(node('span', 'inbox-name', visitorName(fields)));
  if (created !== null) {
    const t = node('time', 'inbox-time', dayAndTime(created));
    t.dateTime = new Date(created).toISOString();
    head.append(t);
  }
  return head;
}

// The line that stands for the older entries the server left out, when there are any.
export function moreItems(count, testid) {
  if (count <= 0) return [];
  const li = node('li', 'inbox-more', `${count} older not shown`);
  if (testid) li.dataset.testid = testid;
  return [li];
}

function inboxItem(item, kind) {
  const li = node('li', 'inbox-item');
  li.dataset.testid = kind;
  li.dataset.id = item.id;
  li.append(inboxHead(item.fields, item.created));
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

export function renderInbox() {
  el.offline.replaceChildren(...state.offline.map((x) => inboxItem(x, 'offline-message')),
    ...moreItems(state.offlineMore, 'offline-more'));
  el.callbacks.replaceChildren(...state.callbacks.map((x) => inboxItem(x, 'callback-request')),
    ...moreItems(state.callbacksMore, 'callback-more'));
  el.offlineCount.textContent = String(state.offline.length + state.offlineMore);
  el.callbackCount.textContent = String(state.callbacks.length + state.callbacksMore);
  el.offlineEmpty.hidden = state.offline.length > 0;
  el.callbackEmpty.hidden = state.callbacks.length > 0;
}
