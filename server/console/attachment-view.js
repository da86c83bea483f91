// Files a message carries (docs/protocol.md, sections 3 and 9): the metadata an event names,
// checked, and what the transcript shows of it: a thumbnail for an image, a card with a download
// link for any other file. The address is always this server's /v1/attachments/<id>, built from
// a checked id: never a URL a message's text names.
import { node } from './dom.js';
import { fileSize } from './format.js';
import { arr, int, obj, str } from './values.js';

const ID = /^[A-Za-z0-9_-]{32}$/;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
const THUMBNAIL_PX = 240; // the largest side of a thumbnail

// The attachment of an event or an upload's answer, or null when it has no valid id.
export function attachmentOf(value) {
  const a = obj(value);
  const id = str(a.id);
  if (!ID.test(id)) return null;
  const size = int(a.size);
  const pixels = (v) => (int(v) !== null && v >= 1 && v <= 65535 ? v : 0);
  return {
    id, name: str(a.name) || 'file', type: str(a.type), size: size !== null && size >= 0 ? size : 0,
    width: pixels(a.width), height: pixels(a.height),
  };
}

export const attachmentUrl = (id) => `/v1/attachments/${id}`;

// What a conversation's preset lets the operator attach (`attachments` of C), or null from a
// server that does not say: then the upload is tried, and the server's refusal is shown.
export function attachmentPolicy(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const maxBytes = int(value.maxBytes);
  const types = arr(value.types).map(str).filter(Boolean);
  return { maxBytes: maxBytes !== null && maxBytes > 0 && types.length ? maxBytes : 0, types };
}

// The transcript is redrawn as a whole: the thumbnails are kept, so that a redraw moves the
// same <img> instead of fetching the picture again (the server sends it with no-store).
const thumbnails = new Map();

export function attachmentView(att) {
  return IMAGE_TYPES.has(att.type) ? thumbnail(att) : fileCard(att);
}

function thumbnail(att) {
  const kept = thumbnails.get(att.id);
  if (kept) return kept;
  const link = node('a', 'attachment-image');
  link.href = attachmentUrl(att.id);
  link.target = '_blank';
  link.rel = 'noopener';
  link.dataset.testid = 'attachment-image';
  const img = document.createElement('img');
  img.alt = att.name;
  img.loading = 'lazy';
  img.decoding = 'async';
  // The event tells the picture's size: its room is kept before the file arrives, so that the
  // transcript does not jump as thumbnails load.
  if (att.width && att.height) {
    const scale = Math.min(1, THUMBNAIL_PX / Math.max(att.width, att.height));
    img.width = Math.max(1, Math.round(att.width * scale));
    img.height = Math.max(1, Math.round(att.height * scale));
  }
  img.src = attachmentUrl(att.id);
  link.append(img);
  thumbnails.set(att.id, link);
  return link;
}

function fileCard(att) {
  const card = node('div', 'attachment-file');
  card.dataset.testid = 'attachment-file';
  const icon = node('span', 'attachment-file-icon');
  icon.setAttribute('aria-hidden', 'true');
  const about = node('span', 'attachment-file-about');
  about.append(node('span', 'attachment-file-name', att.name), node('span', 'attachment-file-size', fileSize(att.size)));
  const download = node('a', 'attachment-download', 'Download');
  download.href = attachmentUrl(att.id);
  download.download = att.name;
  download.setAttribute('aria-label', `Download ${att.name}, ${fileSize(att.size)}`);
  download.dataset.testid = 'attachment-download';
  card.append(icon, about, download);
  return card;
}

// Forgets the thumbnails of a conversation the operator closed.
export function forgetThumbnails(ids) {
  for (const id of ids) thumbnails.delete(id);
}
