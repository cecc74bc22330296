#pragma once

#include "isolatingdelegate.h"

namespace chat::client {

// The people list: each name isolated (IsolatingDelegate), with a small mark before it for a
// registered name, a moderator and an administrator (feature "accounts"; the tooltip says
// which). The marks are drawn in the palette's colours, so they read in light and dark themes;
// they differ in shape too, not in colour alone.
class PeopleDelegate : public IsolatingDelegate
{
public:
    using IsolatingDelegate::IsolatingDelegate;

    // The mark for a role ("admin", "moderator", "user" when `registered`), drawn for `palette`;
    // a null icon for a guest.
    static QIcon mark(bool registered, const QString &role, const QPalette &palette, int size);
    // Public so that tests can see what a row is drawn with.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace chat::client
