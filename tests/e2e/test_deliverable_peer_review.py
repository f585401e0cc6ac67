"""The deliverable block (dxq_deliverable) in the workbench, end to end in Chromium: two learners
write and submit (with a file), review each other and a third learner's work, rate and flag the
reviews they got, and see their grades with the uncertainty, in Japanese and in English; an
operator handles the flag; a team shares one submission; a lease runs out. Every page is
axe-checked and nothing leaves the server."""

import re

import pytest
from playwright.sync_api import expect

from tests.deliverable_xblock.test_files import PDF
from tests.e2e.helpers import assert_accessible, login, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

INDIVIDUAL, TEAM = "dxq_deliverable.0", "dxq_deliverable.1"
#: Waits for the server's work (allocation, grading) on a machine shared with other test runs.
SERVER_MS = 20_000


@pytest.fixture(autouse=True)
def fresh_workbench(transactional_db, settings, tmp_path):
    from workbench.runtime_util import reset_global_state

    settings.MEDIA_ROOT = str(tmp_path / "media")
    reset_global_state()


def open_scenario(page, user, scenario=INDIVIDUAL):
    from casestudy_xblock.api import workbench_student_id

    page.goto(f"/workbench/scenario/{scenario}/?student={workbench_student_id(user)}")
    block = page.locator(".dxq-deliv")
    expect(block.locator("h2")).to_be_visible()
    return block


def usage_of(page):
    return page.locator("[data-block-type='dxq_deliverable']").first.get_attribute("data-usage")


def logout(page):
    page.locator("form.dxq-logout button[type=submit]").click()
    page.wait_for_url("**/login/")


def write_and_submit(page, block, text, attach=None):
    answer = block.locator("[data-role=answer]")
    answer.click()
    answer.fill(text)
    expect(block.locator("[data-role=save-status]")).to_contain_text("下書きを保存しました")
    if attach:
        block.locator("input[type=file]").set_input_files(
            files=[{"name": attach, "mimeType": "application/pdf", "buffer": PDF}]
        )
        block.locator("[data-action=upload]").click()
        expect(block.locator("[data-role=save-status]")).to_contain_text(f"{attach} を添付しました")
        expect(block.locator("[data-role=answer]")).to_contain_text(text)
    block.locator("form[data-role=work-form] button[type=submit]").click()
    expect(block.locator("[data-role=submitted]")).to_contain_text(
        "第1版を提出しました", timeout=SERVER_MS
    )


def _wait_until(page, condition, what, timeout_ms=SERVER_MS):
    """Wait for a condition of this process (not of the page) that browser events make true."""
    for _ in range(timeout_ms // 50):
        if condition():
            return
        page.wait_for_timeout(50)  # lets Playwright deliver the browser's events
    pytest.fail(f"timed out waiting for {what}")


def _draft_saved_with(text):
    """Predicate of expect_response: the autosave of a draft containing ``text`` succeeded."""

    def saved(response):
        request = response.request
        return "/save_draft/" in response.url and response.ok and text in (request.post_data or "")

    return saved


def review_next(page, block, levels=("l3", "l2", "l3", "l2")):
    """Ask for a peer's work and review it; returns the text of the work reviewed."""
    block.locator("[data-action=request-review]").click()
    form = block.locator("form[data-role=review-form]")
    expect(block.locator("[data-section=review] [role=alert]")).to_have_text("")
    expect(form.locator("[data-role=lease]")).to_contain_text(
        "このレビューの残り時間", timeout=SERVER_MS
    )
    work = form.locator("[data-role=peer-work]").inner_text()
    for criterion, level in zip(("situation", "issues", "plan", "people"), levels, strict=True):
        form.locator(f"[data-criterion={criterion}] input[value={level}]").check()
    form.locator("[data-criterion=advice] textarea").fill(
        "数字の根拠が明確です。打ち手の順番も示すとさらに良い。"
    )
    form.locator("textarea[name=overall]").fill("全体として読みやすい計画でした。")
    form.locator("button[type=submit]").click()
    expect(block.locator("[data-section=review] [role=alert]")).to_contain_text(
        "レビューを送信しました", timeout=SERVER_MS
    )
    return work


def test_two_learners_review_each_other_and_see_grades_with_uncertainty(page, demo_users):
    from deliverable_xblock import api

    learner1, learner2 = demo_users["learner1"], demo_users["learner2"]

    # learner1: an empty answer is refused, then she writes, attaches a PDF and submits.
    login(page, "learner1")
    block = open_scenario(page, learner1)
    expect(block.locator("h2")).to_have_text("課題マップと改善計画：やまなみ精工")
    assert_accessible(page)
    block.locator("form[data-role=work-form] button[type=submit]").click()
    expect(block.locator("[data-role=work-error]")).to_have_text(
        "提出する前に、回答を書くかファイルを添付してください。"
    )
    block.locator("input[type=file]").set_input_files(
        files=[{"name": "偽物.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00exe"}]
    )
    block.locator("[data-action=upload]").click()
    expect(block.locator("[data-role=work-error]")).to_contain_text("中身が拡張子と一致しません")
    write_and_submit(page, block, "受注のFAX入力が遅れの根本原因です。", attach="課題マップ.pdf")
    expect(block.locator("[data-role=files]")).to_contain_text("課題マップ.pdf")
    assert_accessible(page)
    usage = usage_of(page)
    logout(page)

    # learner2 submits; a third learner submits through the API.
    login(page, "learner2")
    block = open_scenario(page, learner2)
    write_and_submit(page, block, "日報のデジタル化から始めるべきです。")
    third = demo_users["company"]
    api.submit(usage, "course-v1:dxq+workbench+demo", third, text_html="<p>三人目の計画</p>")

    # learner2 reviews two peers' work: never her own, never the author's name.
    seen = [review_next(page, block), review_next(page, block)]
    assert not any("日報のデジタル化" in text for text in seen)
    expect(block.locator("[data-role=progress]")).to_have_text("完了したレビュー：2件中2件")
    assert_accessible(page)
    logout(page)

    # learner1 reviews two as well; the third learner reviews two through the API.
    login(page, "learner1")
    block = open_scenario(page, learner1)
    review_next(page, block)
    expect(block.locator("[data-section=grade]")).to_contain_text("あと1件")
    review_next(page, block)
    for _ in range(2):
        lease = api.request_review(usage, third)
        api.submit_review(
            lease.id,
            third,
            scores={"situation": "l2", "issues": "l3", "plan": "l2", "people": "l2"},
            comments={"advice": "図がわかりやすい。"},
            overall_comment="よくまとまっています。",
        )

    # learner1 sees both reviews (anonymous), rates one, flags the other, and sees her grade.
    block.locator("[data-action=refresh]").click()
    reviews = block.locator("[data-review]")
    expect(reviews).to_have_count(2)
    # The clicked button has the focus at once; this is the one that came with the new reviews.
    expect(block.locator("[data-action=refresh]")).to_be_focused()
    expect(block.locator("[data-section=received]")).not_to_contain_text("learner2")
    first = reviews.nth(0)
    first.locator("form[data-role=rate-form] button[type=submit]").click()
    expect(first.locator("[data-role=rate-status]")).to_contain_text("1〜5で選んでください")
    first.locator("select[name=helpful]").select_option("4")
    first.locator("form[data-role=rate-form] button[type=submit]").click()
    expect(first.locator("[data-role=rate-status]")).to_have_text(
        "このレビューを5段階中4と評価しました。"
    )
    second = reviews.nth(1)
    second.locator("summary").click()
    second.locator("select[name=reason]").select_option("careless")
    second.locator("input[name=text]").fill("点数とコメントが合っていません。")
    second.locator("form[data-role=flag-form] button[type=submit]").click()
    expect(block.locator("[data-review]").nth(1)).to_contain_text("運営チームが確認します")
    grade = block.locator("[data-role=grade]")
    expect(grade).to_have_text(re.compile(r"^\d+(\.\d)?/16 点（おそらく \d+〜\d+ 点）$"))
    expect(block.locator("[data-section=grade]")).to_contain_text("確定しており")
    assert_accessible(page)
    logout(page)

    # The operator handles the flag: the review is hidden and a replacement is requested.
    login(page, "operator")
    page.goto("/dxq/deliverable/operator/")
    flag = page.locator("[data-testid=peer-flags] li", has_text="点数とコメントが合っていません。")
    expect(flag).to_have_count(1)
    assert_accessible(page)
    flag.locator("button[name=action][value=hide]").click()
    # The page after the action says so (the list of the page being parsed is empty too).
    expect(page.locator(".dxq-messages")).to_contain_text(
        "レビューを非表示にし、新しいレビュアーを依頼しました。"
    )
    expect(page.locator("[data-testid=peer-flags] li")).to_have_count(0)
    logout(page)
    login(page, "learner1")
    block = open_scenario(page, learner1)
    expect(block.locator("[data-review]")).to_have_count(1)
    expect(block.locator("[data-section=received]")).not_to_contain_text(
        "点数とコメントが合っていません"
    )
    logout(page)

    # learner2, in English.
    login(page, "learner2")
    open_scenario(page, learner2)
    switch_language(page, "en")
    block = page.locator(".dxq-deliv")
    expect(block.locator("[data-section=received] h3")).to_have_text("Reviews you received")
    expect(block.locator("[data-role=grade]")).to_have_text(
        re.compile(r"^\d+(\.\d)?/16(, likely \d+–\d+)?$")
    )
    expect(block.locator("[data-role=progress]")).to_have_text("Reviews done: 2 of 2.")
    assert_accessible(page)


def test_a_team_shares_one_submission(page, demo_users):
    from deliverable_xblock.blocks.identity import WORKBENCH_COURSE
    from deliverable_xblock.models import TeamMembership

    learner1, learner2 = demo_users["learner1"], demo_users["learner2"]
    for user in (learner1, learner2):
        TeamMembership.objects.create(course_key=WORKBENCH_COURSE, team_id="team-a", user=user)

    login(page, "learner1")
    block = open_scenario(page, learner1, TEAM)
    expect(block.locator("[data-section=work] h3")).to_have_text("チームの成果物")
    expect(block.locator(".dxq-case__badge").first).to_have_text("チーム提出")
    write_and_submit(page, block, "取締役会への提案（第1版）", attach="提案資料.pdf")
    logout(page)

    login(page, "learner2")
    block = open_scenario(page, learner2, TEAM)
    expect(block.locator("[data-role=submitted]")).to_contain_text("チームが第1版を提出しました")
    expect(block.locator("[data-role=answer]")).to_have_text("取締役会への提案（第1版）")
    expect(block.locator("[data-role=files]")).to_contain_text("提案資料.pdf")
    assert_accessible(page)
    answer = block.locator("[data-role=answer]")
    answer.fill("取締役会への提案（第2版：数字を追加）")
    block.locator("form[data-role=work-form] button[type=submit]").click()
    expect(block.locator("[data-role=submitted]")).to_contain_text("第2版を提出しました")
    logout(page)

    login(page, "learner1")
    block = open_scenario(page, learner1, TEAM)
    expect(block.locator("[data-role=submitted]")).to_contain_text("チームが第2版を提出しました")
    expect(block.locator("[data-role=answer]")).to_contain_text("数字を追加")


def test_the_demo_shows_learner2_her_reviews_and_grade(page, demo_users):
    from deliverable_xblock.blocks import demo

    demo.load()
    login(page, "learner2")
    block = open_scenario(page, demo_users["learner2"])
    expect(block.locator("[data-role=submitted]")).to_contain_text("第1版を提出しました")
    expect(block.locator("[data-review]")).to_have_count(2)
    expect(block.locator("[data-role=grade]")).to_have_text(
        re.compile(r"^\d+(\.\d)?/16 点（おそらく \d+〜\d+ 点）$")
    )
    assert_accessible(page)
    logout(page)

    # learner1 has not submitted yet: she is asked to, and finds work waiting once she has.
    login(page, "learner1")
    block = open_scenario(page, demo_users["learner1"])
    expect(block.locator("[data-section=review]")).to_contain_text("まず自分の成果物を提出")
    write_and_submit(page, block, "FAX受注のWeb化を最優先にします。")
    review_next(page, block)
    expect(block.locator("[data-role=progress]")).to_have_text("完了したレビュー：2件中1件")


def test_a_lease_that_runs_out_is_announced_and_the_review_still_counts(page, demo_users):
    from datetime import timedelta

    from django.utils import timezone

    from deliverable_xblock import api
    from deliverable_xblock.models import Assignment

    learner2 = demo_users["learner2"]
    login(page, "learner2")
    block = open_scenario(page, learner2)
    write_and_submit(page, block, "日報のデジタル化から始めるべきです。")
    api.submit(
        usage_of(page),
        "course-v1:dxq+workbench+demo",
        demo_users["company"],
        text_html="<p>他の人の計画</p>",
    )
    block.locator("[data-action=request-review]").click()
    lease = block.locator("[data-role=lease]")
    expect(lease).to_contain_text("このレビューの残り時間：")
    # The page's clock is the test's from the reload on: the lease runs out when the test says,
    # not a few real seconds after a reload that may take longer than that under load.
    page.clock.install()
    page.reload()
    block = page.locator(".dxq-deliv")
    lease = block.locator("[data-role=lease]")
    expect(lease).to_contain_text("このレビューの残り時間：")
    # The lease runs out on the server, and in the page, where the countdown reaches zero.
    Assignment.objects.filter(reviewer=learner2).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    page.clock.fast_forward("02:00:00")  # more than the scenario's 60-minute lease
    expect(lease).to_contain_text("制限時間が過ぎました")
    assert_accessible(page)
    form = block.locator("form[data-role=review-form]")
    for criterion in ("situation", "issues", "plan", "people"):
        form.locator(f"[data-criterion={criterion}] input[value=l2]").check()
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-criterion=advice] [data-role=criterion-error]")).to_be_visible()
    expect(form.locator("[data-criterion=situation] input[value=l2]")).to_be_checked()
    form.locator("[data-criterion=advice] textarea").fill("具体的で分かりやすいです。")
    form.locator("button[type=submit]").click()
    expect(block.locator("[data-section=review] [role=alert]")).to_contain_text(
        "レビューを送信しました"
    )
    expect(block.locator("[data-role=progress]")).to_have_text("完了したレビュー：2件中1件")


def test_formatting_and_pasting_in_the_answer_editor(page, demo_users):
    learner1 = demo_users["learner1"]
    login(page, "learner1")
    block = open_scenario(page, learner1)
    answer = block.locator("[data-role=answer]")
    answer.click()
    page.keyboard.type("課題の全体像")
    page.keyboard.press("Control+A")
    block.get_by_role("button", name="太字").click()
    expect(answer.locator("b, strong")).to_have_text("課題の全体像")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    block.get_by_role("button", name="箇条書き").click()
    page.keyboard.type("受注のFAX")
    expect(answer.locator("ul li")).to_have_text("受注のFAX")
    # Pasted content from another program arrives as plain text (no styles, no markup).
    # Under load an autosave may already have run between two keys and said "saved": wait for
    # the save that carries the pasted text before reloading.
    with page.expect_response(_draft_saved_with("（貼り付けた文）"), timeout=SERVER_MS):
        answer.evaluate(
            """box => {
              const data = new DataTransfer();
              data.setData('text/html', '<span style="color:red">貼り付け</span>');
              data.setData('text/plain', '（貼り付けた文）');
              box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                cancelable: true}));
            }"""
        )
        expect(answer).to_contain_text("（貼り付けた文）")
        expect(answer.locator("[style]")).to_have_count(0)
    expect(block.locator("[data-role=save-status]")).to_contain_text("下書きを保存しました")
    page.reload()
    answer = page.locator(".dxq-deliv [data-role=answer]")
    expect(answer.locator("b, strong").first).to_have_text("課題の全体像")
    expect(answer.locator("ul li")).to_have_text("受注のFAX（貼り付けた文）")
    expect(answer.locator("[style]")).to_have_count(0)
    assert_accessible(page)


def test_submitting_right_after_typing_leaves_no_newer_draft(page, demo_users):
    """A fast learner types and clicks Submit at once. Leaving the editor autosaves the draft;
    that save must reach the server before the submission, which then clears the draft. Were
    it to arrive after, the block would keep a draft newer than the work submitted and say
    "draft saved" over the submission. The save is held back here to make the order visible."""
    login(page, "learner1")
    block = open_scenario(page, demo_users["learner1"])
    held, order = [], []
    page.on("request", lambda r: order.append(("sent", r.url.split("/")[-2])))
    page.on("requestfinished", lambda r: order.append(("answered", r.url.split("/")[-2])))
    page.route(re.compile(r"/save_draft/"), lambda route: held.append(route))  # released below
    answer = block.locator("[data-role=answer]")
    answer.click()
    answer.fill("在庫の見える化から始めます。")
    block.locator("form[data-role=work-form] button[type=submit]").click()
    _wait_until(page, lambda: held, "the autosave of leaving the editor")
    held[0].continue_()
    expect(block.locator("[data-role=submitted]")).to_contain_text(
        "第1版を提出しました", timeout=SERVER_MS
    )
    expect(block.locator("[data-role=save-status]")).not_to_contain_text("下書き")
    assert order.index(("answered", "save_draft")) < order.index(("sent", "submit_work"))
    page.reload()
    block = page.locator(".dxq-deliv")
    expect(block.locator("[data-role=submitted]")).to_contain_text("第1版を提出しました")
    expect(block.locator("[data-role=save-status]")).to_have_text("")
