// Untrusted values from the network, checked for their type: what is not of the expected type
// becomes an empty value, never an exception.

export const str = (v) => (typeof v === 'string' ? v : '');
export const int = (v) => (Number.isInteger(v) ? v : null);
export const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
export const arr = (v) => (Array.isArray(v) ? v : []);
// The protocol counts characters as code points; a string's length counts UTF-16 units.
export const codePoints = (s) => Array.from(s);

export function parseTime(s) {
  const t = Date.parse(str(s));
  return Number.isNaN(t) ? null : t;
}

export const newestFirst = (a, b) => (b.created || 0) - (a.created || 0);

export function uuid() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b); // available also where randomUUID is not (plain http off loopback)
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
