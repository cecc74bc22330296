#pragma once

#include <QString>

// What makes two names the same to a reader, and a name nothing to look at (ICU, UTS #39).
namespace chat::validation {

// The key two names share when a reader could take one for the other: NFKC with case folding
// (which also drops default-ignorable characters such as U+200B), then the UTS #39 confusable
// skeleton (Cyrillic "а" and Latin "a" share one).
QString nameSkeleton(const QString &name);

// True when a name shows nothing a reader could tell apart: only invisible, format, white-space
// or blank-pattern characters (U+2800), or combining marks with nothing to sit on.
bool rendersAsNothing(const QString &name);

} // namespace chat::validation
