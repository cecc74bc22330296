#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPersistentModelIndex>
#include <QTimer>

class QListView;

// The instrument of chat-client-burst (client-burst.cpp says what each figure means).
namespace chat::bench {

struct BurstFigures
{
    int received = 0;           // chat rows that arrived in the model during the burst
    double firstInModelMs = -1; // from the burst's start; -1: never
    double lastInModelMs = -1;  // the burst's last (count-th) chat row is in the model
    double shownMs = -1;        // ... and a paint of the view that shows it has finished
    double peersDoneMs = -1;    // the peers had the server's ack of their last message
    double maxStallMs = 0;      // the longest event-loop stall
    double maxStallAtMs = 0;    // when it began, from the burst's start
    int stallsOver50 = 0;       // stalls longer than 50 ms
    int stallsOver100 = 0;      // ... and longer than 100 ms
    int heartbeats = 0;         // heartbeat ticks seen during the burst
    double cpuMs = 0;           // the process's CPU time (user + system) during the burst
    qint64 rssKiB = 0;          // VmRSS at the burst's end

    QString summary() const; // one line for people
    QJsonObject toJson() const;
};

// Watches one message view during bursts: a precise heartbeat timer on the view's thread finds
// the event loop's stalls, the model's rowsInserted counts the burst's chat rows, and an event
// filter on the view's viewport sees the paint that shows the last of them.
class BurstMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int heartbeatMs = 5;

    BurstMonitor(QListView *view, int count, QObject *parent = nullptr);

    // From now on stalls count, and `count` chat rows are awaited.
    void startBurst();
    // Stops measuring and returns the burst's figures (CPU and RSS taken now).
    BurstFigures finishBurst();
    const BurstFigures &current() const { return m_figures; }
    bool lastShown() const { return m_figures.shownMs >= 0; }
    // The viewport has painted at least once (the window is up).
    bool viewPainted() const { return m_viewPainted; }
    // Checks the instrument: blocks the event loop for `ms` once, in the slot that counts the
    // middle row of the next burst. A stall of about `ms` must then show.
    void injectStallOnce(int ms) { m_injectStallMs = ms; }

    static qint64 rssKiB();
    static double cpuMs();

signals:
    // The view painted for the first time, or the burst's last row was shown.
    void progress();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onHeartbeat();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    double sinceStartMs() const;

    QListView *m_view;
    const int m_count;
    QTimer m_heartbeat;
    QElapsedTimer m_clock;
    qint64 m_startNs = 0;
    qint64 m_lastTickNs = 0;
    double m_cpuAtStartMs = 0;
    bool m_measuring = false;
    bool m_viewPainted = false;
    bool m_lastPaintSeen = false;
    int m_injectStallMs = 0;
    QPersistentModelIndex m_lastRow;
    BurstFigures m_figures;
};

} // namespace chat::bench
