#!/usr/bin/env python3
"""Fills the English plural forms in resources/translations/chat_en.ts.

English needs a translation only for the source texts with %n: "%n user(s) online" becomes
"%n user online" and "%n users online". Every "word(s)" in the source gives the singular
(word) and the plural (words). Run after `cmake --build build --target update_translations`.
"""
import re
import sys
from pathlib import Path

path = Path(sys.argv[1] if len(sys.argv) > 1 else
            Path(__file__).resolve().parent.parent / "resources/translations/chat_en.ts")
text = path.read_text(encoding="utf-8")
message = re.compile(
    r'(<message numerus="yes">\s*<source>(?P<source>.*?)</source>\s*)<translation[^>]*>.*?</translation>',
    re.S)


def forms(match):
    source = match.group("source")
    singular = re.sub(r"(\w+)\(s\)", r"\1", source)
    plural = re.sub(r"(\w+)\(s\)", r"\1s", source)
    return (f'{match.group(1)}<translation>\n'
            f'            <numerusform>{singular}</numerusform>\n'
            f'            <numerusform>{plural}</numerusform>\n'
            f'        </translation>')


path.write_text(message.sub(forms, text), encoding="utf-8")
