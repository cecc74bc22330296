// chat-client-burst: does a burst of messages freeze the client's window? (issue 9, defect 4)
//
// Three processes, so that only the client is measured in this one:
//   - the real `chat-server` (--host 127.0.0.1 --port 0 --db :memory: --rate-limit off
//     --request-rate off), its
//     port read from its "listening on ws://HOST:PORT/" line;
//   - the peers: this binary again as `chat-client-burst --peers URL N COUNT` (four QWebSockets
//     in one thread, client-burst-peers.cpp). They join, wait for "go" on stdin, then send COUNT
//     messages in all as fast as the server acknowledges them (WINDOW in flight per peer):
//     realistic chat lines of mixed length, some with links, some naming the window's user;
//   - this process: the real chat::client::MainWindow over a real chat::client::ChatSession, as
//     client/main.cpp makes them, shown at 860x580 (QT_QPA_PLATFORM=offscreen unless set),
//     joined as "viewer" before the peers.
// Then BURSTS bursts (default 3 of 2,000 messages), each followed by a pause of PAUSE ms.
//
// What each figure means (a burst lasts from "go" to the end of the pause after it):
//   shown_ms         from "go" to the end of the first paint of the message view that shows the
//                    burst's last message: the COUNT-th chat row is in the model, the view is
//                    scrolled so that the row is in the viewport, and the paint covers it.
//                    The time the user waits to see the conversation caught up.
//   last_in_model_ms from "go" to the COUNT-th chat row appearing in the model (rowsInserted);
//   first_in_model_ms  ... to the first.
//   peers_done_ms    from the peers reading "go" to the server's ack of their last message (the
//                    peers' own clock): how fast the server took the burst. shown_ms far above
//                    it means the client, not the server, is what the user waits for.
//   max_stall_ms     the longest event-loop stall during the burst: a Qt::PreciseTimer ticks
//                    every 5 ms in this thread; a stall is the time between two ticks minus
//                    the 5 ms interval. During a stall the window neither paints nor takes
//                    input: this is the freeze the user sees. max_stall_at_ms: when it began.
//   stalls_over_50ms, stalls_over_100ms   how many stalls were longer than 50 / 100 ms.
//   cpu_ms           this process's CPU time (getrusage: user + system, all threads) during
//                    the burst, pause included.
//   rss_kib          VmRSS (/proc/self/status) at the burst's end; rss_before_kib: before the
//                    first burst, once the window is up and everyone has joined.
// One line per burst, then one JSON line with every figure (bench/client-burst.sh reads it).
// `--inject-stall-ms 150` checks the instrument: the first burst must then show a stall of
// about 150 ms (it blocks once, in the monitor's slot for the burst's middle row).
#include "chatsession.h"
#include "client-burst-monitor.h"
#include "client-burst-peers.h"
#include "clientsettings.h"
#include "mainwindow.h"
#include "messageview.h"
#include "theme.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>
#include <memory>

namespace {

using chat::bench::BurstFigures;
using chat::bench::BurstMonitor;
using chat::client::ChatSession;
using chat::client::MainWindow;

struct Options
{
    QString serverPath;
    int count = 2000;
    int bursts = 3;
    int peers = 4;
    int window = 16;
    int pauseMs = 2000;
    int timeoutMs = 120'000;
    QString nick = QStringLiteral("viewer");
    int injectStallMs = 0;
    QString screenshot; // the window after the last burst, to see what "shown" showed
};

// One run: starts the server and the peers, drives the bursts, prints the figures.
class BurstRun
{
public:
    explicit BurstRun(const Options &options) : m_options(options) {}
    ~BurstRun();
    int run();

private:
    bool startServer();
    bool startPeers();
    void readPeers();
    // Runs the event loop until `ready` holds (checked whenever poke() is called) or `timeoutMs`
    // passed; false on timeout.
    bool waitUntil(const std::function<bool()> &ready, int timeoutMs);
    void poke();
    void pause(int ms);
    bool fail(const QString &why);

    const Options m_options;
    QTemporaryDir m_tmp;
    QProcess m_server;
    QProcess m_peers;
    QUrl m_url;
    bool m_peersReady = false;
    double m_peersDoneMs = -1;
    int m_peersAcked = 0;
    int m_peersFailed = 0;
    int m_connectionLosses = 0;
    QEventLoop *m_loop = nullptr;
    std::function<bool()> m_ready;
    ChatSession m_session;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<BurstMonitor> m_monitor;
    QString m_error;
};

BurstRun::~BurstRun()
{
    m_monitor.reset();
    m_window.reset();
    for (QProcess *process : {&m_peers, &m_server}) {
        if (process->state() == QProcess::NotRunning)
            continue;
        process->terminate();
        if (!process->waitForFinished(5000))
            process->kill();
        process->waitForFinished(1000);
    }
}

void BurstRun::poke()
{
    if (m_loop && m_ready())
        m_loop->exit(0);
}

bool BurstRun::waitUntil(const std::function<bool()> &ready, int timeoutMs)
{
    if (ready())
        return true;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, [&loop] { loop.exit(1); });
    m_loop = &loop;
    m_ready = ready;
    const bool ok = loop.exec() == 0;
    m_loop = nullptr;
    return ok;
}

void BurstRun::pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool BurstRun::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why; // the first failure is the one to report
    std::fprintf(stderr, "chat-client-burst: %s\n", qPrintable(why));
    return false;
}

bool BurstRun::startServer()
{
    m_server.setProgram(m_options.serverPath);
    m_server.setArguments(
        // The peers send as fast as they are acknowledged: no per-connection rate or budget.
        {"--host", "127.0.0.1", "--port", "0", "--db", ":memory:", "--rate-limit", "off",
         "--request-rate", "off"});
    // Its log goes to a file: reading it here would cost this event loop time.
    const QString log = m_tmp.filePath(QStringLiteral("chat-server.log"));
    m_server.setStandardErrorFile(log);
    QObject::connect(&m_server, &QProcess::readyReadStandardOutput, [this] {
        while (m_server.canReadLine()) {
            const QString line = QString::fromUtf8(m_server.readLine()).trimmed();
            if (line.startsWith(QLatin1String("listening on ")))
                m_url = QUrl(line.mid(13));
        }
        poke();
    });
    QObject::connect(&m_server, &QProcess::finished, [this] { poke(); });
    m_server.start();
    if (!waitUntil([this] { return m_url.isValid() || m_server.state() == QProcess::NotRunning; },
                   10'000) ||
        !m_url.isValid()) {
        QFile file(log);
        file.open(QIODevice::ReadOnly);
        return fail(QStringLiteral("%1 did not start: %2\n%3")
                        .arg(m_options.serverPath, m_server.errorString(),
                             QString::fromUtf8(file.readAll())));
    }
    return true;
}

bool BurstRun::startPeers()
{
    m_peers.setProgram(QCoreApplication::applicationFilePath());
    m_peers.setArguments({"--peers", m_url.toString(), QString::number(m_options.peers),
                          QString::number(m_options.count), "--window",
                          QString::number(m_options.window), "--mention", m_options.nick});
    m_peers.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QObject::connect(&m_peers, &QProcess::readyReadStandardOutput, [this] { readPeers(); });
    QObject::connect(&m_peers, &QProcess::finished, [this] { poke(); });
    m_peers.start();
    if (!waitUntil([this] { return m_peersReady || m_peers.state() == QProcess::NotRunning; },
                   15'000) ||
        !m_peersReady)
        return fail(QStringLiteral("the peers did not join"));
    // The window has seen them all join.
    if (!waitUntil([this] { return m_session.users()->count() == m_options.peers + 1; }, 10'000))
        return fail(QStringLiteral("the window did not see the peers join"));
    return true;
}

void BurstRun::readPeers()
{
    while (m_peers.canReadLine()) {
        const QList<QByteArray> words = m_peers.readLine().trimmed().split(' ');
        if (words.value(0) == "ready") {
            m_peersReady = true;
        } else if (words.value(0) == "done" && words.size() == 4) {
            m_peersAcked = words[1].toInt();
            m_peersFailed = words[2].toInt();
            m_peersDoneMs = words[3].toDouble();
        }
    }
    poke();
}

int BurstRun::run()
{
    if (!m_tmp.isValid() || !startServer())
        return 1;

    m_window = std::make_unique<MainWindow>(&m_session);
    m_window->resize(860, 580);
    m_window->show();
    m_window->activateWindow(); // the user is looking at the conversation
    m_monitor = std::make_unique<BurstMonitor>(m_window->messageView(), m_options.count);
    QObject::connect(m_monitor.get(), &BurstMonitor::progress, [this] { poke(); });
    QObject::connect(m_session.users(), &chat::client::UserListModel::countChanged,
                     [this] { poke(); });
    QObject::connect(&m_session, &ChatSession::stateChanged, [this](ChatSession::State state) {
        m_connectionLosses += state == ChatSession::State::WaitingToReconnect;
        poke();
    });
    m_session.open(m_url, m_options.nick);
    if (!waitUntil([this] { return m_session.state() == ChatSession::State::Joined; }, 10'000)) {
        fail(QStringLiteral("the window did not join"));
        return 1;
    }
    if (!startPeers())
        return 1;
    if (!waitUntil([this] { return m_monitor->viewPainted(); }, 10'000)) {
        fail(QStringLiteral("the window never painted"));
        return 1;
    }
    pause(1000); // let start-up work settle before the first figure
    const qint64 rssBefore = BurstMonitor::rssKiB();
    std::printf("window up: %s, active %s, RSS %.1f MiB\n",
                qPrintable(QGuiApplication::platformName()),
                m_window->isActiveWindow() ? "yes" : "no", double(rssBefore) / 1024);

    QJsonArray bursts;
    bool ok = true;
    for (int number = 1; number <= m_options.bursts && ok; ++number) {
        if (number == 1 && m_options.injectStallMs > 0)
            m_monitor->injectStallOnce(m_options.injectStallMs);
        m_peersDoneMs = -1;
        const int lossesBefore = m_connectionLosses;
        m_monitor->startBurst();
        m_peers.write("go\n");
        m_peers.waitForBytesWritten(1000); // now, not when this loop next runs
        ok = waitUntil(
            [this] {
                return (m_monitor->lastShown() && m_peersDoneMs >= 0) ||
                       m_peers.state() == QProcess::NotRunning;
            },
            m_options.timeoutMs);
        if (m_peers.state() == QProcess::NotRunning)
            ok = fail(QStringLiteral("the peers stopped (exit code %1)").arg(m_peers.exitCode()));
        else if (ok)
            pause(m_options.pauseMs); // stalls that follow the burst still count
        BurstFigures figures = m_monitor->finishBurst();
        figures.peersDoneMs = m_peersDoneMs;
        if (!ok) {
            if (m_error.isEmpty())
                fail(QStringLiteral("burst %1 did not finish in %2 ms: %3 of %4 messages in the "
                                    "model, last shown: %5, peers done: %6")
                         .arg(number)
                         .arg(m_options.timeoutMs)
                         .arg(figures.received)
                         .arg(m_options.count)
                         .arg(figures.shownMs >= 0 ? "yes" : "no")
                         .arg(m_peersDoneMs >= 0 ? "yes" : "no"));
        } else if (m_peersAcked != m_options.count || figures.received != m_options.count ||
                   m_connectionLosses != lossesBefore)
            ok = fail(QStringLiteral("burst %1: %2 messages refused, %3 of %4 received, "
                                     "%5 connection losses")
                          .arg(number)
                          .arg(m_peersFailed)
                          .arg(figures.received)
                          .arg(m_options.count)
                          .arg(m_connectionLosses - lossesBefore));
        std::printf("burst %d: %s\n", number, qPrintable(figures.summary()));
        std::fflush(stdout);
        bursts.append(figures.toJson());
    }

    if (!m_options.screenshot.isEmpty() && !m_window->grab().save(m_options.screenshot))
        fail(QStringLiteral("could not write ") + m_options.screenshot);
    m_peers.write("quit\n");
    m_peers.waitForBytesWritten(1000);
    m_peers.waitForFinished(5000);
    QJsonObject result{{"bench", "client-burst"},
                       {"ok", ok},
                       {"count", m_options.count},
                       {"peers", m_options.peers},
                       {"window", m_options.window},
                       {"pause_ms", m_options.pauseMs},
                       {"heartbeat_ms", BurstMonitor::heartbeatMs},
                       {"qt", QString::fromLatin1(qVersion())},
                       {"platform", QGuiApplication::platformName()},
                       {"rss_before_kib", rssBefore},
                       {"bursts", bursts}};
    if (!ok)
        result.insert(QStringLiteral("error"), m_error);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return ok ? 0 : 1;
}

int runWindow(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("QtChat"));
    QApplication::setApplicationName(QStringLiteral("chat-client-burst"));
    QStandardPaths::setTestModeEnabled(true); // never the user's own client settings
    chat::client::installTranslations();
    chat::client::applyTheme(chat::client::ClientSettings().theme());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures the chat client's window during bursts of messages (issue 9)."));
    parser.addHelpOption();
    const auto option = [&parser](const char *name, const char *help, const QString &value) {
        QString text = QString::fromLatin1(help);
        if (!value.isEmpty())
            text = text.arg(value);
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), text, QStringLiteral("N")));
    };
    Options o;
    const QString defaultServer = QCoreApplication::applicationDirPath() + "/../server/chat-server";
    option("server", "The chat-server binary (default: %1).", defaultServer);
    option("count", "Messages per burst (default: %1).", QString::number(o.count));
    option("bursts", "Bursts (default: %1).", QString::number(o.bursts));
    option("peer-count", "Peers that send (default: %1).", QString::number(o.peers));
    option("window", "Messages in flight per peer (default: %1).", QString::number(o.window));
    option("pause-ms", "Pause after each burst (default: %1).", QString::number(o.pauseMs));
    option("timeout-ms", "Give up on a burst after (default: %1).", QString::number(o.timeoutMs));
    option("inject-stall-ms", "Check the instrument: block once for N ms in the first burst.",
           QString());
    parser.addOption(QCommandLineOption(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window after the last burst."),
                                        QStringLiteral("FILE.png")));
    parser.process(app);
    const auto number = [&parser](const char *name, int fallback) {
        const QString value = parser.value(QString::fromLatin1(name));
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!value.isEmpty() && (!ok || n < 0)) {
            std::fprintf(stderr, "chat-client-burst: --%s wants a number\n", name);
            std::exit(2);
        }
        return value.isEmpty() ? fallback : n;
    };
    o.serverPath = parser.value(QStringLiteral("server"));
    if (o.serverPath.isEmpty())
        o.serverPath = defaultServer;
    o.count = qMax(1, number("count", o.count));
    o.bursts = number("bursts", o.bursts);
    o.peers = qMax(1, number("peer-count", o.peers));
    o.window = qMax(1, number("window", o.window));
    o.pauseMs = number("pause-ms", o.pauseMs);
    o.timeoutMs = number("timeout-ms", o.timeoutMs);
    o.injectStallMs = number("inject-stall-ms", 0);
    o.screenshot = parser.value(QStringLiteral("screenshot"));
    return BurstRun(o).run();
}

} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--peers") == 0)
            return chat::bench::peersMain(argc, argv);
    }
    return runWindow(argc, argv);
}
