#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (into build-fuzz) and runs them from the seed corpus.
# Usage: scripts/fuzz.sh [DECODER_RUNS [FRAMES_RUNS]]   (defaults: 10000000 and 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
decoder_runs=${1:-10000000}
frames_runs=${2:-200000}
CC=clang CXX=clang++ BUILD_DIR=build-fuzz BUILD_TYPE=RelWithDebInfo \
    CMAKE_ARGS="-DCHAT_BUILD_FUZZERS=ON -DCHAT_BUILD_TESTS=OFF" scripts/build.sh clang libclang-rt-dev
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in fuzz_decoder fuzz_frames; do
    runs=$decoder_runs
    [ "$target" = fuzz_frames ] && runs=$frames_runs
    mkdir -p "$work/$target"
    cp tests/fuzz/corpus/* "$work/$target/"
    echo "== $target: $runs runs"
    (cd "$work" && "$OLDPWD/build-fuzz/tests/fuzz/$target" -runs="$runs" -max_len=8192 \
        -print_final_stats=1 "$work/$target" 2>&1 | grep -E "^(Done|stat::|==|SUMMARY|ERROR)" )
done
