// The server's events (not acks) for a Session: presence, messages, rooms, moderation. What the
// session does not keep itself (typing, locations, kicked) goes out as its 'server' event.
import { GENERAL } from './protocol.js';

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isChatMsg(data) {
  return isObject(data) && Number.isSafeInteger(data.id) && typeof data.key === 'string'
    && typeof data.sender === 'string' && typeof data.message === 'string';
}

function isUser(data) {
  return isObject(data) && typeof data.key === 'string' && typeof data.name === 'string';
}

function incoming(session, conv, lines, privately) {
  for (const line of lines) {
    if (!line.own) session.emit('incoming', { conv, line, privately });
  }
}

export function handleServerEvent(session, event, data) {
  const store = session.store;
  const server = () => session.emit('server', { event, data });
  switch (event) {
    case 'error':
      store.notice(`The server says: ${isObject(data) && data.message ? data.message : 'error'}`);
      return;
    case 'user connected':
      if (!isUser(data)) return;
      store.userConnected(data);
      if (!session.has('rooms')) store.userEntered(GENERAL, data); // v1: all in general
      return;
    case 'user disconnected':
      if (!isUser(data)) return;
      store.userDisconnected(data);
      server();
      return;
    case 'new chat msg': {
      if (!isChatMsg(data)) return;
      const room = session.has('rooms') && typeof data.room === 'string' ? data.room : GENERAL;
      session.lastSeenId = Math.max(session.lastSeenId, data.id);
      const conv = store.room(room);
      if (!conv) return;
      incoming(session, conv, store.addMessages(conv, [data], true), false);
      server();
      return;
    }
    case 'private msg': {
      if (!isChatMsg(data) || typeof data.to !== 'string') return;
      session.lastSeenId = Math.max(session.lastSeenId, data.id);
      const { conv, lines } = store.addPrivate(data, true);
      incoming(session, conv, lines, true);
      server();
      return;
    }
    case 'user entered':
      if (isUser(data) && typeof data.room === 'string') {
        store.userEntered(data.room, { key: data.key, name: data.name });
      }
      return;
    case 'user left':
      if (isUser(data) && typeof data.room === 'string') store.userLeft(data.room, data);
      return;
    case 'topic changed':
      if (isObject(data) && typeof data.room === 'string' && typeof data.topic === 'string') {
        store.topicChanged(data.room, data.topic);
        const who = typeof data.name === 'string' ? data.name : 'Someone';
        const conv = store.room(data.room);
        if (conv) store.noticeIn(conv, `${who} set the topic: ${data.topic}`);
      }
      return;
    case 'message deleted':
      if (isObject(data) && Number.isSafeInteger(data.id)) store.removeMessage(data.id);
      return;
    case 'kicked':
      if (isObject(data)) {
        const by = typeof data.by === 'string' ? data.by : 'a moderator';
        const reason = typeof data.reason === 'string' && data.reason ? `: ${data.reason}` : '.';
        store.notice(`You were removed by ${by}${reason}`);
      }
      server();
      return;
    case 'typing':
      if (isUser(data) && data.key !== session.self.key) server();
      return;
    default:
      server(); // location update, and events of features to come
  }
}
