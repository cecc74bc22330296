// Who is typing: each `typing` event shows its user for a few seconds (as the desktop client:
// 6 s), or until that user's next message or departure. 'change' when the set changes.
const SHOWN_MS = 6000;

export class TypingTracker extends EventTarget {
  constructor() {
    super();
    this.entries = new Map(); // key -> {user, timer}
  }

  typing(user) {
    const known = this.entries.get(user.key);
    if (known) clearTimeout(known.timer);
    const timer = setTimeout(() => this.stopped(user.key), SHOWN_MS);
    this.entries.set(user.key, { user, timer });
    if (!known) this.dispatchEvent(new Event('change'));
  }

  stopped(key) {
    const known = this.entries.get(key);
    if (!known) return;
    clearTimeout(known.timer);
    this.entries.delete(key);
    this.dispatchEvent(new Event('change'));
  }

  clear() {
    for (const { timer } of this.entries.values()) clearTimeout(timer);
    if (this.entries.size === 0) return;
    this.entries.clear();
    this.dispatchEvent(new Event('change'));
  }

  // A sentence for the typists `among` accepts ('' for none).
  text(among) {
    const names = [...this.entries.values()].filter((e) => among(e.user.key)).map((e) => e.user.name);
    if (names.length === 0) return '';
    if (names.length === 1) return `${names[0]} is typing…`;
    if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
    return `${names.length} people are typing…`;
  }
}
