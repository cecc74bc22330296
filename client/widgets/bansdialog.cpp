#include "bansdialog.h"

#include "moderation.h"
#include "textrules.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <array>
#include <memory>

namespace chat::client {

BansDialog::BansDialog(Moderation *moderation, QWidget *parent)
    : QDialog(parent), m_moderation(moderation), m_list(new QTreeWidget),
      m_unban(new QPushButton(tr("&Unban"))), m_refresh(new QPushButton(tr("&Refresh"))),
      m_status(new QLabel)
{
    setWindowTitle(tr("Bans"));
    m_list->setHeaderLabels({tr("Name"), tr("Until"), tr("By"), tr("Reason")});
    m_list->setRootIsDecorated(false);
    m_list->setAccessibleName(tr("Bans on the server"));
    m_list->header()->setStretchLastSection(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("State of the list"));
    m_unban->setEnabled(false);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_unban);
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(560, 320);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, this, &BansDialog::refresh);
    connect(m_unban, &QPushButton::clicked, this, &BansDialog::unbanSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_unban->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(moderation, &Moderation::bansListed, this, &BansDialog::setBans);
    connect(moderation, &Moderation::requestFailed, this, &BansDialog::setError);
}

QString BansDialog::untilText(const std::optional<qint64> &until)
{
    if (!until)
        return tr("until unbanned");
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*until).toLocalTime(),
                              QLocale::ShortFormat);
}

void BansDialog::refresh()
{
    m_status->setText(tr("Loading…"));
    m_moderation->listBans();
}

void BansDialog::setBans(const QList<BanInfo> &bans)
{
    m_list->clear();
    for (const auto &ban : bans) {
        auto *item =
            new QTreeWidgetItem(m_list, {ban.name, untilText(ban.until), ban.by, ban.reason});
        item->setData(0, Qt::UserRole, ban.name);
    }
    m_status->setText(bans.isEmpty() ? tr("Nobody is banned.")
                                     : tr("%n ban(s)", nullptr, int(bans.size())));
}

void BansDialog::setError(const QString &message)
{
    m_status->setText(message);
}

void BansDialog::unbanSelected()
{
    const auto selected = m_list->selectedItems();
    if (selected.isEmpty())
        return;
    const QString name = selected.first()->data(0, Qt::UserRole).toString();
    m_status->setText(tr("Unbanning %1…").arg(textrules::isolate(name)));
    // The list is read again once the server has lifted it; a failure says why (setError).
    auto answered = std::make_shared<std::array<QMetaObject::Connection, 2>>();
    const auto finish = [this, answered](bool lifted) {
        for (const auto &connection : *answered)
            disconnect(connection);
        if (lifted)
            refresh();
    };
    (*answered)[0] =
        connect(m_moderation, &Moderation::succeeded, this, [finish] { finish(true); });
    (*answered)[1] =
        connect(m_moderation, &Moderation::requestFailed, this, [finish] { finish(false); });
    m_moderation->unban(name);
}

} // namespace chat::client
