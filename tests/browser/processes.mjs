// The processes and sockets beside the browser in the browser tests: chat-server on a free port
// of its own (a database file in a temporary directory), the desktop client's ChatSession as a
// peer process (chatpeer), and a TCP relay that can cut connections as a network does.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const WAIT_MS = 20000;

export function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chat-browser-'));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Whether a child process is gone already: then no 'exit' event will come.
function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

// Lines of a child's stdout, each parsed by `parse`, kept in order; waitFor finds one.
class LineLog {
  constructor(stream, parse) {
    this.items = [];
    this.waiters = [];
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      pending += chunk;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const item = parse(pending.slice(0, end));
        pending = pending.slice(end + 1);
        if (item === undefined) continue;
        this.items.push(item);
        for (const waiter of [...this.waiters]) this.check(waiter);
      }
    });
  }

  check(waiter) {
    for (let i = waiter.from; i < this.items.length; i += 1) {
      if (waiter.predicate(this.items[i])) {
        clearTimeout(waiter.timer);
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(this.items[i]);
        return;
      }
    }
  }

  // The first item from index `from` on that `predicate` accepts (already there, or to come).
  waitFor(predicate, what, from = 0, timeoutMs = WAIT_MS) {
    return new Promise((resolve, reject) => {
      const waiter = { predicate, from, resolve };
      waiter.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for ${what}; seen: ${JSON.stringify(this.items.slice(-8))}`));
      }, timeoutMs);
      this.waiters.push(waiter);
      this.check(waiter);
    });
  }

  mark() {
    return this.items.length;
  }
}

export class ChatServer {
  // `ini`: settings for a --config file of its own (resources/chat-server.ini's keys).
  constructor(binary, port, dir, ini = '') {
    this.binary = binary;
    this.port = port;
    this.dir = dir;
    this.db = path.join(dir, 'chat.db');
    this.config = ini ? path.join(dir, 'chat-server.ini') : '';
    if (ini) fs.writeFileSync(this.config, ini);
    this.process = null;
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/`;
  }

  toString() {
    return `chat-server on port ${this.port}`;
  }

  async start() {
    const args = ['--host', '127.0.0.1', '--port', String(this.port), '--db', this.db];
    if (this.config) args.push('--config', this.config);
    const child = spawn(this.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    this.stderr = '';
    child.stderr.on('data', (d) => { this.stderr = (this.stderr + d).slice(-4000); });
    const log = new LineLog(child.stdout, (line) => line);
    const gone = new Promise((_, reject) => child.once('exit', (code) => {
      reject(new Error(`chat-server exited (${code}): ${this.stderr}`));
    }));
    await Promise.race([log.waitFor((l) => l.startsWith('listening on'), 'chat-server to listen'),
      gone]);
    gone.catch(() => {});
  }

  // SIGTERM: every connection is closed with 1001, as when an operator restarts the server.
  async stop(signal = 'SIGTERM') {
    const child = this.process;
    if (!child) return;
    this.process = null;
    if (exited(child)) { // no 'exit' event will come
      throw new Error(`chat-server had exited already (${child.exitCode ?? child.signalCode}): ${this.stderr}`);
    }
    const gone = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, sig })));
    child.kill(signal);
    const { code, sig } = await gone;
    // A clean stop exits 0: anything else (a crash, a sanitizer's report at exit) fails the run.
    if (signal === 'SIGTERM' && code !== 0) {
      throw new Error(`chat-server stopped with ${code ?? sig}: ${this.stderr}`);
    }
  }

  // `chat-server account add NAME [--role ROLE]` against this server's database, the password
  // on stdin (its first line, as the command reads it from a pipe).
  addAccount(name, password, role = '') {
    return new Promise((resolve, reject) => {
      const args = ['account', 'add', name, '--db', this.db];
      if (role) args.push('--role', role);
      const child = spawn(this.binary, args, { stdio: ['pipe', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => { err += d; });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`account add: ${err}`))));
      child.stdin.end(`${password}\n`);
    });
  }
}

// A TCP relay in front of the server (the page loads from it, its WebSocket goes through it):
// cutAll() drops every connection without a WebSocket close, as a network does; while
// `dropReplies` is set, what the server sends is lost on the way (an ack that never arrives).
export class TcpProxy {
  constructor(targetPort) {
    this.targetPort = targetPort;
    this.sockets = new Set();
    this.dropReplies = false;
    this.server = net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.pipe(upstream);
      upstream.on('data', (data) => {
        if (!this.dropReplies) client.write(data);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  listen(host = '127.0.0.1') {
    return new Promise((resolve) => this.server.listen(0, host, () => {
      this.origin = `http://${host}:${this.server.address().port}`;
      resolve();
    }));
  }

  toString() {
    return `proxy ${this.origin}`;
  }

  cutAll() {
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  close() {
    this.cutAll();
    return new Promise((resolve) => this.server.close(resolve));
  }
}

// The peers' home: what ChatSession remembers (the rooms of a name) stays within one run.
let peerHome = '';

// The desktop client's ChatSession in a process (chatpeer.cpp).
export class Peer {
  constructor(binary) {
    peerHome ||= tempDir();
    this.name = '';
    this.child = spawn(binary, [], {
      stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, HOME: peerHome },
    });
    this.log = new LineLog(this.child.stdout, (line) => {
      try {
        return JSON.parse(line);
      } catch {
        return undefined;
      }
    });
  }

  toString() {
    return `peer ${this.child.pid} ${this.name}`;
  }

  send(command) {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  waitFor(predicate, what, from = 0) {
    return this.log.waitFor(predicate, what, from);
  }

  mark() {
    return this.log.mark();
  }

  async open(url, name) {
    this.name = name;
    const from = this.mark();
    this.send({ cmd: 'open', url, name });
    await this.waitFor((e) => e.event === 'joined', `${name} to join`, from);
  }

  async lines() {
    const from = this.mark();
    this.send({ cmd: 'lines' });
    return (await this.waitFor((e) => e.event === 'lines', 'lines', from)).lines;
  }

  wireSend(frame) {
    this.send({ cmd: 'wire-send', frame });
  }

  // The next frame on the wire from `from` on that `predicate` accepts.
  wireFrame(predicate, what, from = 0) {
    return this.waitFor((e) => e.event === 'wire' && predicate(e.frame), what, from)
      .then((e) => e.frame);
  }

  // A request on the wire (ids from 2 on: the join is 1); resolves with its ack frame.
  async wireRequest(event, data) {
    this.wireId = (this.wireId ?? 1) + 1;
    const id = this.wireId;
    const from = this.mark();
    this.wireSend({ event, id, data });
    return this.wireFrame((f) => f.event === 'ack' && f.id === id, `the ack of ${event}`, from);
  }

  // The wire: a raw WebSocket joined as `name` with `features` (and `extra` join data, such as a
  // password); resolves with the join ack.
  async wireJoin(url, name, features, extra = {}) {
    this.name ||= name;
    let from = this.mark();
    this.send({ cmd: 'wire-open', url });
    await this.waitFor((e) => e.event === 'wire-open', 'the wire to open', from);
    from = this.mark();
    this.send({ cmd: 'wire-send', frame: { event: 'join', id: 1, data: { name, features, ...extra } } });
    return (await this.waitFor((e) => e.event === 'wire' && e.frame.event === 'ack'
      && e.frame.id === 1, 'the wire join ack', from)).frame;
  }

  async quit() {
    if (exited(this.child)) return; // no 'exit' event will come
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.send({ cmd: 'quit' });
    await gone;
  }

  kill() {
    if (!exited(this.child)) this.child.kill('SIGKILL');
  }
}
