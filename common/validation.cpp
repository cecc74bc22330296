#include "validation.h"

#include "nameskeleton.h"

namespace chat::validation {

using protocol::ErrorCode;

std::optional<ErrorCode> normalizeName(QString &name, int maxCodePoints)
{
    name = name.trimmed();
    if (name.isEmpty())
        return ErrorCode::InvalidName;
    int codePoints = 0;
    for (auto it = name.cbegin(); it != name.cend(); ++it) {
        char32_t ucs = it->unicode();
        if (it->isHighSurrogate() && it + 1 != name.cend() && (it + 1)->isLowSurrogate()) {
            ucs = QChar::surrogateToUcs4(*it, *(it + 1));
            ++it;
        } else if (it->isSurrogate()) {
            return ErrorCode::InvalidName; // a lone surrogate is not a character
        }
        // Control characters, and format characters (Cf): bidi overrides and isolates reorder
        // what follows ("\u202Egnp.exe" shows as "exe.png"), zero-width ones make names that
        // look alike but differ.
        const QChar::Category category = QChar::category(ucs);
        if (category == QChar::Other_Control || category == QChar::Other_Format)
            return ErrorCode::InvalidName;
        if (++codePoints > maxCodePoints)
            return ErrorCode::InvalidName;
    }
    return std::nullopt;
}

QString nameUniquenessKey(const QString &name)
{
    return nameSkeleton(name);
}

namespace {
// Calls `visit` with each code point; false when `text` holds a lone surrogate.
template <typename F> bool forEachCodePoint(const QString &text, F &&visit)
{
    for (auto it = text.cbegin(); it != text.cend(); ++it) {
        char32_t ucs = it->unicode();
        if (it->isHighSurrogate() && it + 1 != text.cend() && (it + 1)->isLowSurrogate()) {
            ucs = QChar::surrogateToUcs4(*it, *(it + 1));
            ++it;
        } else if (it->isSurrogate()) {
            return false;
        }
        if (!visit(ucs))
            return false;
    }
    return true;
}
} // namespace

std::optional<ErrorCode> normalizeRoomName(QString &room)
{
    room = room.trimmed();
    int codePoints = 0;
    const bool valid = forEachCodePoint(room, [&](char32_t ucs) {
        // Letters (L*) and decimal digits (Nd), as the protocol says: no marks, no other
        // numbers (superscripts, Roman numerals), no symbols.
        const bool allowed = QChar::isLetter(ucs) ||
                             QChar::category(ucs) == QChar::Number_DecimalDigit || ucs == U'-' ||
                             ucs == U'_' || ucs == U'.';
        return allowed && ++codePoints <= protocol::maxRoomNameCodePoints;
    });
    if (!valid || codePoints == 0)
        return ErrorCode::InvalidRoom;
    return std::nullopt;
}

QString roomKey(const QString &room)
{
    return room.toCaseFolded();
}

std::optional<ErrorCode> checkTopic(const QString &topic, int maxCodePoints)
{
    int codePoints = 0;
    const bool valid = forEachCodePoint(topic, [&](char32_t ucs) {
        return QChar::category(ucs) != QChar::Other_Control && ++codePoints <= maxCodePoints;
    });
    if (!valid)
        return ErrorCode::InvalidTopic;
    return std::nullopt;
}

qsizetype utf8Length(QStringView text)
{
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80)
            bytes += 1;
        else if (c < 0x800)
            bytes += 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < text.size() &&
                 QChar::isLowSurrogate(text[i + 1].unicode())) {
            bytes += 4;
            ++i;
        } else
            bytes += 3; // BMP character, or a lone surrogate encoded as U+FFFD
    }
    return bytes;
}

std::optional<ErrorCode> checkMessageText(const QString &text, int maxBytes)
{
    if (text.trimmed().isEmpty())
        return ErrorCode::InvalidMessage;
    // Control characters (C0, DEL, C1) but tab and newline: they show as nothing, and JSON
    // escapes each as six bytes, which made a history of them an amplifier.
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n') || (u >= 0x7f && u <= 0x9f))
            return ErrorCode::InvalidMessage;
    }
    if (utf8Length(text) > maxBytes)
        return ErrorCode::TooLong;
    return std::nullopt;
}

bool normalizeReason(QString &reason, int maxCodePoints)
{
    reason = reason.trimmed();
    int codePoints = 0;
    return forEachCodePoint(reason, [&](char32_t ucs) {
        return QChar::category(ucs) != QChar::Other_Control && ++codePoints <= maxCodePoints;
    });
}

QString fitUtf8(const QString &text, int maxBytes)
{
    if (utf8Length(text) <= maxBytes)
        return text;
    static const QString ellipsis = QStringLiteral("\u2026");
    const qsizetype room = maxBytes - utf8Length(ellipsis);
    qsizetype bytes = 0;
    qsizetype end = 0; // in UTF-16 units: never between the halves of a surrogate pair
    while (end < text.size()) {
        const bool pair =
            text[end].isHighSurrogate() && end + 1 < text.size() && text[end + 1].isLowSurrogate();
        const qsizetype units = pair ? 2 : 1;
        const qsizetype size = utf8Length(QStringView(text).sliced(end, units));
        if (bytes + size > room)
            break;
        bytes += size;
        end += units;
    }
    return text.left(end) + ellipsis;
}

bool isAcceptablePassword(QByteArrayView utf8)
{
    return utf8.size() >= protocol::minPasswordBytes && utf8.size() <= protocol::maxPasswordBytes &&
           utf8.isValidUtf8();
}

} // namespace chat::validation
