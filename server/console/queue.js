// The visitors waiting: the list, its changes from the server, their waiting times, and accepting
// one of them.
import { definitionList, el, node } from './dom.js';
import { visitorName, waitingFor } from './format.js';
import { updateTitle } from './render.js';
import { isOpen, sendRaw } from './socket.js';
import { state } from './state.js';
import { arr, int, obj, parseTime, str } from './values.js';

const byPosition = (a, b) => (a.position ?? 1e9) - (b.position ?? 1e9);

export function normalizeQueue(q) {
  return arr(q).map(obj).filter((x) => str(x.id)).map((x) => ({
    id: str(x.id), group: str(x.group), position: int(x.position), created: parseTime(x.created),
    language: str(x.language), fields: obj(x.fields), customData: obj(x.customData),
  })).sort(byPosition);
}

// The server sends what changed in the queue, not the whole queue each time.
export function onQueued(raw) {
  const [entry] = normalizeQueue([raw]);
  if (!entry || state.queue.some((q) => q.id === entry.id)) return;
  state.queue.push(entry);
  state.queue.sort(byPosition);
  renderQueue();
}

// The one that left may be gone already (the operator's own accept removes it at once): the
// message itself says where it was.
export function onDequeued(msg) {
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

function accept(id, button) {
  if (sendRaw({ type: 'accept', conversation: id })) {
    button.disabled = true;
    button.textContent = 'Accepting…';
  }
}

export function setAcceptEnabled(on) {
  for (const b of el.queue.querySelectorAll('[data-testid=accept]')) b.disabled = !on;
}

export function renderQueue() {
  const focusedId = document.activeElement && document.activeElement.closest &&
    document.activeElement.closest('[data-testid=queue-item]')?.dataset.id;
  el.queue.replaceChildren();
  const connected = isOpen();
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
