// The browser client served by a real chat server over real sockets (http and https on the chat
// port): the files compiled into chat_server_core (":/web": webclient/ and the world map), the
// headers on every answer, HEAD, ETag and 304, the escapes and the methods refused, and a
// WebSocket upgrade on any path beside it.
#include "httpclient.h"
#include "selfsignedcertificate.h"
#include "serverfixture.h"
#include "testclient.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QWebSocket>

namespace {
const QByteArray policy = "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; "
                          "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const QByteArray map = "/map/land-110m.json";

QByteArray resource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void verifySiteHeaders(const HttpReply &reply)
{
    QCOMPARE(reply.header("Content-Security-Policy"), policy);
    QCOMPARE(reply.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(reply.header("Referrer-Policy"), QByteArray("no-referrer"));
    QCOMPARE(reply.header("Connection"), QByteArray("close"));
    QVERIFY(reply.closed);
}
} // namespace

class StaticSiteServingTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void theRealPageIsServed();
    void theMapIsServed();
    void headIsGetWithoutTheBody();
    void etagGives304();
    void escapesAndMethods_data();
    void escapesAndMethods();
    void webSocketOnAnyPath();
    void servedOverHttps();

private:
    std::unique_ptr<chat::server::ChatServer> m_server;
};

void StaticSiteServingTest::initTestCase()
{
    m_server = startServer();
    QVERIFY(m_server);
}

void StaticSiteServingTest::theRealPageIsServed()
{
    // webclient/ is the browser client's (its own tests are tests/browser); here: its page is
    // what "/" answers, byte for byte.
    const QByteArray index = resource(":/web/index.html");
    if (index.isEmpty())
        QSKIP("webclient/index.html is not in this build (webclient/ is empty)");
    for (const char *target : {"/", "/index.html", "/?from=bookmark"}) {
        const HttpReply reply = httpRequest(m_server->port(), "GET", target);
        QCOMPARE(reply.status, QByteArray("HTTP/1.1 200 OK"));
        QCOMPARE(reply.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
        QCOMPARE(reply.body, index);
        verifySiteHeaders(reply);
    }
    // No inline script: the policy would block it (the page's scripts are files).
    QVERIFY(!index.contains("<script>"));
}

void StaticSiteServingTest::theMapIsServed()
{
    const QByteArray content = resource(":/web/map/land-110m.json");
    QFile source(QStringLiteral(CHAT_SOURCE_DIR "/resources/map/land-110m.json"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(content, source.readAll());
    const HttpReply reply = httpRequest(m_server->port(), "GET", map);
    QCOMPARE(reply.status, QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    QCOMPARE(reply.header("Content-Length"), QByteArray::number(content.size()));
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-cache"));
    QVERIFY(reply.header("ETag").startsWith('"'));
    QCOMPARE(reply.body, content);
    verifySiteHeaders(reply);
}

void StaticSiteServingTest::headIsGetWithoutTheBody()
{
    const HttpReply get = httpRequest(m_server->port(), "GET", map);
    const HttpReply head = httpRequest(m_server->port(), "HEAD", map);
    QCOMPARE(head.head, get.head);
    QVERIFY(head.body.isEmpty());
    QVERIFY(head.closed);
    // Also for what is not there.
    const HttpReply missing = httpRequest(m_server->port(), "HEAD", "/nothing");
    QCOMPARE(missing.status, QByteArray("HTTP/1.1 404 Not Found"));
    QVERIFY(missing.body.isEmpty());
    verifySiteHeaders(missing);
}

void StaticSiteServingTest::etagGives304()
{
    const QByteArray etag = httpRequest(m_server->port(), "GET", map).header("ETag");
    QVERIFY(!etag.isEmpty());
    const HttpReply again =
        httpRequest(m_server->port(), "GET", map, "If-None-Match: " + etag + "\r\n");
    QCOMPARE(again.status, QByteArray("HTTP/1.1 304 Not Modified"));
    QVERIFY(again.body.isEmpty());
    QCOMPARE(again.header("ETag"), etag);
    QCOMPARE(again.header("Cache-Control"), QByteArray("no-cache"));
    QVERIFY(!again.hasHeader("Content-Length"));
    verifySiteHeaders(again);
    // Another server made from the same files gives the same ETag (the content's hash).
    auto other = startServer();
    QVERIFY(other);
    QCOMPARE(httpRequest(other->port(), "HEAD", map).header("ETag"), etag);
    const HttpReply stale =
        httpRequest(m_server->port(), "GET", map, "If-None-Match: \"stale\"\r\n");
    QCOMPARE(stale.status, QByteArray("HTTP/1.1 200 OK"));
}

void StaticSiteServingTest::escapesAndMethods_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");
    const auto row = [](const char *name, const QByteArray &line, const char *status) {
        QTest::newRow(name) << QByteArray(line + "\r\nHost: localhost\r\n\r\n")
                            << QByteArray(status);
    };
    row("dot dot", "GET /../../etc/passwd HTTP/1.1", "400");
    row("dot dot in the map", "GET /map/../map/land-110m.json HTTP/1.1", "400");
    row("encoded dot dot", "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1", "400");
    row("encoded slash", "GET /map%2fland-110m.json HTTP/1.1", "400");
    row("double slash", "GET //etc/passwd HTTP/1.1", "400");
    row("backslash", "GET /map\\land-110m.json HTTP/1.1", "400");
    row("encoded backslash", "GET /..%5c..%5cetc/passwd HTTP/1.1", "400");
    row("encoded NUL", "GET /map/land-110m.json%00.html HTTP/1.1", "400");
    row("overlong dot", "GET /%c0%ae%c0%ae/etc/passwd HTTP/1.1", "400");
    row("absolute url", "GET http://localhost/map/land-110m.json HTTP/1.1", "400");
    row("file url", "GET file:///etc/passwd HTTP/1.1", "400");
    row("asterisk", "OPTIONS * HTTP/1.1", "400");
    row("missing", "GET /etc/passwd HTTP/1.1", "404");
    row("directory", "GET /map/ HTTP/1.1", "404");
    row("directory without slash", "GET /map HTTP/1.1", "404");
    row("hidden", "GET /.gitkeep HTTP/1.1", "404");
    row("case", "GET /MAP/land-110m.json HTTP/1.1", "404");
    row("resource syntax", "GET /:/web/index.html HTTP/1.1", "404");
    row("post", "POST / HTTP/1.1", "405");
    row("put", "PUT /map/land-110m.json HTTP/1.1", "405");
    row("delete", "DELETE /map/land-110m.json HTTP/1.1", "405");
    row("options", "OPTIONS / HTTP/1.1", "405");
    row("http/2", "GET / HTTP/2.0", "505");
    QTest::newRow("body on a get")
        << QByteArray("GET / HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody") << QByteArray("400");
    QTest::newRow("smuggling")
        << QByteArray("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << QByteArray("400");
}

void StaticSiteServingTest::escapesAndMethods()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    const HttpReply reply = rawHttp(m_server->port(), request);
    QVERIFY2(reply.status.startsWith(QByteArray("HTTP/1.1 " + status)), reply.status.constData());
    QVERIFY(reply.closed);
    QVERIFY(!reply.body.contains("\"polygons\"")); // never the file
    if (status == "405")
        QCOMPARE(reply.header("Allow"), QByteArray("GET, HEAD"));
    if (status == "404" || status == "405" || reply.hasHeader("Content-Security-Policy"))
        verifySiteHeaders(reply); // the site's answers (a malformed head is the screen's)
}

void StaticSiteServingTest::webSocketOnAnyPath()
{
    for (const char *path : {"/", "/index.html", "/map/land-110m.json", "/chat", "/x/y?z=1"}) {
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_server->port()).arg(path)));
        QVERIFY2(connected.wait(5000), path);
        socket.sendTextMessage(R"({"event":"join","id":1,"data":{"name":"walker"}})");
        QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
        QVERIFY(received.wait(5000));
        QVERIFY2(received.first().first().toString().contains("\"ack\""), path);
        socket.close();
        QTRY_COMPARE(m_server->userCount(), 0);
    }
}

void StaticSiteServingTest::servedOverHttps()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath("cert.pem");
    const QString key = dir.filePath("key.pem");
    const QString failed = makeSelfSignedCertificate(cert, key);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    chat::server::ServerConfig config;
    config.tlsCertificatePath = cert;
    config.tlsKeyPath = key;
    auto server = startServer(config);
    QVERIFY(server);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(cert));

    const HttpReply reply = httpRequest(server->port(), "GET", map, {}, tls);
    QCOMPARE(reply.status, QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(reply.body, resource(":/web/map/land-110m.json"));
    verifySiteHeaders(reply);
    const HttpReply missing = httpRequest(server->port(), "GET", "/../x", {}, tls);
    QVERIFY(missing.status.startsWith("HTTP/1.1 400"));
    // The page too, when there is one; and plain http on the TLS port gets nothing.
    if (!resource(":/web/index.html").isEmpty())
        QCOMPARE(httpRequest(server->port(), "GET", "/", {}, tls).body,
                 resource(":/web/index.html"));
    QVERIFY(!httpRequest(server->port(), "GET", map).status.startsWith("HTTP/"));
}

QTEST_GUILESS_MAIN(StaticSiteServingTest)
#include "tst_staticsiteserving.moc"
