#include "chatsession.h"
#include "clientsettings.h"
#include "mainwindow.h"
#include "rawclient.h"
#include "selfsignedcertificate.h"
#include "serverfixture.h"
#include "testclient.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QProcess>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>

// wss:// with a real (self-signed, made now by openssl) certificate.
class TlsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void chatOverWss();
    void plainClientGetsNowhere();
    void untrustedCertificateIsRefusedByTheClient();
    void desktopClientAsksAndRemembersByFingerprint();
    void windowAsksOnceAndRemembersTheServer();
    void badKeyStopsTheStart();
    void reloadServesTheNewCertificate();
    void slowReaderOverTlsIsClosed();

private:
    std::unique_ptr<chat::server::ChatServer> startTlsServer();
    QUrl wssUrl(const chat::server::ChatServer &server) const;
    QSslConfiguration trusting() const;

    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
};

void TlsTest::initTestCase()
{
    m_cert = m_dir.filePath("cert.pem");
    m_key = m_dir.filePath("key.pem");
    const QString failed = makeSelfSignedCertificate(m_cert, m_key);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

std::unique_ptr<chat::server::ChatServer> TlsTest::startTlsServer()
{
    chat::server::ServerConfig config;
    config.tlsCertificatePath = m_cert;
    config.tlsKeyPath = m_key;
    return startServer(config);
}

QUrl TlsTest::wssUrl(const chat::server::ChatServer &server) const
{
    return QUrl(QString("wss://localhost:%1/").arg(server.port()));
}

QSslConfiguration TlsTest::trusting() const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(m_cert));
    return tls;
}

void TlsTest::desktopClientAsksAndRemembersByFingerprint()
{
    auto server = startTlsServer();
    QVERIFY(server);
    const QSslCertificate certificate = QSslCertificate::fromPath(m_cert).first();
    const QString expected =
        QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':')).toUpper();

    chat::client::ChatSession session;
    QSignalSpy untrusted(&session, &chat::client::ChatSession::untrustedCertificate);
    QSignalSpy joined(&session, &chat::client::ChatSession::joined);
    session.open(wssUrl(*server), "alice");
    QVERIFY(untrusted.wait());
    QCOMPARE(untrusted.first().at(0).toString(), expected);
    QVERIFY(!untrusted.first().at(1).toString().isEmpty()); // why it is not trusted
    // Refused until the user says otherwise: no retries in the background.
    QTRY_COMPARE(session.state(), chat::client::ChatSession::State::Disconnected);

    session.trustCertificate(expected); // what the window does when the user accepts
    session.reconnectNow();
    QVERIFY(joined.wait());
    QCOMPARE(untrusted.size(), 1);

    // Another certificate for the same server is asked about again.
    chat::client::ChatSession other;
    QSignalSpy otherUntrusted(&other, &chat::client::ChatSession::untrustedCertificate);
    other.trustCertificate(QString(95, 'A'));
    other.open(wssUrl(*server), "bob");
    QVERIFY(otherUntrusted.wait());
}

void TlsTest::windowAsksOnceAndRemembersTheServer()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    auto server = startTlsServer();
    QVERIFY(server);
    const QUrl url = wssUrl(*server);
    {
        chat::client::ChatSession session;
        chat::client::MainWindow window(&session);
        window.show();
        QSignalSpy joined(&session, &chat::client::ChatSession::joined);
        session.open(url, "alice");
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox *>("certificateDialog")) != nullptr);
        const QSslCertificate certificate = QSslCertificate::fromPath(m_cert).first();
        const QString fingerprint =
            QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':'))
                .toUpper();
        QVERIFY(box->text().contains(fingerprint));
        box->button(QMessageBox::Yes)->click(); // the user compared it and trusts it
        QVERIFY(joined.wait());
        QCOMPARE(chat::client::ClientSettings().trustedCertificates(url), QStringList{fingerprint});
        session.close();
    }
    // Next start (open() trusts what is remembered for the server): no question, straight in.
    chat::client::ChatSession session;
    QSignalSpy untrusted(&session, &chat::client::ChatSession::untrustedCertificate);
    QSignalSpy joined(&session, &chat::client::ChatSession::joined);
    session.open(url, "alice2");
    QVERIFY(joined.wait());
    QCOMPARE(untrusted.size(), 0);
}

void TlsTest::chatOverWss()
{
    auto server = startTlsServer();
    QVERIFY(server);
    QCOMPARE(server->url().scheme(), "wss");
    TestClient alice, bob;
    alice.socket.setSslConfiguration(trusting());
    bob.socket.setSslConfiguration(trusting());
    QVERIFY(alice.open(wssUrl(*server)));
    QVERIFY(bob.open(wssUrl(*server)));
    alice.join("alice");
    bob.join("bob");
    QCOMPARE(alice.next().value("event").toString(), "user connected");
    alice.send("message", QJsonObject{{"text", "over TLS"}}, 2);
    QCOMPARE(alice.next().value("event").toString(), "ack");
    QCOMPARE(bob.next().value("data")["message"].toString(), "over TLS");
}

void TlsTest::plainClientGetsNowhere()
{
    auto server = startTlsServer();
    QVERIFY(server);
    TestClient plain;
    QVERIFY(!plain.open(QUrl(QString("ws://127.0.0.1:%1/").arg(server->port()))));
    QTRY_COMPARE(server->openConnections(), 0);
    QCOMPARE(server->userCount(), 0);
}

void TlsTest::untrustedCertificateIsRefusedByTheClient()
{
    auto server = startTlsServer();
    QVERIFY(server);
    TestClient client; // the system does not trust this self-signed certificate
    QVERIFY(!client.open(wssUrl(*server)));
}

void TlsTest::badKeyStopsTheStart()
{
    chat::server::ServerConfig config;
    config.tlsCertificatePath = m_cert;
    config.tlsKeyPath = m_cert; // a certificate is not a key
    config.host = QHostAddress::LocalHost;
    config.port = 0;
    chat::server::ChatServer server(config);
    QVERIFY(!server.listen());
    QVERIFY2(server.errorString().contains("private key"), qPrintable(server.errorString()));
}

void TlsTest::reloadServesTheNewCertificate()
{
    auto server = startTlsServer();
    QVERIFY(server);
    TestClient before;
    before.socket.setSslConfiguration(trusting());
    QVERIFY(before.open(wssUrl(*server)));
    const QSslCertificate first = before.socket.sslConfiguration().peerCertificate();

    // A renewed certificate in new files (as a certificate manager would write them).
    const QString cert = m_dir.filePath("renewed-cert.pem");
    const QString key = m_dir.filePath("renewed-key.pem");
    const QString failed = makeSelfSignedCertificate(cert, key, 2);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    chat::server::ServerConfig config;
    config.tlsCertificatePath = cert;
    config.tlsKeyPath = key;
    config.host = QHostAddress::LocalHost;
    config.port = 0;
    QVERIFY(server->reload(config));

    TestClient after;
    QSslConfiguration tls = trusting();
    tls.setCaCertificates(QSslCertificate::fromPath(cert));
    after.socket.setSslConfiguration(tls);
    QTRY_VERIFY(after.open(wssUrl(*server))); // the workers take the certificate in a moment
    const QSslCertificate second = after.socket.sslConfiguration().peerCertificate();
    QVERIFY(!second.isNull() && second != first);
    QVERIFY(!before.disconnected); // the open connection carries on

    config.tlsKeyPath = m_dir.filePath("missing.pem");
    QVERIFY(!server->reload(config)); // refused; the renewed certificate stays
}

void TlsTest::slowReaderOverTlsIsClosed()
{
    // The send cap counts what QSslSocket has encrypted but not yet sent: before, a wss reader
    // that stopped reading held an unbounded backlog (its encrypted bytes were not counted).
    chat::server::ServerConfig config;
    config.tlsCertificatePath = m_cert;
    config.tlsKeyPath = m_key;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0};
    config.maxSendBufferBytes = 256 * 1024;
    auto server = startServer(config);
    QVERIFY(server);
    RawClient stalled, talker;
    QVERIFY(stalled.handshakeTls(server->port(), trusting()));
    QVERIFY(talker.handshakeTls(server->port(), trusting()));
    stalled.sendText(R"({"event":"join","id":1,"data":{"name":"stalled"}})");
    QVERIFY(!stalled.nextText().isEmpty());
    stalled.socket.setReadBufferSize(1); // reads no more
    talker.sendText(R"({"event":"join","id":1,"data":{"name":"talker"}})");
    QVERIFY(!talker.nextText().isEmpty());
    QTRY_COMPARE(server->userCount(), 2);
    // 8 MB for the stalled reader: more than the kernel's buffers take, far over the cap.
    const QByteArray text = QByteArray(R"({"event":"message","data":{"text":")") +
                            QByteArray(4000, 'x') + QByteArray(R"("}})");
    for (int i = 0; i < 2000; ++i) {
        talker.sendText(text);
        if (i % 100 == 99) // let the server read and relay as it goes
            QTest::qWait(1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(server->userCount(), 1, 20'000); // the slow reader is gone
}

QTEST_MAIN(TlsTest)
#include "tst_tls.moc"
