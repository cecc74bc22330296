// libFuzzer target: the codec alone, both directions, with validation and round trips.
// (fuzz_frames.cpp adds the room; this one is fast enough for tens of millions of runs.)
#include "accountscodec.h"
#include "codec.h"
#include "protocol.h"
#include "validation.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace chat;
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = codec::decodeClientRequest(frame);
    if (const auto *request = std::get_if<ClientRequest>(&decoded)) {
        const auto again = codec::decodeClientRequest(codec::encode(*request));
        if (!std::holds_alternative<ClientRequest>(again) ||
            std::get<ClientRequest>(again).id != request->id)
            std::abort();
        if (const auto *join = std::get_if<JoinRequest>(&request->event)) {
            QString name = join->name;
            if (!validation::normalizeName(name) &&
                (name.isEmpty() || name.toUcs4().size() > 32 || name != name.trimmed()))
                std::abort(); // accepted a name the rules refuse
        } else if (const auto *message = std::get_if<MessageRequest>(&request->event)) {
            const QString &text = message->text;
            if (validation::utf8Length(text) != text.toUtf8().size())
                std::abort();
            (void)validation::checkMessageText(text);
        } else if (const auto *ban = std::get_if<BanRequest>(&request->event)) {
            // Moderation: a reason the rules accept, and any text cut for a close reason.
            QString reason = ban->reason;
            if (validation::normalizeReason(reason) &&
                (reason != reason.trimmed() ||
                 reason.toUcs4().size() > protocol::defaultMaxReasonCodePoints))
                std::abort();
            const QByteArray fitted = validation::fitUtf8(ban->reason).toUtf8();
            if (fitted.size() > protocol::maxCloseReasonBytes)
                std::abort();
        }
    }
    if (const auto kicked = codec::accounts::decodeKicked(frame)) {
        if (!(codec::accounts::decodeKicked(codec::accounts::encodeKicked(*kicked)) == kicked))
            std::abort();
    }
    if (const auto event = codec::decodeServerEvent(frame)) {
        if (!codec::decodeServerEvent(codec::encode(*event)))
            std::abort();
    }
    return 0;
}
