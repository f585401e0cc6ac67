"""``manage.py dxq_peer_regrade [block_key ...]``: re-estimate and publish final grades now."""

from django.core.management.base import BaseCommand

from deliverable_xblock import grading
from deliverable_xblock.models import DeliverableSettings


class Command(BaseCommand):
    help = "Re-estimate reviewers and grades of deliverables; publish final grades."

    def add_arguments(self, parser):
        parser.add_argument("block_keys", nargs="*", help="default: every configured deliverable")

    def handle(self, *args, **options):
        keys = options["block_keys"] or list(
            DeliverableSettings.objects.values_list("block_key", flat=True)
        )
        for key in keys:
            result = grading.regrade_block(key)
            count = 0 if result is None else len(result.items)
            self.stdout.write(f"{key}: {count} submissions estimated")
