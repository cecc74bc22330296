#include "locationsource.h"

#include <QGeoPositionInfoSource>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcLocationSource, "chat.client.location.source")

namespace chat::client {

LocationSource::LocationSource(QObject *parent) : QObject(parent)
{
    m_firstPositionTimer.setSingleShot(true);
    connect(&m_firstPositionTimer, &QTimer::timeout, this, [this] {
        fail(tr("it gave none within %n second(s)", nullptr, m_timeoutMs / 1000));
    });
}

LocationSource::~LocationSource()
{
    stop();
}

void LocationSource::start(QGeoPositionInfoSource *source)
{
    stop();
    if (!source)
        source = QGeoPositionInfoSource::createDefaultSource(this);
    if (!source) {
        fail(tr("this system offers no position source"));
        return;
    }
    source->setParent(this);
    m_source = source;
    qCInfo(lcLocationSource) << "position source:" << source->sourceName();
    connect(source, &QGeoPositionInfoSource::positionUpdated, this, &LocationSource::onPosition);
    connect(source, &QGeoPositionInfoSource::errorOccurred, this,
            [this](QGeoPositionInfoSource::Error error) {
                if (error == QGeoPositionInfoSource::AccessError)
                    fail(tr("access to the position was denied"));
                else if (error != QGeoPositionInfoSource::NoError)
                    fail(tr("the position source failed"));
            });
    m_firstPositionTimer.start(m_timeoutMs);
    source->startUpdates();
}

void LocationSource::stop()
{
    m_firstPositionTimer.stop();
    if (QGeoPositionInfoSource *source = m_source) {
        m_source = nullptr;
        source->disconnect(this);
        source->stopUpdates();
        source->deleteLater();
    }
}

void LocationSource::onPosition(const QGeoPositionInfo &info)
{
    const QGeoCoordinate coordinate = info.coordinate();
    if (!info.isValid() || !coordinate.isValid())
        return;
    m_firstPositionTimer.stop();
    emit positionChanged(GeoPosition{coordinate.latitude(), coordinate.longitude()});
}

void LocationSource::fail(const QString &reason)
{
    qCInfo(lcLocationSource) << "no position:" << reason;
    stop();
    emit unavailable(reason);
}

} // namespace chat::client
