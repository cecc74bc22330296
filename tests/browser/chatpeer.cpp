// A peer for the browser client's tests (tests/browser/*.mjs): the desktop client's own
// ChatSession (client/logic) in a process of its own, driven by JSON lines on stdin and telling
// what happens as JSON lines on stdout. Beside it, a raw WebSocket ("wire") for the requests
// ChatSession does not make (a third-party client's frames, such as `send location`).
//
// Commands: {"cmd": "open", "url", "name"}, {"cmd": "send", "text"}, {"cmd": "enter", "room"},
// {"cmd": "show", "room"}, {"cmd": "private", "name"}, {"cmd": "typing"}, {"cmd": "lines"},
// {"cmd": "users"},
// {"cmd": "wire-open", "url"}, {"cmd": "wire-send", "frame"}, {"cmd": "quit"}.
// Events: {"event": "state" | "joined" | "message" | "queued" | "lines" | "users" |
// "request-failed" | "wire-open" | "wire" | "error", ...}.
#include "chatsession.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QWebSocket>

#include <cstdio>
#include <unistd.h>

using chat::client::ChatSession;
using chat::client::MessageListModel;
using chat::client::UserListModel;

namespace {

void emitLine(const QJsonObject &event)
{
    const QByteArray line = QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

class Peer : public QObject
{
public:
    Peer() : m_stdin(STDIN_FILENO, QSocketNotifier::Read)
    {
        m_session.setReconnectDelays(100, 1000);
        connect(&m_stdin, &QSocketNotifier::activated, this, &Peer::readStdin);
        connect(&m_session, &ChatSession::stateChanged, this, [](ChatSession::State state) {
            emitLine({{"event", "state"},
                      {"state", QMetaEnum::fromType<ChatSession::State>().valueToKey(int(state))}});
        });
        connect(&m_session, &ChatSession::joined, this, [](bool resumed) {
            emitLine({{"event", "joined"}, {"resumed", resumed}});
        });
        connect(&m_session, &ChatSession::messageReceived, this,
                [](const chat::ChatMsg &msg, bool mentionsMe, bool privately, bool inCurrent) {
                    emitLine({{"event", "message"},
                              {"id", msg.id},
                              {"sender", msg.sender},
                              {"text", msg.message},
                              {"mentionsMe", mentionsMe},
                              {"privately", privately},
                              {"current", inCurrent}});
                });
        connect(&m_session, &ChatSession::requestFailed, this, [](const QString &message) {
            emitLine({{"event", "request-failed"}, {"message", message}});
        });
        connect(&m_wire, &QWebSocket::connected, this, [] { emitLine({{"event", "wire-open"}}); });
        connect(&m_wire, &QWebSocket::textMessageReceived, this, [](const QString &text) {
            emitLine(
                {{"event", "wire"}, {"frame", QJsonDocument::fromJson(text.toUtf8()).object()}});
        });
    }

private:
    void readStdin()
    {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) { // the test is gone
            m_stdin.setEnabled(false);
            QCoreApplication::quit();
            return;
        }
        m_pending.append(buffer, n);
        for (qsizetype end = m_pending.indexOf('\n'); end >= 0; end = m_pending.indexOf('\n')) {
            const QByteArray line = m_pending.left(end);
            m_pending.remove(0, end + 1);
            const QJsonObject command = QJsonDocument::fromJson(line).object();
            if (!command.isEmpty())
                run(command);
        }
    }

    void run(const QJsonObject &command)
    {
        const QString cmd = command.value("cmd").toString();
        if (cmd == "open") {
            m_session.open(QUrl(command.value("url").toString()), command.value("name").toString());
        } else if (cmd == "send") {
            emitLine({{"event", "queued"},
                      {"ok", m_session.sendMessage(command.value("text").toString())}});
        } else if (cmd == "enter") {
            m_session.enterRoom(command.value("room").toString());
        } else if (cmd == "show") {
            m_session.show(ChatSession::Kind::Room, command.value("room").toString());
        } else if (cmd == "private") {
            openPrivate(command.value("name").toString());
        } else if (cmd == "typing") {
            m_session.notifyTyping();
        } else if (cmd == "lines") {
            emitLine({{"event", "lines"}, {"lines", lines()}});
        } else if (cmd == "users") {
            emitLine({{"event", "users"},
                      {"names", QJsonArray::fromStringList(m_session.users()->names())}});
        } else if (cmd == "wire-open") {
            m_wire.open(QUrl(command.value("url").toString()));
        } else if (cmd == "wire-send") {
            m_wire.sendTextMessage(QString::fromUtf8(
                QJsonDocument(command.value("frame").toObject()).toJson(QJsonDocument::Compact)));
        } else if (cmd == "quit") {
            m_session.close();
            m_wire.close();
            QCoreApplication::quit();
        } else {
            emitLine({{"event", "error"},
                      {"message", QString(QStringLiteral("unknown command ") + cmd)}});
        }
    }

    void openPrivate(const QString &name)
    {
        UserListModel *users = m_session.users();
        for (int row = 0; row < users->rowCount(); ++row) {
            const QModelIndex index = users->index(row);
            if (users->data(index, UserListModel::NameRole).toString() == name) {
                m_session.openPrivate(users->data(index, UserListModel::KeyRole).toString(), name);
                return;
            }
        }
        emitLine(
            {{"event", "error"}, {"message", QString(QStringLiteral("no such user ") + name)}});
    }

    // The chat lines of the conversation shown, own ones with their delivery.
    QJsonArray lines()
    {
        QJsonArray lines;
        MessageListModel *messages = m_session.messages();
        for (int row = 0; messages && row < messages->rowCount(); ++row) {
            const MessageListModel::Entry &entry = messages->entry(row);
            if (entry.kind != MessageListModel::Kind::Chat &&
                entry.kind != MessageListModel::Kind::Own)
                continue;
            const QModelIndex index = messages->index(row);
            const bool delivered = entry.kind == MessageListModel::Kind::Chat ||
                                   messages->data(index, MessageListModel::DeliveryRole).toInt() ==
                                       int(MessageListModel::Delivery::Delivered);
            lines.append(QJsonObject{
                {"sender", messages->data(index, MessageListModel::SenderRole).toString()},
                {"text", messages->data(index, MessageListModel::TextRole).toString()},
                {"id", messages->data(index, MessageListModel::MessageIdRole).toLongLong()},
                {"delivered", delivered}});
        }
        return lines;
    }

    ChatSession m_session;
    QWebSocket m_wire;
    QSocketNotifier m_stdin;
    QByteArray m_pending;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // remembered rooms go nowhere the user keeps
    Peer peer;
    emitLine({{"event", "ready"}});
    return app.exec();
}
