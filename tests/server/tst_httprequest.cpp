// The strict HTTP request-head parser of the chat port (httprequest.h), without sockets: what
// it takes, what it refuses and with which status, the early check the screen makes on a head
// that is not complete yet, and the round trip through serialize().
#include "httprequest.h"

#include <QtTest>

using chat::server::HttpRequest;
using chat::server::HttpRequestError;
namespace http = chat::server::http;

namespace {
const QByteArray get = "GET / HTTP/1.1\r\nHost: x\r\n";
} // namespace

class HttpRequestTest : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void parseKeepsTheHeaders();
    void serializeRoundTrips();
    void canBecomeValid_data();
    void canBecomeValid();
};

void HttpRequestTest::parse_data()
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

void HttpRequestTest::parse()
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

void HttpRequestTest::parseKeepsTheHeaders()
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

void HttpRequestTest::serializeRoundTrips()
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

void HttpRequestTest::canBecomeValid_data()
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

void HttpRequestTest::canBecomeValid()
{
    QFETCH(QByteArray, start);
    QFETCH(bool, valid);
    QCOMPARE(http::canBecomeValid(start), valid);
}
QTEST_GUILESS_MAIN(HttpRequestTest)
#include "tst_httprequest.moc"
