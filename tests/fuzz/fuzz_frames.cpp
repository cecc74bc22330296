// libFuzzer target: one input is one text frame as a client would send it. It goes through the
// codec's decoder and, when it decodes, through the room exactly as a connection would apply
// it (join, then messages), with the broadcasts encoded and the join ack spliced. A second view
// of the same bytes goes through the client-side decoder. Nothing may crash, hang or leak, and
// every decoded request must survive an encode/decode round trip unchanged.
#include "codec.h"
#include "fanout.h"
#include "registry.h"
#include "validation.h"

#include <cstdint>
#include <cstdlib>

namespace {

struct CountingFanout final : chat::server::Fanout
{
    void publish(const chat::server::Broadcast &broadcast) override
    {
        bytes += broadcast.frame.size();
    }
    qsizetype bytes = 0;
};

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace chat;
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));

    static const server::ServerConfig config;
    CountingFanout fanout;
    server::Registry registry(config, fanout);
    const auto ignore = [](const auto &) {
    };
    std::optional<User> joined;

    // The bytes as one frame, and as several frames split at newlines.
    for (const QByteArray &part : frame.split('\n')) {
        const auto decoded = codec::decodeClientRequest(part);
        if (const auto *failure = std::get_if<RequestFailure>(&decoded)) {
            check(!failure->error.message.isEmpty());
            check(!codec::encodeFailure(failure->id, failure->error).isEmpty());
            continue;
        }
        const auto &request = std::get<ClientRequest>(decoded);
        const auto again = codec::decodeClientRequest(codec::encode(request));
        check(std::holds_alternative<ClientRequest>(again));
        check(std::get<ClientRequest>(again).id == request.id);

        if (const auto *join = std::get_if<JoinRequest>(&request.event)) {
            check(std::get<JoinRequest>(std::get<ClientRequest>(again).event).name == join->name);
            if (joined)
                continue;
            server::Registry::JoinOptions options;
            options.resumable = join->features.contains(protocol::features::resume);
            options.token = join->token;
            options.lastSeenId = join->lastSeenId;
            options.rooms = join->features.contains(protocol::features::rooms);
            options.enter = join->rooms;
            const auto result = registry.join(1, join->name, options);
            if (const auto *ok = std::get_if<server::Registry::Joined>(&result)) {
                joined = ok->user;
                const QByteArray ack = codec::encodeJoinAck(
                    request.id.value_or(1),
                    JoinAck{ok->user.key, ok->token, {}, {}, Limits{}, false, false, {}},
                    ok->usersArray, ok->historyArray);
                const auto back = codec::decodeServerEvent(ack);
                check(back.has_value());
                check(codec::joinAckFromJson(std::get<Ack>(*back).data).has_value());
            }
        } else if (std::holds_alternative<TypingRequest>(request.event)) {
            if (joined)
                registry.typing(1, *joined);
        } else if (const auto *message = std::get_if<MessageRequest>(&request.event)) {
            check(std::get<MessageRequest>(std::get<ClientRequest>(again).event).text ==
                  message->text);
            if (joined)
                registry.post(1, *joined, message->room, message->text, ignore);
            else
                (void)validation::checkMessageText(message->text);
        } else if (!joined) {
            continue;
        } else if (const auto *enter = std::get_if<EnterRequest>(&request.event)) {
            registry.enter(1, *joined, enter->room, enter->topic, ignore); // feature "rooms"
        } else if (const auto *leave = std::get_if<LeaveRequest>(&request.event)) {
            (void)registry.leaveRoom(*joined, leave->room);
        } else if (const auto *topic = std::get_if<TopicRequest>(&request.event)) {
            registry.setTopic(*joined, topic->room, topic->topic, ignore);
        } else if (const auto *privately = std::get_if<PrivateRequest>(&request.event)) {
            registry.sendPrivate(1, *joined, privately->to, privately->text, ignore);
        } else if (const auto *history = std::get_if<HistoryRequest>(&request.event)) {
            if (history->with) // feature "accounts": the private history
                registry.privateHistory(*joined, *history->with, history->before, history->limit,
                                        ignore);
            else
                registry.history(*joined, history->room, history->before, history->limit, ignore);
        } else if (const auto *deletion = std::get_if<DeleteRequest>(&request.event)) {
            registry.deleteMessage(1, *joined, deletion->id, deletion->reason, ignore);
        } else {
            (void)registry.rooms();
        }
    }
    (void)codec::decodeServerEvent(frame);
    return 0;
}
