// StaticSite without sockets: the path decoding, and the site over a test-only set of files
// (tests/server/staticsite/, compiled in as ":/test-site") whose content the tests know.
// tst_httprequest tests the parser; tst_staticsiteserving drives the real server over sockets.
#include "httprequest.h"
#include "staticsite.h"

#include <QFile>
#include <QtTest>

using chat::server::HttpRequest;
using chat::server::HttpResponse;
using chat::server::StaticSite;
namespace http = chat::server::http;

namespace {
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
