"""The learner's own work through the block's handlers: who may call them, drafts, files,
submitting and resubmitting; bad input is refused with a clear message and keeps the draft."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from deliverable_xblock import api
from deliverable_xblock.blocks import identity
from tests.deliverable_xblock.test_files import JPEG, PDF, PNG, XLSX

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def japanese():
    with translation.override("ja"):
        yield


def draft(harness):
    return api.draft_of(identity.block_key(harness.block), harness.user)


# --- who may call -------------------------------------------------------------------------------


def test_anonymous_visitors_see_the_task_and_are_refused_by_every_handler(course, media):
    visitor = course.harness(None)
    html = visitor.html()
    assert "課題マップ" in html
    assert "参加するにはサインインしてください" in html
    assert 'data-section="work"' not in html
    for handler, data in [
        ("save_draft", {"text": "<p>x</p>"}),
        ("submit_work", {"text": "<p>x</p>"}),
        ("request_review", {}),
        ("rate_review", {"review": 1, "helpful": 5}),
    ]:
        refused = visitor.call(handler, data, status=403)
        assert refused["code"] == "not_signed_in"
        assert "サインイン" in refused["error"]
    assert visitor.download(f"own/{'0' * 64}").status_code == 403


def test_a_learner_not_enrolled_is_refused(course, make_user, monkeypatch, media):
    from casestudy_xblock import platform

    monkeypatch.setattr(platform, "is_enrolled", lambda user, course_id: False)
    refused = course.harness(make_user()).call("submit_work", {"text": "<p>x</p>"}, status=403)
    assert refused["code"] == "not_enrolled"
    assert "受講登録" in refused["error"]


def test_a_workbench_link_made_for_someone_else_is_refused(course, make_user, media):
    owner, other = make_user(), make_user()
    harness = course.harness(owner)
    harness.user = other  # the other person opens the owner's link
    assert harness.call("save_draft", {"text": "<p>x</p>"}, status=403)["code"] == "not_signed_in"
    assert api.draft_of(identity.block_key(harness.block), other) is None


def test_wrong_method_and_body_are_refused(course, make_user):
    harness = course.harness(make_user())
    assert harness.request("save_draft", None, method="GET").status_code == 405
    assert harness.call("save_draft", b"not json", status=400)["code"] == "bad_request"
    assert harness.call("save_draft", {"text": 42}, status=400)["code"] == "bad_request"


# --- drafts -------------------------------------------------------------------------------------


def test_a_draft_is_sanitised_saved_and_shown_again(course, make_user):
    harness = course.harness(make_user())
    saved = harness.call(
        "save_draft",
        {
            "text": '<p onclick="x()">現状<script>alert(1)</script><b>課題</b>'
            '<img src="/media/x.png"><a href="javascript:alert(1)">a</a></p>'
        },
    )
    assert saved["ok"]
    assert saved["status"].startswith("下書きを保存しました")
    stored = draft(harness)["text_html"]
    assert "<b>課題</b>" in stored
    for bad in ("script", "onclick", "<img", "javascript:"):
        assert bad not in stored
    assert "<b>課題</b>" in harness.html()


def test_an_answer_too_long_is_refused_and_the_old_draft_stays(course, make_user):
    harness = course.harness(make_user())
    harness.call("save_draft", {"text": "<p>最初の下書き</p>"})
    refused = harness.call("save_draft", {"text": "<p>" + "あ" * 200_001 + "</p>"})
    assert (refused["ok"], refused["code"]) == (False, "answer_too_long")
    assert "長すぎます" in refused["message"]
    assert draft(harness)["text_html"] == "<p>最初の下書き</p>"


def test_an_empty_answer_cannot_be_submitted(course, make_user):
    harness = course.harness(make_user())
    harness.call("save_draft", {"text": "<p>書きかけ</p>"})
    refused = harness.call("submit_work", {"text": "<p> &nbsp; </p><br>"})
    assert (refused["ok"], refused["code"]) == (False, "empty_answer")
    assert "回答を書くか" in refused["message"]
    assert api.submission_of(identity.block_key(harness.block), harness.user) is None
    assert draft(harness)["text_html"] == "<p>書きかけ</p>"


# --- files --------------------------------------------------------------------------------------


def test_a_pdf_is_stored_once_by_content_and_listed(course, make_user, media):
    first, second = course.harness(make_user()), course.harness(make_user())
    result = first.upload("課題マップ.pdf", PDF, text="<p>本文</p>")
    assert result["ok"]
    assert "課題マップ.pdf" in result["message"]
    assert "課題マップ.pdf" in result["sections"]["work"]
    files = draft(first)["files"]
    assert [f["name"] for f in files] == ["課題マップ.pdf"]
    assert files[0]["content_type"] == "application/pdf"
    path = files[0]["storage_path"]
    assert path == f"dxq_deliverable/files/{files[0]['sha256'][:2]}/{files[0]['sha256']}.pdf"
    assert default_storage.open(path).read() == PDF
    assert draft(first)["text_html"] == "<p>本文</p>"
    second.upload("other-name.pdf", PDF)
    assert draft(second)["files"][0]["storage_path"] == path  # the same bytes, stored once
    assert len(list((media / "dxq_deliverable" / "files" / path.split("/")[2]).iterdir())) == 1


@pytest.mark.parametrize(
    ("name", "data", "code", "words"),
    [
        ("計画.pdf", b"MZ\x90\x00this is a program", "disguised", "拡張子"),
        ("図.png", JPEG, "disguised", "拡張子"),
        ("memo.docx", PDF, "wrong_type", "PDF"),
        ("空.pdf", b"", "empty", "空"),
    ],
)
def test_bad_files_are_refused_in_japanese_and_the_text_is_kept(
    course, make_user, media, name, data, code, words
):
    harness = course.harness(make_user())
    refused = harness.upload(name, data, text="<p>打ち込んだ本文</p>")
    assert (refused["ok"], refused["code"]) == (False, code)
    assert name in refused["message"]
    assert words in refused["message"]
    kept = draft(harness)
    assert kept["text_html"] == "<p>打ち込んだ本文</p>"
    assert kept["files"] == []
    assert not (media / "dxq_deliverable").exists()


def test_an_oversize_file_is_refused_with_the_limit(make_course, make_user, content, media):
    course = make_course({**content, "max_file_mb": 1})
    harness = course.harness(make_user())
    refused = harness.upload("大きい.png", PNG + b"\x00" * (1024 * 1024))
    assert refused["code"] == "too_large"
    assert "1 MB" in refused["message"]


def test_a_zip_bomb_disguised_as_a_workbook_is_refused(course, make_user, media):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/sharedStrings.xml", b"0" * (30 * 1024 * 1024))
    refused = course.harness(make_user()).upload("数字.xlsx", buffer.getvalue())
    assert refused["code"] == "zip_bomb"


def test_files_are_limited_in_number_and_can_be_removed(make_course, make_user, content, media):
    course = make_course({**content, "max_files": 2})
    harness = course.harness(make_user())
    assert harness.upload("a.pdf", PDF)["ok"]
    assert harness.upload("b.xlsx", XLSX)["ok"]
    refused = harness.upload("c.png", PNG)
    assert refused["code"] == "too_many_files"
    sha = draft(harness)["files"][0]["sha256"]
    removed = harness.call("remove_file", {"sha256": sha, "text": "<p>t</p>"})
    assert removed["ok"]
    assert [f["name"] for f in draft(harness)["files"]] == ["b.xlsx"]
    assert harness.call("remove_file", {"sha256": sha})["code"] == "unknown_file"


def test_a_learner_downloads_their_file_and_nobody_else_can(course, make_user, media):
    owner, other = course.harness(make_user()), course.harness(make_user())
    owner.upload("計画.pdf", PDF)
    sha = draft(owner)["files"][0]["sha256"]
    response = owner.download(f"own/{sha}")
    assert response.status_code == 200
    assert response.body == PDF
    assert response.content_type == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response.headers["Content-Disposition"]
    assert other.download(f"own/{sha}").status_code == 404
    assert owner.download("own/../../settings.py").status_code == 404
    assert owner.download(f"a/1/{sha}").status_code == 404


# --- submitting ---------------------------------------------------------------------------------


def test_submit_then_resubmit_makes_a_new_version(course, make_user, media):
    harness = course.harness(make_user())
    harness.upload("図.png", PNG, text="<p>第1版</p>")
    result = harness.call("submit_work", {"text": "<p>第1版</p>"})
    assert result["ok"]
    assert "提出しました" in result["message"]
    assert "第1版" in result["sections"]["work"]
    key = identity.block_key(harness.block)
    first = api.submission_of(key, harness.user)
    assert first.attempt == 1
    assert [f["name"] for f in first.files] == ["図.png"]
    assert draft(harness) is None  # the draft became the submission
    again = harness.call("submit_work", {"text": "<p>第2版</p>"})
    assert "再提出" in again["sections"]["work"] or "もう一度提出" in again["sections"]["work"]
    second = api.submission_of(key, harness.user)
    assert (second.attempt, second.text_html) == (2, "<p>第2版</p>")
    assert [f["name"] for f in second.files] == ["図.png"]  # files carry over


def test_nothing_can_change_after_the_deadline(make_course, make_user, content, media):
    past = (timezone.now() - timedelta(hours=1)).isoformat()
    course = make_course({**content, "deadline": past})
    harness = course.harness(make_user())
    html = harness.html()
    assert "締切を過ぎました" in html
    assert 'contenteditable="true"' not in html
    for handler in ("save_draft", "submit_work"):
        refused = harness.call(handler, {"text": "<p>遅れた</p>"})
        assert (refused["ok"], refused["code"]) == (False, "deadline_passed")
        assert "締切" in refused["message"]
    assert api.submission_of(identity.block_key(harness.block), harness.user) is None


def test_the_deadline_is_shown_in_local_time(make_course, make_user, content):
    course = make_course({**content, "deadline": "2026-12-20T23:59:00+09:00"})
    html = course.harness(make_user()).html()
    assert "2026年12月20日" in html
    assert "23:59" in html


# --- team submissions ---------------------------------------------------------------------------


@pytest.fixture
def team_course(make_course, content):
    return make_course({**content, "team_mode": True})


def join(user, team):
    from deliverable_xblock.models import TeamMembership

    TeamMembership.objects.create(course_key=identity.WORKBENCH_COURSE, team_id=team, user=user)


def test_a_team_shares_one_submission_any_member_can_update(team_course, make_user, media):
    alice, bob, carol = make_user(), make_user(), make_user()
    join(alice, "yamanami-a")
    join(bob, "yamanami-a")
    join(carol, "yamanami-b")
    a, b, c = (team_course.harness(u) for u in (alice, bob, carol))
    a.upload("提案資料.pdf", PDF, text="<p>チームの提案 第1版</p>")
    assert a.call("submit_work", {"text": "<p>チームの提案 第1版</p>"})["ok"]
    page = b.html()
    assert "チームの成果物" in page
    assert "チームの提案 第1版" in page  # bob's editor starts from the team's work
    assert "チームが第1版を提出しました" in page
    assert "提案資料.pdf" in page
    assert b.call("submit_work", {"text": "<p>チームの提案 第2版</p>"})["ok"]
    key = identity.block_key(a.block)
    for member in (alice, bob):
        shared = api.submission_of(key, member)
        assert (shared.attempt, shared.text_html) == (2, "<p>チームの提案 第2版</p>")
        assert [f["name"] for f in shared.files] == ["提案資料.pdf"]
    assert api.submission_of(key, carol) is None
    assert "チームの提案" not in c.html()


def test_a_teammates_newer_submission_wins_over_an_older_draft(team_course, make_user):
    alice, bob = make_user(), make_user()
    join(alice, "team-x")
    join(bob, "team-x")
    a, b = team_course.harness(alice), team_course.harness(bob)
    a.call("save_draft", {"text": "<p>アリスの古い下書き</p>"})
    b.call("submit_work", {"text": "<p>ボブが出した版</p>"})
    page = a.html()
    assert "ボブが出した版" in page
    assert "アリスの古い下書き" not in page
    a.call("save_draft", {"text": "<p>アリスが続きを書く</p>"})
    assert "アリスが続きを書く" in a.html()


def test_a_learner_without_a_team_is_told_so(team_course, make_user):
    harness = team_course.harness(make_user())
    assert "まだチームに入っていません" in harness.html()
    refused = harness.call("submit_work", {"text": "<p>下書き</p>"})
    assert (refused["ok"], refused["code"]) == (False, "no_team")
    assert "まだチームに入っていません" in refused["message"]


def test_a_new_block_without_a_rubric_shows_and_says_so(make_course, make_user):

    course = make_course({"display_name": "新しい成果物"})
    harness = course.harness(make_user())
    assert "新しい成果物" in harness.html()
    refused = harness.call("submit_work", {"text": "<p>書きました</p>"})
    assert (refused["ok"], refused["code"]) == (False, "no_rubric")
    assert "ルーブリックがありません" in refused["message"]
    assert harness.call("request_review", {})["code"] == "no_rubric"
    assert "ルーブリックがありません" in harness.html("author_view")
