// The operator's availability: the menu and its dot, what the server says it is, and what the
// operator last chose in this tab.
import { el, showToast } from './dom.js';
import { sendRaw } from './socket.js';
import { state } from './state.js';

export const AVAILABILITY = ['online', 'busy', 'away', 'offline'];
const CHOSEN_KEY = 'owidget.console.availability'; // the operator's own choice, for this tab

export function setAvailability(s) {
  if (!AVAILABILITY.includes(s)) return;
  state.availability = s;
  el.placeholderHint.textContent = s === 'online'
    ? 'Accept a visitor from the queue to start a conversation.'
    : 'Set yourself online, then accept a visitor from the queue.';
  el.availability.value = s;
  el.availabilityDot.dataset.state = s;
  el.availability.dataset.state = s;
}

export function enableAvailability(on) {
  el.availability.disabled = !on;
}

// What the operator last chose in this tab. A server restart forgets it; the console sets it
// again after reconnecting, so that the operator is never silently offline.
function chosenAvailability() {
  try { return sessionStorage.getItem(CHOSEN_KEY) || ''; } catch (e) { return ''; }
}

export function rememberAvailability(s) {
  try {
    if (s) sessionStorage.setItem(CHOSEN_KEY, s);
    else sessionStorage.removeItem(CHOSEN_KEY);
  } catch (e) { /* storage off: nothing is restored */ }
}

// The operator's choice when the server has another availability for them; '' when not.
export function availabilityToRestore() {
  const chosen = chosenAvailability();
  return AVAILABILITY.includes(chosen) && chosen !== state.availability ? chosen : '';
}

export function restoreAvailability(chosen) {
  sendRaw({ type: 'availability', state: chosen });
  el.availabilityDot.dataset.state = chosen; // confirmed by the server's "availability"
}

el.availability.addEventListener('change', () => {
  const wanted = el.availability.value;
  if (!sendRaw({ type: 'availability', state: wanted })) {
    setAvailability(state.availability);
    showToast('Not connected: your availability is unchanged.');
    return;
  }
  rememberAvailability(wanted);
  el.availabilityDot.dataset.state = wanted; // confirmed by the server's "availability"
});
