// The PROXY protocol header parser (versions 1 and 2) and X-Forwarded-For, data-driven: what a
// load balancer sends, and what a liar or a broken peer sends.
#include "proxyheader.h"

#include <QtEndian>
#include <QtTest>

using namespace chat::server;
using State = proxyheader::Result::State;

Q_DECLARE_METATYPE(State)

namespace {
QByteArray v2(quint8 versionCommand, quint8 family, const QByteArray &payload)
{
    QByteArray header("\r\n\r\n\0\r\nQUIT\n", 12);
    header += char(versionCommand);
    header += char(family);
    quint16 length = qToBigEndian<quint16>(quint16(payload.size()));
    header += QByteArray(reinterpret_cast<const char *>(&length), 2);
    return header + payload;
}

QByteArray v2Inet(const char *source, const char *destination, quint16 sport, quint16 dport,
                  const QByteArray &tlvs = {})
{
    QByteArray payload;
    const auto put32 = [&payload](quint32 value) {
        value = qToBigEndian(value);
        payload += QByteArray(reinterpret_cast<const char *>(&value), 4);
    };
    const auto put16 = [&payload](quint16 value) {
        value = qToBigEndian(value);
        payload += QByteArray(reinterpret_cast<const char *>(&value), 2);
    };
    put32(QHostAddress(QString::fromLatin1(source)).toIPv4Address());
    put32(QHostAddress(QString::fromLatin1(destination)).toIPv4Address());
    put16(sport);
    put16(dport);
    return v2(0x21, 0x11, payload + tlvs);
}

QByteArray v2Inet6(const char *source)
{
    const Q_IPV6ADDR address = QHostAddress(QString::fromLatin1(source)).toIPv6Address();
    QByteArray payload(reinterpret_cast<const char *>(address.c), 16);
    payload += QByteArray(16, '\0') + QByteArray("\x13\x88\x14\x64", 4);
    return v2(0x21, 0x21, payload);
}
} // namespace

class ProxyHeaderTest : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void forwardedFor_data();
    void forwardedFor();
};

void ProxyHeaderTest::parse_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<State>("state");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("source");

    const QByteArray get = "GET / HTTP/1.1\r\n";
    const QByteArray tcp4 = "PROXY TCP4 203.0.113.7 192.0.2.1 56324 443\r\n";
    QTest::newRow("v1 tcp4, request after")
        << tcp4 + get << State::Done << int(tcp4.size()) << "203.0.113.7";
    const QByteArray tcp6 = "PROXY TCP6 2001:db8::7 2001:db8::1 56324 443\r\n";
    QTest::newRow("v1 tcp6") << tcp6 << State::Done << int(tcp6.size()) << "2001:db8::7";
    QTest::newRow("v1 unknown") << QByteArray("PROXY UNKNOWN\r\n") + get << State::Done << 15 << "";
    const QByteArray unknown = "PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n";
    QTest::newRow("v1 unknown with addresses")
        << unknown << State::Done << int(unknown.size()) << "";
    QTest::newRow("v1 partial") << tcp4.left(20) << State::NeedMore << 0 << "";
    QTest::newRow("v1 prefix only") << QByteArray("PROX") << State::NeedMore << 0 << "";
    QTest::newRow("v1 family mismatch")
        << QByteArray("PROXY TCP4 2001:db8::7 192.0.2.1 1 2\r\n") << State::Invalid << 0 << "";
    QTest::newRow("v1 bad address")
        << QByteArray("PROXY TCP4 203.0.113.999 192.0.2.1 1 2\r\n") << State::Invalid << 0 << "";
    QTest::newRow("v1 bad port") << QByteArray("PROXY TCP4 203.0.113.7 192.0.2.1 65536 2\r\n")
                                 << State::Invalid << 0 << "";
    QTest::newRow("v1 leading zero port")
        << QByteArray("PROXY TCP4 203.0.113.7 192.0.2.1 080 2\r\n") << State::Invalid << 0 << "";
    QTest::newRow("v1 too few fields")
        << QByteArray("PROXY TCP4 203.0.113.7 192.0.2.1 80\r\n") << State::Invalid << 0 << "";
    QTest::newRow("v1 unknown protocol")
        << QByteArray("PROXY UDP4 203.0.113.7 192.0.2.1 1 2\r\n") << State::Invalid << 0 << "";
    QTest::newRow("v1 no end in 107 bytes")
        << QByteArray("PROXY TCP4 ") + QByteArray(120, '1') << State::Invalid << 0 << "";
    QTest::newRow("not a header") << get << State::None << 0 << "";
    QTest::newRow("TLS ClientHello")
        << QByteArray("\x16\x03\x01\x02\x00", 5) << State::None << 0 << "";
    QTest::newRow("empty") << QByteArray() << State::NeedMore << 0 << "";

    const QByteArray inet = v2Inet("198.51.100.9", "192.0.2.1", 40000, 443);
    QTest::newRow("v2 inet") << inet + get << State::Done << int(inet.size()) << "198.51.100.9";
    const QByteArray withTlvs = v2Inet("198.51.100.9", "192.0.2.1", 1, 2,
                                       QByteArray("\x04\x00\x03"
                                                  "abc",
                                                  6));
    QTest::newRow("v2 inet with TLVs")
        << withTlvs << State::Done << int(withTlvs.size()) << "198.51.100.9";
    const QByteArray inet6 = v2Inet6("2001:db8::42");
    QTest::newRow("v2 inet6") << inet6 << State::Done << int(inet6.size()) << "2001:db8::42";
    const QByteArray local = v2(0x20, 0x00, {});
    QTest::newRow("v2 local (health check)") << local << State::Done << 16 << "";
    const QByteArray unspec = v2(0x21, 0x00, {});
    QTest::newRow("v2 unspec family") << unspec << State::Done << 16 << "";
    QTest::newRow("v2 partial payload") << inet.left(20) << State::NeedMore << 0 << "";
    QTest::newRow("v2 signature only") << inet.left(12) << State::NeedMore << 0 << "";
    QTest::newRow("v2 partial signature") << inet.left(5) << State::NeedMore << 0 << "";
    QTest::newRow("v2 version 1") << v2(0x11, 0x11, QByteArray(12, '\0')) << State::Invalid << 0
                                  << "";
    QTest::newRow("v2 command 2") << v2(0x22, 0x11, QByteArray(12, '\0')) << State::Invalid << 0
                                  << "";
    QTest::newRow("v2 inet payload too short")
        << v2(0x21, 0x11, QByteArray(8, '\0')) << State::Invalid << 0 << "";
    QTest::newRow("v2 inet6 payload too short")
        << v2(0x21, 0x21, QByteArray(20, '\0')) << State::Invalid << 0 << "";
}

void ProxyHeaderTest::parse()
{
    QFETCH(QByteArray, data);
    QFETCH(State, state);
    QFETCH(int, length);
    QFETCH(QString, source);
    const proxyheader::Result result = proxyheader::parse(data);
    QCOMPARE(result.state, state);
    QCOMPARE(int(result.length), length);
    QCOMPARE(result.source.isNull() ? QString() : result.source.toString(), source);
}

void ProxyHeaderTest::forwardedFor_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("client");
    // The trusted proxies in these rows: 10.0.0.0/8.
    QTest::newRow("one proxy") << QByteArray("GET / HTTP/1.1\r\nX-Forwarded-For: 203.0.113.7\r\n")
                               << "203.0.113.7";
    QTest::newRow("client's own claim is left of the proxy's")
        << QByteArray("GET / HTTP/1.1\r\nx-forwarded-for: 1.2.3.4, 203.0.113.7\r\n")
        << "203.0.113.7";
    QTest::newRow("two proxies")
        << QByteArray("GET / HTTP/1.1\r\nX-Forwarded-For: 203.0.113.7, 10.1.2.3\r\n")
        << "203.0.113.7";
    QTest::newRow("two header lines")
        << QByteArray("GET / HTTP/1.1\r\nX-Forwarded-For: 1.2.3.4\r\nX-Forwarded-For: "
                      "203.0.113.8\r\n")
        << "203.0.113.8";
    QTest::newRow("ipv6 in brackets with port")
        << QByteArray("GET / HTTP/1.1\r\nX-Forwarded-For: [2001:db8::7]:443\r\n") << "2001:db8::7";
    QTest::newRow("ipv4 with port")
        << QByteArray("GET / HTTP/1.1\r\nX-Forwarded-For: 203.0.113.7:5555\r\n") << "203.0.113.7";
    QTest::newRow("garbage where the client should be")
        << QByteArray("GET / HTTP/1.1\r\nX-Forwarded-For: 1.2.3.4, <script>\r\n") << "";
    QTest::newRow("only proxies") << QByteArray("GET / HTTP/1.1\r\nX-Forwarded-For: 10.0.0.1\r\n")
                                  << "";
    QTest::newRow("none") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") << "";
}

void ProxyHeaderTest::forwardedFor()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, client);
    const QList<QPair<QHostAddress, int>> proxies{{QHostAddress("10.0.0.0"), 8}};
    const QHostAddress found =
        proxyheader::forwardedClient(head, [&proxies](const QHostAddress &address) {
            return proxyheader::inSubnets(address, proxies);
        });
    QCOMPARE(found.isNull() ? QString() : found.toString(), client);
}

QTEST_APPLESS_MAIN(ProxyHeaderTest)
#include "tst_proxyheader.moc"
