"""Fail when a Japanese catalogue has an untranslated or fuzzy message.

Usage: python bin/check_translations.py PACKAGE_DIR...   (each has conf/locale, or locale for conf)
"""

import sys
from pathlib import Path

import polib


def catalogue(package_dir):
    base = Path(package_dir)
    for candidate in (base / "conf" / "locale", base / "locale"):
        po = candidate / "ja" / "LC_MESSAGES" / "django.po"
        if po.exists():
            return po
    return None


def problems(po_path):
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            yield f"{po_path}: fuzzy: {entry.msgid!r}"
        elif entry.msgid_plural and not all(entry.msgstr_plural.values()):
            yield f"{po_path}: untranslated plural: {entry.msgid!r}"
        elif not entry.msgid_plural and not entry.msgstr:
            yield f"{po_path}: untranslated: {entry.msgid!r}"


def main(package_dirs):
    found = []
    for package_dir in package_dirs:
        po_path = catalogue(package_dir)
        if po_path is None:
            found.append(f"{package_dir}: no Japanese catalogue")
            continue
        found.extend(problems(po_path))
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
