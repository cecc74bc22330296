// http/web_client in a real chat-server process: on by default (the start's log line names the
// browser client's URL), off in the ini file (plain requests answered 426 as before), the
// command line's --web-client over the file, SIGHUP applies the file again, and a bad value
// stops the start naming the key.
#include "httpclient.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <csignal>

namespace {
const QByteArray map = "/map/land-110m.json";

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// Starts chat-server with `arguments` on 127.0.0.1 and a free port; its port, or 0. `log`: its
// standard error up to the listening line.
quint16 start(QProcess &server, QStringList arguments, QByteArray *log = nullptr)
{
    arguments << "--host"
              << "127.0.0.1"
              << "--port"
              << "0"
              << "--db"
              << ":memory:";
    server.start(QStringLiteral(CHAT_SERVER_PATH), arguments);
    QByteArray output;
    QRegularExpressionMatch listening;
    const bool started = QTest::qWaitFor(
        [&] {
            output += server.readAllStandardOutput();
            listening = QRegularExpression("^listening on ws://127.0.0.1:(\\d+)/").match(output);
            return listening.hasMatch() || server.state() == QProcess::NotRunning;
        },
        10'000);
    if (!started || !listening.hasMatch())
        return 0;
    if (log)
        *log = server.readAllStandardError();
    return quint16(listening.captured(1).toUInt());
}

void stop(QProcess &server)
{
    server.terminate();
    server.waitForFinished(10'000);
}
} // namespace

class WebClientConfigTest : public QObject
{
    Q_OBJECT
private slots:
    void onByDefaultAndLogged();
    void offInTheFileOnFromTheCommandLine();
    void sighupTurnsItOff();
    void badValueStopsTheStart();
};

void WebClientConfigTest::onByDefaultAndLogged()
{
    QProcess server;
    QByteArray log;
    const quint16 port = start(server, {}, &log);
    QVERIFY(port);
    QVERIFY2(log.contains(
                 QByteArray("browser client: http://127.0.0.1:" + QByteArray::number(port) + "/")),
             log.constData());
    QCOMPARE(httpRequest(port, "GET", map).status, QByteArray("HTTP/1.1 200 OK"));
    stop(server);
}

void WebClientConfigTest::offInTheFileOnFromTheCommandLine()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath("chat.ini");
    QVERIFY(writeFile(ini, "[http]\nweb_client=false\n"));
    QProcess off;
    QByteArray log;
    const quint16 port = start(off, {"--config", ini}, &log);
    QVERIFY(port);
    QVERIFY(!log.contains("browser client"));
    QVERIFY(httpRequest(port, "GET", map).status.startsWith("HTTP/1.1 426"));
    QVERIFY(httpRequest(port, "GET", "/").status.startsWith("HTTP/1.1 426"));
    stop(off);

    QProcess on;
    const quint16 again = start(on, {"--config", ini, "--web-client", "true"});
    QVERIFY(again);
    QCOMPARE(httpRequest(again, "GET", map).status, QByteArray("HTTP/1.1 200 OK"));
    stop(on);
}

void WebClientConfigTest::sighupTurnsItOff()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath("chat.ini");
    QVERIFY(writeFile(ini, "[http]\nweb_client=true\n"));
    QProcess server;
    const quint16 port = start(server, {"--config", ini});
    QVERIFY(port);
    QCOMPARE(httpRequest(port, "GET", map).status, QByteArray("HTTP/1.1 200 OK"));
    QVERIFY(writeFile(ini, "[http]\nweb_client=false\n"));
    ::kill(pid_t(server.processId()), SIGHUP);
    QTRY_VERIFY(httpRequest(port, "GET", map).status.startsWith("HTTP/1.1 426"));
    stop(server);
}

void WebClientConfigTest::badValueStopsTheStart()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath("bad.ini");
    QVERIFY(writeFile(ini, "[http]\nweb_client=maybe\n"));
    for (const QStringList &arguments :
         {QStringList{"--config", ini}, QStringList{"--web-client", "maybe"}}) {
        QProcess server;
        server.start(QStringLiteral(CHAT_SERVER_PATH), arguments + QStringList{"--db", ":memory:"});
        QVERIFY(server.waitForFinished(10'000));
        QCOMPARE(server.exitCode(), 2);
        const QByteArray error = server.readAllStandardError();
        QVERIFY2(error.contains("web_client") || error.contains("web-client"), error.constData());
    }
}

QTEST_GUILESS_MAIN(WebClientConfigTest)
#include "tst_webclientconfig.moc"
