#pragma once

#include <QAbstractListModel>
#include <QCollator>
#include <QHash>

namespace chat::client {

// The sidebar of a rooms client (protocol feature "rooms"): the rooms the user is in, then the
// private conversations, each with its count of unread messages and, apart from it, of those
// that name the user. One conversation is current (shown); messages in it do not count.
// Rooms sort as their case-folded names do (as the server lists them), private conversations
// by the other person's name.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)
public:
    enum class Kind
    {
        Room,
        Private
    };
    Q_ENUM(Kind)
    enum Role
    {
        KindRole = Qt::UserRole + 1,
        IdRole,       // the room's name, or the other person's key
        TitleRole,    // "general", "alice"
        TopicRole,    // rooms only
        UnreadRole,   // int
        MentionsRole, // int: unread messages that name the user (all of a private conversation)
        CurrentRole,  // bool
    };

    struct Conversation
    {
        Kind kind = Kind::Room;
        QString id;
        QString title;
        QString topic;
        int unread = 0;
        int mentions = 0;
    };

    explicit ConversationListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // A room the user entered (nothing happens if it is listed already, but its topic is set).
    void addRoom(const QString &name, const QString &topic);
    void removeRoom(const QString &name);
    void setTopic(const QString &room, const QString &topic);
    // A private conversation with the user of this key (kept when it exists).
    void addPrivate(const QString &key, const QString &name);
    void removePrivate(const QString &key);
    // A message arrived in a conversation: it counts unless that conversation is current.
    // `messageId` (0: none) lets forgetMessage() take it back.
    void noteMessage(Kind kind, const QString &id, bool mentionsUser, qint64 messageId = 0);
    // The message left the server (deleted): when it counted as unread, it no longer does.
    void forgetMessage(qint64 messageId);
    // The conversation shown; its counts go to zero.
    void setCurrent(Kind kind, const QString &id);
    std::optional<Conversation> current() const;
    // How many messages the current conversation had unread when it became current (for the
    // "new messages" line).
    int unreadWhenShown() const { return m_unreadWhenShown; }

    int rowOf(Kind kind, const QString &id) const;
    const Conversation &conversation(int row) const { return m_conversations[row]; }
    int totalUnread() const;
    QStringList roomNames() const;

signals:
    void totalUnreadChanged(int unread);
    void currentChanged();

private:
    bool lessThan(const Conversation &a, const Conversation &b) const;
    void insertSorted(Conversation conversation);
    void removeAt(int row);
    bool isCurrent(const Conversation &conversation) const;
    // The unread messages of the conversation at `row` are read (or it is gone).
    void dropUnreadOf(int row);

    QList<Conversation> m_conversations;
    Kind m_currentKind = Kind::Room;
    QString m_currentId;
    int m_unreadWhenShown = 0;
    QCollator m_collator;
    // The messages counted as unread (by message id): where, and whether as a mention.
    struct Unread
    {
        Kind kind = Kind::Room;
        QString id;
        bool mention = false;
    };
    QHash<qint64, Unread> m_unread;
};

} // namespace chat::client
