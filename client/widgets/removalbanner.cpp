#include "removalbanner.h"

#include "chatsession.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace chat::client {

RemovalBanner::RemovalBanner(ChatSession *session, QWidget *parent)
    : QFrame(parent), m_session(session), m_label(new QLabel),
      m_reconnect(new QPushButton(tr("Re&connect")))
{
    setObjectName(QStringLiteral("removalBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setAccessibleName(tr("Removed from the server"));
    m_reconnect->setAccessibleName(tr("Reconnect to the server"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_reconnect);
    connect(m_reconnect, &QPushButton::clicked, session, &ChatSession::reconnectNow);
    Moderation *moderation = session->moderation();
    connect(moderation, &Moderation::removed, this, &RemovalBanner::update);
    connect(moderation, &Moderation::removalCleared, this, &RemovalBanner::update);
    connect(session, &ChatSession::stateChanged, this, &RemovalBanner::update);
    update();
}

void RemovalBanner::update()
{
    const Moderation *moderation = m_session->moderation();
    setVisible(moderation->removal().has_value());
    if (!moderation->removal())
        return;
    m_label->setText(
        tr("%1. The client will not reconnect on its own.").arg(moderation->removalText()));
    m_label->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(colors::error.name()));
    // Connected still (the close is on its way), or trying again by hand: nothing to press.
    m_reconnect->setEnabled(m_session->state() == ChatSession::State::Disconnected);
}

} // namespace chat::client
