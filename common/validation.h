#pragma once

#include "protocol.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

// The semantic rules of protocol v1 for names and message text.
namespace chat::validation {

// Trims `name` in place and checks it: 1..maxCodePoints code points, no control characters
// (Unicode category Cc) and no format characters (Cf: bidi overrides and isolates, zero-width
// characters).
// Returns InvalidName when it breaks a rule.
std::optional<protocol::ErrorCode>
normalizeName(QString &name, int maxCodePoints = protocol::defaultMaxNameCodePoints);

// The key under which names are unique: names a reader could take for each other share it
// (case, compatibility forms, invisible characters, confusable letters; see nameskeleton.h).
QString nameUniquenessKey(const QString &name);

// InvalidMessage for text that holds only white space or a control character other than tab
// and newline; TooLong above maxBytes of UTF-8.
std::optional<protocol::ErrorCode> checkMessageText(const QString &text,
                                                    int maxBytes = protocol::defaultMaxTextBytes);

// Feature "rooms": trims `room` in place and checks it: 1..32 code points, Unicode letters and
// digits, '-', '_' and '.' only. Returns InvalidRoom when it breaks a rule.
std::optional<protocol::ErrorCode> normalizeRoomName(QString &room);
// The key under which room names are unique (and sorted): the case-folded name.
QString roomKey(const QString &room);
// InvalidTopic for more than maxCodePoints code points or a control character (Cc).
std::optional<protocol::ErrorCode>
checkTopic(const QString &topic, int maxCodePoints = protocol::defaultMaxTopicCodePoints);

// Feature "accounts": a password is acceptable when it is valid UTF-8 of
// protocol::minPasswordBytes to protocol::maxPasswordBytes bytes.
bool isAcceptablePassword(QByteArrayView utf8);

// Feature "accounts", moderation: trims a kick's or ban's `reason` in place; false when it holds
// more than maxCodePoints code points, a control character (Cc: newlines included) or a lone
// surrogate. Format characters (Cf) are allowed: emoji sequences are made with them.
bool normalizeReason(QString &reason, int maxCodePoints = protocol::defaultMaxReasonCodePoints);
// `text` cut to at most maxBytes of UTF-8 on a character boundary, "…" (3 bytes) marking a cut:
// what fits in a WebSocket close reason (protocol::maxCloseReasonBytes).
QString fitUtf8(const QString &text, int maxBytes = protocol::maxCloseReasonBytes);

// UTF-8 length of text without allocating.
qsizetype utf8Length(QStringView text);

} // namespace chat::validation
