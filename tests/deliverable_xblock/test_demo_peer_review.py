"""``manage.py dxq_demo_peer_review``: calibration items for the demo deliverable, idempotent."""

import io

import pytest
from django.core.management import CommandError, call_command

from deliverable_xblock.blocks import demo
from deliverable_xblock.models import Submission


def test_needs_the_demo_deliverable(db):
    with pytest.raises(CommandError, match="dxq_demo_deliverable"):
        call_command("dxq_demo_peer_review", stdout=io.StringIO())


def test_adds_three_gold_items_once(demo_accounts):
    call_command("dxq_demo_deliverable", stdout=io.StringIO())
    for _ in range(2):
        call_command("dxq_demo_peer_review", stdout=io.StringIO())
    golds = Submission.objects.filter(block_key=demo.BLOCK_KEY, is_gold=True)
    assert golds.count() == 3
    totals = sorted(sum(g.expert_scores.values()) for g in golds)
    assert totals[0] < totals[1] < totals[2]  # the lowest, a middle and the best example
