// OWidget operator console: plain JavaScript in ES modules, no framework, no build step.
//
// Everything that comes from the network is untrusted: it is checked for its type and put on the
// page with textContent only, never as HTML. The protocol is docs/protocol.md, section 6.
import { api } from './api.js';
import { enableAvailability } from './availability.js';
import { updateComposer } from './conversation-view.js';
import { handle } from './incoming.js';
import { setAcceptEnabled } from './queue.js';
import { endSession, setOperator, showLogin, startSession } from './session.js';
import { setSocketHandlers } from './socket.js';

setSocketHandlers({
  frame: handle,
  connectedChanged: (on) => {
    enableAvailability(on);
    updateComposer();
    setAcceptEnabled(on);
  },
  sessionEnded: endSession,
});

(async function start() {
  try {
    const { status, data } = await api('/me');
    if (status === 200) {
      setOperator(data.operator);
      startSession();
      return;
    }
    showLogin('');
  } catch (e) {
    showLogin('The server cannot be reached. Reload the page to try again.');
  }
})();
