#include "quickswitcher.h"

#include "conversationdelegate.h"
#include "quickswitchermodel.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

#include <algorithm>

namespace chat::client {

namespace {
constexpr int visibleRows = 9;
constexpr int maxWidth = 600;
constexpr int edgeMargin = 8; // between it and the parent's edges

bool isNavigationKey(int key)
{
    switch (key) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Escape:
        return true;
    default:
        return false;
    }
}
} // namespace

QuickSwitcher::QuickSwitcher(QWidget *parent)
    : QFrame(parent), m_field(new QLineEdit), m_list(new QListView),
      m_model(new QuickSwitcherModel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Raised);
    setAutoFillBackground(true);
    setAccessibleName(tr("Quick switcher"));
    m_field->setPlaceholderText(tr("Jump to a room or a person (# rooms, @ people)"));
    m_field->setAccessibleName(tr("Room or person to jump to"));
    m_field->installEventFilter(this);
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ConversationDelegate(m_list));
    m_list->setAccessibleName(tr("Rooms and people"));
    m_list->setFocusPolicy(Qt::NoFocus); // typing stays in the field
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setMouseTracking(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_field);
    layout->addWidget(m_list);

    connect(m_field, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setFilter(text);
        selectRow(0); // the best match
    });
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const int row = selectedRow();
        m_remembered = {};
        if (row >= 0) {
            const QuickSwitcherModel::Entry &entry = m_model->entry(row);
            m_remembered = {true, entry.person, entry.kind, entry.id};
        }
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        const int row = m_remembered.valid ? m_model->rowOf(m_remembered.person, m_remembered.kind,
                                                            m_remembered.id)
                                           : -1;
        selectRow(qMax(0, row));
    });
    connect(m_list, &QListView::clicked, this,
            [this](const QModelIndex &index) { choose(index.row()); });
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (isVisible() && now && now != this && !isAncestorOf(now)) {
            m_focusBefore.clear(); // the user put the focus somewhere: it stays there
            hide();
        }
    });
    parent->installEventFilter(this); // to stay in place when the window is resized
    hide();
}

void QuickSwitcher::setSources(ConversationListModel *conversations, UserListModel *people,
                               const QString &ownKey)
{
    m_model->setSources(conversations, people, ownKey);
}

void QuickSwitcher::popup()
{
    QWidget *focus = QApplication::focusWidget();
    if (focus != this && !isAncestorOf(focus))
        m_focusBefore = focus;
    m_field->clear();
    m_model->setFilter({});
    place();
    show();
    raise();
    selectRow(0);
    m_field->setFocus(Qt::ShortcutFocusReason);
}

void QuickSwitcher::dismiss()
{
    const QPointer<QWidget> focus = m_focusBefore;
    m_focusBefore.clear();
    hide();
    if (focus)
        focus->setFocus(Qt::OtherFocusReason);
}

void QuickSwitcher::place()
{
    const QWidget *window = parentWidget();
    const int width =
        std::min({window->width() - 2 * edgeMargin, qMax(360, window->width() * 3 / 5), maxWidth});
    const int top = qMax(edgeMargin, window->height() / 10);
    // As many rows as fit (up to visibleRows) under the field in what the window leaves.
    const QMargins margins = layout()->contentsMargins();
    const int chrome = m_field->sizeHint().height() + layout()->spacing() + margins.top() +
                       margins.bottom() + 2 * frameWidth() + 2 * m_list->frameWidth();
    const int rowHeight =
        m_model->rowCount() > 0 ? m_list->sizeHintForRow(0) : fontMetrics().height() + 10;
    const int rows =
        qBound(1, (window->height() - top - edgeMargin - chrome) / rowHeight, visibleRows);
    m_list->setFixedHeight(rows * rowHeight + 2 * m_list->frameWidth());
    setGeometry((window->width() - width) / 2, top, qMax(0, width),
                qMin(chrome + rows * rowHeight, window->height() - top));
}

int QuickSwitcher::selectedRow() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() && m_list->selectionModel()->isSelected(current) ? current.row() : -1;
}

void QuickSwitcher::selectRow(int row)
{
    if (m_model->rowCount() == 0) {
        m_list->selectionModel()->clear();
        return;
    }
    const QModelIndex index = m_model->index(qBound(0, row, m_model->rowCount() - 1));
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_list->scrollTo(index);
}

void QuickSwitcher::choose(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QuickSwitcherModel::Entry entry = m_model->entry(row); // a copy: dismissing may rebuild
    dismiss();
    if (entry.person)
        emit personChosen(entry.id, entry.title);
    else
        emit conversationChosen(entry.kind, entry.id);
}

bool QuickSwitcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible()) {
        place();
    } else if (watched == m_field) {
        if (event->type() == QEvent::ShortcutOverride &&
            isNavigationKey(static_cast<QKeyEvent *>(event)->key())) {
            event->accept(); // these keys are the switcher's while it is open
            return true;
        }
        if (event->type() == QEvent::KeyPress) {
            const int row = selectedRow();
            switch (static_cast<QKeyEvent *>(event)->key()) {
            case Qt::Key_Up:
                selectRow(row - 1);
                return true;
            case Qt::Key_Down:
                selectRow(row + 1);
                return true;
            case Qt::Key_PageUp:
                selectRow(row - visibleRows);
                return true;
            case Qt::Key_PageDown:
                selectRow(row + visibleRows);
                return true;
            case Qt::Key_Return:
            case Qt::Key_Enter:
                choose(row);
                return true;
            case Qt::Key_Escape:
                dismiss();
                return true;
            default:
                break;
            }
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace chat::client
