// What the browser tests share: harness() gives a test file its chat-server, its browser and
// the cleanup after each test and after the last; pages of the client with every request
// recorded; the waits and steps of a user in the page. The processes beside the browser
// (chat-server, the ChatSession peer, a TCP relay) are in processes.mjs.
import { after, afterEach, before } from 'node:test';
import puppeteer from 'puppeteer-core';
import { ChatServer, Peer, freePort, tempDir } from './processes.mjs';

export { ChatServer, Peer, TcpProxy, freePort, tempDir } from './processes.mjs';

const CLOSE_MS = 20000;

export function options() {
  const argv = process.argv.slice(2);
  const value = (name) => {
    const i = argv.indexOf(name);
    if (i < 0 || !argv[i + 1]) throw new Error(`usage: ${name} PATH is required`);
    return argv[i + 1];
  };
  return { server: value('--server'), peer: value('--peer') };
}

// Called when the last cleanup starts: if anything (the cleanup itself, a child process, a
// socket) still holds the process 20 s later, says what and ends it, rather than letting ctest
// time out.
export function exitWhenDone() {
  setTimeout(() => {
    const handles = process._getActiveHandles().map((h) => {
      if (h.spawnargs) return `child ${h.pid} ${h.spawnargs.join(' ')}`;
      if (h.remotePort || h.localPort) return `socket ${h.localPort} -> ${h.remotePort}`;
      return h.constructor?.name;
    });
    console.error(`# still open after the tests: ${JSON.stringify(handles)}`);
    process.exit(process.exitCode ?? 0);
  }, 20000).unref();
}

export async function launchBrowser() {
  const args = process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [];
  return puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args });
}

// A page of the client at `origin`; every request it makes (WebSockets included) is added to
// `requests`, its errors fail the test through `errors`. `page.webSockets` holds the URL of
// each WebSocket the page opened (`created`) and each frame it sent on one (`sent`, the text).
export async function openPage(browser, origin,
  { requests = [], errors = [], width = 1280, height = 800 } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  page.webSockets = { created: [], sent: [] };
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketCreated', (event) => {
    requests.push(event.url);
    page.webSockets.created.push(event.url);
  });
  cdp.on('Network.webSocketFrameSent', (event) => page.webSockets.sent.push(event.response.payloadData));
  await page.goto(`${origin}/`);
  return page;
}

// What the page shows, for a failure's message.
export function describe(page) {
  return page.evaluate(() => JSON.stringify({
    status: document.getElementById('user-count').textContent,
    joinError: document.getElementById('join-error').textContent,
    connection: document.getElementById('connection-text').textContent,
    users: [...document.querySelectorAll('#users li')].map((li) => li.textContent),
    lines: [...document.querySelectorAll('#messages li')].slice(-6).map((li) => li.textContent),
  })).catch((error) => `(page unavailable: ${error.message})`);
}

// page.waitForFunction, failing with what the page shows. It polls on a timer: a hidden tab
// (another one in front) runs no animation frames, the default polling.
export async function until(page, fn, ...args) {
  try {
    return await page.waitForFunction(fn, { polling: 50 }, ...args);
  } catch (error) {
    error.message += ` — waiting for ${fn.toString().slice(0, 160)}; the page: ${await describe(page)}`;
    throw error;
  }
}

// Joins as `name` through the form; resolves once the page is in the chat, the status saying
// who is online.
export async function join(page, name) {
  await page.locator('::-p-aria([name="Name"][role="textbox"])').fill(name);
  await page.locator('::-p-aria([name="Join"][role="button"])').click();
  await until(page, (n) => document.getElementById('join-view').hidden
    && /^\d+ users? online$/.test(document.getElementById('user-count').textContent)
    && [...document.querySelectorAll('#users li')].some((li) => li.textContent === `${n} (you)`), name);
}

// Types `text` into the box "Message" and sends it with Enter.
export async function say(page, text) {
  const box = await page.locator('::-p-aria([name="Message"][role="textbox"])').waitHandle();
  await box.click();
  await box.type(text);
  await page.keyboard.press('Enter');
}

// Resolves when the list "Messages" holds a message whose text is `text`.
export function waitForMessage(page, text) {
  return until(page, (t) => [...document.querySelectorAll('#messages .text')]
    .some((e) => e.textContent === t), text);
}

export function messageCount(page, text) {
  return page.$$eval('#messages .text', (nodes, t) => nodes.filter((e) => e.textContent === t).length, text);
}

// Closes `thing` (a page, a peer, a proxy); one that does not close within CLOSE_MS is named
// (a peer is killed) rather than holding the run until ctest's timeout.
async function closeWithin(thing, label) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => {
      thing.kill?.();
      reject(new Error(`${label} did not close within ${CLOSE_MS / 1000} s`));
    }, CLOSE_MS);
  });
  try {
    await Promise.race([thing.quit ? thing.quit() : thing.close(), late]);
  } finally {
    clearTimeout(timer);
  }
}

// What a test file shares: one chat-server (a database file of its own; `ini`: its settings;
// `accounts`: [{name, password, role?}] made with the server's command line before it starts)
// and one chromium, both started before the first test and stopped after the last. What a test
// opens through it (pages, peers, what it hands to closeAfter) is closed after the test, last
// first. `server` and `browser` are there once the file's tests run.
export function harness({ ini = '', accounts = [] } = {}) {
  const opts = options();
  const open = []; // [thing, label] opened by the test running (label: String(thing) if '')
  const h = {
    server: null,
    browser: null,
    requests: [], // every request of every page, WebSockets included
    errors: [], // every page's errors and console errors
    origins: new Set(), // the hosts pages were loaded from: their requests stay there

    // `thing` (anything with quit() or close()) is closed after the test.
    closeAfter(thing, label = '') {
      open.push([thing, label]);
      return thing;
    },

    // A page of the client (from the server, or `origin`), joined as `name` when given.
    async newPage(name = '', { origin = h.server.origin, width, height } = {}) {
      h.origins.add(new URL(origin).host);
      const page = await openPage(h.browser, origin,
        { requests: h.requests, errors: h.errors, width, height });
      h.closeAfter(page, `the page of ${name || '(nobody yet)'} from ${origin}`);
      if (name) await join(page, name);
      return page;
    },

    // A peer process; joined as `name` with its ChatSession when given (else its wire only).
    async peer(name = '') {
      const peer = h.closeAfter(new Peer(opts.peer));
      if (name) await peer.open(h.server.wsUrl, name);
      return peer;
    },
  };

  before(async () => {
    h.server = new ChatServer(opts.server, await freePort(), tempDir(), ini);
    for (const { name, password, role } of accounts) await h.server.addAccount(name, password, role);
    await h.server.start();
    h.browser = await launchBrowser();
  });

  afterEach(async () => {
    const failures = [];
    for (const [thing, label] of open.splice(0).reverse()) {
      await closeWithin(thing, label || String(thing)).catch((error) => failures.push(error.message));
    }
    if (failures.length) throw new Error(failures.join('; '));
  });

  after(async () => {
    exitWhenDone();
    console.error('# closing the browser');
    await h.browser?.close();
    console.error('# stopping the server');
    await h.server?.stop();
    console.error('# done');
  });

  return h;
}
