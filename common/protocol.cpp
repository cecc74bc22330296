#include "protocol.h"

#include <array>
#include <utility>

namespace chat::protocol {

namespace {
struct CodeInfo
{
    ErrorCode code;
    const char *name;
    const char *message;
};

constexpr std::array<CodeInfo, 26> codeTable{{
    {ErrorCode::BadRequest, "bad_request", "The request is malformed."},
    {ErrorCode::UnknownEvent, "unknown_event", "The server does not know this event."},
    {ErrorCode::InvalidName, "invalid_name",
     "A name is 1 to 32 characters, without control characters."},
    {ErrorCode::NameTaken, "name_taken", "This name is already in use."},
    {ErrorCode::AlreadyJoined, "already_joined", "This connection has already joined."},
    {ErrorCode::NotJoined, "not_joined", "Join before sending messages."},
    {ErrorCode::InvalidMessage, "invalid_message", "A message cannot be empty."},
    {ErrorCode::TooLong, "too_long", "The message is too long."},
    {ErrorCode::RateLimited, "rate_limited", "Too many messages; slow down."},
    {ErrorCode::ServerError, "server_error", "The server could not complete the request."},
    {ErrorCode::InvalidRoom, "invalid_room",
     "A room name is 1 to 32 letters, digits, '-', '_' or '.'."},
    {ErrorCode::InvalidTopic, "invalid_topic",
     "A topic is at most 200 characters, without control characters."},
    {ErrorCode::TooManyRooms, "too_many_rooms", "No more rooms can be entered or created."},
    {ErrorCode::NotInRoom, "not_in_room", "Enter the room first."},
    {ErrorCode::NoSuchUser, "no_such_user", "No joined user has this key."},
    {ErrorCode::Unsupported, "unsupported", "That user's client cannot receive this."},
    {ErrorCode::BadServerPassword, "bad_server_password",
     "This server needs its join password, and the one given is missing or wrong."},
    {ErrorCode::Banned, "banned", "This name or address is banned from the server."},
    {ErrorCode::PasswordRequired, "password_required",
     "This name is registered: give its password."},
    {ErrorCode::AuthFailed, "auth_failed", "The password is wrong."},
    {ErrorCode::AccountRequired, "account_required", "This server admits registered names only."},
    {ErrorCode::AlreadyRegistered, "already_registered", "This name is already registered."},
    {ErrorCode::InvalidPassword, "invalid_password", "A password is 8 to 1,024 bytes of UTF-8."},
    {ErrorCode::Forbidden, "forbidden", "This is not allowed."},
    {ErrorCode::NoSuchBan, "no_such_ban", "This name is not banned."},
    {ErrorCode::NoSuchMessage, "no_such_message", "No message has this id."},
}};

const CodeInfo &info(ErrorCode code)
{
    for (const auto &entry : codeTable) {
        if (entry.code == code)
            return entry;
    }
    Q_UNREACHABLE();
    return codeTable.front();
}
} // namespace

QString errorCodeName(ErrorCode code)
{
    return QString::fromLatin1(info(code).name);
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (const auto &entry : codeTable) {
        if (name == QLatin1String(entry.name))
            return entry.code;
    }
    return std::nullopt;
}

QString defaultErrorMessage(ErrorCode code)
{
    return QString::fromLatin1(info(code).message);
}

} // namespace chat::protocol
