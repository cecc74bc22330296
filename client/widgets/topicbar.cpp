#include "topicbar.h"

#include "plaintooltip.h"
#include "textrules.h"
#include "theme.h"
#include "validation.h"

#include <QApplication>
#include <QFocusEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QShortcut>
#include <QStyleOptionFocusRect>
#include <QStylePainter>
#include <QToolButton>

namespace chat::client {

namespace {
constexpr int counterFromPercent = 80; // the length shows from 80% of the limit on
constexpr int textMargin = 2;

int codePoints(const QString &text)
{
    return int(text.toUcs4().size());
}
} // namespace

// One line of text, elided to the width it is given (a QLabel grows to hold all of it instead).
class ElidedText : public QWidget
{
public:
    using QWidget::QWidget;

    void setText(const QString &text, bool placeholder)
    {
        m_text = text;
        m_placeholder = placeholder;
        updateGeometry();
        update();
    }
    QString text() const { return m_text; }

    QSize sizeHint() const override
    {
        return {fontMetrics().horizontalAdvance(m_text) + 2 * textMargin,
                fontMetrics().height() + 2 * textMargin};
    }
    QSize minimumSizeHint() const override
    {
        return {fontMetrics().horizontalAdvance(QStringLiteral("xxxx…")),
                fontMetrics().height() + 2 * textMargin};
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QStylePainter painter(this);
        const QRect area = rect().adjusted(textMargin, textMargin, -textMargin, -textMargin);
        QFont font = this->font();
        font.setItalic(m_placeholder);
        painter.setFont(font);
        painter.setPen(
            palette().color(m_placeholder ? QPalette::PlaceholderText : QPalette::WindowText));
        const QString elided = QFontMetrics(font).elidedText(m_text, Qt::ElideRight, area.width());
        painter.drawText(area,
                         int(QStyle::visualAlignment(layoutDirection(), Qt::AlignLeft)) |
                             Qt::AlignVCenter | Qt::TextSingleLine,
                         m_placeholder ? elided : textrules::isolate(elided));
        if (hasFocus()) {
            QStyleOptionFocusRect focus;
            focus.initFrom(this);
            focus.backgroundColor = palette().color(QPalette::Window);
            painter.drawPrimitive(QStyle::PE_FrameFocusRect, focus);
        }
    }

private:
    QString m_text;
    bool m_placeholder = false;
};

TopicBar::TopicBar(QWidget *parent)
    : QWidget(parent), m_title(new QLabel), m_topicText(new ElidedText),
      m_editButton(new QToolButton), m_editor(new QLineEdit), m_counter(new QLabel)
{
    setAccessibleName(tr("Conversation and topic"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setAccessibleName(tr("Conversation"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_topicText->installEventFilter(this);
    m_editButton->setText(QStringLiteral("✎"));
    m_editButton->setAutoRaise(true);
    // Hidden in a private conversation, it keeps its place: the bar (and the messages under
    // it) do not move when switching between a room and a person.
    QSizePolicy keep = m_editButton->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_editButton->setSizePolicy(keep);
    m_editButton->setToolTip(tr("Edit the topic (F2)"));
    m_editButton->setAccessibleName(tr("Edit the topic"));
    m_editor->setPlaceholderText(tr("What this room is about"));
    m_editor->setAccessibleName(tr("New topic"));
    m_editor->setToolTip(tr("Enter sets the topic, Escape leaves it as it was"));
    m_editor->installEventFilter(this);
    m_editor->hide();
    m_counter->setAccessibleName(tr("Length of the topic"));
    m_counter->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_title);
    layout->addWidget(m_topicText, 1);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_counter);
    layout->addWidget(m_editButton);

    auto *edit = new QShortcut(QKeySequence(Qt::Key_F2), this);
    edit->setContext(Qt::WidgetWithChildrenShortcut); // the message view has its own F2
    connect(edit, &QShortcut::activated, this, &TopicBar::startEditing);
    connect(m_editButton, &QToolButton::clicked, this, &TopicBar::startEditing);
    connect(m_editor, &QLineEdit::textChanged, this, &TopicBar::updateCounter);
    showTopic();
}

QWidget *TopicBar::topicLabel() const
{
    return m_topicText;
}

QString TopicBar::shownTopic() const
{
    return m_topicText->text();
}

void TopicBar::setConversation(const QString &title, const QString &topic, bool editable)
{
    cancelEditing();
    m_title->setText(textrules::isolate(title));
    m_title->setVisible(!title.isEmpty());
    m_topic = topic;
    m_editable = editable;
    showTopic();
}

void TopicBar::setMaxLength(int codePoints)
{
    m_maxLength = qMax(1, codePoints);
    updateCounter();
}

void TopicBar::showTopic()
{
    const bool empty = m_topic.isEmpty();
    m_topicText->setText(empty && m_editable ? tr("No topic — click to set one") : m_topic, empty);
    m_topicText->setVisible(!empty || m_editable);
    m_topicText->setToolTip(plainToolTip(m_topic));
    m_topicText->setAccessibleName(empty ? tr("No topic") : tr("Topic: %1").arg(m_topic));
    m_topicText->setFocusPolicy(m_editable ? Qt::StrongFocus : Qt::NoFocus);
    if (m_editable)
        m_topicText->setCursor(Qt::PointingHandCursor);
    else
        m_topicText->unsetCursor();
    m_editButton->setVisible(m_editable);
}

bool TopicBar::isEditing() const
{
    return !m_editor->isHidden();
}

void TopicBar::startEditing()
{
    if (!m_editable || isEditing())
        return;
    m_editor->setText(m_topic);
    m_editor->selectAll();
    m_topicText->hide();
    m_editButton->hide();
    m_editor->show();
    updateCounter();
    m_editor->setFocus(Qt::ShortcutFocusReason);
}

void TopicBar::cancelEditing()
{
    if (!isEditing())
        return;
    const bool hadFocus = m_editor->hasFocus();
    m_editor->hide();
    m_counter->hide();
    showTopic();
    if (hadFocus && m_editable)
        m_topicText->setFocus(Qt::OtherFocusReason);
}

void TopicBar::finishEditing()
{
    // A pasted tab or line break would be refused by the server (no control characters).
    QString topic;
    for (const QChar c : m_editor->text())
        topic += c.category() == QChar::Other_Control ? QChar(QLatin1Char(' ')) : c;
    topic = topic.trimmed();
    if (validation::checkTopic(topic, m_maxLength)) {
        QApplication::beep(); // too long: the counter says by how much
        return;
    }
    cancelEditing();
    if (topic != m_topic)
        emit topicEdited(topic);
}

void TopicBar::updateCounter()
{
    const int length = codePoints(m_editor->text());
    const bool near = isEditing() && length * 100 >= m_maxLength * counterFromPercent;
    m_counter->setVisible(near);
    if (!near)
        return;
    m_counter->setText(tr("%1/%2").arg(length).arg(m_maxLength));
    QPalette palette = m_counter->palette();
    palette.setColor(QPalette::WindowText, length > m_maxLength
                                               ? colors::error
                                               : this->palette().color(QPalette::PlaceholderText));
    m_counter->setPalette(palette);
    m_counter->setToolTip(length > m_maxLength
                              ? tr("%n character(s) too many", nullptr, length - m_maxLength)
                              : tr("%n character(s) left", nullptr, m_maxLength - length));
}

bool TopicBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_topicText) {
        if (event->type() == QEvent::MouseButtonRelease &&
            static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
            startEditing();
            return m_editable;
        }
        if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Space) {
                startEditing();
                return m_editable;
            }
        }
    } else if (watched == m_editor) {
        const auto isOurs = [](QEvent *e) {
            const int key = static_cast<QKeyEvent *>(e)->key();
            return key == Qt::Key_Escape || key == Qt::Key_Return || key == Qt::Key_Enter;
        };
        if (event->type() == QEvent::ShortcutOverride && isOurs(event)) {
            event->accept(); // Escape and Enter are the field's, whatever the window binds
            return true;
        }
        if (event->type() == QEvent::KeyPress && isOurs(event)) {
            if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape)
                cancelEditing();
            else
                finishEditing();
            return true;
        }
        // Clicking elsewhere leaves an unchanged topic as it was (a changed one stays open).
        if (event->type() == QEvent::FocusOut &&
            static_cast<QFocusEvent *>(event)->reason() != Qt::PopupFocusReason &&
            m_editor->text() == m_topic)
            cancelEditing();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace chat::client
