"""Fill the Japanese catalogues from the glossary (msgid -> msgstr).

The glossary is ``conf/locale/ja_glossary.json`` plus one file per area in
``conf/locale/glossary/*.json`` (badges, peer review, discussions...), so that work on two areas
never edits the same file. A message given two different translations is an error. The glossary
is the one place translators edit: a message it holds is always written into the catalogues.
`make translations` runs this after extracting and before checking that every
catalogue is complete.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]


def load_glossary():
    """Every glossary file merged; a message translated two different ways stops the run."""
    locale = ROOT / "conf" / "locale"
    glossary, origin = {}, {}
    for path in [locale / "ja_glossary.json", *sorted((locale / "glossary").glob("*.json"))]:
        for msgid, text in json.loads(path.read_text("utf-8")).items():
            if msgid in glossary and glossary[msgid] != text:
                raise SystemExit(
                    f"{path.name} and {origin[msgid]} translate {msgid!r} differently: "
                    f"{text!r} / {glossary[msgid]!r}"
                )
            glossary[msgid], origin[msgid] = text, path.name
    return glossary


def main(package_dirs):
    glossary = load_glossary()
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
            po.metadata["Last-Translator"] = "DX Quest team (conf/locale glossary)"
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
