#include "messagelistmodel.h"

#include "messagelines.h"

#include "textrules.h"

#include <QLocale>

#include <algorithm>
#include <limits>

namespace chat::client {

using namespace messagelines;

MessageListModel::MessageListModel(QObject *parent) : QAbstractListModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0); // the next turn: what the window had to do meanwhile comes first
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flushSome(rowsPerTurn); });
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return {};
    const Entry &entry = m_entries[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return plainText(entry);
    case Qt::ToolTipRole:
        return QDateTime::fromMSecsSinceEpoch(entry.ts).toLocalTime().toString(Qt::TextDate);
    case KindRole:
        return QVariant::fromValue(entry.kind);
    case SenderRole:
        return entry.sender;
    case TextRole:
        return entry.text;
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(entry.ts).toLocalTime();
    case TimeTextRole:
        return timeText(entry.ts);
    case DeliveryRole:
        return QVariant::fromValue(entry.delivery);
    case FailureRole:
        return entry.failure;
    case MessageIdRole:
        return entry.messageId;
    case MentionRole:
        return entry.mention;
    case HtmlRole:
        return textrules::toHtml(entry.text);
    case SerialRole:
        return entry.serial;
    case SenderKeyRole:
        return entry.senderKey;
    case ContinuationRole:
        return continuesAbove(index.row());
    case UnreadMarkerRole:
        return m_unreadMarker != 0 && entry.serial == m_unreadMarker;
    case ExpandedRole:
        return entry.expanded;
    case PresenceLinesRole:
        return presenceLines(entry);
    default:
        return {};
    }
}

bool MessageListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != ExpandedRole || !index.isValid() || index.row() >= rowCount() ||
        m_entries[index.row()].kind != Kind::Presence)
        return false;
    setExpanded(index.row(), value.toBool());
    return true;
}

Qt::ItemFlags MessageListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return Qt::NoItemFlags;
    const Kind kind = m_entries[index.row()].kind;
    const bool hasText = isMessage(kind) || kind == Kind::Notice;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled |
           (hasText ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"},
            {KindRole, "kind"},
            {SenderRole, "sender"},
            {TextRole, "text"},
            {TimestampRole, "timestamp"},
            {TimeTextRole, "time"},
            {DeliveryRole, "delivery"},
            {FailureRole, "failure"},
            {MessageIdRole, "messageId"},
            {MentionRole, "mention"},
            {HtmlRole, "html"},
            {SerialRole, "serial"},
            {SenderKeyRole, "senderKey"},
            {ContinuationRole, "continuation"},
            {UnreadMarkerRole, "unreadMarker"},
            {ExpandedRole, "expanded"},
            {PresenceLinesRole, "presenceLines"}};
}

bool MessageListModel::continuesAbove(int row) const
{
    if (row <= 0 || row >= m_entries.size())
        return false;
    const Entry &entry = m_entries[row];
    const Entry &above = m_entries[row - 1];
    return isMessage(entry.kind) && isMessage(above.kind) && !entry.senderKey.isEmpty() &&
           entry.senderKey == above.senderKey && entry.sender == above.sender &&
           entry.serial != m_unreadMarker && qAbs(entry.ts - above.ts) < groupingWindowMs;
}

void MessageListModel::touch(int row)
{
    if (row >= 0 && row < m_entries.size())
        emit dataChanged(index(row), index(row));
}

int MessageListModel::endOfSettled(int skip) const
{
    int row = int(m_entries.size());
    while (row > 0 && (row - 1 == skip ||
                       (m_entries[row - 1].kind == Kind::Own && m_entries[row - 1].messageId == 0)))
        --row;
    return row;
}

int MessageListModel::placeForId(qint64 messageId, int skip) const
{
    // Upwards from the bottom (where nearly every message goes) past the lines with a higher id;
    // a line without one (presence, a notice) happened before this message arrived.
    int row = endOfSettled(skip);
    while (row > 0) {
        if (row - 1 == skip) {
            --row;
            continue;
        }
        const Entry &above = m_entries[row - 1];
        if (above.kind == Kind::DaySeparator) {
            if (row >= 2 && row - 2 != skip && isMessage(m_entries[row - 2].kind) &&
                m_entries[row - 2].messageId > messageId) {
                --row;
                continue;
            }
            break;
        }
        if (!isMessage(above.kind) || above.messageId == 0 || above.messageId < messageId)
            break;
        --row;
    }
    return row;
}

void MessageListModel::moveRow(int row, int before)
{
    if (before == row || before == row + 1)
        return;
    beginMoveRows({}, row, row, {}, before);
    m_entries.move(row, before > row ? before - 1 : before);
    endMoveRows();
    // Grouping changes around where it left and where it went.
    const int now = before > row ? before - 1 : before;
    touch(row > now ? row + 1 : row);
    touch(now);
    touch(now + 1);
}

bool MessageListModel::needsSeparator(int row, const QDate &day) const
{
    int above = row - 1;
    while (above >= 0 && m_entries[above].kind == Kind::DaySeparator &&
           localDay(m_entries[above].ts) != day)
        --above; // a separator of another day says nothing about this one
    return above < 0 || localDay(m_entries[above].ts) != day;
}

quint64 MessageListModel::insertAt(int row, Entry entry)
{
    const QDate day = localDay(entry.ts);
    // A separator of this day right below the place: the line goes under it.
    if (row < m_entries.size() && m_entries[row].kind == Kind::DaySeparator &&
        localDay(m_entries[row].ts) == day)
        ++row;
    const bool newDay = needsSeparator(row, day);
    entry.serial = s_nextSerial++;
    const quint64 serial = entry.serial;
    beginInsertRows({}, row, row + (newDay ? 1 : 0));
    if (newDay) {
        Entry separator;
        separator.kind = Kind::DaySeparator;
        separator.ts = entry.ts;
        separator.serial = s_nextSerial++;
        m_entries.insert(row, separator);
    }
    m_entries.insert(row + (newDay ? 1 : 0), std::move(entry));
    endInsertRows();
    touch(row + (newDay ? 2 : 1)); // the line below may now be grouped with this one, or not
    trim();
    return serial;
}

quint64 MessageListModel::appendOwn(const QString &senderKey, const QString &sender,
                                    const QString &text)
{
    Entry entry;
    entry.kind = Kind::Own;
    entry.senderKey = senderKey;
    entry.sender = sender;
    entry.text = text;
    entry.ts = now();
    entry.delivery = Delivery::Pending;
    return insertAt(int(m_entries.size()), std::move(entry));
}

quint64 MessageListModel::addChat(const ChatMsg &msg, bool own, bool mention)
{
    return insertAt(placeForId(msg.id, -1), chatEntry(msg, own, mention));
}

void MessageListModel::queueChat(const ChatMsg &msg, bool own, bool mention)
{
    m_queue.push_back(chatEntry(msg, own, mention));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void MessageListModel::flushQueued()
{
    m_flushTimer.stop();
    flushSome(std::numeric_limits<int>::max());
}

void MessageListModel::flushSome(int maxRows)
{
    const auto batchEnd = m_queue.begin() + std::min<qsizetype>(maxRows, m_queue.size());
    std::stable_sort(m_queue.begin(), batchEnd,
                     [](const Entry &a, const Entry &b) { return a.messageId < b.messageId; });
    auto next = m_queue.begin();
    while (next != batchEnd) {
        // Nearly always the messages go at the bottom, one after the other: one insertion for
        // all of them. A late one (lower id than what is shown) or a new day goes on its own.
        const int at = endOfSettled(-1);
        const QDate day = localDay(next->ts);
        if (placeForId(next->messageId, -1) != at || needsSeparator(at, day)) {
            insertAt(placeForId(next->messageId, -1), std::move(*next));
            ++next;
            continue;
        }
        auto runEnd = next + 1;
        while (runEnd != batchEnd && localDay(runEnd->ts) == day)
            ++runEnd;
        const int count = int(runEnd - next);
        beginInsertRows({}, at, at + count - 1);
        for (int i = 0; i < count; ++i, ++next) {
            next->serial = s_nextSerial++;
            m_entries.insert(at + i, std::move(*next));
        }
        endInsertRows();
        touch(at + count); // an own pending line below may now be grouped with them
    }
    m_queue.erase(m_queue.begin(), batchEnd);
    trim();
    if (!m_queue.empty())
        m_flushTimer.start();
}

void MessageListModel::addPresence(const QString &name, bool joined)
{
    flushQueued(); // after what arrived before it
    const PresenceChange change{name, joined, now()};
    const int row = endOfSettled(-1);
    if (row > 0 && isPresence(m_entries[row - 1].kind) &&
        localDay(m_entries[row - 1].ts) == localDay(change.ts)) {
        Entry &run = m_entries[row - 1];
        run.presence << change;
        run.kind = Kind::Presence;
        touch(row - 1);
        return;
    }
    Entry entry;
    entry.kind = joined ? Kind::Joined : Kind::Left;
    entry.sender = name;
    entry.ts = change.ts;
    entry.presence << change;
    insertAt(row, std::move(entry));
}

quint64 MessageListModel::appendNotice(const QString &text)
{
    flushQueued(); // after what arrived before it
    Entry entry;
    entry.kind = Kind::Notice;
    entry.text = text;
    entry.ts = now();
    return insertAt(endOfSettled(-1), std::move(entry));
}

int MessageListModel::rowOfSerial(quint64 serial) const
{
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) { // recent lines are asked most
        if (m_entries[row].serial == serial)
            return row;
    }
    return -1;
}

void MessageListModel::markDelivered(quint64 serial, qint64 messageId, qint64 ts)
{
    const int row = rowOfSerial(serial);
    if (row < 0)
        return;
    Entry &entry = m_entries[row];
    entry.delivery = Delivery::Delivered;
    entry.ts = ts;
    entry.messageId = messageId;
    touch(row);
    // It leaves the pending lines at the bottom for its place in id order.
    moveRow(row, placeForId(messageId, row));
}

void MessageListModel::markFailed(quint64 serial, const QString &reason)
{
    const int row = rowOfSerial(serial);
    if (row < 0)
        return;
    Entry &entry = m_entries[row];
    entry.delivery = Delivery::Failed;
    entry.failure = reason;
    touch(row);
}

void MessageListModel::markPending(quint64 serial)
{
    const int row = rowOfSerial(serial);
    if (row < 0)
        return;
    m_entries[row].delivery = Delivery::Pending;
    m_entries[row].failure.clear();
    m_entries[row].ts = now();
    touch(row);
    moveRow(row, int(m_entries.size())); // sent again: with the other pending ones, at the bottom
}

void MessageListModel::setExpanded(int row, bool expanded)
{
    if (row < 0 || row >= m_entries.size() || m_entries[row].kind != Kind::Presence ||
        m_entries[row].expanded == expanded)
        return;
    m_entries[row].expanded = expanded;
    touch(row);
}

void MessageListModel::setUnreadMarker(quint64 serial)
{
    if (serial == m_unreadMarker)
        return;
    const int old = rowOfSerial(m_unreadMarker);
    m_unreadMarker = serial;
    touch(old);
    touch(rowOfSerial(serial));
}

void MessageListModel::setMaxRows(int maxRows)
{
    m_maxRows = maxRows;
    trim();
}

void MessageListModel::trim()
{
    // In steps of a tenth, so that a long conversation does not pay for it on every line.
    if (m_maxRows <= 0 || m_entries.size() <= m_maxRows + m_maxRows / 10)
        return;
    const int excess = int(m_entries.size()) - m_maxRows;
    if (rowOfSerial(m_unreadMarker) < excess)
        m_unreadMarker = 0;
    beginRemoveRows({}, 0, excess - 1);
    m_entries.remove(0, excess);
    endRemoveRows();
    if (m_entries.first().kind != Kind::DaySeparator) {
        Entry separator;
        separator.kind = Kind::DaySeparator;
        separator.ts = m_entries.first().ts;
        separator.serial = s_nextSerial++;
        beginInsertRows({}, 0, 0);
        m_entries.prepend(separator);
        endInsertRows();
    }
    touch(1); // the first line is nobody's continuation now
}

void MessageListModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_queue.clear();
    m_flushTimer.stop();
    m_unreadMarker = 0;
    endResetModel();
}

} // namespace chat::client
