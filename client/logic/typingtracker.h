#pragma once

#include "events.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace chat::client {

// Who is typing, from the server's "typing" events: each entry expires on its own after
// `expiryMs` unless renewed, and goes at once when that user sends a message or leaves.
class TypingTracker : public QObject
{
    Q_OBJECT
public:
    explicit TypingTracker(int expiryMs = 6000, QObject *parent = nullptr);

    void typing(const User &user);
    void stopped(const QString &key); // a message from them, or they left
    void clear();

    // Those typing, or only those `among` accepts (typing is server-wide: the window shows the
    // people of the conversation it shows).
    QStringList names(const std::function<bool(const QString &key)> &among = {}) const;
    // "alice is typing…", "alice and bob are typing…", "4 people are typing…"; empty if nobody.
    QString text(const std::function<bool(const QString &key)> &among = {}) const;

signals:
    void changed();

private:
    void expire();

    struct Entry
    {
        User user;
        qint64 until = 0;
    };
    int m_expiryMs;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::vector<Entry> m_entries; // in the order they started
};

} // namespace chat::client
