#include "messagelistmodel.h"

#include "textrules.h"

#include <QLocale>

namespace chat::client {

namespace {
QString timeText(qint64 ts)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ts).toLocalTime().time(),
                              QLocale::ShortFormat);
}

QDate localDay(qint64 ts)
{
    return QDateTime::fromMSecsSinceEpoch(ts).toLocalTime().date();
}

QString dayText(qint64 ts)
{
    const QDate day = localDay(ts);
    const QDate today = QDate::currentDate();
    if (day == today)
        return MessageListModel::tr("Today");
    if (day == today.addDays(-1))
        return MessageListModel::tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QString MessageListModel::plainText(const Entry &entry)
{
    const QString time = timeText(entry.ts);
    switch (entry.kind) {
    case Kind::Joined:
        return tr("%1  %2 joined").arg(time, entry.sender);
    case Kind::Left:
        return tr("%1  %2 left").arg(time, entry.sender);
    case Kind::Notice:
        return tr("%1  %2").arg(time, entry.text);
    case Kind::DaySeparator:
        return dayText(entry.ts);
    case Kind::Chat:
    case Kind::Own:
        break;
    }
    QString line = tr("%1  %2: %3").arg(time, entry.sender, entry.text);
    if (entry.delivery == Delivery::Pending)
        line += QLatin1Char(' ') + tr("(sending…)");
    else if (entry.delivery == Delivery::Failed)
        line += QLatin1Char('\n') + tr("Not delivered: %1").arg(entry.failure);
    return line;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
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
    default:
        return {};
    }
}

Qt::ItemFlags MessageListModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    const Kind kind = m_entries[index.row()].kind;
    const bool hasText = kind == Kind::Chat || kind == Kind::Own || kind == Kind::Notice;
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
            {HtmlRole, "html"}};
}

int MessageListModel::append(Entry entry)
{
    const QDate day = localDay(entry.ts);
    const bool newDay = day != m_lastDay && entry.kind != Kind::DaySeparator;
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + (newDay ? 1 : 0));
    if (newDay) {
        Entry separator;
        separator.kind = Kind::DaySeparator;
        separator.ts = entry.ts;
        m_entries.append(separator);
        m_lastDay = day;
    }
    m_entries.append(std::move(entry));
    endInsertRows();
    return int(m_entries.size()) - 1;
}

int MessageListModel::appendOwn(const QString &sender, const QString &text)
{
    Entry entry;
    entry.kind = Kind::Own;
    entry.sender = sender;
    entry.text = text;
    entry.ts = now();
    entry.delivery = Delivery::Pending;
    return append(std::move(entry));
}

int MessageListModel::appendChat(const ChatMsg &msg, bool own, bool mention)
{
    Entry entry;
    entry.kind = own ? Kind::Own : Kind::Chat;
    entry.sender = msg.sender;
    entry.text = msg.message;
    entry.ts = msg.ts;
    entry.messageId = msg.id;
    entry.mention = mention;
    return append(std::move(entry));
}

int MessageListModel::appendPresence(Kind kind, const QString &name)
{
    Entry entry;
    entry.kind = kind;
    entry.sender = name;
    entry.ts = now();
    return append(std::move(entry));
}

int MessageListModel::appendNotice(const QString &text)
{
    Entry entry;
    entry.kind = Kind::Notice;
    entry.text = text;
    entry.ts = now();
    return append(std::move(entry));
}

void MessageListModel::appendHistory(const QList<ChatMsg> &history, const QString &selfKey)
{
    for (const ChatMsg &msg : history)
        appendChat(msg, msg.key == selfKey, false);
}

void MessageListModel::markDelivered(int row, qint64 messageId, qint64 ts)
{
    if (row < 0 || row >= m_entries.size())
        return;
    Entry &entry = m_entries[row];
    entry.delivery = Delivery::Delivered;
    entry.messageId = messageId;
    entry.ts = ts;
    emit dataChanged(index(row), index(row));
}

void MessageListModel::markFailed(int row, const QString &reason)
{
    if (row < 0 || row >= m_entries.size())
        return;
    Entry &entry = m_entries[row];
    entry.delivery = Delivery::Failed;
    entry.failure = reason;
    emit dataChanged(index(row), index(row));
}

void MessageListModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_lastDay = {};
    endResetModel();
}

} // namespace chat::client
