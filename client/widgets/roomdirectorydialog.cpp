#include "roomdirectorydialog.h"

#include "plaintooltip.h"
#include "roomdirectorymodel.h"
#include "textrules.h"
#include "theme.h"
#include "validation.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace chat::client {

namespace {
// Topics and names in the tooltips are shown as written, never as HTML.
class DirectoryDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override
    {
        return showPlainToolTip(event, view, option.rect, index) ||
               QStyledItemDelegate::helpEvent(event, view, option, index);
    }
};

// A character that cannot be seen alone (a control or format character, a combining mark…).
bool isInvisible(char32_t ucs)
{
    switch (QChar::category(ucs)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return true;
    default:
        return false;
    }
}
} // namespace

RoomDirectoryDialog::RoomDirectoryDialog(QWidget *parent)
    : QDialog(parent), m_model(new RoomDirectoryModel(this)),
      m_filtered(new QSortFilterProxyModel(this)), m_filter(new QLineEdit), m_view(new QTreeView),
      m_choose(new QPushButton), m_refresh(new QPushButton(tr("&Refresh"))), m_problem(new QLabel),
      m_status(new QLabel)
{
    setWindowTitle(tr("Join or create a room"));
    // The model keeps the busiest first; the proxy only filters, over names and topics.
    m_filtered->setSourceModel(m_model);
    m_filtered->setFilterRole(RoomDirectoryModel::SearchTextRole);
    m_filtered->setFilterKeyColumn(RoomDirectoryModel::NameColumn);
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setPlaceholderText(tr("Filter, or the name of a new room"));
    m_filter->setAccessibleName(tr("Filter rooms, or the name of a new room"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_view->setModel(m_filtered);
    m_view->installEventFilter(this);
    m_view->setItemDelegate(new DirectoryDelegate(m_view));
    m_view->setAccessibleName(tr("Rooms on the server"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionsClickable(false); // the order is the busiest first
    m_view->header()->setSectionResizeMode(RoomDirectoryModel::NameColumn,
                                           QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(RoomDirectoryModel::MembersColumn,
                                           QHeaderView::ResizeToContents);
    m_refresh->setAccessibleName(tr("Refresh the list of rooms"));
    m_choose->setDefault(true);
    m_problem->setAccessibleName(tr("Why no room can be chosen"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    m_problem->hide();
    m_status->setAccessibleName(tr("State of the list"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->addButton(m_choose, QDialogButtonBox::AcceptRole);
    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_filter, &QLineEdit::textChanged, this, &RoomDirectoryDialog::filterChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RoomDirectoryDialog::updateChoice);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!index.isValid())
            return;
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        choose();
    });
    connect(m_choose, &QPushButton::clicked, this, &RoomDirectoryDialog::choose);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, this, &RoomDirectoryDialog::refreshRequested);

    const int x = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    // Wide enough for a topic of a sentence beside the name and the member count.
    resize(qMax(640, 95 * x), qMax(400, 28 * fontMetrics().height()));
    updateChoice();
}

QString RoomDirectoryDialog::roomNameProblem(const QString &text)
{
    QString name = text;
    if (!validation::normalizeRoomName(name) || name.isEmpty())
        return {};
    const QList<uint> codePoints = name.toUcs4();
    for (const uint code : codePoints) {
        // Each character checked alone by the protocol's own rule.
        const char32_t ucs = code;
        QString single = QString::fromUcs4(&ucs, 1);
        if (!validation::normalizeRoomName(single))
            continue;
        if (QChar::isSpace(ucs))
            return tr("A room name has no spaces: letters, digits, “-”, “_” and “.” only.");
        if (isInvisible(ucs)) {
            return tr("The invisible character %1 cannot be in a room name: letters, digits, "
                      "“-”, “_” and “.” only.")
                .arg(QStringLiteral("U+%1").arg(uint(ucs), 4, 16, QLatin1Char('0')).toUpper());
        }
        return tr("“%1” cannot be in a room name: letters, digits, “-”, “_” and “.” only.")
            .arg(textrules::isolate(single));
    }
    return tr("A room name has at most %1 characters; this one has %2.")
        .arg(protocol::maxRoomNameCodePoints)
        .arg(codePoints.size());
}

void RoomDirectoryDialog::setRooms(const QList<codec::rooms::RoomInfo> &rooms)
{
    const QString selected = selectedRoom();
    m_model->setRooms(rooms);
    m_loading = false;
    m_error.clear();
    updateStatus();
    filterChanged();
    if (selectedRoom().isEmpty() && !selected.isEmpty())
        selectRoom(selected); // the room the user had picked stays picked after a refresh
}

void RoomDirectoryDialog::setLoading(bool loading)
{
    m_loading = loading;
    if (loading)
        m_error.clear();
    updateStatus();
}

void RoomDirectoryDialog::setError(const QString &message)
{
    m_loading = false;
    m_error = message;
    updateStatus();
}

void RoomDirectoryDialog::setJoinedRooms(const QStringList &names)
{
    m_model->setJoinedRooms(names);
    updateChoice();
}

void RoomDirectoryDialog::updateStatus()
{
    const QString text = m_loading ? tr("Loading the server's rooms…") : m_error;
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     m_loading ? this->palette().color(QPalette::PlaceholderText) : colors::error);
    m_status->setPalette(palette);
    m_refresh->setEnabled(!m_loading);
}

void RoomDirectoryDialog::filterChanged()
{
    m_filtered->setFilterFixedString(m_filter->text().trimmed());
    // A listed room typed in full is picked; anything else picks nothing, so that the button
    // offers to create what was typed.
    QString name = m_filter->text();
    if (!validation::normalizeRoomName(name) && m_model->rowOf(name) >= 0) {
        selectRoom(name);
    } else {
        m_view->selectionModel()->clearSelection();
        m_view->selectionModel()->clearCurrentIndex();
    }
    updateChoice();
}

void RoomDirectoryDialog::selectRoom(const QString &name)
{
    const int row = m_model->rowOf(name);
    const QModelIndex index = m_filtered->mapFromSource(m_model->index(row, 0));
    if (row < 0 || !index.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

QString RoomDirectoryDialog::selectedRoom() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(RoomDirectoryModel::NameRole).toString();
}

QString RoomDirectoryDialog::choice() const
{
    if (const QString selected = selectedRoom(); !selected.isEmpty())
        return selected;
    QString name = m_filter->text();
    if (validation::normalizeRoomName(name))
        return {};
    const int row = m_model->rowOf(name); // as the server spells it
    return row < 0 ? name : m_model->index(row, 0).data(RoomDirectoryModel::NameRole).toString();
}

void RoomDirectoryDialog::updateChoice()
{
    const QString name = choice();
    const bool listed = !selectedRoom().isEmpty() || m_model->rowOf(name) >= 0;
    QString problem;
    if (name.isEmpty()) {
        m_choose->setText(tr("Join"));
        problem = roomNameProblem(m_filter->text());
    } else if (m_model->isJoined(name)) {
        m_choose->setText(tr("Open “%1”").arg(textrules::isolate(name)));
    } else if (listed) {
        m_choose->setText(tr("Join “%1”").arg(textrules::isolate(name)));
    } else {
        m_choose->setText(tr("Create room “%1”").arg(textrules::isolate(name)));
    }
    m_choose->setEnabled(!name.isEmpty());
    m_choose->setToolTip(problem);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void RoomDirectoryDialog::choose()
{
    const QString name = choice();
    if (name.isEmpty())
        return;
    emit roomChosen(name);
    accept();
}

void RoomDirectoryDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_filter->setFocus(Qt::OtherFocusReason);
    m_filter->selectAll();
}

bool RoomDirectoryDialog::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_filter || watched == m_view) && event->type() == QEvent::KeyPress) {
        switch (static_cast<QKeyEvent *>(event)->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            if (watched == m_view)
                break;
            QCoreApplication::sendEvent(m_view, event); // the list moves; typing goes on here
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            choose();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace chat::client
