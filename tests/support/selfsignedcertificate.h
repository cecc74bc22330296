#pragma once

#include <QProcess>
#include <QString>

// A self-signed certificate for localhost and 127.0.0.1, made by openssl (scripts/deps.sh
// installs it) into `certPath` and `keyPath`, valid for `days`. Empty when it worked, else what
// went wrong (for QVERIFY2).
inline QString makeSelfSignedCertificate(const QString &certPath, const QString &keyPath,
                                         int days = 1)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", QString::number(days),
                   "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                   "-keyout", keyPath, "-out", certPath});
    if (!openssl.waitForFinished(60'000))
        return QStringLiteral("openssl (installed by scripts/deps.sh) did not run: %1")
            .arg(openssl.errorString());
    if (openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0)
        return QStringLiteral("openssl failed: %1")
            .arg(QString::fromLocal8Bit(openssl.readAllStandardError()));
    return {};
}
