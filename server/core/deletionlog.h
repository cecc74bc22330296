#pragma once

#include <QByteArray>
#include <QString>

#include <deque>

namespace chat::server {

// The recent deletions (feature "accounts"), for the sessions that resume: a client whose
// connection was lost missed the `message deleted` events sent meanwhile, and the messages they
// name may be on its screen. Each deletion records the newest message id when it was made (its
// place in the total order of ids): a client that saw message L got every deletion made before L
// was (events reach a connection in order), so a resume that last saw L is sent those with
// newestId >= L again.
//
// Bounded two ways: an entry older than `keepMs` goes (a session can be resumed only so long
// after its client was last heard from: the keepalive finds a silent peer, then the resume grace
// period holds it; a deletion older than that reached a connection that was still answering),
// and past `maxEntries` the oldest go. Not thread safe: the Registry's lock guards it.
class DeletionLog
{
public:
    struct Entry
    {
        qint64 id = 0;       // the deleted message
        qint64 newestId = 0; // the newest message id when it was deleted
        qint64 at = 0;       // monotonic ms
        QByteArray event;    // the `message deleted` JSON, as it went out live
        QString deleterKey;  // the deleter's session, never told (empty: not known here)
        QString roomKey;     // its room; empty: a private message, whose ends follow
        QString authorKey;
        QString recipientKey;
        QString authorAccount; // empty: a guest's (or no account recorded)
        QString recipientAccount;
    };

    // `keepMs` 0: no age bound (the count only).
    void setLimits(qint64 keepMs, int maxEntries);
    // `entry.newestId` never decreases from one call to the next (ids only grow).
    void record(Entry entry);
    // Lets go of the entries older than keepMs at `now` (monotonic ms).
    void prune(qint64 now);
    // Calls `visit` with each entry whose newestId >= lastSeenId, oldest first; the cost is that
    // of those entries (a binary search finds the first).
    template <class Visit> void forEachSince(qint64 lastSeenId, Visit &&visit) const
    {
        for (auto it = firstSince(lastSeenId); it != m_entries.cend(); ++it)
            visit(*it);
    }
    int size() const { return int(m_entries.size()); }

private:
    std::deque<Entry>::const_iterator firstSince(qint64 lastSeenId) const;

    std::deque<Entry> m_entries; // oldest first: newestId and `at` never decrease
    qint64 m_keepMs = 0;
    int m_maxEntries = 0;
};

} // namespace chat::server
