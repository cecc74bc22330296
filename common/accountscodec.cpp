#include "accountscodec.h"

#include "codecjson.h"

namespace chat::codec::accounts {

using namespace json;

namespace {
const QString passwordKey = QStringLiteral("password");
const QString serverPasswordKey = QStringLiteral("serverPassword");
const QString oldKey = QStringLiteral("old");
const QString newKey = QStringLiteral("new");
const QString registeredKey = QStringLiteral("registered");
const QString roleKey = QStringLiteral("role");
// Moderation.
const QString reasonKey = QStringLiteral("reason");
const QString minutesKey = QStringLiteral("minutes");
const QString byKey = QStringLiteral("by");
const QString untilKey = QStringLiteral("until");
const QString bansKey = QStringLiteral("bans");

// An optional string member: absent is empty; present and not a string is a failure (nothing).
std::optional<QString> optionalString(const QJsonObject &data, const QString &member)
{
    if (!data.contains(member))
        return QString();
    const QJsonValue value = data.value(member);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

std::optional<std::variant<ClientRequest, RequestFailure>>
decodeModeration(std::optional<qint64> id, const QString &event, const QJsonValue &value)
{
    namespace events = protocol::events;
    if (event == events::bans)
        return ClientRequest{id, BansRequest{}};
    const QJsonObject data = value.toObject();
    if (event == events::kick) {
        const auto key = stringMember(value, key::userKey);
        const auto reason = optionalString(data, reasonKey);
        if (!key || !reason)
            return badRequest(id, QStringLiteral("\"kick\" needs data {\"key\": string, "
                                                 "\"reason\": string (optional)}."));
        return ClientRequest{id, KickRequest{*key, *reason}};
    }
    const auto name = stringMember(value, key::name);
    if (event == events::unban) {
        if (!name)
            return badRequest(id, QStringLiteral("\"unban\" needs data {\"name\": string}."));
        return ClientRequest{id, UnbanRequest{*name}};
    }
    if (event != events::ban)
        return std::nullopt;
    const auto reason = optionalString(data, reasonKey);
    if (!name || !reason)
        return badRequest(id, QStringLiteral("\"ban\" needs data {\"name\": string, "
                                             "\"minutes\": integer (optional), \"reason\": "
                                             "string (optional)}."));
    BanRequest request{*name, 0, *reason};
    if (data.contains(minutesKey)) {
        // The server bounds it further (its longest timed ban); this keeps the arithmetic sane.
        const auto minutes = integerFromJson(data.value(minutesKey), 0, protocol::maxRequestId);
        if (!minutes)
            return badRequest(id, QStringLiteral("\"minutes\" must be an integer from 0 "
                                                 "(until unbanned) up."));
        request.minutes = *minutes;
    }
    return ClientRequest{id, request};
}
} // namespace

bool isAccountsEvent(const QString &event)
{
    namespace events = protocol::events;
    return event == events::registerName || event == events::password || event == events::kick ||
           event == events::ban || event == events::unban || event == events::bans;
}

std::optional<std::variant<ClientRequest, RequestFailure>>
decodeRequest(std::optional<qint64> id, const QString &event, const QJsonValue &data)
{
    // The texts name the members, never their values: a password must not come back in an
    // error (a client may log what it receives).
    if (event == protocol::events::registerName) {
        const auto password = stringMember(data, passwordKey);
        if (!password)
            return badRequest(id, QStringLiteral("\"register\" needs data {\"password\": "
                                                 "string}."));
        return ClientRequest{id, RegisterRequest{*password}};
    }
    if (event == protocol::events::password) {
        const auto oldPassword = stringMember(data, oldKey);
        const auto newPassword = stringMember(data, newKey);
        if (!oldPassword || !newPassword)
            return badRequest(id, QStringLiteral("\"password\" needs data {\"old\": string, "
                                                 "\"new\": string}."));
        return ClientRequest{id, PasswordRequest{*oldPassword, *newPassword}};
    }
    return decodeModeration(id, event, data);
}

QJsonObject envelope(const RegisterRequest &request)
{
    return json::envelope(protocol::events::registerName,
                          QJsonObject{{passwordKey, request.password}});
}

QJsonObject envelope(const PasswordRequest &request)
{
    return json::envelope(protocol::events::password, QJsonObject{{oldKey, request.oldPassword},
                                                                  {newKey, request.newPassword}});
}

QJsonObject envelope(const KickRequest &request)
{
    QJsonObject data{{key::userKey, request.key}};
    if (!request.reason.isEmpty())
        data.insert(reasonKey, request.reason);
    return json::envelope(protocol::events::kick, data);
}

QJsonObject envelope(const BanRequest &request)
{
    QJsonObject data{{key::name, request.name}};
    if (request.minutes > 0)
        data.insert(minutesKey, double(request.minutes));
    if (!request.reason.isEmpty())
        data.insert(reasonKey, request.reason);
    return json::envelope(protocol::events::ban, data);
}

QJsonObject envelope(const UnbanRequest &request)
{
    return json::envelope(protocol::events::unban, QJsonObject{{key::name, request.name}});
}

QJsonObject envelope(const BansRequest &)
{
    return json::envelope(protocol::events::bans, QJsonValue::Undefined);
}

namespace {
QJsonValue untilJson(const std::optional<qint64> &until)
{
    return until ? QJsonValue(double(*until)) : QJsonValue(QJsonValue::Null);
}

// "until": ms since the epoch, or null; nothing (a failure) for anything else.
std::optional<std::optional<qint64>> untilFromJson(const QJsonValue &value)
{
    if (value.isNull())
        return std::optional<qint64>();
    const auto ms = integerFromJson(value, 0, protocol::maxRequestId);
    if (!ms)
        return std::nullopt;
    return std::optional<qint64>(*ms);
}
} // namespace

QByteArray encodeKicked(const Kicked &kicked)
{
    QJsonObject data{{byKey, kicked.by}, {reasonKey, kicked.reason}};
    if (kicked.banned)
        data.insert(untilKey, untilJson(kicked.until));
    return compact(json::envelope(protocol::events::kicked, data));
}

std::optional<Kicked> decodeKicked(const QByteArray &frame)
{
    const auto object = parseObject(frame);
    if (!object || object->value(key::event).toString() != protocol::events::kicked)
        return std::nullopt;
    const QJsonValue data = object->value(key::data);
    const auto by = stringMember(data, byKey);
    const auto reason = stringMember(data, reasonKey);
    if (!by || !reason)
        return std::nullopt;
    Kicked kicked{*by, *reason, false, std::nullopt};
    if (data.toObject().contains(untilKey)) {
        const auto until = untilFromJson(data.toObject().value(untilKey));
        if (!until)
            return std::nullopt;
        kicked.banned = true;
        kicked.until = *until;
    }
    return kicked;
}

QJsonObject toJson(const QList<BanInfo> &bans)
{
    QJsonArray array;
    for (const BanInfo &ban : bans)
        array.append(QJsonObject{{key::name, ban.name},
                                 {untilKey, untilJson(ban.until)},
                                 {reasonKey, ban.reason},
                                 {byKey, ban.by}});
    return {{bansKey, array}};
}

std::optional<QList<BanInfo>> bansFromJson(const QJsonObject &data)
{
    return listFromJson<BanInfo>(
        data.value(bansKey), [](const QJsonValue &value) -> std::optional<BanInfo> {
            const auto name = stringMember(value, key::name);
            const auto reason = stringMember(value, reasonKey);
            const auto by = stringMember(value, byKey);
            const auto until = untilFromJson(value.toObject().value(untilKey));
            if (!name || !reason || !by || !until)
                return std::nullopt;
            return BanInfo{*name, *until, *reason, *by};
        });
}

std::optional<RequestFailure> decodeJoinMembers(std::optional<qint64> id, const QJsonObject &data,
                                                JoinRequest &request)
{
    for (const auto &[member, target] : {std::pair{&passwordKey, &request.password},
                                         std::pair{&serverPasswordKey, &request.serverPassword}}) {
        if (!data.contains(*member))
            continue;
        const QJsonValue value = data.value(*member);
        if (!value.isString())
            return badRequest(id, QStringLiteral("\"%1\" must be a string.").arg(*member));
        *target = value.toString();
    }
    return std::nullopt;
}

void insertJoinMembers(QJsonObject &data, const JoinRequest &request)
{
    if (request.password)
        data.insert(passwordKey, *request.password);
    if (request.serverPassword)
        data.insert(serverPasswordKey, *request.serverPassword);
}

QJsonObject toJson(const AccountInfo &account)
{
    return {{registeredKey, account.registered}, {roleKey, account.role}};
}

bool isRoleName(const QString &role)
{
    return role == QLatin1String("user") || role == QLatin1String("moderator") ||
           role == QLatin1String("admin");
}

std::optional<AccountInfo> accountFromJson(const QJsonObject &object)
{
    const QJsonValue registered = object.value(registeredKey);
    const QJsonValue role = object.value(roleKey);
    if (!registered.isBool() || !role.isString() || !isRoleName(role.toString()))
        return std::nullopt;
    return AccountInfo{registered.toBool(), role.toString()};
}

} // namespace chat::codec::accounts
