#include "notifier.h"

#include "chatsession.h"
#include "moderation.h"
#include "textrules.h"
#include "theme.h"

#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWidget>

namespace chat::client {

Notifier::Notifier(QWidget *window, ChatSession *session) : QObject(window), m_window(window)
{
    window->installEventFilter(this);
    connect(session, &ChatSession::messageReceived, this, &Notifier::onMessage);
    connect(session->moderation(), &Moderation::messageDeleted, this,
            [this](qint64 id) { onDeleted(id); });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(badgedIcon(0), this);
        m_tray->setToolTip(tr("Chat"));
        auto *menu = new QMenu(window);
        menu->addAction(tr("Show the chat"), window, [window] {
            window->showNormal();
            window->activateWindow();
        });
        menu->addAction(tr("Quit"), window, &QWidget::close);
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, window, [window] {
            window->showNormal();
            window->activateWindow();
        });
        m_tray->show();
    }
}

QIcon Notifier::badgedIcon(int unread)
{
    const QIcon base(QStringLiteral(":/icons/chat.svg"));
    if (unread <= 0)
        return base;
    QIcon icon;
    for (const int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap = base.pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const int badge = size * 5 / 8;
        const QRect circle(size - badge, 0, badge, badge);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colors::error);
        painter.drawEllipse(circle);
        QFont font = painter.font();
        font.setPixelSize(qMax(6, badge * 2 / 3));
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(circle, Qt::AlignCenter,
                         unread > 99 ? QStringLiteral("99+") : QString::number(unread));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

bool Notifier::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::ActivationChange &&
        m_window->isActiveWindow()) {
        m_mentions = 0;
        m_counted.clear();
        setUnread(0);
    }
    return QObject::eventFilter(watched, event);
}

void Notifier::onMessage(const ChatMsg &msg, bool mentionsMe, bool privately, bool inCurrent)
{
    if (m_window->isActiveWindow())
        return;
    const bool forMe = mentionsMe || privately;
    if (forMe)
        ++m_mentions;
    m_counted.insert(msg.id, forMe);
    setUnread(m_unread + 1);
    if (forMe || inCurrent)
        QApplication::alert(m_window);
    if (!forMe)
        return;
    emit mentioned(msg.sender, msg.message, privately);
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        const QString text =
            msg.message.size() > 200 ? msg.message.left(200) + QChar(0x2026) : msg.message;
        const QString sender = textrules::isolate(msg.sender);
        m_tray->showMessage(privately ? tr("%1 wrote to you").arg(sender)
                                      : tr("%1 mentioned you").arg(sender),
                            text, QSystemTrayIcon::Information, 10'000);
    }
}

void Notifier::onDeleted(qint64 id)
{
    const auto it = m_counted.constFind(id);
    if (it == m_counted.cend())
        return; // read already (or never counted)
    if (it.value() && m_mentions > 0)
        --m_mentions;
    m_counted.erase(it);
    setUnread(qMax(0, m_unread - 1));
}

void Notifier::setUnread(int count)
{
    if (m_unread == count)
        return;
    m_unread = count;
    if (m_tray) {
        m_tray->setIcon(badgedIcon(count));
        m_tray->setToolTip(count ? tr("Chat — %n unread", nullptr, count) : tr("Chat"));
    }
    emit unreadChanged(count);
}

} // namespace chat::client
