#include "chatsession.h"
#include "clientsettings.h"
#include "connectdialog.h"
#include "mainwindow.h"
#include "theme.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

using chat::client::ChatSession;
using chat::client::ConnectDialog;
using chat::client::MainWindow;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("QtChat"));
    QApplication::setApplicationName(QStringLiteral("chat-client"));
    QApplication::setApplicationDisplayName(QObject::tr("Chat"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("chat-client"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/chat.svg")));
    chat::client::installTranslations();
    chat::client::applyTheme(chat::client::ClientSettings().theme());

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Desktop client for the chat server."));
    parser.addHelpOption();
    parser.addVersionOption();
    // Not --name: Qt's X11 platform plugin takes -name/--name for itself.
    const QCommandLineOption urlOption(
        QStringLiteral("url"),
        QObject::tr("Server to connect to: ws://host:5220/, wss://… or host:port."),
        QStringLiteral("URL"));
    const QCommandLineOption nickOption(QStringLiteral("nick"), QObject::tr("Name to join with."),
                                        QStringLiteral("NAME"));
    parser.addOptions({urlOption, nickOption});
    parser.process(app);

    QUrl url = ConnectDialog::parseAddress(parser.value(urlOption));
    QString nick = parser.value(nickOption).trimmed();
    if (!parser.isSet(urlOption) || !parser.isSet(nickOption) || !url.isValid() || nick.isEmpty()) {
        ConnectDialog dialog;
        if (parser.isSet(urlOption))
            dialog.setUrl(url);
        if (parser.isSet(nickOption))
            dialog.setName(nick);
        if (dialog.exec() != QDialog::Accepted)
            return 0;
        url = dialog.url();
        nick = dialog.name();
    }

    ChatSession session;
    MainWindow window(&session);
    window.show();
    session.open(url, nick);
    return app.exec();
}
