#pragma once

#include <QPainterPath>

namespace chat::client {

// The world's land (resources/map/land-110m.json, Natural Earth 110 m) as one path in the map's
// own coordinates: x = longitude, y = -latitude (degrees; an equirectangular projection), holes
// by the even-odd rule. Parsed once, on first use.
const QPainterPath &landPath();

} // namespace chat::client
