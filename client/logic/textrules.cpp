#include "textrules.h"

#include <QRegularExpression>

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

QString toHtml(const QString &text)
{
    const auto escape = [](QStringView part) {
        QString html = part.toString().toHtmlEscaped();
        html.replace(QLatin1Char('\n'), QLatin1String("<br>"));
        return html;
    };
    QString html;
    qsizetype at = 0;
    for (const Link &link : findLinks(text)) {
        html += escape(QStringView(text).mid(at, link.start - at));
        html += QStringLiteral("<a href=\"%1\">%2</a>")
                    .arg(QString::fromUtf8(link.url.toEncoded()).toHtmlEscaped(),
                         escape(QStringView(text).mid(link.start, link.length)));
        at = link.start + link.length;
    }
    html += escape(QStringView(text).mid(at));
    return html;
}

bool mentions(const QString &text, const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return false;
    // A word boundary that also works for names that start or end with a non-word character.
    const QRegularExpression word(
        QStringLiteral(R"((?<![\w])@?%1(?![\w]))").arg(QRegularExpression::escape(trimmed)),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return word.match(text).hasMatch();
}

} // namespace chat::client::textrules
