#pragma once

#include <QListView>
#include <QPersistentModelIndex>

class QToolButton;

namespace chat::client {

class MessageDelegate;
class MessageListModel;

// The conversation's list. It follows the newest line while the reader is at the bottom, and
// that is a state, not a check made when lines arrive: it survives resizes, relayouts, theme
// and font changes. Scrolled up, it stays put (lines added or dropped above do not move what
// is being read) and offers "Jump to latest" with the number of messages below. It places the
// "new messages" line above the first message that arrived while the reader was away (window
// in the background, or scrolled up).
class MessageView : public QListView
{
    Q_OBJECT
public:
    explicit MessageView(QWidget *parent = nullptr);

    // Where the reader is in a conversation: following the bottom, or the line at the top and
    // how far it is scrolled out of view; kept per conversation while others are shown.
    struct Position
    {
        bool follow = true;
        quint64 topSerial = 0;
        int topOffset = 0;
    };
    Position position() const;
    // Shows another conversation's lines where the reader left them.
    void showModel(MessageListModel *model, const Position &position);
    void setModel(QAbstractItemModel *model) override;
    MessageDelegate *messageDelegate() const { return m_delegate; }
    QToolButton *jumpButton() const { return m_jumpButton; }

    bool isFollowingBottom() const { return m_follow; }
    // Shows the newest line and follows from now on.
    void followBottom();
    // Messages from others below what is shown (while not following).
    int unseenCount() const { return m_unseen; }
    // Only messages that arrive live count as new (not the history shown on joining).
    void setTrackingNewMessages(bool tracking) { m_tracking = tracking; }
    // The reader answered: the "new messages" line has served its purpose.
    void clearUnreadMarker();

signals:
    void followingChanged(bool following);
    // The reader scrolled to the top: older lines may be loaded above.
    void reachedTop();

protected:
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setFollow(bool follow);
    void scrollToEnd();
    bool isReading() const;
    // Keeps the first line shown in its place while lines come and go above it.
    void holdAnchor();
    void restoreAnchor();
    void updateJumpButton();

    MessageDelegate *m_delegate;
    MessageListModel *m_messages = nullptr;
    QList<QMetaObject::Connection> m_modelConnections;
    QToolButton *m_jumpButton;
    bool m_follow = true;
    bool m_scrolling = false; // our own scroll, not the reader's
    bool m_tracking = false;
    bool m_markerArmed = false; // the next unseen message moves the "new messages" line
    int m_unseen = 0;
    QPersistentModelIndex m_anchor;
    int m_anchorTop = 0;
};

} // namespace chat::client
