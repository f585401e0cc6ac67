"""``manage.py dxq_peer_coverage``: one coverage pass now (what the beat task runs)."""

from django.core.management.base import BaseCommand

from deliverable_xblock import coverage


class Command(BaseCommand):
    help = "Find submissions at risk of missing their review target; widen the pool and notify."

    def handle(self, *args, **options):
        summary = coverage.check_coverage()
        self.stdout.write(", ".join(f"{key}={value}" for key, value in summary.items()))
