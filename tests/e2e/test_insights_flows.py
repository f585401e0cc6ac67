"""Program insights in the browser: feedback from a case page to "you said, we did"; an alumnus
answers a survey, leaves and resumes it; an operator reads the health dashboard and downloads
its XLSX. Japanese first, English by the header's switch; axe clean; nothing off the server."""

import io
import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from community_plugin import api as community
from community_plugin.insights import demo, surveys
from community_plugin.insights.models import FeedbackItem, Response
from tests.e2e.helpers import assert_accessible, login, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_case(settings, tmp_path, transactional_db):
    """The demo case with its datasets, as `make demo` loads it."""
    from workbench.runtime_util import reset_global_state

    reset_global_state()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    call_command("dxq_demo_case", stdout=io.StringIO())
    yield
    from casestudy_xblock.datasets import query

    query.close_readers()


def logout(page):
    page.locator("form.dxq-logout button[type=submit]").click()
    page.wait_for_url("**/login/")


def test_feedback_from_a_case_page_reaches_you_said_we_did(page, demo_case):
    login(page, "learner1")
    page.goto("/workbench/scenario/dxq_case.1/")
    page.wait_for_load_state("networkidle")
    page.locator("footer a", has_text="事務局にご意見を送る").click()
    page.wait_for_url(re.compile(r"/dxq/insights/feedback/\?from="))
    expect(page.locator("h1")).to_have_text("ご意見を送る")
    expect(page.locator("#id_page_url")).to_have_value(
        re.compile(r"^/workbench/scenario/dxq_case\.1/")
    )
    assert_accessible(page)
    # A missing category is refused in Japanese; the text is kept.
    page.fill("#id_text", "ユニット1の受注実績に、項目の説明表がほしいです。")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_category_error")).to_contain_text("この項目は必須です")
    expect(page.locator("#id_text")).to_have_value(
        "ユニット1の受注実績に、項目の説明表がほしいです。"
    )
    page.select_option("#id_category", "content")
    page.select_option("#id_program", "case_study")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/dxq/insights/feedback/mine/")
    expect(page.locator("main table")).to_contain_text("項目の説明表がほしい")
    expect(page.locator("main table")).to_contain_text("新規")
    item = FeedbackItem.objects.get()
    assert item.page_url.startswith("/workbench/scenario/dxq_case.1/")
    logout(page)

    login(page, "operator")
    page.goto("/dxq/insights/feedback/board/")
    assert_accessible(page)
    page.locator("main table a", has_text="項目の説明表").click()
    page.select_option("#id_status", "done")
    page.fill("#id_reply", "各データセットに項目定義の表を追加しました。")
    page.check("#id_published")
    page.fill("#id_public_said", "データの項目説明がほしい")
    page.fill("#id_public_did", "各データセットに項目定義の表を追加しました")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".dxq-messages")).to_contain_text("保存しました")
    page.goto("/dxq/insights/you-said-we-did/")
    expect(page.locator("main")).to_contain_text("データの項目説明がほしい")
    expect(page.locator("main")).to_contain_text("各データセットに項目定義の表を追加しました")
    assert_accessible(page)
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("You said, we did")
    logout(page)

    login(page, "learner1")
    page.goto("/dxq/insights/feedback/mine/")
    expect(page.locator("main table")).to_contain_text("項目定義の表を追加しました")


def test_an_alumnus_answers_a_survey_leaves_and_resumes(page, demo_users):
    community.join_alumni(demo_users["learner2"].pk)
    survey = {s.slug: s for s in surveys.install_ready_surveys()}["graduate-follow-up"]
    login(page, "learner2")
    page.goto("/dxq/insights/surveys/mine/")
    page.locator("main a", has_text="修了生フォローアップ調査").click()
    expect(page.locator("h1")).to_have_text("修了生フォローアップ調査(昨年度修了者)")
    assert_accessible(page)
    questions = list(survey.questions.all())
    skills, career, likert, number, nps, text = questions
    page.locator(f"label[for='q{skills.pk}-1']").click()
    page.locator(f"label[for='q{skills.pk}-3']").click()
    page.locator(f"label[for='q{career.pk}-1']").click()
    page.fill(f"#q{text.pk}", "修了生の勉強会を続けてほしい")
    page.locator("button[name=save]").click()
    expect(page.locator(".dxq-messages")).to_contain_text("回答を保存しました")

    page.goto("/home/")  # leaves ...
    page.goto("/dxq/insights/surveys/mine/")  # ... and comes back
    page.locator("main a", has_text="修了生フォローアップ調査").click()
    expect(page.locator("[role=status].dxq-notice")).to_contain_text("保存した回答")
    expect(page.locator(f"#q{skills.pk}-1")).to_be_checked()
    expect(page.locator(f"#q{skills.pk}-3")).to_be_checked()
    expect(page.locator(f"#q{career.pk}-1")).to_be_checked()
    expect(page.locator(f"#q{text.pk}")).to_have_value("修了生の勉強会を続けてほしい")

    # The English page shows the English wording of the same questions.
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Follow-up survey for last year's graduates")
    expect(page.locator("main")).to_contain_text("Which skills have you used at work")
    assert_accessible(page)

    page.locator("button[name=submit]").click()  # the Likert and NPS questions are required
    expect(page.locator(f"#err-{likert.pk}")).to_be_visible()
    page.locator(f"label[for='q{likert.pk}-4']").click()
    page.locator(f"label[for='q{nps.pk}-10']").click()
    page.fill(f"#q{number.pk}", "2")
    page.locator("button[name=submit]").click()
    expect(page.locator("main")).to_contain_text("your answers have been received")
    response = Response.objects.get(survey=survey)
    assert response.user_id is None
    assert response.submitted_on is not None
    assert response.answers[str(text.pk)] == "修了生の勉強会を続けてほしい"


def test_an_operator_reads_the_dashboard_and_downloads_it(page, demo_users):
    demo.load()
    login(page, "operator")
    page.goto("/dxq/insights/")
    expect(page.locator("h1")).to_have_text("コミュニティの健全性")
    sections = page.locator("section.dxq-metric")
    expect(sections).to_have_count(20)
    expect(page.locator("#metric-peer_answers svg[role=img]")).to_be_visible()
    expect(page.locator("#metric-first_response table tbody tr")).to_have_count(5)
    expect(page.locator("#metric-threads .dxq-metric__figure")).not_to_have_text(
        re.compile(r"^\s*0\s")
    )
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.locator("main a", has_text="全指標をダウンロード(XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(download.path().read_bytes()))
    assert len(workbook.sheetnames) == 21  # the summary and one sheet per metric
    summary = workbook[workbook.sheetnames[0]]
    assert summary.max_row == 21
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Community health")
    expect(page.locator("#h-peer_answers")).to_have_text("Peer-answer rate")
    assert_accessible(page)
