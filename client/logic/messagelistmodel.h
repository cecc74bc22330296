#pragma once

#include "events.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QTimer>

#include <functional>

#include <vector>

namespace chat::client {

// The conversation as the user sees it: chat messages (own ones with their delivery state),
// "joined" / "left" lines (a run of them collapsed into one line), notices, and a separator
// before the first line of each day (local time).
//
// Order: messages that have a server id are shown in id order, the order every other client
// sees; a message that arrives late (missed ones replayed on a resume) goes to its place. Own
// messages not yet acknowledged stay at the bottom and move to their place once their id is
// known. Lines without an id (presence, notices) stay where they happened.
//
// Rows are addressed from outside by a serial number that never changes (rows move and the
// oldest are dropped beyond maxRows()). Text is data: HtmlRole escapes it and links only http,
// https and mailto.
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind
    {
        Chat,
        Own,
        Joined,   // one user joined
        Left,     // one user left
        Presence, // several joins and leaves in a row, collapsed
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
        SerialRole,
        SenderKeyRole,
        ContinuationRole,  // same sender as the line above, within a few minutes: grouped
        UnreadMarkerRole,  // the "new messages" line is drawn above this line
        ExpandedRole,      // a collapsed presence line shows every change
        PresenceLinesRole, // QStringList: each change of a presence line, "14:03  bob joined"
    };

    struct PresenceChange
    {
        QString name;
        bool joined = true;
        qint64 ts = 0;
    };

    struct Entry
    {
        Kind kind = Kind::Chat;
        QString senderKey;
        QString sender;
        QString text;
        qint64 ts = 0;
        qint64 messageId = 0; // the server's id; 0 until acknowledged
        Delivery delivery = Delivery::Delivered;
        QString failure;
        bool mention = false;
        bool expanded = false;
        QList<PresenceChange> presence; // Joined, Left, Presence
        quint64 serial = 0;
    };

    // Messages closer than this, from one sender, are grouped under one name and time.
    static constexpr qint64 groupingWindowMs = 5 * 60 * 1000;

    explicit MessageListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    // Only ExpandedRole can be set (a click opens a collapsed run of joins and leaves).
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QHash<int, QByteArray> roleNames() const override;
    // Lines with text are "editable": the view opens a read-only copy for selecting part of it.
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // An own message, pending, stamped now, at the bottom. Returns its serial.
    quint64 appendOwn(const QString &senderKey, const QString &sender, const QString &text);
    // A message with its server id, at its place in id order. Returns its serial.
    quint64 addChat(const ChatMsg &msg, bool own, bool mention);
    // The same for a message that arrived live: it is shown within the next event-loop turns,
    // in batches of at most rowsPerTurn(), so that a burst of thousands never freezes the
    // window (one insertion and one relayout per batch instead of per message).
    void queueChat(const ChatMsg &msg, bool own, bool mention);
    // Shows everything queued now.
    void flushQueued();
    int queuedCount() const { return int(m_queue.size()); }
    static constexpr int rowsPerTurn = 100;
    void addPresence(const QString &name, bool joined);
    // Older messages (a `history` page, oldest first) above the lines shown, in one insertion;
    // those not older than the oldest shown are skipped. They are kept even past maxRows: the
    // reader scrolled back for them.
    void addOlder(const QList<ChatMsg> &messages, const QString &ownKey,
                  const std::function<bool(const ChatMsg &)> &mentions);
    // The highest and lowest message id shown (0 when none).
    qint64 newestMessageId() const;
    qint64 oldestMessageId() const;
    quint64 appendNotice(const QString &text);
    void markDelivered(quint64 serial, qint64 messageId, qint64 ts);
    void markFailed(quint64 serial, const QString &reason);
    void markPending(quint64 serial); // sent again
    // A message the server deleted (feature "accounts") leaves the conversation: its line goes,
    // with its day's separator when it was the day's only line; the "new messages" line moves to
    // the next message below. False when no line (shown or queued) has this id
    // (messagelistremoval.cpp).
    bool removeMessage(qint64 messageId);
    void setExpanded(int row, bool expanded);

    // The "new messages" line goes above the line with this serial (0: none).
    void setUnreadMarker(quint64 serial);
    // The "new messages" line above the last `count` messages from others (those that arrived
    // while the conversation was not shown); none for 0.
    void markLastUnread(int count);
    int unreadMarkerRow() const { return m_unreadMarker ? rowOfSerial(m_unreadMarker) : -1; }
    quint64 unreadMarker() const { return m_unreadMarker; }

    // At most this many lines are kept; the oldest go first (0: no limit).
    void setMaxRows(int maxRows);
    int maxRows() const { return m_maxRows; }

    int rowOfSerial(quint64 serial) const; // -1 if it is gone
    const Entry &entry(int row) const { return m_entries[row]; }
    void clear();

    // The line as plain text, e.g. "14:03 alice: hello" or "14:03 bob joined"
    // (messagelisttext.cpp, with the other texts of the lines).
    static QString plainText(const Entry &entry);
    static QString timeText(qint64 ts); // "14:03", local time
    // Each change of a presence line, "14:03  bob joined".
    static QStringList presenceLines(const Entry &entry);

private:
    quint64 insertAt(int row, Entry entry);
    // Whether a line of `day` at `row` needs a day separator above it.
    bool needsSeparator(int row, const QDate &day) const;
    void flushSome(int maxRows);
    // Where a message with this id goes (the row it would be inserted before), `skip` being a
    // row to leave out of the reckoning (the one that moves), or -1.
    int placeForId(qint64 messageId, int skip) const;
    // Where lines go that belong above the own pending ones at the bottom.
    int endOfSettled(int skip) const;
    void moveRow(int row, int before);
    bool continuesAbove(int row) const;
    void touch(int row); // dataChanged for a row that exists
    void trim();

    QList<Entry> m_entries;
    std::vector<Entry> m_queue; // live messages not shown yet, in the order they arrived
    QTimer m_flushTimer;
    // Serials are unique in the process, not only in a model: a line is found by its serial
    // whichever conversation it is in (the delegate caches layouts by serial).
    inline static quint64 s_nextSerial = 1;
    quint64 m_unreadMarker = 0;
    int m_maxRows = 2000;
};

} // namespace chat::client
