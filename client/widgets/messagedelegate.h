#pragma once

#include <QStyledItemDelegate>

namespace chat::client {

// Draws a message line as plain text, telling own messages, system lines and failures apart
// with the colours of the current palette.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace chat::client
