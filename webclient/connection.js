// One WebSocket to the server that comes back on its own: after a lost connection it tries
// again after a growing, jittered delay (0.5 s doubling up to 15 s) until stopped. It knows
// nothing of the protocol beyond JSON frames.

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15000;
const CONNECT_TIMEOUT_MS = 10000;

export class Connection extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.state = 'closed'; // closed | connecting | open | waiting
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = 0;
    this.connectTimer = 0;
    this.retryAt = 0;
    this.reconnecting = false; // a lost connection is tried again
  }

  open() {
    this.reconnecting = true;
    if (this.state === 'closed' || this.state === 'waiting') this.connect();
  }

  // Leaves with a close handshake: the server lets the user go at once, nothing follows.
  close() {
    this.reconnecting = false;
    clearTimeout(this.retryTimer);
    if (this.socket) {
      const socket = this.socket;
      this.drop();
      socket.close(1000, 'Bye');
    }
    this.setState('closed');
  }

  // The next lost connection (or the one being waited on) is final.
  stopReconnecting() {
    this.reconnecting = false;
    clearTimeout(this.retryTimer);
    if (this.state === 'waiting') this.setState('closed');
  }

  reconnectNow() {
    this.reconnecting = true;
    if (this.state === 'waiting' || this.state === 'closed') {
      clearTimeout(this.retryTimer);
      this.connect();
    }
  }

  // Joined: the next loss starts again from the shortest delay.
  resetBackoff() {
    this.attempt = 0;
  }

  msUntilRetry() {
    return this.state === 'waiting' ? Math.max(0, this.retryAt - Date.now()) : -1;
  }

  // False when there is no open connection (nothing was sent).
  send(text) {
    if (this.state !== 'open') return false;
    this.socket.send(text);
    return true;
  }

  connect() {
    this.setState('connecting');
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch (error) {
      this.lost(1006, String(error.message || error));
      return;
    }
    this.socket = socket;
    this.connectTimer = setTimeout(() => {
      if (this.socket !== socket) return;
      this.drop();
      socket.close();
      this.lost(1006, 'the server did not answer');
    }, CONNECT_TIMEOUT_MS);
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      clearTimeout(this.connectTimer);
      this.setState('open');
      this.dispatchEvent(new Event('open'));
    });
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      this.dispatchEvent(new CustomEvent('frame', { detail: event.data }));
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.drop();
      this.lost(event.code, event.reason);
    });
  }

  drop() {
    clearTimeout(this.connectTimer);
    this.socket = null;
  }

  lost(code, reason) {
    const willReconnect = this.reconnecting;
    if (willReconnect) {
      const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(this.attempt, 10));
      const delay = Math.round(base * (0.75 + Math.random() * 0.5));
      this.attempt += 1;
      this.retryAt = Date.now() + delay;
      this.retryTimer = setTimeout(() => this.connect(), delay);
      this.setState('waiting');
    } else {
      this.setState('closed');
    }
    this.dispatchEvent(new CustomEvent('lost', { detail: { code, reason, willReconnect } }));
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}
