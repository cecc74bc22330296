#include "client-burst-monitor.h"

#include "messagelistmodel.h"

#include <QEvent>
#include <QFile>
#include <QListView>
#include <QPaintEvent>
#include <QThread>

#include <cmath>
#include <sys/resource.h>

namespace chat::bench {

using client::MessageListModel;

QString BurstFigures::summary() const
{
    return QString::asprintf(
        "%d messages, last shown after %.0f ms (in the model %.0f ms, server done %.0f ms); "
        "longest stall %.0f ms at %.0f ms, stalls >50 ms: %d, >100 ms: %d; CPU %.0f ms; "
        "RSS %.1f MiB",
        received, shownMs, lastInModelMs, peersDoneMs, maxStallMs, maxStallAtMs, stallsOver50,
        stallsOver100, cpuMs, double(rssKiB) / 1024);
}

QJsonObject BurstFigures::toJson() const
{
    const auto round1 = [](double v) {
        return std::round(v * 10) / 10;
    };
    return {{"received", received},
            {"shown_ms", round1(shownMs)},
            {"last_in_model_ms", round1(lastInModelMs)},
            {"first_in_model_ms", round1(firstInModelMs)},
            {"peers_done_ms", round1(peersDoneMs)},
            {"max_stall_ms", round1(maxStallMs)},
            {"max_stall_at_ms", round1(maxStallAtMs)},
            {"stalls_over_50ms", stallsOver50},
            {"stalls_over_100ms", stallsOver100},
            {"heartbeats", heartbeats},
            {"cpu_ms", round1(cpuMs)},
            {"rss_kib", rssKiB}};
}

BurstMonitor::BurstMonitor(QListView *view, int count, QObject *parent)
    : QObject(parent), m_view(view), m_count(count)
{
    m_clock.start();
    m_view->viewport()->installEventFilter(this);
    connect(m_view->model(), &QAbstractItemModel::rowsInserted, this,
            &BurstMonitor::onRowsInserted);
    // Precise: Qt then fires it within a millisecond of its due time when the loop is free, so
    // any lateness beyond that is the loop being busy.
    m_heartbeat.setTimerType(Qt::PreciseTimer);
    m_heartbeat.setInterval(heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &BurstMonitor::onHeartbeat);
    m_heartbeat.start();
}

double BurstMonitor::sinceStartMs() const
{
    return double(m_clock.nsecsElapsed() - m_startNs) / 1e6;
}

void BurstMonitor::startBurst()
{
    m_figures = {};
    m_lastRow = QPersistentModelIndex();
    m_lastPaintSeen = false;
    m_cpuAtStartMs = cpuMs();
    m_startNs = m_lastTickNs = m_clock.nsecsElapsed();
    m_measuring = true;
}

BurstFigures BurstMonitor::finishBurst()
{
    m_measuring = false;
    m_figures.cpuMs = cpuMs() - m_cpuAtStartMs;
    m_figures.rssKiB = rssKiB();
    return m_figures;
}

void BurstMonitor::onHeartbeat()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_measuring) {
        // The time the tick came later than one interval after the previous one: how long the
        // loop could not run a timer (nor paint, nor take input).
        const double stallMs = double(now - m_lastTickNs) / 1e6 - heartbeatMs;
        if (stallMs > m_figures.maxStallMs) {
            m_figures.maxStallMs = stallMs;
            m_figures.maxStallAtMs = double(m_lastTickNs - m_startNs) / 1e6;
        }
        m_figures.stallsOver50 += stallMs > 50;
        m_figures.stallsOver100 += stallMs > 100;
        ++m_figures.heartbeats;
    }
    m_lastTickNs = now;
}

void BurstMonitor::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (!m_measuring || parent.isValid())
        return;
    const QAbstractItemModel *model = m_view->model();
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(MessageListModel::KindRole).value<MessageListModel::Kind>() !=
            MessageListModel::Kind::Chat)
            continue; // day separators, joins, notices
        ++m_figures.received;
        if (m_figures.received == 1)
            m_figures.firstInModelMs = sinceStartMs();
        if (m_figures.received == m_count) {
            m_figures.lastInModelMs = sinceStartMs();
            m_lastRow = index; // the client must scroll to it and paint it by itself
        }
        if (m_injectStallMs > 0 && m_figures.received == m_count / 2) {
            QThread::msleep(m_injectStallMs);
            m_injectStallMs = 0;
        }
    }
}

bool BurstMonitor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Paint || watched != m_view->viewport())
        return false;
    if (!m_viewPainted) {
        m_viewPainted = true;
        emit progress();
    }
    if (!m_measuring || !m_lastRow.isValid() || m_lastPaintSeen)
        return false;
    const QRect rect = m_view->visualRect(m_lastRow);
    if (!rect.intersects(m_view->viewport()->rect()) ||
        !static_cast<QPaintEvent *>(event)->region().intersects(rect))
        return false; // not scrolled to it yet, or this paint does not cover it
    m_lastPaintSeen = true;
    // This filter runs before the paint; a queued call runs once the paint has returned.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_figures.shownMs = sinceStartMs();
            emit progress();
        },
        Qt::QueuedConnection);
    return false;
}

qint64 BurstMonitor::rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (QByteArray line; !(line = status.readLine()).isEmpty();) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double BurstMonitor::cpuMs()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval &t) {
        return double(t.tv_sec) * 1e3 + t.tv_usec / 1e3;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

} // namespace chat::bench
