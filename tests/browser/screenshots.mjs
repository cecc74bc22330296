// The README's screenshots of the browser client (docs/screenshots/browser-light.png and
// browser-dark.png): a room with a few messages and people, and the map with markers, against a
// real chat-server. Usage: node screenshots.mjs --server PATH/chat-server --peer PATH/chatpeer
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ChatServer, Peer, until, freePort, join, launchBrowser, openPage, options, say, tempDir, waitForMessage,
} from './support.mjs';

const opts = options();
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const server = new ChatServer(opts.server, await freePort(), tempDir());
await server.start();
const browser = await launchBrowser();
const peers = [];

try {
  // People who share where they are (third-party clients listing "location").
  for (const [name, lat, lng] of [['dara', 35.68, 139.69], ['eli', -23.55, -46.63],
    ['femi', 6.52, 3.38], ['greta', 59.33, 18.07]]) {
    const peer = new Peer(opts.peer);
    peers.push(peer);
    await peer.wireJoin(server.wsUrl, name, ['location']);
    peer.wireSend({ event: 'send location', id: 2, data: { lat, lng } });
  }
  // People who chat, with the desktop client's session.
  const bob = new Peer(opts.peer);
  const chloe = new Peer(opts.peer);
  peers.push(bob, chloe);
  await bob.open(server.wsUrl, 'bob');
  await chloe.open(server.wsUrl, 'chloé');

  await browser.defaultBrowserContext().overridePermissions(server.origin, ['geolocation']);
  const page = await openPage(browser, server.origin, { width: 1360, height: 760 });
  await page.setGeolocation({ latitude: 38.72, longitude: -9.14 });
  await join(page, 'ana');
  await page.locator('::-p-aria([name="Room"][role="textbox"])').fill('design');
  await page.locator('::-p-aria([name="Enter"][role="button"])').click();
  await until(page, () => document.getElementById('conversation-title').textContent === '# design');
  await page.locator('::-p-aria([name="Change topic"][role="button"])').click();
  await page.locator('::-p-aria([name="Topic"][role="textbox"])').fill('The map, and where everybody is');
  await page.locator('::-p-aria([name="Set topic"][role="button"])').click();
  let members = 1;
  for (const peer of [bob, chloe]) {
    peer.send({ cmd: 'enter', room: 'design' });
    members += 1;
    await until(page, (n) => document.getElementById('members').textContent === `${n} members`, members);
  }
  bob.send({ cmd: 'show', room: 'design' });
  chloe.send({ cmd: 'show', room: 'design' });
  bob.send({ cmd: 'send', text: 'Morning! The map is live: press "Share my location" to show up on it.' });
  await waitForMessage(page, 'Morning! The map is live: press "Share my location" to show up on it.');
  await say(page, 'Done, I am in Lisbon this week.');
  chloe.send({ cmd: 'send', text: 'Nice, ana! The outline is Natural Earth 110m: https://www.naturalearthdata.com' });
  await waitForMessage(page, 'Nice, ana! The outline is Natural Earth 110m: https://www.naturalearthdata.com');
  bob.send({ cmd: 'send', text: 'Dara and Eli are on it too.\nZoom with the wheel or + and −.' });
  await waitForMessage(page, 'Dara and Eli are on it too.\nZoom with the wheel or + and −.');
  await page.locator('::-p-aria([name="Share my location"][role="button"])').click();
  await until(page, () => document.querySelectorAll('#map .marker').length === 5);
  await page.focus('#message');

  for (const scheme of ['light', 'dark']) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.screenshot({ path: path.join(out, `browser-${scheme}.png`) });
    console.log(`wrote ${path.join(out, `browser-${scheme}.png`)}`);
  }
} finally {
  for (const peer of peers) await peer.quit();
  await browser.close();
  await server.stop();
}
