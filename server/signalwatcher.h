#pragma once

#include <QObject>

#include <atomic>

class QSocketNotifier;

// Turns POSIX signals into a Qt signal: the handler writes the signal number into a socketpair,
// a QSocketNotifier reads it on the event loop (the pattern of Quassel's PosixSignalWatcher).
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void caught(int signal);

private:
    static void handle(int signal);
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
    static int s_fds[2];
    static std::atomic<int> s_writeEnd; // s_fds[0] while the watcher lives, then -1
};
