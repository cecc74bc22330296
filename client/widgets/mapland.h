#pragma once

#include <QPainterPath>

namespace chat::client {

// The world's land (resources/map/land-110m.json, Natural Earth 110 m) in the map's own
// coordinates: x = longitude, y = -latitude (degrees; an equirectangular projection). Parsed
// once, on first use.
struct WorldLand
{
    QPainterPath area;  // to fill: every ring, holes by the even-odd rule
    QPainterPath coast; // to stroke: the rings without their cuts along the map's edge
};
const WorldLand &worldLand();

} // namespace chat::client
