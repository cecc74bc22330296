// The browser client: builds the parts and wires them to the page (index.html). Each part has
// one job: Session (protocol, reconnect, resume, outbox), Conversations (state), the views,
// the map with locations, notifications.
import { Composer } from './composer.js';
import { Conversations } from './conversations.js';
import { JoinView } from './joinview.js';
import { LocationSharing } from './location.js';
import { WorldMap } from './map.js';
import { MessageView } from './messageview.js';
import { Notifier } from './notify.js';
import { RoomHead } from './roomhead.js';
import { Session } from './session.js';
import { Sidebar } from './sidebar.js';
import { TypingTracker } from './typing.js';
import { wireRooms } from './roomactions.js';

const $ = (id) => document.getElementById(id);
const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
const store = new Conversations();
const session = new Session(store, `${scheme}://${location.host}/`);
const typing = new TypingTracker();
const rooms = wireRooms(session, store);

new JoinView(session, {
  form: $('join-form'), name: $('name'), submit: $('join'), error: $('join-error'),
  status: $('join-status'), passwordRow: $('password-row'), password: $('password'),
  serverPasswordRow: $('server-password-row'), serverPassword: $('server-password'),
});
new Sidebar(store, {
  conversations: $('conversations'), users: $('users'), enterForm: $('enter-form'),
  roomName: $('room-name'), roomError: $('room-error'), listRooms: $('list-rooms'),
  directory: $('room-directory'),
}, {
  show: (conv) => showConversation(conv),
  openPrivate: (user) => showConversation(store.openPrivate(user.key, user.name)),
  enterRoom: rooms.enter,
  listRooms: () => session.request('rooms'),
  canWritePrivately: () => session.has('rooms'),
});
new RoomHead(store, {
  title: $('conversation-title'), topic: $('topic'), members: $('members'),
  roomTools: $('room-tools'), editTopic: $('edit-topic'), leaveRoom: $('leave-room'),
  topicForm: $('topic-form'), topicInput: $('topic-input'), topicCancel: $('topic-cancel'),
  error: $('room-head-error'),
}, { setTopic: rooms.setTopic, leaveRoom: rooms.leave });
new MessageView(store, { list: $('messages'), older: $('older') }, {
  loadOlder: rooms.loadOlder,
  canLoadOlder: () => session.has('rooms'),
  retry: (conv, serial) => session.retry(conv, serial),
});
new Composer(session, { form: $('composer'), input: $('message'), error: $('composer-error') });
new Notifier(session, $('notify'), (conv) => showConversation(conv));
const map = new WorldMap($('map'));
new LocationSharing(session, map, { share: $('share'), note: $('location-note'), list: $('locations') });
map.load('/map/land-110m.json').catch((error) => {
  $('location-note').textContent = `The map could not be loaded (${error.message}).`;
});
$('zoom-in').addEventListener('click', () => map.zoomBy(1.5));
$('zoom-out').addEventListener('click', () => map.zoomBy(1 / 1.5));
$('zoom-reset').addEventListener('click', () => map.reset());

function showConversation(conv) {
  store.show(conv);
  setView('chat');
}

// --- narrow screens show one panel at a time
function setView(view) {
  document.body.dataset.view = view;
  for (const b of document.querySelectorAll('[data-show]')) {
    b.setAttribute('aria-pressed', String(b.dataset.show === view));
  }
}
for (const b of document.querySelectorAll('[data-show]')) {
  b.addEventListener('click', () => setView(b.dataset.show));
}
setView('chat');

// --- who is online, the connection, what the server offers
function renderCount() {
  const n = store.users.size;
  $('user-count').textContent = session.everJoined ? `${n} ${n === 1 ? 'user' : 'users'} online` : '';
}
store.addEventListener('users', renderCount);

let countdown = 0;
function renderConnection() {
  clearInterval(countdown);
  const state = session.state;
  const banner = $('connection');
  const text = $('connection-text');
  banner.hidden = !session.everJoined || state === 'joined';
  $('reconnect').hidden = !(state === 'waiting' || state === 'closed');
  if (state === 'waiting') {
    const tick = () => {
      const s = Math.ceil(session.connection.msUntilRetry() / 1000);
      text.textContent = `Connection lost. Reconnecting${s > 0 ? ` in ${s} s` : ''}…`;
    };
    tick();
    countdown = setInterval(tick, 1000);
  } else if (state === 'connecting' || state === 'joining') {
    text.textContent = 'Reconnecting…';
  } else if (state === 'closed') {
    text.textContent = 'Disconnected.';
  } else if (state === 'refused') {
    text.textContent = 'The server did not let you back in.';
  } else {
    text.textContent = '';
  }
  const inChat = session.everJoined && state !== 'refused';
  $('join-view').hidden = inChat;
  $('chat-view').hidden = !inChat;
  $('leave').hidden = !inChat || state === 'closed';
  document.body.classList.toggle('stale', inChat && state !== 'joined');
}
session.addEventListener('state', renderConnection);
$('reconnect').addEventListener('click', () => session.reconnectNow());
// Leaving ends the session with a close handshake (the others see the user go at once) and
// starts the page afresh at the join form.
$('leave').addEventListener('click', () => {
  session.leave();
  location.reload();
});

session.addEventListener('joined', () => {
  for (const feature of ['rooms', 'location', 'typing']) {
    document.body.classList.toggle(`no-${feature}`, !session.has(feature));
  }
  renderCount();
  renderConnection();
  if (document.activeElement === document.body || document.activeElement === $('join')) {
    $('message').focus();
  }
});

// --- typing, and the live region for new messages
function typingAmong(key) {
  const conv = store.current;
  if (!conv) return false;
  if (conv.kind === 'private') return key === conv.id;
  return !session.has('rooms') || conv.members.has(key);
}
function renderTyping() {
  $('typing').textContent = typing.text(typingAmong);
}
typing.addEventListener('change', renderTyping);
store.addEventListener('current', renderTyping);
session.addEventListener('server', (e) => {
  const { event, data } = e.detail;
  if (event === 'typing') typing.typing(data);
  else if (event === 'new chat msg' || event === 'private msg' || event === 'user disconnected') {
    typing.stopped(data.key);
  }
});
session.addEventListener('lost', () => typing.clear());
session.addEventListener('incoming', (e) => {
  const { conv, line, privately } = e.detail;
  if (conv === store.current) $('announcer').textContent = `${line.sender}: ${line.text}`;
  else if (privately) $('announcer').textContent = `Private message from ${line.sender}`;
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') store.markRead();
});
