// The wire protocol (docs/protocol.md, ../shared/protocol*.md): frames in and out, the features
// this client understands, and the client-side checks the server would make anyway (so a
// message that cannot go is refused before it is queued).

// Extensions this client lists in its join; it uses only those the join ack lists back.
export const FEATURES = ['resume', 'typing', 'rooms', 'accounts', 'location'];

export const GENERAL = 'general';

// Close codes with a meaning for the client (docs/protocol.md).
export const CLOSE = {
  resumedElsewhere: 4000,
  kicked: 4001,
  banned: 4002,
};

// Join refusals that need the user (feature "accounts"): nothing is tried again on its own.
export const LOGIN_ERRORS = new Set([
  'password_required', 'auth_failed', 'bad_server_password', 'account_required',
  'rate_limited', 'banned',
]);

// The defaults of docs/protocol.md, until a join ack says otherwise.
export const DEFAULT_LIMITS = {
  maxTextBytes: 4000,
  maxNameLength: 32,
  maxTopicLength: 200,
  rateLimit: { burst: 10, perSecond: 5 },
};

export function encode(event, data, id) {
  const frame = { event };
  if (data !== undefined) frame.data = data;
  if (id !== undefined) frame.id = id;
  return JSON.stringify(frame);
}

// A server frame as {event, data, id, error}, or null for one that is not a JSON object with
// an event name.
export function decode(text) {
  let frame;
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (!frame || typeof frame !== 'object' || Array.isArray(frame)) return null;
  if (typeof frame.event !== 'string' || frame.event === '') return null;
  return {
    event: frame.event,
    data: frame.data,
    id: Number.isSafeInteger(frame.id) ? frame.id : undefined,
    error: frame.error && typeof frame.error === 'object' ? frame.error : undefined,
  };
}

const encoder = new TextEncoder();

export function utf8Length(text) {
  return encoder.encode(text).length;
}

// Why `text` cannot be a message (a sentence for the user), or '' when it can.
export function messageProblem(text, maxTextBytes) {
  if (text.trim() === '') return 'The message is empty.';
  const bytes = utf8Length(text);
  if (bytes > maxTextBytes) {
    return `The message is too long (${bytes} bytes, at most ${maxTextBytes}).`;
  }
  return '';
}

// Control characters a server refuses in a message (C0 but tab and newline, DEL, C1); pasted
// text often carries a stray one. "\r\n" becomes "\n".
export function withoutControlCharacters(text) {
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

// Room names: 1–32 code points of letters, digits, '-', '_' and '.' (protocol-v2.md).
export function roomNameProblem(name) {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length === 0) return 'A room needs a name.';
  if (length > 32) return 'A room name has at most 32 characters.';
  if (!/^[\p{L}\p{N}._-]+$/u.test(trimmed)) {
    return 'A room name has only letters, digits, "-", "_" and ".".';
  }
  return '';
}

// Room names compare ignoring case.
export function roomKey(name) {
  return name.trim().toLowerCase();
}
