#pragma once

#include "textrules.h"

#include <QStyledItemDelegate>

namespace chat::client {

// Draws an item's text isolated (Unicode bidi isolation): a name such as "\u202Egnp.exe" shows
// as its author wrote it without reversing the "(you)" or anything else around it.
class IsolatingDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = textrules::isolate(option->text);
    }
};

} // namespace chat::client
