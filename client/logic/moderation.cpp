#include "moderation.h"

#include "accountscodec.h"
#include "moderationclientcodec.h"
#include "textrules.h"

#include <QDateTime>
#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcModeration, "chat.client.moderation")

namespace chat::client {

namespace {
const QString moderatorRole = QStringLiteral("moderator");
const QString adminRole = QStringLiteral("admin");
} // namespace

Moderation::Moderation(Conversations *conversations, Send send, QObject *parent)
    : QObject(parent), m_conversations(conversations), m_send(std::move(send))
{}

void Moderation::setAccount(const std::optional<AccountInfo> &account)
{
    if (account == m_account)
        return;
    m_account = account;
    emit accountChanged();
}

bool Moderation::isModerator() const
{
    return m_account && (m_account->role == moderatorRole || m_account->role == adminRole);
}

bool Moderation::isAdmin() const
{
    return m_account && m_account->role == adminRole;
}

bool Moderation::mayActOn(const std::optional<AccountInfo> &target) const
{
    if (!isModerator())
        return false;
    return isAdmin() || !target || target->role != adminRole;
}

Moderation::Reply Moderation::answer(const QString &what, std::function<void()> done)
{
    return [this, what, done = std::move(done)](const Ack *ack) {
        if (!ack || ack->error) {
            emit requestFailed(
                tr("%1: %2").arg(what, ack ? ack->error->message : tr("not connected")));
            return;
        }
        done();
    };
}

void Moderation::kick(const User &user, const QString &reason)
{
    const QString name = textrules::isolate(user.name);
    m_send(KickRequest{user.key, reason.trimmed()},
           answer(tr("Cannot kick %1").arg(name),
                  [this, name] { emit succeeded(tr("%1 was kicked.").arg(name)); }));
}

void Moderation::ban(const QString &name, int minutes, const QString &reason)
{
    const QString shown = textrules::isolate(name);
    m_send(BanRequest{name, qMax(0, minutes), reason.trimmed()},
           answer(tr("Cannot ban %1").arg(shown),
                  [this, shown] { emit succeeded(tr("%1 was banned.").arg(shown)); }));
}

void Moderation::unban(const QString &name)
{
    const QString shown = textrules::isolate(name);
    m_send(UnbanRequest{name}, answer(tr("Cannot unban %1").arg(shown), [this, shown] {
               emit succeeded(tr("%1 was unbanned.").arg(shown));
           }));
}

void Moderation::listBans()
{
    m_send(BansRequest{}, [this](const Ack *ack) {
        const auto bans =
            ack && !ack->error ? codec::accounts::bansFromJson(ack->data) : std::nullopt;
        if (!bans) {
            emit requestFailed(tr("Cannot list the bans: %1")
                                   .arg(!ack ? tr("not connected")
                                        : ack->error
                                            ? ack->error->message
                                            : tr("the server's answer was not understood")));
            return;
        }
        emit bansListed(*bans);
    });
}

void Moderation::deleteMessage(qint64 id, const QString &reason)
{
    std::optional<QString> why;
    if (!reason.trimmed().isEmpty())
        why = reason.trimmed();
    m_send(DeleteRequest{id, why}, answer(tr("Cannot delete the message"), [this, id] {
               // The server tells everyone but the deleter: the line goes on the ack.
               removeMessage(id);
               emit succeeded(tr("The message was deleted."));
           }));
}

bool Moderation::removeMessage(qint64 id)
{
    return m_conversations->removeMessage(id);
}

bool Moderation::handleFrame(const QByteArray &frame)
{
    if (const auto kicked = codec::accounts::decodeKicked(frame)) {
        qCInfo(lcModeration) << "removed by" << kicked->by;
        const bool banned = (m_removal && m_removal->banned) || kicked->banned;
        m_removal = Removal{banned, kicked->by, kicked->reason, kicked->until};
        emit removed();
        return true;
    }
    if (const auto deleted = codec::moderationclient::decodeMessageDeleted(frame)) {
        if (removeMessage(deleted->id))
            emit messageDeleted(deleted->id, deleted->by);
        return true;
    }
    return false;
}

bool Moderation::closedWith(int closeCode)
{
    if (closeCode != protocol::closeCodeKicked && closeCode != protocol::closeCodeBanned)
        return false;
    const bool banned = closeCode == protocol::closeCodeBanned;
    if (m_removal) {
        if (banned && !m_removal->banned) { // a permanent ban's `kicked` has no `until`
            m_removal->banned = true;
            emit removed();
        }
        return true;
    }
    m_removal = Removal{banned, {}, {}, std::nullopt}; // no `kicked` came before the close
    emit removed();
    return true;
}

QString Moderation::removalText() const
{
    if (!m_removal)
        return {};
    const Removal &r = *m_removal;
    const QString by = textrules::isolate(r.by);
    QString head;
    if (!r.banned) {
        head = r.by.isEmpty() ? tr("Kicked from the server") : tr("Kicked by %1").arg(by);
    } else if (r.until) {
        const QString until = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(*r.until).toLocalTime(), QLocale::ShortFormat);
        head = r.by.isEmpty() ? tr("Banned from the server until %1").arg(until)
                              : tr("Banned by %1 until %2").arg(by, until);
    } else {
        head = r.by.isEmpty() ? tr("Banned from the server until further notice")
                              : tr("Banned by %1 until further notice").arg(by);
    }
    if (r.reason.trimmed().isEmpty())
        return tr("%1 (no reason given)").arg(head);
    return tr("%1: %2").arg(head, textrules::isolate(r.reason.trimmed()));
}

void Moderation::clearRemoval()
{
    if (!m_removal)
        return;
    m_removal.reset();
    emit removalCleared();
}

} // namespace chat::client
