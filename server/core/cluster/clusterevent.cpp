#include "clusterevent.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chat::server::clusterevent {

namespace {
struct TypeName
{
    ClusterEvent::Type type;
    const char *name;
};
constexpr TypeName typeNames[] = {
    {ClusterEvent::Type::Join, "join"},     {ClusterEvent::Type::Leave, "leave"},
    {ClusterEvent::Type::Enter, "enter"},   {ClusterEvent::Type::Part, "part"},
    {ClusterEvent::Type::Topic, "topic"},   {ClusterEvent::Type::Message, "msg"},
    {ClusterEvent::Type::Private, "pm"},    {ClusterEvent::Type::Typing, "typing"},
    {ClusterEvent::Type::Gone, "gone"},     {ClusterEvent::Type::Roster, "roster"},
    {ClusterEvent::Type::Resume, "resume"}, {ClusterEvent::Type::Kick, "kick"},
    {ClusterEvent::Type::Ban, "ban"},       {ClusterEvent::Type::Delete, "del"},
    {ClusterEvent::Type::Account, "acct"},  {ClusterEvent::Type::Location, "loc"},
};

bool carriesMember(ClusterEvent::Type type)
{
    return type == ClusterEvent::Type::Join || type == ClusterEvent::Type::Account;
}

QJsonObject memberObject(const ClusterMember &member)
{
    QJsonObject object{{"k", member.key},
                       {"n", member.name},
                       {"f", member.folded},
                       {"i", member.instance},
                       {"c", QString::number(member.connectionId)},
                       {"rooms", QJsonArray::fromStringList(member.rooms)}};
    if (member.roomsClient)
        object.insert("rc", true);
    if (member.accountsClient)
        object.insert("ac", true);
    if (member.account.registered)
        object.insert("reg", true);
    if (member.account.role != QLatin1String("user"))
        object.insert("role", member.account.role);
    if (!member.accountKey.isEmpty())
        object.insert("ak", member.accountKey);
    if (member.held)
        object.insert("held", true);
    if (member.session)
        object.insert("ses", true);
    if (!member.sessionHash.isEmpty())
        object.insert("sh", member.sessionHash);
    if (!member.addressKey.isEmpty())
        object.insert("a", member.addressKey);
    return object;
}

std::optional<ClusterMember> memberFrom(const QJsonObject &object)
{
    ClusterMember member;
    member.key = object.value("k").toString();
    member.name = object.value("n").toString();
    if (member.key.isEmpty() || member.name.isEmpty())
        return std::nullopt;
    member.folded = object.value("f").toString();
    member.instance = object.value("i").toString();
    member.connectionId = object.value("c").toString().toULongLong();
    for (const QJsonValue &room : object.value("rooms").toArray())
        member.rooms.append(room.toString());
    member.roomsClient = object.value("rc").toBool();
    member.accountsClient = object.value("ac").toBool();
    member.account.registered = object.value("reg").toBool();
    member.account.role = object.value("role").toString(QStringLiteral("user"));
    member.accountKey = object.value("ak").toString();
    member.held = object.value("held").toBool();
    member.session = object.value("ses").toBool();
    member.sessionHash = object.value("sh").toString();
    member.addressKey = object.value("a").toString();
    return member;
}

void putIf(QJsonObject &object, const char *name, const QString &value)
{
    if (!value.isEmpty())
        object.insert(QLatin1String(name), value);
}
} // namespace

QByteArray encode(const ClusterEvent &event)
{
    QJsonObject object;
    for (const TypeName &entry : typeNames) {
        if (entry.type == event.type)
            object.insert("t", QLatin1String(entry.name));
    }
    object.insert("o", event.origin);
    if (event.request)
        object.insert("r", QString::number(event.request));
    if (carriesMember(event.type))
        object.insert("m", memberObject(event.member));
    if (event.type == ClusterEvent::Type::Resume) // the client's address from now on
        putIf(object, "addr", event.member.addressKey);
    putIf(object, "k", event.key);
    putIf(object, "n", event.name);
    putIf(object, "room", event.room);
    if (event.type == ClusterEvent::Type::Topic || event.type == ClusterEvent::Type::Enter)
        object.insert("topic", event.topic);
    putIf(object, "text", event.text);
    putIf(object, "to", event.to);
    putIf(object, "aa", event.authorAccount);
    if (event.ts)
        object.insert("ts", QString::number(event.ts));
    putIf(object, "inst", event.instance);
    putIf(object, "from", event.from);
    if (!event.keys.isEmpty())
        object.insert("keys", QJsonArray::fromStringList(event.keys));
    if (!event.heldKeys.isEmpty())
        object.insert("held", QJsonArray::fromStringList(event.heldKeys));
    putIf(object, "by", event.by);
    if (event.until)
        object.insert("until", QString::number(event.until));
    // A deleted message's id ("id" is the one Redis gives a new message).
    if (event.type == ClusterEvent::Type::Delete)
        object.insert("mid", QString::number(event.id));
    putIf(object, "au", event.author);
    putIf(object, "ta", event.toAccount);
    if (event.position) { // JSON numbers: a double's shortest exact form
        object.insert("lat", event.position->lat);
        object.insert("lng", event.position->lng);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<ClusterEvent> decode(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    ClusterEvent event;
    const QString type = object.value("t").toString();
    for (const TypeName &entry : typeNames) {
        if (type == QLatin1String(entry.name))
            event.type = entry.type;
    }
    // Redis puts the sequence number and a message's id in front, as JSON numbers.
    event.seq = quint64(object.value("s").toDouble());
    event.id = qint64(object.value("id").toDouble());
    event.origin = object.value("o").toString();
    event.request = object.value("r").toString().toULongLong();
    if (carriesMember(event.type)) {
        auto member = memberFrom(object.value("m").toObject());
        if (!member)
            return std::nullopt;
        event.member = std::move(*member);
    }
    if (event.type == ClusterEvent::Type::Resume)
        event.member.addressKey = object.value("addr").toString();
    event.key = object.value("k").toString();
    event.name = object.value("n").toString();
    event.room = object.value("room").toString();
    event.topic = object.value("topic").toString();
    event.text = object.value("text").toString();
    event.to = object.value("to").toString();
    event.authorAccount = object.value("aa").toString();
    event.ts = object.value("ts").toString().toLongLong();
    event.instance = object.value("inst").toString();
    event.from = object.value("from").toString();
    for (const QJsonValue &key : object.value("keys").toArray())
        event.keys.append(key.toString());
    for (const QJsonValue &key : object.value("held").toArray())
        event.heldKeys.append(key.toString());
    event.by = object.value("by").toString();
    event.until = object.value("until").toString().toLongLong();
    if ((event.type == ClusterEvent::Type::Kick || event.type == ClusterEvent::Type::Ban) &&
        (event.key.isEmpty() || event.instance.isEmpty()))
        return std::nullopt; // whom to remove, and where its connection is
    if (event.type == ClusterEvent::Type::Delete) {
        event.id = object.value("mid").toString().toLongLong();
        if (event.id <= 0)
            return std::nullopt;
    }
    event.author = object.value("au").toString();
    event.toAccount = object.value("ta").toString();
    if (object.contains("lat") || object.contains("lng")) {
        const QJsonValue lat = object.value("lat");
        const QJsonValue lng = object.value("lng");
        if (!lat.isDouble() || !lng.isDouble())
            return std::nullopt;
        event.position = GeoPosition{lat.toDouble(), lng.toDouble()};
    }
    if (event.type == ClusterEvent::Type::Location && event.key.isEmpty())
        return std::nullopt; // whose
    return event;
}

QByteArray encodeMember(const ClusterMember &member)
{
    return QJsonDocument(memberObject(member)).toJson(QJsonDocument::Compact);
}

std::optional<ClusterMember> decodeMember(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        return std::nullopt;
    return memberFrom(document.object());
}

QString tokenHash(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QByteArray roomChannel(const QString &roomKey)
{
    return "chat:ev:room:" + roomKey.toUtf8();
}

QByteArray userChannel(const QString &userKey)
{
    return "chat:ev:user:" + userKey.toUtf8();
}

QByteArray allChannel()
{
    return "chat:ev:all";
}

QByteArray channelPattern()
{
    return "chat:ev:*";
}

} // namespace chat::server::clusterevent
