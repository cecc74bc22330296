// The browser client's map (feature "location") against a real chat-server: the world drawn
// from the served outline, markers for the positions others share (a third-party client on a
// raw WebSocket, listing "location"), "Share my location" from the browser's geolocation, zoom
// and pan, and the note that geolocation needs localhost or https.
import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import { TcpProxy, harness, until } from './support.mjs';

const h = harness();

// A third-party client that lists "location", on the peer's raw WebSocket.
async function wirePeer(name) {
  const peer = await h.peer();
  const ack = await peer.wireJoin(h.server.wsUrl, name, ['location']);
  assert.ok(ack.data.features.includes('location'), 'the server offers "location"');
  return peer;
}

const markers = (page) => page.$$eval('#map .marker', (gs) => gs.map((g) => ({
  name: g.querySelector('text').textContent,
  at: g.getAttribute('transform').match(/translate\(([^)]*)\)/)[1],
})));
const viewBox = (page) => page.$eval('#map svg', (s) => s.getAttribute('viewBox').split(' ').map(Number));

test('the world is drawn from the served outline, holes even-odd', async () => {
  const page = await h.newPage('ann');
  await page.waitForSelector('#map svg[data-loaded="true"]');
  const land = await page.$eval('#map path.land', (p) => ({
    rule: p.getAttribute('fill-rule'), rings: p.getAttribute('d').split('Z').length - 1,
  }));
  assert.equal(land.rule, 'evenodd');
  assert.ok(land.rings > 100, `${land.rings} rings`);
  // The rings are drawn as they are: the data cuts them at the antimeridian (Russia, Fiji) and
  // closes Antarctica along the map's edge. No point is beyond the world, no segment is a line
  // across it, and the cuts along the edge are filled but not outlined as coast.
  const drawn = await page.$eval('#map', (map) => {
    const segments = (path) => path.getAttribute('d').split('M').filter(Boolean).flatMap((sub) => {
      const points = sub.replace('Z', '').split('L').map((xy) => xy.split(' ').map(Number));
      return points.slice(1).map((p, i) => [...points[i], ...p]);
    });
    const land = segments(map.querySelector('path.land'));
    const coast = segments(map.querySelector('path.coast'));
    const onEdge = ([x0, y0, x1, y1]) => (x0 === x1 && Math.abs(x0) === 18000)
      || (y0 === y1 && Math.abs(y0) === 9000);
    const fill = map.querySelector('path.land');
    const filled = (lng, lat) => fill.isPointInFill(new DOMPoint(lng * 100, -lat * 100));
    return {
      outside: land.filter(([x, y]) => Math.abs(x) > 18000 || Math.abs(y) > 9000),
      across: land.filter(([x0, , x1]) => Math.abs(x1 - x0) > 18000),
      cuts: land.filter(onEdge).length,
      outlinedCuts: coast.filter(onEdge),
      coast: coast.length,
      land: {
        chukotka: filled(-172, 66.5), russia: filled(170, 67), fiji: filled(178, -17.8),
        fijiEast: filled(-179.95, -16.3), southPole: filled(0, -88), antarcticaWest: filled(-179.9, -87),
        antarcticaEast: filled(179.9, -87),
      },
      sea: { pacific: filled(-100, -16.5), norwegianSea: filled(0, 68) },
    };
  });
  assert.deepEqual(drawn.outside, []);
  assert.deepEqual(drawn.across, []);
  assert.ok(drawn.cuts > 0 && drawn.coast > 1000, JSON.stringify(drawn));
  assert.deepEqual(drawn.outlinedCuts, []);
  assert.deepEqual(drawn.land, {
    chukotka: true, russia: true, fiji: true, fijiEast: true, southPole: true, antarcticaWest: true,
    antarcticaEast: true,
  });
  assert.deepEqual(drawn.sea, { pacific: false, norwegianSea: false });
  assert.ok(await page.$('::-p-aria(World map)'), 'the map has its accessible name');
});

test('a peer shares its position: a marker with its name, gone when it stops', async () => {
  const carol = await wirePeer('carol');
  const page = await h.newPage('ann');
  carol.wireSend({ event: 'send location', id: 2, data: { lat: 48.85, lng: 2.35 } });
  await until(page, () => [...document.querySelectorAll('#map .marker text')]
    .some((t) => t.textContent === 'carol'));
  assert.deepEqual(await markers(page), [{ name: 'carol', at: '235 -4885' }]);
  const listed = await page.$$eval('::-p-aria([name="Shared locations"][role="list"]) li',
    (items) => items.map((li) => li.textContent));
  assert.deepEqual(listed, ['carol: 48.85°N, 2.35°E']);
  carol.wireSend({ event: 'send location', id: 3, data: null });
  await until(page, () => document.querySelectorAll('#map .marker').length === 0);
});

test('positions shared before the page joined come with its request', async () => {
  const carol = await wirePeer('carol');
  const from = carol.mark();
  carol.wireSend({ event: 'send location', id: 2, data: { lat: -33.87, lng: 151.21 } });
  await carol.wireFrame((f) => f.event === 'ack' && f.id === 2, 'the ack', from);
  const page = await h.newPage('ann');
  await until(page, () => document.querySelectorAll('#map .marker').length === 1);
  assert.deepEqual(await markers(page), [{ name: 'carol', at: '15121 3387' }],
    JSON.stringify(await markers(page)));
});

test('"Share my location": the browser\'s position reaches the others; stopping sends null', async () => {
  const carol = await wirePeer('carol');
  await h.browser.defaultBrowserContext().overridePermissions(h.server.origin, ['geolocation']);
  const page = await h.newPage('alice');
  await page.setGeolocation({ latitude: 51.5, longitude: -0.12 });
  let from = carol.mark();
  await page.locator('::-p-aria([name="Share my location"][role="button"])').click();
  const update = await carol.wireFrame((f) => f.event === 'location update', 'alice\'s position', from);
  assert.equal(update.data.name, 'alice');
  assert.equal(update.data.lat, 51.5);
  assert.equal(update.data.lng, -0.12);
  await until(page, () => document.querySelector('#map .marker.own text')?.textContent === 'alice');
  from = carol.mark();
  await page.locator('::-p-aria([name="Stop sharing"][role="button"])').click();
  const stopped = await carol.wireFrame((f) => f.event === 'location update', 'the null', from);
  assert.equal(stopped.data.lat, null);
  await until(page, () => document.querySelectorAll('#map .marker.own').length === 0);
});

test('zoom and pan: buttons, keys, wheel and dragging', async () => {
  const page = await h.newPage('ann');
  await page.waitForSelector('#map svg[data-loaded="true"]');
  const whole = await viewBox(page);
  await page.locator('::-p-aria([name="Zoom in"][role="button"])').click();
  const zoomed = await viewBox(page);
  assert.ok(zoomed[2] < whole[2], 'the button zooms in');
  await page.$eval('#map svg', (svg) => svg.focus());
  await page.keyboard.press('ArrowRight');
  const panned = await viewBox(page);
  assert.ok(panned[0] > zoomed[0], 'the arrow key pans');
  await page.keyboard.press('-');
  assert.ok((await viewBox(page))[2] > panned[2], 'the key zooms out');
  const box = await page.$eval('#map svg', (s) => { const r = s.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
  await page.mouse.move(box[0], box[1]);
  await page.mouse.wheel({ deltaY: -400 });
  await until(page, (w) => Number(document.querySelector('#map svg').getAttribute('viewBox').split(' ')[2]) < w, whole[2]);
  const before = await viewBox(page);
  await page.mouse.down();
  await page.mouse.move(box[0] - 80, box[1], { steps: 4 });
  await page.mouse.up();
  assert.ok((await viewBox(page))[0] > before[0], 'dragging pans');
  await page.locator('::-p-aria([name="Show the whole world"][role="button"])').click();
  assert.deepEqual(await viewBox(page), whole);
});

test('not on localhost or https: the page says why it cannot share the location', async (t) => {
  const address = Object.values(os.networkInterfaces()).flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  if (!address) {
    t.skip('this machine has no address but loopback');
    return;
  }
  const proxy = h.closeAfter(new TcpProxy(h.server.port));
  await proxy.listen(address.address);
  const page = await h.newPage('remote', { origin: proxy.origin });
  assert.equal(await page.evaluate(() => window.isSecureContext), false);
  await until(page, () => /localhost or over https/.test(document.getElementById('location-note').textContent));
  assert.equal(await page.$eval('#share', (b) => b.disabled), true);
});

test('no request leaves the origin', () => {
  assert.deepEqual(h.errors, []);
  assert.ok(h.requests.some((u) => u.endsWith('/map/land-110m.json')), 'the map data was loaded');
  for (const url of h.requests) assert.ok(h.origins.has(new URL(url).host), url);
});
