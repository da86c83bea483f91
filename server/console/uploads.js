// Files the operator attaches (docs/protocol.md, section 9): from the attach button, dropped on
// the conversation or pasted, each uploaded with its progress and a cancel, then sent as a
// message that names it. Every file has its own upload key, kept for its retries: an upload
// whose answer was lost is sent again with the same key, and the server stores it once.
// A file the conversation's preset does not allow (too large, or of a type it refuses) is named
// in an error before anything is uploaded; the server checks the same limits from the request's
// head, and its refusal (413, 415) is shown where the console could not tell (a server that does
// not say its limits, or a preset changed meanwhile).
import { attachmentOf } from './attachment-view.js';
import { sendPending } from './composer.js';
import { renderConversationList } from './conversation-list.js';
import { renderTranscript, transcriptAtEnd } from './conversation-view.js';
import { announce, el, node, showToast } from './dom.js';
import { fileSize } from './format.js';
import { selectedConversation, state } from './state.js';
import { obj, str, uuid } from './values.js';

const UPLOAD_URL = '/v1/operator/attachments';
const RETRY_DELAYS_MS = [1000, 3000, 10000]; // after a network error; then the operator decides
const MAX_NAME = 255;                        // code points, as the server allows
const TYPE_NAMES = {
  'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP', 'image/gif': 'GIF',
  'application/pdf': 'PDF', 'text/plain': 'plain text',
};

// {key, conversation, file, name, state, loaded, error, retryable, xhr, timer, attempt, attachment};
// state: uploading, waiting (to try again), failed, done (stored, its message not sent yet)
let uploads = [];

function uploadKey() {
  const b = new Uint8Array(24); // 192 random bits, as base64url
  crypto.getRandomValues(b);
  return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// A name the server takes: no path, no control or format character, no space at either end.
function fileName(file) {
  const name = Array.from(str(file.name).replace(/[/\\\p{Cc}\p{Cf}]/gu, '_').trim()).slice(0, MAX_NAME).join('').trim();
  return name && name !== '.' && name !== '..' ? name : 'file';
}

// Why the conversation's preset does not take `file`, in words; empty when it does, or when the
// server did not say its limits.
function refusal(policy, file, name) {
  if (!policy) return '';
  if (policy.maxBytes === 0) return `“${name}” was not sent: files cannot be sent in this conversation.`;
  if (file.size === 0) return `“${name}” is empty: there is nothing to send.`;
  if (file.size > policy.maxBytes) {
    return `“${name}” is too large (${fileSize(file.size)}): files may be at most ${fileSize(policy.maxBytes)}.`;
  }
  const type = str(file.type).toLowerCase();
  if (!policy.types.includes(type)) {
    return `“${name}” was refused: files of type ${type || 'unknown'} are not accepted here`
      + ` (only ${policy.types.map((t) => TYPE_NAMES[t] || t).join(', ')}).`;
  }
  return '';
}

export function attachFiles(files) {
  const conv = selectedConversation();
  if (!conv || conv.state === 'ended') return;
  for (const file of Array.from(files)) {
    const u = {
      key: uploadKey(), conversation: conv.id, file, name: fileName(file), state: 'uploading', loaded: 0,
      error: '', retryable: false, xhr: null, timer: null, attempt: 0,
    };
    uploads.push(u);
    const why = refusal(conv.attachments, file, u.name);
    if (why) failed(u, why, false);
    else upload(u);
  }
  renderUploads();
}

function upload(u) {
  window.clearTimeout(u.timer);
  u.state = 'uploading';
  u.loaded = 0;
  u.error = '';
  const xhr = new XMLHttpRequest();
  u.xhr = xhr;
  xhr.open('POST', UPLOAD_URL);
  xhr.setRequestHeader('Content-Type', u.file.type || 'application/octet-stream');
  xhr.setRequestHeader('X-OWidget-Conversation', u.conversation);
  xhr.setRequestHeader('X-OWidget-File-Name', encodeURIComponent(u.name));
  xhr.setRequestHeader('X-OWidget-Upload-Key', u.key);
  xhr.upload.addEventListener('progress', (e) => {
    if (u.xhr !== xhr) return;
    u.loaded = e.loaded;
    const bar = el.uploads.querySelector(`[data-key="${u.key}"] progress`);
    if (bar) bar.value = u.loaded;
  });
  xhr.addEventListener('load', () => { if (u.xhr === xhr) answered(u, xhr); });
  xhr.addEventListener('error', () => { if (u.xhr === xhr) failed(u, 'The connection was lost.', true); });
  xhr.addEventListener('timeout', () => { if (u.xhr === xhr) failed(u, 'The server did not answer.', true); });
  xhr.send(u.file);
  renderUploads();
}

function answered(u, xhr) {
  let body = null;
  try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
  const status = xhr.status;
  if (status === 200 || status === 201) {
    const attachment = attachmentOf(obj(body).attachment);
    if (!attachment) return failed(u, 'The server\'s answer was not understood.', false);
    return uploaded(u, attachment);
  }
  const message = str(obj(obj(body).error).message);
  if (status === 413) {
    const limit = /limit of (\d+) bytes/.exec(message);
    return failed(u, limit ? `“${u.name}” is too large: files may be at most ${fileSize(Number(limit[1]))}.`
      : `“${u.name}” is too large: ${message || 'over the limit'}.`, false);
  }
  if (status === 415) {
    const allowed = /\(([^()]*)\)\s*$/.exec(message);
    return failed(u, `“${u.name}” was refused: files of type ${u.file.type || 'unknown'} are not accepted here`
      + (allowed ? ` (only ${allowed[1]}).` : '.'), false);
  }
  if (status === 401) return failed(u, 'You are signed out: the file was not sent.', false);
  if (status === 404) return failed(u, 'This conversation is no longer yours: the file was not sent.', false);
  if (status === 403) return failed(u, `“${u.name}” was refused: ${message || 'attachments are off here'}.`, false);
  // Too many requests, or the server failed: the same upload again later.
  if (status === 429 || status >= 500) return failed(u, message || `The server answered ${status}.`, true);
  return failed(u, `“${u.name}” was refused: ${message || `the server answered ${status}`}.`, false);
}

function failed(u, error, retryable) {
  u.xhr = null;
  u.error = error;
  u.retryable = retryable;
  if (retryable && u.attempt < RETRY_DELAYS_MS.length) {
    u.state = 'waiting';
    u.timer = window.setTimeout(() => upload(u), RETRY_DELAYS_MS[u.attempt++]);
  } else {
    u.state = 'failed';
    showToast(error);
  }
  sendUploaded(u.conversation);
}

// Stored: the upload's row goes, and the message that names the file takes its place; files
// chosen together are sent in the order they were chosen, whichever upload ends first.
function uploaded(u, attachment) {
  u.xhr = null;
  u.state = 'done';
  u.attachment = attachment;
  sendUploaded(u.conversation);
}

function sendUploaded(id) {
  const conv = state.conversations.get(id);
  for (const u of uploads.filter((x) => x.conversation === id)) {
    if (u.state === 'failed') continue; // the operator decides; the others go on
    if (u.state !== 'done') break;
    uploads = uploads.filter((x) => x !== u);
    if (!conv) continue;
    const p = { clientId: uuid(), text: '', attachment: u.attachment, time: Date.now(), state: 'sending' };
    conv.pending.push(p);
    sendPending(conv, p);
  }
  renderUploads();
  if (!conv) return;
  if (state.selected === conv.id) renderTranscript(conv);
  renderConversationList();
}

function cancel(u) {
  window.clearTimeout(u.timer);
  const xhr = u.xhr;
  u.xhr = null;
  if (xhr) xhr.abort();
  uploads = uploads.filter((x) => x !== u);
  if (u.state !== 'failed') announce(`Upload of ${u.name} cancelled`);
  sendUploaded(u.conversation);
}

// Uploads of conversations that are gone (closed, or the operator signed out) stop.
export function dropUploads(keep = () => false) {
  for (const u of uploads.filter((x) => !keep(x.conversation))) cancel(u);
}

export function renderUploads() {
  const conv = selectedConversation();
  const shown = conv ? uploads.filter((u) => u.conversation === conv.id) : [];
  const atEnd = transcriptAtEnd();
  el.uploads.replaceChildren(...shown.map(uploadItem));
  el.uploads.hidden = shown.length === 0;
  // The list takes its room from the transcript: the newest messages stay in view.
  if (atEnd) el.transcript.scrollTop = el.transcript.scrollHeight;
}

function uploadItem(u) {
  const li = node('li', 'upload');
  li.dataset.testid = 'upload';
  li.dataset.key = u.key;
  li.dataset.state = u.state;
  const head = node('div', 'upload-head');
  head.append(node('span', 'upload-name', u.name), node('span', 'upload-size', fileSize(u.file.size)));
  li.append(head);
  if (u.state === 'uploading') {
    const bar = document.createElement('progress');
    bar.max = Math.max(1, u.file.size);
    bar.value = u.loaded;
    bar.setAttribute('aria-label', `Uploading ${u.name}`);
    bar.dataset.testid = 'upload-progress';
    li.append(bar);
  } else if (u.state === 'done') {
    li.append(node('p', 'upload-note', 'Uploaded; sent after the files before it.'));
  } else {
    const note = node('p', 'upload-error', u.state === 'waiting' ? `${u.error} Trying again…` : u.error);
    note.dataset.testid = 'upload-error';
    li.append(note);
  }
  const actions = node('div', 'upload-actions');
  if (u.state === 'failed' && u.retryable) {
    const again = node('button', 'button button-small', 'Try again');
    again.type = 'button';
    again.setAttribute('aria-label', `Try uploading ${u.name} again`);
    again.addEventListener('click', () => { u.attempt = 0; upload(u); });
    actions.append(again);
  }
  const stop = node('button', 'button button-small button-quiet', u.state === 'failed' ? 'Remove' : 'Cancel');
  stop.type = 'button';
  stop.setAttribute('aria-label', `${u.state === 'failed' ? 'Remove' : 'Cancel upload of'} ${u.name}`);
  stop.dataset.testid = 'upload-cancel';
  stop.addEventListener('click', () => cancel(u));
  actions.append(stop);
  li.append(actions);
  return li;
}

// ---- Where files come from: the button, a drop on the conversation, a paste ------------------

el.attach.addEventListener('click', () => el.attachInput.click());
el.attachInput.addEventListener('change', () => {
  attachFiles(el.attachInput.files);
  el.attachInput.value = '';
});

const canTakeFiles = () => {
  const conv = selectedConversation();
  return !!conv && conv.state !== 'ended';
};
const carriesFiles = (e) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');

el.pane.addEventListener('dragover', (e) => {
  if (!carriesFiles(e) || !canTakeFiles()) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
  el.pane.classList.add('drop-target');
});
el.pane.addEventListener('dragleave', (e) => {
  if (!el.pane.contains(e.relatedTarget)) el.pane.classList.remove('drop-target');
});
el.pane.addEventListener('drop', (e) => {
  el.pane.classList.remove('drop-target');
  if (!carriesFiles(e)) return;
  e.preventDefault();
  if (canTakeFiles()) attachFiles(e.dataTransfer.files);
});

// A file dropped anywhere else would make the browser open it in place of the console.
window.addEventListener('dragover', (e) => {
  if (carriesFiles(e) && !e.defaultPrevented) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'none';
  }
});
window.addEventListener('drop', (e) => { if (carriesFiles(e)) e.preventDefault(); });

// A pasted screenshot is attached; a paste that has text (which office programs send with a
// picture of it) is text.
el.input.addEventListener('paste', (e) => {
  const data = e.clipboardData;
  if (!data || !data.files.length || data.types.includes('text/plain') || !canTakeFiles()) return;
  e.preventDefault();
  attachFiles(data.files);
});
