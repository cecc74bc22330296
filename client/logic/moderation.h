#pragma once

#include "conversations.h"
#include "events.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <optional>

namespace chat::client {

// The moderation part of the feature "accounts" (protocol-v2.md) for one session: the user's own
// role (from the join ack), the requests kick, ban, unban, bans and delete with their answers,
// and what the server does to the user: a `kicked` event and the close codes 4001 (kicked) and
// 4002 (banned), which end the session for good (the user reconnects by hand, if at all).
// Deleted messages leave every conversation that shows them. ChatSession owns it and hands it
// the frames and close codes it does not handle itself; it never sees a socket.
class Moderation : public QObject
{
    Q_OBJECT
public:
    using BanEntry = BanInfo;
    // The answer to a request: the ack, or nullptr when the connection was lost first.
    using Reply = std::function<void(const Ack *)>;
    // Sends a request with an id; the reply gets its ack.
    using Send = std::function<void(const ClientEvent &event, Reply reply)>;

    // How the server removed the user, as far as it said.
    struct Removal
    {
        bool banned = false;
        QString by; // empty when the server did not say (a close code without `kicked`)
        QString reason;
        std::optional<qint64> until; // a ban's end, ms since the epoch; none: until unbanned
    };

    Moderation(Conversations *conversations, Send send, QObject *parent = nullptr);

    // The user's account from the join ack; nullopt when the server did not list "accounts".
    void setAccount(const std::optional<AccountInfo> &account);
    // The longest reason the server takes, in code points (its join ack's limits; 0: not said,
    // the protocol's default).
    void setMaxReasonLength(int codePoints) { m_maxReasonLength = codePoints; }
    int maxReasonLength() const
    {
        return m_maxReasonLength > 0 ? m_maxReasonLength : protocol::defaultMaxReasonCodePoints;
    }
    std::optional<AccountInfo> account() const { return m_account; }
    // A moderator or an admin: may kick, ban, unban, list bans and delete others' messages.
    bool isModerator() const;
    bool isAdmin() const;
    // Whether the user may act on someone with this account (moderators not on admins). An
    // unknown account (someone offline, a server that did not say) is left to the server.
    bool mayActOn(const std::optional<AccountInfo> &target) const;

    // Each answers with succeeded(text) or requestFailed(text); listBans with bansListed.
    void kick(const User &user, const QString &reason);
    void ban(const QString &name, int minutes, const QString &reason);
    void unban(const QString &name);
    void listBans();
    // Deletes a message (one's own, or as a moderator another's); once acknowledged it leaves
    // the conversations here too (the server tells everyone but the deleter).
    void deleteMessage(qint64 id, const QString &reason = {});

    // A frame the session did not understand otherwise: true when it was `kicked` or
    // `message deleted` (and was handled).
    bool handleFrame(const QByteArray &frame);
    // The connection closed with `closeCode`: true when the server removed the user (4001, 4002).
    bool closedWith(int closeCode);
    // Whether the server removed the user: set by `kicked` or the close codes, kept after the
    // close, cleared by the next join.
    std::optional<Removal> removal() const { return m_removal; }
    // "Kicked by alice: spamming", "Banned by alice until 27/11/2026 08:00: spam".
    QString removalText() const;
    void clearRemoval();

    // Removes the message with this id from every conversation showing it; false when none did.
    bool removeMessage(qint64 id);

signals:
    void accountChanged();
    // The server removed the user (removal() says by whom and why); it will not reconnect.
    void removed();
    void removalCleared();
    void bansListed(const QList<chat::BanInfo> &bans);
    void succeeded(const QString &message);
    void requestFailed(const QString &message);
    // A message left the conversations (deleted by `by`, the user's own name when it was the
    // user).
    void messageDeleted(qint64 id, const QString &by);

private:
    // The reply to a request: `what` names it in a failure ("Cannot kick bob: …").
    Reply answer(const QString &what, std::function<void()> done);

    Conversations *m_conversations;
    Send m_send;
    std::optional<AccountInfo> m_account;
    std::optional<Removal> m_removal;
    int m_maxReasonLength = 0;
};

} // namespace chat::client
