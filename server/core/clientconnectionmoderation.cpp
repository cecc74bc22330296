// ClientConnection: the moderation requests of the feature "accounts" (kick, ban, unban, bans),
// the audit log of what moderators do, and the end of a connection a moderator removed. These
// requests reach the handlers only from a connection that listed the feature in its join: for
// the others they are unknown events (processFrame).
#include "clientconnection.h"

#include "accountscodec.h"
#include "audittext.h"
#include "codec.h"
#include "logging.h"
#include "moderation.h"
#include "registry.h"
#include "serverconfig.h"
#include "validation.h"
#include "wireframe.h"
#include "worker.h"

#include <QDateTime>
#include <QThread>

namespace chat::server {

namespace {
QString untilText(const std::optional<qint64> &until)
{
    if (!until)
        return QStringLiteral("until lifted");
    return QStringLiteral("until ") +
           QDateTime::fromMSecsSinceEpoch(*until, Qt::UTC).toString(Qt::ISODate);
}

// "NAME (ROLE)" for the audit log; the name escaped.
QString who(const QString &name, const QString &role)
{
    return audit::quoted(name) + QStringLiteral(" (") + role + QLatin1Char(')');
}
} // namespace

bool ClientConnection::checkTargetName(std::optional<qint64> id, QString &name)
{
    if (const auto invalid = m_registry.normalizeName(name)) {
        fail(id, Error{ErrorCode::BadRequest,
                       QStringLiteral("\"name\" is not a name: %1").arg(invalid->message)});
        return false;
    }
    return true;
}

bool ClientConnection::checkModerator(std::optional<qint64> id, const char *what)
{
    if (!checkJoined(id))
        return false;
    if (isModerator(m_account.role))
        return true;
    qCDebug(lcAudit).noquote() << "refused:" << who(m_user->name, m_account.role) << "may not"
                               << what;
    fail(id,
         Error{ErrorCode::Forbidden, QStringLiteral("Only moderators and admins may do this.")});
    return false;
}

bool ClientConnection::checkReason(std::optional<qint64> id, QString &reason)
{
    if (validation::normalizeReason(reason, m_config.maxReasonCodePoints))
        return true;
    fail(id, Error{ErrorCode::BadRequest,
                   QStringLiteral("A reason is at most %1 characters, without control characters "
                                  "(no line breaks).")
                       .arg(m_config.maxReasonCodePoints)});
    return false;
}

void ClientConnection::handle(std::optional<qint64> id, const KickRequest &request)
{
    if (!checkModerator(id, "kick"))
        return;
    QString reason = request.reason;
    if (!checkReason(id, reason))
        return;
    const Kicked notice{m_user->name, reason, false, std::nullopt};
    const QString by = who(m_user->name, m_account.role);
    const auto answered = [id, by, reason](ClientConnection *self,
                                           const std::variant<Registry::Target, Error> &result) {
        if (const auto *error = std::get_if<Error>(&result)) {
            qCDebug(lcAudit).noquote() << "refused: kick by" << by << ":" << error->message;
            self->fail(id, *error);
            return;
        }
        const auto &target = std::get<Registry::Target>(result);
        qCInfo(lcAudit).noquote() << "kick: by" << by << "of"
                                  << who(target.name, target.account.role)
                                  << "reason:" << audit::quoted(reason);
        if (id)
            self->reply(codec::encodeAck(*id, {}));
    };
    // At once, or in cluster mode from the cluster's thread once every instance has it: then
    // through this worker, to the connection if it is still there.
    Worker *worker = &m_worker;
    const quint64 connectionId = m_id;
    m_registry.kick(
        *m_user, m_account.role, request.key, notice,
        [this, worker, connectionId, answered](const std::variant<Registry::Target, Error> &r) {
            if (QThread::currentThread() == worker->thread())
                return answered(this, r);
            QMetaObject::invokeMethod(
                worker,
                [worker, connectionId, answered, r] {
                    if (ClientConnection *connection = worker->findConnection(connectionId);
                        connection && !connection->isClosing())
                        answered(connection, r);
                },
                Qt::QueuedConnection);
        });
}

void ClientConnection::handle(std::optional<qint64> id, const BanRequest &request)
{
    if (!checkModerator(id, "ban"))
        return;
    QString name = request.name;
    if (!checkTargetName(id, name))
        return;
    QString reason = request.reason;
    if (!checkReason(id, reason))
        return;
    if (request.minutes > m_config.maxBanMinutes) {
        fail(id, Error{ErrorCode::BadRequest,
                       QStringLiteral("A timed ban lasts at most %1 minutes; without \"minutes\" "
                                      "(or 0) it lasts until lifted.")
                           .arg(m_config.maxBanMinutes)});
        return;
    }
    const QString nameKey = validation::nameUniquenessKey(name);
    if (nameKey == validation::nameUniquenessKey(m_user->name)) {
        fail(id, Error{ErrorCode::BadRequest, QStringLiteral("One does not ban oneself.")});
        return;
    }
    Moderation::BanOrder order{m_user->name, m_account.role,  name,  nameKey,
                               {},           request.minutes, reason};
    // Online: its address is banned too, unless it is exempt (its key is empty then).
    if (const auto online = m_registry.findByName(nameKey))
        order.addressKey = online->addressKey;
    const QString byRole = m_account.role;
    m_worker.moderation().ban(
        std::move(order), this,
        [this, id, byRole](const std::variant<Moderation::BanMade, Error> &result) {
            if (const auto *error = std::get_if<Error>(&result)) {
                qCDebug(lcAudit).noquote()
                    << "refused: ban by a" << byRole << ":" << error->message;
                fail(id, *error);
                return;
            }
            const Ban &ban = std::get<Moderation::BanMade>(result).ban;
            const QString &targetRole = std::get<Moderation::BanMade>(result).targetRole;
            // Written first: from here on, a join under the name (or from the address) is
            // refused, and whoever is online under the name now goes.
            const bool wasOnline =
                m_registry.ejectByName(ban.nameKey, Kicked{ban.by, ban.reason, true, ban.until})
                    .has_value();
            qCInfo(lcAudit).noquote()
                << "ban: by" << who(ban.by, byRole) << "of" << who(ban.name, targetRole)
                << untilText(ban.until) << (wasOnline ? "(was online)" : "(offline)")
                << "address:" << (ban.address.isEmpty() ? QStringLiteral("none") : ban.address)
                << "reason:" << audit::quoted(ban.reason);
            if (id)
                reply(codec::encodeAck(*id, {}));
        });
}

void ClientConnection::handle(std::optional<qint64> id, const UnbanRequest &request)
{
    if (!checkModerator(id, "unban"))
        return;
    QString name = request.name;
    if (!checkTargetName(id, name))
        return;
    m_worker.moderation().unban(validation::nameUniquenessKey(name), this,
                                [this, id, name, by = who(m_user->name, m_account.role)](
                                    const std::optional<Error> &error) {
                                    if (error) {
                                        fail(id, *error);
                                        return;
                                    }
                                    qCInfo(lcAudit).noquote()
                                        << "unban: by" << by << "of" << audit::quoted(name);
                                    if (id)
                                        reply(codec::encodeAck(*id, {}));
                                });
}

void ClientConnection::handle(std::optional<qint64> id, const BansRequest &)
{
    if (!checkModerator(id, "list bans"))
        return;
    m_worker.moderation().list(
        this, [this, id](const std::variant<std::vector<Ban>, Error> &result) {
            if (const auto *error = std::get_if<Error>(&result)) {
                fail(id, *error);
                return;
            }
            QList<BanInfo> bans;
            for (const Ban &ban : std::get<std::vector<Ban>>(result))
                bans.append(BanInfo{ban.name, ban.until, ban.reason, ban.by});
            if (id)
                reply(codec::encodeAck(*id, codec::accounts::toJson(bans)));
        });
}

void ClientConnection::eject(const Kicked &notice)
{
    if (isClosing())
        return;
    if (m_user)
        forgetUser(); // the registry let go of it: no leave
    // Straight out, ahead of what the Router still holds for it: it is closed right after.
    if (m_speaksAccounts)
        sendFrame(wire::textFrame(codec::accounts::encodeKicked(notice)));
    // Every client shows the close reason (a v1 client has nothing else to go by).
    QString text = notice.banned ? QStringLiteral("Banned by %1").arg(notice.by)
                                 : QStringLiteral("Kicked by %1").arg(notice.by);
    if (notice.banned && notice.until)
        text += QStringLiteral(" until ") + QDateTime::fromMSecsSinceEpoch(*notice.until, Qt::UTC)
                                                .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    text += notice.reason.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + notice.reason;
    closeThenAbort(notice.banned ? protocol::closeCodeBanned : protocol::closeCodeKicked,
                   validation::fitUtf8(text));
}

} // namespace chat::server
