#!/usr/bin/env python3
"""Fills unfinished German translations in resources/translations/chat_de.ts from a JSON file
of {"English source": "German"} (plurals: {"source": ["singular", "plural"]}), leaving every
other message as it is. An unfinished entry lupdate filled with a guess (its same-text heuristic)
is replaced too. Usage: scripts/translate-de.py TRANSLATIONS.json"""
import html
import json
import re
import sys

path = "resources/translations/chat_de.ts"
table = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(path, encoding="utf-8").read()
missing = []


def fill(match):
    source = html.unescape(match.group(2))
    if source not in table:
        missing.append(source)
        return match.group(0)
    german = table[source]
    if isinstance(german, list):
        forms = "".join(f"\n            <numerusform>{html.escape(f, quote=False)}</numerusform>"
                        for f in german)
        return f"{match.group(1)}<translation>{forms}\n        </translation>"
    return f"{match.group(1)}<translation>{html.escape(german, quote=False)}</translation>"


text = re.sub(r'(<source>([^<]*)</source>\s*(?:<comment>[^<]*</comment>\s*)?)'
              r'<translation type="unfinished">.*?</translation>',
              fill, text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
for source in missing:
    print("untranslated:", source)
