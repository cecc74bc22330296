#pragma once

#include <QString>
#include <QStringView>

// Text that users chose (names, reasons), made safe for one line of the audit log: quoted, with
// `"` and `\` escaped, control, format and line-separator characters written as \n, \t, \r or
// \uXXXX (a reason cannot start a forged line, nor turn the line around with bidi controls),
// and cut after `maxChars` UTF-16 units with a note of how much was left out.
namespace chat::server::audit {

inline constexpr int defaultMaxChars = 300;

QString quoted(QStringView text, int maxChars = defaultMaxChars);

} // namespace chat::server::audit
