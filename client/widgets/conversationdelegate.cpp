#include "conversationdelegate.h"

#include "conversationlistmodel.h"
#include "plaintooltip.h"
#include "sendercolors.h"
#include "textrules.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>

namespace chat::client {

namespace {
constexpr int hPadding = 8;
constexpr int vPadding = 4;
constexpr int gap = 6;      // between the mark, the title and the badges
constexpr int badgeGap = 4; // between the two badges
constexpr int maxShownCount = 99;
constexpr int shortTitleChars = 12; // what the width asked for holds of a title

using Kind = ConversationListModel::Kind;

QColor blend(const QColor &a, const QColor &b, double share)
{
    return QColor::fromRgbF(float(a.redF() * share + b.redF() * (1 - share)),
                            float(a.greenF() * share + b.greenF() * (1 - share)),
                            float(a.blueF() * share + b.blueF() * (1 - share)));
}

QFont badgeFont(const QFont &font)
{
    QFont small = font;
    small.setBold(true);
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.85);
    else
        small.setPixelSize(qMax(8, font.pixelSize() * 85 / 100));
    return small;
}

int badgeHeight(const QFont &font)
{
    return QFontMetrics(badgeFont(font)).height() + 2;
}

int badgeWidth(const QFont &font, const QString &text)
{
    const int height = badgeHeight(font);
    return qMax(height, QFontMetrics(badgeFont(font)).horizontalAdvance(text) + height * 2 / 3);
}

int markSize(const QFont &font)
{
    return QFontMetrics(font).height() + 2;
}

QString mentionText(int mentions)
{
    return QLatin1Char('@') + ConversationDelegate::countText(mentions);
}

QPalette::ColorGroup colorGroup(const QStyleOptionViewItem &option)
{
    if (!(option.state & QStyle::State_Enabled))
        return QPalette::Disabled;
    return option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
}

void drawBadge(QPainter *painter, const QRect &rect, const QString &text, const QColor &fill,
               const QColor &color, const QFont &font)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, rect.height() / 2.0, rect.height() / 2.0);
    painter->setFont(font);
    painter->setPen(color);
    painter->drawText(rect, Qt::AlignCenter, text);
}
} // namespace

QString ConversationDelegate::countText(int count)
{
    return count > maxShownCount ? tr("%1+").arg(maxShownCount) : QString::number(count);
}

QColor ConversationDelegate::unreadFill(const QPalette &palette, bool highlighted)
{
    // Not the accent colour (that is the mentions'): the text colour, a little softened.
    return highlighted ? palette.color(QPalette::HighlightedText)
                       : blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.65);
}

QColor ConversationDelegate::mentionFill(const QPalette &palette, bool highlighted)
{
    return palette.color(highlighted ? QPalette::HighlightedText : QPalette::Highlight);
}

QColor ConversationDelegate::badgeText(const QPalette &palette, bool highlighted, bool mention)
{
    if (highlighted)
        return palette.color(QPalette::Highlight);
    return palette.color(mention ? QPalette::HighlightedText : QPalette::Base);
}

ConversationDelegate::Layout ConversationDelegate::layout(const QStyleOptionViewItem &option,
                                                          const QModelIndex &index) const
{
    Layout l;
    const int unread = index.data(ConversationListModel::UnreadRole).toInt();
    const int mentions = index.data(ConversationListModel::MentionsRole).toInt();
    l.highlighted = index.data(ConversationListModel::CurrentRole).toBool() ||
                    (option.state & QStyle::State_Selected);
    l.titleFont = option.font;
    l.titleFont.setBold(unread > 0); // as mail clients show what is unread

    // Laid out left to right, then mirrored for a right-to-left interface.
    const QRect area = option.rect.adjusted(hPadding, vPadding, -hPadding, -vPadding);
    const int middle = area.top() + area.height() / 2;
    const int mark = markSize(option.font);
    l.mark = QRect(area.left(), middle - mark / 2, mark, mark);
    const int badge = badgeHeight(option.font);
    int right = area.right() + 1;
    // Every message of a private conversation is for the user: one badge, the mentions', says it.
    const bool everyOneForMe =
        index.data(ConversationListModel::KindRole).value<ConversationListModel::Kind>() ==
            ConversationListModel::Kind::Private &&
        unread == mentions;
    if (unread > 0 && !everyOneForMe) {
        const int width = badgeWidth(option.font, countText(unread));
        l.unread = QRect(right - width, middle - badge / 2, width, badge);
        right = l.unread.left() - badgeGap;
    }
    if (mentions > 0) {
        const int width = badgeWidth(option.font, mentionText(mentions));
        l.mentions = QRect(right - width, middle - badge / 2, width, badge);
        right = l.mentions.left() - badgeGap;
    }
    const int titleLeft = l.mark.right() + 1 + gap;
    l.title = QRect(titleLeft, area.top(), qMax(0, right - gap - titleLeft), area.height());
    for (QRect *rect : {&l.mark, &l.title, &l.mentions, &l.unread}) {
        if (!rect->isNull())
            *rect = QStyle::visualRect(option.direction, option.rect, *rect);
    }
    return l;
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    const QPalette::ColorGroup group = colorGroup(option);
    QPalette palette = option.palette;
    palette.setCurrentColorGroup(group);
    const QString title = index.data(ConversationListModel::TitleRole).toString();
    painter->save();
    if (l.highlighted) {
        painter->fillRect(option.rect, palette.color(QPalette::Highlight));
    } else if (option.state & QStyle::State_MouseOver) {
        QColor hover = palette.color(QPalette::Highlight);
        hover.setAlpha(40);
        painter->fillRect(option.rect, hover);
    }
    const QColor text = palette.color(l.highlighted ? QPalette::HighlightedText : QPalette::Text);

    if (index.data(ConversationListModel::KindRole).value<Kind>() == Kind::Room) {
        QFont hash = option.font;
        hash.setBold(true);
        painter->setFont(hash);
        painter->setPen(l.highlighted ? text : palette.color(QPalette::PlaceholderText));
        painter->drawText(l.mark, Qt::AlignCenter, QStringLiteral("#"));
    } else {
        paintAvatar(painter, l.mark, title);
    }

    painter->setFont(l.titleFont);
    painter->setPen(text);
    const QString elided =
        QFontMetrics(l.titleFont).elidedText(title, Qt::ElideRight, l.title.width());
    painter->drawText(l.title,
                      int(QStyle::visualAlignment(option.direction, Qt::AlignLeft)) |
                          Qt::AlignVCenter | Qt::TextSingleLine,
                      textrules::isolate(elided));

    const QFont small = badgeFont(option.font);
    if (!l.mentions.isNull()) {
        drawBadge(painter, l.mentions,
                  mentionText(index.data(ConversationListModel::MentionsRole).toInt()),
                  mentionFill(palette, l.highlighted), badgeText(palette, l.highlighted, true),
                  small);
    }
    if (!l.unread.isNull()) {
        drawBadge(
            painter, l.unread, countText(index.data(ConversationListModel::UnreadRole).toInt()),
            unreadFill(palette, l.highlighted), badgeText(palette, l.highlighted, false), small);
    }
    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        focus.backgroundColor = palette.color(l.highlighted ? QPalette::Highlight : QPalette::Base);
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
    painter->restore();
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    const int unread = index.data(ConversationListModel::UnreadRole).toInt();
    const int mentions = index.data(ConversationListModel::MentionsRole).toInt();
    QFont bold = option.font;
    bold.setBold(true);
    // A long title is elided rather than widening the list (a view makes every row as wide as
    // the widest hint): the width asked for holds a short one.
    const QFontMetrics metrics(bold);
    const int title =
        qMin(metrics.horizontalAdvance(index.data(ConversationListModel::TitleRole).toString()),
             shortTitleChars * metrics.averageCharWidth());
    int width = 2 * hPadding + markSize(option.font) + gap + title;
    if (unread > 0)
        width += gap + badgeWidth(option.font, countText(unread));
    if (mentions > 0)
        width += badgeGap + badgeWidth(option.font, mentionText(mentions));
    // One line: the mark (or a badge) and some air above and below.
    const int height = qMax(markSize(option.font), badgeHeight(option.font)) + 2 * vPadding;
    return {width, height};
}

bool ConversationDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                     const QStyleOptionViewItem &option, const QModelIndex &index)
{
    return showPlainToolTip(event, view, option.rect, index) ||
           QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace chat::client
