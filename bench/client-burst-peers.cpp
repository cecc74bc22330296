#include "client-burst-peers.h"

#include "codec.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <cstdio>
#include <memory>
#include <unistd.h>
#include <vector>

namespace chat::bench {

namespace {

const char *const reactions[] = {
    "ok",           "lol",
    "+1",           "thanks!",
    "yes",          "no",
    "brb",          "on it",
    "nice",         "haha",
    "agreed",       "hm",
    "same here",    "sure",
    "why?",         "done",
    "ack",          "ty",
    "good catch",   "ship it",
    "wait what",    "back",
    "works for me", "👍",
    "🙂",         "ok, merging now",
    "one sec",      "lgtm",
};

const char *const words[] = {
    "the",      "a",       "build",    "test",   "server",   "client",   "release",   "branch",
    "review",   "patch",   "meeting",  "lunch",  "today",    "tomorrow", "later",     "again",
    "still",    "broken",  "fixed",    "green",  "red",      "deploy",   "staging",   "log",
    "error",    "timeout", "latency",  "queue",  "database", "index",    "migration", "ticket",
    "customer", "issue",   "question", "idea",   "plan",     "slides",   "demo",      "coffee",
    "weekend",  "and",     "but",      "so",     "because",  "if",       "when",      "we",
    "you",      "I",       "they",     "it",     "this",     "that",     "is",        "was",
    "will",     "can",     "should",   "could",  "need",     "want",     "think",     "know",
    "see",      "try",     "check",    "look",   "at",       "on",       "in",        "for",
    "with",     "from",    "about",    "after",  "before",   "just",     "really",    "maybe",
    "probably", "quick",   "small",    "big",    "new",      "old",      "first",     "last",
    "next",     "some",    "all",      "every",  "more",     "less",     "café",      "naïve",
    "über",     "Grüße",   "jalapeño", "résumé",
};

const char *const endings[] = {".", ".", ".", ".", "?", "!", "…", ""};

template <typename T, size_t N> const char *pick(std::mt19937 &rng, T (&list)[N])
{
    return list[rng() % N];
}

bool chance(std::mt19937 &rng, int percent)
{
    return int(rng() % 100) < percent;
}

QString sentence(std::mt19937 &rng)
{
    const int count = 4 + int(rng() % 14);
    QString text;
    for (int i = 0; i < count; ++i) {
        QString word = QString::fromUtf8(pick(rng, words));
        if (i == 0)
            word[0] = word[0].toUpper();
        else
            text += QLatin1Char(' ');
        text += word;
    }
    return text + QString::fromUtf8(pick(rng, endings));
}

QString link(std::mt19937 &rng)
{
    const int n = 100 + int(rng() % 900);
    switch (rng() % 4) {
    case 0:
        return QStringLiteral("https://git.example.org/chat/-/merge_requests/%1").arg(n);
    case 1:
        return QStringLiteral("https://docs.example.com/guide/section-%1.html#setup").arg(n);
    case 2:
        return QStringLiteral("(see https://status.example.net/incidents/%1)").arg(n);
    default:
        return QStringLiteral("http://intranet.example/wiki/Release_%1").arg(n);
    }
}

} // namespace

QString chatText(std::mt19937 &rng, const QString &mention)
{
    QString text;
    const int kind = int(rng() % 100);
    if (kind < 30) { // a reaction
        text = QString::fromUtf8(pick(rng, reactions));
    } else if (kind < 75) { // one sentence
        text = sentence(rng);
    } else if (kind < 93) { // a few sentences
        const int count = 2 + int(rng() % 4);
        for (int i = 0; i < count; ++i)
            text += (i ? QStringLiteral(" ") : QString()) + sentence(rng);
    } else { // a long paragraph or two
        const int count = 8 + int(rng() % 7);
        for (int i = 0; i < count; ++i) {
            if (i)
                text += chance(rng, 15) ? QStringLiteral("\n\n") : QStringLiteral(" ");
            text += sentence(rng);
        }
    }
    if (chance(rng, 10))
        text += QLatin1Char(' ') + link(rng);
    if (!mention.isEmpty() && chance(rng, 6)) {
        switch (rng() % 3) {
        case 0:
            text = QLatin1Char('@') + mention + QLatin1Char(' ') + text;
            break;
        case 1:
            text = mention + QStringLiteral(", ") + text;
            break;
        default:
            text += QStringLiteral(" what do you think, ") + mention + QLatin1Char('?');
        }
    }
    if (chance(rng, 4))
        text += QStringLiteral(" 🎉");
    return text.left(3000); // well under the server's 4,000-byte default
}

namespace {

struct PeersOptions
{
    QUrl url;
    int peers = 4;
    int count = 2000; // messages per burst, all peers together
    int window = 16;  // messages in flight per peer: the next one goes when an ack returns
    QString mention;  // the window's user, named in some of the messages
};

struct Peer
{
    QWebSocket socket;
    QString name;
    std::mt19937 rng;
    qint64 joinId = 0;
    qint64 nextId = 1;
    bool joined = false;
    int quota = 0; // messages still to send in this burst
    int inFlight = 0;
};

// The peers of one process: one QWebSocket each, one thread, driven by lines on stdin.
class PeerGroup : public QObject
{
public:
    explicit PeerGroup(const PeersOptions &options)
        : m_options(options), m_stdin(STDIN_FILENO, QSocketNotifier::Read)
    {
        static const char *const names[] = {"alice", "bob",   "carol", "dave",
                                            "erin",  "frank", "grace", "heidi"};
        for (int i = 0; i < options.peers; ++i) {
            auto peer = std::make_unique<Peer>();
            peer->name = i < 8 ? QString::fromLatin1(names[i]) : QStringLiteral("peer%1").arg(i);
            peer->rng.seed(1000 + i);
            Peer *p = peer.get();
            connect(&p->socket, &QWebSocket::connected, this, [this, p] {
                p->joinId = p->nextId++;
                p->socket.sendTextMessage(QString::fromUtf8(
                    codec::encode(ClientRequest{p->joinId, JoinRequest{p->name, {}, {}, {}}})));
            });
            connect(&p->socket, &QWebSocket::textMessageReceived, this,
                    [this, p](const QString &frame) { onFrame(*p, frame); });
            connect(&p->socket, &QWebSocket::disconnected, this, [this, p] {
                if (!m_closing)
                    fail(QStringLiteral("%1 lost its connection: %2")
                             .arg(p->name, p->socket.closeReason()));
                else if (--m_open == 0)
                    QCoreApplication::quit();
            });
            m_peers.push_back(std::move(peer));
        }
        connect(&m_stdin, &QSocketNotifier::activated, this, &PeerGroup::readStdin);
        m_open = int(m_peers.size());
        for (const auto &peer : m_peers)
            peer->socket.open(m_options.url);
    }

private:
    void onFrame(Peer &peer, const QString &frame)
    {
        // Most frames are the others' messages, which the peers do not need: skip them before
        // parsing (the server writes compact JSON with sorted keys, "event" last).
        static const QString newChatMsgTail = QStringLiteral(",\"event\":\"new chat msg\"}");
        if (frame.endsWith(newChatMsgTail))
            return;
        const auto event = codec::decodeServerEvent(frame.toUtf8());
        if (!event || !std::holds_alternative<Ack>(*event))
            return; // user connected / disconnected
        const Ack &ack = std::get<Ack>(*event);
        if (ack.id == peer.joinId) {
            if (ack.error)
                return fail(peer.name + QStringLiteral(" could not join: ") + ack.error->message);
            peer.joined = true;
            if (std::all_of(m_peers.begin(), m_peers.end(),
                            [](const auto &p) { return p->joined; }))
                say("ready");
            return;
        }
        --peer.inFlight;
        if (ack.error) {
            ++m_failed;
            std::fprintf(stderr, "peers: %s: message refused: %s\n", qPrintable(peer.name),
                         qPrintable(ack.error->message));
        } else {
            ++m_acked;
        }
        fill(peer);
        if (m_inBurst && m_acked + m_failed == m_options.count) {
            m_inBurst = false;
            say(QStringLiteral("done %1 %2 %3")
                    .arg(m_acked)
                    .arg(m_failed)
                    .arg(m_burstClock.nsecsElapsed() / 1e6, 0, 'f', 1)
                    .toUtf8());
        }
    }

    void fill(Peer &peer)
    {
        while (peer.quota > 0 && peer.inFlight < m_options.window) {
            --peer.quota;
            ++peer.inFlight;
            const QString text = chatText(peer.rng, m_options.mention);
            peer.socket.sendTextMessage(QString::fromUtf8(
                codec::encode(ClientRequest{peer.nextId++, MessageRequest{text}})));
        }
    }

    void startBurst()
    {
        m_burstClock.start();
        m_inBurst = true;
        m_acked = m_failed = 0;
        const int n = int(m_peers.size());
        for (int i = 0; i < n; ++i)
            m_peers[i]->quota = m_options.count / n + (i < m_options.count % n ? 1 : 0);
        for (const auto &peer : m_peers)
            fill(*peer);
    }

    void readStdin()
    {
        char chunk[256];
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n <= 0)
            return closeAll();
        m_input.append(chunk, n);
        for (qsizetype end; (end = m_input.indexOf('\n')) >= 0;) {
            const QByteArray line = m_input.left(end).trimmed();
            m_input.remove(0, end + 1);
            if (line == "go")
                startBurst();
            else if (line == "quit")
                return closeAll();
        }
    }

    void closeAll()
    {
        m_stdin.setEnabled(false);
        m_closing = true;
        for (const auto &peer : m_peers)
            peer->socket.close();
        QTimer::singleShot(2000, qApp, &QCoreApplication::quit); // in case a close hangs
    }

    void fail(const QString &why)
    {
        std::fprintf(stderr, "peers: %s\n", qPrintable(why));
        QCoreApplication::exit(1);
    }

    static void say(const QByteArray &line)
    {
        std::printf("%s\n", line.constData());
        std::fflush(stdout); // the window process waits for this line
    }

    PeersOptions m_options;
    std::vector<std::unique_ptr<Peer>> m_peers;
    QSocketNotifier m_stdin;
    QByteArray m_input;
    QElapsedTimer m_burstClock;
    bool m_inBurst = false;
    bool m_closing = false;
    int m_open = 0;
    int m_acked = 0;
    int m_failed = 0;
};

} // namespace

int peersMain(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The server."));
    parser.addPositionalArgument(QStringLiteral("n"), QStringLiteral("Peers."));
    parser.addPositionalArgument(QStringLiteral("count"), QStringLiteral("Messages per burst."));
    parser.addOption(QCommandLineOption(QStringLiteral("peers")));
    parser.addOption(QCommandLineOption(QStringLiteral("window"), {}, QStringLiteral("N"), "16"));
    parser.addOption(QCommandLineOption(QStringLiteral("mention"), {}, QStringLiteral("NAME")));
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    PeersOptions options;
    options.url = QUrl(args.value(0));
    options.peers = args.value(1).toInt();
    options.count = args.value(2).toInt();
    options.window = parser.value(QStringLiteral("window")).toInt();
    options.mention = parser.value(QStringLiteral("mention"));
    if (args.size() != 3 || !options.url.isValid() || options.peers < 1 || options.count < 1 ||
        options.window < 1) {
        std::fprintf(stderr, "usage: chat-client-burst --peers URL N COUNT [--window W] "
                             "[--mention NAME]\n");
        return 2;
    }
    PeerGroup group(options);
    return QCoreApplication::exec();
}

} // namespace chat::bench
