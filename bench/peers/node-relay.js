// A minimal chat relay on Node.js and the `ws` package implementing docs/protocol.md
// (join, message, acks, errors, user connected/disconnected, new chat msg, history):
// what a user would otherwise pick. Used only as the benchmark's peer.
// Usage: node node-relay.js PORT
'use strict';
const crypto = require('crypto');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 5221);
const wss = new WebSocketServer({ port, host: '127.0.0.1', maxPayload: 64 * 1024 });
const joined = new Set();
const names = new Set();
const history = [];
let lastId = 0;

const random = (bytes) => crypto.randomBytes(bytes).toString('base64url');
const fail = (ws, id, code, message) =>
  ws.send(JSON.stringify(id ? { event: 'ack', id, error: { code, message } }
                            : { event: 'error', data: { code, message } }));
function broadcast(origin, event, data) {
  const frame = Buffer.from(JSON.stringify({ event, data })); // encoded once
  for (const ws of joined) if (ws !== origin) ws.send(frame, { binary: false });
}

wss.on('connection', (ws) => {
  ws.on('message', (raw, isBinary) => {
    if (isBinary) return ws.close(1003, 'binary frames are not supported');
    let msg;
    try { msg = JSON.parse(raw); } catch { return fail(ws, 0, 'bad_request', 'not JSON'); }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
      return fail(ws, 0, 'bad_request', 'not an object');
    const id = Number.isSafeInteger(msg.id) && msg.id > 0 ? msg.id : 0;
    if ('id' in msg && !id) return fail(ws, 0, 'bad_request', 'bad id');
    const data = msg.data || {};
    if (msg.event === 'join') {
      if (typeof data.name !== 'string') return fail(ws, id, 'bad_request', 'name');
      const name = data.name.trim();
      if (ws.user) return fail(ws, id, 'already_joined', 'already joined');
      if (!name || [...name].length > 32 || /[\u0000-\u001f\u007f-\u009f]/.test(name))
        return fail(ws, id, 'invalid_name', 'invalid name');
      if (names.has(name.toLowerCase())) return fail(ws, id, 'name_taken', 'taken');
      ws.user = { key: random(16), name };
      names.add(name.toLowerCase());
      joined.add(ws);
      broadcast(ws, 'user connected', ws.user);
      const users = [...joined].map((w) => w.user);
      if (id) ws.send(JSON.stringify({ event: 'ack', id,
        data: { key: ws.user.key, token: random(24), users, history } }));
    } else if (msg.event === 'message') {
      if (!ws.user) return fail(ws, id, 'not_joined', 'join first');
      if (typeof data.text !== 'string') return fail(ws, id, 'bad_request', 'text');
      if (!data.text.trim()) return fail(ws, id, 'invalid_message', 'empty');
      if (Buffer.byteLength(data.text) > 4000) return fail(ws, id, 'too_long', 'too long');
      const chat = { id: ++lastId, key: ws.user.key, sender: ws.user.name,
                     message: data.text, ts: Date.now() };
      history.push(chat);
      if (history.length > 100) history.shift();
      broadcast(ws, 'new chat msg', chat);
      if (id) ws.send(JSON.stringify({ event: 'ack', id, data: { id: chat.id, ts: chat.ts } }));
    } else {
      fail(ws, id, 'unknown_event', 'unknown event');
    }
  });
  ws.on('close', () => {
    if (!ws.user) return;
    joined.delete(ws);
    names.delete(ws.user.name.toLowerCase());
    broadcast(ws, 'user disconnected', ws.user);
  });
});
wss.on('listening', () => console.log(`listening on ws://127.0.0.1:${port}/`));
