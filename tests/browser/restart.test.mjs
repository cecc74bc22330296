// The browser client through lost connections and restarts, against a real chat-server with a
// database file: a resume (the network drops, the server holds the session), the server
// restarted under the page (history survives; what was typed meanwhile goes out once),
// scrollback in pages, and a registered name that asks for its password.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TcpProxy, harness, join, messageCount, say, until, waitForMessage } from './support.mjs';

// A small history (5 messages in a join ack) so that scrollback needs pages.
const h = harness({ ini: '[history]\nsize=5\n' });

const lineTexts = (page) => page.$$eval('#messages .text', (nodes) => nodes.map((n) => n.textContent));
const joined = () => !document.body.classList.contains('stale') && !document.querySelector('#messages .delivery');

test('scrollback: older messages come in pages, at the top of the list', async () => {
  const bob = await h.peer('bob');
  for (let i = 1; i <= 12; i += 1) bob.send({ cmd: 'send', text: `m${i}` });
  await bob.waitFor((e) => e.event === 'queued', 'queued');
  const carol = await h.peer('carol'); // once it sees m12, every one is on the server
  await carol.waitFor((e) => e.event === 'joined', 'carol');
  const watch = await h.peer('watcher');
  await watch.waitFor((e) => e.event === 'joined', 'watcher');
  let lines = [];
  while (!lines.some((l) => l.text === 'm12')) lines = await watch.lines(); // bounded by the ack

  const page = await h.newPage('', { height: 560 });
  await join(page, 'reader');
  await until(page, () => document.querySelectorAll('#messages .text').length === 5);
  assert.deepEqual(await lineTexts(page), ['m8', 'm9', 'm10', 'm11', 'm12']);
  await page.locator('::-p-aria([name="Load older messages"][role="button"])').click();
  await until(page, () => document.querySelectorAll('#messages .text').length === 10);
  // The next page by scrolling to the top, the reading position kept.
  assert.ok(await page.$eval('#messages', (l) => l.scrollHeight > l.clientHeight), 'a scrolled list');
  await page.$eval('#messages', (l) => { l.scrollTop = 0; });
  await until(page, () => document.querySelectorAll('#messages .text').length === 12);
  assert.deepEqual(await lineTexts(page), Array.from({ length: 12 }, (_, i) => `m${i + 1}`));
  await until(page, () => document.getElementById('older').hidden);
});

test('the network drops: the page resumes its session, what was typed goes out once', async () => {
  const proxy = h.closeAfter(new TcpProxy(h.server.port));
  await proxy.listen();
  const bob = await h.peer('bob');
  const page = await h.newPage('', { origin: proxy.origin });
  await join(page, 'alice');
  await say(page, 'one');
  await until(page, joined);

  proxy.cutAll();
  await until(page, () => document.body.classList.contains('stale'));
  bob.send({ cmd: 'send', text: 'while you were away' });
  const from = bob.mark();
  await say(page, 'queued while offline');
  assert.equal(await page.$eval('#messages .delivery', (e) => e.textContent), 'sending…');

  await until(page, joined);
  await until(page, () => [...document.querySelectorAll('#messages .notice')]
    .some((n) => n.textContent === 'Reconnected.')); // resumed: not "as a new session"
  await waitForMessage(page, 'while you were away');
  await bob.waitFor((e) => e.event === 'message' && e.text === 'queued while offline', 'bob', from);
  const bobLines = (await bob.lines()).map((l) => l.text);
  assert.equal(bobLines.filter((t) => t === 'queued while offline').length, 1);
  assert.equal(await messageCount(page, 'while you were away'), 1);
  assert.equal(await messageCount(page, 'queued while offline'), 1);
  assert.equal(await messageCount(page, 'one'), 1);
});

test('an ack lost with the connection: the message shows once, and is not sent again', async () => {
  const proxy = h.closeAfter(new TcpProxy(h.server.port));
  await proxy.listen();
  const bob = await h.peer('bob');
  const page = await h.newPage('', { origin: proxy.origin });
  await join(page, 'lena');
  const from = bob.mark();
  proxy.dropReplies = true; // the server's answers no longer reach the page
  await say(page, 'did this arrive?');
  await bob.waitFor((e) => e.event === 'message' && e.text === 'did this arrive?', 'bob', from);
  proxy.cutAll(); // the ack is lost with the connection
  proxy.dropReplies = false;
  await until(page, joined); // resumed: the server's history shows the message arrived
  const again = bob.mark();
  await say(page, 'and this one after it');
  await bob.waitFor((e) => e.event === 'message' && e.text === 'and this one after it', 'bob', again);
  const bobLines = (await bob.lines()).map((l) => l.text);
  assert.deepEqual(bobLines.filter((t) => t === 'did this arrive?'), ['did this arrive?']);
  assert.equal(await messageCount(page, 'did this arrive?'), 1);
});

test('a registered name asks for its password; a wrong one is said plainly', async () => {
  await h.server.addAccount('reggie', 'correct horse battery');
  const page = await h.newPage();
  await page.locator('::-p-aria([name="Name"][role="textbox"])').fill('reggie');
  await page.locator('::-p-aria([name="Join"][role="button"])').click();
  const password = '#password'; // a password field has no ARIA role: found by its label's id
  await page.waitForSelector(password, { visible: true });
  assert.match(await page.$eval('#join-error', (e) => e.textContent), /registered/);
  await page.locator(password).fill('wrong password');
  await page.locator('::-p-aria([name="Join"][role="button"])').click();
  await until(page, () => document.getElementById('join-error').textContent.startsWith('Wrong password.'));
  await page.locator(password).fill('correct horse battery');
  await page.locator('::-p-aria([name="Join"][role="button"])').click();
  await until(page, () => document.getElementById('join-view').hidden
    && [...document.querySelectorAll('#users li')].some((li) => li.textContent === 'reggie (you)'));
});

test('the server restarts under the page: history survives, what was typed goes out once', async () => {
  const page = await h.newPage();
  await join(page, 'rita');
  await say(page, 'before the restart');
  await until(page, joined);

  await h.server.stop(); // SIGTERM: every connection closed with 1001
  await until(page, () => document.body.classList.contains('stale'));
  await until(page, () => /Connection lost/.test(document.getElementById('connection-text').textContent));
  await say(page, 'typed while the server was down');
  await until(page, () => document.querySelector('#messages .delivery.pending'));

  await h.server.start(); // same port, same database
  await until(page, joined);
  assert.equal(await messageCount(page, 'before the restart'), 1);
  assert.equal(await messageCount(page, 'typed while the server was down'), 1);
  // What the server has: a newcomer's history holds each message once.
  const carol = await h.peer('carol');
  const texts = (await carol.lines()).map((l) => l.text);
  assert.equal(texts.filter((t) => t === 'typed while the server was down').length, 1);
  assert.equal(texts.filter((t) => t === 'before the restart').length, 1);
});

test('no request leaves the origin', () => {
  // The browser logs each refused reconnection while the server was down.
  const refused = /^WebSocket connection to '[^']*' failed: .*ERR_CONNECTION_REFUSED$/;
  assert.deepEqual(h.errors.filter((e) => !refused.test(e)), []);
  assert.ok(h.requests.length > 0);
  for (const url of h.requests) assert.ok(h.origins.has(new URL(url).host), url);
});
