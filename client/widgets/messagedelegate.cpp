#include "messagedelegate.h"

#include "messagelistmodel.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextOption>

namespace chat::client {

namespace {
constexpr int hMargin = 10;
constexpr int vMargin = 4;

using Kind = MessageListModel::Kind;
using Delivery = MessageListModel::Delivery;

QString colorName(const QColor &color)
{
    return color.name(QColor::HexArgb);
}
} // namespace

MessageDelegate::MessageDelegate(QAbstractItemView *view) : QStyledItemDelegate(view), m_view(view)
{
    view->viewport()->setMouseTracking(true); // the pointing hand over links
}

void MessageDelegate::watch(QAbstractItemModel *model)
{
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &first, const QModelIndex &last) {
                for (int row = first.row(); row <= last.row(); ++row)
                    m_sizes.remove(row);
            });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { m_sizes.clear(); });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { m_sizes.clear(); });
}

int MessageDelegate::textWidth() const
{
    return qMax(120, m_view->viewport()->width() - 2 * hMargin);
}

void MessageDelegate::layout(QTextDocument &document, const QModelIndex &index,
                             const QPalette &palette, int width) const
{
    const auto kind = index.data(MessageListModel::KindRole).value<Kind>();
    const auto delivery = index.data(MessageListModel::DeliveryRole).value<Delivery>();
    const QString dim = colorName(palette.color(QPalette::PlaceholderText));
    const QString link = colorName(palette.color(QPalette::Link));
    document.setDocumentMargin(0);
    document.setDefaultFont(m_view->font());
    document.setDefaultStyleSheet(QStringLiteral("a { color: %1; }").arg(link));
    QTextOption option = document.defaultTextOption();
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // a 4,000-byte URL wraps too
    document.setDefaultTextOption(option);
    document.setTextWidth(width);

    QString html;
    switch (kind) {
    case Kind::DaySeparator:
        html = QStringLiteral("<p align=\"center\" style=\"color:%1\"><b>— %2 —</b></p>")
                   .arg(dim, index.data(Qt::DisplayRole).toString().toHtmlEscaped());
        break;
    case Kind::Joined:
    case Kind::Left:
    case Kind::Notice:
        html = QStringLiteral("<i style=\"color:%1\">%2</i>")
                   .arg(dim, index.data(Qt::DisplayRole).toString().toHtmlEscaped());
        break;
    case Kind::Chat:
    case Kind::Own: {
        const QString sender = index.data(MessageListModel::SenderRole).toString().toHtmlEscaped();
        const QString time = index.data(MessageListModel::TimeTextRole).toString();
        html = QStringLiteral("<b>%1</b>&nbsp;&nbsp;<span style=\"color:%2\">%3</span><br>%4")
                   .arg(sender, dim, time, index.data(MessageListModel::HtmlRole).toString());
        if (delivery == Delivery::Pending) {
            html += QStringLiteral("<br><i style=\"color:%1\">%2</i>")
                        .arg(dim, MessageDelegate::tr("Sending…"));
        } else if (delivery == Delivery::Failed) {
            html += QStringLiteral("<br><span style=\"color:#d03030\">%1</span>")
                        .arg(MessageDelegate::tr("Not delivered: %1")
                                 .arg(index.data(MessageListModel::FailureRole).toString())
                                 .toHtmlEscaped());
        }
        break;
    }
    }
    document.setHtml(html);
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = textWidth();
    const auto cached = m_sizes.constFind(index.row());
    if (cached != m_sizes.cend() && cached->width == width)
        return cached->size;
    QTextDocument document;
    layout(document, index, option.palette, width);
    const QSize size(width + 2 * hMargin, int(std::ceil(document.size().height())) + 2 * vMargin);
    m_sizes.insert(index.row(), {width, size});
    return size;
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const auto kind = index.data(MessageListModel::KindRole).value<Kind>();
    const bool mention = index.data(MessageListModel::MentionRole).toBool();
    const QPalette &palette = option.palette;
    painter->save();
    QColor background;
    if (option.state & QStyle::State_Selected) {
        background = palette.color(QPalette::Highlight);
        background.setAlpha(90);
    } else if (mention) {
        background = QColor(0xf0, 0xb0, 0x20, 70); // amber: readable in light and dark
    } else if (kind == Kind::Own) {
        background = palette.color(QPalette::Highlight);
        background.setAlpha(35);
    }
    if (background.isValid())
        painter->fillRect(option.rect, background);
    if (mention) // and a bar, so it does not rest on colour alone
        painter->fillRect(QRect(option.rect.topLeft(), QSize(3, option.rect.height())),
                          QColor(0xe0, 0x90, 0x00));
    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        QApplication::style()->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, m_view);
    }

    QTextDocument document;
    layout(document, index, palette, textWidth());
    painter->translate(option.rect.left() + hMargin, option.rect.top() + vMargin);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = palette;
    context.palette.setColor(QPalette::Text, palette.color(QPalette::Text));
    document.documentLayout()->draw(painter, context);
    painter->restore();
}

QUrl MessageDelegate::linkAt(const QModelIndex &index, const QPoint &pos) const
{
    const QRect rect = m_view->visualRect(index);
    QTextDocument document;
    layout(document, index, m_view->palette(), textWidth());
    const QPointF inDocument = pos - rect.topLeft() - QPoint(hMargin, vMargin);
    const QString anchor = document.documentLayout()->anchorAt(inDocument);
    return anchor.isEmpty() ? QUrl() : QUrl(anchor, QUrl::StrictMode);
}

QWidget *MessageDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                       const QModelIndex &) const
{
    auto *viewer = new QTextBrowser(parent);
    viewer->setObjectName(QStringLiteral("messageText"));
    viewer->setAccessibleName(tr("Message text, selectable"));
    viewer->setFrameShape(QFrame::NoFrame);
    viewer->setReadOnly(true);
    viewer->setOpenLinks(false); // links go through the window's safe opener
    viewer->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewer->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewer->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard |
                                    Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(viewer, &QTextBrowser::anchorClicked, this, &MessageDelegate::linkActivated);
    return viewer;
}

void MessageDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *viewer = static_cast<QTextBrowser *>(editor);
    layout(*viewer->document(), index, m_view->palette(), textWidth());
    viewer->document()->setDocumentMargin(0);
}

void MessageDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                           const QModelIndex &) const
{
    editor->setGeometry(option.rect.adjusted(hMargin, vMargin, -hMargin + 2, -vMargin));
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseMove || event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const QUrl url = linkAt(index, mouse->position().toPoint());
        m_view->viewport()->setCursor(url.isEmpty() ? Qt::ArrowCursor : Qt::PointingHandCursor);
        if (!url.isEmpty() && event->type() == QEvent::MouseButtonRelease &&
            mouse->button() == Qt::LeftButton) {
            emit linkActivated(url);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace chat::client
