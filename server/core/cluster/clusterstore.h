#pragma once

#include <QtGlobal>

#include <optional>

// What cluster mode needs of the shared database beyond what a server on its own does: the id
// reservation several instances raise (the messages an instance missed: MessageStore::readSince).
namespace chat::server {

class MessageStore;

namespace clusterstore {

// Raises the recorded reservation to at least `atLeast` (never lowers it: instances race) and
// returns what it is then, once committed; nothing when the database failed. Blocks.
std::optional<qint64> extendReservation(MessageStore &store, qint64 atLeast);

} // namespace clusterstore
} // namespace chat::server
