// The requests of the feature "rooms" that the user makes: enter (or create) a room, leave it,
// set its topic, page its history. Each resolves with '' or a sentence saying why not.
export function wireRooms(session, store) {
  const why = (answer) => (answer.error ? answer.error.message : '');
  return {
    async enter(name) {
      const known = store.room(name);
      if (known) {
        store.show(known);
        return '';
      }
      const answer = await session.request('enter', { room: name });
      if (answer.error) return `Cannot enter ${name}: ${answer.error.message}`;
      const state = answer.data.room;
      if (!state || typeof state.name !== 'string') return `Cannot enter ${name}.`;
      for (const msg of state.history || []) {
        session.lastSeenId = Math.max(session.lastSeenId, msg.id);
      }
      state.complete = session.holdsAllHistory(state, false);
      store.show(store.fillRoom(state));
      return '';
    },
    async leave(name) {
      const answer = await session.request('leave', { room: name });
      if (answer.error && answer.error.code !== 'not_in_room') {
        return `Cannot leave ${name}: ${answer.error.message}`;
      }
      store.left(name);
      return '';
    },
    async setTopic(room, topic) {
      const answer = await session.request('topic', { room, topic });
      if (answer.error) return `Cannot change the topic: ${why(answer)}`;
      store.topicChanged(room, topic); // the others are told by the server; we know from the ack
      return '';
    },
    async loadOlder(conv) {
      conv.loadingOlder = true;
      // Pages as large as the join's history (the server's history size), 1–100.
      const limit = Math.min(100, Math.max(1, Number(session.limits.historySize) || 50));
      const data = { room: conv.id, limit };
      const oldest = store.oldestId(conv);
      if (oldest > 0) data.before = oldest;
      const answer = await session.request('history', data);
      if (answer.error || !Array.isArray(answer.data.messages)) {
        conv.loadingOlder = false; // the next scroll to the top tries again
        return;
      }
      store.addOlder(conv, answer.data.messages, answer.data.more === true);
    },
  };
}
