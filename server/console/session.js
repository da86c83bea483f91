// Signing in and out: the login form, the operator's name in the bar, and switching between the
// login view and the console.
import { api } from './api.js';
import { AVAILABILITY, rememberAvailability, setAvailability } from './availability.js';
import { avatarId, avatarImage } from './avatar.js';
import { el } from './dom.js';
import { renderAll } from './render.js';
import { hideBanner, openSocket, stopSocket } from './socket.js';
import { state } from './state.js';
import { dropUploads } from './uploads.js';
import { arr, obj, str } from './values.js';

export function showLogin(message) {
  el.consoleView.hidden = true;
  el.operatorBar.hidden = true;
  el.loginView.hidden = false;
  el.loginError.hidden = !message;
  el.loginError.textContent = message || '';
  el.loginSubmit.disabled = false;
  hideBanner();
  document.title = 'OWidget Console';
  el.login.focus();
}

function showConsole() {
  el.loginView.hidden = true;
  el.consoleView.hidden = false;
  el.operatorBar.hidden = false;
  renderAll();
}

export function setOperator(op) {
  const o = obj(op);
  state.operator = {
    login: str(o.login), name: str(o.name), groups: arr(o.groups).filter((g) => typeof g === 'string'),
    avatar: avatarId(o.avatar),
  };
  if (AVAILABILITY.includes(o.availability)) setAvailability(o.availability);
  el.operatorName.textContent = state.operator.name || state.operator.login;
  const picture = avatarImage(state.operator.avatar, 'avatar-bar');
  el.operatorAvatar.replaceChildren(...(picture ? [picture] : []));
  el.operatorName.title = state.operator.groups.length ? `Groups: ${state.operator.groups.join(', ')}` : '';
}

function resetState() {
  dropUploads();
  rememberAvailability('');
  state.operator = null;
  state.queue = [];
  state.conversations.clear();
  state.order = [];
  state.selected = null;
  state.offline = [];
  state.callbacks = [];
  state.ratings = [];
  setAvailability('offline');
}

export function startSession() {
  showConsole();
  openSocket();
}

// The server no longer knows the session (it expired, or was ended elsewhere).
export function endSession() {
  stopSocket();
  resetState();
  showLogin('Your session has ended. Sign in again.');
}

el.loginForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const login = el.login.value.trim();
  const password = el.password.value;
  if (!login || !password) {
    el.loginError.textContent = 'Enter your login and password.';
    el.loginError.hidden = false;
    return;
  }
  el.loginSubmit.disabled = true;
  el.loginError.hidden = true;
  try {
    const { status, data } = await api('/login', { login, password });
    if (status === 200) {
      el.password.value = '';
      setOperator(data.operator);
      startSession();
      return;
    }
    if (status === 401) el.loginError.textContent = 'Wrong login or password.';
    else if (status === 429) el.loginError.textContent = 'Too many attempts. Wait a moment and try again.';
    else el.loginError.textContent = str(obj(data.error).message) || `The server answered ${status}.`;
  } catch (err) {
    el.loginError.textContent = 'The server cannot be reached. Check the connection and try again.';
  }
  el.loginError.hidden = false;
  el.loginSubmit.disabled = false;
  el.password.focus();
  el.password.select();
});

el.logout.addEventListener('click', async () => {
  stopSocket();
  try { await api('/logout', {}); } catch (e) { /* the session ends on the server anyway */ }
  resetState();
  showLogin('');
});
