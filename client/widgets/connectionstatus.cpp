#include "connectionstatus.h"

#include "chatsession.h"
#include "textrules.h"

#include <QLabel>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>

namespace chat::client {

namespace {
// A reason as the end of a sentence that supplies its own full stop: none doubled.
QString clause(QString reason)
{
    while (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    return reason;
}
} // namespace

ConnectionStatus::ConnectionStatus(ChatSession *session, QStatusBar *bar)
    : QObject(bar), m_session(session), m_label(new QLabel), m_reconnectButton(new QToolButton),
      m_changeServerButton(new QToolButton), m_countdown(new QTimer(this))
{
    m_label->setTextFormat(Qt::PlainText);
    m_reconnectButton->setText(tr("Reconnect now"));
    m_reconnectButton->setAccessibleName(tr("Reconnect now"));
    m_reconnectButton->setVisible(false);
    m_changeServerButton->setText(tr("Change server…"));
    m_changeServerButton->setAccessibleName(tr("Change server"));
    m_changeServerButton->setVisible(false);
    bar->addWidget(m_label, 1);
    bar->addPermanentWidget(m_changeServerButton);
    bar->addPermanentWidget(m_reconnectButton);

    connect(m_reconnectButton, &QToolButton::clicked, session, &ChatSession::reconnectNow);
    connect(m_changeServerButton, &QToolButton::clicked, this,
            &ConnectionStatus::changeServerRequested);
    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &ConnectionStatus::update);
    connect(session, &ChatSession::stateChanged, this, [this](ChatSession::State state) {
        if (state == ChatSession::State::WaitingToReconnect)
            m_countdown->start();
        else
            m_countdown->stop();
        update();
    });
}

void ConnectionStatus::update()
{
    using State = ChatSession::State;
    const QString server = m_session->url().toString();
    const State state = m_session->state();
    const QString error = textrules::isolate(m_session->lastError());
    QString text;
    switch (state) {
    case State::Disconnected:
        if (m_session->moderation()->removal())
            text =
                tr("%1 — not reconnecting on its own").arg(m_session->moderation()->removalText());
        else if (server.isEmpty())
            text = tr("Not connected");
        else if (!m_session->hasJoined() && !m_session->lastError().isEmpty())
            text = tr("Could not connect to %1: %2").arg(server, error);
        else
            text = tr("Disconnected from %1").arg(server);
        break;
    case State::Connecting:
        text = tr("Connecting to %1…").arg(server);
        break;
    case State::Joining:
        text = tr("Joining %1…").arg(server);
        break;
    case State::NameRefused:
        text = tr("Connected to %1; choose a name").arg(server);
        break;
    case State::LoginRefused:
        text = tr("Not joined to %1: %2")
                   .arg(server, textrules::isolate(clause(m_session->loginRefusal())));
        break;
    case State::Joined:
        text = tr("Connected to %1 as %2").arg(server, textrules::isolate(m_session->name()));
        break;
    case State::WaitingToReconnect: {
        const int seconds = int((m_session->msUntilReconnect() + 999) / 1000);
        // Never connected: say what fails, not that something was lost.
        text = m_session->hasJoined()
                   ? tr("Connection lost (%1) — trying again in %n s", nullptr, seconds).arg(error)
                   : tr("Cannot connect to %1: %2 — trying again in %n s", nullptr, seconds)
                         .arg(server, error);
        break;
    }
    }
    const int pending = m_session->pendingCount();
    if (pending > 0 && state != State::Joined)
        text += QStringLiteral(" · ") + tr("%n message(s) waiting to be sent", nullptr, pending);
    m_label->setText(text);
    const bool refused = state == State::LoginRefused; // the user decides what comes next
    const bool down = state == State::WaitingToReconnect || state == State::Disconnected;
    m_reconnectButton->setVisible(!server.isEmpty() && (down || refused));
    m_changeServerButton->setVisible(
        refused ||
        (down && (!m_session->hasJoined() || server.isEmpty() || state == State::Disconnected)));
}

} // namespace chat::client
