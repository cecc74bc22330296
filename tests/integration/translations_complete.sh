#!/usr/bin/env bash
# Every user-visible string of the client is translated into German: lupdate reads the sources
# into a copy of chat_de.ts, and no message of it may be unfinished (a string added or changed
# in the code but not in the .ts file, or not yet translated).
# Usage: translations_complete.sh LUPDATE SOURCE_DIR
set -euo pipefail
lupdate=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$source_dir/resources/translations/chat_de.ts" "$work/chat_de.ts"
"$lupdate" -silent -no-obsolete -locations none "$source_dir/client" -ts "$work/chat_de.ts"
unfinished=$(grep -c 'type="unfinished"' "$work/chat_de.ts" || true)
if [ "$unfinished" != 0 ]; then
    echo "chat_de.ts lacks $unfinished translation(s); run: cmake --build build --target" \
         "update_translations, then translate them (linguist resources/translations/chat_de.ts)"
    grep -B2 'type="unfinished"' "$work/chat_de.ts" | grep '<source>' >&2
    exit 1
fi
echo "chat_de.ts: every string translated"
