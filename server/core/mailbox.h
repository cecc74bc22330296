#pragma once

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QObject>

#include <memory>

namespace chat::server {

// Where a result goes: the caller's context object, until it is destroyed. Posting happens
// under the mutex, and the context's `destroyed` (emitted before its posted events are
// discarded) takes the mutex to forget it, so a result is never posted to a dead object.
struct Mailbox
{
    QMutex mutex;
    QObject *target = nullptr;
    QMetaObject::Connection watch;

    static std::shared_ptr<Mailbox> to(QObject *context)
    {
        auto box = std::make_shared<Mailbox>();
        box->target = context;
        box->watch =
            QObject::connect(context, &QObject::destroyed, [weak = std::weak_ptr<Mailbox>(box)] {
                if (const auto alive = weak.lock()) {
                    QMutexLocker lock(&alive->mutex);
                    alive->target = nullptr;
                }
            });
        return box;
    }

    // Runs `deliver` on the context's thread, unless the context is gone.
    template <typename F> void post(F deliver)
    {
        QMutexLocker lock(&mutex);
        if (!target)
            return;
        QMetaObject::invokeMethod(
            target,
            [deliver = std::move(deliver), watch = watch]() mutable {
                QObject::disconnect(watch);
                deliver();
            },
            Qt::QueuedConnection);
    }
};

} // namespace chat::server
