#include "messagelistmodel.h"

#include "textrules.h"

#include <QLocale>

// How the conversation's lines read: times, days, "alice, bob and 148 others joined".
namespace chat::client {

namespace {
QString dayText(qint64 ts)
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(ts).toLocalTime().date();
    const QDate today = QDate::currentDate();
    if (day == today)
        return MessageListModel::tr("Today");
    if (day == today.addDays(-1))
        return MessageListModel::tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

// "alice", "alice and bob", "alice, bob and carol", "alice, bob and 148 others".
QString nameList(const QStringList &names)
{
    if (names.size() <= 3)
        return QLocale().createSeparatedList(names);
    return MessageListModel::tr("%1, %2 and %n other(s)", nullptr, int(names.size()) - 2)
        .arg(names[0], names[1]);
}

QString presenceSummary(const QList<MessageListModel::PresenceChange> &changes)
{
    QStringList joined;
    QStringList left;
    for (const auto &change : changes) {
        QStringList &list = change.joined ? joined : left;
        const QString name = textrules::isolate(change.name);
        if (!list.contains(name))
            list << name;
    }
    if (!joined.isEmpty() && !left.isEmpty())
        return MessageListModel::tr("%1 joined; %2 left").arg(nameList(joined), nameList(left));
    if (!joined.isEmpty())
        return MessageListModel::tr("%1 joined").arg(nameList(joined));
    return MessageListModel::tr("%1 left").arg(nameList(left));
}

QString presenceLine(const MessageListModel::PresenceChange &change)
{
    const QString time = MessageListModel::timeText(change.ts);
    const QString name = textrules::isolate(change.name);
    return change.joined ? MessageListModel::tr("%1  %2 joined").arg(time, name)
                         : MessageListModel::tr("%1  %2 left").arg(time, name);
}
} // namespace

QString MessageListModel::timeText(qint64 ts)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ts).toLocalTime().time(),
                              QLocale::ShortFormat);
}

QStringList MessageListModel::presenceLines(const Entry &entry)
{
    QStringList lines;
    for (const PresenceChange &change : entry.presence)
        lines << presenceLine(change);
    return lines;
}

QString MessageListModel::plainText(const Entry &entry)
{
    const QString time = timeText(entry.ts);
    switch (entry.kind) {
    case Kind::Joined:
    case Kind::Left:
        return presenceLine(entry.presence.constFirst());
    case Kind::Presence: {
        if (!entry.expanded)
            return tr("%1  %2").arg(time, presenceSummary(entry.presence));
        return presenceLines(entry).join(QLatin1Char('\n'));
    }
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

} // namespace chat::client
