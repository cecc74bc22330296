#pragma once

#include "conversationlistmodel.h"

#include <QFrame>
#include <QPointer>

class QLineEdit;
class QListView;

namespace chat::client {

class QuickSwitcherModel;
class UserListModel;

// Ctrl+K: a field over a list of the conversations and the people (as QuickSwitcherModel
// offers them), drawn over the top of the parent window. Typing filters, Up/Down move, Enter or
// a click chooses, Escape or focus leaving it closes it and gives the focus back.
class QuickSwitcher : public QFrame
{
    Q_OBJECT
public:
    explicit QuickSwitcher(QWidget *parent);

    // Where the entries come from; `ownKey`, the user's own, is never offered.
    void setSources(ConversationListModel *conversations, UserListModel *people,
                    const QString &ownKey);
    // Shows it, centred near the top of the parent, with an empty field that has the focus and
    // the first entry selected.
    void popup();
    // Hides it and gives the focus back to where it was before popup().
    void dismiss();

    QLineEdit *field() const { return m_field; }
    QListView *list() const { return m_list; }
    QuickSwitcherModel *model() const { return m_model; }
    int selectedRow() const;

signals:
    void conversationChosen(chat::client::ConversationListModel::Kind kind, const QString &id);
    void personChosen(const QString &key, const QString &name);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();
    void selectRow(int row);
    void choose(int row);

    QLineEdit *m_field;
    QListView *m_list;
    QuickSwitcherModel *m_model;
    QPointer<QWidget> m_focusBefore;
    // Kept over a rebuild of the list (a message arriving while it is open).
    struct Remembered
    {
        bool valid = false;
        bool person = false;
        ConversationListModel::Kind kind = ConversationListModel::Kind::Room;
        QString id;
    } m_remembered;
};

} // namespace chat::client
