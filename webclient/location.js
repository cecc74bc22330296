// Feature "location": everybody's shared position on the map (the `request locations` ack at
// every join, then `location update`s), and "Share my location" with navigator.geolocation
// (watchPosition; stopping sends null). Positions go out at most once a second, the latest one.
const SEND_INTERVAL_MS = 1000;

function formatPosition(lat, lng) {
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lng >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(2)}°${ns}, ${Math.abs(lng).toFixed(2)}°${ew}`;
}

function isPosition(data) {
  return data && typeof data.key === 'string' && typeof data.name === 'string';
}

export class LocationSharing {
  constructor(session, map, el) {
    this.session = session;
    this.map = map;
    this.el = el;
    this.watchId = null;
    this.position = null; // the own last position sent or to send
    this.pending = false;
    this.lastSent = 0;
    this.timer = 0;
    this.people = new Map(); // key -> {name, lat, lng}
    session.addEventListener('joined', (e) => this.onJoined(e.detail.resumed));
    session.addEventListener('server', (e) => {
      const { event, data } = e.detail;
      if (event === 'location update' && isPosition(data)) this.show(data);
      if (event === 'user disconnected' && data) this.show({ key: data.key, lat: null });
    });
    el.share.addEventListener('click', () => (this.watchId === null ? this.start() : this.stop()));
    this.explainAvailability();
  }

  explainAvailability() {
    if (!window.isSecureContext) {
      this.el.note.textContent = 'Sharing your location needs this page on localhost or over '
        + 'https: browsers offer geolocation only there. You still see where the others are.';
      this.el.share.disabled = true;
    } else if (!('geolocation' in navigator)) {
      this.el.note.textContent = 'This browser cannot tell where you are.';
      this.el.share.disabled = true;
    }
  }

  async onJoined(resumed) {
    if (!this.session.has('location')) return;
    if (!resumed && this.position) this.queue(this.position); // a new session shares again
    const answer = await this.session.request('request locations');
    if (answer.error || !Array.isArray(answer.data.locations)) return;
    this.people.clear();
    this.map.clearMarkers();
    for (const update of answer.data.locations) if (isPosition(update)) this.show(update);
    this.renderList();
  }

  show(update) {
    const sharing = typeof update.lat === 'number' && typeof update.lng === 'number';
    if (sharing) {
      this.people.set(update.key, { name: update.name, lat: update.lat, lng: update.lng });
      this.map.setMarker(update.key, update.name, update.lat, update.lng,
        update.key === this.session.self.key);
    } else {
      this.people.delete(update.key);
      this.map.removeMarker(update.key);
    }
    this.renderList();
  }

  renderList() {
    const people = [...this.people.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name));
    this.el.list.replaceChildren(...people.map(([key, p]) => {
      const li = document.createElement('li');
      li.textContent = `${p.name}${key === this.session.self.key ? ' (you)' : ''}: `
        + formatPosition(p.lat, p.lng);
      return li;
    }));
  }

  start() {
    this.el.note.textContent = 'Finding where you are…';
    this.el.share.setAttribute('aria-pressed', 'true');
    this.el.share.textContent = 'Stop sharing';
    this.watchId = navigator.geolocation.watchPosition(
      (pos) => {
        this.el.note.textContent = 'You share your location with everyone in the chat.';
        this.queue({ lat: pos.coords.latitude, lng: pos.coords.longitude });
      },
      (error) => {
        this.el.note.textContent = error.code === error.PERMISSION_DENIED
          ? 'The browser was not allowed to tell where you are.'
          : `Your location is not available: ${error.message}`;
        this.stop(error.code === error.PERMISSION_DENIED);
      },
      { enableHighAccuracy: false, maximumAge: 30000 });
  }

  // Stops watching and tells the others (null), unless nothing was ever sent.
  stop(keepNote = false) {
    if (this.watchId !== null) navigator.geolocation.clearWatch(this.watchId);
    this.watchId = null;
    this.el.share.setAttribute('aria-pressed', 'false');
    this.el.share.textContent = 'Share my location';
    if (!keepNote) this.el.note.textContent = '';
    clearTimeout(this.timer);
    this.pending = false;
    if (this.position) {
      this.position = null;
      this.session.request('send location', null);
      this.show({ key: this.session.self.key, lat: null });
    }
  }

  queue(position) {
    this.position = position;
    this.pending = true;
    const wait = this.lastSent + SEND_INTERVAL_MS - Date.now();
    if (wait > 0) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), wait);
    } else {
      this.flush();
    }
  }

  async flush() {
    if (!this.pending || !this.position || this.session.state !== 'joined') return;
    this.pending = false;
    this.lastSent = Date.now();
    const position = this.position;
    const answer = await this.session.request('send location', position);
    if (answer.error) {
      if (answer.error.code !== 'not_connected') {
        this.el.note.textContent = `Your location was refused: ${answer.error.message}`;
      }
      return;
    }
    const self = this.session.self;
    if (this.position === position) this.show({ key: self.key, name: self.name, ...position });
  }
}
