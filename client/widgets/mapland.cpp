#include "mapland.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPolygonF>

Q_LOGGING_CATEGORY(lcMap, "chat.client.map")

namespace chat::client {

namespace {
// A ring that crosses the antimeridian jumps from +180 to -180 in the data: its longitudes are
// made continuous (beyond ±180 where needed), a ring around a pole (Antarctica) is closed along
// the pole, and the part beyond the edge comes again, shifted by 360 degrees, on the other side
// (the painter clips the world's rectangle). Without this, such rings draw lines across the map.
void addRing(QPainterPath &path, QPolygonF ring)
{
    double offset = 0;
    for (qsizetype i = 1; i < ring.size(); ++i) {
        ring[i].rx() += offset;
        const double step = ring[i].x() - ring[i - 1].x();
        if (step > 180) {
            offset -= 360;
            ring[i].rx() -= 360;
        } else if (step < -180) {
            offset += 360;
            ring[i].rx() += 360;
        }
    }
    if (qAbs(ring.last().x() - ring.first().x()) > 180) {    // around a pole
        const double pole = ring.first().y() > 0 ? 90 : -90; // y is -lat
        ring << QPointF(ring.last().x(), pole) << QPointF(ring.first().x(), pole);
    }
    const QRectF bounds = ring.boundingRect();
    for (const double shift : {0.0, 360.0, -360.0}) {
        if ((shift > 0 && bounds.left() >= -180) || (shift < 0 && bounds.right() <= 180))
            continue;
        path.addPolygon(ring.translated(shift, 0));
        path.closeSubpath();
    }
}

// {"scale": 100, "polygons": [[ring, …], …]}; a ring is [lng0*scale, lat0*scale, lng1*scale, …].
QPainterPath parseLand(const QByteArray &json)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const double scale = root.value(QStringLiteral("scale")).toDouble();
    if (scale <= 0)
        return path;
    for (const QJsonValue &polygon : root.value(QStringLiteral("polygons")).toArray()) {
        for (const QJsonValue &ringValue : polygon.toArray()) {
            const QJsonArray ring = ringValue.toArray();
            QPolygonF points;
            points.reserve(ring.size() / 2);
            for (qsizetype i = 0; i + 1 < ring.size(); i += 2)
                points.append({ring.at(i).toDouble() / scale, -ring.at(i + 1).toDouble() / scale});
            if (points.size() >= 3)
                addRing(path, points);
        }
    }
    return path;
}

QPainterPath loadLand()
{
    QFile file(QStringLiteral(":/map/land-110m.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcMap) << "the world map is missing from the resources";
        return {};
    }
    return parseLand(file.readAll());
}
} // namespace

const QPainterPath &landPath()
{
    static const QPainterPath land = loadLand();
    return land;
}

} // namespace chat::client
