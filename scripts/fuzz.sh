#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (into build-fuzz) and runs them from the seed corpus.
# Usage: scripts/fuzz.sh [DECODER_RUNS [FRAMES_RUNS [HTTP_RUNS]]]
#        (defaults: 10000000, 200000 and 10000000)
set -euo pipefail
cd "$(dirname "$0")/.."
decoder_runs=${1:-10000000}
frames_runs=${2:-200000}
http_runs=${3:-10000000}
CC=clang CXX=clang++ BUILD_DIR=build-fuzz BUILD_TYPE=RelWithDebInfo \
    CMAKE_ARGS="-DCHAT_BUILD_FUZZERS=ON -DCHAT_BUILD_TESTS=OFF" scripts/build.sh clang libclang-rt-dev
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in fuzz_decoder fuzz_frames fuzz_http; do
    runs=$decoder_runs
    corpus=tests/fuzz/corpus
    options=()
    case $target in
    fuzz_frames) runs=$frames_runs ;;
    fuzz_http)
        runs=$http_runs
        corpus=tests/fuzz/corpus_http
        options=(-dict="$PWD/tests/fuzz/http.dict")
        ;;
    esac
    mkdir -p "$work/$target"
    cp "$corpus"/* "$work/$target/"
    echo "== $target: $runs runs"
    (cd "$work" && "$OLDPWD/build-fuzz/tests/fuzz/$target" -runs="$runs" -max_len=8192 \
        "${options[@]}" -print_final_stats=1 "$work/$target" 2>&1 |
        grep -E "^(Done|stat::|==|SUMMARY|ERROR)")
done
