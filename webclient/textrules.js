// Rules for showing message text. Text from the network is data: it only ever becomes text
// nodes, and only http(s) URLs become links (never javascript:, data: or anything else).

const CANDIDATE = /https?:\/\/[^\s<>"]+/giu;

// The http(s) links in `text`, in order, as {start, length, href}. Sentence punctuation after a
// link is not part of it; a ")" is when the link opened one.
export function findLinks(text) {
  const links = [];
  for (const match of text.matchAll(CANDIDATE)) {
    let found = match[0];
    while (found.length > 0) {
      const last = found[found.length - 1];
      const opens = found.split('(').length;
      const closes = found.split(')').length;
      if (".,;:!?'".includes(last)) found = found.slice(0, -1);
      else if (last === ')' && opens < closes) found = found.slice(0, -1);
      else break;
    }
    const href = safeHref(found);
    if (href) links.push({ start: match.index, length: found.length, href });
  }
  return links;
}

// The URL as the browser will open it, or '' when it is not an http(s) URL with a host.
export function safeHref(candidate) {
  let url;
  try {
    url = new URL(candidate);
  } catch {
    return '';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return '';
  return url.href;
}

// Appends `text` to `parent` as text nodes, line breaks kept (by CSS white-space), links as
// <a> that open in a new tab without telling the target where they came from.
export function appendText(parent, text) {
  let at = 0;
  for (const link of findLinks(text)) {
    if (link.start > at) parent.append(document.createTextNode(text.slice(at, link.start)));
    const a = document.createElement('a');
    a.href = link.href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer nofollow';
    a.textContent = text.slice(link.start, link.start + link.length);
    parent.append(a);
    at = link.start + link.length;
  }
  if (at < text.length) parent.append(document.createTextNode(text.slice(at)));
}

const ADDRESS = /[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+|www\.\S+|[\p{L}\p{N}_.+-]+@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+/gu;

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Whether `text` names `name` as a word (ignoring case; "@name" too), outside links and e-mail
// addresses ("zoe@example.com" does not mention zoe).
export function mentions(text, name) {
  const trimmed = (name || '').trim();
  if (!trimmed || !text.toLowerCase().includes(trimmed.toLowerCase())) return false;
  const word = new RegExp(`(?<![\\p{L}\\p{N}_@])@?${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}_])`, 'giu');
  const excluded = [...text.matchAll(ADDRESS)].map((m) => [m.index, m.index + m[0].length]);
  for (const match of text.matchAll(word)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!excluded.some(([from, to]) => start < to && end > from)) return true;
  }
  return false;
}
