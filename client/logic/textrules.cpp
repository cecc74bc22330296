#include "textrules.h"

#include <QRegularExpression>

#include <algorithm>

namespace chat::client::textrules {

bool isSafeLink(const QUrl &url)
{
    if (!url.isValid())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("mailto"))
        return !url.path().isEmpty();
    return (scheme == QLatin1String("http") || scheme == QLatin1String("https")) &&
           !url.host().isEmpty();
}

std::vector<Link> findLinks(const QString &text)
{
    static const QRegularExpression candidate(QStringLiteral(R"((?:https?://|mailto:)[^\s<>"]+)"),
                                              QRegularExpression::CaseInsensitiveOption);
    std::vector<Link> links;
    auto matches = candidate.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        QString found = match.captured(0);
        // Sentence punctuation after a link is not part of it; a ")" is, if the link opened one.
        while (!found.isEmpty()) {
            const QChar last = found.back();
            if (QStringLiteral(".,;:!?'").contains(last)) {
                found.chop(1);
            } else if (last == QLatin1Char(')') &&
                       found.count(QLatin1Char('(')) < found.count(QLatin1Char(')'))) {
                found.chop(1);
            } else {
                break;
            }
        }
        const QUrl url(found, QUrl::StrictMode);
        if (isSafeLink(url))
            links.push_back({match.capturedStart(0), found.size(), url});
    }
    return links;
}

namespace {
// Escaped, line breaks kept, occurrences of `highlight` marked.
QString escapeMarked(QStringView part, const QString &highlight)
{
    const auto escape = [](QStringView plain) {
        QString html = plain.toString().toHtmlEscaped();
        html.replace(QLatin1Char('\n'), QLatin1String("<br>"));
        return html;
    };
    if (highlight.isEmpty())
        return escape(part);
    QString html;
    qsizetype at = 0;
    for (qsizetype found = part.indexOf(highlight, 0, Qt::CaseInsensitive); found >= 0;
         found = part.indexOf(highlight, at, Qt::CaseInsensitive)) {
        html += escape(part.mid(at, found - at));
        // A marker's yellow with black text reads on light and dark backgrounds alike.
        html += QLatin1String("<span style=\"background-color:#ffd54f;color:#000000\">") +
                escape(part.mid(found, highlight.size())) + QLatin1String("</span>");
        at = found + highlight.size();
    }
    return html + escape(part.mid(at));
}

// Where links and e-mail addresses are: a name inside them is not a mention.
std::vector<std::pair<qsizetype, qsizetype>> addressRanges(const QString &text)
{
    static const QRegularExpression address(
        QStringLiteral(R"([A-Za-z][A-Za-z0-9+.-]*://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"),
        QRegularExpression::UseUnicodePropertiesOption);
    std::vector<std::pair<qsizetype, qsizetype>> ranges;
    auto matches = address.globalMatch(text);
    while (matches.hasNext()) {
        const auto match = matches.next();
        ranges.emplace_back(match.capturedStart(), match.capturedEnd());
    }
    for (const Link &link : findLinks(text)) // mailto:zoe@… and the like
        ranges.emplace_back(link.start, link.start + link.length);
    return ranges;
}
} // namespace

QString toHtml(const QString &text, const QString &highlight)
{
    QString html;
    qsizetype at = 0;
    for (const Link &link : findLinks(text)) {
        html += escapeMarked(QStringView(text).mid(at, link.start - at), highlight);
        html += QStringLiteral("<a href=\"%1\">%2</a>")
                    .arg(QString::fromUtf8(link.url.toEncoded()).toHtmlEscaped(),
                         escapeMarked(QStringView(text).mid(link.start, link.length), highlight));
        at = link.start + link.length;
    }
    html += escapeMarked(QStringView(text).mid(at), highlight);
    return html;
}

bool mentions(const QString &text, const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || !text.contains(trimmed, Qt::CaseInsensitive))
        return false;
    // A word boundary that also works for names that start or end with a non-word character.
    // Compiled once per name: a burst asks this for every message with the same name.
    thread_local QString compiledFor;
    thread_local QRegularExpression word;
    if (compiledFor != trimmed) {
        word = QRegularExpression(
            QStringLiteral(R"((?<![\w@])@?%1(?![\w]))").arg(QRegularExpression::escape(trimmed)),
            QRegularExpression::CaseInsensitiveOption |
                QRegularExpression::UseUnicodePropertiesOption);
        word.optimize();
        compiledFor = trimmed;
    }
    const auto excluded = addressRanges(text);
    auto matches = word.globalMatch(text);
    while (matches.hasNext()) {
        const auto match = matches.next();
        const bool inAddress =
            std::any_of(excluded.cbegin(), excluded.cend(), [&](const auto &range) {
                return match.capturedStart() < range.second && match.capturedEnd() > range.first;
            });
        if (!inAddress)
            return true;
    }
    return false;
}

QString withoutControlCharacters(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.removeIf([](QChar c) {
        const char16_t u = c.unicode();
        return (u < 0x20 && u != u'\t' && u != u'\n') || (u >= 0x7f && u <= 0x9f);
    });
    return text;
}

QString isolate(const QString &text)
{
    return QChar(0x2068) + text + QChar(0x2069);
}

bool isRightToLeft(const QString &text)
{
    return text.isRightToLeft();
}

} // namespace chat::client::textrules
