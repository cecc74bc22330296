#pragma once

#include <QFont>
#include <QStyledItemDelegate>

namespace chat::client {

// Draws a row of the sidebar (a ConversationListModel, or the quick switcher's model, which has
// the same roles): "#" before a room, the other person's initials before a private conversation,
// the title (isolated; bold while something in it is unread), at the right the count of unread
// messages in a badge and, before it, an "@" badge in the accent colour with the count of those
// that name the user. The current conversation (and a selected row) is highlighted. Only palette
// colours are used, so it follows the light and dark themes.
class ConversationDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    struct Layout // where the parts of a row go; an empty rectangle is a part not drawn
    {
        QRect mark; // "#" or the avatar
        QRect title;
        QRect mentions;
        QRect unread;
        QFont titleFont;
        bool highlighted = false;
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // A count as a badge shows it: "7", "99+".
    static QString countText(int count);
    // The fill of the unread badge and the mention badge, and their text, on a row that is
    // highlighted or not.
    static QColor unreadFill(const QPalette &palette, bool highlighted);
    static QColor mentionFill(const QPalette &palette, bool highlighted);
    static QColor badgeText(const QPalette &palette, bool highlighted, bool mention);

protected:
    // The tooltip (a room's topic) is shown as plain text, never as HTML.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
};

} // namespace chat::client
