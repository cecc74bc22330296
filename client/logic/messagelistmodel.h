#pragma once

#include "events.h"

#include <QAbstractListModel>
#include <QDateTime>

namespace chat::client {

// The conversation as the user sees it: chat messages (own ones with their delivery state) and
// "joined" / "left" / notice lines. Text is data, never markup.
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
        Notice
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
    };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Appends and returns the row.
    int append(Entry entry);
    void appendHistory(const QList<ChatMsg> &history, const QString &selfKey);
    void markDelivered(int row, qint64 messageId, qint64 ts);
    void markFailed(int row, const QString &reason);
    const Entry &entry(int row) const { return m_entries[row]; }
    void clear();

    // The line as plain text, e.g. "14:03 alice: hello" or "14:03 bob joined".
    static QString plainText(const Entry &entry);

private:
    QList<Entry> m_entries;
};

} // namespace chat::client
