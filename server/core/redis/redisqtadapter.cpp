#include "redisqtadapter.h"

#include <QSocketNotifier>

#include <hiredis/async.h>

#include <memory>

namespace chat::server::redis::detail {

namespace {

class QtAdapter
{
public:
    QtAdapter(redisAsyncContext *context, std::function<void()> onCleanup)
        : m_onCleanup(std::move(onCleanup))
    {
        const qintptr fd = context->c.fd;
        m_read = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
        m_write = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
        m_read->setEnabled(false);
        m_write->setEnabled(false);
        // hiredis may free the context (and with it this adapter and both notifiers) inside
        // these calls: nothing after them may touch either. Qt copes with a notifier deleted
        // while it emits.
        QObject::connect(m_read.get(), &QSocketNotifier::activated, m_read.get(),
                         [context] { redisAsyncHandleRead(context); });
        QObject::connect(m_write.get(), &QSocketNotifier::activated, m_write.get(),
                         [context] { redisAsyncHandleWrite(context); });
    }

    static QtAdapter *of(void *privdata) { return static_cast<QtAdapter *>(privdata); }
    static void addRead(void *privdata) { of(privdata)->m_read->setEnabled(true); }
    static void delRead(void *privdata) { of(privdata)->m_read->setEnabled(false); }
    static void addWrite(void *privdata) { of(privdata)->m_write->setEnabled(true); }
    static void delWrite(void *privdata) { of(privdata)->m_write->setEnabled(false); }
    static void cleanup(void *privdata)
    {
        std::unique_ptr<QtAdapter> adapter(of(privdata));
        // hiredis calls no hook after this one; it still closes the socket, after the
        // notifiers are gone (a notifier must never outlive its descriptor).
        adapter->m_read.reset();
        adapter->m_write.reset();
        if (adapter->m_onCleanup)
            adapter->m_onCleanup();
    }

private:
    std::function<void()> m_onCleanup;
    std::unique_ptr<QSocketNotifier> m_read;
    std::unique_ptr<QSocketNotifier> m_write;
};

} // namespace

bool attachQtAdapter(redisAsyncContext *context, std::function<void()> onCleanup)
{
    if (context->ev.data)
        return false;
    auto *adapter = new QtAdapter(context, std::move(onCleanup));
    context->ev.data = adapter;
    context->ev.addRead = &QtAdapter::addRead;
    context->ev.delRead = &QtAdapter::delRead;
    context->ev.addWrite = &QtAdapter::addWrite;
    context->ev.delWrite = &QtAdapter::delWrite;
    context->ev.cleanup = &QtAdapter::cleanup;
    return true;
}

} // namespace chat::server::redis::detail
