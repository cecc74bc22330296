// The conversation with the server: joins (again after every lost connection, resuming with
// the token and lastSeenId), answers acks, feeds the Conversations store, and sends own
// messages through the Outbox (pending until acked, sent once after a resume). Events:
//   'state'    this.state changed: idle | connecting | joining | refused | joined | waiting | closed
//   'joined'   {resumed}
//   'refused'  {code, message, login} the join was refused (login: the user must act)
//   'incoming' {conv, line, privately} a message from someone else arrived live
//   'server'   {event, data} an event for other modules (typing, location update, kicked …)
//   'lost'     {reason, willReconnect}
import { Connection } from './connection.js';
import { Outbox } from './outbox.js';
import {
  CLOSE, DEFAULT_LIMITS, FEATURES, GENERAL, LOGIN_ERRORS, decode, encode, messageProblem,
} from './protocol.js';
import { handleServerEvent } from './sessionevents.js';

const RATE_LIMITED_RETRY_MS = 1000;

export class Session extends EventTarget {
  constructor(store, url) {
    super();
    this.store = store;
    this.connection = new Connection(url);
    this.outbox = new Outbox();
    this.state = 'idle';
    this.name = '';
    this.credentials = {}; // {password, serverPassword}: this page's memory only
    this.self = { key: '', name: '' };
    this.token = '';
    this.lastSeenId = 0;
    this.features = new Set();
    this.limits = DEFAULT_LIMITS;
    this.everJoined = false;
    this.outage = false;
    this.askedForRooms = false;
    this.nextId = 1;
    this.joinId = 0;
    this.replies = new Map(); // request id -> resolve
    this.paceTimer = 0;
    this.connection.addEventListener('open', () => this.sendJoin());
    this.connection.addEventListener('frame', (e) => this.onFrame(e.detail));
    this.connection.addEventListener('lost', (e) => this.onLost(e.detail));
    this.connection.addEventListener('state', (e) => {
      if (e.detail === 'connecting') this.setState('connecting');
    });
  }

  has(feature) {
    return this.features.has(feature);
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  // Joins as `name` (connecting first when needed); also after a refusal, with other
  // credentials or another name.
  join(name, credentials = {}) {
    if (name.trim().toLowerCase() !== this.name.trim().toLowerCase() && this.everJoined) {
      this.token = ''; // another name: another session
    }
    this.name = name;
    this.credentials = credentials;
    if (this.connection.state === 'open') this.sendJoin();
    else this.connection.reconnectNow();
  }

  leave() {
    this.connection.close();
    this.failOutbox('not sent: you left');
    this.setState('closed');
  }

  reconnectNow() {
    this.connection.reconnectNow();
  }

  sendJoin() {
    if (this.state === 'joining' || this.state === 'joined') return;
    const data = { name: this.name, features: FEATURES };
    if (this.token) data.token = this.token;
    // The server sends what follows lastSeenId. A message sent but never acked got its id after
    // what had been seen when it was sent: ask from there, so it shows up if the server has it.
    if (this.everJoined) data.lastSeenId = this.outbox.historyFrom(this.lastSeenId);
    this.askedForRooms = this.everJoined && this.has('rooms');
    if (this.askedForRooms) data.rooms = this.store.roomNames();
    if (this.credentials.password) data.password = this.credentials.password;
    if (this.credentials.serverPassword) data.serverPassword = this.credentials.serverPassword;
    this.setState('joining');
    this.joinId = this.nextId++;
    this.connection.send(encode('join', data, this.joinId));
  }

  // A request with an id: resolves with {data} or {error: {code, message}} (code
  // 'not_connected' when the connection is down or was lost before the answer).
  request(event, data) {
    const id = this.nextId++;
    if (!this.connection.send(encode(event, data, id))) {
      return Promise.resolve({ error: { code: 'not_connected', message: 'not connected' } });
    }
    return new Promise((resolve) => this.replies.set(id, resolve));
  }

  // A notice with no answer (typing).
  notify(event) {
    if (this.state === 'joined') this.connection.send(encode(event));
  }

  onFrame(text) {
    const frame = decode(text);
    if (!frame) return;
    if (frame.event === 'ack') {
      this.onAck(frame);
      return;
    }
    handleServerEvent(this, frame.event, frame.data);
  }

  onAck(frame) {
    if (frame.id === this.joinId && this.state === 'joining') {
      this.joinId = 0;
      this.onJoinAck(frame);
      return;
    }
    const message = this.outbox.takeAnswered(frame.id);
    if (message) {
      this.onMessageAck(message, frame);
      return;
    }
    const resolve = this.replies.get(frame.id);
    if (resolve) {
      this.replies.delete(frame.id);
      resolve(frame.error ? { error: frame.error } : { data: frame.data || {} });
    }
  }

  onJoinAck(frame) {
    if (frame.error) {
      this.onJoinRefused(frame.error);
      return;
    }
    const data = frame.data || {};
    const previousKey = this.self.key;
    const resumed = data.resumed === true && data.key === previousKey;
    const users = Array.isArray(data.users) ? data.users : [];
    const me = users.find((u) => u.key === data.key);
    this.self = { key: data.key, name: me ? me.name : this.name.trim() };
    this.name = this.self.name;
    this.token = data.token || '';
    this.features = new Set(Array.isArray(data.features) ? data.features : []);
    this.limits = { ...DEFAULT_LIMITS, ...(data.limits || {}) };
    if (data.limits && 'rateLimit' in data.limits) this.limits.rateLimit = data.limits.rateLimit;
    this.account = data.account || null;
    this.outbox.setRate(this.limits.rateLimit);
    this.store.setSelf(this.self);
    this.store.resetUsers(users);
    let rooms;
    let privates = [];
    if (this.has('rooms')) {
      rooms = Array.isArray(data.rooms) ? data.rooms : [];
      privates = Array.isArray(data.private) ? data.private : [];
    } else {
      rooms = [{ name: GENERAL, topic: '', users, history: data.history || [] }];
    }
    for (const state of rooms) {
      state.complete = this.holdsAllHistory(state, resumed);
      state.history = (state.history || []).filter(
        (msg) => !this.settleOwn({ privately: false, id: state.name }, msg, previousKey));
    }
    privates = privates.filter(
      (msg) => !this.settleOwn({ privately: true, id: msg.to }, msg, previousKey));
    this.store.join(rooms, privates, resumed);
    if (this.outage) {
      this.store.notice(resumed ? 'Reconnected.' : 'Reconnected as a new session.');
      if (data.historyGap) {
        this.store.notice('Some messages from while you were away are no longer on the server; '
          + 'only the most recent are shown.');
      }
    }
    this.outage = false;
    this.everJoined = true;
    this.connection.resetBackoff();
    this.setState('joined');
    this.flushOutbox();
    this.emit('joined', { resumed });
  }

  onJoinRefused(error) {
    const code = error.code || '';
    const message = error.message || code;
    if (this.askedForRooms && (code === 'invalid_room' || code === 'too_many_rooms')) {
      // A room of the last session is no longer possible: join without, rather than not at all.
      this.store.notice(`Could not enter every room again: ${message}`);
      this.setState('connecting');
      this.askedForRooms = false;
      const rooms = this.store.roomNames();
      for (const room of rooms) this.store.left(room);
      this.sendJoin();
      return;
    }
    const login = LOGIN_ERRORS.has(code);
    if (login && code === 'rate_limited' && this.everJoined) {
      // An unattended reconnection the server cannot check now: again after the backoff.
      this.store.notice(`The server asks to wait: ${message}`);
      this.connection.socket?.close();
      this.setState('waiting');
      return;
    }
    if (code === 'auth_failed') this.credentials.password = '';
    if (code === 'bad_server_password') this.credentials.serverPassword = '';
    // The user decides what comes next: nothing is tried on its own (the server closes an
    // unjoined connection after a while; join() connects again).
    this.connection.stopReconnecting();
    this.setState('refused');
    this.emit('refused', { code, message, login });
  }

  // Whether a RoomState's history is all the room has: fewer messages than the server keeps,
  // well under its byte bound, no gap (then no page of older ones is offered).
  holdsAllHistory(state, resumed) {
    const history = state.history || [];
    if (resumed || state.historyGap) return false;
    const size = Number(this.limits.historySize) || 100;
    const bytes = Number(this.limits.historyBytes) || 131072;
    return history.length < size && JSON.stringify(history).length < bytes / 2;
  }

  // One message a join ack brought back: true when it is an own one whose ack was lost, now
  // marked delivered (and not shown twice).
  settleOwn(to, msg, previousKey) {
    this.lastSeenId = Math.max(this.lastSeenId, msg.id || 0);
    if (msg.key !== this.self.key && msg.key !== previousKey) return false;
    const sent = this.outbox.takeSentAs(to, msg.message);
    if (!sent) return false;
    const conv = this.store.conversationFor(to);
    this.store.updateOwn(conv, sent.serial, { state: 'sent', id: msg.id, ts: msg.ts });
    return true;
  }

  // Queues `text` for the conversation shown: it appears at once as pending. '' when queued,
  // else why not.
  sendMessage(text) {
    const conv = this.store.current;
    if (!conv || !this.everJoined) return 'Not in a conversation.';
    const problem = messageProblem(text, this.limits.maxTextBytes);
    if (problem) return problem;
    const to = this.store.destinationOf(conv);
    this.outbox.add(this.store.appendOwn(conv, text), text, to);
    this.flushOutbox();
    return '';
  }

  // Sends a message that was not delivered again.
  retry(conv, serial) {
    const line = conv.lines.find((l) => l.serial === serial && l.state === 'failed');
    if (!line) return;
    this.outbox.add(serial, line.text, this.store.destinationOf(conv));
    this.store.updateOwn(conv, serial, { state: 'pending', error: '' });
    if (this.state === 'closed') this.connection.reconnectNow();
    this.flushOutbox();
  }

  flushOutbox() {
    if (this.state !== 'joined') return;
    clearTimeout(this.paceTimer);
    const waitMs = this.outbox.send((message) => {
      const id = this.nextId++;
      const data = message.to.privately
        ? { to: message.to.id, text: message.text }
        : { text: message.text };
      if (!message.to.privately && this.has('rooms')) data.room = message.to.id;
      this.connection.send(encode(message.to.privately ? 'private' : 'message', data, id));
      return id;
    }, this.lastSeenId);
    if (waitMs > 0) this.paceTimer = setTimeout(() => this.flushOutbox(), waitMs);
  }

  onMessageAck(message, frame) {
    const conv = this.store.conversationFor(message.to);
    if (frame.error && frame.error.code === 'rate_limited') {
      this.outbox.sendAgain(message); // faster than the server allows after all: again
      clearTimeout(this.paceTimer);
      this.paceTimer = setTimeout(() => this.flushOutbox(), RATE_LIMITED_RETRY_MS);
      return;
    }
    if (frame.error) {
      this.store.updateOwn(conv, message.serial, { state: 'failed', error: frame.error.message });
      return;
    }
    const data = frame.data || {};
    this.store.updateOwn(conv, message.serial, { state: 'sent', id: data.id, ts: data.ts });
    // Everything before it has reached us already: the ack follows its message's fan-out.
    this.lastSeenId = Math.max(this.lastSeenId, data.id || 0);
  }

  onLost({ code, reason, willReconnect }) {
    this.outbox.connectionLost();
    this.joinId = 0;
    clearTimeout(this.paceTimer);
    for (const resolve of this.replies.values()) {
      resolve({ error: { code: 'not_connected', message: 'the connection was lost' } });
    }
    this.replies.clear();
    // A close reason may be a sentence of its own ("Kicked by mod."): the notices end it.
    let why = reason ? reason.replace(/\.$/, '')
      : (code === 1006 ? 'the connection dropped' : `code ${code}`);
    if (code === CLOSE.resumedElsewhere) {
      willReconnect = false;
      why = 'this session continued in another tab or window';
    } else if (code === CLOSE.kicked || code === CLOSE.banned) {
      willReconnect = false;
    }
    if (!willReconnect) {
      this.connection.stopReconnecting();
      if (this.state === 'refused') {
        this.emit('lost', { reason: why, willReconnect });
        return; // the user is being asked; join() connects again
      }
      if (this.everJoined) this.store.notice(`Disconnected: ${why}.`);
      this.failOutbox('not sent: disconnected');
      this.setState('closed');
    } else {
      if (!this.outage && this.everJoined) this.store.notice(`Connection lost: ${why}. Reconnecting…`);
      this.outage = this.everJoined;
      this.setState(this.everJoined ? 'waiting' : 'connecting');
    }
    this.emit('lost', { reason: why, willReconnect });
  }

  failOutbox(why) {
    for (const message of this.outbox.takeAll()) {
      const conv = this.store.conversationFor(message.to);
      this.store.updateOwn(conv, message.serial, { state: 'failed', error: why });
    }
  }
}
