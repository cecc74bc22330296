// The side panel: the list "Conversations" (rooms the user is in and private conversations,
// with unread counts and a mark for mentions), the list "Users" (everyone online; a click
// writes to that person privately), entering or creating a room, and the list of all rooms.
import { roomNameProblem } from './protocol.js';

function button(text, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

export class Sidebar {
  // actions: {show(conv), openPrivate(user), enterRoom(name) -> Promise<string error>,
  //           listRooms() -> Promise<{rooms}|{error}>, canWritePrivately()}
  constructor(store, elements, actions) {
    this.store = store;
    this.el = elements;
    this.actions = actions;
    store.addEventListener('list', () => this.renderConversations());
    store.addEventListener('current', () => this.renderConversations());
    store.addEventListener('users', () => this.renderUsers());
    elements.enterForm.addEventListener('submit', (e) => {
      e.preventDefault();
      this.enter(elements.roomName.value);
    });
    elements.listRooms.addEventListener('click', () => this.toggleDirectory());
  }

  async enter(name) {
    const problem = roomNameProblem(name);
    this.el.roomError.textContent = problem;
    if (problem) return;
    const error = await this.actions.enterRoom(name.trim());
    this.el.roomError.textContent = error;
    if (!error) {
      this.el.roomName.value = '';
      if (!this.el.directory.hidden) this.refreshDirectory();
    }
  }

  async toggleDirectory() {
    const open = this.el.directory.hidden;
    this.el.directory.hidden = !open;
    this.el.listRooms.setAttribute('aria-expanded', String(open));
    if (open) await this.refreshDirectory();
  }

  async refreshDirectory() {
    const answer = await this.actions.listRooms();
    if (answer.error) {
      this.el.roomError.textContent = `Cannot list the rooms: ${answer.error.message}`;
      return;
    }
    const rooms = Array.isArray(answer.data.rooms) ? answer.data.rooms : [];
    this.el.directory.replaceChildren(...rooms.map((room) => {
      const li = document.createElement('li');
      const members = room.members === 1 ? '1 member' : `${room.members} members`;
      const b = button(room.name, () => this.enter(room.name));
      const detail = document.createElement('span');
      detail.className = 'detail';
      detail.textContent = room.topic ? `${members} · ${room.topic}` : members;
      li.append(b, ' ', detail);
      return li;
    }));
  }

  renderConversations() {
    const current = this.store.current;
    this.el.conversations.replaceChildren(...this.store.list().map((conv) => {
      const li = document.createElement('li');
      const b = button('', () => this.actions.show(conv));
      b.className = conv.kind;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = conv.kind === 'room' ? `# ${conv.title}` : `@ ${conv.title}`;
      b.append(name);
      let label = conv.kind === 'room' ? `Room ${conv.title}` : `Private with ${conv.title}`;
      if (conv.unread > 0) {
        const badge = document.createElement('span');
        badge.className = conv.mentioned ? 'badge mentioned' : 'badge';
        badge.textContent = String(conv.unread);
        b.append(badge);
        label += `, ${conv.unread} unread`;
        if (conv.mentioned) label += ', mentions you';
      }
      b.setAttribute('aria-label', label);
      if (conv === current) b.setAttribute('aria-current', 'true');
      li.append(b);
      return li;
    }));
    const total = this.store.list().reduce((sum, c) => sum + c.unread, 0);
    document.title = total > 0 ? `(${total}) Chat` : 'Chat';
  }

  renderUsers() {
    const users = [...this.store.users.values()].sort((a, b) => a.name.localeCompare(b.name));
    const self = this.store.self.key;
    this.el.users.replaceChildren(...users.map((user) => {
      const li = document.createElement('li');
      if (user.key === self || !this.actions.canWritePrivately()) {
        const span = document.createElement('span');
        span.className = 'person';
        span.textContent = user.key === self ? `${user.name} (you)` : user.name;
        li.append(span);
      } else {
        const b = button(user.name, () => this.actions.openPrivate(user));
        b.className = 'person';
        b.title = `Write to ${user.name} privately`;
        li.append(b);
      }
      if (user.role === 'admin' || user.role === 'moderator') {
        const role = document.createElement('span');
        role.className = 'detail';
        role.textContent = ` ${user.role}`;
        li.append(role);
      }
      return li;
    }));
  }
}
