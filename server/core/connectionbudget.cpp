#include "connectionbudget.h"

namespace chat::server {

void ConnectionBudget::apply(const ServerConfig &config)
{
    m_requests = TokenBucket(config.requestRate);
    m_refusals = TokenBucket(config.badRequestRate);
    m_controlFrames = TokenBucket(config.controlFrameRate);
    m_maxFragments = config.maxMessageFragments;
}

ConnectionBudget::Verdict ConnectionBudget::admitMessage(qsizetype bytes)
{
    if (m_requests.take(costOf(bytes)))
        return Verdict::Admit;
    return m_refusals.take() ? Verdict::Refuse : Verdict::Close;
}

bool ConnectionBudget::admitFragment(bool last)
{
    const bool admitted = m_maxFragments <= 0 || ++m_fragments <= m_maxFragments;
    if (last)
        m_fragments = 0;
    return admitted;
}

} // namespace chat::server
