"""Every dashboard figure: the previous period computed by hand, its chart, its table, its trend
and its own CSV and XLSX downloads (the world of world.py)."""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from community_plugin.insights.metrics import compute

from .world import END, NOW, START, build

pytestmark = pytest.mark.django_db

# The previous period, 2025-12-29..2026-01-04, holds one question (t0, by a, on 01-01 10:00)
# answered by b an hour later, one feedback item, no visit, flag or study session, and four days
# of the 01-01..01-14 cost (140,000 yen) and of the January completers (31).
PREVIOUS = {
    "stickiness": 0.0,  # nobody visited; c's visit of 12-20 only counts towards MAU
    "engaged_users": 2 / 7,  # a and b on 01-01
    "new_contributors": 2,  # a and b
    "threads": 1,
    "posts": 1,
    "first_response": 1.0,  # b after one hour
    "unanswered_24h": 0.0,
    "unanswered_72h": 0.0,
    "resolution": 0.0,  # no accepted answer
    "peer_answers": 1.0,  # b is a peer
    "reciprocity": 0.0,  # a asked and answered nobody
    "concentration": 1.0,  # b gave the only answer
    "returning_contributors": None,  # nobody contributed the week before
    "rsvp_attendance": None,  # no session held
    "flags_per_100": 0.0,
    "flag_resolution": None,  # no flag
    "skill_coverage": 0.0,
    "feedback": 1,
    "cost_per_active": None,  # 40,000 yen but nobody active
    "cost_per_completer": 40_000 / 4,
}
# The change against the previous period (None when the previous figure is 0 or missing).
TREND = {
    "engaged_users": (13 / 7) / (2 / 7) - 1,
    "new_contributors": 0.5,
    "threads": 4.0,
    "posts": 6.0,
    "first_response": 2.5,
    "peer_answers": (2 / 3) - 1,
    "concentration": 0.4 - 1,
    "feedback": 1.0,
    "cost_per_completer": 0.0,
}


@pytest.fixture
def world():
    return build()


def test_every_figure_has_its_previous_period_computed_by_hand(world):
    figures = {m.key: m for m in compute(None, START, END, now=NOW)}
    assert set(figures) == set(PREVIOUS)
    for key, expected in PREVIOUS.items():
        assert figures[key].previous == pytest.approx(expected), key
        trend = TREND.get(key)
        assert figures[key].trend == pytest.approx(trend), key


@pytest.fixture
def operator(world, demo_accounts):
    client = Client()
    client.force_login(demo_accounts["operator"])
    return client


PERIOD = {"start": START.isoformat(), "end": END.isoformat(), "space": ""}


def _section(html, key):
    start = html.index(f'id="metric-{key}"')
    return html[start : html.index("</section>", start)]


def test_every_figure_shows_a_chart_a_table_its_trend_and_its_downloads(operator):
    html = operator.get(reverse("dxq_insights:dashboard"), PERIOD).content.decode()
    for key in PREVIOUS:
        section = _section(html, key)
        assert re.search(r'<svg[^>]*role="img"', section), key
        assert re.search(r"<table.*<tbody>.*</table>", section, re.S), key
        assert "前の期間" in section, key
        for fmt in ("csv", "xlsx"):
            assert re.search(rf'href="[^"]*dashboard\.{fmt}\?[^"]*metric={key}"', section), (
                key,
                fmt,
            )


def test_each_figure_downloads_as_csv_and_xlsx_with_its_table(operator, world):
    figures = {m.key: m for m in compute(None, START, END, now=NOW)}
    url = reverse("dxq_insights:dashboard_export", args=["csv"])
    xlsx_url = reverse("dxq_insights:dashboard_export", args=["xlsx"])
    for key, metric in figures.items():
        response = operator.get(url, {**PERIOD, "metric": key})
        assert response.status_code == 200, key
        assert f"-{key}.csv" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == [str(h) for h in metric.headers], key
        assert len(rows) == 1 + len(metric.rows), key
        response = operator.get(xlsx_url, {**PERIOD, "metric": key})
        assert response.status_code == 200, key
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [c.value for c in sheet[1]] == [str(h) for h in metric.headers], key
        assert sheet.max_row == 1 + len(metric.rows), key
    assert operator.get(url, {**PERIOD, "metric": "nope"}).status_code == 404


def test_the_summary_export_holds_value_previous_and_change(operator):
    response = operator.get(reverse("dxq_insights:dashboard_export", args=["csv"]), PERIOD)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(PREVIOUS)
    threads = next(r for r in rows if r[0] == "スレッド")
    assert threads[1:] == ["5", "1", "400.0"]


def test_one_space_is_chosen_on_the_page_and_in_the_exports(operator, world):
    from community_plugin.discussions.models import Thread
    from community_plugin.models import Space

    from .world import at

    other = Space.objects.create(slug="other", kind=Space.TEAM, name="Other")
    extra = Thread.objects.create(
        space=other, author=world.a, title="x", body_md="x", body_html="x"
    )
    Thread.objects.filter(pk=extra.pk).update(created=at(1, 8, 10))
    chosen = {**PERIOD, "space": str(world.space.pk)}
    response = operator.get(reverse("dxq_insights:dashboard_export", args=["csv"]), chosen)
    assert "community-health-s-2026-01-05-2026-01-11.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert next(r for r in rows if r[0] == "スレッド")[1] == "5"
    program = operator.get(reverse("dxq_insights:dashboard_export", args=["csv"]), PERIOD)
    rows = list(csv.reader(io.StringIO(program.content.decode("utf-8-sig"))))
    assert next(r for r in rows if r[0] == "スレッド")[1] == "6"
    page = operator.get(reverse("dxq_insights:dashboard"), chosen).content.decode()
    assert "スペース: S" in page or "スペース:S" in page
    bad = operator.get(reverse("dxq_insights:dashboard"), {**PERIOD, "space": "99999"})
    assert "dxq-metric" not in bad.content.decode()
    assert "正しく選択してください" in bad.content.decode()
