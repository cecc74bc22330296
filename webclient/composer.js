// The text box "Message" and the button "Send": Enter sends, Shift+Enter starts a new line;
// typing tells the others (at most every 3 s); a message that cannot go says why.
import { withoutControlCharacters } from './protocol.js';

const TYPING_INTERVAL_MS = 3000;

export class Composer {
  constructor(session, el) {
    this.session = session;
    this.el = el;
    this.lastTyping = 0;
    el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.send();
    });
    el.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.send();
      }
    });
    el.input.addEventListener('input', () => {
      el.error.textContent = '';
      if (el.input.value === '' || !session.has('typing')) return;
      const now = Date.now();
      if (now - this.lastTyping < TYPING_INTERVAL_MS) return;
      this.lastTyping = now;
      session.notify('typing');
    });
  }

  send() {
    const text = withoutControlCharacters(this.el.input.value);
    const problem = this.session.sendMessage(text);
    this.el.error.textContent = text.trim() === '' ? '' : problem;
    if (problem) return;
    this.el.input.value = '';
    this.lastTyping = 0; // typing again after sending is news at once
    this.el.input.focus();
  }
}
