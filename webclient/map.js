// The world map: an SVG drawn from the land outline the server serves (/map/land-110m.json:
// rings of [lng*scale, lat*scale, …], the first ring of a polygon its outline, the others holes,
// filled even-odd), in an equirectangular projection (x = lng, y = -lat). Markers with names;
// zoom and pan with the wheel, dragging, the +/- buttons and the keys (+ - arrows 0).
const SVG = 'http://www.w3.org/2000/svg';
const MAX_ZOOM = 32;

function svg(name, attributes = {}) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

// The data's rings stay inside the world: a ring that crosses the antimeridian (Russia, Fiji) is
// cut there, and Antarctica is closed along the map's edge (scripts/make-world-map.py). Those cuts
// are not coasts: a segment along the edge (x = ±180°, or y = ±90°) is filled but not outlined.
const onEdge = (x0, y0, x1, y1, scale) => (x0 === x1 && Math.abs(x0) === 180 * scale)
  || (y0 === y1 && Math.abs(y0) === 90 * scale);

// A ring [lng, lat, …] as points [x, y] of the map (y = -lat).
function ringPoints(ring) {
  const points = [];
  for (let i = 0; i + 1 < ring.length; i += 2) points.push([ring[i], -ring[i + 1]]);
  return points;
}

const subpath = (points) => `M${points.map(([x, y]) => `${x} ${y}`).join('L')}`;

// The ring's coast: the whole ring, closed, or the lines between its cuts along the edge.
function coastPaths(points, scale) {
  const edges = points.map((p, i) => i > 0 && onEdge(...points[i - 1], ...p, scale));
  const cut = edges.indexOf(true);
  if (cut < 0) return [`${subpath(points)}Z`];
  // From the end of a cut round to it again (the ring is closed: its last point is its first).
  const around = [...points.slice(cut), ...points.slice(1, cut + 1)];
  const aroundEdges = [...edges.slice(cut), ...edges.slice(1, cut + 1)];
  const paths = [];
  let line = [around[0]];
  for (let i = 1; i < around.length; i += 1) {
    if (aroundEdges[i]) {
      if (line.length > 1) paths.push(subpath(line));
      line = [around[i]];
    } else {
      line.push(around[i]);
    }
  }
  if (line.length > 1) paths.push(subpath(line));
  return paths;
}

export class WorldMap {
  constructor(container) {
    this.scale = 100;
    this.zoom = 1;
    this.center = { x: 0, y: 0 }; // in map units (degrees * scale; y = -lat)
    this.markers = new Map(); // key -> <g>
    this.svg = svg('svg', {
      role: 'img', 'aria-label': 'World map', tabindex: '0', class: 'world',
      preserveAspectRatio: 'xMidYMid meet',
    });
    this.sea = svg('rect', { class: 'sea' });
    this.land = svg('path', { class: 'land', 'fill-rule': 'evenodd' });
    this.coast = svg('path', { class: 'coast' });
    this.graticule = svg('path', { class: 'graticule' });
    this.markerLayer = svg('g', { class: 'markers' });
    this.svg.append(this.sea, this.graticule, this.land, this.coast, this.markerLayer);
    container.append(this.svg);
    this.listen();
    new ResizeObserver(() => this.apply()).observe(this.svg);
    this.apply();
  }

  async load(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const data = await response.json();
    this.scale = data.scale || 100;
    const land = [];
    const coast = [];
    for (const polygon of data.polygons) {
      for (const ring of polygon) {
        const points = ringPoints(ring);
        land.push(`${subpath(points)}Z`);
        coast.push(...coastPaths(points, this.scale));
      }
    }
    this.land.setAttribute('d', land.join(''));
    this.coast.setAttribute('d', coast.join(''));
    const s = this.scale;
    const lines = [];
    for (let lng = -150; lng <= 150; lng += 30) lines.push(`M${lng * s} ${-90 * s}V${90 * s}`);
    for (let lat = -60; lat <= 60; lat += 30) lines.push(`M${-180 * s} ${-lat * s}H${180 * s}`);
    this.graticule.setAttribute('d', lines.join(''));
    this.sea.setAttribute('x', -180 * s);
    this.sea.setAttribute('y', -90 * s);
    this.sea.setAttribute('width', 360 * s);
    this.sea.setAttribute('height', 180 * s);
    this.svg.dataset.loaded = 'true';
    this.apply();
  }

  setMarker(key, name, lat, lng, own) {
    let marker = this.markers.get(key);
    if (!marker) {
      marker = svg('g', { class: own ? 'marker own' : 'marker' });
      const dot = svg('circle', { r: '5' });
      const label = svg('text', { x: '8', y: '4' });
      marker.append(dot, label);
      this.markers.set(key, marker);
      this.markerLayer.append(marker);
    }
    marker.dataset.key = key;
    marker.querySelector('text').textContent = name;
    marker.lng = lng;
    marker.lat = lat;
    this.place(marker);
  }

  removeMarker(key) {
    this.markers.get(key)?.remove();
    this.markers.delete(key);
  }

  clearMarkers() {
    for (const marker of this.markers.values()) marker.remove();
    this.markers.clear();
  }

  // Map units per screen pixel (the SVG keeps its 2:1 aspect inside the element).
  unitsPerPixel() {
    const width = this.svg.clientWidth || 360;
    const height = this.svg.clientHeight || 180;
    const view = this.viewSize();
    return Math.max(view.w / width, view.h / height);
  }

  viewSize() {
    return { w: (360 * this.scale) / this.zoom, h: (180 * this.scale) / this.zoom };
  }

  place(marker) {
    const k = this.unitsPerPixel();
    // Rounded: 33.87 * 100 is 3386.9999999999995 in binary floating point.
    const x = Number((marker.lng * this.scale).toFixed(3));
    const y = Number((-marker.lat * this.scale).toFixed(3));
    marker.setAttribute('transform', `translate(${x} ${y}) scale(${k})`);
  }

  apply() {
    const view = this.viewSize();
    const halfW = (180 * this.scale) - view.w / 2;
    const halfH = (90 * this.scale) - view.h / 2;
    this.center.x = Math.max(-halfW, Math.min(halfW, this.center.x));
    this.center.y = Math.max(-halfH, Math.min(halfH, this.center.y));
    const x = this.center.x - view.w / 2;
    const y = this.center.y - view.h / 2;
    this.svg.setAttribute('viewBox', `${x} ${y} ${view.w} ${view.h}`);
    for (const marker of this.markers.values()) this.place(marker);
  }

  // Zooms by `factor`, keeping the map point under (clientX, clientY) in place (default: the
  // middle).
  zoomBy(factor, clientX, clientY) {
    const zoom = Math.max(1, Math.min(MAX_ZOOM, this.zoom * factor));
    if (zoom === this.zoom) return;
    let anchor = null;
    if (clientX !== undefined) anchor = this.toMap(clientX, clientY);
    const before = this.zoom;
    this.zoom = zoom;
    if (anchor) {
      const ratio = before / zoom;
      this.center.x = anchor.x + (this.center.x - anchor.x) * ratio;
      this.center.y = anchor.y + (this.center.y - anchor.y) * ratio;
    }
    this.apply();
  }

  panBy(dxPixels, dyPixels) {
    const k = this.unitsPerPixel();
    this.center.x += dxPixels * k;
    this.center.y += dyPixels * k;
    this.apply();
  }

  reset() {
    this.zoom = 1;
    this.center = { x: 0, y: 0 };
    this.apply();
  }

  toMap(clientX, clientY) {
    const rect = this.svg.getBoundingClientRect();
    const k = this.unitsPerPixel();
    return {
      x: this.center.x + (clientX - rect.left - rect.width / 2) * k,
      y: this.center.y + (clientY - rect.top - rect.height / 2) * k,
    };
  }

  listen() {
    this.svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      this.zoomBy(Math.exp(-e.deltaY * 0.002), e.clientX, e.clientY);
    }, { passive: false });
    let drag = null;
    this.svg.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, id: e.pointerId };
      this.svg.setPointerCapture(e.pointerId);
      this.svg.classList.add('dragging');
    });
    this.svg.addEventListener('pointermove', (e) => {
      if (!drag || drag.id !== e.pointerId) return;
      this.panBy(drag.x - e.clientX, drag.y - e.clientY);
      drag.x = e.clientX;
      drag.y = e.clientY;
    });
    const end = () => {
      drag = null;
      this.svg.classList.remove('dragging');
    };
    this.svg.addEventListener('pointerup', end);
    this.svg.addEventListener('pointercancel', end);
    this.svg.addEventListener('keydown', (e) => {
      const step = 60;
      const keys = {
        '+': () => this.zoomBy(1.5), '=': () => this.zoomBy(1.5), '-': () => this.zoomBy(1 / 1.5),
        _: () => this.zoomBy(1 / 1.5), 0: () => this.reset(),
        ArrowLeft: () => this.panBy(-step, 0), ArrowRight: () => this.panBy(step, 0),
        ArrowUp: () => this.panBy(0, -step), ArrowDown: () => this.panBy(0, step),
      };
      if (!keys[e.key]) return;
      e.preventDefault();
      keys[e.key]();
    });
  }
}
