// The browser client's unread counts when messages are deleted (feature "accounts"): a
// third-party client on the peer's raw WebSocket (listing "rooms" and "accounts") writes to the
// page privately and in general, then deletes its messages; the badge of each conversation, its
// mark for mentions and the page's title follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harness, until } from './support.mjs';

const h = harness();

// The labels of the buttons of the list "Conversations" ("Private with wes, 2 unread, ...").
const labels = () => [...document.querySelectorAll('#conversations button')]
  .map((b) => b.getAttribute('aria-label'));

function labelled(page, label) {
  return until(page, (l) => [...document.querySelectorAll('#conversations button')]
    .some((b) => b.getAttribute('aria-label') === l), label);
}

test('a deleted unread message no longer counts', async () => {
  const page = await h.newPage('ann'); // general is shown
  const wes = await h.peer();
  const ack = await wes.wireJoin(h.server.wsUrl, 'wes', ['rooms', 'accounts']);
  assert.ok(ack.data.features.includes('accounts'), 'the server offers "accounts"');
  const annKey = ack.data.users.find((u) => u.name === 'ann').key;
  // A request on the wire; resolves with its ack's data (a guest deletes its own messages).
  const ask = async (event, data) => {
    const answer = await wes.wireRequest(event, data);
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    return answer.data;
  };

  // Two private messages, unread (a private message counts as a mention).
  const first = (await ask('private', { to: annKey, text: 'one' })).id;
  const second = (await ask('private', { to: annKey, text: 'two' })).id;
  await labelled(page, 'Private with wes, 2 unread, mentions you');
  assert.equal(await page.title(), '(2) Chat');
  await ask('delete', { id: first });
  await labelled(page, 'Private with wes, 1 unread, mentions you');
  assert.equal(await page.title(), '(1) Chat');
  await ask('delete', { id: second });
  await labelled(page, 'Private with wes');
  assert.equal(await page.title(), 'Chat');

  // In general, shown no more: the mention goes first, and the mark with it.
  await page.locator('::-p-aria(Private with wes)').click();
  await until(page, () => document.getElementById('conversation-title').textContent === '@ wes');
  const plain = (await ask('message', { text: 'hello all' })).id;
  const mention = (await ask('message', { text: 'ann: look at this' })).id;
  await labelled(page, 'Room general, 2 unread, mentions you');
  await ask('delete', { id: mention });
  await labelled(page, 'Room general, 1 unread');
  await ask('delete', { id: plain });
  await labelled(page, 'Room general');
  assert.equal(await page.title(), 'Chat');
  assert.deepEqual(await page.evaluate(labels), ['Room general', 'Private with wes']);
  assert.deepEqual(h.errors, []);
});
