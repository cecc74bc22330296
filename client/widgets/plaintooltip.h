#pragma once

#include "textrules.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QString>
#include <QToolTip>

namespace chat::client {

// Text someone else wrote (a topic, a name) as a tooltip. QToolTip takes text that looks like
// HTML for HTML, so "<img src=…>" in a topic would be rendered: here it is escaped and shown as
// written (isolated, long lines wrapped).
inline QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>")
        .arg(textrules::isolate(text).toHtmlEscaped());
}

// For a delegate's helpEvent: shows the item's ToolTipRole as plain text. False when the event
// is not a tooltip's (the delegate's own handling applies then).
inline bool showPlainToolTip(QHelpEvent *event, QAbstractItemView *view, const QRect &itemRect,
                             const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !view || !index.isValid())
        return false;
    const QString tip = plainToolTip(index.data(Qt::ToolTipRole).toString());
    if (tip.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(event->globalPos(), tip, view->viewport(), itemRect);
    }
    return true;
}

} // namespace chat::client
