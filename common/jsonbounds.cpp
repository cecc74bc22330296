#include "jsonbounds.h"

namespace chat::codec {

bool withinJsonBounds(QByteArrayView json, int maxKeys, int maxDepth)
{
    int keys = 0;
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\')
                ++i; // whatever is escaped cannot end the string
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            if (++depth > maxDepth)
                return false;
            break;
        case '}':
        case ']':
            --depth;
            break;
        case ':': // outside a string, each one follows a key
            if (++keys > maxKeys)
                return false;
            break;
        default:
            break;
        }
    }
    return true;
}

} // namespace chat::codec
