#include "messagelistmodel.h"

namespace chat::client {

namespace {
QString timeText(qint64 ts)
{
    return QDateTime::fromMSecsSinceEpoch(ts).toLocalTime().toString(QStringLiteral("HH:mm"));
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
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"}, {KindRole, "kind"},           {SenderRole, "sender"},
        {TextRole, "text"},           {TimestampRole, "timestamp"}, {TimeTextRole, "time"},
        {DeliveryRole, "delivery"},   {FailureRole, "failure"},     {MessageIdRole, "messageId"}};
}

int MessageListModel::append(Entry entry)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(std::move(entry));
    endInsertRows();
    return row;
}

void MessageListModel::appendHistory(const QList<ChatMsg> &history, const QString &selfKey)
{
    if (history.isEmpty())
        return;
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(history.size()) - 1);
    for (const ChatMsg &msg : history) {
        m_entries.append(Entry{msg.key == selfKey ? Kind::Own : Kind::Chat,
                               msg.sender,
                               msg.message,
                               msg.ts,
                               msg.id,
                               Delivery::Delivered,
                               {}});
    }
    endInsertRows();
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
    endResetModel();
}

} // namespace chat::client
