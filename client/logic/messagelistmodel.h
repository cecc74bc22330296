#pragma once

#include "events.h"

#include <QAbstractListModel>
#include <QDateTime>

namespace chat::client {

// The conversation as the user sees it: chat messages (own ones with their delivery state),
// "joined" / "left" / notice lines, and a separator before the first line of each day (local
// time). Text is data: HtmlRole escapes it and links only http, https and mailto.
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind
    {
        Chat,
        Own,
        Joined,
        Left,
        Notice,
        DaySeparator
    };
    Q_ENUM(Kind)
    enum class Delivery
    {
        Delivered,
        Pending,
        Failed
    };
    Q_ENUM(Delivery)
    enum Role
    {
        KindRole = Qt::UserRole + 1,
        SenderRole,
        TextRole,
        TimestampRole, // QDateTime, local time
        TimeTextRole,  // "HH:mm"
        DeliveryRole,
        FailureRole,
        MessageIdRole,
        MentionRole, // a message from someone else that names the user
        HtmlRole,    // the text as safe HTML (escaped, links made)
    };

    struct Entry
    {
        Kind kind = Kind::Chat;
        QString sender;
        QString text;
        qint64 ts = 0;
        qint64 messageId = 0; // the server's id; 0 until acknowledged
        Delivery delivery = Delivery::Delivered;
        QString failure;
        bool mention = false;
    };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Lines with text are "editable": the view opens a read-only copy for selecting part of it.
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Each appends (after a day separator when the day changed) and returns the entry's row.
    int append(Entry entry);
    int appendOwn(const QString &sender, const QString &text); // pending, stamped now
    int appendChat(const ChatMsg &msg, bool own, bool mention);
    int appendPresence(Kind kind, const QString &name); // Joined or Left, now
    int appendNotice(const QString &text);
    void appendHistory(const QList<ChatMsg> &history, const QString &selfKey);
    void markDelivered(int row, qint64 messageId, qint64 ts);
    void markFailed(int row, const QString &reason);
    const Entry &entry(int row) const { return m_entries[row]; }
    void clear();

    // The line as plain text, e.g. "14:03 alice: hello" or "14:03 bob joined".
    static QString plainText(const Entry &entry);

private:
    QList<Entry> m_entries;
    QDate m_lastDay;
};

} // namespace chat::client
