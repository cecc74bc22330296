#pragma once

#include "serverconfig.h"
#include "tokenbucket.h"

namespace chat::server {

// What one connection may send: every frame against one request budget (its cost grows with
// its size), control frames (pings, pongs) against their own, fragments per message, and the
// refusals it is given before it is closed. Pure bookkeeping: the connection acts on the answers.
// The limits are read from `config` (the worker's, kept current by reloads) when they are used.
class ConnectionBudget
{
public:
    explicit ConnectionBudget(const ServerConfig &config)
        : m_config(config), m_requests(config.requestRate), m_refusals(config.badRequestRate),
          m_controlFrames(config.controlFrameRate)
    {}
    // New limits (a reload): the budgets start full again.
    void reset();

    enum class Verdict
    {
        Admit,
        Refuse, // answer rate_limited
        Close   // refused too often: close with 1008
    };
    // A complete message of `bytes` bytes.
    Verdict admitMessage(qsizetype bytes);
    // A frame's cost: one, plus one per whole 4 KiB, so a large frame is not a cheap one.
    static double costOf(qsizetype bytes) { return 1.0 + double(bytes / 4096); }
    // A malformed request was answered; false: it has had enough refusals, close it.
    bool tolerateRefusal() { return m_refusals.take(m_config.badRequestRate); }
    // A ping or pong arrived; false: over the budget, close it.
    bool admitControlFrame() { return m_controlFrames.take(m_config.controlFrameRate); }
    // A data frame arrived; `last` ends its message. False: too many frames in one message.
    bool admitFragment(bool last);

private:
    const ServerConfig &m_config;
    TokenBucket m_requests;
    TokenBucket m_refusals;
    TokenBucket m_controlFrames;
    int m_fragments = 0;
};

} // namespace chat::server
