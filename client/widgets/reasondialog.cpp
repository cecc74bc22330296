#include "reasondialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace chat::client {

namespace {
constexpr int hour = 60;
constexpr int day = 24 * hour;
constexpr int week = 7 * day;
} // namespace

ReasonDialog::ReasonDialog(const QString &title, const QString &prompt, const QString &acceptText,
                           bool withDuration, QWidget *parent)
    : QDialog(parent), m_prompt(new QLabel(prompt)), m_reason(new QLineEdit),
      m_duration(withDuration ? new QComboBox : nullptr),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(title);
    m_prompt->setTextFormat(Qt::PlainText);
    m_prompt->setWordWrap(true);
    m_reason->setAccessibleName(tr("Reason"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(acceptText);

    auto *form = new QFormLayout;
    form->addRow(tr("&Reason:"), m_reason);
    if (m_duration) {
        m_duration->addItem(tr("1 hour"), hour);
        m_duration->addItem(tr("1 day"), day);
        m_duration->addItem(tr("1 week"), week);
        m_duration->addItem(tr("Permanent (until unbanned)"), 0);
        m_duration->setCurrentIndex(1);
        m_duration->setAccessibleName(tr("Duration of the ban"));
        form->addRow(tr("&Duration:"), m_duration);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_prompt);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ReasonDialog::setReasonHint(const QString &hint)
{
    m_reason->setPlaceholderText(hint);
}

void ReasonDialog::setMaxReasonLength(int length)
{
    m_reason->setMaxLength(length);
}

QString ReasonDialog::reason() const
{
    return m_reason->text().trimmed();
}

int ReasonDialog::minutes() const
{
    return m_duration ? m_duration->currentData().toInt() : 0;
}

} // namespace chat::client
