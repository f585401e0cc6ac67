"""Discussions: a space's thread list and Japanese search at 100k posts, beside 1k posts.

For each size the benchmark fills one cohort space with threads of ten posts each (Japanese
text from a fixed vocabulary, indexed as the app indexes it), then requests the space's thread
list (pages 1 to 5) and searches (Japanese and English queries) through Django's test client
as a member, recording the p95 time and the SQL query count of a page. The anchor of each
figure is the same figure at the small size, measured in the same run: the ratio shows how it
grows with 100 times the posts. The issue's goal: ≤ 10 queries a page, p95 ≤ 100 ms for the
list and ≤ 200 ms for search at 100k posts on MariaDB
(``DXQ_DATABASE_URL=mysql://... python -m benchmarks.run community``).

Sizes: ``DXQ_BENCH_DISCUSSION_POSTS`` (default ``1000,100000``).
"""

from __future__ import annotations

import contextlib
import os
import random
import statistics
import time

from .harness import record

POSTS_PER_THREAD = 10
WORDS = [
    "在庫",
    "回転率",
    "受注",
    "納期",
    "遅延",
    "出荷",
    "顧客",
    "業種",
    "売上",
    "金額",
    "数量",
    "単価",
    "生産",
    "日報",
    "設備",
    "段取り",
    "時間",
    "不良",
    "区分",
    "稼働",
    "ライン",
    "医療",
    "機器",
    "自動車",
    "半導体",
    "産業",
    "機械",
    "従業員",
    "意識",
    "調査",
    "自由",
    "記述",
    "集計",
    "平均",
    "分散",
    "相関",
    "回帰",
    "予測",
    "需要",
    "可視化",
    "グラフ",
    "ダッシュボード",
    "ピボット",
    "前処理",
    "欠損",
    "外れ値",
    "文字",
    "コード",
    "変換",
    "改善",
    "提案",
    "経営",
    "社長",
    "現場",
    "データ",
    "分析",
    "仮説",
    "検証",
    "施策",
    "効果",
    "費用",
    "投資",
    "計画",
    "DuckDB",
    "SQL",
    "Excel",
    "Python",
    "pandas",
    "pivot",
    "forecast",
    "dashboard",
    "cleaning",
]
QUERIES = ("在庫回転率", "納期 遅延", "ダッシュボード", "不良 区分 集計", "pivot", "需要予測")
REPEATS = 20


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):
        setup_test_environment()
    # Tables straight from the models (as pytest --no-migrations): faster than every migration.
    settings.MIGRATION_MODULES = {app.label: None for app in django.apps.apps.get_app_configs()}
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return connection


def _sentence(rng):
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))) + "。"


def _fill(space, authors, posts, rng):
    """Threads of POSTS_PER_THREAD posts and their search tokens, inserted in bulk."""
    from django.db import transaction
    from django.utils import timezone

    from community_plugin.discussions import search
    from community_plugin.discussions.models import Post, SearchToken, Thread

    start = timezone.now()
    threads = posts // POSTS_PER_THREAD
    for first in range(0, threads, 500):
        with transaction.atomic():
            batch = [
                Thread(
                    space=space,
                    kind=rng.choice(["question", "question", "idea", "showcase"]),
                    title=_sentence(rng)[:60],
                    body_md=_sentence(rng) + _sentence(rng),
                    body_html="<p>x</p>",
                    author=rng.choice(authors),
                    reply_count=POSTS_PER_THREAD - 1,
                )
                for _ in range(first, min(threads, first + 500))
            ]
            Thread.objects.bulk_create(batch)
            batch = list(Thread.objects.filter(space=space).order_by("-pk")[: len(batch)])
            replies, tokens = [], []
            for thread in batch:
                bodies = [_sentence(rng) for _ in range(POSTS_PER_THREAD - 1)]
                replies += [
                    Post(thread=thread, author=rng.choice(authors), body_md=b, body_html="x")
                    for b in bodies
                ]
                tokens += [
                    SearchToken(thread_id=thread.pk, space_id=space.pk, key=search.key(t), weight=w)
                    for t, w in search.thread_tokens(thread, bodies).items()
                ]
            Post.objects.bulk_create(replies, batch_size=1000)
            SearchToken.objects.bulk_create(tokens, batch_size=2000)
            Thread.objects.filter(pk__in=[t.pk for t in batch]).update(last_activity=start)


def _p95(samples):
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def _measure(client, urls):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, samples = [], []
    for url in urls:
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        counts.append(len(queries.captured_queries))
    for _ in range(REPEATS):
        for url in urls:
            begin = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - begin) * 1000)
    return max(counts), _p95(samples)


def _size(posts, rng):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from community_plugin import api as community
    from community_plugin.discussions.models import SearchToken, Thread

    space = community.course_space(f"course-v1:Bench+D{posts}+2026", f"ベンチ {posts}")
    user_model = get_user_model()
    authors = []
    for i in range(20):
        user, _created = user_model.objects.get_or_create(username=f"bench{posts}-{i}")
        community.add_member(user.pk, space)
        authors.append(user)
    began = time.perf_counter()
    _fill(space, authors, posts, rng)
    fill_seconds = time.perf_counter() - began
    client = Client()
    client.force_login(authors[0])
    base = f"/dxq/discussions/s/{space.slug}/"
    list_urls = [f"{base}?page={n}" for n in range(1, 6)]
    search_urls = [f"{base}?q={q}" for q in QUERIES]
    figures = {
        "list": _measure(client, list_urls),
        "search": _measure(client, search_urls),
    }
    facts = {
        "posts": posts,
        "threads": Thread.objects.filter(space=space).count(),
        "tokens": SearchToken.objects.filter(space=space).count(),
        "fill_s": round(fill_seconds, 1),
    }
    return figures, facts


def run(repeats: int = REPEATS) -> list[dict]:
    sizes = [int(n) for n in os.environ.get("DXQ_BENCH_DISCUSSION_POSTS", "1000,100000").split(",")]
    small, large = min(sizes), max(sizes)
    connection = _setup_django()
    try:
        rng = random.Random(2026)
        small_figures, small_facts = _size(small, rng)
        large_figures, large_facts = _size(large, rng)
        vendor = connection.vendor
        records = []
        for what in ("list", "search"):
            (q_small, ms_small), (q_large, ms_large) = small_figures[what], large_figures[what]
            params = {"database": vendor, "small": small_facts, "large": large_facts}
            records.append(
                record(
                    f"discussions_{what}_p95_ms",
                    ms_large,
                    "ms",
                    f"same page at {small} posts, p95 ms",
                    ms_small,
                    params,
                )
            )
            records.append(
                record(
                    f"discussions_{what}_queries",
                    q_large,
                    "queries",
                    f"same page at {small} posts, queries",
                    q_small,
                    params,
                )
            )
        return records
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )
