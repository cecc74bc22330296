#include "httprequest.h"

namespace chat::server {

namespace {

// RFC 9110's tchar: the bytes of a token (a method, a header name).
bool isTokenByte(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return false;
    for (const char c : bytes) {
        if (!isTokenByte(c))
            return false;
    }
    return true;
}

// A byte of a request target: visible ASCII, without '#' (a fragment is never sent).
bool isTargetByte(char c)
{
    return c > 0x20 && c < 0x7f && c != '#';
}

// A byte of a field value: visible ASCII, space, HTAB, or obs-text (0x80 and up).
bool isValueByte(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

HttpRequestError badRequest(const char *reason)
{
    return {"400 Bad Request", reason};
}

// "HTTP/d.d" of any version, so that one this server does not speak gets 505, not 400.
bool looksLikeVersion(const QByteArray &version)
{
    return version.size() == 8 && version.startsWith("HTTP/") && isDigit(version.at(5)) &&
           version.at(6) == '.' && isDigit(version.at(7));
}

// The request line into `request`; an error when it is not one.
std::optional<HttpRequestError> parseRequestLine(const QByteArray &line, HttpRequest &request)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3)
        return badRequest("The request line is not METHOD TARGET VERSION with single spaces.");
    request.method = parts.at(0);
    request.target = parts.at(1);
    request.version = parts.at(2);
    if (!isToken(request.method) || request.method.size() > http::maxMethodBytes)
        return badRequest("The method is not a token.");
    if (!request.target.startsWith('/'))
        return badRequest("The request target is not a path (origin form).");
    for (const char c : request.target) {
        if (!isTargetByte(c))
            return badRequest("The request target holds a byte it may not.");
    }
    if (request.version != "HTTP/1.1" && request.version != "HTTP/1.0") {
        if (looksLikeVersion(request.version))
            return HttpRequestError{"505 HTTP Version Not Supported",
                                    "This server speaks HTTP/1.1 and HTTP/1.0."};
        return badRequest("The request line does not end in an HTTP version.");
    }
    const qsizetype query = request.target.indexOf('?');
    request.path = query < 0 ? request.target : request.target.left(query);
    return std::nullopt;
}

// Whether one of the comma-separated tokens of `list` is `token` (ASCII case-insensitive),
// with or without a "/version".
bool listHasToken(const QByteArray &list, const QByteArray &token)
{
    for (const QByteArray &item : list.split(',')) {
        QByteArray name = item.trimmed().toLower();
        const qsizetype slash = name.indexOf('/');
        if (slash >= 0)
            name.truncate(slash);
        if (name == token)
            return true;
    }
    return false;
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &field : headers) {
        if (field.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

namespace http {

std::variant<HttpRequest, HttpRequestError> parseRequestHead(const QByteArray &head)
{
    if (!head.endsWith("\r\n\r\n"))
        return badRequest("The request head does not end with an empty line.");
    if (head.contains('\0'))
        return badRequest("The request head holds a NUL byte.");
    HttpRequest request;
    request.head = head.chopped(2);
    int hosts = 0;
    qsizetype at = 0;
    bool first = true;
    while (at < request.head.size()) {
        const qsizetype end = request.head.indexOf("\r\n", at);
        const QByteArray line = request.head.mid(at, end - at);
        at = end + 2;
        if (line.contains('\r') || line.contains('\n'))
            return badRequest("A line of the request head does not end in CRLF.");
        if (first) {
            first = false;
            if (auto error = parseRequestLine(line, request))
                return *error;
            continue;
        }
        if (line.isEmpty())
            return badRequest("The request head has an empty line before its end.");
        if (line.startsWith(' ') || line.startsWith('\t'))
            return badRequest("A header line is folded (obs-fold).");
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon);
        if (colon <= 0 || !isToken(name))
            return badRequest("A header name is not a token followed by ':'.");
        qsizetype from = colon + 1;
        qsizetype to = line.size();
        while (from < to && (line.at(from) == ' ' || line.at(from) == '\t'))
            ++from;
        while (to > from && (line.at(to - 1) == ' ' || line.at(to - 1) == '\t'))
            --to;
        const QByteArray value = line.mid(from, to - from);
        for (const char c : value) {
            if (!isValueByte(c))
                return badRequest("A header value holds a control byte.");
        }
        if (request.headers.size() == maxHeaderFields)
            return {HttpRequestError{"431 Request Header Fields Too Large",
                                     "The request has too many header fields."}};
        if (name.compare("Host", Qt::CaseInsensitive) == 0 && ++hosts > 1)
            return badRequest("The request has more than one Host header.");
        request.headers.append({name, value});
    }
    if (request.hasHeader("Transfer-Encoding"))
        return badRequest("No request here has a body (Transfer-Encoding).");
    if (request.hasHeader("Content-Length") &&
        (request.method == "GET" || request.method == "HEAD"))
        return badRequest("A GET or HEAD request has no body (Content-Length).");
    for (const auto &[name, value] : request.headers) {
        if (name.compare("Upgrade", Qt::CaseInsensitive) == 0 && listHasToken(value, "websocket"))
            request.upgrade = true;
    }
    return request;
}

bool canBecomeValid(const QByteArray &start)
{
    if (start.contains('\0'))
        return false;
    for (qsizetype i = 0; i < start.size(); ++i) {
        if (start.at(i) == '\n' && (i == 0 || start.at(i - 1) != '\r'))
            return false; // a bare LF
        if (start.at(i) == '\r' && i + 1 < start.size() && start.at(i + 1) != '\n')
            return false; // a bare CR
    }
    const qsizetype lineEnd = start.indexOf("\r\n");
    if (lineEnd >= 0) {
        // An HTTP version this server does not speak is answered 505 once the head is complete.
        HttpRequest request;
        const auto error = parseRequestLine(start.left(lineEnd), request);
        return !error || error->status.startsWith("505");
    }
    // The request line so far: a method, then a target, then the start of a version (and
    // maybe the CR of its end).
    const QList<QByteArray> parts = (start.endsWith('\r') ? start.chopped(1) : start).split(' ');
    if (parts.size() > 3)
        return false;
    const QByteArray &method = parts.at(0);
    for (const char c : method) {
        if (!isTokenByte(c))
            return false;
    }
    if (method.size() > maxMethodBytes || (parts.size() > 1 && method.isEmpty()))
        return false;
    if (parts.size() > 1) {
        const QByteArray &target = parts.at(1);
        if ((!target.isEmpty() && !target.startsWith('/')) ||
            (parts.size() > 2 && target.isEmpty()))
            return false;
        for (const char c : target) {
            if (!isTargetByte(c))
                return false;
        }
    }
    if (parts.size() > 2) {
        const QByteArray version = parts.at(2).left(8);
        const QByteArray pattern = "HTTP/0.0";
        for (qsizetype i = 0; i < version.size(); ++i) {
            const bool fits =
                pattern.at(i) == '0' ? isDigit(version.at(i)) : version.at(i) == pattern.at(i);
            if (!fits)
                return false;
        }
        if (parts.at(2).size() > 8)
            return false;
    }
    return true;
}

QByteArray serialize(const HttpRequest &request)
{
    QByteArray head = request.method + ' ' + request.target + ' ' + request.version + "\r\n";
    for (const auto &[name, value] : request.headers)
        head += name + ": " + value + "\r\n";
    return head + "\r\n";
}

} // namespace http
} // namespace chat::server
