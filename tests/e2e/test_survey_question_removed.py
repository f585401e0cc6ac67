"""An operator removes a survey question that already has answers, then puts it back
(community_plugin.insights; docs/insights.md, "Questions keep their answers too").

The builder lists the question under the removed ones, respondents no longer see it, the results
page shows it last and labelled removed (削除済み; "(removed)" in English), and the XLSX export
still has its column with every answer. Put back, it is an ordinary question again, answers and
all. Japanese first, English by the header's switch; axe clean; nothing off the server."""

import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from openpyxl import load_workbook
from playwright.sync_api import expect

from community_plugin.insights import surveys
from community_plugin.insights.models import Question, Response, Survey
from tests.e2e.helpers import assert_accessible, login, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FORMAT_JA, FORMAT_EN = "希望する開催形式", "Preferred format"
COMMENT_JA = "ご意見"


@pytest.fixture
def survey(demo_users):
    """A link survey with a choice question and a comment question, answered twice."""
    survey = Survey.objects.create(
        slug="session-format",
        title_ja="勉強会の開催形式アンケート",
        title_en="Study session format survey",
        target=Survey.LINK,
    )
    fmt = Question.objects.create(
        survey=survey,
        position=1,
        kind=Question.SINGLE,
        text_ja=FORMAT_JA,
        text_en=FORMAT_EN,
        choices=[
            {"value": "o1", "ja": "オンライン", "en": "Online"},
            {"value": "o2", "ja": "対面", "en": "In person"},
        ],
    )
    comment = Question.objects.create(
        survey=survey, position=2, kind=Question.TEXT, text_ja=COMMENT_JA, text_en="Comments"
    )
    for choice, text in (("o2", "夜の開催だと助かります"), ("o1", "短めだと参加しやすい")):
        surveys.save(
            survey, AnonymousUser(), {str(fmt.pk): choice, str(comment.pk): text}, final=True
        )
    return survey


def section_headings(page):
    return page.locator("main section.dxq-metric h2")


def downloaded_sheet(page):
    """The results' XLSX, downloaded from the page's button: (header row, data rows)."""
    with page.expect_download() as download_info:
        page.locator("main a", has_text="Excel(XLSX)をダウンロード").click()
    download = download_info.value
    assert download.suggested_filename == "survey-session-format.xlsx"
    sheet = load_workbook(io.BytesIO(download.path().read_bytes())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return rows[0], rows[1:]


def test_an_answered_question_is_removed_keeps_its_answers_and_comes_back(page, survey):
    fmt = survey.questions.get(position=1)
    login(page, "operator")
    page.goto(f"/dxq/insights/surveys/{survey.pk}/")
    expect(page.locator("h1")).to_have_text("勉強会の開催形式アンケート")
    offered = page.locator("main ol > li")
    expect(offered).to_have_count(2)
    expect(page.locator("main h3", has_text="外した設問")).to_have_count(0)
    assert_accessible(page)

    # Remove the answered question: it is taken off the survey, not deleted.
    offered.get_by_role("link", name=FORMAT_JA).click()
    page.wait_for_url(f"**/surveys/{survey.pk}/questions/{fmt.pk}/")
    expect(page.locator("h1")).to_have_text("設問を編集")
    page.get_by_role("button", name="設問を削除").click()
    page.wait_for_url(f"**/dxq/insights/surveys/{survey.pk}/")
    expect(page.locator(".dxq-messages")).to_contain_text(
        "すでに回答があるため、集計とエクスポートには「削除済み」として残ります。"
    )
    expect(offered).to_have_count(1)
    expect(offered).to_contain_text(COMMENT_JA)
    expect(page.locator("main h3")).to_have_text("外した設問")
    removed = page.locator("main h3 ~ ul > li")
    expect(removed).to_have_count(1)
    expect(removed.get_by_role("link")).to_have_text(FORMAT_JA)
    assert_accessible(page)
    fmt.refresh_from_db()
    assert fmt.removed
    assert Response.objects.filter(survey=survey, submitted_on__isnull=False).count() == 2

    # Respondents no longer see it.
    page.get_by_role("link", name="プレビューと回答リンク").click()
    page.wait_for_url(f"**/dxq/insights/s/{survey.token}/")
    expect(page.locator("main")).to_contain_text(COMMENT_JA)
    expect(page.locator("main")).not_to_contain_text(FORMAT_JA)
    page.go_back()
    page.wait_for_url(f"**/dxq/insights/surveys/{survey.pk}/")

    # The results keep its answers: last, labelled removed.
    page.get_by_role("link", name="結果", exact=True).click()
    page.wait_for_url(f"**/surveys/{survey.pk}/results/")
    expect(section_headings(page)).to_have_text([f"1. {COMMENT_JA}", f"2. {FORMAT_JA}(削除済み)"])
    removed_table = page.locator("main section.dxq-metric").nth(1).locator("tbody tr")
    expect(removed_table).to_have_text([re.compile(r"オンライン\s*1"), re.compile(r"対面\s*1")])
    assert_accessible(page)
    header, rows = downloaded_sheet(page)
    assert header[-2:] == [COMMENT_JA, f"{FORMAT_JA}(削除済み)"]
    assert sorted(row[-1] for row in rows) == ["オンライン", "対面"]
    assert sorted(row[-2] for row in rows) == ["夜の開催だと助かります", "短めだと参加しやすい"]

    switch_language(page, "en")
    expect(section_headings(page)).to_have_text(["1. Comments", f"2. {FORMAT_EN} (removed)"])
    assert_accessible(page)
    switch_language(page, "ja")

    # Put it back from its page, listed under the removed questions.
    page.goto(f"/dxq/insights/surveys/{survey.pk}/")
    page.locator("main h3 ~ ul").get_by_role("link", name=FORMAT_JA).click()
    page.wait_for_url(f"**/surveys/{survey.pk}/questions/{fmt.pk}/")
    expect(page.locator("main .dxq-notice[role=status]")).to_contain_text(
        "この設問はアンケートから外されています。"
    )
    expect(page.get_by_role("button", name="設問を削除")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="設問をアンケートに戻す").click()
    page.wait_for_url(f"**/dxq/insights/surveys/{survey.pk}/")
    expect(page.locator(".dxq-messages")).to_contain_text("設問をアンケートに戻しました。")
    expect(page.locator("main h3", has_text="外した設問")).to_have_count(0)
    expect(offered).to_have_count(2)
    expect(offered.first).to_contain_text(FORMAT_JA)
    assert_accessible(page)
    fmt.refresh_from_db()
    assert not fmt.removed

    page.get_by_role("link", name="結果", exact=True).click()
    page.wait_for_url(f"**/surveys/{survey.pk}/results/")
    expect(section_headings(page)).to_have_text([f"1. {FORMAT_JA}", f"2. {COMMENT_JA}"])
    expect(page.locator("main")).not_to_contain_text("削除済み")
    header, rows = downloaded_sheet(page)
    assert header[-2:] == [FORMAT_JA, COMMENT_JA]
    assert sorted(row[-2] for row in rows) == ["オンライン", "対面"]
