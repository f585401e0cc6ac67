"""Fill the Japanese catalogues from conf/locale/ja_glossary.json (msgid -> msgstr).

The glossary is the one place translators edit: a message it holds is always written into the
catalogues. `make translations` runs this after extracting and before checking that every
catalogue is complete.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]


def main(package_dirs):
    glossary = json.loads((ROOT / "conf" / "locale" / "ja_glossary.json").read_text("utf-8"))
    for package_dir in package_dirs:
        base = ROOT / package_dir
        paths = [base / "conf" / "locale", base / "locale"]
        for path in paths:
            po_path = path / "ja" / "LC_MESSAGES" / "django.po"
            if not po_path.exists():
                continue
            po = polib.pofile(str(po_path))
            po.metadata["Language"] = "ja"
            po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
            po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
            po.metadata["Project-Id-Version"] = "openedx-dx-quest"
            po.metadata["Last-Translator"] = "DX Quest team (conf/locale/ja_glossary.json)"
            po.metadata["Language-Team"] = "Japanese"
            po.metadata["PO-Revision-Date"] = po.metadata.get("POT-Creation-Date", "")
            for entry in po:
                key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
                text = glossary.get(key)
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                    entry.msgstr = ""
                    entry.msgstr_plural = {}
                if text is None:
                    continue
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: text}
                else:
                    entry.msgstr = text
            po.save()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
