#include "messageview.h"

#include "messagedelegate.h"
#include "messagelistmodel.h"

#include <QApplication>
#include <QEvent>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>

namespace chat::client {

namespace {
constexpr int bottomSlack = 4; // pixels from the end that still count as "at the bottom"
} // namespace

MessageView::MessageView(QWidget *parent)
    : QListView(parent), m_delegate(new MessageDelegate(this)), m_jumpButton(new QToolButton(this))
{
    setItemDelegate(m_delegate);
    setWordWrap(true);
    setUniformItemSizes(false);
    setResizeMode(QListView::Adjust);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::ExtendedSelection);

    m_jumpButton->setObjectName(QStringLiteral("jumpToLatest"));
    m_jumpButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_jumpButton->setCursor(Qt::PointingHandCursor);
    m_jumpButton->setFocusPolicy(Qt::NoFocus); // End or Ctrl+End does it from the keyboard
    m_jumpButton->hide();
    connect(m_jumpButton, &QToolButton::clicked, this, &MessageView::followBottom);

    QScrollBar *bar = verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (m_scrolling)
            return;
        setFollow(value >= bar->maximum() - bottomSlack);
        if (value <= bar->minimum() && bar->maximum() > 0)
            emit reachedTop();
    });
    // The content's height changed (lines, width, font, theme): still at the bottom if it was.
    connect(bar, &QScrollBar::rangeChanged, this, [this] {
        if (m_follow)
            scrollToEnd();
    });
}

void MessageView::showEvent(QShowEvent *event)
{
    QListView::showEvent(event);
    window()->installEventFilter(this); // once in a window: its activation matters
}

void MessageView::setModel(QAbstractItemModel *model)
{
    for (const QMetaObject::Connection &connection : std::exchange(m_modelConnections, {}))
        disconnect(connection);
    m_anchor = QPersistentModelIndex();
    m_unseen = 0;
    m_markerArmed = false;
    m_delegate->watch(model); // before the view: its sizes are current first
    QListView::setModel(model);
    m_messages = qobject_cast<MessageListModel *>(model);
    m_modelConnections = {
        connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, &MessageView::holdAnchor),
        connect(model, &QAbstractItemModel::rowsAboutToBeMoved, this, &MessageView::holdAnchor),
        connect(model, &QAbstractItemModel::modelReset, this,
                [this] {
                    m_unseen = 0;
                    m_markerArmed = false;
                    followBottom();
                }),
    };
}

MessageView::Position MessageView::position() const
{
    if (m_follow)
        return {};
    const QModelIndex top = indexAt(QPoint(1, 1));
    if (!top.isValid())
        return {};
    return {false, top.data(MessageListModel::SerialRole).toULongLong(), visualRect(top).top()};
}

void MessageView::showModel(MessageListModel *model, const Position &position)
{
    if (model != m_messages)
        setModel(model);
    executeDelayedItemsLayout();
    const int row = position.follow ? -1 : model->rowOfSerial(position.topSerial);
    if (row < 0) {
        followBottom();
        updateJumpButton();
        return;
    }
    setFollow(false);
    const QModelIndex top = model->index(row);
    m_scrolling = true;
    scrollTo(top, QAbstractItemView::PositionAtTop);
    verticalScrollBar()->setValue(verticalScrollBar()->value() + visualRect(top).top() -
                                  position.topOffset);
    m_scrolling = false;
    updateJumpButton();
}

void MessageView::setFollow(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    if (follow) {
        m_unseen = 0;
        if (isReading())
            m_markerArmed = false;
    }
    updateJumpButton();
    emit followingChanged(follow);
}

void MessageView::scrollToEnd()
{
    m_scrolling = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_scrolling = false;
}

void MessageView::followBottom()
{
    setFollow(true);
    scrollToBottom();
    scrollToEnd();
}

bool MessageView::isReading() const
{
    return m_follow && window()->isActiveWindow();
}

void MessageView::clearUnreadMarker()
{
    m_markerArmed = false;
    if (m_messages)
        m_messages->setUnreadMarker(0);
}

void MessageView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QListView::rowsInserted(parent, start, end);
    if (!m_tracking || !m_messages)
        return;
    for (int row = start; row <= end; ++row) {
        const auto &entry = m_messages->entry(row);
        if (entry.kind != MessageListModel::Kind::Chat)
            continue;
        if (!isReading() && !m_markerArmed) {
            m_messages->setUnreadMarker(entry.serial);
            m_markerArmed = true;
        }
        if (!m_follow)
            ++m_unseen;
    }
    updateJumpButton();
}

void MessageView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    holdAnchor();
    QListView::rowsAboutToBeRemoved(parent, start, end);
}

void MessageView::holdAnchor()
{
    if (m_follow || m_anchor.isValid())
        return;
    const QModelIndex top = indexAt(QPoint(1, 1));
    if (!top.isValid())
        return;
    m_anchor = top;
    m_anchorTop = visualRect(top).top();
    QTimer::singleShot(0, this, &MessageView::restoreAnchor);
}

void MessageView::restoreAnchor()
{
    const QPersistentModelIndex anchor = std::exchange(m_anchor, {});
    if (!anchor.isValid() || m_follow)
        return;
    executeDelayedItemsLayout();
    const int moved = visualRect(anchor).top() - m_anchorTop;
    if (moved != 0) {
        m_scrolling = true;
        verticalScrollBar()->setValue(verticalScrollBar()->value() + moved);
        m_scrolling = false;
    }
}

void MessageView::updateJumpButton()
{
    const bool show = !m_follow && model() && model()->rowCount() > 0;
    m_jumpButton->setText(m_unseen > 0
                              ? tr("%n new message(s) — Jump to latest ↓", nullptr, m_unseen)
                              : tr("Jump to latest ↓"));
    m_jumpButton->setAccessibleName(m_jumpButton->text());
    m_jumpButton->adjustSize();
    const QRect area = viewport()->geometry();
    m_jumpButton->move(area.right() - m_jumpButton->width() - 12,
                       area.bottom() - m_jumpButton->height() - 10);
    m_jumpButton->setVisible(show);
    m_jumpButton->raise();
}

void MessageView::keyPressEvent(QKeyEvent *event)
{
    // Enter or Space opens a collapsed run of joins and leaves, as a click does.
    const QModelIndex current = currentIndex();
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter ||
         event->key() == Qt::Key_Space) &&
        current.isValid() &&
        current.data(MessageListModel::KindRole).value<MessageListModel::Kind>() ==
            MessageListModel::Kind::Presence) {
        model()->setData(current, !current.data(MessageListModel::ExpandedRole).toBool(),
                         MessageListModel::ExpandedRole);
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void MessageView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    updateJumpButton();
    if (m_follow)
        QTimer::singleShot(0, this, [this] {
            if (m_follow)
                scrollToEnd();
        });
}

void MessageView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange ||
        event->type() == QEvent::StyleChange) {
        m_delegate->invalidate();
        scheduleDelayedItemsLayout();
    }
    QListView::changeEvent(event);
}

bool MessageView::eventFilter(QObject *watched, QEvent *event)
{
    // Back at the window and at the bottom: what arrives next is read as it comes.
    if (watched == window() && event->type() == QEvent::ActivationChange && isReading()) {
        m_markerArmed = false;
        m_unseen = 0;
    }
    return QListView::eventFilter(watched, event);
}

} // namespace chat::client
