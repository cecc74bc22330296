#include "messagedelegate.h"

#include "messagelistmodel.h"
#include "sendercolors.h"
#include "textrules.h"
#include "theme.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QTextBrowser>
#include <QTextOption>

namespace chat::client {

namespace {
constexpr int hMargin = 10;
constexpr int vMargin = 4;
constexpr int groupedMargin = 1; // above and below a line that continues a group
constexpr int avatarGap = 8;
constexpr int documentCacheLines = 80; // about two screens of lines (a laid-out line is ~20 KB)

using Kind = MessageListModel::Kind;
using Delivery = MessageListModel::Delivery;

QString colorName(const QColor &color)
{
    return color.name(QColor::HexArgb);
}

bool isMessage(Kind kind)
{
    return kind == Kind::Chat || kind == Kind::Own;
}
} // namespace

MessageDelegate::MessageDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view), m_view(view), m_documents(documentCacheLines)
{
    view->viewport()->setMouseTracking(true); // the pointing hand over links
}

void MessageDelegate::watch(QAbstractItemModel *model)
{
    if (m_sizes.count(model))
        return; // watched since it was first shown: its sizes are in step
    // Connected before the view's own handlers: the sizes are in step when it asks for them.
    m_sizes[model].assign(model->rowCount(), {});
    connect(model, &QObject::destroyed, this, [this, model] { m_sizes.erase(model); });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this, model](const QModelIndex &first, const QModelIndex &last) {
                for (int row = first.row(); row <= last.row(); ++row)
                    m_documents.remove(
                        model->index(row, 0).data(MessageListModel::SerialRole).toULongLong());
                forgetRows(model, first.row(), last.row());
            });
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this, model](const QModelIndex &, int first, int last) {
                auto &sizes = m_sizes[model];
                sizes.insert(sizes.begin() + first, last - first + 1, Measured{});
            });
    connect(model, &QAbstractItemModel::rowsRemoved, this,
            [this, model](const QModelIndex &, int first, int last) {
                auto &sizes = m_sizes[model];
                sizes.erase(sizes.begin() + first, sizes.begin() + last + 1);
            });
    connect(
        model, &QAbstractItemModel::rowsMoved, this,
        [this, model](const QModelIndex &, int first, int last, const QModelIndex &, int before) {
            auto &sizes = m_sizes[model];
            std::vector<Measured> moved(sizes.begin() + first, sizes.begin() + last + 1);
            sizes.erase(sizes.begin() + first, sizes.begin() + last + 1);
            const int to = before > last ? before - int(moved.size()) : before;
            sizes.insert(sizes.begin() + to, moved.begin(), moved.end());
        });
    const auto all = [this, model] {
        m_sizes[model].assign(model->rowCount(), {});
        m_documents.clear();
    };
    connect(model, &QAbstractItemModel::modelReset, this, all);
    connect(model, &QAbstractItemModel::layoutChanged, this, all);
}

void MessageDelegate::forgetRows(const QAbstractItemModel *model, int first, int last)
{
    auto &sizes = m_sizes[model];
    for (int row = qMax(0, first); row <= last && row < int(sizes.size()); ++row)
        sizes[row] = {};
}

void MessageDelegate::invalidate()
{
    for (auto &[model, sizes] : m_sizes)
        std::fill(sizes.begin(), sizes.end(), Measured{});
    m_documents.clear();
}

void MessageDelegate::setHighlight(const QString &term)
{
    if (term == m_highlight)
        return;
    m_highlight = term;
    invalidate();
    m_view->viewport()->update();
}

int MessageDelegate::viewWidth() const
{
    return qMax(160, m_view->viewport()->width());
}

int MessageDelegate::avatarSize() const
{
    return qMin(36, 2 * m_view->fontMetrics().height());
}

MessageDelegate::Geometry MessageDelegate::geometry(const QModelIndex &index) const
{
    Geometry g;
    const auto kind = index.data(MessageListModel::KindRole).value<Kind>();
    const bool continuation = index.data(MessageListModel::ContinuationRole).toBool();
    if (index.data(MessageListModel::UnreadMarkerRole).toBool())
        g.markerHeight = m_view->fontMetrics().height() + 6;
    g.top = g.markerHeight + (continuation ? groupedMargin : 2 * vMargin);
    g.avatar = isMessage(kind) && !continuation;
    g.left = kind == Kind::DaySeparator ? hMargin : hMargin + avatarSize() + avatarGap;
    g.textWidth = qMax(80, viewWidth() - g.left - hMargin);
    return g;
}

QString MessageDelegate::html(const QModelIndex &index, const QPalette &palette) const
{
    const auto kind = index.data(MessageListModel::KindRole).value<Kind>();
    const QString dim = colorName(palette.color(QPalette::PlaceholderText));
    const auto plain = [&index] {
        QString text = index.data(Qt::DisplayRole).toString().toHtmlEscaped();
        return text.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    };
    switch (kind) {
    case Kind::DaySeparator:
        return QStringLiteral("<p align=\"center\" style=\"color:%1\"><b>— %2 —</b></p>")
            .arg(dim, plain());
    case Kind::Presence: {
        const bool expanded = index.data(MessageListModel::ExpandedRole).toBool();
        return QStringLiteral("<i style=\"color:%1\">%2 %3</i>")
            .arg(dim, expanded ? QStringLiteral("▾") : QStringLiteral("▸"), plain());
    }
    case Kind::Joined:
    case Kind::Left:
    case Kind::Notice:
        return QStringLiteral("<i style=\"color:%1\">%2</i>").arg(dim, plain());
    case Kind::Chat:
    case Kind::Own:
        break;
    }
    QString html;
    if (!index.data(MessageListModel::ContinuationRole).toBool()) {
        const QString sender = index.data(MessageListModel::SenderRole).toString();
        html = QStringLiteral("<p><b style=\"color:%1\">%2</b>&nbsp;&nbsp;"
                              "<span style=\"color:%3\">%4</span></p>")
                   .arg(colorName(nameColor(sender, palette.color(QPalette::Base))),
                        textrules::isolate(sender).toHtmlEscaped(), dim,
                        index.data(MessageListModel::TimeTextRole).toString());
    }
    // A paragraph of its own: whatever its direction, it cannot reorder the name above it.
    const QString text = index.data(MessageListModel::TextRole).toString();
    html += QStringLiteral("<p dir=\"%1\">%2</p>")
                .arg(textrules::isRightToLeft(text) ? QStringLiteral("rtl") : QStringLiteral("ltr"),
                     textrules::toHtml(text, m_highlight));
    const auto delivery = index.data(MessageListModel::DeliveryRole).value<Delivery>();
    if (delivery == Delivery::Pending) {
        html += QStringLiteral("<p><i style=\"color:%1\">%2</i></p>")
                    .arg(dim, MessageDelegate::tr("Sending…"));
    } else if (delivery == Delivery::Failed) {
        html += QStringLiteral("<p><span style=\"color:%4\">%1</span> "
                               "&nbsp;<a href=\"%2\">%3</a></p>")
                    .arg(MessageDelegate::tr("Not delivered: %1")
                             .arg(textrules::isolate(
                                 index.data(MessageListModel::FailureRole).toString()))
                             .toHtmlEscaped(),
                         retryHref(), MessageDelegate::tr("Retry"), colorName(colors::error));
    }
    return html;
}

QString MessageDelegate::lineHtml(const QModelIndex &index) const
{
    return html(index, m_view->palette());
}

void MessageDelegate::layout(QTextDocument &document, const QModelIndex &index,
                             const QPalette &palette, int width) const
{
    document.setDocumentMargin(0);
    document.setDefaultFont(m_view->font());
    document.setDefaultStyleSheet(QStringLiteral("a { color: %1; } p { margin: 0; }")
                                      .arg(colorName(palette.color(QPalette::Link))));
    QTextOption option = document.defaultTextOption();
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // a 4,000-byte URL wraps too
    document.setDefaultTextOption(option);
    document.setTextWidth(width);
    document.setHtml(html(index, palette));
}

const QTextDocument &MessageDelegate::document(const QModelIndex &index, const QPalette &palette,
                                               int width) const
{
    const quint64 serial = index.data(MessageListModel::SerialRole).toULongLong();
    if (Laidout *cached = m_documents.object(serial); cached && cached->width == width)
        return cached->document;
    auto *laidout = new Laidout;
    laidout->width = width;
    layout(laidout->document, index, palette, width);
    m_documents.insert(serial, laidout);
    return laidout->document;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = viewWidth();
    const auto row = size_t(index.row());
    auto &sizes = m_sizes[index.model()];
    if (row < sizes.size() && sizes[row].width == width)
        return sizes[row].size;
    const Geometry g = geometry(index);
    const QTextDocument &laidout = document(index, option.palette, g.textWidth);
    int height = g.top + int(std::ceil(laidout.size().height()));
    if (g.avatar)
        height = qMax(height, g.markerHeight + 2 * vMargin + avatarSize());
    height += groupedMargin; // the space between groups is above their first lines
    const QSize size(width, height);
    if (row < sizes.size())
        sizes[row] = {width, size};
    return size;
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const auto kind = index.data(MessageListModel::KindRole).value<Kind>();
    const bool mention = index.data(MessageListModel::MentionRole).toBool();
    const QPalette &palette = option.palette;
    const Geometry g = geometry(index);
    const QRect line = option.rect.adjusted(0, g.markerHeight, 0, 0);
    painter->save();
    if (g.markerHeight > 0) { // "New messages": a red rule with its label at the right
        const QRect band(option.rect.topLeft(), QSize(option.rect.width(), g.markerHeight));
        QFont font = painter->font();
        font.setBold(true);
        painter->setFont(font);
        const QString label = tr("New messages");
        const int labelWidth = painter->fontMetrics().horizontalAdvance(label) + 2 * hMargin;
        painter->fillRect(
            QRect(band.left() + hMargin, band.center().y(), band.width() - labelWidth - hMargin, 2),
            colors::newMessages);
        painter->setPen(colors::newMessages);
        painter->drawText(band.adjusted(0, 0, -hMargin, 0), Qt::AlignRight | Qt::AlignVCenter,
                          label);
        painter->setFont(option.font);
    }
    QColor background;
    if (option.state & QStyle::State_Selected) {
        background = palette.color(QPalette::Highlight);
        background.setAlpha(90);
    } else if (mention) {
        background = colors::mentionBackground;
    } else if (kind == Kind::Own) {
        background = palette.color(QPalette::Highlight);
        background.setAlpha(35);
    }
    if (background.isValid())
        painter->fillRect(line, background);
    if (mention) // and a bar, so it does not rest on colour alone
        painter->fillRect(QRect(line.topLeft(), QSize(3, line.height())), colors::mentionBar);
    if ((option.state & QStyle::State_HasFocus) && m_view->hasFocus()) {
        // A clear frame: the keyboard's place must be visible at a glance.
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(line.adjusted(1, 1, -1, -1));
    }
    if (g.avatar) {
        paintAvatar(
            painter,
            QRect(line.left() + hMargin, line.top() + 2 * vMargin, avatarSize(), avatarSize()),
            index.data(MessageListModel::SenderRole).toString());
    }
    const QTextDocument &laidout = document(index, palette, g.textWidth);
    painter->translate(option.rect.left() + g.left, option.rect.top() + g.top);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = palette;
    laidout.documentLayout()->draw(painter, context);
    painter->restore();
}

QUrl MessageDelegate::linkAt(const QModelIndex &index, const QPoint &pos) const
{
    const QRect rect = m_view->visualRect(index);
    const Geometry g = geometry(index);
    const QTextDocument &laidout = document(index, m_view->palette(), g.textWidth);
    const QPointF inDocument = pos - rect.topLeft() - QPoint(g.left, g.top);
    const QString anchor = laidout.documentLayout()->anchorAt(inDocument);
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
    layout(*viewer->document(), index, m_view->palette(), geometry(index).textWidth);
    viewer->document()->setDocumentMargin(0);
}

void MessageDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    const Geometry g = geometry(index);
    editor->setGeometry(option.rect.adjusted(g.left, g.top, -hMargin + 2, -groupedMargin));
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseMove || event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const QUrl url = linkAt(index, mouse->position().toPoint());
        const bool presence =
            index.data(MessageListModel::KindRole).value<Kind>() == Kind::Presence;
        m_view->viewport()->setCursor(url.isEmpty() && !presence ? Qt::ArrowCursor
                                                                 : Qt::PointingHandCursor);
        if (event->type() == QEvent::MouseButtonRelease && mouse->button() == Qt::LeftButton) {
            if (url.toString() == retryHref()) {
                emit retryRequested(index);
                return true;
            }
            if (!url.isEmpty()) {
                emit linkActivated(url);
                return true;
            }
            if (presence) { // a collapsed run of joins and leaves opens, and closes again
                model->setData(index, !index.data(MessageListModel::ExpandedRole).toBool(),
                               MessageListModel::ExpandedRole);
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace chat::client
