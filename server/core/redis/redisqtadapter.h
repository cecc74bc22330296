#pragma once

#include <functional>

struct redisAsyncContext;

namespace chat::server::redis::detail {

// Drives a hiredis async context from the Qt event loop of the calling thread, with two
// QSocketNotifiers on its socket (hiredis' own adapters/qt.h writes into the freed context in
// its destructor and hides a Q_OBJECT in a system header). Installs the ev hooks; the adapter
// lives until hiredis calls the cleanup hook while freeing the context, then runs `onCleanup`
// and deletes itself. hiredis frees the context right after: nothing may touch it from then on.
// Returns false (and installs nothing) when the context already has an adapter.
bool attachQtAdapter(redisAsyncContext *context, std::function<void()> onCleanup);

} // namespace chat::server::redis::detail
