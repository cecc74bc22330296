// What the page knows of the chat, without any DOM: everyone online, the rooms the user is in
// (messages, members, topic), the private conversations (by the other person's key), which one
// is shown and what is unread. The session feeds it; the views listen to its events:
//   'users'    everyone online changed
//   'list'     conversations added, removed, renamed, unread counts
//   'current'  another conversation is shown
//   'lines'    {conv, op: 'append'|'prepend'|'update'|'remove'|'reset', lines}
//   'members'  {conv} the members or the topic of a room changed
import { GENERAL, roomKey } from './protocol.js';
import { mentions } from './textrules.js';

let nextSerial = 1;

function chatLine(msg, self) {
  return {
    serial: nextSerial++,
    id: msg.id,
    key: msg.key,
    sender: msg.sender,
    text: msg.message,
    ts: msg.ts,
    own: msg.key === self.key,
    mention: msg.key !== self.key && mentions(msg.message, self.name),
    state: 'sent',
  };
}

export class Conversations extends EventTarget {
  constructor() {
    super();
    this.self = { key: '', name: '' };
    this.users = new Map(); // key -> User, everyone online
    this.rooms = new Map(); // roomKey -> conversation
    this.privates = new Map(); // the other person's key -> conversation
    this.current = null; // a conversation, or null before the first join
    this.status = this.newConversation('status', '', ''); // notices before any conversation
  }

  newConversation(kind, id, title) {
    return {
      kind, id, title, topic: '', members: new Map(), lines: [], ids: new Set(),
      olderMayExist: true, loadingOlder: false,
      // The unread lines' ids, each with whether it mentions the user: the badge and its mark
      // follow from them, so a deleted message takes its share back.
      unreadIds: new Map(),
      get unread() { return this.unreadIds.size; },
      get mentioned() { return [...this.unreadIds.values()].some((mention) => mention); },
    };
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  // --- who is online
  setSelf(self) {
    this.self = self;
  }

  resetUsers(users) {
    this.users = new Map(users.map((u) => [u.key, u]));
    this.emit('users');
  }

  userConnected(user) {
    this.users.set(user.key, user);
    this.emit('users');
  }

  userDisconnected(user) {
    this.users.delete(user.key);
    this.emit('users');
    for (const conv of this.rooms.values()) {
      if (conv.members.delete(user.key)) this.emit('members', { conv });
    }
  }

  nameOf(key) {
    if (this.users.has(key)) return this.users.get(key).name;
    const conv = this.privates.get(key);
    return conv ? conv.title : key;
  }

  // --- conversations
  room(name) {
    return this.rooms.get(roomKey(name)) || null;
  }

  roomNames() {
    return [...this.rooms.values()].map((c) => c.id);
  }

  list() {
    const rooms = [...this.rooms.values()].sort((a, b) => a.id.localeCompare(b.id));
    const privates = [...this.privates.values()].sort((a, b) => a.title.localeCompare(b.title));
    return rooms.concat(privates);
  }

  conversationFor(to) {
    return to.privately ? this.privates.get(to.id) || null : this.room(to.id);
  }

  destinationOf(conv) {
    return { privately: conv.kind === 'private', id: conv.id };
  }

  show(conv) {
    if (!conv || conv.kind === 'status') return;
    this.current = conv;
    const hadUnread = conv.unread > 0;
    conv.unreadIds.clear();
    this.emit('current');
    if (hadUnread) this.emit('list');
  }

  // Read: the conversation shown is seen again (the tab came back into view).
  markRead() {
    if (this.current && this.current.unread > 0) {
      this.current.unreadIds.clear();
      this.emit('list');
    }
  }

  // A room's state (a join ack's RoomState, an enter ack): the lines shown stay (own messages
  // waiting for their ack among them), only newer ones are added; members and topic replaced.
  fillRoom(state) {
    let conv = this.room(state.name);
    const added = !conv;
    if (added) {
      conv = this.newConversation('room', state.name, state.name);
      conv.olderMayExist = !state.complete;
      this.rooms.set(roomKey(state.name), conv);
    }
    conv.topic = state.topic || '';
    conv.members = new Map((state.users || []).map((u) => [u.key, u]));
    this.addMessages(conv, state.history || [], false);
    this.emit('members', { conv });
    if (added) this.emit('list');
    return conv;
  }

  // A join: the rooms of the ack; on a fresh session the rooms it no longer has go.
  join(roomStates, privateMessages, resumed) {
    if (!resumed) {
      const kept = new Set(roomStates.map((s) => roomKey(s.name)));
      for (const conv of [...this.rooms.values()]) {
        if (!kept.has(roomKey(conv.id))) this.left(conv.id);
      }
    }
    for (const state of roomStates) this.fillRoom(state);
    for (const msg of privateMessages) this.addPrivate(msg, false);
    if (!this.current) {
      const general = this.room(GENERAL);
      const first = general || this.list()[0];
      if (first) this.show(first);
    }
  }

  left(name) {
    const conv = this.room(name);
    if (!conv) return;
    this.rooms.delete(roomKey(name));
    this.emit('list');
    if (this.current === conv) {
      this.current = null;
      const next = this.list()[0];
      if (next) this.show(next);
      else this.emit('current');
    }
  }

  openPrivate(key, name) {
    let conv = this.privates.get(key);
    if (!conv) {
      conv = this.newConversation('private', key, name);
      conv.olderMayExist = false; // private pages are by account: not offered here
      this.privates.set(key, conv);
      this.emit('list');
    }
    return conv;
  }

  // Messages from the server (history or live), each once: ids already shown are skipped.
  addMessages(conv, messages, live) {
    const lines = [];
    for (const msg of messages) {
      if (conv.ids.has(msg.id)) continue;
      conv.ids.add(msg.id);
      lines.push(chatLine(msg, this.self));
    }
    if (lines.length === 0) return [];
    conv.lines.push(...lines);
    if (live && conv !== this.current) {
      for (const line of lines) {
        if (line.own) continue;
        conv.unreadIds.set(line.id, line.mention || conv.kind === 'private');
      }
      this.emit('list');
    }
    this.emit('lines', { conv, op: 'append', lines });
    return lines;
  }

  addPrivate(msg, live) {
    const mine = msg.key === this.self.key;
    const other = mine ? msg.to : msg.key;
    const conv = this.openPrivate(other, mine ? this.nameOf(other) : msg.sender);
    return { conv, lines: this.addMessages(conv, [msg], live) };
  }

  // A page of older messages of a room, above what it shows.
  addOlder(conv, messages, more) {
    const lines = [];
    for (const msg of messages) {
      if (conv.ids.has(msg.id)) continue;
      conv.ids.add(msg.id);
      lines.push(chatLine(msg, this.self));
    }
    conv.olderMayExist = more;
    conv.loadingOlder = false;
    conv.lines.unshift(...lines);
    this.emit('lines', { conv, op: 'prepend', lines });
  }

  oldestId(conv) {
    const line = conv.lines.find((l) => l.id > 0);
    return line ? line.id : 0;
  }

  // --- own messages
  appendOwn(conv, text) {
    const line = {
      serial: nextSerial++, id: 0, key: this.self.key, sender: this.self.name, text,
      ts: Date.now(), own: true, mention: false, state: 'pending',
    };
    conv.lines.push(line);
    this.emit('lines', { conv, op: 'append', lines: [line] });
    return line.serial;
  }

  updateOwn(conv, serial, change) {
    const line = conv && conv.lines.find((l) => l.serial === serial);
    if (!line) return;
    Object.assign(line, change);
    if (change.id) conv.ids.add(change.id);
    this.emit('lines', { conv, op: 'update', lines: [line] });
  }

  // A message deleted on the server: its line goes, and so does its count when it was unread
  // (an id no conversation shows is ignored).
  removeMessage(id) {
    for (const conv of [...this.rooms.values(), ...this.privates.values()]) {
      const index = conv.lines.findIndex((l) => l.id === id);
      if (index < 0) continue;
      const [line] = conv.lines.splice(index, 1);
      if (conv.unreadIds.delete(id)) this.emit('list');
      this.emit('lines', { conv, op: 'remove', lines: [line] });
    }
  }

  // --- rooms events
  userEntered(room, user) {
    const conv = this.room(room);
    if (!conv) return;
    conv.members.set(user.key, this.users.get(user.key) || user);
    this.emit('members', { conv });
  }

  userLeft(room, user) {
    const conv = this.room(room);
    if (conv && conv.members.delete(user.key)) this.emit('members', { conv });
  }

  topicChanged(room, topic) {
    const conv = this.room(room);
    if (!conv) return;
    conv.topic = topic;
    this.emit('members', { conv });
  }

  // A line about the connection, in every conversation (before any, in the status lines).
  notice(text) {
    const convs = [...this.rooms.values(), ...this.privates.values()];
    for (const conv of convs.length ? convs : [this.status]) this.noticeIn(conv, text);
  }

  noticeIn(conv, text) {
    const line = { serial: nextSerial++, id: 0, notice: true, text, ts: Date.now() };
    conv.lines.push(line);
    this.emit('lines', { conv, op: 'append', lines: [line] });
  }

  shown() {
    return this.current || this.status;
  }
}
