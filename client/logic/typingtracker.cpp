#include "typingtracker.h"

#include "textrules.h"

#include <algorithm>

namespace chat::client {

TypingTracker::TypingTracker(int expiryMs, QObject *parent) : QObject(parent), m_expiryMs(expiryMs)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TypingTracker::expire);
}

void TypingTracker::typing(const User &user)
{
    const qint64 until = m_clock.elapsed() + m_expiryMs;
    auto it = std::find_if(m_entries.begin(), m_entries.end(),
                           [&](const Entry &entry) { return entry.user.key == user.key; });
    const bool added = it == m_entries.end();
    if (added)
        m_entries.push_back({user, until});
    else
        it->until = until;
    if (!m_timer.isActive())
        m_timer.start(m_expiryMs);
    if (added)
        emit changed();
}

void TypingTracker::stopped(const QString &key)
{
    const auto it = std::remove_if(m_entries.begin(), m_entries.end(),
                                   [&](const Entry &entry) { return entry.user.key == key; });
    if (it == m_entries.end())
        return;
    m_entries.erase(it, m_entries.end());
    emit changed();
}

void TypingTracker::clear()
{
    if (m_entries.empty())
        return;
    m_entries.clear();
    m_timer.stop();
    emit changed();
}

void TypingTracker::expire()
{
    const qint64 now = m_clock.elapsed();
    const auto it = std::remove_if(m_entries.begin(), m_entries.end(),
                                   [&](const Entry &entry) { return entry.until <= now; });
    const bool removed = it != m_entries.end();
    m_entries.erase(it, m_entries.end());
    if (!m_entries.empty()) {
        qint64 next = m_entries.front().until;
        for (const Entry &entry : m_entries)
            next = std::min(next, entry.until);
        m_timer.start(int(std::max<qint64>(1, next - now)));
    }
    if (removed)
        emit changed();
}

QStringList TypingTracker::names(const std::function<bool(const QString &)> &among) const
{
    QStringList names;
    for (const Entry &entry : m_entries) {
        if (!among || among(entry.user.key))
            names << entry.user.name;
    }
    return names;
}

QString TypingTracker::text(const std::function<bool(const QString &)> &among) const
{
    QStringList who = names(among);
    for (QString &name : who)
        name = textrules::isolate(name); // a name cannot reorder the sentence around it
    switch (who.size()) {
    case 0:
        return {};
    case 1:
        return tr("%1 is typing…").arg(who[0]);
    case 2:
        return tr("%1 and %2 are typing…").arg(who[0], who[1]);
    default:
        return tr("%n people are typing…", nullptr, int(who.size()));
    }
}

} // namespace chat::client
