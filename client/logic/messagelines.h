#pragma once

// Internal to MessageListModel's source files (messagelistmodel.cpp, messagelistpages.cpp):
// what both need to know about its lines.
#include "messagelistmodel.h"

#include <QDateTime>

namespace chat::client::messagelines {

inline QDate localDay(qint64 ts)
{
    return QDateTime::fromMSecsSinceEpoch(ts).toLocalTime().date();
}

inline qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

inline bool isMessage(MessageListModel::Kind kind)
{
    return kind == MessageListModel::Kind::Chat || kind == MessageListModel::Kind::Own;
}

inline MessageListModel::Entry chatEntry(const ChatMsg &msg, bool own, bool mention)
{
    MessageListModel::Entry entry;
    entry.kind = own ? MessageListModel::Kind::Own : MessageListModel::Kind::Chat;
    entry.senderKey = msg.key;
    entry.sender = msg.sender;
    entry.text = msg.message;
    entry.ts = msg.ts;
    entry.messageId = msg.id;
    entry.mention = mention;
    return entry;
}

inline bool isPresence(MessageListModel::Kind kind)
{
    using Kind = MessageListModel::Kind;
    return kind == Kind::Joined || kind == Kind::Left || kind == Kind::Presence;
}

} // namespace chat::client::messagelines
