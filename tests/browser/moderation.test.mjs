// The browser client under moderation, against a real chat-server with a database where a
// moderator account exists (made with `chat-server account add mod --role moderator` before
// the server starts): the moderator, a third-party client on the peer's raw WebSocket, deletes
// messages, kicks and bans the page's user. This server does not offer "location": the page
// shows nothing that needs it, and chats as usual.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harness, say, until, waitForMessage } from './support.mjs';

const MOD = { name: 'mod', password: 'a moderator password', role: 'moderator' };
const h = harness({ ini: '[location]\nenabled=false\n', accounts: [MOD] });
const aria = (name, role) => `::-p-aria([name="${name}"][role="${role}"])`;
const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

// After a kick or a ban the page would try again 0.5 s, then 1 s, 2 s after the loss
// (connection.js, ±25 %): a page that means to reconnect has opened a WebSocket within this.
const NO_RECONNECT_MS = 3000;


// The moderator, logged in on a peer's wire with the features a moderating client lists.
async function moderator() {
  const mod = await h.peer();
  const ack = await mod.wireJoin(h.server.wsUrl, MOD.name, ['rooms', 'accounts'],
    { password: MOD.password });
  assert.equal(ack.data?.account?.role, 'moderator', JSON.stringify(ack));
  return mod;
}

// Sends a moderation request on the wire; resolves with its ack, which must not be an error.
async function act(mod, event, data) {
  const ack = await mod.wireRequest(event, data);
  assert.equal(ack.error, undefined, `${event}: ${JSON.stringify(ack.error)}`);
  return ack;
}

// The id of the message `text` as the moderator received it.
async function idOf(mod, text) {
  const frame = await mod.wireFrame((f) => f.event === 'new chat msg' && f.data.message === text,
    `"${text}" to reach the moderator`);
  return frame.data.id;
}

async function keyOf(mod, name) {
  const frame = await mod.wireFrame((f) => f.event === 'user connected' && f.data.name === name,
    `${name} to join`);
  return frame.data.key;
}

const notices = (page) => page.$$eval('#messages .notice', (nodes) => nodes.map((n) => n.textContent));
const hasNotice = (text) => [...document.querySelectorAll('#messages .notice')]
  .some((n) => n.textContent === text);
const shown = (text) => [...document.querySelectorAll('#messages .text')]
  .some((e) => e.textContent === text);

test('deleted by a moderator: the page\'s own message and a peer\'s leave the page', async () => {
  const mod = await moderator();
  const bob = await h.peer('bob');
  const page = await h.newPage('dora');
  await say(page, 'this one stays');
  await say(page, 'dora writes something to delete');
  const own = await idOf(mod, 'dora writes something to delete');
  await until(page, () => !document.querySelector('#messages .delivery')); // acked: it has its id
  await act(mod, 'delete', { id: own });
  await until(page, (t) => ![...document.querySelectorAll('#messages .text')]
    .some((e) => e.textContent === t), 'dora writes something to delete');

  bob.send({ cmd: 'send', text: 'bob writes something to delete' });
  const bobs = await idOf(mod, 'bob writes something to delete');
  await waitForMessage(page, 'bob writes something to delete');
  await act(mod, 'delete', { id: bobs, reason: 'off topic' });
  await until(page, (t) => ![...document.querySelectorAll('#messages .text')]
    .some((e) => e.textContent === t), 'bob writes something to delete');
  assert.ok(await page.evaluate(shown, 'this one stays'), 'the other message stays');
  // The page offers no way to delete a message, not even one's own (webclient/messageview.js).
  assert.equal(await page.$(aria('Delete', 'button')), null);
});

test('kicked with a reason: the page says who and why, does not come back on its own, '
  + 'and sends nothing typed after', async () => {
  const mod = await moderator();
  const page = await h.newPage('kim');
  const kim = await keyOf(mod, 'kim');
  assert.equal(page.webSockets.created.length, 1);
  await act(mod, 'kick', { key: kim, reason: 'cool down for a minute' });
  await until(page, hasNotice, 'You were removed by mod: cool down for a minute');
  await until(page, () => document.getElementById('connection-text').textContent === 'Disconnected.');
  assert.ok(await page.evaluate(hasNotice, 'Disconnected: Kicked by mod: cool down for a minute.'),
    JSON.stringify(await notices(page)));

  const from = mod.mark();
  await say(page, 'typed after the kick');
  await pause(NO_RECONNECT_MS); // what must not happen: a new WebSocket, the message going out
  assert.deepEqual(page.webSockets.created, [page.webSockets.created[0]], 'no new connection');
  assert.ok(!page.webSockets.sent.some((f) => f.includes('typed after the kick')), 'not sent');
  assert.ok(!mod.log.items.slice(from).some((e) => e.event === 'wire'
    && e.frame.data?.message === 'typed after the kick'), 'the moderator got it');
  assert.equal(await page.$eval('#messages .own:last-child .delivery', (e) => e.textContent), 'sending…');

  // By hand: a kick lets the user in again at once, and what was typed goes out then, once.
  await page.locator(aria('Reconnect now', 'button')).click();
  assert.ok(await idOf(mod, 'typed after the kick') > 0);
  await until(page, () => !document.querySelector('#messages .delivery')
    && !document.body.classList.contains('stale'));
  assert.equal(page.webSockets.created.length, 2);
});

test('banned: the page says so, and a new join from it is refused', async () => {
  const mod = await moderator();
  const page = await h.newPage('bella');
  await keyOf(mod, 'bella');
  await act(mod, 'ban', { name: 'bella' }); // without a reason, until lifted
  await until(page, hasNotice, 'You were removed by mod.');
  await until(page, hasNotice, 'Disconnected: Banned by mod.');
  await pause(NO_RECONNECT_MS);
  assert.equal(page.webSockets.created.length, 1, 'no new connection');

  // Reconnecting by hand is a new join: refused, and the join form says why.
  await page.locator(aria('Reconnect now', 'button')).click();
  await until(page, () => !document.getElementById('join-view').hidden
    && document.getElementById('join-error').textContent.startsWith('You may not join.'));
  assert.equal(await page.$eval('#chat-view', (e) => e.hidden), true);

  // So is a join from a page opened afresh.
  const again = await h.newPage();
  await again.locator(aria('Name', 'textbox')).fill('bella');
  await again.locator(aria('Join', 'button')).click();
  await until(again, () => document.getElementById('join-error').textContent.startsWith('You may not join.'));
  assert.equal(await again.$eval('#chat-view', (e) => e.hidden), true);
});

test('a server without "location": no map and no "Share my location"; the chat works', async () => {
  const bob = await h.peer('bob');
  const page = await h.newPage('nora');
  const visible = (selectors) => page.$$eval(selectors,
    (nodes) => nodes.filter((n) => n.checkVisibility()).map((n) => n.id || n.className || n.textContent));
  const mapParts = '.panel.map, #map, #share, #zoom-in, #locations, #location-note, [data-show="map"]';
  // Wide: the map's panel, its buttons and the list of locations are not shown, nor in the
  // accessibility tree.
  assert.deepEqual(await visible(mapParts), []);
  for (const [name, role] of [['Map', 'button'], ['Share my location', 'button'], ['World map', 'img'],
    ['Shared locations', 'list'], ['Zoom in', 'button']]) {
    assert.equal(await page.$(aria(name, role)), null, `${role} "${name}"`);
  }
  // A phone: the panels to choose from are the two that are left.
  await page.setViewport({ width: 360, height: 740 });
  assert.deepEqual(await visible(mapParts), []);
  assert.deepEqual(await page.$$eval('[data-show]', (buttons) => buttons
    .filter((b) => b.checkVisibility()).map((b) => b.textContent)), ['Rooms & people', 'Chat']);

  const from = bob.mark();
  await say(page, 'no map here');
  await bob.waitFor((e) => e.event === 'message' && e.text === 'no map here', 'bob to get it', from);
  bob.send({ cmd: 'send', text: 'nor here' });
  await waitForMessage(page, 'nor here');
  // Nor did it ask for anything of "location".
  const asked = page.webSockets.sent.map((f) => JSON.parse(f).event);
  assert.ok(asked.includes('join') && asked.includes('message'), asked.join());
  assert.deepEqual(asked.filter((e) => /location/.test(e)), []);
});

test('no page error, no request off the origin', () => {
  assert.deepEqual(h.errors, []);
  for (const url of h.requests) assert.ok(h.origins.has(new URL(url).host), url);
});
