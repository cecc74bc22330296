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
// `text` as HTML: every character escaped, line breaks kept, links as <a href>; where `highlight`
// is not empty, each occurrence of it (ignoring case) is marked like a highlighter pen would.
QString toHtml(const QString &text, const QString &highlight = {});
// Whether a link may be opened: http, https or mailto, and nothing else.
bool isSafeLink(const QUrl &url);
// Whether `text` names `name` as a word (case-insensitive; "@name" too), outside links and
// e-mail addresses ("zoe@example.com" and "https://example.com/zoe" do not mention zoe).
bool mentions(const QString &text, const QString &name);
// Text that someone else wrote, made unable to reorder what is around it when shown: wrapped in
// FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE (Unicode bidi isolation, UAX #9). Within,
// it keeps its own direction, so Arabic or Hebrew still reads right to left.
QString isolate(const QString &text);
// `text` without the control characters a server refuses in a message (C0 but tab and newline,
// DEL, C1): pasted text often carries a stray one, and it shows as nothing anyway. "\r\n"
// becomes "\n".
QString withoutControlCharacters(QString text);
// Whether `text` reads right to left: its first strong character is right-to-left.
bool isRightToLeft(const QString &text);

} // namespace chat::client::textrules
