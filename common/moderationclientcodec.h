#pragma once

#include "events.h"

#include <QByteArray>

#include <optional>

// The client's side of deleting messages (feature "accounts", protocol-v2.md): a whole frame
// recognised as `message deleted`. The event's data, and every request, are deletecodec.h's and
// accountscodec.h's; `kicked` is accountscodec.h's decodeKicked.
namespace chat::codec::moderationclient {

// The event, or nothing (any other event, or a malformed one).
std::optional<MessageDeleted> decodeMessageDeleted(const QByteArray &frame);

} // namespace chat::codec::moderationclient
