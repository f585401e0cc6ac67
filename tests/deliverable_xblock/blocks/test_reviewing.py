"""The review flow through the block: three learners submit and review each other (two reviews
each), reviewers never see who wrote the work, authors rate and flag what they got, and the
grade with its uncertainty appears once give-to-get is met and is published to the runtime."""

import re

import pytest
from django.utils import translation

from deliverable_xblock import api
from deliverable_xblock.blocks import identity
from deliverable_xblock.models import Assignment
from tests.deliverable_xblock.test_files import PDF

pytestmark = pytest.mark.django_db

GOOD = {"situation": "l3", "issues": "l3", "plan": "l2", "people": "l3"}


@pytest.fixture(autouse=True)
def japanese():
    with translation.override("ja"):
        yield


def review_once(harness, scores=GOOD):
    leased = harness.call("request_review", {})
    assert leased["ok"], leased
    html = leased["sections"]["review"]
    assignment = int(re.search(r'data-assignment="(\d+)"', html).group(1))
    result = harness.call(
        "submit_review",
        {
            "assignment": assignment,
            "scores": scores,
            "comments": {"advice": "根拠の数字が分かりやすい。優先度を一つに絞るとなお良い。"},
            "overall": "全体として筋が通っています。",
        },
    )
    return html, result


def test_a_learner_must_submit_before_reviewing(course, make_user):
    refused = course.harness(make_user()).call("request_review", {})
    assert (refused["ok"], refused["code"]) == (False, "not_submitted")
    assert "まず自分の成果物を提出" in refused["message"]


def test_nothing_to_review_is_said_plainly(course, make_user):
    alone = course.harness(make_user())
    alone.call("submit_work", {"text": "<p>一人目</p>"})
    refused = alone.call("request_review", {})
    assert (refused["ok"], refused["code"]) == (False, "nothing_to_review")
    assert "いまレビューできる成果物はありません" in refused["message"]


def test_a_reviewer_sees_the_work_and_the_rubric_but_not_the_author(trio):
    sato, suzuki, takahashi = trio
    seen = []
    for reviewer in (suzuki, takahashi):
        html = reviewer.call("request_review", {})["sections"]["review"]
        seen.append(html)
        assert "現状把握" in html
        assert "優れている" in html
        assert "4点" in html
        assert "よかった点と改善のヒント" in html  # the feedback-only criterion
        assert "評価するスキル：ビジネスアナリシス (BT-2-3) / データ理解・活用 (DU-1-1)" in html
        assert 'role="timer"' in html
        for name in ("learner-sato", "learner-suzuki", "learner-takahashi", "sato_"):
            assert name not in html
    # Both got a work that is not theirs; the file of sato's work is shown as "添付ファイル1".
    sato_review = next(h for h in seen if "佐藤の計画" in h)
    assert "添付ファイル1.pdf" in sato_review
    reviewer = (suzuki, takahashi)[seen.index(sato_review)]
    live = api.current_assignment(identity.block_key(reviewer.block), reviewer.user)
    sha = live.files[0]["sha256"]
    response = reviewer.download(f"a/{live.id}/{sha}")
    assert response.status_code == 200
    assert response.body == PDF
    assert "attachment-1.pdf" in response.headers["Content-Disposition"]
    assert "sato" not in response.headers["Content-Disposition"]
    other = suzuki if reviewer is takahashi else takahashi
    assert other.download(f"a/{live.id}/{sha}").status_code == 404


def test_scores_missing_are_refused_per_criterion_and_nothing_is_recorded(trio):
    reviewer = trio[1]
    html = reviewer.call("request_review", {})["sections"]["review"]
    assignment = int(re.search(r'data-assignment="(\d+)"', html).group(1))
    refused = reviewer.call(
        "submit_review",
        {"assignment": assignment, "scores": {"situation": "l2"}, "comments": {}, "overall": ""},
    )
    assert refused["ok"] is False
    assert refused["code"] == "invalid_scores"
    assert set(refused["errors"]) == {"issues", "plan", "people", "advice"}
    assert api.reviews_done(identity.block_key(reviewer.block), reviewer.user) == 0
    assert Assignment.objects.get(pk=assignment).state == Assignment.LEASED


def test_malformed_review_requests_are_refused(trio):
    reviewer = trio[1]
    for body in (
        {"assignment": "1", "scores": {}},
        {"assignment": True, "scores": {}},
        {"assignment": 1, "scores": ["l1"]},
    ):
        assert reviewer.call("submit_review", body, status=400)["code"] == "bad_request"


def test_someone_elses_assignment_is_refused(trio):
    suzuki, takahashi = trio[1], trio[2]
    html = suzuki.call("request_review", {})["sections"]["review"]
    assignment = int(re.search(r'data-assignment="(\d+)"', html).group(1))
    refused = takahashi.call(
        "submit_review", {"assignment": assignment, "scores": GOOD, "comments": {}}, status=403
    )
    assert refused["code"] == "not_your_assignment"


def test_a_review_of_work_replaced_meanwhile_says_so_and_offers_a_new_one(trio):
    sato, suzuki, _ = trio
    html = suzuki.call("request_review", {})["sections"]["review"]
    assignment = int(re.search(r'data-assignment="(\d+)"', html).group(1))
    author = next(h for h, t in zip(trio, ("佐藤", "鈴木", "高橋"), strict=True) if t in html)
    author.call("submit_work", {"text": "<p>書き直しました</p>"})
    result = suzuki.call(
        "submit_review",
        {"assignment": assignment, "scores": GOOD, "comments": {"advice": "良い"}},
    )
    assert (result["ok"], result["code"]) == (False, "lease_expired")
    assert 'data-action="request-review"' in result["sections"]["review"]


def test_the_whole_flow_to_a_grade_with_its_uncertainty(trio, django_capture_on_commit_callbacks):
    sato, suzuki, takahashi = trio
    key = identity.block_key(sato.block)
    before = sato.html()
    assert "評価を受けるには" in before or "仲間があなたの成果物をレビューすると" in before
    with django_capture_on_commit_callbacks(execute=True):
        for reviewer in (suzuki, takahashi, sato, suzuki, takahashi):
            _html, result = review_once(reviewer)
            assert result["ok"], result
            assert "レビューを送信しました" in result["message"]
    # sato has done one review of two: her grade is hidden (give to get).
    received = api.reviews_received(key, sato.user)
    assert len(received) == 2
    page = sato.html()
    assert "あと1件の仲間の成果物をレビュー" in page
    assert "おそらく" not in page
    assert "受け取ったレビュー" in page
    assert "レビュー2" in page
    assert "全体として筋が通っています。" in page
    for name in ("learner-suzuki", "learner-takahashi"):
        assert name not in page
    with django_capture_on_commit_callbacks(execute=True):
        _html, result = review_once(sato)
    assert "担当のレビューは完了しました" in result["sections"]["review"]
    page = sato.html()
    grade = api.grade_of(key, sato.user)
    assert grade.visible
    text = re.search(r'data-role="grade">([^<]+)<', page).group(1)
    assert re.fullmatch(r"\d+(\.\d)?/16 点（おそらく \d+〜\d+ 点）", text), text
    assert grade.published
    assert grade.final
    assert "この評価は確定しており" in page
    assert sato.published("grade")[-1] == {
        "value": grade.total,
        "max_value": 16.0,
        "only_if_higher": None,
    }
    assert sato.published("completion") == [{"completion": 1.0}]
    with translation.override("en"):
        english = sato.html()
    assert re.search(r'data-role="grade">\d+(\.\d)?/16(, likely \d+–\d+)?<', english)


def test_rating_and_flagging_a_review(trio, django_capture_on_commit_callbacks):
    sato, suzuki, takahashi = trio
    for reviewer in (suzuki, takahashi, sato, suzuki, takahashi, sato):
        review_once(reviewer)
    key = identity.block_key(sato.block)
    first = api.reviews_received(key, sato.user)[0]
    refused = sato.call("rate_review", {"review": first.id, "helpful": 7})
    assert (refused["ok"], refused["code"]) == (False, "bad_rating")
    assert "1〜5" in refused["message"]
    rated = sato.call(
        "rate_review", {"review": first.id, "helpful": 4, "comment": "参考になりました"}
    )
    assert rated["ok"]
    assert "5段階中4" in rated["message"]
    assert api.reviews_received(key, sato.user)[0].my_rating == 4
    # A review sato did not receive cannot be rated or flagged by her.
    others = api.reviews_received(key, suzuki.user)[0]
    assert sato.call("rate_review", {"review": others.id, "helpful": 5}, status=403)
    assert sato.call("flag_review", {"review": others.id, "reason": "abusive"}, status=403)
    refused = sato.call("flag_review", {"review": first.id, "reason": "because"})
    assert (refused["ok"], refused["code"]) == (False, "bad_reason")
    flagged = sato.call("flag_review", {"review": first.id, "reason": "careless", "text": "空欄"})
    assert flagged["ok"]
    assert "運営チームが確認します" in flagged["sections"]["received"]
    assert api.reviews_received(key, sato.user)[0].flagged
