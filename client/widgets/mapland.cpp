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
            if (points.size() >= 3) {
                path.addPolygon(points);
                path.closeSubpath();
            }
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
