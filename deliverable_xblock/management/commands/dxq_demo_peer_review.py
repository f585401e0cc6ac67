"""``manage.py dxq_demo_peer_review``: calibration items and a coverage pass for the demo
deliverable (idempotent; run after ``dxq_demo_deliverable``)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from deliverable_xblock import api, coverage, grading
from deliverable_xblock.blocks.demo import BLOCK_KEY
from deliverable_xblock.blocks.identity import WORKBENCH_COURSE
from deliverable_xblock.models import Submission

GOLD_TEXTS = (
    "<p>課題マップ（模範例）：受注から出荷までの待ち時間を工程別に測り、最大の待ちを特定した。</p>",
    "<p>課題マップ（標準例）：課題は挙げているが、データによる裏付けが一部にとどまる。</p>",
    "<p>課題マップ（要改善例）：印象に基づく課題の列挙で、測定や優先順位がない。</p>",
)


def _option(options, index):
    """The experts' option for gold item ``index``: the best, a middle one, the lowest."""
    ranked = sorted(options, key=lambda option: option["points"], reverse=True)
    position = (0, len(ranked) // 2, len(ranked) - 1)[index]
    return ranked[position]["id"]


class Command(BaseCommand):
    help = "Add 3 calibration (gold) items with expert scores to the demo deliverable."

    def handle(self, *args, **options):
        rubric = api.current_rubric(BLOCK_KEY)
        if rubric is None:
            raise CommandError("Run dxq_demo_deliverable first (the demo rubric is missing).")
        operator = get_user_model().objects.filter(username="operator").first()
        if operator is None:
            raise CommandError("Run dxq_demo_accounts first (the operator account is missing).")
        existing = Submission.objects.filter(block_key=BLOCK_KEY, is_gold=True).count()
        scored = [c for c in rubric["criteria"] if not c.get("feedback_only") and c["options"]]
        for index in range(existing, len(GOLD_TEXTS)):
            expert = {c["id"]: _option(c["options"], index) for c in scored}
            api.create_gold(
                BLOCK_KEY,
                WORKBENCH_COURSE,
                operator,
                text_html=GOLD_TEXTS[index],
                expert_scores=expert,
            )
        grading.regrade_block(BLOCK_KEY)
        summary = coverage.check_coverage(block_keys=[BLOCK_KEY])
        self.stdout.write(
            f"peer review demo: {len(GOLD_TEXTS)} calibration items; coverage {summary}"
        )
