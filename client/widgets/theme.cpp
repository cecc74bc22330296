#include "theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace chat::client {

namespace {
QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor dim(0x8a, 0x8d, 0x93);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, dim);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x43)); // a button stands out a little
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb4, 0x8c, 0xff));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd8));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Light, window.lighter(130));
    palette.setColor(QPalette::Midlight, window.lighter(115));
    palette.setColor(QPalette::Mid, window.darker(120));
    palette.setColor(QPalette::Dark, window.darker(150));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, dim);
    return palette;
}
// Fusion draws a scrollbar's handle and groove in nearly the same colour and outlines the handle
// in a darker window colour, which vanishes on a dark theme: a flat handle with a clear contrast
// to its groove instead (at least 2:1 in both themes).
QString scrollBarStyle(const QColor &groove, const QColor &handle, const QColor &hover)
{
    return QStringLiteral("QScrollBar:vertical { background: %1; width: 12px; margin: 0; }"
                          "QScrollBar:horizontal { background: %1; height: 12px; margin: 0; }"
                          "QScrollBar::handle { background: %2; border-radius: 4px; margin: 2px; }"
                          "QScrollBar::handle:vertical { min-height: 28px; }"
                          "QScrollBar::handle:horizontal { min-width: 28px; }"
                          "QScrollBar::handle:hover, QScrollBar::handle:pressed { background: %3; }"
                          "QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; }"
                          "QScrollBar::add-page, QScrollBar::sub-page { background: none; }")
        .arg(groove.name(), handle.name(), hover.name());
}
} // namespace

void applyTheme(const QString &theme)
{
    static const QString platformStyle = QApplication::style()->name();
    static const QPalette platformPalette = QApplication::palette();
    if (theme == QLatin1String("dark")) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        qApp->setStyleSheet(scrollBarStyle(QColor(0x1e, 0x1f, 0x22), QColor(0x6b, 0x6f, 0x78),
                                           QColor(0x8a, 0x8d, 0x93)));
    } else if (theme == QLatin1String("light")) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
        qApp->setStyleSheet(scrollBarStyle(QColor(0xf0, 0xf0, 0xf0), QColor(0x9a, 0x9e, 0xa6),
                                           QColor(0x7a, 0x7e, 0x86)));
    } else {
        QApplication::setStyle(QStyleFactory::create(platformStyle));
        QApplication::setPalette(platformPalette);
        qApp->setStyleSheet({}); // the platform's own scrollbars
    }
}

} // namespace chat::client
