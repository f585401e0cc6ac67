"""casestudy_xblock.text: localised texts, safe Markdown, learner text. No Django needed."""

import subprocess
import sys
from pathlib import Path

import pytest

from casestudy_xblock import text

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ja", "ja"), ("en", "en"), ("en-us", "en"), ("en_GB", "en"), ("fr", "ja"), (None, "ja")],
)
def test_language_code(lang, expected):
    assert text.language_code(lang) == expected


def test_localized_picks_the_language_and_falls_back_to_japanese():
    value = {"ja": "在庫", "en": "Stock"}
    assert text.localized(value, "en") == "Stock"
    assert text.localized(value, "ja") == "在庫"
    assert text.localized_with_lang({"ja": "在庫", "en": "  "}, "en") == ("在庫", "ja")
    assert text.localized_with_lang({"ja": "", "en": "Stock"}, "ja") == ("Stock", "en")
    assert text.localized("素の文字列", "en") == "素の文字列"
    assert text.localized(None, "en") == ""


def test_is_localized():
    assert text.is_localized({"ja": "a", "en": ""})
    assert text.is_localized({"ja": "a"}, required=True)
    assert not text.is_localized({"ja": " ", "en": "b"}, required=True)
    assert not text.is_localized({"ja": "a", "fr": "b"})
    assert not text.is_localized({"ja": 1})
    assert not text.is_localized("a")


def test_markdown_renders_and_keeps_raw_html_as_text():
    html = text.markdown_to_html(
        "**太字** と <script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<strong>太字</strong>" in html
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<table>" in html


def test_markdown_links_get_noopener_and_unsafe_links_are_dropped():
    html = text.markdown_to_html("[ok](https://example.org) [bad](javascript:alert(1))")
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in html
    assert "javascript:" not in html.replace("[bad](javascript:alert(1))", "")
    assert 'href="javascript' not in html


def test_markdown_keeps_platform_images_and_drops_outside_ones():
    html = text.markdown_to_html(
        "![chart](/media/chart.png) ![tracker](https://tracker.example/pixel.gif) "
        "![proto](//cdn.example/x.png)"
    )
    assert '<img src="/media/chart.png" alt="chart">' in html
    assert "tracker.example" not in html
    assert "cdn.example" not in html
    assert "tracker" in html  # the alt text stays readable


def test_markdown_headings_move_under_the_page_headings():
    assert text.markdown_to_html("# Title", heading_offset=3).startswith("<h4>")
    assert text.markdown_to_html("###### Deep", heading_offset=3).startswith("<h6>")


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ('<p onclick="x()">a</p>', "onclick"),
        ('<img src="https://evil.example/a.png" onerror="x()">', "evil.example"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ("<script>alert(1)</script>", "alert"),
        ("<style>body{}</style>", "body{}"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<object data="x.swf"></object>', "object"),
        ('<a href="data:text/html;base64,xx">x</a>', "data:"),
    ],
)
def test_sanitize_html_removes_what_could_run_or_call_out(dirty, forbidden):
    assert forbidden not in text.sanitize_html(dirty)


def test_sanitize_html_keeps_an_image_from_the_platform():
    assert (
        text.sanitize_html('<img src="/static/a.png" alt="a">')
        == '<img src="/static/a.png" alt="a">'
    )


def test_on_platform():
    assert text.on_platform("/media/a.png")
    assert text.on_platform("images/a.png")
    assert not text.on_platform("https://example.org/a.png")
    assert not text.on_platform("//example.org/a.png")
    assert not text.on_platform("")
    assert text.on_platform("https://lms.example/a.png", allowed_hosts=["lms.example"])
    assert not text.on_platform("http://lms.example/a.png", allowed_hosts=["lms.example"])


def test_sanitize_plain():
    assert text.sanitize_plain("  a\x00b\u202ec\r\nd  ") == "abc\nd"
    assert text.sanitize_plain("a \n\t b", single_line=True) == "a b"
    assert text.sanitize_plain("abcdef", max_length=3) == "abc"
    assert text.sanitize_plain(None) == ""
    assert text.sanitize_plain("<b>x</b>") == "<b>x</b>"  # escaping is the template's job


def test_fold_makes_width_case_and_spaces_alike():
    assert text.fold(" ＡＢＣ　 def ") == text.fold("abc DEF")
    assert text.fold("ｶﾞ") == text.fold("ガ")


def test_text_and_questions_import_without_django():
    code = (
        "import sys; sys.modules['django'] = None\n"
        "import casestudy_xblock.text, casestudy_xblock.questions\n"
        "import casestudy_xblock.blocks.content, casestudy_xblock.blocks.skills_report\n"
        "print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr
