#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace chat::client {

void installTranslations(const QLocale &locale)
{
    static QTranslator *own = nullptr;
    static QTranslator *qt = nullptr;
    for (QTranslator *old : {own, qt}) {
        if (old) {
            QCoreApplication::removeTranslator(old);
            delete old;
        }
    }
    own = new QTranslator;
    if (!own->load(locale, QStringLiteral("chat"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        (void)own->load(QStringLiteral("chat_en"), QStringLiteral(":/i18n"));
    QCoreApplication::installTranslator(own);
    qt = new QTranslator;
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace chat::client
