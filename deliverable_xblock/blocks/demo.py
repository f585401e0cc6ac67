# Prose: Japanese characters count double towards the line length.
# ruff: noqa: E501
"""Demo data of the workbench deliverable 「課題マップと改善計画：やまなみ精工」 (idempotent).

Three demo peers (accounts without a password: they cannot sign in) and ``learner2`` submit and
review each other, so that ``learner2`` sees reviews received and a grade with its range, and
``learner1`` (who has not submitted) finds a work still waiting for a review once she submits. ``learner1``
and ``learner2`` form the team 「やまなみA」 of the team scenario.
"""

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from .. import api
from ..models import TeamMembership
from .identity import WORKBENCH_COURSE
from .scenarios import BLOCK_TYPE, ISSUE_MAP, SCENARIOS

#: The workbench's usage id of scenario 0 (xblock-sdk names it after the scenario's title and
#: numbers definitions and usages from 0); checked against the workbench by the tests.
BLOCK_KEY = f"{slugify(SCENARIOS[0][0])}.{BLOCK_TYPE}.d0.u0"
TEAM = "やまなみA"

PEERS = [
    ("demo-peer-nakamura", "中村", "翔"),
    ("demo-peer-kobayashi", "小林", "由美"),
    ("demo-peer-kato", "加藤", "健太"),
]

WORKS = {
    "learner2": """
<h4>1. 現状</h4><p>受注の6割がFAXで届き、事務の岡田さんが手入力している。入力待ちで生産計画が1〜2日遅れ、短納期の注文ほど遅れやすい。</p>
<h4>2. 課題マップ</h4><ul><li>結果：納期遅れ（月12件）、残業の偏り</li><li>原因：受注情報の入力遅れ、日報が紙で当日の進捗が見えない</li><li>根本原因：情報がデジタルで流れていない</li></ul>
<h4>3. 打ち手</h4><ol><li>受注のWeb化（担当：営業課、3か月、入力工数を月40時間削減）</li><li>Bラインで日報をタブレット入力（担当：製造課、2か月）</li></ol>
""",
    "demo-peer-nakamura": """
<h4>現状と課題</h4><p>不良率はDラインが突出（3.2%）。初品チェックが担当者の経験に頼っている。</p>
<h4>打ち手</h4><ol><li>初品チェックリストの標準化とタブレットでの記録</li><li>不良データの週次レビュー会</li></ol>
""",
    "demo-peer-kobayashi": """
<h4>課題マップ</h4><p>「人が足りない」の裏に、段取り替えの多さと紙の指示書がある。若手は指示書の読み違いを恐れて確認に時間を使っている。</p>
<h4>改善計画</h4><ul><li>指示書のデジタル化（写真付き）</li><li>段取り替えの記録から多い品目の組み合わせを見直す</li></ul>
""",
    "demo-peer-kato": """
<h4>改善計画（案）</h4><p>まず経営層と現場で課題マップを共有するワークショップを開く。そのうえで、効果が数字で見える日報のデジタル化から始める。</p>
""",
}

#: How good each work is, per criterion (situation, issues, plan, people), as reviewers see it.
QUALITY = {
    "learner2": (3, 3, 3, 2),
    "demo-peer-nakamura": (2, 2, 3, 2),
    "demo-peer-kobayashi": (3, 3, 2, 3),
    "demo-peer-kato": (2, 2, 2, 1),
}
#: Each reviewer's harshness (added to every level, kept within 0..4).
HARSHNESS = {"learner2": 0, "demo-peer-nakamura": 0, "demo-peer-kobayashi": -1, "demo-peer-kato": 1}
ADVICE = [
    (
        "原因と結果の整理が明快です。現場の負担への配慮を一言加えると良いです。",
        "具体的で読みやすい計画です。",
    ),
    (
        "打ち手に担当と期間があるのが良い。根本原因の根拠データがあるとさらに説得力が増します。",
        "現場目線が伝わります。",
    ),
    ("数字で現状を示せています。課題同士のつながりを図にすると伝わりやすいです。", ""),
    ("効果の見込みを数字で示すと、経営層が判断しやすくなります。", "優先順位が分かりやすいです。"),
]
CRITERIA = ("situation", "issues", "plan", "people")
#: Reviews each gives: one work is left short of a review, waiting for learner1.
REVIEW_COUNTS = {
    "learner2": 2,
    "demo-peer-nakamura": 2,
    "demo-peer-kobayashi": 2,
    "demo-peer-kato": 1,
}


def _peer(username, last, first):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"last_name": last, "first_name": first}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _users():
    model = get_user_model()
    users = {u.username: u for u in model.objects.filter(username__in=["learner1", "learner2"])}
    if set(users) != {"learner1", "learner2"}:
        raise LookupError("Run manage.py dxq_demo_accounts first.")
    for username, last, first in PEERS:
        users[username] = _peer(username, last, first)
    return users


def _engine():
    api.configure(
        BLOCK_KEY,
        WORKBENCH_COURSE,
        required_reviews=ISSUE_MAP["required_reviews"],
        lease_minutes=ISSUE_MAP["lease_minutes"],
        target_hours=ISSUE_MAP["target_hours"],
        give_to_get=ISSUE_MAP["give_to_get"],
        team_mode=False,
    )
    return api.publish_rubric(BLOCK_KEY, ISSUE_MAP["rubric"])


def _reviews_by(reviewer, authors, needed=ISSUE_MAP["required_reviews"]):
    """``reviewer`` reviews until ``needed`` reviews are done (allocation picks the work)."""
    added = 0
    while api.reviews_done(BLOCK_KEY, reviewer) < needed:
        lease = api.current_assignment(BLOCK_KEY, reviewer) or api.request_review(
            BLOCK_KEY, reviewer
        )
        if lease is None:
            break
        author = authors.get(lease.submission_id)
        levels = QUALITY.get(author, (2, 2, 2, 2))
        shift = HARSHNESS.get(reviewer.username, 0)
        advice, overall = ADVICE[(lease.submission_id + added) % len(ADVICE)]
        api.submit_review(
            lease.id,
            reviewer,
            scores={
                c: f"l{max(0, min(4, level + shift))}"
                for c, level in zip(CRITERIA, levels, strict=True)
            },
            comments={"advice": advice},
            overall_comment=overall,
        )
        added += 1
    return added


def load(stdout=None):
    """Create the demo data (again: nothing is duplicated); returns what was added."""
    users = _users()
    version = _engine()
    for username in ("learner1", "learner2"):
        TeamMembership.objects.get_or_create(
            course_key=WORKBENCH_COURSE, user=users[username], defaults={"team_id": TEAM}
        )
    added = {"submissions": 0, "reviews": 0}
    submissions = {}
    for username, html in WORKS.items():
        found = api.submission_of(BLOCK_KEY, users[username])
        if found is None:
            found = api.submit(BLOCK_KEY, WORKBENCH_COURSE, users[username], text_html=html.strip())
            added["submissions"] += 1
        submissions[username] = found
    authors = {info.id: username for username, info in submissions.items()}
    for username, count in REVIEW_COUNTS.items():
        added["reviews"] += _reviews_by(users[username], authors, count)
    from .. import grading

    grading.regrade_block(BLOCK_KEY)
    if stdout is not None:
        stdout.write(
            f"  {BLOCK_KEY}: rubric v{version.number}, "
            f"{added['submissions']} submissions and {added['reviews']} reviews added"
        )
    return added
