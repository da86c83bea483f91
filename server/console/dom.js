// The page's elements, and the few ways the console puts text on it: always as text, never as
// HTML, because everything shown comes from the network.
import { humanize } from './format.js';
import { obj } from './values.js';

const $ = (id) => document.getElementById(id);
export const el = {
  loginView: $('login-view'), loginForm: $('login-form'), login: $('login'), password: $('password'),
  loginSubmit: $('login-submit'), loginError: $('login-error'),
  consoleView: $('console-view'), operatorBar: $('operator-bar'), operatorName: $('operator-name'),
  operatorAvatar: $('operator-avatar'),
  availability: $('availability'), availabilityDot: $('availability-dot'), logout: $('logout'),
  banner: $('connection-banner'), bannerText: $('connection-text'), reconnectNow: $('reconnect-now'),
  toast: $('toast'), announcer: $('announcer'),
  queue: $('queue'), queueCount: $('queue-count'), queueEmpty: $('queue-empty'),
  queueTemplate: $('queue-item-template'),
  conversationList: $('conversation-list'), conversationCount: $('conversation-count'),
  conversationsEmpty: $('conversations-empty'),
  placeholder: $('conversation-placeholder'), placeholderHint: $('placeholder-hint'),
  pane: $('conversation-pane'),
  title: $('conversation-title'), meta: $('conversation-meta'),
  details: $('visitor-details'), detailsBody: $('visitor-details-body'),
  transcript: $('transcript'), typing: $('typing-indicator'),
  composer: $('composer'), input: $('message-input'), send: $('send'),
  attach: $('attach'), attachInput: $('attach-input'), uploads: $('uploads'),
  end: $('end-conversation'), close: $('close-conversation'), endedNote: $('conversation-ended'),
  offline: $('offline-messages'), offlineCount: $('offline-count'), offlineEmpty: $('offline-empty'),
  callbacks: $('callback-requests'), callbackCount: $('callback-count'), callbackEmpty: $('callback-empty'),
  ratings: $('ratings'), ratingsCount: $('ratings-count'), ratingsEmpty: $('ratings-empty'),
};

let toastTimer = null;

export function node(tag, className, text) {
  const n = document.createElement(tag);
  if (className) n.className = className;
  if (text !== undefined && text !== null) n.textContent = String(text);
  return n;
}

// A <dl> of an untrusted string map; values that are not strings are skipped.
export function definitionList(map, className) {
  const dl = node('dl', className || 'kv');
  for (const [k, v] of Object.entries(obj(map))) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    const row = node('div', 'kv-row');
    row.append(node('dt', null, humanize(k)), node('dd', null, String(v)));
    dl.append(row);
  }
  return dl;
}

export function announce(text) {
  el.announcer.textContent = '';
  // A new text node in a live region is what screen readers pick up.
  window.setTimeout(() => { el.announcer.textContent = text; }, 50);
}

export function showToast(text) {
  el.toast.textContent = text;
  el.toast.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => { el.toast.hidden = true; }, 6000);
}
