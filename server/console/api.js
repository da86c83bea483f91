// The operator's HTTP API (docs/protocol.md, section 6): login, logout, who is signed in.
import { obj } from './values.js';

export const API = '/v1/operator';

export async function api(path, body) {
  const init = { method: body === undefined ? 'GET' : 'POST', credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(API + path, init);
  let data = null;
  if (res.status !== 204) {
    try { data = await res.json(); } catch (e) { data = null; }
  }
  return { status: res.status, data: obj(data) };
}
