#pragma once

#include "events.h"

#include <QObject>
#include <QTimer>

class QGeoPositionInfo;
class QGeoPositionInfoSource;

namespace chat::client {

// Where the user is, from Qt Positioning: the platform's default source (or one given, e.g. an
// NMEA log), reporting each position as it comes. When there is no source, it fails, or it gives
// no position within the timeout, unavailable() says why and the user picks the point on the map.
class LocationSource : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultTimeoutMs = 15000;

    explicit LocationSource(QObject *parent = nullptr);
    ~LocationSource() override;

    // Starts updates from `source` (taken over), or from the platform's default one when null.
    void start(QGeoPositionInfoSource *source = nullptr);
    void stop();
    bool isActive() const { return m_source != nullptr; }
    // How long to wait for the first position before giving up.
    void setTimeout(int ms) { m_timeoutMs = ms; }

signals:
    void positionChanged(const chat::GeoPosition &position);
    // No position can come (no source, an error, none in time); the source is stopped.
    void unavailable(const QString &reason);

private:
    void onPosition(const QGeoPositionInfo &info);
    void fail(const QString &reason);

    QGeoPositionInfoSource *m_source = nullptr; // ours (a child)
    QTimer m_firstPositionTimer;
    int m_timeoutMs = defaultTimeoutMs;
};

} // namespace chat::client
