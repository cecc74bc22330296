#include "sendercolors.h"

#include <QPainter>
#include <QRect>
#include <QStringList>

#include <cmath>

namespace chat::client {

namespace {
// FNV-1a over the case-folded name: "Alice" and "alice" are one person, one colour.
quint32 stableHash(const QString &name)
{
    quint32 hash = 2166136261u;
    for (const QChar c : name.toCaseFolded()) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    // MurmurHash3's finaliser: names that differ only at the end ("user1", "user2") must land
    // on different hues, and FNV leaves the last character in the high bits only.
    hash ^= hash >> 16;
    hash *= 0x85ebca6bu;
    hash ^= hash >> 13;
    hash *= 0xc2b2ae35u;
    hash ^= hash >> 16;
    return hash;
}

int hueOf(const QString &name)
{
    return int(stableHash(name) % 360);
}

double luminance(const QColor &color)
{
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
           0.0722 * channel(color.blueF());
}
} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor nameColor(const QString &name, const QColor &background)
{
    const bool dark = luminance(background) < 0.3;
    double lightness = dark ? 0.70 : 0.40;
    QColor color = QColor::fromHslF(hueOf(name) / 360.0, 0.65, lightness);
    for (int step = 0; step < 20 && contrastRatio(color, background) < 4.5; ++step) {
        lightness = qBound(0.0, lightness + (dark ? 0.03 : -0.03), 1.0);
        color = QColor::fromHslF(hueOf(name) / 360.0, 0.65, lightness);
    }
    return color;
}

QString initials(const QString &name)
{
    QString result;
    for (const QString &word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        // The first character that shows: no format or control characters.
        for (auto it = word.cbegin(); it != word.cend(); ++it) {
            char32_t ucs = it->unicode();
            int length = 1;
            if (it->isHighSurrogate() && it + 1 != word.cend()) {
                ucs = QChar::surrogateToUcs4(*it, *(it + 1));
                length = 2;
            }
            const auto category = QChar::category(ucs);
            if (category != QChar::Other_Format && category != QChar::Other_Control) {
                result += QStringView(it, length).toString().toUpper();
                break;
            }
            if (length == 2)
                ++it;
        }
        if (result.size() >= 2)
            break;
    }
    return result;
}

void paintAvatar(QPainter *painter, const QRect &rect, const QString &name)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    // White initials on a mid-dark circle: legible whatever the theme.
    painter->setBrush(QColor::fromHslF(hueOf(name) / 360.0, 0.55, 0.42));
    painter->drawEllipse(rect);
    QFont font = painter->font();
    font.setPixelSize(qMax(8, rect.height() * 2 / 5));
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, initials(name));
    painter->restore();
}

} // namespace chat::client
