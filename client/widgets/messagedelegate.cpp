#include "messagedelegate.h"

#include "messagelistmodel.h"

namespace chat::client {

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // A little air between messages.
    return QStyledItemDelegate::sizeHint(option, index) + QSize(0, 6);
}

void MessageDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    using Kind = MessageListModel::Kind;
    using Delivery = MessageListModel::Delivery;
    const auto kind = index.data(MessageListModel::KindRole).value<Kind>();
    const auto delivery = index.data(MessageListModel::DeliveryRole).value<Delivery>();
    const QPalette &palette = option->palette;

    switch (kind) {
    case Kind::Own: {
        QColor tint = palette.color(QPalette::Highlight);
        tint.setAlpha(40);
        option->backgroundBrush = tint;
        break;
    }
    case Kind::Joined:
    case Kind::Left:
    case Kind::Notice:
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, palette.color(QPalette::PlaceholderText));
        break;
    case Kind::Chat:
        break;
    }
    if (delivery == Delivery::Failed)
        option->palette.setColor(QPalette::Text, QColor(0xd0, 0x30, 0x30));
    else if (delivery == Delivery::Pending)
        option->palette.setColor(QPalette::Text, palette.color(QPalette::PlaceholderText));
}

} // namespace chat::client
