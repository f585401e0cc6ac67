"""The learner view and Studio's preview: languages, safety, state, resources, the scenario."""

import copy
import gettext
import json
import re
from pathlib import Path

import pytest
from django.utils import translation
from xblock.core import XBlock
from xblock.exceptions import DisallowedFileError

from casestudy_xblock.blocks.case import CaseStudyBlock
from casestudy_xblock.blocks.scenarios import SAMPLE_CASE

ROOT = Path(__file__).resolve().parents[3]


def render(harness, lang, view="student_view"):
    with translation.override(lang):
        return harness.html(view)


def test_japanese_page_shows_the_japanese_content(harness):
    html = render(harness, "ja")
    assert "さくら食品株式会社（架空）" in html
    assert "Sakura Foods" not in html
    assert "欠品" in html
    assert 'lang="ja"' in html
    assert 'data-lang="ja"' in html


def test_english_page_shows_the_english_content(harness):
    html = render(harness, "en")
    assert "Sakura Foods Co., Ltd. (fictional)" in html
    assert "<strong>stock-outs</strong>" in html
    assert 'data-lang="en"' in html


def test_missing_english_falls_back_to_japanese_marked_as_such(make_harness, sample):
    sample["company"]["name"] = {"ja": "日本語だけの会社", "en": ""}
    html = render(make_harness(sample), "en")
    assert '<dd lang="ja">日本語だけの会社</dd>' in html


class MarkingI18n:
    """An i18n service that marks every string it translates, to prove all of them pass it."""

    def gettext(self, text):
        return f"⟦{text}⟧"

    ugettext = gettext


def test_every_interface_string_goes_through_the_i18n_service(make_harness, sample):
    harness = make_harness(sample, services={"i18n": MarkingI18n()})
    fragment = harness.block.student_view()
    html = fragment.body_html()
    assert "⟦Score: 0 / 5⟧" in html
    assert "⟦Attempts left: 3⟧" in html
    assert "⟦Understanding the situation and identifying issues⟧" in html
    strings = fragment.json_init_args["strings"]
    assert all(value.startswith("⟦") for value in strings.values())
    studio = harness.block.studio_view().json_init_args
    assert all(value.startswith("⟦") for value in studio["strings"].values())
    assert all(section["title"].startswith("⟦") for section in studio["schema"])


def test_author_markdown_cannot_inject_script(make_harness, sample):
    sample["narrative"] = {
        "ja": '<script>alert("x")</script> [link](javascript:alert(1)) '
        "<img src=x onerror=alert(1)> ![t](https://tracker.example/p.gif)",
        "en": "",
    }
    sample["questions"][0]["prompt"]["ja"] = "<iframe src='https://evil.example'></iframe>"
    html = render(make_harness(sample), "ja")
    assert "<script>alert" not in html
    assert "<iframe" not in html
    assert "<img src=x" not in html
    assert 'href="javascript' not in html
    assert "tracker.example" not in html


def test_learner_text_is_escaped_when_shown_again(harness):
    harness.answer("term", '<script>alert("x")</script>')
    html = render(harness, "ja")
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_state_is_shown_after_a_reload(harness):
    harness.answer("growth", "10")
    harness.answer("cause", "price")
    harness.call("get_hint", {"question": "term"})
    html = render(harness, "en")
    assert 'class="dxq-question is-done"' in html
    assert 'value="price" checked' in html
    assert "Correct: 10% growth." in html
    assert "It starts with" in html  # the hint already shown
    assert "Score: 1 / 5" in html


def test_author_view_is_a_preview_without_state(harness):
    harness.answer("growth", "10")
    html = render(harness, "en", "author_view")
    assert "This is a preview" in html
    assert "is-done" not in html
    assert "Score: 0 / 5" in html
    fragment = harness.block.author_view()
    assert fragment.json_init_args["preview"] is True


def test_the_fragment_loads_only_its_own_resources(harness):
    fragment = harness.block.student_view()
    urls = [resource.data for resource in fragment.resources]
    assert all(url.startswith("/workbench/resource/dxq_case/public/") for url in urls), urls
    assert fragment.js_init_fn == "DxqCaseStudent"


@pytest.mark.parametrize("uri", ["public/js/case.js", "public/js/chart.js", "public/css/case.css"])
def test_resources_are_served(uri):
    with CaseStudyBlock.open_local_resource(uri) as handle:
        assert handle.read(10)


@pytest.mark.parametrize(
    "uri",
    ["public/../api.py", "public/js/../../../api.py", "api.py", "public/js/x.py", "public/a/b.js"],
)
def test_nothing_else_is_served(uri):
    with pytest.raises(DisallowedFileError):
        CaseStudyBlock.open_local_resource(uri)


def test_the_block_is_registered_and_offers_a_bilingual_scenario():
    assert XBlock.load_class("dxq_case") is CaseStudyBlock
    (title, xml), *_demo_case = CaseStudyBlock.workbench_scenarios()
    assert "ケーススタディ" in title
    assert "case study" in title
    assert "<dxq_case" in xml
    assert "さくら食品" in xml
    kinds = {q["kind"] for q in SAMPLE_CASE["questions"]}
    assert kinds == {"numeric", "single", "multiple", "text"}


def test_the_sample_case_is_valid_content():
    from casestudy_xblock.blocks.content import validate_content

    assert validate_content(copy.deepcopy(SAMPLE_CASE)) == []


class CatalogueI18n(gettext.NullTranslations):
    """An i18n service with a given Japanese catalogue (as the LMS builds from .mo files)."""

    def __init__(self, catalogue):
        super().__init__()
        self._catalog = catalogue
        self.plural = lambda n: 0
        self._info = {}

    def gettext(self, message):
        return self._catalog.get(message, message)

    ugettext = gettext


def test_in_japanese_no_english_interface_text_is_left(make_harness, sample):
    """Every interface string is translated: rendered in Japanese with the shipped catalogues,
    none of the English source texts of the glossary is shown."""
    glossary = json.loads((ROOT / "conf/locale/ja_glossary.json").read_text(encoding="utf-8"))
    harness = make_harness(sample)
    harness.answer("first-steps", ["orders", "logo"])
    with translation.override("ja"):
        shown = [harness.html(), harness.html("author_view"), harness.html("studio_view")]
        for view in ("student_view", "studio_view"):
            init = getattr(harness.block, view)().json_init_args
            init.pop("content", None)  # the author's texts, in both languages
            shown.append(json.dumps(init, ensure_ascii=False))
        shown.append(json.dumps(harness.answer("first-steps", ["logo"]), ensure_ascii=False))
    text = re.sub(r"<[^>]+>", " ", " ".join(shown))
    left = []
    for message, translated in glossary.items():
        if message == translated or "\x04" in message or " " not in message:
            continue  # the same in both languages, a context entry, or one word (JSON keys)
        pattern = r"\S.*?".join(re.escape(part) for part in re.split(r"%\(\w+\)s", message))
        if re.search(rf"(?<![\w%]){pattern}(?!\w)", text):
            left.append(message)
    assert left == []
