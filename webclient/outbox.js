// Own messages from the moment they are written until the server acknowledges them, in the
// order written. It carries the no-loss, no-duplicate rule across lost connections: a message
// whose ack was lost is sent again unless the history replayed at the next join shows it
// arrived (it was sent with the lastSeenId of its time, and the join asks from there).

// A token bucket as the server's (limits.rateLimit of the join ack): the outbox sends no faster.
class Pacer {
  constructor() {
    this.setLimit(null);
  }

  setLimit(rate) {
    this.burst = rate ? Math.max(1, rate.burst) : Infinity;
    this.perSecond = rate ? Math.max(0.001, rate.perSecond) : Infinity;
    this.tokens = this.burst;
    this.at = performance.now();
  }

  refill() {
    if (this.burst === Infinity) return;
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }

  take() {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  msUntilNext() {
    this.refill();
    return Math.max(1, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
  }
}

export function sameDestination(a, b) {
  if (a.privately !== b.privately) return false;
  return a.privately ? a.id === b.id : a.id.toLowerCase() === b.id.toLowerCase();
}

export class Outbox {
  constructor() {
    this.messages = []; // {serial, text, to: {privately, id}, requestId, seenAtSend}
    this.pacer = new Pacer();
  }

  get size() {
    return this.messages.length;
  }

  setRate(rate) {
    this.pacer.setLimit(rate);
  }

  add(serial, text, to) {
    this.messages.push({ serial, text, to, requestId: 0, seenAtSend: -1 });
  }

  // Sends what waits, in order, as fast as the rate allows: `send(message)` sends one and
  // returns its request id. Returns the milliseconds until the next may go (0: none waits).
  send(send, lastSeenId) {
    for (const message of this.messages) {
      if (message.requestId !== 0) continue; // on its way
      if (!this.pacer.take()) return this.pacer.msUntilNext();
      message.seenAtSend = lastSeenId;
      message.requestId = send(message);
    }
    return 0;
  }

  takeAnswered(requestId) {
    const index = this.messages.findIndex((m) => m.requestId === requestId);
    return index < 0 ? null : this.messages.splice(index, 1)[0];
  }

  // Refused as too fast after all: it goes again before everything not yet sent.
  sendAgain(message) {
    message.requestId = 0;
    const unsent = this.messages.findIndex((m) => m.requestId === 0);
    this.messages.splice(unsent < 0 ? this.messages.length : unsent, 0, message);
  }

  // The connection is gone: what was sent is unconfirmed, sent again after the next join
  // unless the replayed history shows it arrived.
  connectionLost() {
    for (const message of this.messages) message.requestId = 0;
  }

  // The lastSeenId to ask a join's history from: the oldest any waiting message was sent at.
  historyFrom(lastSeenId) {
    let from = lastSeenId;
    for (const message of this.messages) {
      if (message.seenAtSend >= 0) from = Math.min(from, message.seenAtSend);
    }
    return from;
  }

  // An own message the replayed history shows arrived (its ack was lost), out of the outbox.
  takeSentAs(to, text) {
    const index = this.messages.findIndex(
      (m) => m.seenAtSend >= 0 && sameDestination(m.to, to) && m.text === text);
    return index < 0 ? null : this.messages.splice(index, 1)[0];
  }

  takeAll() {
    return this.messages.splice(0);
  }
}
