// What the console knows: one object, changed by the parts that receive the server's frames and
// read by the parts that draw the page.

export const state = {
  operator: null,           // {login, name, groups}
  availability: 'offline',
  queue: [],                // Q objects, sorted by position
  conversations: new Map(), // id -> Conversation (see makeConversation)
  order: [],                // conversation ids, in the order they were accepted
  selected: null,           // id of the conversation shown
  offline: [],              // O objects, newest first
  callbacks: [],            // R objects, newest first
  offlineMore: 0,           // older offline messages the snapshot left out
  callbacksMore: 0,         // older callback requests the snapshot left out
  ratings: [],              // RT objects, newest first
  ratingsMore: 0,           // older ratings the "ratings" message left out
};

// The protocol's limits come with the snapshot (its `limits`); until then nothing is cut
// or refused here, and the server still checks.
export const limits = { maxText: Infinity };

export function selectedConversation() {
  return state.conversations.get(state.selected);
}
