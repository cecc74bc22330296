#pragma once

#include <QByteArrayView>

namespace chat::codec {

// A cheap scan of a JSON text before it is parsed: false when it holds more than `maxKeys`
// object keys in all or nests deeper than `maxDepth`. (Qt's parser builds an object key by
// key, each insertion linear in the object's size, so a 60 KB frame of 6,000 keys costs a
// parse quadratic in them.) Whether the text is valid JSON is left to the parser.
bool withinJsonBounds(QByteArrayView json, int maxKeys, int maxDepth);

} // namespace chat::codec
