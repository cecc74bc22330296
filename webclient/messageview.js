// The list "Messages" of the conversation shown: lines appended live, older pages put above
// (keeping the reading position), own messages marked sending / not sent (with Retry), the
// "Load older messages" button and the scroll to the top that asks for a page. Message text
// only ever becomes text nodes (textrules.appendText).
import { appendText } from './textrules.js';

const NEAR_BOTTOM_PX = 48;
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export class MessageView {
  // callbacks: {loadOlder(conv), retry(conv, serial)}
  constructor(store, elements, callbacks) {
    this.store = store;
    this.list = elements.list;
    this.older = elements.older;
    this.callbacks = callbacks;
    this.items = new Map(); // serial -> <li> of the conversation shown
    this.conv = null;
    store.addEventListener('current', () => this.showConversation());
    store.addEventListener('lines', (e) => this.onLines(e.detail));
    this.list.addEventListener('scroll', () => {
      if (this.list.scrollTop < 16) this.askOlder();
    });
    this.older.addEventListener('click', () => this.askOlder());
    this.showConversation();
  }

  askOlder() {
    const conv = this.conv;
    if (conv && conv.kind === 'room' && conv.olderMayExist && !conv.loadingOlder) {
      this.callbacks.loadOlder(conv);
      this.updateOlder();
    }
  }

  updateOlder() {
    const conv = this.conv;
    this.older.hidden = !(conv && conv.kind === 'room' && conv.olderMayExist
      && this.callbacks.canLoadOlder());
    this.older.disabled = Boolean(conv && conv.loadingOlder);
    this.older.textContent = conv && conv.loadingOlder ? 'Loading older messages…'
      : 'Load older messages';
  }

  showConversation() {
    this.conv = this.store.shown();
    this.items.clear();
    this.list.replaceChildren(...this.conv.lines.map((line) => this.render(line)));
    this.list.scrollTop = this.list.scrollHeight;
    this.updateOlder();
  }

  nearBottom() {
    const l = this.list;
    return l.scrollHeight - l.scrollTop - l.clientHeight < NEAR_BOTTOM_PX;
  }

  onLines({ conv, op, lines }) {
    if (conv !== this.conv) return;
    if (op === 'append') {
      const stick = this.nearBottom() || lines.some((l) => l.own && l.state === 'pending');
      this.list.append(...lines.map((line) => this.render(line)));
      if (stick) this.list.scrollTop = this.list.scrollHeight;
    } else if (op === 'prepend') {
      const fromBottom = this.list.scrollHeight - this.list.scrollTop;
      this.list.prepend(...lines.map((line) => this.render(line)));
      this.list.scrollTop = this.list.scrollHeight - fromBottom;
    } else if (op === 'update') {
      for (const line of lines) this.items.get(line.serial)?.replaceWith(this.render(line));
    } else if (op === 'remove') {
      for (const line of lines) {
        this.items.get(line.serial)?.remove();
        this.items.delete(line.serial);
      }
    }
    this.updateOlder();
  }

  render(line) {
    const li = document.createElement('li');
    this.items.set(line.serial, li);
    if (line.notice) {
      li.className = 'notice';
      li.textContent = line.text;
      return li;
    }
    li.className = 'line';
    if (line.own) li.classList.add('own');
    if (line.mention) li.classList.add('mention');
    const meta = document.createElement('div');
    meta.className = 'meta';
    const sender = document.createElement('span');
    sender.className = 'sender';
    sender.textContent = line.sender;
    const time = document.createElement('time');
    const date = new Date(line.ts || Date.now());
    time.dateTime = date.toISOString();
    time.textContent = timeFormat.format(date);
    meta.append(sender, ' ', time);
    if (line.own && line.state !== 'sent') {
      const state = document.createElement('span');
      state.className = `delivery ${line.state}`;
      state.textContent = line.state === 'pending' ? 'sending…' : line.error || 'not sent';
      meta.append(' ', state);
      if (line.state === 'failed') {
        const retry = document.createElement('button');
        retry.type = 'button';
        retry.className = 'retry';
        retry.textContent = 'Retry';
        retry.addEventListener('click', () => this.callbacks.retry(this.conv, line.serial));
        meta.append(' ', retry);
      }
    }
    const text = document.createElement('div');
    text.className = 'text';
    appendText(text, line.text);
    li.append(meta, text);
    return li;
  }
}
