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
// The data's rings stay inside the world: a ring that crosses the antimeridian (Russia, Fiji) is
// cut there, and Antarctica is closed along the map's edge (scripts/make-world-map.py). Those cuts
// are not coasts: a segment along the edge is filled but not outlined.
bool alongTheEdge(const QPointF &from, const QPointF &to)
{
    return (from.x() == to.x() && qAbs(from.x()) == 180) ||
           (from.y() == to.y() && qAbs(from.y()) == 90);
}

// A closed ring (its last point is its first).
void addRing(WorldLand &land, const QPolygonF &ring)
{
    land.area.addPolygon(ring);
    land.area.closeSubpath();
    const qsizetype count = ring.size();
    qsizetype cut = 1;
    while (cut < count && !alongTheEdge(ring[cut - 1], ring[cut]))
        ++cut;
    if (cut == count) {
        land.coast.addPolygon(ring);
        land.coast.closeSubpath();
        return;
    }
    // From the end of a cut once round the ring; each cut ends a line of the coast.
    bool drawing = false;
    for (qsizetype step = 1; step < count; ++step) {
        const qsizetype to = (cut + step - 1) % (count - 1) + 1; // 1 … count-1, then round
        const QPointF &from = ring[to - 1];
        if (alongTheEdge(from, ring[to])) {
            drawing = false;
            continue;
        }
        if (!drawing)
            land.coast.moveTo(from);
        land.coast.lineTo(ring[to]);
        drawing = true;
    }
}

// {"scale": 100, "polygons": [[ring, …], …]}; a ring is [lng0*scale, lat0*scale, lng1*scale, …].
WorldLand parseLand(const QByteArray &json)
{
    WorldLand land;
    land.area.setFillRule(Qt::OddEvenFill);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const double scale = root.value(QStringLiteral("scale")).toDouble();
    if (scale <= 0)
        return land;
    for (const QJsonValue &polygon : root.value(QStringLiteral("polygons")).toArray()) {
        for (const QJsonValue &ringValue : polygon.toArray()) {
            const QJsonArray ring = ringValue.toArray();
            QPolygonF points;
            points.reserve(ring.size() / 2);
            for (qsizetype i = 0; i + 1 < ring.size(); i += 2)
                points.append({ring.at(i).toDouble() / scale, -ring.at(i + 1).toDouble() / scale});
            if (points.size() < 3)
                continue;
            if (points.first() != points.last())
                points.append(points.first());
            addRing(land, points);
        }
    }
    return land;
}

WorldLand loadLand()
{
    QFile file(QStringLiteral(":/map/land-110m.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcMap) << "the world map is missing from the resources";
        return {};
    }
    return parseLand(file.readAll());
}
} // namespace

const WorldLand &worldLand()
{
    static const WorldLand land = loadLand();
    return land;
}

} // namespace chat::client
