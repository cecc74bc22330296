#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>

#include <variant>

namespace chat::server {

// A request on the chat port: an HTTP/1.x request head, parsed strictly (RFC 9112) before
// anything acts on it. No sockets here: the screen (requestscreen.h) hands it the bytes.
struct HttpRequest
{
    QByteArray method;  // "GET", "HEAD", ... (case-sensitive, as HTTP has it)
    QByteArray target;  // the origin-form request target: "/path?query"
    QByteArray path;    // the target without its query
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    // The header fields in their order, names as sent, values without surrounding whitespace.
    QList<QPair<QByteArray, QByteArray>> headers;
    bool upgrade = false; // asks for a WebSocket (an Upgrade header naming "websocket")
    QByteArray head;      // the request line and header lines, each ending in CRLF

    // The first value of the header `name` (case-insensitive); empty when it has none.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};

struct HttpRequestError
{
    QByteArray status; // "400 Bad Request", "505 HTTP Version Not Supported"
    QByteArray reason; // what was wrong, for the answer's body and the log
};

namespace http {

// Bounds on top of the screen's 16 KiB for the whole head.
constexpr int maxHeaderFields = 100;
constexpr int maxMethodBytes = 16;

// Parses a request head: the bytes up to and including the empty line's CRLF ("...\r\n\r\n").
// Strict: one request line "METHOD SP TARGET SP HTTP/1.x" with single spaces; every line ends
// in CRLF (no bare CR or LF); no NUL or other control byte but HTAB in a value; header names are
// tokens, followed at once by ':'; no obs-fold (a line starting with whitespace); the target is
// in origin form (starts with '/'; no absolute URL, authority or '*'); at most one Host; no
// Transfer-Encoding, and no Content-Length on a GET or HEAD (no request here has a body).
std::variant<HttpRequest, HttpRequestError> parseRequestHead(const QByteArray &head);

// Whether the first bytes of a head that is not complete yet can still become a valid one: a
// NUL, a bare LF, or a finished request line that does not parse mean they cannot, and the
// connection is answered 400 at once instead of waiting for the rest.
bool canBecomeValid(const QByteArray &start);

// A head again from a parsed request (what parseRequestHead() parses to the same request).
QByteArray serialize(const HttpRequest &request);

} // namespace http
} // namespace chat::server
