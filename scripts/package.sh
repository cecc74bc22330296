#!/usr/bin/env bash
# Builds the Debian packages chat-server and chat-client (Release, without the tests) and prints
# where they are. Install them with: apt install ./chat-server_*.deb ./chat-client_*.deb
# Usage: scripts/package.sh [OUTPUT_DIR]   (default: build-package/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
build_dir=${BUILD_DIR:-build-package}
out=${1:-$build_dir}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHAT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" --target chat-server chat-client
cpack -G DEB -B "$(realpath -m "$out")" --config "$build_dir/CPackConfig.cmake" >/dev/null
ls -1 "$(realpath -m "$out")"/chat-server_*.deb "$(realpath -m "$out")"/chat-client_*.deb
