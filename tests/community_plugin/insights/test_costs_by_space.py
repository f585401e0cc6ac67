"""Costs per member at space scope count only the costs recorded against the space.

World of world.py, period 2026-01-05..01-11 (previous 2025-12-29..01-04). Costs:
- staff, program-wide, 01-01..01-14, 140,000 yen: 70,000 in the period, 40,000 before;
- community masters against the space S, 01-05..01-11, 21,000 yen: all in the period;
- events against another space, 01-01..01-10, 50,000 yen: 30,000 in the period (6 of 10
  days), 20,000 before (4 days).
Active in the period: a and b (both members of S). Completers: 7 (31 in January, prorated).
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from community_plugin.insights.metrics import compute
from community_plugin.insights.models import CostEntry
from community_plugin.models import Space

from .world import END, NOW, START, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build()
    world.other = Space.objects.create(slug="other", kind=Space.TEAM, name="Other team")
    CostEntry.objects.create(
        category=CostEntry.MASTERS,
        space=world.space,
        period_start=START,
        period_end=END,
        amount_jpy=21_000,
    )
    CostEntry.objects.create(
        category=CostEntry.EVENTS,
        space=world.other,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 10),
        amount_jpy=50_000,
    )
    return world


def _costs(space, language="en"):
    with translation.override(language):
        return {
            m.key: m
            for m in compute(space, START, END, now=NOW)
            if m.key in ("cost_per_active", "cost_per_completer")
        }


def test_the_program_counts_every_cost_over_everyone_active(world):
    figures = _costs(None)
    total = 70_000 + 21_000 + 30_000
    assert figures["cost_per_active"].value == pytest.approx(total / 2)
    assert figures["cost_per_active"].previous is None  # 60,000 yen but nobody active
    assert figures["cost_per_completer"].value == pytest.approx(total / 7)
    assert figures["cost_per_completer"].previous == pytest.approx((40_000 + 20_000) / 4)
    assert dict(figures["cost_per_active"].rows)["Total"] == total
    assert "including those recorded against a space" in figures["cost_per_active"].note


def test_a_space_counts_only_its_own_costs_over_its_own_active_members(world):
    figures = _costs(world.space)
    active = figures["cost_per_active"]
    assert active.value == pytest.approx(21_000 / 2)
    assert active.previous is None  # no cost of S and nobody active before
    assert active.rows == [("Community masters", 21_000), ("Total", 21_000), ("Active members", 2)]
    assert "Only the costs recorded against this space" in active.note
    assert "Program-wide costs are not shared out" in active.note
    completer = figures["cost_per_completer"]
    assert (completer.value, completer.previous) == (None, None)
    assert "Completers are counted for the whole program only" in completer.note


def test_a_space_with_costs_but_no_active_member_shows_no_figure(world):
    figures = _costs(world.other)
    assert figures["cost_per_active"].value is None
    assert dict(figures["cost_per_active"].rows)["Total"] == 30_000


def test_a_deleted_space_leaves_its_costs_to_the_program(world):
    before = _costs(None)["cost_per_active"].value
    world.other.delete()
    assert CostEntry.objects.filter(space__isnull=True).count() == 2
    assert _costs(None)["cost_per_active"].value == before


def test_the_space_note_is_shown_beside_the_figure_in_japanese(world, demo_accounts):
    client = Client()
    client.force_login(demo_accounts["operator"])
    page = client.get(
        reverse("dxq_insights:dashboard"),
        {"start": START.isoformat(), "end": END.isoformat(), "space": str(world.space.pk)},
    ).content.decode()
    section = page[page.index('id="metric-cost_per_active"') :]
    section = section[: section.index("</section>")]
    with translation.override("ja"):
        note = str(_costs(world.space, "ja")["cost_per_active"].note)
    assert escape(note) in section
    assert "¥10,500" in section


def test_a_cost_is_recorded_against_a_space_on_the_costs_page(world, demo_accounts):
    client = Client()
    client.force_login(demo_accounts["operator"])
    url = reverse("dxq_insights:costs")
    client.post(
        url,
        {
            "add_cost": "1",
            "cost-category": "events",
            "cost-program": "community",
            "cost-space": str(world.space.pk),
            "cost-period_start": "2026-02-01",
            "cost-period_end": "2026-02-28",
            "cost-amount_jpy": "80000",
        },
    )
    client.post(
        url,
        {
            "add_cost": "1",
            "cost-category": "platform",
            "cost-program": "community",
            "cost-space": "",
            "cost-period_start": "2026-02-01",
            "cost-period_end": "2026-02-28",
            "cost-amount_jpy": "30000",
        },
    )
    assert CostEntry.objects.get(amount_jpy=80_000).space == world.space
    assert CostEntry.objects.get(amount_jpy=30_000).space is None
    page = client.get(url).content.decode()
    row = page[page.index("¥80000") - 400 : page.index("¥80000")]
    assert f"<td>{world.space.name}</td>" in row
