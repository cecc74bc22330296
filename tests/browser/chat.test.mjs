// The browser client in Debian's chromium against a real chat-server, beside the desktop
// client's ChatSession (chatpeer): joining, the accessible names, sending and receiving in a
// room, text that is never markup, private messages, rooms, typing, phone width, and that no
// request ever leaves the page's origin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harness, join, say, until, waitForMessage } from './support.mjs';

const h = harness();
const aria = (name, role) => `::-p-aria([name="${name}"][role="${role}"])`;

test('join: the name, the button, then "1 user online"', async () => {
  const page = await h.newPage();
  await page.locator(aria('Name', 'textbox')).fill('ann');
  await page.locator(aria('Join', 'button')).click();
  await until(page, () => document.getElementById('user-count').textContent === '1 user online');
  const status = await page.$eval('#user-count', (e) => e.getAttribute('role'));
  assert.equal(status, 'status');
  // The accessible names the issue lists, as a screen reader (and this test) finds them.
  for (const [name, role] of [['Message', 'textbox'], ['Send', 'button'], ['Messages', 'list'],
    ['Users', 'list']]) {
    assert.ok(await page.$(aria(name, role)), `${role} "${name}"`);
  }
  assert.ok(await page.$('[aria-live="polite"]'), 'a live region for new messages');
  const users = await page.$$eval('#users li', (items) => items.map((li) => li.textContent));
  assert.deepEqual(users, ['ann (you)']);
});

test('send and receive with the desktop ChatSession in the same room', async () => {
  const bob = await h.peer('bob');
  let from = bob.mark();
  bob.send({ cmd: 'enter', room: 'dev' });
  await bob.waitFor((e) => e.event === 'state', 'bob to enter dev', from).catch(() => {});
  const page = await h.newPage('alice');
  await until(page, () => document.getElementById('user-count').textContent === '2 users online');
  await page.locator(aria('Room', 'textbox')).fill('dev');
  await page.locator(aria('Enter', 'button')).click();
  await until(page, () => document.getElementById('conversation-title').textContent === '# dev');
  await until(page, () => document.getElementById('members').textContent === '2 members');

  from = bob.mark();
  await say(page, 'hello bob');
  const got = await bob.waitFor((e) => e.event === 'message' && e.text === 'hello bob', 'bob to get it', from);
  assert.equal(got.sender, 'alice');
  assert.equal(got.privately, false);
  await until(page, () => !document.querySelector('#messages .delivery'));

  bob.send({ cmd: 'show', room: 'dev' });
  bob.send({ cmd: 'send', text: 'hi alice, see https://example.com/docs.' });
  await waitForMessage(page, 'hi alice, see https://example.com/docs.');
  const link = await page.$eval('#messages a', (a) => ({ href: a.href, text: a.textContent, rel: a.rel }));
  assert.deepEqual(link, { href: 'https://example.com/docs', text: 'https://example.com/docs',
    rel: 'noopener noreferrer nofollow' });
  const live = await page.$eval('#announcer', (e) => e.textContent);
  assert.equal(live, 'bob: hi alice, see https://example.com/docs.');
});

test('HTML typed by a peer shows as text: no element is created', async () => {
  const mallory = await h.peer('mallory');
  const page = await h.newPage('carl');
  await page.evaluate(() => { window.pwned = false; });
  const html = '<img src=x onerror="window.pwned=true"><b id="injected">bold</b> javascript:alert(1)';
  mallory.send({ cmd: 'send', text: html });
  await waitForMessage(page, html);
  const injected = await page.$$eval('#messages img, #messages b, #messages a, #injected', (n) => n.length);
  assert.equal(injected, 0);
  assert.equal(await page.evaluate(() => window.pwned), false);
});

test('links: only http(s) URLs, sentence punctuation left out; mentions as words', async () => {
  const page = await h.newPage();
  const result = await page.evaluate(async () => {
    const { findLinks, mentions } = await import('/textrules.js');
    const hrefs = (text) => findLinks(text).map((l) => l.href);
    return {
      plain: hrefs('see https://example.com/a_(b)). and http://x.org/?q=1,'),
      hostile: hrefs('javascript:alert(1) data:text/html,hi file:///etc/passwd https:// ftp://x.org'),
      mention: mentions('hi @Zoé, look', 'zoé'),
      inAddress: mentions('mail zoe@example.com or https://example.com/zoe', 'zoe'),
      inWord: mentions('zoey is here', 'zoe'),
    };
  });
  assert.deepEqual(result, {
    plain: ['https://example.com/a_(b)', 'http://x.org/?q=1'],
    hostile: [],
    mention: true,
    inAddress: false,
    inWord: false,
  });
});

test('a private message both ways: a click on a person, then the answer', async () => {
  const bob = await h.peer('bob');
  const page = await h.newPage('alice');
  await page.locator(aria('bob', 'button')).click();
  await until(page, () => document.getElementById('conversation-title').textContent === '@ bob');
  let from = bob.mark();
  await say(page, 'just between us');
  const got = await bob.waitFor((e) => e.event === 'message' && e.text === 'just between us', 'the private message', from);
  assert.equal(got.privately, true);

  await page.locator(aria('Room general', 'button')).click(); // elsewhere: the answer is unread
  from = bob.mark();
  bob.send({ cmd: 'private', name: 'alice' });
  bob.send({ cmd: 'send', text: 'sure' });
  await until(page, () => [...document.querySelectorAll('#conversations button')]
    .some((b) => b.getAttribute('aria-label') === 'Private with bob, 1 unread, mentions you'));
  await page.locator('::-p-aria(Private with bob, 1 unread, mentions you)').click();
  await waitForMessage(page, 'sure');
});

test('rooms: create with a topic, the room list, unread marks, leave', async () => {
  const bob = await h.peer('bob');
  const page = await h.newPage('alice');
  await page.locator(aria('Room', 'textbox')).fill('café-talk');
  await page.locator(aria('Enter', 'button')).click();
  await until(page, () => document.getElementById('conversation-title').textContent === '# café-talk');
  await page.locator(aria('Change topic', 'button')).click();
  await page.locator(aria('Topic', 'textbox')).fill('Coffee & <i>tea</i>');
  await page.locator(aria('Set topic', 'button')).click();
  await until(page, () => document.getElementById('topic').textContent === 'Coffee & <i>tea</i>');

  await page.locator(aria('All rooms', 'button')).click();
  await until(page, () => [...document.querySelectorAll('#room-directory li')]
    .some((li) => li.textContent.includes('café-talk') && li.textContent.includes('Coffee & <i>tea</i>')));

  bob.send({ cmd: 'send', text: 'anyone in general, alice?' }); // bob is in general
  await until(page, () => [...document.querySelectorAll('#conversations button')]
    .some((b) => b.getAttribute('aria-label') === 'Room general, 1 unread, mentions you'));

  await page.locator(aria('Leave room', 'button')).click();
  await until(page, () => document.getElementById('conversation-title').textContent === '# general');
  const rooms = await page.$$eval('#conversations button', (b) => b.map((e) => e.getAttribute('aria-label')));
  assert.deepEqual(rooms, ['Room general']);
  await waitForMessage(page, 'anyone in general, alice?');
});

test('typing: the peer types, the page says so', async () => {
  const bob = await h.peer('bob');
  const page = await h.newPage('alice');
  bob.send({ cmd: 'typing' });
  await until(page, () => document.getElementById('typing').textContent === 'bob is typing…');
  bob.send({ cmd: 'send', text: 'done typing' });
  await until(page, () => document.getElementById('typing').textContent === '');
});

test('Enter sends, Shift+Enter starts a new line', async () => {
  const page = await h.newPage('alice');
  const box = await page.locator(aria('Message', 'textbox')).waitHandle();
  await box.type('first line');
  await page.keyboard.down('Shift');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Shift');
  await box.type('second line');
  await page.keyboard.press('Enter');
  await waitForMessage(page, 'first line\nsecond line');
  assert.equal(await page.$eval('#message', (e) => e.value), '');
});

test('notifications: asked for with the button; mentions and private messages while hidden', async () => {
  const bob = await h.peer('bob');
  const page = await h.newPage();
  // Records what the page shows through the real Notification API.
  await page.evaluateOnNewDocument(() => {
    const Real = window.Notification;
    window.shown = [];
    window.Notification = class extends Real {
      constructor(title, options) {
        super(title, options);
        window.shown.push(`${title}: ${options.body}`);
      }
    };
  });
  await page.reload();
  await join(page, 'nina');
  const ask = aria('Enable notifications', 'button');
  await page.waitForSelector(ask, { visible: true });
  await h.browser.defaultBrowserContext().overridePermissions(h.server.origin, ['notifications']);
  await page.locator(ask).click();
  await until(page, () => document.getElementById('notify').hidden);

  const other = h.closeAfter(await h.browser.newPage(), 'the other tab');
  await other.bringToFront(); // the chat's tab is hidden now
  await until(page, () => document.visibilityState === 'hidden');
  bob.send({ cmd: 'send', text: 'nothing for anyone in particular' });
  bob.send({ cmd: 'send', text: 'nina, are you there?' });
  bob.send({ cmd: 'private', name: 'nina' });
  bob.send({ cmd: 'send', text: 'a word in private' });
  await until(page, () => window.shown.length === 2);
  assert.deepEqual(await page.evaluate(() => window.shown), [
    'bob in #general: nina, are you there?', 'bob (private): a word in private']);
  await page.bringToFront();
});

test('phone width (360 px): no horizontal scroll, every panel reachable', async () => {
  const bob = await h.peer('bob');
  const page = await h.newPage('a-rather-long-name-for-a-phone', { width: 360 });
  bob.send({ cmd: 'send', text: 'a very long word: ' + 'x'.repeat(300) });
  await waitForMessage(page, 'a very long word: ' + 'x'.repeat(300));
  const fits = () => document.documentElement.scrollWidth <= window.innerWidth;
  assert.ok(await page.evaluate(fits), 'the chat fits');
  // Each panel the server's features allow (the map needs "location").
  const panels = await page.$$eval('[data-show]', (buttons) => buttons
    .filter((b) => b.checkVisibility()).map((b) => b.textContent));
  assert.ok(panels.includes('Rooms & people') && panels.includes('Chat'), panels.join());
  for (const panel of panels) {
    await page.locator(aria(panel, 'button')).click();
    assert.ok(await page.evaluate(fits), `${panel} fits`);
  }
  await page.locator(aria('Rooms & people', 'button')).click();
  assert.ok(await page.$eval('#users', (e) => e.getBoundingClientRect().width > 200));
});

test('no request leaves the origin', async () => {
  assert.deepEqual(h.errors, []);
  assert.ok(h.requests.some((u) => u.endsWith('/app.js')), 'the module was loaded');
  assert.ok(h.requests.some((u) => u.startsWith('ws://')), 'the WebSocket was recorded');
  const origin = new URL(h.server.origin);
  for (const url of h.requests) {
    assert.equal(new URL(url).host, origin.host, url);
  }
});
