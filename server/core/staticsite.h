#pragma once

#include "httprequest.h"
#include "requestscreen.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace chat::server {

// Files compiled into the server (Qt resources), served read-only over HTTP on the chat port:
// the browser client. Every file is read, typed and hashed once, when the site is made; a
// request only looks its path up in that table, so no request can reach anything else (no file
// system, no other resource). Immutable once made: any thread may answer with it.
class StaticSite
{
public:
    // Every file under the resource directory `root` (e.g. ":/web"), but those whose name (or a
    // directory's) starts with '.'. "/" is root/index.html.
    explicit StaticSite(const QString &root);

    // The browser client compiled into chat_server_core: webclient/ and /map/land-110m.json
    // (server/CMakeLists.txt), made on first use.
    static const StaticSite &webClient();

    // The answer to a plain request (not a WebSocket upgrade), always with the headers below:
    // 200 (HEAD: the same head, no body) or 304 (If-None-Match has the file's ETag);
    // 405 with "Allow: GET, HEAD" to other methods; 400 to a path that cannot be decoded safely
    // or tries to leave the site (see decodePath); 404 to any other path.
    HttpResponse answer(const HttpRequest &request) const;

    int fileCount() const { return int(m_files.size()); }
    bool hasFile(const QByteArray &path) const { return m_files.contains(path); }

    // A request path, percent-decoded, or nothing (answered 400) when it is not a plain path:
    // "//", a backslash, a '%' without two hex digits, an encoded '/' or '\', a control byte or
    // NUL, invalid UTF-8, or a "." or ".." segment (raw or encoded).
    static std::optional<QByteArray> decodePath(const QByteArray &path);
    // The Content-Type a file is served with, from its name's extension (charset for text).
    static QByteArray contentType(const QString &fileName);
    // The headers on every answer of the site (Content-Security-Policy, ...), as "Name: value\r\n".
    static const QByteArray &securityHeaders();

private:
    struct File
    {
        QByteArray type;
        QByteArray content;
        QByteArray etag; // a strong one: "\"" base64url(SHA-256 of the content) "\""
    };
    bool matches(const HttpRequest &request, const QByteArray &etag) const;

    QHash<QByteArray, File> m_files; // by URL path ("/index.html", "/map/land-110m.json")
};

} // namespace chat::server
