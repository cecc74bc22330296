#pragma once

#include "conversationlistmodel.h"

#include <QAbstractListModel>
#include <QPointer>

namespace chat::client {

class UserListModel;

// What the quick switcher (Ctrl+K) offers: the sidebar's conversations, then the people one has
// no private conversation with yet (oneself excluded). With nothing typed, the conversations
// that mention the user come first, then those with unread messages, then the others (each in
// the sidebar's order: rooms, then private ones). Once something is typed, only those whose
// title contains it (ignoring case) remain, the titles that begin with it first. A leading "#"
// looks among rooms only, a leading "@" among people. It has ConversationListModel's roles
// (but for CurrentRole: nothing is "current" in a list of where to go), so the sidebar's
// delegate draws its rows too.
class QuickSwitcherModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        KindRole = ConversationListModel::KindRole, // a person counts as Private
        IdRole = ConversationListModel::IdRole,     // the room's name, or the person's key
        TitleRole = ConversationListModel::TitleRole,
        TopicRole = ConversationListModel::TopicRole,
        UnreadRole = ConversationListModel::UnreadRole,
        MentionsRole = ConversationListModel::MentionsRole,
        PersonRole = ConversationListModel::CurrentRole + 1, // bool: no conversation yet
    };

    struct Entry
    {
        bool person = false;
        ConversationListModel::Kind kind = ConversationListModel::Kind::Room;
        QString id;
        QString title;
        QString topic;
        int unread = 0;
        int mentions = 0;
    };

    explicit QuickSwitcherModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The lists it draws from; it follows their changes. `ownKey` is the user's own.
    void setSources(ConversationListModel *conversations, UserListModel *people,
                    const QString &ownKey);
    void setFilter(const QString &text);
    QString filter() const { return m_filter; }
    const Entry &entry(int row) const { return m_entries[row]; }
    // The row of this entry, or -1.
    int rowOf(bool person, ConversationListModel::Kind kind, const QString &id) const;

private:
    void rebuild();
    QList<Entry> candidates() const;

    QPointer<ConversationListModel> m_conversations;
    QPointer<UserListModel> m_people;
    QString m_ownKey;
    QString m_filter;
    QList<Entry> m_entries;
};

} // namespace chat::client
