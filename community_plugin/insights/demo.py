"""Demo history for the insights pages: six weeks of community activity, feedback in every
state, costs, the ready-made surveys and a closed survey with 56 responses.

Threads and replies are written straight into discussions' tables with past timestamps (the
posting service stamps "now"); they are plain text, so their HTML is the escaped text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from html import escape

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from community_plugin import api as community
from community_plugin.discussions.models import Flag, Post, Reaction, Thread
from community_plugin.models import Attendance, Rsvp, StudySession

from . import surveys
from .models import CompleterCount, CostEntry, FeedbackItem, Question, Response, Survey, Visit

DEMO_COURSE_KEY = "course-v1:DXQuest+CS101+2026"
DEMO_COURSE_NAME = "ケーススタディ: みどり精密工業のDX"
MARKER_SURVEY = "case-study-exit-2025"
PEERS = 36
WEEKS = 6
FAMILY = [
    "伊藤",
    "渡辺",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "清水",
]
GIVEN = ["健太", "由美", "翔", "愛", "大輔", "麻衣", "拓也", "彩"]
SKILLS = ["dss-p/v1/BT-1-1", "dss-p/v1/DU-1-1", "dss-p/v1/DU-2-1", "dss-p/v1/BT-2-3"]
QUESTIONS = [
    "受注実績の月次集計で、返品はどう扱えばよいですか",
    "生産日報の稼働率の分母は何を使いますか",
    "顧客マスタの業種コードの意味を教えてください",
    "提案資料の「効果試算」はどこまで細かく書くべきですか",
    "ピボットテーブルで前年同月比を出す方法",
    "不良率の推移グラフ、軸の取り方で迷っています",
    "経営者向けの1枚目に何を書けばよいでしょう",
    "外れ値を除くかどうかの判断基準は",
]
IDEAS = [
    "週1回のデータ読み会をしませんか",
    "用語集をみんなで作りませんか",
    "提案資料の相互レビュー会",
]
ANSWERS = [
    "私はこうしました。まず期間を揃えてから比べると分かりやすかったです。",
    "ユニット1の説明資料の3ページ目に定義があります。",
    "同じところで迷いました。分母は計画稼働時間にしました。",
    "経営者向けなら結論を先に、数字は3つまでに絞るのがよいと思います。",
    "SQLなら GROUP BY のあとに前年の値を結合すると出せます。",
]
FEEDBACK = [
    (
        "content",
        "case_study",
        "ユニット2のデータ項目の説明がもう少し欲しいです。",
        "done",
        "データ項目の説明が足りない",
        "各データセットに項目定義の表を追加しました(2月10日)。",
    ),
    (
        "platform",
        "portal",
        "スマートフォンで表が横にはみ出して読みにくいです。",
        "done",
        "スマートフォンで表が読みにくい",
        "表を横スクロールできるようにし、文字サイズを調整しました。",
    ),
    (
        "community",
        "community",
        "勉強会の録画を後から見られるようにしてほしい。",
        "done",
        "勉強会を後から見たい",
        "勉強会のまとめスレッドに録画とメモを載せる運用にしました。",
    ),
    (
        "operations",
        "collaboration",
        "企業との面談日程の調整に時間がかかります。",
        "planned",
        "",
        "",
    ),
    ("idea", "case_study", "製造業以外のケースも学びたいです。", "planned", "", ""),
    ("content", "case_study", "提出物の評価基準を事前に知りたい。", "triaged", "", ""),
    ("platform", "portal", "ログイン後に前回の続きに戻れると嬉しい。", "triaged", "", ""),
    ("community", "community", "質問に回答がつくまで時間がかかることがある。", "new", "", ""),
    ("other", "general", "修了証の英語版はありますか。", "new", "", ""),
    ("idea", "community", "修了生と受講生が話せる場がほしい。", "new", "", ""),
    ("operations", "general", "案内メールが多すぎます。", "declined", "", ""),
]


def _user(username, family, given, email=True):
    users = get_user_model().objects
    user, created = users.get_or_create(
        username=username,
        defaults={
            "first_name": given,
            "last_name": family,
            "email": f"{username}@dxquest.example" if email else "",
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _peers():
    return [
        _user(f"peer{n:02d}", FAMILY[n % len(FAMILY)], GIVEN[n % len(GIVEN)])
        for n in range(1, PEERS + 1)
    ]


@contextlib.contextmanager
def past_timestamps(*models):
    """Let ``bulk_create`` keep the ``created`` (and ``last_activity``) values given."""
    fields = [
        model._meta.get_field(name)
        for model in models
        for name in ("created", "last_activity")
        if any(f.name == name for f in model._meta.fields)
    ]
    saved = [(f, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field, value in saved:
            field.auto_now_add = value


def _html(text):
    return f"<p>{escape(text)}</p>"


def _activity(rng, space, people, staff, now):
    """Threads, replies, reactions, flags and visits over the last ``WEEKS`` weeks."""
    start = now - dt.timedelta(weeks=WEEKS)
    threads, replies, flags = [], [], []
    for day in range(WEEKS * 7):
        base = start + dt.timedelta(days=day)
        for _ in range(rng.randint(1, 4)):
            author = rng.choice(people)
            kind = Thread.IDEA if rng.random() < 0.15 else Thread.QUESTION
            title = rng.choice(IDEAS if kind == Thread.IDEA else QUESTIONS)
            created = base + dt.timedelta(hours=rng.uniform(8, 22))
            threads.append(
                Thread(
                    space=space,
                    kind=kind,
                    title=title,
                    body_md=title,
                    body_html=_html(title),
                    author=author,
                    skills=rng.sample(SKILLS, 1) if rng.random() < 0.6 else [],
                    created=created,
                    last_activity=created,
                )
            )
    Thread.objects.bulk_create(threads)
    for thread in Thread.objects.filter(space=space, created__gte=start):
        delay = rng.choice([0.3, 0.8, 2, 3, 6, 12, 30, None])
        if delay is None or thread.created + dt.timedelta(hours=delay) > now:
            continue
        when = thread.created + dt.timedelta(hours=delay)
        for index in range(rng.randint(1, 4)):
            answerer = (
                rng.choice(staff) if index == 0 and rng.random() < 0.2 else rng.choice(people)
            )
            if answerer == thread.author:
                continue
            text = rng.choice(ANSWERS)
            replies.append(
                Post(
                    thread=thread,
                    author=answerer,
                    body_md=text,
                    body_html=_html(text),
                    created=when,
                )
            )
            when += dt.timedelta(hours=rng.uniform(0.5, 20))
            if when > now:
                break
    Post.objects.bulk_create(replies)
    for thread in Thread.objects.filter(space=space, created__gte=start, kind=Thread.QUESTION):
        first = thread.posts.order_by("created").first()
        if first is not None and rng.random() < 0.5:
            Thread.objects.filter(pk=thread.pk).update(
                accepted_post=first, reply_count=thread.posts.count(), last_activity=first.created
            )
    posts = list(Post.objects.filter(thread__space=space, created__gte=start))
    reactions = []
    for post in rng.sample(posts, min(len(posts), len(posts) // 2)):
        reactor = rng.choice(people)
        if reactor != post.author:
            reactions.append(
                Reaction(
                    thread_id=post.thread_id,
                    post=post,
                    user=reactor,
                    kind=rng.choice([Reaction.HELPFUL, Reaction.LEARNED]),
                    created=post.created + dt.timedelta(hours=2),
                )
            )
    Reaction.objects.bulk_create([r for r in reactions if r.created <= now], ignore_conflicts=True)
    for post in rng.sample(posts, min(6, len(posts))):
        created = post.created + dt.timedelta(hours=1)
        resolved = created + dt.timedelta(hours=rng.uniform(1, 30))
        flags.append(
            Flag(
                thread_id=post.thread_id,
                post=post,
                user=rng.choice(people),
                reason=Flag.OFF_TOPIC,
                created=created,
                resolved=resolved if resolved < now else None,
            )
        )
    Flag.objects.bulk_create(flags)
    today = timezone.localdate()
    visits = []
    for person in people + staff:
        habit = rng.uniform(0.1, 0.7)
        for day in range(WEEKS * 7 + 1):
            if rng.random() < habit:
                visits.append(Visit(user=person, day=today - dt.timedelta(days=day)))
    Visit.objects.bulk_create(visits, ignore_conflicts=True)
    return len(threads), len(replies)


def _sessions(rng, space, people, host, now):
    for week in range(1, WEEKS):
        starts = (now - dt.timedelta(weeks=week)).replace(
            hour=11, minute=0, second=0, microsecond=0
        )
        session, _created = StudySession.objects.get_or_create(
            space=space,
            title=f"データ読み会 第{WEEKS - week}回",
            defaults={"starts_at": starts, "ends_at": starts + dt.timedelta(hours=1), "host": host},
        )
        for person in rng.sample(people, 12):
            status = rng.choice([Rsvp.GOING, Rsvp.GOING, Rsvp.INTERESTED])
            Rsvp.objects.get_or_create(session=session, user=person, defaults={"status": status})
            if status == Rsvp.GOING:
                Attendance.objects.get_or_create(
                    session=session, user=person, defaults={"attended": rng.random() < 0.7}
                )


def _feedback(rng, authors, owner, now):
    for index, (category, program, text, status, said, did) in enumerate(FEEDBACK):
        created = now - dt.timedelta(days=3 * (len(FEEDBACK) - index))
        item = FeedbackItem.objects.create(
            author=authors[index % len(authors)],
            category=category,
            program=program,
            text=text,
            page_url="/workbench/scenario/dxq_case.1/" if category == "content" else "/home/",
            status=status,
            owner=owner if status != "new" else None,
            reply="ご意見ありがとうございます。対応しました。" if status == "done" else "",
            published=bool(said),
            public_said=said,
            public_did=did,
            closed=created + dt.timedelta(days=2) if status in ("done", "declined") else None,
            tags=[category],
        )
        FeedbackItem.objects.filter(pk=item.pk).update(created=created)
    FeedbackItem.objects.create(
        author=authors[0],
        category="content",
        program="case_study",
        text="データ項目の定義を載せてほしい。",
        status="done",
        duplicate_of=FeedbackItem.objects.order_by("created").first(),
    )


def _costs(today, space):
    """Three months of costs; the community masters' fees are recorded against the cohort's
    space (they serve it), the rest program-wide."""
    month = today.replace(day=1)
    for back in range(3):
        first = (month - dt.timedelta(days=28 * back)).replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        for category, amount in (
            (CostEntry.STAFF, 1_200_000),
            (CostEntry.PLATFORM, 300_000),
            (CostEntry.MASTERS, 240_000),
            (CostEntry.EVENTS, 80_000),
        ):
            CostEntry.objects.get_or_create(
                category=category,
                period_start=first,
                period_end=last,
                defaults={
                    "amount_jpy": amount,
                    "note": "デモ",
                    "space": space if category == CostEntry.MASTERS else None,
                },
            )
        CompleterCount.objects.get_or_create(
            period_start=first, period_end=last, defaults={"count": 20 + 5 * back, "note": "デモ"}
        )


def _closed_survey(rng, operator, now):
    survey = Survey.objects.create(
        slug=MARKER_SURVEY,
        title_ja="2025年度 ケーススタディ修了時アンケート",
        title_en="Case-study program exit survey 2025",
        target=Survey.LINK,
        anonymous=True,
        opens=now - dt.timedelta(days=60),
        closes=now - dt.timedelta(days=20),
        created_by=operator,
        intro_ja="修了時の満足度と学んだことを伺います。",
    )
    spec = [
        ("likert", "ケーススタディの難易度は適切だった", "The difficulty was right", []),
        ("nps", "このプログラムを知人に勧めますか", "Would you recommend the program?", []),
        (
            "single",
            "最も役立った単元",
            "Most useful unit",
            [
                ("データの理解", "Understanding data"),
                ("課題の整理", "Organising problems"),
                ("提案資料", "Proposal deck"),
            ],
        ),
        ("number", "1週間あたりの学習時間", "Hours of study per week", []),
        ("text", "改善してほしい点", "What should we improve?", []),
    ]
    questions = []
    for position, (kind, ja, en, options) in enumerate(spec, 1):
        questions.append(
            Question.objects.create(
                survey=survey,
                position=position,
                kind=kind,
                text_ja=ja,
                text_en=en,
                required=kind != "text",
                choices=[
                    {"value": f"o{n}", "ja": a, "en": b} for n, (a, b) in enumerate(options, 1)
                ],
            )
        )
    comments = [
        "データが実務に近くてよかった",
        "もっとSQLの練習がしたい",
        "ピアレビューが参考になった",
        "",
    ]
    responses = []
    for _ in range(56):
        likert, nps, unit, hours, text = questions
        answers = {
            str(likert.pk): rng.choice([3, 4, 4, 5, 2]),
            str(nps.pk): rng.choice([10, 9, 9, 8, 7, 6, 10, 5]),
            str(unit.pk): rng.choice(["o1", "o2", "o3", "o1"]),
            str(hours.pk): rng.choice([2, 3, 4, 5, 6, 8]),
        }
        comment = rng.choice(comments)
        if comment:
            answers[str(text.pk)] = comment
        responses.append(
            Response(
                survey=survey,
                answers=answers,
                submitted_on=(now - dt.timedelta(days=rng.randint(21, 50))).date(),
            )
        )
    Response.objects.bulk_create(responses)
    return survey


@transaction.atomic
def load(seed=2026):
    """Load the demo once; returns a summary line."""
    users = get_user_model().objects
    operator = users.filter(username="operator").first()
    learners = list(users.filter(username__in=["learner1", "learner2"]).order_by("username"))
    if operator is None or len(learners) < 2:
        raise RuntimeError("Run dxq_demo_accounts first.")
    surveys.install_ready_surveys(operator)
    # learner2 completed last year's program: an alumnus the follow-up survey asks.
    community.join_alumni(learners[1].pk)
    if Survey.objects.filter(slug=MARKER_SURVEY).exists():
        return "insights demo already loaded"
    rng = random.Random(seed)
    now = timezone.now()
    peers = _peers()
    for peer in peers:
        community.add_course_member(peer.pk, DEMO_COURSE_KEY, DEMO_COURSE_NAME)
    for peer in peers[:20]:
        community.join_alumni(peer.pk)
    space = community.course_space(DEMO_COURSE_KEY, DEMO_COURSE_NAME)
    people = peers + learners
    staff = [operator]
    with past_timestamps(Thread, Post, Reaction, Flag):
        threads, replies = _activity(rng, space, people, staff, now)
    _sessions(rng, space, people, operator, now)
    _feedback(rng, learners + peers[:5], operator, now)
    _costs(timezone.localdate(), space)
    _closed_survey(rng, operator, now)
    return f"insights demo loaded: {threads} threads, {replies} replies, 56 survey responses"
