#include "nameskeleton.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>

#include <memory>
#include <vector>

namespace chat::validation {

namespace {
struct SpoofCheckerDeleter
{
    void operator()(USpoofChecker *checker) const { uspoof_close(checker); }
};

// One checker per thread: uspoof_getSkeleton() is used from every worker thread.
USpoofChecker *spoofChecker()
{
    thread_local const std::unique_ptr<USpoofChecker, SpoofCheckerDeleter> checker = [] {
        UErrorCode status = U_ZERO_ERROR;
        USpoofChecker *opened = uspoof_open(&status);
        if (U_FAILURE(status)) {
            uspoof_close(opened);
            opened = nullptr;
        }
        return std::unique_ptr<USpoofChecker, SpoofCheckerDeleter>(opened);
    }();
    return checker.get();
}

const UChar *utf16(const QString &text)
{
    return reinterpret_cast<const UChar *>(text.utf16());
}

// Runs an ICU function that writes UTF-16 into a buffer, growing it once if it is too small.
template <class Call> QString icuString(qsizetype guess, Call call)
{
    std::vector<UChar> buffer(size_t(qMax<qsizetype>(guess, 16)));
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = call(buffer.data(), int32_t(buffer.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        buffer.resize(size_t(length) + 1);
        status = U_ZERO_ERROR;
        length = call(buffer.data(), int32_t(buffer.size()), &status);
    }
    if (U_FAILURE(status))
        return {};
    return QString(reinterpret_cast<const QChar *>(buffer.data()), length);
}
} // namespace

QString nameSkeleton(const QString &name)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfkcCasefold = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status))
        return name.toCaseFolded();
    const QString folded =
        icuString(name.size() * 2, [&](UChar *out, int32_t capacity, UErrorCode *error) {
            return unorm2_normalize(nfkcCasefold, utf16(name), int32_t(name.size()), out, capacity,
                                    error);
        });
    USpoofChecker *checker = spoofChecker();
    if (!checker)
        return folded;
    const QString skeleton =
        icuString(folded.size() * 2, [&](UChar *out, int32_t capacity, UErrorCode *error) {
            return uspoof_getSkeleton(checker, 0, utf16(folded), int32_t(folded.size()), out,
                                      capacity, error);
        });
    return skeleton.isEmpty() ? folded : skeleton;
}

bool rendersAsNothing(const QString &name)
{
    for (qsizetype i = 0; i < name.size(); ++i) {
        char32_t c = name[i].unicode();
        if (name[i].isHighSurrogate() && i + 1 < name.size() && name[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(name[i], name[i + 1]);
            ++i;
        }
        if (c == 0x2800) // BRAILLE PATTERN BLANK: a character that draws nothing
            continue;
        if (u_hasBinaryProperty(UChar32(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
            u_hasBinaryProperty(UChar32(c), UCHAR_WHITE_SPACE))
            continue;
        switch (u_charType(UChar32(c))) {
        case U_FORMAT_CHAR:
        case U_CONTROL_CHAR:
        case U_NON_SPACING_MARK:
        case U_ENCLOSING_MARK:
        case U_SPACE_SEPARATOR:
        case U_LINE_SEPARATOR:
        case U_PARAGRAPH_SEPARATOR:
            continue;
        default:
            return false; // something to see
        }
    }
    return true;
}

} // namespace chat::validation
