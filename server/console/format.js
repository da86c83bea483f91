// Times, names and keys put into words for the operator.
import { obj, str } from './values.js';

export function clockTime(ms) {
  if (ms === null) return '';
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

// The day and time of an inbox entry or a rating, which can be days old.
export function dayAndTime(ms) {
  return new Date(ms).toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export function waitingFor(ms) {
  if (ms === null) return '';
  const s = Math.max(0, Math.floor((Date.now() - ms) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function humanize(key) {
  const k = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return k ? k[0].toUpperCase() + k.slice(1) : '';
}

export function visitorName(fields) {
  const f = obj(fields);
  return str(f.name).trim() || str(f.email).trim() || str(f.phone).trim() || 'Visitor';
}

// A file's size as people read it: 48 KB, 1.5 MB.
export function fileSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  // One decimal below 100, so that 10.5 MB over a limit of 10 MB does not read as 10 MB.
  return `${v < 100 ? Math.round(v * 10) / 10 : Math.round(v)} ${units[i]}`;
}
