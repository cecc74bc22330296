#include "findbar.h"

#include "messagedelegate.h"
#include "messagelistmodel.h"
#include "messageview.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace chat::client {

FindBar::FindBar(MessageView *view, QWidget *parent)
    : QWidget(parent), m_view(view), m_field(new QLineEdit), m_result(new QLabel),
      m_previous(new QToolButton), m_next(new QToolButton)
{
    m_field->setPlaceholderText(tr("Find in the conversation"));
    m_field->setAccessibleName(tr("Find in the conversation"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Older match (Enter)"));
    m_previous->setAccessibleName(tr("Older match"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Newer match (Shift+Enter)"));
    m_next->setAccessibleName(tr("Newer match"));
    auto *closeButton = new QToolButton;
    closeButton->setText(QStringLiteral("✕"));
    closeButton->setToolTip(tr("Close (Escape)"));
    closeButton->setAccessibleName(tr("Close the search"));
    m_result->setAccessibleName(tr("Matches"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_result);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(closeButton);

    connect(m_field, &QLineEdit::textChanged, this, [this] {
        m_stale = true;
        search();
        if (!m_matches.isEmpty())
            showCurrent();
    });
    connect(m_previous, &QToolButton::clicked, this, [this] { step(true); });
    connect(m_next, &QToolButton::clicked, this, [this] { step(false); });
    connect(closeButton, &QToolButton::clicked, this, &FindBar::close);
    watchModel();
    hide();
}

void FindBar::watchModel()
{
    // The view shows another model per conversation: the one searched is the one watched.
    QAbstractItemModel *model = m_view->model();
    if (model == m_watched)
        return;
    for (const QMetaObject::Connection &connection : std::exchange(m_watching, {}))
        disconnect(connection);
    m_watched = model;
    if (!model)
        return;
    const auto changed = [this] {
        m_stale = true;
    };
    m_watching = {
        connect(model, &QAbstractItemModel::rowsInserted, this, changed),
        connect(model, &QAbstractItemModel::rowsMoved, this, changed),
        connect(model, &QAbstractItemModel::modelReset, this, changed),
        // A deleted message leaves the matches at once: the count shown stays true.
        connect(model, &QAbstractItemModel::rowsRemoved, this,
                [this] {
                    m_stale = true;
                    if (isVisible() && !m_field->text().isEmpty())
                        searchAgain();
                }),
    };
}

void FindBar::searchAgain()
{
    const QPersistentModelIndex was =
        m_current >= 0 ? m_matches.value(m_current) : QPersistentModelIndex();
    const int wasAt = m_current;
    search();
    if (m_matches.isEmpty())
        return;
    const int again = was.isValid() ? int(m_matches.indexOf(was)) : -1;
    // The match shown went: the one that took its place in the list (or the newest).
    if (again >= 0)
        m_current = again;
    else if (wasAt >= 0)
        m_current = qBound(0, wasAt, int(m_matches.size()) - 1);
    m_result->setText(tr("%1 of %2").arg(m_current + 1).arg(m_matches.size()));
}

void FindBar::activate()
{
    show();
    m_field->setFocus();
    m_field->selectAll();
    m_stale = true;
    search();
}

void FindBar::close()
{
    hide();
    m_matches.clear();
    m_current = -1;
    m_view->messageDelegate()->setHighlight({});
    emit closed();
}

void FindBar::search()
{
    const QString term = m_field->text();
    watchModel();
    m_view->messageDelegate()->setHighlight(term.size() >= 1 ? term : QString());
    m_matches.clear();
    m_current = -1;
    QAbstractItemModel *model = m_view->model();
    if (!term.isEmpty() && model) {
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            const auto kind =
                index.data(MessageListModel::KindRole).value<MessageListModel::Kind>();
            if (kind != MessageListModel::Kind::Chat && kind != MessageListModel::Kind::Own)
                continue;
            if (index.data(MessageListModel::TextRole)
                    .toString()
                    .contains(term, Qt::CaseInsensitive) ||
                index.data(MessageListModel::SenderRole)
                    .toString()
                    .contains(term, Qt::CaseInsensitive))
                m_matches << QPersistentModelIndex(index);
        }
        m_current = int(m_matches.size()) - 1; // the newest first, as people look back
    }
    m_stale = false;
    m_result->setText(term.isEmpty() ? QString()
                      : m_matches.isEmpty()
                          ? tr("No matches")
                          : tr("%1 of %2").arg(m_current + 1).arg(m_matches.size()));
    m_previous->setEnabled(m_matches.size() > 1);
    m_next->setEnabled(m_matches.size() > 1);
}

void FindBar::step(bool older)
{
    if (m_stale)
        searchAgain();
    if (m_matches.isEmpty())
        return;
    const int count = int(m_matches.size());
    m_current = (m_current + (older ? -1 : 1) + count) % count;
    m_result->setText(tr("%1 of %2").arg(m_current + 1).arg(count));
    showCurrent();
}

void FindBar::showCurrent()
{
    if (m_current < 0 || m_current >= m_matches.size() || !m_matches[m_current].isValid())
        return;
    const QModelIndex index = m_matches[m_current];
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool shift = key->modifiers() & Qt::ShiftModifier;
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_F3:
            step(!shift); // Enter goes back in time, to older matches
            return true;
        case Qt::Key_Escape:
            close();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace chat::client
