"""Every user-facing string ships with its Japanese translation, compiled."""

import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = {
    "casestudy_xblock": ROOT / "casestudy_xblock/conf/locale/ja/LC_MESSAGES",
    "deliverable_xblock": ROOT / "deliverable_xblock/conf/locale/ja/LC_MESSAGES",
    "community_plugin": ROOT / "community_plugin/conf/locale/ja/LC_MESSAGES",
    "matching_plugin": ROOT / "matching_plugin/conf/locale/ja/LC_MESSAGES",
    "conf": ROOT / "conf/locale/ja/LC_MESSAGES",
}


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_catalogue_is_complete_and_compiled(name):
    sys.path.insert(0, str(ROOT / "bin"))
    try:
        from check_translations import problems
    finally:
        sys.path.pop(0)
    po_path = CATALOGUES[name] / "django.po"
    assert list(problems(po_path)) == []
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(CATALOGUES[name] / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in mo}
    stale = [
        e.msgid for e in po if not e.msgid_plural and compiled.get((e.msgctxt, e.msgid)) != e.msgstr
    ]
    assert stale == [], "run `make translations` to recompile"


def test_japanese_is_the_default_and_english_is_available(settings):
    assert settings.LANGUAGE_CODE == "ja"
    assert [code for code, _name in settings.LANGUAGES] == ["ja", "en"]
    with translation.override("ja"):
        assert translation.gettext("Course operator") == "コース運営者"
        assert translation.gettext("My community spaces") == "参加しているコミュニティ"
        assert translation.gettext("My organization") == "所属組織"
        assert translation.gettext("Welcome, %(name)s") == "ようこそ、%(name)sさん"
