// One hostile probe against a running chat-server (see bench/hostile.sh): the attacker connects
// from 127.0.0.2 (another host to the server), a bystander from 127.0.0.1 chats on (a message
// every 100 ms, each ack timed), and a newcomer from 127.0.0.1 joins once a second. Prints one
// JSON line: the bystander's ack latency, whether it stayed connected, the newcomers' slowest
// join, the server's CPU and peak RSS, and what became of the attacking connections.
//
// The attacker runs in a child process of its own, so that its loops never delay the bystander's.
//
// Usage: node hostile-probe.js PROBE PORT SERVER_PID [SECONDS]
//        node hostile-probe.js --attack PROBE PORT SECONDS   (the child)
'use strict';
const childProcess = require('child_process');
const fs = require('fs');
const net = require('net');
const WebSocket = require('ws');

const attackMode = process.argv[2] === '--attack';
const args = process.argv.slice(attackMode ? 3 : 2);
const [probe, portText] = args;
const pidText = attackMode ? '0' : args[2];
const secondsText = attackMode ? args[2] : args[3];
const port = Number(portText);
const pid = Number(pidText);
const seconds = Number(secondsText || 10);
const url = `ws://127.0.0.1:${port}/`;
const ATTACKER = '127.0.0.2';
const LOCAL = '127.0.0.1';

const outcome = { opened: 0, refused503: 0, closes: {}, answers: {}, accepted: 0 };
const countClose = (code) => { outcome.closes[code] = (outcome.closes[code] || 0) + 1; };
const countAnswer = (code) => { outcome.answers[code] = (outcome.answers[code] || 0) + 1; };
let stopping = false;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function cpuTicks() {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}
function peakRssKiB() {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line.split(/\s+/)[1]);
}

// A client that joins; resolves with the socket and the join ack's text once it has joined.
function joinClient(name, localAddress, extra = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress });
    ws.on('open', () => ws.send(JSON.stringify({ event: 'join', id: 1, data: { name, ...extra } })));
    ws.on('unexpected-response', (req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    ws.once('message', (data) => {
      const text = data.toString();
      const answer = JSON.parse(text);
      if (answer.error) reject(new Error(answer.error.code));
      else resolve({ ws, ack: text, answer });
    });
  });
}

// ---- the bystander and the newcomers -----------------------------------------------------
async function bystander(report) {
  const { ws } = await joinClient('bystander', LOCAL);
  report.connected = true;
  ws.on('close', () => { if (!stopping) report.connected = false; });
  const sent = new Map();
  let id = 1;
  ws.on('message', (data) => {
    const answer = JSON.parse(data.toString());
    if (answer.event === 'ack' && sent.has(answer.id)) {
      report.latencies.push(Number(process.hrtime.bigint() - sent.get(answer.id)) / 1e6);
      sent.delete(answer.id);
    }
  });
  const timer = setInterval(() => {
    if (ws.readyState !== WebSocket.OPEN) return;
    sent.set(++id, process.hrtime.bigint());
    ws.send(JSON.stringify({ event: 'message', id, data: { text: `tick ${id}` } }));
  }, 100);
  report.finish = () => { clearInterval(timer); report.unanswered = sent.size; ws.close(); };
}

async function newcomers(report) {
  for (let i = 0; !stopping; ++i) {
    const started = Date.now();
    try {
      const { ws, ack } = await Promise.race([
        joinClient(`newcomer${i}`, LOCAL),
        sleep(5000).then(() => { throw new Error('timeout'); }),
      ]);
      report.joinMs.push(Date.now() - started);
      report.ackBytes = Math.max(report.ackBytes, Buffer.byteLength(ack));
      ws.close();
    } catch (error) {
      report.joinFailures.push(String(error.message));
    }
    await sleep(1000);
  }
}

// ---- the attackers -----------------------------------------------------------------------
function attacker(options = {}) {
  const ws = new WebSocket(url, { localAddress: ATTACKER, ...options });
  ws.on('unexpected-response', (req, res) => {
    if (res.statusCode === 503) ++outcome.refused503;
    req.destroy();
  });
  ws.on('open', () => ++outcome.opened);
  ws.on('close', (code) => countClose(code));
  ws.on('error', () => {});
  ws.on('message', (data) => {
    try {
      const answer = JSON.parse(data.toString());
      const code = (answer.error || (answer.event === 'error' && answer.data) || {}).code;
      countAnswer(code || answer.event);
    } catch (e) { countAnswer('unparsed'); }
  });
  return ws;
}
const opened = (ws) => new Promise((resolve) => {
  ws.once('open', () => resolve(true));
  ws.once('close', () => resolve(false));
  ws.once('unexpected-response', () => resolve(false));
});
// Calls `step` as fast as the socket takes it (whenever less than 1 MB waits in it).
function flood(ws, step) {
  const pump = () => {
    if (stopping || ws.readyState !== WebSocket.OPEN) return;
    for (let i = 0; i < 64 && ws.bufferedAmount < 1 << 20; ++i) step();
    setImmediate(pump);
  };
  pump();
}

const probes = {
  // One unjoined socket pinging (125 bytes) as fast as it can, never reading the pongs.
  async 'ping-flood'() {
    const ws = attacker();
    if (!(await opened(ws))) return;
    ws._socket.pause();
    const payload = Buffer.alloc(125, 'p');
    flood(ws, () => ws.ping(payload));
  },
  // The same, reading its pongs.
  async 'ping-flood-reading'() {
    const ws = attacker();
    if (!(await opened(ws))) return;
    const payload = Buffer.alloc(125, 'p');
    flood(ws, () => ws.ping(payload));
  },
  // 10,500 handshakes from one address, never joining (ws answers pings by itself).
  async 'handshake-flood'() {
    const sockets = [];
    for (let i = 0; i < 10500 && !stopping; i += 100) {
      const batch = [];
      for (let j = 0; j < 100; ++j) {
        const ws = attacker();
        sockets.push(ws);
        batch.push(opened(ws));
      }
      await Promise.all(batch);
    }
  },
  // 2 joined sockets sending 60 KB frames of ~5,800 unknown top-level keys.
  async 'many-keys'() {
    let frame = '{"event":"message","data":{"text":"x"}';
    for (let i = 0; frame.length < 60000; ++i) frame += `,"${i.toString(36)}":0`;
    frame += '}';
    for (let i = 0; i < 2; ++i) {
      const ws = attacker();
      if (!(await opened(ws))) continue;
      ws.send(JSON.stringify({ event: 'join', id: 1, data: { name: `keys${i}` } }));
      flood(ws, () => ws.send(frame));
    }
  },
  // 4 sockets pipelining failing joins, typing, not_joined and rate_limited messages.
  async pipelining() {
    const frames = [
      '{"event":"join","id":2,"data":{"name":""}}',
      '{"event":"typing","id":3}',
      '{"event":"message","id":4,"data":{"text":"spam"}}',
    ];
    for (let i = 0; i < 4; ++i) {
      const ws = attacker();
      if (!(await opened(ws))) continue;
      if (i % 2) ws.send(JSON.stringify({ event: 'join', id: 1, data: { name: `pipe${i}` } }));
      let n = 0;
      flood(ws, () => ws.send(frames[n++ % frames.length]));
    }
  },
  // Ten clients send 10 messages of 4,000 x U+0001; then the newcomers' join acks are measured.
  async 'control-chars'() {
    const text = '\u0001'.repeat(4000);
    for (let i = 0; i < 10; ++i) {
      const ws = attacker();
      if (!(await opened(ws))) continue;
      ws.send(JSON.stringify({ event: 'join', id: 1, data: { name: `ctl${i}` } }));
      for (let m = 0; m < 10; ++m)
        ws.send(JSON.stringify({ event: 'message', id: 2 + m, data: { text } }));
    }
  },
  // Clients join with "resume" and drop their TCP connection, over and over.
  async 'resume-drop'() {
    for (let i = 0; !stopping; ++i) {
      const ws = attacker();
      if (!(await opened(ws))) { await sleep(10); continue; }
      ws.send(JSON.stringify({ event: 'join', id: 1,
        data: { name: `held${i}`, features: ['resume'] } }));
      await Promise.race([new Promise((r) => ws.once('message', r)), sleep(1000)]);
      ws._socket.destroy();
    }
  },
  // Names that look like the bystander's, or like nothing.
  async names() {
    const names = ['bystander\u200B', '\u200B\u200B\u200B', '\u2800', 'b\u0443st\u0430nd\u0435r',
      'BYSTANDER', '\uFF42\uFF59\uFF53\uFF54\uFF41\uFF4E\uFF44\uFF45\uFF52', '\u3164'];
    for (const name of names) {
      try {
        await joinClient(name, ATTACKER);
        ++outcome.accepted;
      } catch (error) {
        countAnswer(error.message);
      }
    }
  },
  // Plain HTTP GETs in a row (no Upgrade), 4 at a time (under the unjoined cap).
  async 'http-get'() {
    let statuses = {};
    const one = () => new Promise((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1', localAddress: ATTACKER });
      let head = '';
      socket.on('connect', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.on('data', (d) => { head += d.toString(); });
      socket.on('close', () => {
        const status = head.split(' ')[1] || 'none';
        statuses[status] = (statuses[status] || 0) + 1;
        resolve();
      });
      socket.on('error', () => {});
    });
    let sent = 0;
    while (!stopping && sent < 58000) {
      await Promise.all(Array.from({ length: 4 }, one));
      sent += 4;
    }
    outcome.httpStatuses = statuses;
  },
  // A message sent in one-byte fragments, 60,000 of them.
  async fragments() {
    const ws = attacker();
    if (!(await opened(ws))) return;
    ws.send(JSON.stringify({ event: 'join', id: 1, data: { name: 'pieces' } }));
    let sent = 0;
    flood(ws, () => { if (sent < 60000) ws.send('x', { fin: false }); ++sent; });
  },
};

async function attack() {
  const running = probes[probe]().catch((error) => { outcome.error = String(error); });
  await sleep(seconds * 1000);
  stopping = true;
  await Promise.race([running, sleep(5000)]);
  process.stdout.write(JSON.stringify(outcome) + '\n', () => process.exit(0));
}

async function main() {
  if (!probes[probe]) throw new Error(`unknown probe ${probe}`);
  const report = { latencies: [], joinMs: [], joinFailures: [], ackBytes: 0, connected: false };
  await bystander(report);
  const ticks0 = cpuTicks();
  const started = Date.now();
  const child = childProcess.spawn(process.execPath,
    [__filename, '--attack', probe, String(port), String(seconds)],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  let attackerOutput = '';
  child.stdout.on('data', (d) => { attackerOutput += d; });
  const attackerDone = new Promise((resolve) => child.on('exit', resolve));
  const arrivals = newcomers(report);
  await sleep(seconds * 1000);
  stopping = true;
  const elapsed = (Date.now() - started) / 1000;
  const cpu = (cpuTicks() - ticks0) / 100 / elapsed; // clock ticks of 10 ms
  const peakRss = peakRssKiB() / 1024;
  report.finish();
  await Promise.race([Promise.all([attackerDone, arrivals]), sleep(8000)]);
  const sorted = report.latencies.slice().sort((a, b) => a - b);
  const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
  let attacker;
  try { attacker = JSON.parse(attackerOutput); } catch (e) { attacker = { error: 'no report' }; }
  console.log(JSON.stringify({
    probe,
    bystander: { acks: sorted.length, unanswered: report.unanswered, p50: at(0.5), p99: at(0.99),
      max: sorted.length ? sorted[sorted.length - 1] : null, stayedConnected: report.connected },
    newcomers: { joined: report.joinMs.length, slowestMs: Math.max(0, ...report.joinMs),
      failures: report.joinFailures, largestAckBytes: report.ackBytes },
    server: { cpuCores: cpu, peakRssMiB: peakRss },
    attacker,
  }));
  process.exit(0);
}

(attackMode ? attack() : main()).catch((error) => { console.error(error); process.exit(1); });
