#include "staticsite.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace chat::server {

namespace {

// The page runs its own scripts and styles only, talks to its own origin only (the WebSocket
// included: CSP Level 3's 'self' matches ws:/wss: on the same host and port), and nothing may
// frame it.
const QByteArray policy = "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; "
                          "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

HttpResponse answerWith(QByteArray status, QByteArray body, QByteArray extraHeaders = {})
{
    return {std::move(status), {}, std::move(body), StaticSite::securityHeaders() + extraHeaders};
}

} // namespace

StaticSite::StaticSite(const QString &root)
{
    QDirIterator files(root, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString filePath = files.next();
        const QString relative = filePath.mid(root.size());
        if (relative.contains(QLatin1String("/.")))
            continue; // hidden: .gitkeep and the like
        QFile file(filePath);
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcServer) << "cannot read" << filePath << ":" << file.errorString();
            continue;
        }
        File entry;
        entry.content = file.readAll();
        entry.type = contentType(filePath);
        entry.etag = '"' +
                     QCryptographicHash::hash(entry.content, QCryptographicHash::Sha256)
                         .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
                     '"';
        m_files.insert(relative.toUtf8(), entry);
    }
}

const StaticSite &StaticSite::webClient()
{
    static const StaticSite site(QStringLiteral(":/web"));
    return site;
}

const QByteArray &StaticSite::securityHeaders()
{
    static const QByteArray headers = "Content-Security-Policy: " + policy +
                                      "\r\nX-Content-Type-Options: nosniff"
                                      "\r\nReferrer-Policy: no-referrer\r\n";
    return headers;
}

QByteArray StaticSite::contentType(const QString &fileName)
{
    static const QHash<QString, QByteArray> types{
        {"html", "text/html; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},
        {"json", "application/json; charset=utf-8"},
        {"webmanifest", "application/manifest+json; charset=utf-8"},
        {"svg", "image/svg+xml; charset=utf-8"},
        {"txt", "text/plain; charset=utf-8"},
        {"md", "text/plain; charset=utf-8"},
        {"png", "image/png"},
        {"ico", "image/x-icon"},
        {"webp", "image/webp"},
        {"woff2", "font/woff2"},
    };
    return types.value(QFileInfo(fileName).suffix().toLower(), "application/octet-stream");
}

std::optional<QByteArray> StaticSite::decodePath(const QByteArray &path)
{
    if (!path.startsWith('/') || path.contains("//") || path.contains('\\'))
        return std::nullopt;
    QByteArray decoded;
    decoded.reserve(path.size());
    for (qsizetype i = 0; i < path.size(); ++i) {
        char c = path.at(i);
        if (c == '%') {
            const int high = i + 2 < path.size() ? hexValue(path.at(i + 1)) : -1;
            const int low = high >= 0 ? hexValue(path.at(i + 2)) : -1;
            if (low < 0)
                return std::nullopt;
            c = char(high * 16 + low);
            if (c == '/' || c == '\\')
                return std::nullopt; // would change where the segments are
            i += 2;
        }
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f)
            return std::nullopt;
        decoded.append(c);
    }
    if (QString::fromUtf8(decoded).toUtf8() != decoded)
        return std::nullopt; // not UTF-8
    for (const QByteArray &segment : decoded.split('/')) {
        if (segment == "." || segment == "..")
            return std::nullopt;
    }
    return decoded;
}

bool StaticSite::matches(const HttpRequest &request, const QByteArray &etag) const
{
    // If-None-Match compares weakly: W/"x" matches "x".
    for (const auto &[name, value] : request.headers) {
        if (name.compare("If-None-Match", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &item : value.split(',')) {
            QByteArray tag = item.trimmed();
            if (tag == "*")
                return true;
            if (tag.startsWith("W/"))
                tag.remove(0, 2);
            if (tag == etag)
                return true;
        }
    }
    return false;
}

HttpResponse StaticSite::answer(const HttpRequest &request) const
{
    if (request.method != "GET" && request.method != "HEAD")
        return answerWith("405 Method Not Allowed", "Only GET and HEAD are served here.\r\n",
                          "Allow: GET, HEAD\r\n");
    const std::optional<QByteArray> path = decodePath(request.path);
    if (!path)
        return answerWith("400 Bad Request", "The path is not a plain path.\r\n");
    const auto file = m_files.constFind(*path == "/" ? QByteArray("/index.html") : *path);
    if (file == m_files.cend())
        return answerWith("404 Not Found", "Not found.\r\n");
    HttpResponse response = answerWith("200 OK", file->content, "ETag: " + file->etag + "\r\n");
    response.contentType = file->type;
    response.cacheControl = "no-cache"; // kept, but asked again (ETag) before each use
    if (matches(request, file->etag)) {
        response.status = "304 Not Modified";
        response.body.clear();
    }
    return response;
}

} // namespace chat::server
