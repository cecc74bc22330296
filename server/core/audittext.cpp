#include "audittext.h"

namespace chat::server::audit {

namespace {
bool needsEscape(QChar c)
{
    const auto category = c.category();
    return category == QChar::Other_Control || category == QChar::Other_Format ||
           category == QChar::Separator_Line || category == QChar::Separator_Paragraph ||
           c.isSurrogate(); // a lone one; pairs are copied whole below
}
} // namespace

QString quoted(QStringView text, int maxChars)
{
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), maxChars) + 2);
    out += QLatin1Char('"');
    qsizetype i = 0;
    for (; i < text.size() && i < maxChars; ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            const char32_t ucs4 = QChar::surrogateToUcs4(c, text[i + 1]);
            if (QChar::category(ucs4) == QChar::Other_Format) { // tag characters and the like
                out += QStringLiteral("\\U%1").arg(uint(ucs4), 8, 16, QLatin1Char('0'));
            } else {
                out += c;
                out += text[i + 1];
            }
            ++i;
            continue;
        }
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            continue;
        case '\\':
            out += QLatin1String("\\\\");
            continue;
        case '\n':
            out += QLatin1String("\\n");
            continue;
        case '\r':
            out += QLatin1String("\\r");
            continue;
        case '\t':
            out += QLatin1String("\\t");
            continue;
        default:
            break;
        }
        if (needsEscape(c))
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    out += QLatin1Char('"');
    if (i < text.size())
        out += QStringLiteral(" (%1 more characters left out)").arg(text.size() - i);
    return out;
}

} // namespace chat::server::audit
