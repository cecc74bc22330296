#include "connectionbudget.h"

namespace chat::server {

void ConnectionBudget::reset()
{
    m_requests.refill(m_config.requestRate);
    m_refusals.refill(m_config.badRequestRate);
    m_controlFrames.refill(m_config.controlFrameRate);
}

ConnectionBudget::Verdict ConnectionBudget::admitMessage(qsizetype bytes)
{
    if (m_requests.take(m_config.requestRate, costOf(bytes)))
        return Verdict::Admit;
    return tolerateRefusal() ? Verdict::Refuse : Verdict::Close;
}

bool ConnectionBudget::admitFragment(bool last)
{
    const int max = m_config.maxMessageFragments;
    const bool admitted = max <= 0 || ++m_fragments <= max;
    if (last)
        m_fragments = 0;
    return admitted;
}

} // namespace chat::server
