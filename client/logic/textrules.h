#pragma once

#include <QString>
#include <QUrl>

#include <vector>

// Rules for showing message text: what becomes a link, what counts as a mention. Text from
// the network is data: it is escaped, and only http, https and mailto links are ever made.
namespace chat::client::textrules {

struct Link
{
    qsizetype start = 0;
    qsizetype length = 0;
    QUrl url;
};

// The http://, https:// and mailto: links in `text`, in order. Trailing punctuation that
// usually ends a sentence (".", ",", ")" without a matching "(" …) is not part of a link.
std::vector<Link> findLinks(const QString &text);
// `text` as HTML: every character escaped, line breaks kept, links as <a href>.
QString toHtml(const QString &text);
// Whether a link may be opened: http, https or mailto, and nothing else.
bool isSafeLink(const QUrl &url);
// Whether `text` names `name` as a word (case-insensitive; "@name" too).
bool mentions(const QString &text, const QString &name);

} // namespace chat::client::textrules
