#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite under ctest; then (unless
# QUICK=1) the same suite built with ASan+UBSan, and a short fuzzing pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure --timeout 600 "$@")
if [ "${QUICK:-0}" != 1 ]; then
    echo "== the test suite under AddressSanitizer and UndefinedBehaviorSanitizer"
    scripts/sanitize.sh
    echo "== a short fuzzing pass"
    scripts/fuzz.sh 300000 20000 300000
fi
