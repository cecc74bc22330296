// The HTTP side of the chat port without sockets: the strict request-head parser
// (httprequest.h), the path decoding, and StaticSite over a test-only set of files
// (tests/server/staticsite/, compiled in as ":/test-site") whose content the tests know.
// tst_staticsiteserving drives the real server over sockets.
#include "httprequest.h"
#include "staticsite.h"

#include <QFile>
#include <QtTest>

using chat::server::HttpRequest;
using chat::server::HttpRequestError;
using chat::server::HttpResponse;
using chat::server::StaticSite;
namespace http = chat::server::http;

namespace {
const QByteArray get = "GET / HTTP/1.1\r\nHost: x\r\n";

HttpRequest request(const QByteArray &method, const QByteArray &target,
                    const QByteArray &extraHeaders = {})
{
    const auto parsed = http::parseRequestHead(method + ' ' + target + " HTTP/1.1\r\nHost: x\r\n" +
                                               extraHeaders + "\r\n");
    if (const auto *ok = std::get_if<HttpRequest>(&parsed))
        return *ok;
    return {};
}

QByteArray header(const HttpResponse &response, const QByteArray &name)
{
    for (const QByteArray &line : response.extraHeaders.split('\n')) {
        if (line.startsWith(QByteArray(name + ": ")))
            return line.mid(name.size() + 2).trimmed();
    }
    return {};
}

QByteArray resource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class StaticSiteTest : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void parseKeepsTheHeaders();
    void serializeRoundTrips();
    void canBecomeValid_data();
    void canBecomeValid();
    void decodePath_data();
    void decodePath();
    void contentTypes_data();
    void contentTypes();
    void servesTheSiteFiles();
    void methodsOtherThanGetAndHead();
    void escapesAndUnknownPaths_data();
    void escapesAndUnknownPaths();
    void etagAndConditionalGet();
    void headersOnEveryAnswer();

private:
    const StaticSite m_site{QStringLiteral(":/test-site")};
};

void StaticSiteTest::parse_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("status"); // empty: parsed
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("upgrade");
    const QByteArray ok;
    const QByteArray bad = "400";
    QTest::newRow("get") << QByteArray(get + "\r\n") << ok << QByteArray("/") << false;
    QTest::newRow("head with query") << QByteArray("HEAD /a/b?c=d&e HTTP/1.1\r\nHost: x\r\n\r\n")
                                     << ok << QByteArray("/a/b") << false;
    QTest::newRow("1.0 without host")
        << QByteArray("GET /healthz HTTP/1.0\r\n\r\n") << ok << QByteArray("/healthz") << false;
    QTest::newRow("1.1 without host")
        << QByteArray("GET /healthz HTTP/1.1\r\n\r\n") << ok << QByteArray("/healthz") << false;
    QTest::newRow("upgrade") << QByteArray(get +
                                           "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                             << ok << QByteArray("/") << true;
    QTest::newRow("upgrade in a list")
        << QByteArray(get + "upgrade: h2c, WebSocket/13 \r\n\r\n") << ok << QByteArray("/") << true;
    QTest::newRow("other upgrade")
        << QByteArray(get + "Upgrade: websocketx, h2c\r\n\r\n") << ok << QByteArray("/") << false;
    QTest::newRow("value with tabs and obs-text")
        << QByteArray(get + "X-A:\t caf\xc3\xa9 \t\r\nX-B:\r\n\r\n") << ok << QByteArray("/")
        << false;
    QTest::newRow("post with a body length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n") << ok << QByteArray("/")
        << false;
    QByteArray hundred = get;
    for (int i = 1; i < http::maxHeaderFields; ++i)
        hundred += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("100 fields") << QByteArray(hundred + "\r\n") << ok << QByteArray("/") << false;
    QTest::newRow("101 fields") << QByteArray(hundred + "X-101: v\r\n\r\n") << QByteArray("431")
                                << QByteArray() << false;

    const auto refused = [&](const char *name, const QByteArray &head,
                             const QByteArray &status = "400") {
        QTest::newRow(name) << head << status << QByteArray() << false;
    };
    refused("no empty line", get);
    refused("bare LF", "GET / HTTP/1.1\nHost: x\n\n");
    refused("bare LF in a line", "GET / HTTP/1.1\r\nHost: x\ny: z\r\n\r\n");
    refused("bare CR in a line", "GET / HTTP/1.1\r\nHost: x\ry: z\r\n\r\n");
    refused("empty", "\r\n\r\n");
    refused("empty line before the end", "GET / HTTP/1.1\r\n\r\nHost: x\r\n\r\n");
    refused("two spaces", "GET  / HTTP/1.1\r\n\r\n");
    refused("tab separator", "GET\t/ HTTP/1.1\r\n\r\n");
    refused("leading space", " GET / HTTP/1.1\r\n\r\n");
    refused("trailing space", "GET / HTTP/1.1 \r\n\r\n");
    refused("no version", "GET /\r\n\r\n");
    refused("method not a token", "G(T / HTTP/1.1\r\n\r\n");
    refused("method too long", "GETGETGETGETGETGE / HTTP/1.1\r\n\r\n");
    refused("absolute url", "GET http://localhost/ HTTP/1.1\r\n\r\n");
    refused("authority form", "CONNECT localhost:443 HTTP/1.1\r\n\r\n");
    refused("asterisk", "OPTIONS * HTTP/1.1\r\n\r\n");
    refused("h2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    refused("fragment", "GET /#x HTTP/1.1\r\n\r\n");
    refused("control in target", "GET /\x01 HTTP/1.1\r\n\r\n");
    refused("non-ascii in target", "GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n");
    refused("NUL in target", QByteArray("GET /\0 HTTP/1.1\r\n\r\n", 19));
    refused("NUL in value", QByteArray("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26));
    refused("DEL in value", "GET / HTTP/1.1\r\nX: a\x7f\r\n\r\n");
    refused("control in value", "GET / HTTP/1.1\r\nX: a\x1b[0m\r\n\r\n");
    refused("obs-fold", get + "X: a\r\n b\r\n\r\n");
    refused("tab fold", get + "X: a\r\n\tb\r\n\r\n");
    refused("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n");
    refused("empty name", get + ": x\r\n\r\n");
    refused("name not a token", get + "X@Y: x\r\n\r\n");
    refused("no colon", get + "Host\r\n\r\n");
    refused("two hosts", get + "host: y\r\n\r\n");
    refused("transfer-encoding", get + "Transfer-Encoding: chunked\r\n\r\n");
    refused("transfer-encoding on post", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    refused("content-length on get", get + "Content-Length: 0\r\n\r\n");
    refused("content-length on head", "HEAD / HTTP/1.1\r\nContent-length: 5\r\n\r\n");
    refused("version 2.0", "GET / HTTP/2.0\r\n\r\n", "505");
    refused("version 0.9", "GET / HTTP/0.9\r\n\r\n", "505");
    refused("version lowercase", "GET / http/1.1\r\n\r\n");
    refused("version too long", "GET / HTTP/1.11\r\n\r\n");
    refused("tls hello", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n");
}

void StaticSiteTest::parse()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, status);
    QFETCH(QByteArray, path);
    QFETCH(bool, upgrade);
    const auto parsed = http::parseRequestHead(head);
    if (!status.isEmpty()) {
        const auto *error = std::get_if<HttpRequestError>(&parsed);
        QVERIFY(error);
        QVERIFY2(error->status.startsWith(status), error->status.constData());
        QVERIFY(!error->reason.isEmpty());
        return;
    }
    const auto *request = std::get_if<HttpRequest>(&parsed);
    if (!request)
        QFAIL(std::get<HttpRequestError>(parsed).reason.constData());
    QCOMPARE(request->path, path);
    QCOMPARE(request->upgrade, upgrade);
    QCOMPARE(request->head, head.chopped(2));
}

void StaticSiteTest::parseKeepsTheHeaders()
{
    const auto parsed = http::parseRequestHead(
        "HEAD /x?y HTTP/1.0\r\nHOST: a\r\nIf-None-Match:  \"t\" \r\nx-empty:\r\n\r\n");
    QVERIFY(std::holds_alternative<HttpRequest>(parsed));
    const auto &request = std::get<HttpRequest>(parsed);
    QCOMPARE(request.method, QByteArray("HEAD"));
    QCOMPARE(request.target, QByteArray("/x?y"));
    QCOMPARE(request.version, QByteArray("HTTP/1.0"));
    QCOMPARE(request.headers.size(), 3);
    QCOMPARE(request.header("host"), QByteArray("a"));
    QCOMPARE(request.header("if-none-match"), QByteArray("\"t\""));
    QVERIFY(request.hasHeader("X-Empty"));
    QVERIFY(request.header("X-Empty").isEmpty());
    QVERIFY(!request.hasHeader("Upgrade"));
}

void StaticSiteTest::serializeRoundTrips()
{
    for (const QByteArray &head :
         {QByteArray(get + "\r\n"),
          QByteArray("HEAD /a%20b?q HTTP/1.0\r\nX:   spaced  \r\nY:\r\n\r\n"),
          QByteArray(get + "Upgrade: websocket\r\nSec-WebSocket-Key: abc==\r\n\r\n")}) {
        const auto parsed = http::parseRequestHead(head);
        QVERIFY(std::holds_alternative<HttpRequest>(parsed));
        const auto &first = std::get<HttpRequest>(parsed);
        const auto reparsed = http::parseRequestHead(http::serialize(first));
        QVERIFY(std::holds_alternative<HttpRequest>(reparsed));
        const auto &again = std::get<HttpRequest>(reparsed);
        QCOMPARE(again.method, first.method);
        QCOMPARE(again.target, first.target);
        QCOMPARE(again.headers, first.headers);
        QCOMPARE(again.upgrade, first.upgrade);
    }
}

void StaticSiteTest::canBecomeValid_data()
{
    QTest::addColumn<QByteArray>("start");
    QTest::addColumn<bool>("valid");
    QTest::newRow("nothing") << QByteArray() << true;
    QTest::newRow("method") << QByteArray("GE") << true;
    QTest::newRow("target") << QByteArray("GET /in") << true;
    QTest::newRow("version") << QByteArray("GET / HTTP/1.") << true;
    QTest::newRow("a header") << QByteArray("GET / HTTP/1.1\r\nHost: loc") << true;
    QTest::newRow("before LF") << QByteArray("GET / HTTP/1.1\r") << true;
    QTest::newRow("tls hello") << QByteArray("\x16\x03\x01\x02\x00") << false;
    QTest::newRow("NUL") << QByteArray("GE\0", 3) << false;
    QTest::newRow("two spaces") << QByteArray("GET  /") << false;
    QTest::newRow("no slash") << QByteArray("GET x") << false;
    QTest::newRow("bad version") << QByteArray("GET / HTTX") << false;
    QTest::newRow("long version") << QByteArray("GET / HTTP/1.10") << false;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\n") << false;
    QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\rX") << false;
    QTest::newRow("bad line") << QByteArray("GET / HTTP/1.1 x\r\nHost: y") << false;
    QTest::newRow("long method") << QByteArray("ABCDEFGHIJKLMNOPQ") << false;
    QTest::newRow("four parts") << QByteArray("GET / HTTP/1.1 x") << false;
}

void StaticSiteTest::canBecomeValid()
{
    QFETCH(QByteArray, start);
    QFETCH(bool, valid);
    QCOMPARE(http::canBecomeValid(start), valid);
}

void StaticSiteTest::decodePath_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("decoded"); // empty: refused
    QTest::newRow("root") << QByteArray("/") << QByteArray("/");
    QTest::newRow("file") << QByteArray("/index.html") << QByteArray("/index.html");
    QTest::newRow("space") << QByteArray("/a%20b.txt") << QByteArray("/a b.txt");
    QTest::newRow("utf-8") << QByteArray("/caf%C3%A9") << QByteArray("/caf\xc3\xa9");
    QTest::newRow("percent") << QByteArray("/100%25") << QByteArray("/100%");
    QTest::newRow("three dots") << QByteArray("/...") << QByteArray("/...");
    QTest::newRow("dot file") << QByteArray("/.hidden") << QByteArray("/.hidden");
    QTest::newRow("trailing slash") << QByteArray("/sub/") << QByteArray("/sub/");
    for (const char *refused : {"",
                                "x",
                                "//",
                                "//etc/passwd",
                                "/a//b",
                                "/..",
                                "/../x",
                                "/a/../b",
                                "/a/..",
                                "/%2e%2e/x",
                                "/%2E%2E",
                                "/.%2e/x",
                                "/%2e./x",
                                "/.",
                                "/./a",
                                "/a/.",
                                "/a%2fb",
                                "/a%2Fb",
                                "/%2f%2fetc",
                                "/a%5cb",
                                "/a\\b",
                                "/..\\x",
                                "/%00",
                                "/a%0a",
                                "/%0d%0a",
                                "/%7f",
                                "/%",
                                "/%4",
                                "/%zz",
                                "/%%30",
                                "/%C3",
                                "/%ff",
                                "/%c0%ae%c0%ae/x",
                                "/%252e%252e"}) {
        // "%252e" decodes once, to "%2e": a file named so, never a second decoding.
        const bool literalPercent = QByteArray(refused) == "/%252e%252e";
        QTest::newRow(refused) << QByteArray(refused)
                               << (literalPercent ? QByteArray("/%2e%2e") : QByteArray());
    }
}

void StaticSiteTest::decodePath()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, decoded);
    const auto result = StaticSite::decodePath(path);
    QCOMPARE(result.value_or(QByteArray()), decoded);
}

void StaticSiteTest::contentTypes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("html") << "/index.html" << QByteArray("text/html; charset=utf-8");
    QTest::newRow("js") << "/app.js" << QByteArray("text/javascript; charset=utf-8");
    QTest::newRow("css") << "/style.css" << QByteArray("text/css; charset=utf-8");
    QTest::newRow("json") << "/data.json" << QByteArray("application/json; charset=utf-8");
    QTest::newRow("svg") << "/icon.svg" << QByteArray("image/svg+xml; charset=utf-8");
    QTest::newRow("png") << "/pixel.png" << QByteArray("image/png");
    QTest::newRow("ico") << "/favicon.ico" << QByteArray("image/x-icon");
    QTest::newRow("webmanifest") << "/app.webmanifest"
                                 << QByteArray("application/manifest+json; charset=utf-8");
    QTest::newRow("txt") << "/a b.txt" << QByteArray("text/plain; charset=utf-8");
}

void StaticSiteTest::contentTypes()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, type);
    QCOMPARE(StaticSite::contentType(path), type);
    QCOMPARE(StaticSite::contentType(path.toUpper()), type);
    const QByteArray target = QUrl::toPercentEncoding(path, "/");
    const HttpResponse response = m_site.answer(request("GET", target));
    QCOMPARE(response.status, QByteArray("200 OK"));
    QCOMPARE(response.contentType, type);
    QCOMPARE(response.body, resource(":/test-site" + path));
}

void StaticSiteTest::servesTheSiteFiles()
{
    QCOMPARE(m_site.fileCount(), 10); // not the hidden one
    const QByteArray index = resource(":/test-site/index.html");
    QVERIFY(index.contains("The test site of tst_staticsite."));
    QCOMPARE(m_site.answer(request("GET", "/")).body, index);
    QCOMPARE(m_site.answer(request("GET", "/index.html")).body, index);
    QCOMPARE(m_site.answer(request("GET", "/?utm=x")).body, index);
    // HEAD is answered as GET; the screen leaves the body out (tst_staticsiteserving).
    const HttpResponse head = m_site.answer(request("HEAD", "/"));
    QCOMPARE(head.status, QByteArray("200 OK"));
    QCOMPARE(head.extraHeaders, m_site.answer(request("GET", "/")).extraHeaders);
    QCOMPARE(m_site.answer(request("GET", "/sub/page.html")).body,
             resource(":/test-site/sub/page.html"));
    QCOMPARE(StaticSite::contentType("noextension"), QByteArray("application/octet-stream"));
}

void StaticSiteTest::methodsOtherThanGetAndHead()
{
    for (const char *method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get"}) {
        for (const char *target : {"/", "/index.html", "/nothing", "/../x"}) {
            const HttpResponse response = m_site.answer(request(method, target));
            QCOMPARE(response.status, QByteArray("405 Method Not Allowed"));
            QCOMPARE(header(response, "Allow"), QByteArray("GET, HEAD"));
        }
    }
}

void StaticSiteTest::escapesAndUnknownPaths_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("status");
    const QByteArray bad = "400 Bad Request";
    const QByteArray missing = "404 Not Found";
    for (const char *target :
         {"/../index.html", "/sub/../index.html", "/%2e%2e/index.html", "/sub/%2E%2E/index.html",
          "/./index.html", "//index.html", "/sub//page.html", "/sub%2fpage.html", "/sub\\page.html",
          "/%5c..%5cindex.html", "/index.html%00", "/%00", "/%", "/..%2findex.html",
          "/%c0%ae%c0%ae/index.html"})
        QTest::newRow(target) << QByteArray(target) << bad;
    for (const char *target : {"/.hidden.txt", "/sub", "/sub/", "/nothing", "/INDEX.HTML",
                               "/index.html/", "/index", "/a+b.txt", "/%2e%2e%2e", "/%252e%252e"})
        QTest::newRow(target) << QByteArray(target) << missing;
    QTest::newRow("space decoded") << QByteArray("/a%20b.txt") << QByteArray("200 OK");
}

void StaticSiteTest::escapesAndUnknownPaths()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, status);
    const HttpRequest parsed = request("GET", target);
    QCOMPARE(parsed.target, target);
    QCOMPARE(m_site.answer(parsed).status, status);
}

void StaticSiteTest::etagAndConditionalGet()
{
    const HttpResponse first = m_site.answer(request("GET", "/app.js"));
    const QByteArray etag = header(first, "ETag");
    // Strong, quoted, the content's SHA-256: the same for the same content in another site...
    QVERIFY(etag.startsWith('"') && etag.endsWith('"') && etag.size() == 45);
    const StaticSite again(QStringLiteral(":/test-site"));
    QCOMPARE(header(again.answer(request("GET", "/app.js")), "ETag"), etag);
    // ...and another for other content.
    QVERIFY(header(m_site.answer(request("GET", "/style.css")), "ETag") != etag);
    QCOMPARE(first.cacheControl, QByteArray("no-cache"));

    for (const QByteArray &condition :
         QByteArrayList{etag, "W/" + etag, "\"other\", " + etag, "*", "\"x\",W/" + etag}) {
        for (const char *method : {"GET", "HEAD"}) {
            const HttpResponse response =
                m_site.answer(request(method, "/app.js", "If-None-Match: " + condition + "\r\n"));
            QCOMPARE(response.status, QByteArray("304 Not Modified"));
            QVERIFY(response.body.isEmpty());
            QCOMPARE(header(response, "ETag"), etag);
            QCOMPARE(response.cacheControl, QByteArray("no-cache"));
        }
    }
    for (const QByteArray &condition : QByteArrayList{"\"other\"", etag.mid(1, 20), {}}) {
        const HttpResponse response =
            m_site.answer(request("GET", "/app.js", "If-None-Match: " + condition + "\r\n"));
        QCOMPARE(response.status, QByteArray("200 OK"));
        QCOMPARE(response.body, resource(":/test-site/app.js"));
    }
}

void StaticSiteTest::headersOnEveryAnswer()
{
    const QByteArray etag = header(m_site.answer(request("GET", "/")), "ETag");
    const HttpResponse answers[] = {
        m_site.answer(request("GET", "/")),
        m_site.answer(request("HEAD", "/pixel.png")),
        m_site.answer(request("GET", "/", "If-None-Match: " + etag + "\r\n")),
        m_site.answer(request("GET", "/nothing")),
        m_site.answer(request("GET", "/../x")),
        m_site.answer(request("POST", "/")),
    };
    for (const HttpResponse &response : answers) {
        QCOMPARE(header(response, "Content-Security-Policy"),
                 QByteArray("default-src 'none'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; "
                            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"));
        QCOMPARE(header(response, "X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(header(response, "Referrer-Policy"), QByteArray("no-referrer"));
    }
}

QTEST_GUILESS_MAIN(StaticSiteTest)
#include "tst_staticsite.moc"
